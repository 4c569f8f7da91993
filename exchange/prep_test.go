package exchange

import (
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestPrepMarkdown(t *testing.T) {
	today := model.MustDate("2026-12-07")
	sat, sat2 := 8, 6
	p := model.Prep{
		Title: "QBR with Nordlicht",
		Today: today,
		Meeting: &model.Meeting{Title: "QBR with Nordlicht", Location: "Hamburg HQ", AccountName: "Nordlicht Energie AG",
			Start: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC)},
		People: []model.PrepPerson{{
			Person:   model.Person{Name: "Henrik Sørensen", Title: "CFO", Role: model.RoleEconomicBuyer, Stance: model.StanceSceptic, AccountName: "Nordlicht Energie AG", NeedsToShow: "a payback inside a year", ReceiveInfo: "numbers first"},
			AskAbout: []model.Note{{Text: "Daughter started school"}},
			Promises: []model.FollowUp{{Text: "Send the pricing one-pager", DueOn: today.AddDays(-2), Kind: model.KindPromise}},
			Briefs:   []model.PrepBrief{{Brief: model.Brief{Title: "Driver loyalty", Stage: model.StageCreate}, Framing: "Lead with the payback"}},
			Touches:  []model.Touch{{On: today.AddDays(-14), Kind: model.TouchCall, Summary: "Renewal numbers"}},
			Birthday: today.AddDays(3),
		}},
		Others: []model.Attendee{{Email: "procurement@nordlicht.example"}},
		Account: &model.PrepAccount{Account: model.Account{Name: "Nordlicht Energie AG"},
			Health: []model.HealthCheck{{On: today.AddDays(-60), Satisfaction: &sat}, {On: today.AddDays(-5), Satisfaction: &sat2}},
			Risks:  []model.Risk{{Kind: model.RiskNoChampion, Reason: "no champion among 4 people"}}},
	}
	md := PrepMarkdown(p, time.FixedZone("CET", 3600))
	for _, want := range []string{
		"# Prep: QBR with Nordlicht", "**When:** Mon 7 Dec 2026 10:00–11:30", "**Where:** Hamburg HQ",
		"## Henrik Sørensen, CFO", "economic buyer · sceptic", "**birthday in 3 days (10 Dec)**",
		"### Open with", "- Daughter started school",
		"- **promise** 2026-12-05 (2 days late) — Send the pricing one-pager",
		"- **Driver loyalty** (create) — framing: Lead with the payback",
		"- **Needs to show:** a payback inside a year", "- 2026-11-23 call — Renewal numbers",
		"## Also invited", "- procurement@nordlicht.example",
		"**Health:** satisfaction 8 → 6 of 10, fell", "- **no-champion** no champion among 4 people",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the prep sheet lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "<") {
		t.Errorf("raw HTML in the prep sheet:\n%s", md)
	}
}
