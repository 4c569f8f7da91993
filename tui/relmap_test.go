package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// TestRelationshipMapKeys: M on an account opens its map on the first
// person of the chart; j moves; enter opens that person's dossier and esc
// there comes back to the map, the cursor where it was; esc closes it.
// From People the map opens on the person selected.
func TestRelationshipMapKeys(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "M")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Relationship map · Nordlicht Energie AG") || !strings.Contains(v, "Org chart") ||
		!strings.Contains(v, "Coverage risks") || !strings.Contains(v, "Influence × relationship") {
		t.Fatalf("M on Nordlicht:\n%s", v)
	}
	cursorLine := func(v string) string {
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(l, "▸") {
				return l
			}
		}
		return ""
	}
	if l := cursorLine(v); !strings.Contains(l, "Dana Okafor") {
		t.Errorf("the cursor starts on %q, want the top of the chart (Dana Okafor)", l)
	}
	m = press(t, m, "j")
	second := cursorLine(ansi.Strip(m.View()))
	if second == "" || strings.Contains(second, "Dana Okafor") {
		t.Fatalf("j did not move the cursor: %q", second)
	}
	name := strings.TrimSpace(strings.SplitN(strings.TrimLeft(second, "▸ └⚠"), "  ", 2)[0])

	m = press(t, m, "enter")
	v = ansi.Strip(m.View())
	if strings.Contains(v, "Relationship map") || !strings.Contains(v, "[3 People]") || !strings.Contains(v, name) {
		t.Fatalf("enter on %q did not open their dossier:\n%s", name, v)
	}
	m = press(t, m, "esc")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Relationship map · Nordlicht") {
		t.Fatalf("esc from the dossier did not come back to the map:\n%s", v)
	}
	if l := cursorLine(v); !strings.Contains(l, name) {
		t.Errorf("back on the map the cursor is on %q, want %q", l, name)
	}
	m = press(t, m, "esc")
	if v := ansi.Strip(m.View()); strings.Contains(v, "Relationship map") || !strings.Contains(v, "[2 Accounts]") {
		t.Fatalf("esc did not close the map:\n%s", v)
	}

	// From People: the map of the person's account, on them.
	ctx := context.Background()
	henrik, err := st.ResolvePerson(ctx, "Henrik Sørensen", store.PersonName{})
	if err != nil {
		t.Fatal(err)
	}
	m = press(t, startApp(t, st, 120, 35), "3", "/", "henrik", "enter", "M")
	if l := cursorLine(ansi.Strip(m.View())); !strings.Contains(l, henrik.Name) {
		t.Errorf("M on Henrik: cursor on %q\n%s", l, ansi.Strip(m.View()))
	}
}

// TestRelationshipMapNarrowAndLarge: at 80×24 the map is one column, risks
// first, and moving past the last person scrolls on to the grid and the
// influence lines; an account of hundreds draws only what is in sight and
// G reaches the last of them.
func TestRelationshipMapNarrowAndLarge(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	a, err := st.CreateAccount(ctx, model.Account{Name: "Vast Corp", Tier: model.TierKey})
	if err != nil {
		t.Fatal(err)
	}
	boss, err := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Aaron Top", Role: model.RoleDecisionMaker, Influence: 5, Strength: 1})
	if err != nil {
		t.Fatal(err)
	}
	const n = 400
	for i := range n {
		if _, err := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Person " + itoa(1000+i), ReportsToID: boss.ID}); err != nil {
			t.Fatal(err)
		}
	}
	m := press(t, startApp(t, st, 80, 24), "2", "M")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "401 people") || !strings.Contains(v, "weak-decider") || !strings.Contains(v, "no-champion") {
		t.Fatalf("map of Vast Corp:\n%s", v)
	}
	if strings.Count(v, "\n") != 23 {
		t.Errorf("the view is %d lines, want 24", strings.Count(v, "\n")+1)
	}
	m = press(t, m, "G")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Person 1399") {
		t.Errorf("G does not reach the last person:\n%s", v)
	}
	for range 30 {
		m = press(t, m, "j")
	}
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Influence") || !strings.Contains(v, "No informal influence mapped") {
		t.Errorf("j past the last person does not scroll on to the influence lines:\n%s", v)
	}
}

// TestRelationshipMapFromToday: M on a coverage-risk row opens that
// account's map; on a row that is on no account it says so.
func TestRelationshipMapFromToday(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	for range 60 { // down to the last section, Coverage risks
		m = press(t, m, "j")
	}
	v := ansi.Strip(m.View())
	sel := ""
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "▸ ") {
			sel = l
		}
	}
	if !strings.Contains(sel, "risk") {
		t.Fatalf("the last row is not a coverage risk: %q\n%s", sel, v)
	}
	account := strings.TrimSpace(strings.SplitN(strings.TrimPrefix(sel, "▸ "), " · ", 2)[0])
	m = press(t, m, "M")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Relationship map · "+account) {
		t.Errorf("M on %q's risks:\n%s", account, v)
	}

	ctx := context.Background()
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "Renew the trade-fair booth", DueOn: model.DateOf(appNow).AddDays(-1)}); err != nil {
		t.Fatal(err)
	}
	m = press(t, startApp(t, st, 120, 35), "g")
	for range 10 {
		if strings.Contains(ansi.Strip(m.View()), "▸ ") && strings.Contains(selectedLine(ansi.Strip(m.View())), "trade-fair") {
			break
		}
		m = press(t, m, "j")
	}
	m = press(t, m, "M")
	if v := ansi.Strip(m.View()); strings.Contains(v, "Relationship map") || !strings.Contains(v, "this row is on none") {
		t.Errorf("M on a follow-up with no account:\n%s", v)
	}
}

func selectedLine(v string) string {
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "▸ ") || strings.Contains(l, " ▸ ") {
			return l
		}
	}
	return ""
}
