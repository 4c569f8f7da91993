package demo

import (
	"fmt"
	"time"

	"rapport/model"
)

// A week of meetings, three days back to four ahead, as a calendar import
// would give them: each with the people met (matched by their addresses)
// and the user as organizer. Past ones are debriefed but one, so Today
// has a meeting to debrief.

// Organizer is the demo user's own address: the organizer of every demo
// meeting (give it in $RAPPORT_ME to leave it out of the unmatched).
const Organizer = "you@yourfirm.example"

// LargeMeetingsToday is how many meetings the large book has today: a
// heavy day, so Today is measured with a full calendar.
const LargeMeetingsToday = 20

// largeMeetingsPerDay is how many it has on each other day of the week.
const largeMeetingsPerDay = 6

// smallMeeting is a hand-written meeting of the small book: on account
// (index), with its people (indexes), day from today, start and length in
// minutes (UTC); allDay ignores the hours.
type smallMeeting struct {
	account        int
	people         []int
	day, at, mins  int
	title, where   string
	allDay         bool
	debriefed      bool
	guest, guestAt string // an address no person has, and its name
}

var smallMeetings = []smallMeeting{
	{account: 5, people: []int{2}, day: -3, at: 9 * 60, mins: 30, title: "Fjordline contract call", where: "Phone", debriefed: true},
	{account: 4, people: []int{1, 4}, day: -2, at: 10 * 60, mins: 90, title: "Brightwater loyalty workshop", where: "Manchester office", debriefed: true},
	{account: 1, people: []int{2, 3}, day: -1, at: 14 * 60, mins: 60, title: "Halcyon pilot review", where: "Teams", debriefed: true},
	{account: 0, people: []int{1, 4}, day: 0, at: 8 * 60, mins: 30, title: "Nordlicht weekly sync", where: "Teams"},
	{account: 2, people: []int{0, 1}, day: 0, at: 11 * 60, mins: 60, title: "Castellan cold-chain review", where: "Bilbao office"},
	{account: 3, people: []int{0, 1, 2}, day: 0, at: 15 * 60, mins: 60, title: "Meridian QBR", where: "Oslo HQ",
		guest: "kari.moen@fjellbyra.example", guestAt: "Kari Moen"},
	{account: 0, people: []int{0}, day: 1, at: 9*60 + 30, mins: 30, title: "Call with Dana", where: "Phone"},
	{account: 0, day: 2, title: "Nordlicht partner day (Hamburg)", allDay: true},
	{account: 6, people: []int{0, 2}, day: 3, at: 8 * 60, mins: 45, title: "Sakura launch plan", where: "Zoom"},
	{account: 7, people: []int{0}, day: 4, at: 17 * 60, mins: 30, title: "Oakhurst price review", where: "Zoom"},
}

// smallMeetingWeek adds the small book's meetings.
func (g *gen) smallMeetingWeek(made []*largeAccount) {
	for _, sm := range smallMeetings {
		la := made[sm.account]
		day := g.today.AddDays(sm.day)
		m := model.Meeting{Title: sm.title, Location: sm.where, AccountUID: la.acc.UID}
		if sm.allDay {
			m.Start, m.End, m.AllDay = day.Time(time.UTC), day.AddDays(1).Time(time.UTC), true
		} else {
			m.Start = at(day, sm.at)
			m.End = m.Start.Add(time.Duration(sm.mins) * time.Minute)
			m.Attendees = append(m.Attendees, model.Attendee{Email: Organizer, Organizer: true})
		}
		for _, j := range sm.people {
			p := la.people[j]
			m.Attendees = append(m.Attendees, model.Attendee{Email: p.Email, Name: p.Name, PersonUID: p.UID})
		}
		if sm.guest != "" {
			m.Attendees = append(m.Attendees, model.Attendee{Email: sm.guest, Name: sm.guestAt})
		}
		g.addMeeting(m, sm.debriefed)
	}
	// One email was logged from the mail itself (rapport log --eml).
	for i := range g.ds.Touches {
		if t := &g.ds.Touches[i]; t.Kind == model.TouchEmail {
			t.MessageID = t.UID[:16] + "@mail.yourfirm.example"
			break
		}
	}
}

// largeMeetingWeek adds the large book's week: LargeMeetingsToday today,
// largeMeetingsPerDay on the other days, each with two to four people of
// one of the given accounts.
func (g *gen) largeMeetingWeek(accounts []*largeAccount) {
	if len(accounts) == 0 {
		return
	}
	kinds := []string{"Weekly sync with %[1]s", "%[2]s: %[3]s review", "QBR with %[2]s", "%[3]s workshop (%[2]s)", "Call with %[1]s"}
	n := 0
	for day := -3; day <= 4; day++ {
		count := largeMeetingsPerDay
		if day == 0 {
			count = LargeMeetingsToday
		}
		for i := range count {
			la := accounts[n%len(accounts)]
			n++
			start := at(g.today.AddDays(day), 7*60+i*600/count) // spread over 07:00–17:00
			title := fmt.Sprintf(pick(g, kinds), la.firsts[0], trimThe(shortAccount(la.acc.Name)), pick(g, topics))
			m := model.Meeting{Title: capitalise(title), Start: start, End: start.Add(30 * time.Minute), AccountUID: la.acc.UID,
				Location:  pick(g, []string{"Teams", "Zoom", "Phone", "Their office", "Our office"}),
				Attendees: []model.Attendee{{Email: Organizer, Organizer: true}}}
			for _, j := range g.perm(len(la.people))[:g.between(2, 4)] {
				p := la.people[j]
				m.Attendees = append(m.Attendees, model.Attendee{Email: p.Email, Name: p.Name, PersonUID: p.UID})
			}
			g.addMeeting(m, day < 0 && i > 0)
		}
	}
}

// addMeeting adds a meeting as a calendar import leaves it: its UID is
// its event's, created the week before.
func (g *gen) addMeeting(m model.Meeting, debriefed bool) {
	m.UID = g.uid("meeting") + "@calendar.example"
	m.Source = m.UID
	m.CreatedAt = g.stamp(model.DateOf(m.Start).AddDays(-7))
	m.UpdatedAt = m.CreatedAt
	if debriefed {
		m.DebriefedAt = m.End.Add(20 * time.Minute)
		m.UpdatedAt = m.DebriefedAt
	}
	g.ds.Meetings = append(g.ds.Meetings, m)
}

// shortAccount is an account's name without its legal form: "Aurora
// Energy" of "Aurora Energy AG".
func shortAccount(name string) string {
	for _, f := range legalForms {
		if len(name) > len(f)+1 && name[len(name)-len(f)-1:] == " "+f {
			return name[:len(name)-len(f)-1]
		}
	}
	return name
}
