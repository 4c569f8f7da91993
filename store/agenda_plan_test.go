package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// TestAgendaPlans pins the plans of every query Today's agenda runs, on a
// large book's statistics (largeStats): each reads a range of an index —
// none reads a whole table — so the agenda costs what it finds, not what the
// book holds. Only the few rows a section shows may be sorted.
func TestAgendaPlans(t *testing.T) {
	ctx := context.Background()
	st := openWithLargeStats(t, WithClock(func() time.Time { return fuNow }))
	// Something in every section, and an archived account, so that every
	// query runs (empty sections skip their rows).
	acme := liveBesideArchived(t, st, "Acme")
	today := fuToday
	dana, err := st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Dana", Birthday: model.Birthday{Month: 3, Day: 8}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-03-01", "2026-03-04", "2026-03-06"} {
		if _, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "f", Kind: model.KindPromise, DueOn: model.MustDate(d), AccountID: acme.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateNote(ctx, model.Note{PersonID: dana.ID, Text: "ask", AskAfter: model.MustDate("2026-03-01")}); err != nil {
		t.Fatal(err)
	}
	for _, s := range model.Stages {
		if s.Open() {
			b := model.NewBrief(acme.ID, "b "+string(s), fuNow.AddDate(-1, 0, 0))
			b.Stage, b.Why = s, "value to both"
			if _, err := st.CreateBrief(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}

	var queries [][2]any
	agendaTrace = func(q string, args []any) { queries = append(queries, [2]any{q, args}) }
	defer func() { agendaTrace = nil }()
	for _, acc := range []int64{0, acme.ID} {
		queries = queries[:0]
		a, err := st.Agenda(ctx, AgendaReq{Today: today, AccountID: acc})
		if err != nil {
			t.Fatal(err)
		}
		if a.Counts.Overdue == 0 || a.Counts.TouchDue == 0 || a.Counts.AskAbout == 0 || a.Counts.Birthdays == 0 || a.Counts.Stalled == 0 {
			t.Fatalf("account %d: a section is empty, so its queries did not run: %+v", acc, a.Counts)
		}
		if len(queries) < 10 {
			t.Fatalf("traced only %d queries", len(queries))
		}
		for _, q := range queries {
			// The whole book's section counts read their index alone, never
			// the rows they count (the birthdays once read everyone born in
			// the month). Scoped to an account, its few rows may be read.
			if text := q[0].(string); acc == 0 && strings.HasPrefix(text, "SELECT count(") {
				table := strings.Fields(strings.TrimPrefix(text[strings.Index(text, " FROM ")+6:], " "))[0]
				if readsRows(t, st, table, text, q[1].([]any)) {
					t.Errorf("account %d: %s\nreads the rows of %s to count them", acc, text, table)
				}
			}
			plan := explain(t, st, q[0].(string), q[1].([]any))
			for _, step := range strings.Split(plan, " | ") {
				// A SCAN of a table (not through an index) reads all of it;
				// of the archived accounts' ids, it is the few of them.
				if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, " USING ") &&
					!strings.HasPrefix(step, "SCAN account") && !strings.HasPrefix(step, "SCAN (") && !strings.Contains(step, "CONSTANT ROW") {
					t.Errorf("account %d: %s\nreads a whole table: %s", acc, q[0], plan)
				}
				if strings.Contains(step, "TEMP B-TREE") && strings.HasPrefix(q[0].(string), "SELECT count(") {
					t.Errorf("account %d: %s\nsorts to count: %s", acc, q[0], plan)
				}
			}
		}
	}
}
