package cli

import (
	"errors"
	"fmt"
	"time"

	"rapport/model"
)

// Every date flag of the command line (note --ask-after, log --on, remind
// --due) is read by parseDate, as dates are typed in the terminal
// interface: model.ParseWhen ahead, model.ParseWhenBack for a day that has
// happened.

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
)

// parseDate reads the value s of the date flag --flag. A mistake is a usage
// error naming the flag.
func parseDate(flag, s string, sense dateSense) (model.When, error) {
	now := timeNow()
	if sense == dayPast {
		w, err := model.ParsePastDay(s, now)
		if _, future := errors.AsType[*model.FutureError](err); future {
			return model.When{}, usagef("--%s: %s — log what has happened; use remind for what is planned", flag, model.Sentence(err))
		}
		if err != nil {
			return model.When{}, usagef("--%s: %s", flag, model.Sentence(err))
		}
		return w, nil
	}
	w, err := model.ParseWhen(s, now)
	if err != nil {
		return model.When{}, usagef("--%s: %s", flag, model.WhenReason(err, aheadHint))
	}
	return w, nil
}

// parsePastDay reads the day something happened (parseDate, dayPast).
func parsePastDay(flag, s string) (model.Date, error) {
	w, err := parseDate(flag, s, dayPast)
	return w.Date, err
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
