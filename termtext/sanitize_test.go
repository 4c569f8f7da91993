package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Zoë Müller", "Zoë Müller"},
		{"newline kept", "line one\nline two", "line one\nline two"},
		{"OSC retitle", "\x1b]0;pwned\x07hi", "␛]0;pwned␇hi"},
		{"CSI clear screen", "\x1b[2J\x1b[H", "␛[2J␛[H"},
		{"OSC 52 clipboard", "\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"},
		{"C1 CSI", "a\u009b31mb", "a�31mb"},
		{"C1 OSC", "\u009d0;x\u009c", "�0;x�"},
		{"carriage return", "safe\rEVIL", "safe␍EVIL"},
		{"tab", "a\tb", "a    b"},
		{"NUL and DEL", "a\x00b\x7f", "a␀b␡"},
		{"invalid UTF-8", "ok\xff\xfe!", "ok��!"},
		{"truncated rune", "é\xc3", "é�"},
		{"bidi override", "abc\u202edcba", "abc�dcba"},
		{"backspace", "x\by", "x␈y"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Sanitize(%q) is not valid UTF-8", tt.in)
			}
			for _, r := range got {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
					t.Errorf("Sanitize(%q) left control %U", tt.in, r)
				}
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	got := SanitizeLine("first\nsecond\x1b[31m\n")
	if strings.Contains(got, "\n") || got != "first ⏎ second␛[31m" {
		t.Errorf("SanitizeLine = %q", got)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "a\x1b[2Jb", "\u009b", "\xff", "\t\r\n", "Zoë"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range got {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control %U out of %q", r, s)
			}
		}
	})
}
