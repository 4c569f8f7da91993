package model

import (
	"strings"
	"unicode/utf8"
)

// Limits on what rapport stores. They keep one record on one screen and keep a
// pasted novel or a runaway import from bloating the file.
const (
	MaxNameLen      = 200       // names and titles, in characters
	MaxShortTextLen = 2000      // one-line fields: industry, title, channel…
	MaxLongTextLen  = 256 << 10 // notes, the five Ws, framings: 256 KiB of UTF-8
	MaxCadenceDays  = 3650
	MaxCurrencyLen  = 3
)

// checkName validates a required name-like field.
func checkName(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Invalid(field, "is required")
	}
	if n := utf8.RuneCountInString(v); n > MaxNameLen {
		return Invalid(field, "is %d characters; the limit is %d", n, MaxNameLen)
	}
	return checkUTF8(field, v)
}

// checkShort validates an optional one-line field.
func checkShort(field, v string) error {
	if n := utf8.RuneCountInString(v); n > MaxShortTextLen {
		return Invalid(field, "is %d characters; the limit is %d", n, MaxShortTextLen)
	}
	return checkUTF8(field, v)
}

// checkLong validates an optional long text field.
func checkLong(field, v string) error {
	if len(v) > MaxLongTextLen {
		size, limit := humanBytes(len(v)), humanBytes(MaxLongTextLen)
		if size == limit { // a few bytes over rounds to the limit itself
			return Invalid(field, "is just over %s, the limit", limit)
		}
		return Invalid(field, "is %s; the limit is %s", size, limit)
	}
	return checkUTF8(field, v)
}

func checkUTF8(field, v string) error {
	if !utf8.ValidString(v) {
		return Invalid(field, "is not valid UTF-8 text")
	}
	return nil
}

// checkScale validates an optional 1–5 rating (0 means unset).
func checkScale(field string, v int) error {
	if v < 0 || v > 5 {
		return Invalid(field, "must be 1–5 (or empty), not %d", v)
	}
	return nil
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return trimFloat(float64(n)/(1<<20)) + " MiB"
	case n >= 1<<10:
		return trimFloat(float64(n)/(1<<10)) + " KiB"
	}
	return itoa(n) + " bytes"
}
