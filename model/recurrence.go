package model

import (
	"fmt"
	"strconv"
	"strings"
)

// RecurUnit is the unit a Recurrence counts in.
type RecurUnit string

// The units a follow-up can repeat in.
const (
	RecurDay   RecurUnit = "day"
	RecurWeek  RecurUnit = "week"
	RecurMonth RecurUnit = "month"
	RecurYear  RecurUnit = "year"
)

// MaxRecurEvery bounds Recurrence.Every: a thousand units is already longer
// than anyone plans a follow-up, and it keeps Next far from overflow.
const MaxRecurEvery = 1000

// Recurrence is how a follow-up repeats; the zero value means it doesn't.
type Recurrence struct {
	Unit  RecurUnit
	Every int // repeat every this many units, 1..MaxRecurEvery
}

const recurHint = "try daily, weekly, fortnightly, monthly, quarterly, yearly or every 3 weeks"

// recurWords are the one-word forms ParseRecurrence accepts.
var recurWords = map[string]Recurrence{
	"daily":       {RecurDay, 1},
	"weekly":      {RecurWeek, 1},
	"fortnightly": {RecurWeek, 2},
	"monthly":     {RecurMonth, 1},
	"quarterly":   {RecurMonth, 3},
	"yearly":      {RecurYear, 1},
	"annually":    {RecurYear, 1},
}

// ParseRecurrence reads how something repeats: "" or "none" (doesn't), daily,
// weekly, fortnightly, monthly, quarterly, yearly (annually), or
// "every [N] days|weeks|months|years" with N in 1..MaxRecurEvery. Case and
// extra spaces don't matter. Errors wrap ErrInvalid.
func ParseRecurrence(s string) (Recurrence, error) {
	if len(s) > maxWhenLen { // the same bound as for dates, for the same reason
		return Recurrence{}, fmt.Errorf("%w: %d characters is too long for a repeat — %s", ErrInvalid, len(s), recurHint)
	}
	f := strings.Fields(strings.ToLower(s))
	bad := fmt.Errorf("%w: can't read %q as a repeat — %s", ErrInvalid, Clip(strings.Join(strings.Fields(s), " ")), recurHint)
	switch len(f) {
	case 0:
		return Recurrence{}, nil
	case 1:
		if f[0] == "none" || f[0] == "never" {
			return Recurrence{}, nil
		}
		if r, ok := recurWords[f[0]]; ok {
			return r, nil
		}
		return Recurrence{}, bad
	case 2, 3:
		if f[0] != "every" {
			return Recurrence{}, bad
		}
	default:
		return Recurrence{}, bad
	}

	// "every day", "every 2 weeks"; a count with a singular unit is forgiven.
	u := RecurUnit(strings.TrimSuffix(f[len(f)-1], "s"))
	switch u {
	case RecurDay, RecurWeek, RecurMonth, RecurYear:
	default:
		return Recurrence{}, bad
	}
	if len(f) == 2 {
		return Recurrence{u, 1}, nil
	}
	n := f[1]
	if strings.Trim(n, "0123456789") != "" {
		return Recurrence{}, bad
	}
	k, err := strconv.Atoi(n)
	if err != nil || k < 1 || k > MaxRecurEvery { // Atoi fails only on overflow here
		return Recurrence{}, fmt.Errorf("%w: can't repeat every %s %ss — the count is 1–%d", ErrInvalid, n, u, MaxRecurEvery)
	}
	return Recurrence{u, k}, nil
}

// valid reports whether r is a real repetition; anything else (including a
// hand-built value with an unknown unit or count) is treated as "doesn't".
func (r Recurrence) valid() bool {
	switch r.Unit {
	case RecurDay, RecurWeek, RecurMonth, RecurYear:
		return r.Every >= 1 && r.Every <= MaxRecurEvery
	}
	return false
}

// IsZero reports whether r doesn't repeat. Only the values ParseRecurrence
// can return count as repeating.
func (r Recurrence) IsZero() bool { return !r.valid() }

// String is the canonical form, which ParseRecurrence reads back: "" for no
// repetition, daily, weekly, monthly, quarterly or yearly where one fits,
// else "every 2 weeks" (not "fortnightly", which reads less plainly).
func (r Recurrence) String() string {
	if !r.valid() {
		return ""
	}
	switch {
	case r.Every == 1:
		return map[RecurUnit]string{RecurDay: "daily", RecurWeek: "weekly", RecurMonth: "monthly", RecurYear: "yearly"}[r.Unit]
	case r == Recurrence{RecurMonth, 3}:
		return "quarterly"
	}
	return fmt.Sprintf("every %d %ss", r.Every, r.Unit)
}

// Next returns the occurrence after d. Months clamp to the month's end
// (Jan 31 monthly → Feb 28), so a series started late in a month drifts
// earlier, because only the previous date is known. It returns the zero Date
// when r doesn't repeat or d is unset; the result may lie beyond MaxYear, so
// callers check InRange.
func (r Recurrence) Next(d Date) Date {
	if !r.valid() || d.IsZero() {
		return Date{}
	}
	switch r.Unit {
	case RecurDay:
		return d.AddDays(r.Every)
	case RecurWeek:
		return d.AddDays(7 * r.Every)
	case RecurMonth:
		return d.AddMonths(r.Every)
	}
	return d.AddMonths(12 * r.Every)
}

// RRule returns r as an iCalendar RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=2",
// or "" when r doesn't repeat. Calendars skip missing days (Feb 30) rather
// than clamp, so a monthly rule on the 31st differs from Next there.
func (r Recurrence) RRule() string {
	if !r.valid() {
		return ""
	}
	freq := map[RecurUnit]string{RecurDay: "DAILY", RecurWeek: "WEEKLY", RecurMonth: "MONTHLY", RecurYear: "YEARLY"}[r.Unit]
	if r.Every == 1 {
		return "FREQ=" + freq
	}
	return "FREQ=" + freq + ";INTERVAL=" + strconv.Itoa(r.Every)
}
