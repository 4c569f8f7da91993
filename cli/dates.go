package cli

import (
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// Every date flag of the command line (note --ask-after, log --on, remind
// --due) is read by parseDate: whatever model.ParseWhen reads, as dates are
// typed in the terminal interface, and the days behind today as well —
// yesterday, -3d, "3 days ago" — each optionally with a time of day.

// dateSense is which way a flag reads a day that could be on either side of
// today: a weekday, or a month and day without a year.
type dateSense int

const (
	// dayAhead: a day planned (--due, --ask-after); "fri" is the next
	// Friday. A day already past is taken as typed.
	dayAhead dateSense = iota
	// dayPast: a day that has happened (--on); "fri" is the last Friday,
	// "dec 3" the last 3 December, and a day after today is refused.
	dayPast
)

// Examples for messages, by sense.
const (
	aheadHint = "try 2026-12-03, dec 3, fri, tomorrow, +2w, in 3 days, yesterday or -3d"
	pastHint  = "try 2026-03-02, mar 2, yesterday, mon, -3d or 3 days ago"
)

// parseDate reads the value s of the date flag --flag. A mistake is a usage
// error naming the flag.
func parseDate(flag, s string, sense dateSense) (model.When, error) {
	now := timeNow()
	today := model.DateOf(now)
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if d, n, ok, err := dayBehind(flag, s, f, now); ok {
		if err != nil {
			return model.When{}, err
		}
		return withClock(flag, s, d, f[n:], now, sense)
	}
	w, err := model.ParseWhen(s, now)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "invalid: ")
		hint := aheadHint
		if sense == dayPast {
			hint = pastHint
		}
		if i := strings.Index(msg, " — try "); i >= 0 {
			msg = msg[:i] + " — " + hint
		}
		return model.When{}, usagef("--%s: %s", flag, msg)
	}
	if sense == dayAhead || !w.Date.After(today) {
		return w, nil
	}
	// A day that has happened: ParseWhen reads ahead; read the forms that
	// could be either way back instead.
	relative := strings.ContainsAny(s, "+") || contains(f, "tomorrow") || contains(f, "tmr") || contains(f, "tmrw") ||
		contains(f, "next") || contains(f, "in") || contains(f, "end") || contains(f, "eom") || contains(f, "eow")
	hasYear := false
	for _, x := range f {
		if len(x) >= 4 && strings.Trim(x, "0123456789-") == "" && (len(x) == 4 || strings.Count(x, "-") == 2) {
			hasYear = true
		}
	}
	switch {
	case relative || hasYear:
	case len(f) >= 1 && isWeekday(f[0]):
		// ParseWhen's weekday is the next one after today; the last one
		// is a week earlier, and on that weekday itself a week ago (as
		// "mon" typed on a Monday to remind is next week's).
		w.Date = w.Date.AddDays(-7)
		if !w.Date.Before(today) {
			w.Date = w.Date.AddDays(-7)
		}
	default:
		w.Date = w.Date.AddMonths(-12)
	}
	if w.Date.After(today) {
		return model.When{}, usagef("--%s: %s is in the future — log what has happened; use remind for what is planned", flag, w.Date)
	}
	return w, nil
}

// parsePastDay reads the day something happened (parseDate, dayPast).
func parsePastDay(flag, s string) (model.Date, error) {
	w, err := parseDate(flag, s, dayPast)
	return w.Date, err
}

// dayBehind reads the forms that only go back from the fields f of s:
// "yesterday" (yday), "-3d" (-2w, -1m, -1y) and "3 days ago" (a week ago).
// n is how many fields they took; ok is false when f does not start with
// one.
func dayBehind(flag, s string, f []string, now time.Time) (d model.Date, n int, ok bool, err error) {
	if len(s) > 64 || len(f) == 0 { // too long for a date: ParseWhen says so
		return model.Date{}, 0, false, nil
	}
	today := model.DateOf(now)
	switch {
	case f[0] == "yesterday" || f[0] == "yday":
		return today.AddDays(-1), 1, true, nil
	case len(f[0]) >= 3 && f[0][0] == '-':
		d, err := pastOffset(flag, s, "+"+f[0][1:], f[0][len(f[0])-1:], now)
		return d, 1, true, err
	case len(f) >= 3 && f[2] == "ago":
		d, err := pastOffset(flag, s, "in "+f[0]+" "+f[1], f[1], now)
		return d, 3, true, err
	}
	return model.Date{}, 0, false, nil
}

// pastOffset reads "-3d" or "3 days ago" (typed as s) through its mirror
// ahead, "+3d" or "in 3 days", and goes as far back: days and weeks by the
// day, months and years by the calendar (-1m on 31 March is 28 or 29
// February, as +1m on 31 January is).
func pastOffset(flag, s, ahead, unit string, now time.Time) (model.Date, error) {
	today := model.DateOf(now)
	w, err := model.ParseWhen(ahead, now)
	if err != nil || w.HasTime {
		return model.Date{}, usagef("--%s: can't read %q as a day that has happened — %s", flag, strings.Join(strings.Fields(s), " "), pastHint)
	}
	var d model.Date
	if strings.HasPrefix(unit, "m") || strings.HasPrefix(unit, "y") {
		months := (w.Date.Year()-today.Year())*12 + int(w.Date.Month()) - int(today.Month())
		d = today.AddMonths(-months)
	} else {
		d = today.AddDays(-w.Date.DaysSince(today))
	}
	if !d.InRange() {
		return model.Date{}, usagef("--%s: %q lands in the year %d; dates must be in %d–%d", flag, strings.Join(strings.Fields(s), " "),
			d.Year(), model.MinYear, model.MaxYear)
	}
	return d, nil
}

// withClock is day d with the time of day in the fields rest, if any
// ("yesterday 15:00", "3 days ago at 9am"), read by ParseWhen.
func withClock(flag, s string, d model.Date, rest []string, now time.Time, sense dateSense) (model.When, error) {
	w := model.When{Date: d}
	if len(rest) == 0 {
		return w, nil
	}
	hint := aheadHint
	if sense == dayPast {
		hint = pastHint
	}
	bad := usagef("--%s: can't read %q as a date — %s", flag, strings.Join(strings.Fields(s), " "), hint)
	// A time is one field that starts with a digit, perhaps after "at"
	// and before "am" or "pm".
	digits := 0
	for _, t := range rest {
		switch {
		case t == "at" || t == "am" || t == "pm":
		case t[0] >= '0' && t[0] <= '9':
			digits++
		default:
			return model.When{}, bad
		}
	}
	if digits != 1 {
		return model.When{}, bad
	}
	c, err := model.ParseWhen(strings.Join(rest, " "), now)
	if err != nil {
		// ParseWhen's word on a time it cannot read says why ("the hour
		// is 0–23"); anything else is not a time at all.
		if msg := strings.TrimPrefix(err.Error(), "invalid: "); strings.Contains(msg, "not a time of day") {
			return model.When{}, usagef("--%s: %s", flag, msg)
		}
		return model.When{}, bad
	}
	if !c.HasTime || c.Date != model.DateOf(now) {
		return model.When{}, bad
	}
	w.HasTime, w.Hour, w.Minute = true, c.Hour, c.Minute
	return w, nil
}

func isWeekday(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if strings.HasPrefix(d, s) {
			return true
		}
	}
	return false
}

// overdueNote says how late a follow-up due at w already is when it is set
// at now: "already 3 days overdue", "already past: it is 15:04 now", or ""
// when it is not late.
func overdueNote(w model.When, now time.Time) string {
	today := model.DateOf(now)
	switch {
	case w.Date.Before(today):
		n := today.DaysSince(w.Date)
		unit := "days"
		if n == 1 {
			unit = "day"
		}
		return fmt.Sprintf("already %s %s overdue", thousands(n), unit)
	case w.Date.Equal(today) && w.HasTime && w.Hour*60+w.Minute < now.Hour()*60+now.Minute():
		return fmt.Sprintf("already past: it is %02d:%02d now", now.Hour(), now.Minute())
	}
	return ""
}

// thousands writes n with a comma between groups of three digits: 10,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
