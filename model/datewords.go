package model

import "strconv"

// How rapport writes a day, everywhere (the README's "Dates" lists the
// same rules):
//   - the agenda and lists, relative words up to a week: "3d late",
//     "today", "tomorrow", "fri"; then the day and month, "12 Dec", with
//     the year's last two digits when it is another year, "12 Dec 27";
//   - records, detail fields and exports: ISO, "2026-12-12";
//   - ages (how long ago): days up to 99, "22d", then months, "17mo", and
//     from two years, years, "3y".

// Relative writes d by the agenda's rule, seen from today.
func (d Date) Relative(today Date) string {
	if d.IsZero() {
		return ""
	}
	n := d.DaysSince(today)
	switch {
	case n <= -100:
		return Age(d, today) + " late" // "3mo late": as short as the rest
	case n < 0:
		return strconv.Itoa(-n) + "d late"
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n < 7:
		return DayName(d)
	}
	return d.Short(today)
}

// Short writes d as "12 Dec", with "27" after it when d is not in today's
// year.
func (d Date) Short(today Date) string {
	s := strconv.Itoa(d.Day()) + " " + d.Month().String()[:3]
	if d.Year() != today.Year() {
		s += " " + strconv.Itoa(d.Year()%100)
	}
	return s
}

// DayName is a day's weekday in three lower-case letters: "fri".
func DayName(d Date) string {
	name := d.Weekday().String()[:3]
	return string(name[0]+'a'-'A') + name[1:]
}

// Age says how long ago d was, seen from today: "today", "22d", "17mo",
// "3y"; "never" for no day. Up to 99 days it counts days, so that it reads
// against cadences (every 14d, every 30d) without rounding.
func Age(d, today Date) string {
	if d.IsZero() {
		return "never"
	}
	n := today.DaysSince(d)
	switch {
	case n < 0:
		return "in " + strconv.Itoa(-n) + "d"
	case n == 0:
		return "today"
	case n < 100:
		return strconv.Itoa(n) + "d"
	case n < 730:
		return strconv.Itoa(n/30) + "mo"
	}
	return strconv.Itoa(n/365) + "y"
}
