package model

import (
	"fmt"
	"strings"
)

// The agenda's windows, in days.
const (
	DefaultAgendaDays = 7  // upcoming follow-ups: the next week
	BirthdayDays      = 14 // birthdays: the next two weeks, so there is time for a card
)

// Agenda is the Today pane: everything that wants attention on one day. Each
// section holds at most a page of rows; Counts holds the full totals.
type Agenda struct {
	Today Date
	Days  int // how far Upcoming looks ahead

	Meetings []Meeting // Today's meetings: all-day ones first, then by start

	Overdue  []FollowUp // open, day before Today; oldest first
	DueToday []FollowUp // open, day is Today
	Upcoming []FollowUp // open, day after Today and within Days

	TouchDue  []Person       // due for a touch on or before Today; most overdue first
	AskAbout  []Note         // ask-after day has come, not yet asked; longest waiting first
	Birthdays []BirthdayItem // next birthday within BirthdayDays; soonest first
	Stalled   []Brief        // open briefs past StalledAfter in their stage; longest in stage first
	Risks     []AccountRisks // key and strategic accounts with coverage risks; worst first

	Counts AgendaCounts
}

// BirthdayItem is a person whose birthday is coming, and the day it falls on.
type BirthdayItem struct {
	Person Person
	On     Date
}

// DaysUntil returns the days from today to the birthday (0: today).
func (b BirthdayItem) DaysUntil(today Date) int { return b.On.DaysSince(today) }

// AgendaCounts are the totals of each section, which may exceed the rows
// shown, and the promises among the overdue and due-today follow-ups.
type AgendaCounts struct {
	Meetings                    int
	Overdue, DueToday, Upcoming int
	TouchDue, AskAbout          int
	Birthdays, Stalled          int
	Risks                       int // accounts with coverage risks
	PromisesDue                 int // promises overdue or due today
}

// Total is the number of items in every section together.
func (c AgendaCounts) Total() int {
	return c.Meetings + c.Overdue + c.DueToday + c.Upcoming + c.TouchDue + c.AskAbout + c.Birthdays + c.Stalled + c.Risks
}

// counts returns the totals, never fewer than the rows held, so an agenda
// assembled by hand (in tests, say) summarises what it shows.
func (a Agenda) counts() AgendaCounts {
	c := a.Counts
	c.Meetings = max(c.Meetings, len(a.Meetings))
	c.Overdue = max(c.Overdue, len(a.Overdue))
	c.DueToday = max(c.DueToday, len(a.DueToday))
	c.Upcoming = max(c.Upcoming, len(a.Upcoming))
	c.TouchDue = max(c.TouchDue, len(a.TouchDue))
	c.AskAbout = max(c.AskAbout, len(a.AskAbout))
	c.Birthdays = max(c.Birthdays, len(a.Birthdays))
	c.Stalled = max(c.Stalled, len(a.Stalled))
	c.Risks = max(c.Risks, len(a.Risks))
	promises := 0
	for _, list := range [][]FollowUp{a.Overdue, a.DueToday} {
		for _, f := range list {
			if f.Kind == KindPromise {
				promises++
			}
		}
	}
	c.PromisesDue = max(c.PromisesDue, promises)
	return c
}

// AgendaSection is one part of the agenda.
type AgendaSection int

const (
	SectionOverdue AgendaSection = iota
	SectionToday
	SectionUpcoming
	SectionTouch
	SectionAsk
	SectionBirthdays
	SectionStalled
	SectionMeetings
	SectionRisks
)

// AgendaSections are the agenda's parts in the order Today and `rapport
// today` show them: the day's meetings, what is late, then today, the
// week, the people, and where the coverage of a key account is thin.
var AgendaSections = []AgendaSection{SectionMeetings, SectionOverdue, SectionToday, SectionUpcoming, SectionTouch, SectionAsk, SectionBirthdays, SectionStalled, SectionRisks}

// Title is the section's heading; days is how far Upcoming looks ahead.
func (s AgendaSection) Title(days int) string {
	switch s {
	case SectionMeetings:
		return "Meetings today"
	case SectionOverdue:
		return "Overdue"
	case SectionToday:
		return "Due today"
	case SectionUpcoming:
		if days <= 0 {
			days = DefaultAgendaDays
		}
		return "Next " + pick(days, "day", itoa(days)+" days")
	case SectionTouch:
		return "People due a touch"
	case SectionAsk:
		return "Ask about"
	case SectionBirthdays:
		return "Birthdays"
	case SectionStalled:
		return "Stalled briefs"
	case SectionRisks:
		return "Coverage risks"
	}
	return ""
}

// Of is the total of one section.
func (c AgendaCounts) Of(s AgendaSection) int {
	switch s {
	case SectionMeetings:
		return c.Meetings
	case SectionOverdue:
		return c.Overdue
	case SectionToday:
		return c.DueToday
	case SectionUpcoming:
		return c.Upcoming
	case SectionTouch:
		return c.TouchDue
	case SectionAsk:
		return c.AskAbout
	case SectionBirthdays:
		return c.Birthdays
	case SectionStalled:
		return c.Stalled
	case SectionRisks:
		return c.Risks
	}
	return 0
}

// Clear reports whether nothing wants doing today: no meeting, nothing
// late or due, nobody to call or ask; what is left can wait.
func (a Agenda) Clear() bool {
	c := a.counts()
	return c.Meetings+c.Overdue+c.DueToday+c.TouchDue+c.AskAbout == 0
}

// Empty reports whether nothing at all is on the agenda.
func (a Agenda) Empty() bool { return a.counts().Total() == 0 }

// Summary is a one-line digest of the agenda's non-empty parts, most urgent
// first, e.g. "3 overdue · 2 promises due · 5 people to call", in words short
// enough that a usual day fits 80 columns.
func (a Agenda) Summary() string {
	if a.Empty() {
		return "All clear — nothing due, nobody waiting."
	}
	return strings.Join(a.SummaryParts(), " · ")
}

// SummaryParts are the parts of Summary, for a screen that fits as many as
// its width holds.
func (a Agenda) SummaryParts() []string {
	c := a.counts()
	days := a.Days
	if days <= 0 {
		days = DefaultAgendaDays
	}
	var parts []string
	add := func(n int, s string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	add(c.Meetings, pick(c.Meetings, "meeting", "meetings"))
	add(c.Overdue, "overdue")
	add(c.PromisesDue, pick(c.PromisesDue, "promise due", "promises due"))
	add(c.DueToday, "due today")
	add(c.Upcoming, pick(days, "due tomorrow", fmt.Sprintf("in %d days", days)))
	add(c.TouchDue, pick(c.TouchDue, "person to call", "people to call"))
	add(c.AskAbout, "to ask about")
	add(c.Birthdays, pick(c.Birthdays, "birthday", "birthdays"))
	add(c.Stalled, "stalled")
	add(c.Risks, pick(c.Risks, "account at risk", "accounts at risk"))
	return parts
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
