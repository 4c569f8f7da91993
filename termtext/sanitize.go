package termtext

import (
	"strings"
	"unicode/utf8"
)

// TabWidth is how many spaces a tab becomes on screen.
const TabWidth = 4

// Sanitize makes user text safe to draw: every control character except
// newline becomes a visible marker (C0 controls their Unicode control
// picture, e.g. ESC → ␛, others and C1 controls "�"), tabs become spaces,
// invalid UTF-8 becomes "�", and bidirectional overrides that could disguise
// text are shown as "�". Text from the database or a file never reaches the
// terminal raw: an escape sequence could retitle the window, clear the screen
// or write the clipboard.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune('�')
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(strings.Repeat(" ", TabWidth))
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␀ … ␟
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r < 0xa0, isBidiControl(r), r == 0x2028, r == 0x2029:
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SanitizeLine is Sanitize for one-line places (list rows, titles): newlines
// become "⏎ " so a row never breaks the layout.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", " ⏎ ")
}

// isPlain reports whether s is printable ASCII (with newlines), the common
// case, so it can be returned as it is without allocating.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
