package termtext

import "testing"

func TestFitAndClip(t *testing.T) {
	tests := []struct {
		in        string
		width     int
		fit, clip string
	}{
		{"Zoë", 5, "Zoë  ", "Zoë"},
		{"Nordlicht Energie", 8, "Nordlic…", "Nordlic…"},
		{"日本語", 4, "日… ", "日…"}, // wide runes count two cells
		{"\x1b[1mbold\x1b[0m", 3, "\x1b[1mbo…\x1b[0m", "\x1b[1mbo…\x1b[0m"},
		{"any", 0, "", ""},
	}
	for _, tt := range tests {
		if got := Fit(tt.in, tt.width); got != tt.fit {
			t.Errorf("Fit(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.fit)
		}
		if got := Clip(tt.in, tt.width); got != tt.clip {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.clip)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "days", 1: "day", 2: "days"} {
		if got := Plural(n, "day", "days"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
