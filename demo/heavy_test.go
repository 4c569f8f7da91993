package demo

import (
	"testing"

	"rapport/model"
)

// TestHeavyShapes: the heavy book is the large one, record for record,
// plus each shape it promises, at its size.
func TestHeavyShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the large book")
	}
	large := Generate(Large, demoToday, Seed)
	ds := Generate(Heavy, demoToday, Seed)
	if ds.People[len(large.People)-1].UID != large.People[len(large.People)-1].UID || ds.Notes[0].UID != large.Notes[0].UID {
		t.Fatal("the heavy book does not start with the large one")
	}
	byName := map[string]model.Person{}
	atAccount := map[string]int{}
	reportsTo := map[string]int{}
	shared := 0
	for _, p := range ds.People {
		byName[p.Name] = p
		atAccount[p.AccountUID]++
		reportsTo[p.ReportsToUID]++
		if firstName(p.Name) == SharedFirstName {
			shared++
		}
	}
	heavy, long, boss := byName[HeavyPerson], byName[LongNotesPerson], byName[HeavyBoss]
	notesOf := map[string]int{}
	longest := map[string]int{}
	for _, n := range ds.Notes {
		notesOf[n.PersonUID]++
		longest[n.PersonUID] = max(longest[n.PersonUID], len(n.Text))
	}
	touchesOf := 0
	for _, tc := range ds.Touches {
		for _, p := range tc.PersonUIDs {
			if p == heavy.UID {
				touchesOf++
			}
		}
	}
	dueToday, overdue := 0, 0
	for _, f := range ds.FollowUps {
		if f.DoneAt.IsZero() && f.SnoozedUntil.IsZero() {
			switch {
			case f.DueOn == demoToday:
				dueToday++
			case f.DueOn.Before(demoToday):
				overdue++
			}
		}
	}
	var brief model.Brief
	for _, b := range ds.Briefs {
		if b.Title == HeavyBrief {
			brief = b
		}
	}
	for what, c := range map[string][2]int{
		"notes on " + HeavyPerson:          {notesOf[heavy.UID], HeavyNotes},
		"touches with " + HeavyPerson:      {touchesOf, HeavyTouches},
		"people at " + HeavyAccount:        {atAccount[heavy.AccountUID], HeavyAccountSize + 1},
		"reports of " + HeavyBoss:          {reportsTo[boss.UID], HeavyBossReports},
		"notes on " + LongNotesPerson:      {notesOf[long.UID], LongNotes},
		"people called " + SharedFirstName: {shared, SharedFirstCount},
		"framings of " + HeavyBrief:        {len(brief.People), HeavyFramings},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: %d, want %d", what, c[0], c[1])
		}
	}
	if longest[long.UID] < LongNoteBytes || len(brief.Why) < HeavyWhyBytes || len(brief.Why) > model.MaxLongTextLen {
		t.Errorf("long note %d bytes, why %d bytes", longest[long.UID], len(brief.Why))
	}
	if dueToday < HeavyDueToday || overdue < HeavyOverdue {
		t.Errorf("%d open follow-ups due today and %d overdue, want at least %d and %d", dueToday, overdue, HeavyDueToday, HeavyOverdue)
	}
}
