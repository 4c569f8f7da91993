package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var zoneX = time.FixedZone("X", 3600)

// whenNow is Wednesday 2026-11-25, 10:00 in zone X.
var whenNow = time.Date(2026, 11, 25, 10, 0, 0, 0, zoneX)

func TestParseWhen(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, zoneX)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		in   string
		now  time.Time // zero means whenNow
		want string    // When.String()
	}{
		// ISO and month-day.
		{in: "2026-12-03", want: "2026-12-03"},
		{in: "2027-02-28", want: "2027-02-28"},
		{in: "2028-02-29", want: "2028-02-29"},
		{in: "1900-01-01", want: "1900-01-01"},
		{in: "9999-12-31", want: "9999-12-31"},
		{in: "2026-1-5", want: "2026-01-05"},
		{in: "12-03", want: "2026-12-03"},
		{in: "11-25", want: "2026-11-25"}, // today is not past
		{in: "11-24", want: "2027-11-24"}, // yesterday is
		{in: "1-5", want: "2027-01-05"},

		// Month names.
		{in: "dec 3", want: "2026-12-03"},
		{in: "3 dec", want: "2026-12-03"},
		{in: "december 3", want: "2026-12-03"},
		{in: "December 3", want: "2026-12-03"},
		{in: "DEC 3", want: "2026-12-03"},
		{in: "dec 3 2027", want: "2027-12-03"},
		{in: "3 Dec, 2027", want: "2027-12-03"},
		{in: "dec 3rd", want: "2026-12-03"},
		{in: "1st jan", want: "2027-01-01"},
		{in: "nov 25", want: "2026-11-25"},
		{in: "nov 24", want: "2027-11-24"},
		{in: "sept 1", want: "2027-09-01"},
		{in: "feb 29", want: "2028-02-29"}, // the next leap day
		{in: "feb 29 2028", want: "2028-02-29"},
		{in: "  dec    3  ", want: "2026-12-03"},

		// Relative words.
		{in: "today", want: "2026-11-25"},
		{in: "Today", want: "2026-11-25"},
		{in: "tomorrow", want: "2026-11-26"},
		{in: "tmr", want: "2026-11-26"},
		{in: "TMR", want: "2026-11-26"},

		// Weekdays: strictly after today (a Wednesday).
		{in: "mon", want: "2026-11-30"},
		{in: "monday", want: "2026-11-30"},
		{in: "tue", want: "2026-12-01"},
		{in: "tues", want: "2026-12-01"},
		{in: "wed", want: "2026-12-02"},
		{in: "wednesday", want: "2026-12-02"},
		{in: "thu", want: "2026-11-26"},
		{in: "thurs", want: "2026-11-26"},
		{in: "fri", want: "2026-11-27"},
		{in: "sat", want: "2026-11-28"},
		{in: "sun", want: "2026-11-29"},
		{in: "sunday", want: "2026-11-29"},
		{in: "next mon", want: "2026-11-30"},
		{in: "next wed", want: "2026-12-02"},
		{in: "next friday", want: "2026-11-27"},
		{in: "next week", want: "2026-11-30"},
		{in: "next month", want: "2026-12-01"},

		// Offsets.
		{in: "in 3 days", want: "2026-11-28"},
		{in: "in 1 day", want: "2026-11-26"},
		{in: "in 0 days", want: "2026-11-25"},
		{in: "in 2 weeks", want: "2026-12-09"},
		{in: "in 1 week", want: "2026-12-02"},
		{in: "in a week", want: "2026-12-02"},
		{in: "in 1 month", want: "2026-12-25"},
		{in: "in 2 months", want: "2027-01-25"},
		{in: "in 1 year", want: "2027-11-25"},
		{in: "in 2 years", want: "2028-11-25"},
		{in: "  In   3   DAYS  ", want: "2026-11-28"},
		{in: "+3d", want: "2026-11-28"},
		{in: "3d", want: "2026-11-28"},
		{in: "1w", want: "2026-12-02"},
		{in: "yesterday", want: "2026-11-24"},
		{in: "yday 15:00", want: "2026-11-24 15:00"},
		{in: "-3d", want: "2026-11-22"},
		{in: "-2w", want: "2026-11-11"},
		{in: "-1m", want: "2026-10-25"},
		{in: "-1y", want: "2025-11-25"},
		{in: "3 days ago", want: "2026-11-22"},
		{in: "a week ago at 9am", want: "2026-11-18 09:00"},
		{in: "-1m", now: at("2026-03-31 12:00"), want: "2026-02-28"},
		{in: "+0d", want: "2026-11-25"},
		{in: "+2w", want: "2026-12-09"},
		{in: "+1m", want: "2026-12-25"},
		{in: "+1y", want: "2027-11-25"},
		{in: "+3D", want: "2026-11-28"},
		{in: "in 10000 days", want: "2054-04-12"},
		{in: "+1500w", want: "2055-08-25"},
		{in: "+1200m", want: "2126-11-25"},
		{in: "in 100 years", want: "2126-11-25"},

		// Ends.
		{in: "end of month", want: "2026-11-30"},
		{in: "eom", want: "2026-11-30"},
		{in: "EOM", want: "2026-11-30"},
		{in: "end of week", want: "2026-11-29"},
		{in: "eow", want: "2026-11-29"},

		// Times of day.
		{in: "fri 15:00", want: "2026-11-27 15:00"},
		{in: "fri at 15:00", want: "2026-11-27 15:00"},
		{in: "tomorrow 9:30", want: "2026-11-26 09:30"},
		{in: "2026-12-03 08:05", want: "2026-12-03 08:05"},
		{in: "dec 3 3pm", want: "2026-12-03 15:00"},
		{in: "dec 3 2027 3pm", want: "2027-12-03 15:00"},
		{in: "dec 3 3 PM", want: "2026-12-03 15:00"},
		{in: "3:30pm", want: "2026-11-25 15:30"},
		{in: "15:00", want: "2026-11-25 15:00"},
		{in: "at 15:00", want: "2026-11-25 15:00"},
		{in: "9:00", want: "2026-11-25 09:00"}, // earlier today is still today
		{in: "0:00", want: "2026-11-25 00:00"},
		{in: "23:59", want: "2026-11-25 23:59"},
		{in: "12am", want: "2026-11-25 00:00"},
		{in: "12pm", want: "2026-11-25 12:00"},
		{in: "11:59pm", want: "2026-11-25 23:59"},
		{in: "1am", want: "2026-11-25 01:00"},
		{in: "+2w 8:00", want: "2026-12-09 08:00"},
		{in: "in 3 days 17:45", want: "2026-11-28 17:45"},
		{in: "end of month 17:00", want: "2026-11-30 17:00"},
		{in: "next week 9am", want: "2026-11-30 09:00"},

		// Year and month wrap-around.
		{in: "dec 3", now: at("2026-12-20 12:00"), want: "2027-12-03"},
		{in: "12-03", now: at("2026-12-20 12:00"), want: "2027-12-03"},
		{in: "jan 5", now: at("2026-12-20 12:00"), want: "2027-01-05"},
		{in: "next month", now: at("2026-12-20 12:00"), want: "2027-01-01"},
		{in: "+2w", now: at("2026-12-20 12:00"), want: "2027-01-03"},
		{in: "next week", now: at("2026-12-20 12:00"), want: "2026-12-21"},
		{in: "end of week", now: at("2026-12-20 12:00"), want: "2026-12-20"}, // a Sunday
		{in: "sun", now: at("2026-12-20 12:00"), want: "2026-12-27"},
		{in: "next mon", now: at("2026-11-30 12:00"), want: "2026-12-07"}, // asked on a Monday
		{in: "mon", now: at("2026-11-30 12:00"), want: "2026-12-07"},
		{in: "next week", now: at("2026-11-30 12:00"), want: "2026-12-07"},
		{in: "+1m", now: at("2026-01-31 12:00"), want: "2026-02-28"},
		{in: "in 1 month", now: at("2026-01-31 12:00"), want: "2026-02-28"},
		{in: "+13m", now: at("2026-01-31 12:00"), want: "2027-02-28"},
		{in: "+1m", now: at("2028-01-31 12:00"), want: "2028-02-29"},
		{in: "eom", now: at("2028-02-10 12:00"), want: "2028-02-29"},
		{in: "+1y", now: at("2028-02-29 12:00"), want: "2029-02-28"},
		{in: "feb 29", now: at("2028-02-29 12:00"), want: "2028-02-29"},
		{in: "feb 29", now: at("2028-03-01 12:00"), want: "2032-02-29"},
		{in: "feb 29", now: at("2097-01-01 12:00"), want: "2104-02-29"}, // 2100 is not a leap year
		{in: "tomorrow", now: at("2026-12-31 12:00"), want: "2027-01-01"},

		// The day is now's day in now's zone, not UTC's.
		{in: "today", now: time.Date(2026, 11, 25, 0, 30, 0, 0, zoneX), want: "2026-11-25"},
		{in: "today", now: time.Date(2026, 11, 25, 23, 30, 0, 0, time.FixedZone("W", -10*3600)), want: "2026-11-25"},
	}
	for _, tt := range tests {
		now := tt.now
		if now.IsZero() {
			now = whenNow
		}
		got, err := ParseWhen(tt.in, now)
		if err != nil {
			t.Errorf("ParseWhen(%q, %s): %v", tt.in, now, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseWhen(%q, %s) = %s, want %s", tt.in, now, got, tt.want)
		}
		// String is canonical: it parses back to the same When.
		if again, err := ParseWhen(got.String(), now); err != nil || again != got {
			t.Errorf("ParseWhen(%q) = %v, %v; want %v", got.String(), again, err, got)
		}
	}
}

func TestParseWhenErrors(t *testing.T) {
	tests := []struct {
		in   string
		now  time.Time // zero means whenNow
		want string    // part of the message
	}{
		{in: "", want: "a date is required — try"},
		{in: "   ", want: "a date is required — try"},
		{in: "blorp", want: `can't read "blorp" as a date — try 2026-12-03, dec 3, fri, tomorrow, +2w, in 3 days or end of month`},
		{in: "  Blorp   blorp ", want: `can't read "Blorp blorp" as a date`},
		{in: "-10001d", want: "too far back — at most 10000 days"},
		{in: "3 blorps ago", want: "can't read"},
		{in: "next year", want: "can't read"},
		{in: "next", want: "can't read"},
		{in: "next blorp", want: "can't read"},
		{in: "+3", want: "can't read"},
		{in: "+d", want: "can't read"},
		{in: "+3x", want: "can't read"},
		{in: "+-3d", want: "can't read"},
		{in: "in -3 days", want: "can't read"},
		{in: "in 3 fortnights", want: "can't read"},
		{in: "in three days", want: "can't read"},
		{in: "in 3", want: "can't read"},
		{in: "dec", want: "can't read"},
		{in: "de 3", want: "can't read"},
		{in: "dec 3 27", want: "can't read"},
		{in: "dec 3 10000", want: "can't read"},
		{in: "dec dec", want: "can't read"},
		{in: "mon tue", want: "can't read"},
		{in: "end of year", want: "can't read"},
		{in: "1 2 3 4", want: "can't read"},
		{in: "2026/12/03", want: "can't read"},
		{in: "26-12-03", want: "can't read"},
		{in: "2026-12-03-01", want: "can't read"},
		{in: "20260-12-03", want: "can't read"},
		{in: "2026-012-03", want: "can't read"},
		{in: "-12-03", want: "can't read"},

		// Impossible days.
		{in: "2026-02-30", want: "February 2026 has no day 30 — it has 28 days"},
		{in: "2026-02-29", want: "February 2026 has no day 29"},
		{in: "2026-04-31", want: "April 2026 has no day 31"},
		{in: "2026-12-00", want: "December 2026 has no day 0"},
		{in: "2026-13-01", want: "there is no month 13"},
		{in: "13-01", want: "there is no month 13"},
		{in: "0-10", want: "there is no month 0"},
		{in: "12-32", want: "December has no day 32"},
		{in: "feb 30", want: "February has no day 30"},
		{in: "dec 32", want: "December has no day 32"},
		{in: "dec 0", want: "December has no day 0"},
		{in: "feb 29 2027", want: "February 2027 has no day 29"},
		{in: "1899-12-31", want: "year 1899 is out of range 1900–9999"},
		{in: "dec 3 1899", want: "year 1899 is out of range"},

		// Impossible times.
		{in: "25:00", want: "the hour is 0–23"},
		{in: "tomorrow 24:00", want: "the hour is 0–23"},
		{in: "10:61", want: "the minute is 00–59"},
		{in: "fri 9:60", want: "the minute is 00–59"},
		{in: "13pm", want: "with am/pm the hour is 1–12"},
		{in: "0am", want: "with am/pm the hour is 1–12"},
		{in: "3:5", want: "is not a time of day"},
		{in: "3:055", want: "is not a time of day"},
		{in: "123:00", want: "is not a time of day"},
		{in: "3:pm", want: "is not a time of day"},
		{in: "3:00:00", want: "is not a time of day"},
		{in: "fri 15", want: "can't read"},

		// Bounds.
		{in: "in 10001 days", want: "at most 10000 days"},
		{in: "+1501w", want: "at most 1500 weeks"},
		{in: "in 1201 months", want: "at most 1200 months"},
		{in: "+101y", want: "at most 100 years"},
		{in: "+99999999999999999999999999999999d", want: "at most 10000 days"},
		{in: "in 99999999999999999999999999999999 years", want: "at most 100 years"},
		{in: strings.Repeat(" ", 60) + "today", want: "too long"},
		{in: strings.Repeat("a", 65), want: "65 characters is too long for a date"},
		{in: "tomorrow", now: time.Date(9999, 12, 31, 12, 0, 0, 0, zoneX), want: "lands in the year 10000; dates must be in 1900–9999"},
		{in: "dec 3", now: time.Date(9999, 12, 20, 12, 0, 0, 0, zoneX), want: "lands in the year 10000"},
		{in: "today", now: time.Date(1899, 12, 31, 12, 0, 0, 0, zoneX), want: "lands in the year 1899"},
	}
	for _, tt := range tests {
		now := tt.now
		if now.IsZero() {
			now = whenNow
		}
		got, err := ParseWhen(tt.in, now)
		if err == nil {
			t.Errorf("ParseWhen(%q) = %s, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseWhen(%q) error %v doesn't wrap ErrInvalid", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseWhen(%q) error %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestWhenString(t *testing.T) {
	d := MustDate("2026-12-03")
	tests := []struct {
		w    When
		want string
	}{
		{When{}, ""},
		{When{Date: d}, "2026-12-03"},
		{When{Date: d, HasTime: true, Hour: 15}, "2026-12-03 15:00"},
		{When{Date: d, HasTime: true, Hour: 8, Minute: 5}, "2026-12-03 08:05"},
		{When{Date: d, HasTime: true}, "2026-12-03 00:00"},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.w, got, tt.want)
		}
	}
}

func FuzzParseWhen(f *testing.F) {
	seeds := []string{
		"", "today", "tomorrow", "tmr", "2026-12-03", "12-03", "dec 3", "3 dec",
		"december 3", "dec 3 2027", "3 Dec, 2027", "dec 3rd", "feb 29", "mon",
		"friday", "next mon", "next week", "next month", "in 3 days", "in 2 weeks",
		"in 1 month", "in 1 year", "in a week", "+3d", "+2w", "+1m", "+1y",
		"end of month", "eom", "end of week", "fri 15:00", "tomorrow 9:30",
		"2026-12-03 08:05", "dec 3 3pm", "3:30pm", "15:00", "fri at 3 pm",
		"12am", "blorp", "2026-02-30", "13-01", "feb 30", "25:00", "10:61",
		"13pm", "+99999999999999999999d", "in 10001 days", "9999-12-31",
		"1900-01-01", "+100y", "in 10000 days", "-1d", "+", "in", "at", "pm",
		"3 pm", ":", "1:", ":30", "0-0", "--", "ǅec 3", "\xff", "dec\t3\n",
	}
	for _, s := range seeds {
		f.Add(s, whenNow.Unix())
	}
	f.Add("+1m", time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC).Unix())
	f.Add("tomorrow", time.Date(9999, 12, 31, 12, 0, 0, 0, time.UTC).Unix())
	f.Add("eom", int64(-1<<62))
	f.Add("+100y", int64(1<<62))
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		now := time.Unix(sec, 0).In(zoneX)
		w, err := ParseWhen(s, now)
		w2, err2 := ParseWhen(s, now)
		if w != w2 || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("ParseWhen(%q) not deterministic: %v, %v then %v, %v", s, w, err, w2, err2)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseWhen(%q) error %v doesn't wrap ErrInvalid", s, err)
			}
			return
		}
		if !w.Date.InRange() {
			t.Fatalf("ParseWhen(%q) = %v, out of range", s, w)
		}
		if w.Hour < 0 || w.Hour > 23 || w.Minute < 0 || w.Minute > 59 || (!w.HasTime && (w.Hour != 0 || w.Minute != 0)) {
			t.Fatalf("ParseWhen(%q) = %#v, bad time of day", s, w)
		}
		if again, err := ParseWhen(w.String(), now); err != nil || again != w {
			t.Fatalf("ParseWhen(%q) = %v, but its String parses as %v, %v", s, w, again, err)
		}
	})
}

// TestParseWhenBack: a day that has happened. Weekdays and days without a
// year that ParseWhen puts ahead are the last ones; forms that say which
// way they go are read as typed (the caller refuses what is still to come).
func TestParseWhenBack(t *testing.T) {
	// whenNow is Wednesday 25 November 2026.
	for _, tt := range []struct{ in, want string }{
		{"today", "2026-11-25"},
		{"yesterday", "2026-11-24"},
		{"mon", "2026-11-23"},
		{"wed", "2026-11-18"}, // today's weekday: a week ago
		{"fri 15:00", "2026-11-20 15:00"},
		{"nov 20", "2026-11-20"},
		{"dec 3", "2025-12-03"},
		{"12-03", "2025-12-03"},
		{"3 dec", "2025-12-03"},
		{"2026-03-02", "2026-03-02"},
		{"-3d", "2026-11-22"},
		{"3 days ago", "2026-11-22"},
		{"tomorrow", "2026-11-26"},     // as typed: ahead
		{"next fri", "2026-11-27"},     // as typed
		{"+2w", "2026-12-09"},          // as typed
		{"2026-12-03", "2026-12-03"},   // a year: as typed
		{"dec 3 2026", "2026-12-03"},   // as typed
		{"in 3 days", "2026-11-28"},    // as typed
		{"3d", "2026-11-28"},           // as typed
		{"end of month", "2026-11-30"}, // as typed
	} {
		w, err := ParseWhenBack(tt.in, whenNow)
		if err != nil || w.String() != tt.want {
			t.Errorf("ParseWhenBack(%q) = %s, %v; want %s", tt.in, w, err, tt.want)
		}
	}
	if _, err := ParseWhenBack("blorp", whenNow); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseWhenBack(blorp) = %v, want ErrInvalid", err)
	}
}
