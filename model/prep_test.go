package model

import (
	"strings"
	"testing"
	"time"
)

func TestPrepPersonLines(t *testing.T) {
	today := MustDate("2026-11-25")
	pp := PrepPerson{
		Person:    Person{Name: "Henrik Sørensen", Title: "CFO", Role: RoleEconomicBuyer, Stance: StanceSceptic, AccountName: "Nordlicht", NeedsToShow: "Savings\nto the board", ReceiveInfo: "One page"},
		AskAbout:  []Note{{Text: "Ran the Berlin marathon"}, {Text: "\n  Daughter started school  \nmore"}},
		Promises:  []FollowUp{{Text: "Send the pricing", DueOn: today.AddDays(-2)}, {Text: "Send the case study", DueOn: today.AddDays(2), DueTime: "15:00"}},
		FollowUps: []FollowUp{{Text: "Book the room", DueOn: today.AddDays(1)}},
		MoreOpen:  3,
		Briefs:    []PrepBrief{{Brief: Brief{Title: "Pilot", Stage: StageCreate}, Framing: "Margin first\nthen the rest"}, {Brief: Brief{Title: "Loyalty", Stage: StageChecks}}},
		Touches:   []Touch{{On: today.AddDays(-3), Kind: TouchCall, Summary: "Renewal numbers"}},
		Conflicts: []Note{{On: today.AddDays(-100), Text: "Invoice dispute"}},
		Birthday:  today.AddDays(5),
	}
	name, facts := pp.Head()
	if name != "Henrik Sørensen, CFO" || strings.Join(facts, " · ") != "economic buyer · sceptic · Nordlicht" {
		t.Errorf("head = %q %q", name, facts)
	}
	var got []string
	for _, l := range pp.Lines(today) {
		s := l.Label + "|" + l.Text
		if l.Warn {
			s += " !"
		}
		got = append(got, s)
	}
	want := []string{
		"Birthday|in 5 days (30 Nov) !",
		"Open with|Ran the Berlin marathon",
		"|Daughter started school",
		"Promised|2d late — Send the pricing !",
		"|fri 15:00 — Send the case study",
		"Open|tomorrow — Book the room",
		"|+3 more open",
		"Brief|Pilot (create) — Margin first",
		"|Loyalty (checks) — no framing yet",
		"Needs to show|Savings",
		"Likes info|One page",
		"Last touch|22 Nov call — Renewal numbers",
		"Conflict|17 Aug — Invoice dispute !",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPrepAccountLines(t *testing.T) {
	today := MustDate("2026-11-25")
	s := func(n int) *int { return &n }
	pa := PrepAccount{
		Health:     []HealthCheck{{On: today.AddDays(-90), Satisfaction: s(8)}, {On: today.AddDays(-60)}, {On: today.AddDays(-10), Satisfaction: s(6)}},
		Risks:      []Risk{{Kind: RiskNoChampion, Reason: "nobody argues our case"}},
		Briefs:     []Brief{{Title: "Pilot", Stage: StageCreate, StageSince: today.AddDays(-12).Time(time.UTC)}},
		MoreBriefs: 2,
	}
	var got []string
	for _, l := range pa.Lines(today) {
		got = append(got, l.Label+"|"+l.Text)
	}
	want := "Health|satisfaction 8 → 6 of 10, fell (last 15 Nov)\nCoverage|no-champion — nobody argues our case\nOpen brief|Pilot (create, 12d)\n|+2 more open briefs"
	if strings.Join(got, "\n") != want {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if trend, fell := HealthTrend(nil); trend != "no satisfaction recorded" || fell {
		t.Errorf("no health: %q %v", trend, fell)
	}
}

func TestMeetingWords(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	start := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		m           Meeting
		hours, who  string
		needsBefore bool // needs a debrief at 16:00 CET
	}{
		{Meeting{Start: start, End: start.Add(30 * time.Minute), AccountName: "Nordlicht", Attendees: []Attendee{
			{Email: "me@us.example"}, {Email: "h@n.example", PersonID: 1, PersonName: "Henrik", AccountName: "Nordlicht"},
			{Email: "p@g.example", PersonID: 2, PersonName: "Pia", AccountName: "Globex"}}},
			"15:00–15:30", "Henrik, Pia (Globex) +1", true},
		{Meeting{Start: start, Attendees: []Attendee{{Email: "a@x.example", Name: "Ann"}, {Email: "b@x.example"}, {Email: "c@x.example"}}},
			"15:00", "Ann, b@x.example +1", true},
		{Meeting{Start: start, End: start.Add(10 * time.Hour)}, "15:00–thu 01:00", "", false},
		{Meeting{Start: MustDate("2026-11-25").Time(time.UTC), AllDay: true}, "all day", "", false},
		{Meeting{Start: start, End: start.Add(time.Hour), DebriefedAt: start}, "15:00–16:00", "", false},
	}
	now := time.Date(2026, 11, 25, 16, 0, 0, 0, loc)
	for _, tt := range tests {
		if got := tt.m.Hours(loc); got != tt.hours {
			t.Errorf("Hours = %q, want %q", got, tt.hours)
		}
		if got := tt.m.Who(); got != tt.who {
			t.Errorf("Who = %q, want %q", got, tt.who)
		}
		if got := tt.m.NeedsDebrief(now); got != tt.needsBefore {
			t.Errorf("%s: NeedsDebrief = %v", tt.hours, got)
		}
	}
}

func TestParseMeetingLength(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"": time.Hour, "30m": 30 * time.Minute, "1h": time.Hour, "1h30": 90 * time.Minute, "1h30m": 90 * time.Minute,
		"90": 90 * time.Minute, "1.5h": 90 * time.Minute, " 45 m ": 45 * time.Minute, "2H": 2 * time.Hour,
	} {
		got, err := ParseMeetingLength(in)
		if err != nil || got != want {
			t.Errorf("ParseMeetingLength(%q) = %v, %v; want %v", in, got, err, want)
		}
		if in != "" && err == nil {
			if back, _ := ParseMeetingLength(LengthWords(got)); back != got {
				t.Errorf("%q: LengthWords %q reads back as %v", in, LengthWords(got), back)
			}
		}
	}
	for _, in := range []string{"soon", "0", "-1h", "25h", "1d"} {
		if _, err := ParseMeetingLength(in); FieldOf(err) != "length" {
			t.Errorf("ParseMeetingLength(%q) = %v, want a length error", in, err)
		}
	}
}

func TestWithoutOwn(t *testing.T) {
	own := OwnAddresses(" Me@Us.example, mailto:me@home.example;alias@us.example ")
	if len(own) != 3 || !own["me@us.example"] || !own["me@home.example"] {
		t.Fatalf("OwnAddresses = %v", own)
	}
	m := Meeting{Attendees: []Attendee{{Email: "me@us.example", Organizer: true}, {Email: "h@n.example", PersonID: 1, PersonName: "Henrik"},
		{Email: "guest@x.example"}}}
	if got := m.WithoutOwn(own).Who(); got != "Henrik +1" {
		t.Errorf("Who without own = %q", got)
	}
	if got := m.Who(); got != "Henrik +2" {
		t.Errorf("Who = %q", got)
	}
	p := Prep{Others: []Attendee{m.Attendees[0], m.Attendees[2]}}
	if got := p.WithoutOwn(own).Others; len(got) != 1 || got[0].Email != "guest@x.example" {
		t.Errorf("Others without own = %+v", got)
	}
}
