package model

import (
	"fmt"
	"time"
)

// Date is a calendar day as the user means it, without a time zone. Its zero
// value means "no date".
type Date struct {
	t time.Time // midnight UTC of the day; zero when unset
}

// Earliest and latest years rapport accepts anywhere a date is typed or read.
const (
	MinYear = 1900
	MaxYear = 9999
)

// NewDate returns the day y-m-d; out-of-range days roll over as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseISODate reads YYYY-MM-DD; "" gives the zero Date.
func ParseISODate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w: %q is not a date like 2026-12-03", ErrInvalid, Clip(s))
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d is out of range %d–%d", ErrInvalid, t.Year(), MinYear, MaxYear)
	}
	return Date{t}, nil
}

// MustDate is ParseISODate for literals known to be valid (tests, demo data).
func MustDate(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String formats the day as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight of the day in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.t.Year(), d.t.Month(), d.t.Day(), 0, 0, 0, 0, loc)
}

func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }
func (d Date) AddDays(n int) Date    { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Before(o Date) bool    { return d.t.Before(o.t) }
func (d Date) After(o Date) bool     { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool     { return d.t.Equal(o.t) }
func (d Date) Compare(o Date) int    { return d.t.Compare(o.t) }
func (d Date) DaysSince(o Date) int  { return int(d.t.Sub(o.t).Hours() / 24) }

// AddMonths moves n months, clamping to the last day of a shorter month
// (Jan 31 + 1 month is Feb 28 or 29), as people expect of "in a month".
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return Date{time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)}
}

// Quarter returns the first day of the calendar quarter holding d and the
// first day of the next one.
func (d Date) Quarter() (start, next Date) {
	q := (int(d.Month()) - 1) / 3
	start = NewDate(d.Year(), time.Month(q*3+1), 1)
	return start, start.AddMonths(3)
}

// EndOfMonth returns the last day of d's month.
func (d Date) EndOfMonth() Date {
	y, m, _ := d.t.Date()
	return NewDate(y, m+1, 0)
}

// InRange reports whether the year is one rapport accepts.
func (d Date) InRange() bool { return d.t.Year() >= MinYear && d.t.Year() <= MaxYear }

// MarshalText writes the day as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
