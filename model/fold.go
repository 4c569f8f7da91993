package model

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased and without diacritics, so "Zoë" and "zoe" match.
// Names are compared, searched and sorted by their fold.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	return foldSpecial.Replace(out)
}

// Letters that NFD does not decompose but that people type without the mark.
var foldSpecial = strings.NewReplacer("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ı", "i")

func itoa(n int) string { return strconv.Itoa(n) }

func trimFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', 1, 64)
}
