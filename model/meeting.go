package model

import (
	"strconv"
	"strings"
	"time"
)

// Meeting is a meeting in the calendar: imported from an .ics file (one
// per occurrence of a repeating event) or added by hand. Its attendees are
// matched to people by email; its account follows from theirs. A meeting
// that has happened can be debriefed: one save logs the touch, the notes
// and the follow-ups, and marks it debriefed.
type Meeting struct {
	ID  int64  `json:"-"`
	UID string `json:"uid"` // the calendar's UID, plus "/" and the occurrence's start for a repeating event
	// Source is the calendar UID the meeting came from (the event's, for
	// every occurrence); "" for one added by hand.
	Source      string     `json:"source,omitempty"`
	Title       string     `json:"title"`
	Start       time.Time  `json:"start"`
	End         time.Time  `json:"end,omitzero"`
	AllDay      bool       `json:"all_day,omitempty"`
	Location    string     `json:"location,omitempty"`
	AccountID   int64      `json:"-"`
	AccountUID  string     `json:"account,omitempty"` // its people's, or the one given by hand
	Attendees   []Attendee `json:"attendees,omitempty"`
	DebriefedAt time.Time  `json:"debriefed_at,omitzero"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`

	// Derived by the store.
	AccountName string `json:"-"`
}

// Attendee is one address invited to a meeting: a person when the address
// is theirs, else kept as text.
type Attendee struct {
	Email      string `json:"email"`
	Name       string `json:"name,omitempty"` // as the calendar gave it
	Organizer  bool   `json:"organizer,omitempty"`
	PersonID   int64  `json:"-"`
	PersonUID  string `json:"person,omitempty"`
	PersonName string `json:"-"`
	// AccountName is the matched person's account (derived by the store).
	AccountName string `json:"-"`
}

// Label is how an attendee is named: the person, else the calendar's name,
// else the address.
func (a Attendee) Label() string {
	switch {
	case a.PersonName != "":
		return a.PersonName
	case a.Name != "":
		return a.Name
	}
	return a.Email
}

// Limits of a meeting.
const (
	MaxAttendees = 200
)

// Validate checks the meeting.
func (m Meeting) Validate() error {
	if err := checkName("title", m.Title); err != nil {
		return err
	}
	if m.Start.IsZero() {
		return Invalid("start", "is required")
	}
	if !m.End.IsZero() && m.End.Before(m.Start) {
		return Invalid("end", "is before the start")
	}
	if y := m.Start.Year(); y < MinYear || y > MaxYear {
		return Invalid("start", "year %d is out of range", y)
	}
	if err := checkShort("location", m.Location); err != nil {
		return err
	}
	if len(m.Attendees) > MaxAttendees {
		return Invalid("attendees", "%d is more than %d", len(m.Attendees), MaxAttendees)
	}
	for _, a := range m.Attendees {
		if err := checkShort("attendee", a.Email); err != nil {
			return err
		}
	}
	return nil
}

// Day is the meeting's calendar day in loc (all-day events keep their
// date whatever the zone).
func (m Meeting) Day(loc *time.Location) Date {
	if m.AllDay {
		return DateOf(m.Start)
	}
	return DateOf(m.Start.In(loc))
}

// Past reports whether the meeting has ended by now.
func (m Meeting) Past(now time.Time) bool {
	end := m.End
	if end.IsZero() {
		end = m.Start.Add(time.Hour)
	}
	if m.AllDay {
		return !DateOf(now).Before(DateOf(m.Start).AddDays(1))
	}
	return !now.Before(end)
}

// Debriefed reports whether the meeting's debrief was saved.
func (m Meeting) Debriefed() bool { return !m.DebriefedAt.IsZero() }

// People are the attendees matched to people, in the order invited.
func (m Meeting) People() []Attendee {
	var out []Attendee
	for _, a := range m.Attendees {
		if a.PersonID != 0 || a.PersonUID != "" {
			out = append(out, a)
		}
	}
	return out
}

// Unmatched are the addresses no person has.
func (m Meeting) Unmatched() []string {
	var out []string
	for _, a := range m.Attendees {
		if a.PersonID == 0 && a.PersonUID == "" {
			out = append(out, a.Email)
		}
	}
	return out
}

// NormEmail is an address as meetings and mail match it to people: trimmed,
// without a "mailto:", lower case.
func NormEmail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// Hours is when the meeting is, read in loc: "09:30–10:15", "09:30" when
// it has no end, "all day".
func (m Meeting) Hours(loc *time.Location) string {
	if m.AllDay {
		return "all day"
	}
	s := m.Start.In(loc).Format("15:04")
	if !m.End.IsZero() && m.End.After(m.Start) {
		end := m.End.In(loc)
		if DateOf(end) != DateOf(m.Start.In(loc)) {
			return s + "–" + DayName(DateOf(end)) + " " + end.Format("15:04")
		}
		s += "–" + end.Format("15:04")
	}
	return s
}

// NeedsDebrief reports whether the meeting has happened and nobody wrote
// down what came of it yet.
func (m Meeting) NeedsDebrief(now time.Time) bool { return m.Past(now) && !m.Debriefed() }

// Who is the meeting's attendees in a line: the people met, each with
// their account when it is not the meeting's, then how many addresses no
// person has ("Dana Whit, Lee Park, Sam Roy (Globex) +2"). With nobody
// matched it names the first addresses.
func (m Meeting) Who() string {
	var names []string
	others := 0
	for _, a := range m.Attendees {
		if a.PersonID == 0 && a.PersonUID == "" {
			others++
			continue
		}
		n := a.Label()
		if a.AccountName != "" && a.AccountName != m.AccountName {
			n += " (" + a.AccountName + ")"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		for _, a := range m.Attendees {
			if len(names) == 2 {
				break
			}
			names = append(names, a.Label())
		}
		others -= len(names)
	}
	s := strings.Join(names, ", ")
	if others > 0 {
		if s != "" {
			s += " "
		}
		s += "+" + itoa(others)
	}
	return s
}

// MaxMeetingLength bounds a meeting typed by hand.
const MaxMeetingLength = 24 * time.Hour

// ParseMeetingLength reads how long a meeting typed by hand lasts: "30m",
// "1h", "1h30", "1h30m", "90" (minutes), "1.5h". Empty is an hour.
func ParseMeetingLength(s string) (time.Duration, error) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if s == "" {
		return time.Hour, nil
	}
	bad := Invalid("length", "%s is not a length like 30m, 1h or 1h30", Quote(s))
	if n, err := strconv.Atoi(s); err == nil {
		s = itoa(n) + "m"
	} else if h, m, ok := strings.Cut(s, "h"); ok && m != "" && !strings.HasSuffix(m, "m") {
		s = h + "h" + m + "m" // "1h30"
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, bad
	}
	if d <= 0 || d > MaxMeetingLength {
		return 0, Invalid("length", "must be more than nothing and at most 24h")
	}
	return d.Round(time.Minute), nil
}

// LengthWords writes a meeting's length as ParseMeetingLength reads it:
// "30m", "1h", "1h30m".
func LengthWords(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return itoa(m) + "m"
	case m == 0:
		return itoa(h) + "h"
	}
	return itoa(h) + "h" + itoa(m) + "m"
}

// OwnAddresses reads the user's own addresses ($RAPPORT_ME: separated by
// commas, semicolons or spaces), as meetings and mail compare them.
func OwnAddresses(s string) map[string]bool {
	out := map[string]bool{}
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if a = NormEmail(a); a != "" {
			out[a] = true
		}
	}
	return out
}

// WithoutOwn is the meeting without the user's own addresses among those
// no person has: who else is in it, as a screen counts them.
func (m Meeting) WithoutOwn(own map[string]bool) Meeting {
	if len(own) == 0 {
		return m
	}
	var as []Attendee
	for _, a := range m.Attendees {
		if a.PersonID == 0 && a.PersonUID == "" && own[NormEmail(a.Email)] {
			continue
		}
		as = append(as, a)
	}
	m.Attendees = as
	return m
}
