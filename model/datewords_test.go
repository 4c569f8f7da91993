package model

import "testing"

func TestDateWords(t *testing.T) {
	today := MustDate("2026-12-06") // a Sunday
	for _, c := range []struct{ day, rel, age string }{
		{"2026-12-06", "today", "today"},
		{"2026-12-07", "tomorrow", "in 1d"},
		{"2026-12-11", "fri", "in 5d"},
		{"2026-12-13", "13 Dec", "in 7d"},
		{"2027-01-15", "15 Jan 27", "in 40d"},
		{"2026-12-03", "3d late", "3d"},
		{"2026-08-29", "99d late", "99d"},
		{"2025-07-01", "17mo late", "17mo"},
		{"2023-01-01", "3y late", "3y"},
		{"2017-02-25", "9y late", "9y"},
	} {
		d := MustDate(c.day)
		if got := d.Relative(today); got != c.rel || len([]rune(got)) > 9 {
			t.Errorf("%s.Relative = %q, want %q (at most 9 cells, a list's due column)", c.day, got, c.rel)
		}
		if got := Age(d, today); got != c.age {
			t.Errorf("Age(%s) = %q, want %q", c.day, got, c.age)
		}
	}
	if got := Age(Date{}, today); got != "never" {
		t.Errorf("Age of no day = %q", got)
	}
}
