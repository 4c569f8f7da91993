package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// When is a typed date, with a time of day when one was given.
type When struct {
	Date         Date
	HasTime      bool
	Hour, Minute int
}

// String formats w as "2026-12-03", or "2026-12-03 15:00" when it has a time.
// ParseWhen reads the result back unchanged.
func (w When) String() string {
	if !w.HasTime || w.Date.IsZero() {
		return w.Date.String()
	}
	return fmt.Sprintf("%s %02d:%02d", w.Date, w.Hour, w.Minute)
}

// maxWhenLen bounds the input: nothing a person types as a date is longer, and
// it keeps a pasted paragraph from being scanned.
const maxWhenLen = 64

const whenHint = "try 2026-12-03, dec 3, fri, tomorrow, +2w, in 3 days or end of month"

// Upper bounds on "in N units" and "+Nu", so that no arithmetic can overflow
// and every result stays within about a century of now.
var whenMaxOffset = map[byte]int{'d': 10000, 'w': 1500, 'm': 1200, 'y': 100}

// ParseWhen reads a date as people type it, relative to now's calendar day in
// now's location:
//
//	2026-12-03, 12-03, dec 3, 3 dec, december 3, dec 3 2027
//	today, tomorrow (tmr), fri, friday, next fri, next week, next month
//	in 3 days, in 2 weeks, in 1 month, in 1 year, +3d, +2w, +1m, +1y (or 3d, 2w…)
//	end of month (eom), end of week (eow)
//	yesterday (yday), -3d, -2w, -1m, -1y, 3 days ago, a week ago
//
// Any of these may be followed by a time of day (15:00, 9:30, 3pm, 3:30pm,
// optionally after "at"); a time alone means today. Dates without a year are
// the next such day: this year's unless it has passed. Weekdays mean the next
// one strictly after today. Month and weekday names may be abbreviated to
// three or more letters ("sept", "thurs"). Errors wrap ErrInvalid.
func ParseWhen(s string, now time.Time) (When, error) {
	if len(s) > maxWhenLen {
		return When{}, fmt.Errorf("%w: %d characters is too long for a date — %s", ErrInvalid, len(s), whenHint)
	}
	shown := Clip(strings.Join(strings.Fields(s), " ")) // for messages, as typed
	// Commas are noise ("dec 3, 2027"); case never matters.
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if len(f) == 0 {
		return When{}, fmt.Errorf("%w: a date is required — %s", ErrInvalid, whenHint)
	}

	var w When
	var err error
	if f, w.Hour, w.Minute, w.HasTime, err = splitClock(f); err != nil {
		return When{}, err
	}
	d, ok, err := parseDay(f, DateOf(now))
	if err != nil {
		return When{}, err
	}
	if !ok {
		return When{}, fmt.Errorf("%w: can't read %q as a date — %s", ErrInvalid, shown, whenHint)
	}
	if !d.InRange() {
		return When{}, fmt.Errorf("%w: %q lands in the year %d; dates must be in %d–%d", ErrInvalid, shown, d.Year(), MinYear, MaxYear)
	}
	w.Date = d
	return w, nil
}

// WhenReason is the reason in a ParseWhen error, its closing examples
// (" — try …") replaced by hint, for a field that takes other forms (a day
// that has happened, say).
func WhenReason(err error, hint string) string {
	msg := strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": ")
	if i := strings.Index(msg, " — try "); i >= 0 {
		msg = msg[:i] + " — " + hint
	}
	return msg
}

// ParseWhenBack reads the day something happened: what ParseWhen reads,
// but a weekday or a day without a year that ParseWhen would put ahead is
// the last one instead — "mon" is last Monday (a week ago on a Monday),
// "dec 3" the last 3 December. Forms that say which way they go (tomorrow,
// next fri, +2w, in 3 days, a year) are read as typed, so the caller can
// refuse a day still to come.
func ParseWhenBack(s string, now time.Time) (When, error) {
	w, err := ParseWhen(s, now)
	if err != nil {
		return w, err
	}
	today := DateOf(now)
	if !w.Date.After(today) {
		return w, nil
	}
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if f, _, _, _, err = splitClock(f); err != nil || len(f) == 0 {
		return w, nil
	}
	for _, x := range f {
		switch {
		case strings.ContainsAny(x, "+") || len(x) >= 4 && strings.Trim(x, "0123456789-") == "" && (len(x) == 4 || strings.Count(x, "-") == 2):
			return w, nil // an offset, or a year: as typed
		}
		switch x {
		case "tomorrow", "tmr", "tmrw", "next", "in", "end", "eom", "eow":
			return w, nil
		}
	}
	if _, ok := weekdayName(f[0]); ok && len(f) == 1 {
		w.Date = w.Date.AddDays(-7)
		if !w.Date.Before(today) {
			w.Date = w.Date.AddDays(-7)
		}
		return w, nil
	}
	if len(f) == 2 || len(f) == 1 && strings.Count(f[0], "-") == 1 { // dec 3, 12-03
		w.Date = w.Date.AddMonths(-12)
	}
	return w, nil
}

// PastHint is the examples a message gives for a day that has happened.
const PastHint = "try today, yesterday, mon, -3d, 3 days ago, mar 2 or 2026-03-02"

// FutureError is a day still to come where one that has happened is
// wanted: a touch, a health check, a sign-off. It wraps ErrInvalid.
type FutureError struct{ Day Date }

func (e *FutureError) Error() string { return e.Day.String() + " is in the future" }

func (e *FutureError) Unwrap() error { return ErrInvalid }

// ParsePastDay reads the day something happened (ParseWhenBack: "mon" is
// the last Monday) and refuses one after now's day with a *FutureError.
// A date it cannot read gets the examples of PastHint.
func ParsePastDay(s string, now time.Time) (When, error) {
	w, err := ParseWhenBack(s, now)
	if err != nil {
		return When{}, fmt.Errorf("%w: %s", ErrInvalid, WhenReason(err, PastHint))
	}
	if w.Date.After(DateOf(now)) {
		return When{}, &FutureError{Day: w.Date}
	}
	return w, nil
}

// splitClock takes a trailing time of day ("15:00", "3pm", "3 pm", optionally
// after "at") off the fields. A last field that looks like a time but isn't a
// valid one is an error rather than a date, so the message can say why.
func splitClock(f []string) (rest []string, hour, minute int, ok bool, err error) {
	n := len(f)
	tok, used := f[n-1], 1
	if (tok == "am" || tok == "pm") && n >= 2 {
		tok, used = f[n-2]+tok, 2
	}
	if !looksLikeClock(tok) {
		return f, 0, 0, false, nil
	}
	if hour, minute, err = parseClock(tok); err != nil {
		return nil, 0, 0, false, err
	}
	rest = f[:n-used]
	if len(rest) > 0 && rest[len(rest)-1] == "at" {
		rest = rest[:len(rest)-1]
	}
	return rest, hour, minute, true, nil
}

func looksLikeClock(t string) bool {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return false
	}
	return strings.Contains(t, ":") || strings.HasSuffix(t, "am") || strings.HasSuffix(t, "pm")
}

// parseClock reads "15:00", "9:30", "3pm" or "3:30pm".
func parseClock(t string) (hour, minute int, err error) {
	bad := fmt.Errorf("%w: %q is not a time of day — write it like 15:00, 9:30 or 3pm", ErrInvalid, Clip(t))
	clock, ampm := t, ""
	if strings.HasSuffix(t, "am") || strings.HasSuffix(t, "pm") {
		clock, ampm = t[:len(t)-2], t[len(t)-2:]
	}
	hs, ms, hasMin := strings.Cut(clock, ":")
	hour, ok := smallNumber(hs, 2)
	if !ok || (!hasMin && ampm == "") {
		return 0, 0, bad
	}
	if hasMin {
		if len(ms) != 2 {
			return 0, 0, bad
		}
		if minute, ok = smallNumber(ms, 2); !ok {
			return 0, 0, bad
		}
	}
	if ampm != "" {
		if hour < 1 || hour > 12 {
			return 0, 0, fmt.Errorf("%w: %q is not a time of day — with am/pm the hour is 1–12", ErrInvalid, Clip(t))
		}
		hour %= 12 // 12am is midnight, 12pm is noon
		if ampm == "pm" {
			hour += 12
		}
	} else if hour > 23 {
		return 0, 0, fmt.Errorf("%w: %q is not a time of day — the hour is 0–23", ErrInvalid, Clip(t))
	}
	if minute > 59 {
		return 0, 0, fmt.Errorf("%w: %q is not a time of day — the minute is 00–59", ErrInvalid, Clip(t))
	}
	return hour, minute, nil
}

// parseDay reads the date part. ok is false when the words aren't a date form
// at all; err is set when they are one but name an impossible day.
func parseDay(f []string, today Date) (d Date, ok bool, err error) {
	switch len(f) {
	case 0: // a time alone
		return today, true, nil
	case 1:
		t := f[0]
		switch t {
		case "today":
			return today, true, nil
		case "tomorrow", "tmr", "tmrw":
			return today.AddDays(1), true, nil
		case "yesterday", "yday":
			return today.AddDays(-1), true, nil
		case "eom":
			return today.EndOfMonth(), true, nil
		case "eow":
			return endOfWeek(today), true, nil
		}
		if wd, ok := weekdayName(t); ok {
			return nextWeekday(today, wd), true, nil
		}
		if t[0] == '+' && len(t) >= 3 {
			return addOffset(today, t[1:len(t)-1], t[len(t)-1], t)
		}
		if t[0] == '-' && len(t) >= 3 {
			return moveBy(today, t[1:len(t)-1], t[len(t)-1], t, -1)
		}
		if d, ok, err := addOffset(today, t[:len(t)-1], t[len(t)-1], t); ok || err != nil {
			return d, ok, err // "3d", "1w": an offset without its plus
		}
		return numericDate(t, today)
	case 2:
		if f[0] == "next" {
			switch f[1] {
			case "week":
				return nextWeekday(today, time.Monday), true, nil
			case "month":
				return NewDate(today.Year(), today.Month()+1, 1), true, nil
			}
			if wd, ok := weekdayName(f[1]); ok {
				return nextWeekday(today, wd), true, nil
			}
			return Date{}, false, nil
		}
		return namedDate(f[0], f[1], "", today)
	case 3:
		switch {
		case f[0] == "end" && f[1] == "of" && f[2] == "month":
			return today.EndOfMonth(), true, nil
		case f[0] == "end" && f[1] == "of" && f[2] == "week":
			return endOfWeek(today), true, nil
		case f[0] == "in" || f[2] == "ago":
			n, unit, sign := f[1], strings.TrimSuffix(f[2], "s"), 1
			if f[2] == "ago" { // "3 days ago"
				n, unit, sign = f[0], strings.TrimSuffix(f[1], "s"), -1
			}
			if unit != "day" && unit != "week" && unit != "month" && unit != "year" {
				return Date{}, false, nil
			}
			if n == "a" || n == "an" { // "in a week", "a week ago"
				n = "1"
			}
			return moveBy(today, n, unit[0], strings.Join(f, " "), sign)
		}
		return namedDate(f[0], f[1], f[2], today)
	}
	return Date{}, false, nil
}

// addOffset moves today by n units (d, w, m or y); shown is the input for
// messages.
func addOffset(today Date, n string, unit byte, shown string) (Date, bool, error) {
	return moveBy(today, n, unit, shown, 1)
}

// moveBy moves today by n units forward (sign 1) or back (-1). Months and
// years go by the calendar: -1m on 31 March is the end of February, as +1m
// on 31 January is.
func moveBy(today Date, n string, unit byte, shown string, sign int) (Date, bool, error) {
	limit, ok := whenMaxOffset[unit]
	if !ok || n == "" || strings.Trim(n, "0123456789") != "" {
		return Date{}, false, nil
	}
	k, err := strconv.Atoi(n)
	if err != nil || k > limit { // Atoi fails only on overflow here
		names := map[byte]string{'d': "days", 'w': "weeks", 'm': "months", 'y': "years"}
		way := "ahead"
		if sign < 0 {
			way = "back"
		}
		return Date{}, true, fmt.Errorf("%w: %q is too far %s — at most %d %s", ErrInvalid, Clip(shown), way, limit, names[unit])
	}
	k *= sign
	switch unit {
	case 'd':
		return today.AddDays(k), true, nil
	case 'w':
		return today.AddDays(7 * k), true, nil
	case 'm':
		return today.AddMonths(k), true, nil
	}
	return today.AddMonths(12 * k), true, nil
}

// numericDate reads "2026-12-03" or "12-03" (month first, as in ISO).
func numericDate(t string, today Date) (Date, bool, error) {
	parts := strings.Split(t, "-")
	switch len(parts) {
	case 3:
		if len(parts[0]) != 4 {
			return Date{}, false, nil
		}
		y, ok1 := smallNumber(parts[0], 4)
		m, ok2 := smallNumber(parts[1], 2)
		d, ok3 := smallNumber(parts[2], 2)
		if !ok1 || !ok2 || !ok3 {
			return Date{}, false, nil
		}
		date, err := calendarDay(y, m, d, true, today)
		return date, true, err
	case 2:
		m, ok1 := smallNumber(parts[0], 2)
		d, ok2 := smallNumber(parts[1], 2)
		if !ok1 || !ok2 {
			return Date{}, false, nil
		}
		date, err := calendarDay(0, m, d, false, today)
		return date, true, err
	}
	return Date{}, false, nil
}

// namedDate reads "dec 3" or "3 dec", with an optional four-digit year after.
func namedDate(a, b, year string, today Date) (Date, bool, error) {
	m, ok := monthName(a)
	day := b
	if !ok {
		m, ok = monthName(b)
		day = a
	}
	if !ok {
		return Date{}, false, nil
	}
	// Allow ordinals: "dec 3rd", "1st dec".
	if len(day) > 2 {
		switch day[len(day)-2:] {
		case "st", "nd", "rd", "th":
			day = day[:len(day)-2]
		}
	}
	d, ok := smallNumber(day, 2)
	if !ok {
		return Date{}, false, nil
	}
	y := 0
	if year != "" {
		if len(year) != 4 {
			return Date{}, false, nil
		}
		if y, ok = smallNumber(year, 4); !ok {
			return Date{}, false, nil
		}
	}
	date, err := calendarDay(y, int(m), d, year != "", today)
	return date, true, err
}

// calendarDay checks y-m-d and returns it. Without a year it is the next such
// day on or after today, which for Feb 29 may be a few years away.
func calendarDay(y, m, d int, hasYear bool, today Date) (Date, error) {
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("%w: there is no month %d — months are 1–12", ErrInvalid, m)
	}
	month := time.Month(m)
	if hasYear {
		if y < MinYear || y > MaxYear {
			return Date{}, fmt.Errorf("%w: year %d is out of range %d–%d", ErrInvalid, y, MinYear, MaxYear)
		}
		if n := daysIn(y, month); d < 1 || d > n {
			return Date{}, fmt.Errorf("%w: %s %d has no day %d — it has %d days", ErrInvalid, month, y, d, n)
		}
		return NewDate(y, month, d), nil
	}
	if d < 1 || d > daysIn(2000, month) { // 2000 is a leap year: allows Feb 29
		return Date{}, fmt.Errorf("%w: %s has no day %d", ErrInvalid, month, d)
	}
	// Leap days recur at most 8 years apart (2096 → 2104).
	for y := today.Year(); y <= today.Year()+8; y++ {
		if d <= daysIn(y, month) {
			if date := NewDate(y, month, d); !date.Before(today) {
				return date, nil
			}
		}
	}
	return Date{}, fmt.Errorf("%w: no %s %d in the coming years", ErrInvalid, month, d)
}

func daysIn(y int, m time.Month) int { return NewDate(y, m+1, 0).Day() }

// nextWeekday is the first wd strictly after today.
func nextWeekday(today Date, wd time.Weekday) Date {
	n := (int(wd) - int(today.Weekday()) + 7) % 7
	if n == 0 {
		n = 7
	}
	return today.AddDays(n)
}

// endOfWeek is the coming Sunday, today if it is Sunday.
func endOfWeek(today Date) Date {
	return today.AddDays((7 - int(today.Weekday())) % 7)
}

// monthName accepts an English month name or any prefix of it of three or
// more letters ("dec", "sept").
func monthName(t string) (time.Month, bool) {
	if len(t) >= 3 {
		for m := time.January; m <= time.December; m++ {
			if strings.HasPrefix(strings.ToLower(m.String()), t) {
				return m, true
			}
		}
	}
	return 0, false
}

// weekdayName is monthName for days of the week ("fri", "thurs").
func weekdayName(t string) (time.Weekday, bool) {
	if len(t) >= 3 {
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			if strings.HasPrefix(strings.ToLower(wd.String()), t) {
				return wd, true
			}
		}
	}
	return 0, false
}

// smallNumber reads 1 to maxLen ASCII digits; maxLen is small, so it can't
// overflow.
func smallNumber(s string, maxLen int) (int, bool) {
	if s == "" || len(s) > maxLen {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
