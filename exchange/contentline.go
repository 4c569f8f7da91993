package exchange

import (
	"io"
	"strings"
	"unicode/utf8"
)

// iCalendar (RFC 5545) and vCard (RFC 2426, RFC 6350) share the same
// "content line" syntax: NAME;PARAM=VALUE:value, lines of at most 75 octets
// folded by CRLF followed by a space, and backslash escapes in text values.

// maxLineOctets is the longest a content line may be, CRLF not counted.
const maxLineOctets = 75

// lineWriter writes content lines, folding them, and keeps the first write
// error so callers check once at the end.
type lineWriter struct {
	w   io.Writer
	err error
}

// prop writes the property name (with any parameters) and a value that is
// already escaped.
func (lw *lineWriter) prop(name, value string) {
	lw.line(name + ":" + value)
}

// text writes a property whose value is text, escaping it.
func (lw *lineWriter) text(name, value string) {
	lw.line(name + ":" + escapeText(value))
}

// line writes one content line, folded.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	_, lw.err = io.WriteString(lw.w, foldLine(s))
}

// foldLine folds s into physical lines of at most 75 octets, never splitting
// a UTF-8 character, and ends each with CRLF. A continuation line starts with
// a space, which counts towards its 75 octets.
func foldLine(s string) string {
	if len(s) <= maxLineOctets {
		return s + "\r\n"
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/maxLineOctets*3 + 2)
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8 at all; escapeText prevents this
			cut = limit
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// textEscaper escapes a text value: backslash, semicolon, comma and newline.
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)

// escapeText makes s a valid text value: valid UTF-8, control characters
// replaced, line ends as \n, and the separators escaped.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return textEscaper.Replace(replaceControls(s))
}
