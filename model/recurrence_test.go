package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRecurrence(t *testing.T) {
	tests := []struct {
		in    string
		want  Recurrence
		str   string // canonical String()
		rrule string
		from  string // a date to step from…
		next  string // …and the expected Next
	}{
		{in: "", want: Recurrence{}, from: "2026-11-25"},
		{in: "none", want: Recurrence{}, from: "2026-11-25"},
		{in: " None ", want: Recurrence{}, from: "2026-11-25"},
		{in: "never", want: Recurrence{}, from: "2026-11-25"},
		{in: "daily", want: Recurrence{RecurDay, 1}, str: "daily", rrule: "FREQ=DAILY", from: "2026-12-31", next: "2027-01-01"},
		{in: "DAILY", want: Recurrence{RecurDay, 1}, str: "daily", rrule: "FREQ=DAILY", from: "2026-11-25", next: "2026-11-26"},
		{in: "weekly", want: Recurrence{RecurWeek, 1}, str: "weekly", rrule: "FREQ=WEEKLY", from: "2026-12-28", next: "2027-01-04"},
		{in: "fortnightly", want: Recurrence{RecurWeek, 2}, str: "every 2 weeks", rrule: "FREQ=WEEKLY;INTERVAL=2", from: "2026-11-25", next: "2026-12-09"},
		{in: "monthly", want: Recurrence{RecurMonth, 1}, str: "monthly", rrule: "FREQ=MONTHLY", from: "2026-01-31", next: "2026-02-28"},
		{in: "monthly", want: Recurrence{RecurMonth, 1}, str: "monthly", rrule: "FREQ=MONTHLY", from: "2028-01-31", next: "2028-02-29"},
		{in: "monthly", want: Recurrence{RecurMonth, 1}, str: "monthly", rrule: "FREQ=MONTHLY", from: "2026-12-15", next: "2027-01-15"},
		{in: "quarterly", want: Recurrence{RecurMonth, 3}, str: "quarterly", rrule: "FREQ=MONTHLY;INTERVAL=3", from: "2026-11-30", next: "2027-02-28"},
		{in: "yearly", want: Recurrence{RecurYear, 1}, str: "yearly", rrule: "FREQ=YEARLY", from: "2028-02-29", next: "2029-02-28"},
		{in: "annually", want: Recurrence{RecurYear, 1}, str: "yearly", rrule: "FREQ=YEARLY", from: "2026-11-25", next: "2027-11-25"},
		{in: "every day", want: Recurrence{RecurDay, 1}, str: "daily", rrule: "FREQ=DAILY", from: "2026-11-25", next: "2026-11-26"},
		{in: "every week", want: Recurrence{RecurWeek, 1}, str: "weekly", rrule: "FREQ=WEEKLY", from: "2026-11-25", next: "2026-12-02"},
		{in: "every month", want: Recurrence{RecurMonth, 1}, str: "monthly", rrule: "FREQ=MONTHLY", from: "2026-11-25", next: "2026-12-25"},
		{in: "every year", want: Recurrence{RecurYear, 1}, str: "yearly", rrule: "FREQ=YEARLY", from: "2026-11-25", next: "2027-11-25"},
		{in: "every 1 days", want: Recurrence{RecurDay, 1}, str: "daily", rrule: "FREQ=DAILY", from: "2026-11-25", next: "2026-11-26"},
		{in: "every 10 days", want: Recurrence{RecurDay, 10}, str: "every 10 days", rrule: "FREQ=DAILY;INTERVAL=10", from: "2026-11-25", next: "2026-12-05"},
		{in: "every 2 weeks", want: Recurrence{RecurWeek, 2}, str: "every 2 weeks", rrule: "FREQ=WEEKLY;INTERVAL=2", from: "2026-12-25", next: "2027-01-08"},
		{in: "Every  2   Week", want: Recurrence{RecurWeek, 2}, str: "every 2 weeks", rrule: "FREQ=WEEKLY;INTERVAL=2", from: "2026-11-25", next: "2026-12-09"},
		{in: "every 3 months", want: Recurrence{RecurMonth, 3}, str: "quarterly", rrule: "FREQ=MONTHLY;INTERVAL=3", from: "2026-11-25", next: "2027-02-25"},
		{in: "every 6 months", want: Recurrence{RecurMonth, 6}, str: "every 6 months", rrule: "FREQ=MONTHLY;INTERVAL=6", from: "2026-08-31", next: "2027-02-28"},
		{in: "every 12 months", want: Recurrence{RecurMonth, 12}, str: "every 12 months", rrule: "FREQ=MONTHLY;INTERVAL=12", from: "2026-11-25", next: "2027-11-25"},
		{in: "every 2 years", want: Recurrence{RecurYear, 2}, str: "every 2 years", rrule: "FREQ=YEARLY;INTERVAL=2", from: "2028-02-29", next: "2030-02-28"},
		{in: "every 4 years", want: Recurrence{RecurYear, 4}, str: "every 4 years", rrule: "FREQ=YEARLY;INTERVAL=4", from: "2028-02-29", next: "2032-02-29"},
		{in: "every 1000 days", want: Recurrence{RecurDay, 1000}, str: "every 1000 days", rrule: "FREQ=DAILY;INTERVAL=1000", from: "2026-11-25", next: "2029-08-21"},
		{in: "every 0001 weeks", want: Recurrence{RecurWeek, 1}, str: "weekly", rrule: "FREQ=WEEKLY", from: "2026-11-25", next: "2026-12-02"},
	}
	for _, tt := range tests {
		got, err := ParseRecurrence(tt.in)
		if err != nil {
			t.Errorf("ParseRecurrence(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseRecurrence(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
		if got.IsZero() != (tt.str == "") {
			t.Errorf("ParseRecurrence(%q).IsZero() = %v", tt.in, got.IsZero())
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseRecurrence(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
		if s := got.RRule(); s != tt.rrule {
			t.Errorf("ParseRecurrence(%q).RRule() = %q, want %q", tt.in, s, tt.rrule)
		}
		if n := got.Next(MustDate(tt.from)).String(); n != tt.next {
			t.Errorf("ParseRecurrence(%q).Next(%s) = %q, want %q", tt.in, tt.from, n, tt.next)
		}
	}
}

func TestParseRecurrenceErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"blorp", `can't read "blorp" as a repeat — try daily, weekly, fortnightly, monthly, quarterly, yearly or every 3 weeks`},
		{"  Twice   weekly ", `can't read "Twice weekly" as a repeat`},
		{"biweekly", "can't read"},
		{"every", "can't read"},
		{"every 2", "can't read"},
		{"every other week", "can't read"},
		{"every 2 fortnights", "can't read"},
		{"every -1 days", "can't read"},
		{"every +1 days", "can't read"},
		{"every two weeks", "can't read"},
		{"each 2 weeks", "can't read"},
		{"every 2 weeks please", "can't read"},
		{"2 weeks", "can't read"},
		{"weeks", "can't read"},
		{"every 0 days", "can't repeat every 0 days — the count is 1–1000"},
		{"every 1001 weeks", "can't repeat every 1001 weeks — the count is 1–1000"},
		{"every 99999999999999999999999999 years", "the count is 1–1000"},
		{strings.Repeat("x", 65), "65 characters is too long"},
	}
	for _, tt := range tests {
		got, err := ParseRecurrence(tt.in)
		if err == nil {
			t.Errorf("ParseRecurrence(%q) = %#v, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRecurrence(%q) error %v doesn't wrap ErrInvalid", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRecurrence(%q) error %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

// Every valid Recurrence survives String → ParseRecurrence.
func TestRecurrenceRoundTrip(t *testing.T) {
	for _, u := range []RecurUnit{RecurDay, RecurWeek, RecurMonth, RecurYear} {
		for n := 1; n <= MaxRecurEvery; n++ {
			r := Recurrence{u, n}
			got, err := ParseRecurrence(r.String())
			if err != nil || got != r {
				t.Fatalf("ParseRecurrence(%q) = %#v, %v; want %#v", r.String(), got, err, r)
			}
		}
	}
}

// Values ParseRecurrence can't produce behave as "doesn't repeat".
func TestRecurrenceNotRepeating(t *testing.T) {
	d := MustDate("2026-11-25")
	for _, r := range []Recurrence{
		{},
		{Unit: RecurWeek},
		{Unit: RecurWeek, Every: -1},
		{Unit: RecurWeek, Every: MaxRecurEvery + 1},
		{Unit: "fortnight", Every: 1},
		{Every: 1},
	} {
		if !r.IsZero() || r.String() != "" || r.RRule() != "" || !r.Next(d).IsZero() {
			t.Errorf("%#v: IsZero %v, String %q, RRule %q, Next %s; want a non-repeating value",
				r, r.IsZero(), r.String(), r.RRule(), r.Next(d))
		}
	}
	if n := (Recurrence{RecurDay, 1}).Next(Date{}); !n.IsZero() {
		t.Errorf("Next of the zero Date = %s, want the zero Date", n)
	}
}

func FuzzParseRecurrence(f *testing.F) {
	for _, s := range []string{
		"", "none", "never", "daily", "weekly", "fortnightly", "monthly", "quarterly",
		"yearly", "annually", "every day", "every 2 weeks", "every 10 days",
		"every 3 months", "every 1000 years", "every 1001 days", "every 0 days",
		"every 99999999999999999999 days", "every -1 weeks", "Every  2  Week",
		"biweekly", "blorp", "every", "every 2", "\xff", "every\t2\nweeks",
	} {
		f.Add(s)
	}
	d := MustDate("2026-11-25")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRecurrence(s)
		r2, err2 := ParseRecurrence(s)
		if r != r2 || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("ParseRecurrence(%q) not deterministic: %v, %v then %v, %v", s, r, err, r2, err2)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseRecurrence(%q) error %v doesn't wrap ErrInvalid", s, err)
			}
			return
		}
		if r.IsZero() {
			if r != (Recurrence{}) {
				t.Fatalf("ParseRecurrence(%q) = %#v, a non-zero value that doesn't repeat", s, r)
			}
			return
		}
		if again, err := ParseRecurrence(r.String()); err != nil || again != r {
			t.Fatalf("ParseRecurrence(%q) = %#v, but its String %q parses as %#v, %v", s, r, r.String(), again, err)
		}
		if r.RRule() == "" || !r.Next(d).After(d) {
			t.Fatalf("ParseRecurrence(%q) = %#v: RRule %q, Next %s", s, r, r.RRule(), r.Next(d))
		}
	})
}
