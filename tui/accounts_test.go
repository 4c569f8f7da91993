package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

func accountsOf(m tea.Model) *accountsPane { return m.(Model).panes[paneAccounts].(*accountsPane) }

// flat joins a view's words with single spaces, so a check does not depend
// on where a line was wrapped.
func flat(v string) string { return strings.Join(strings.Fields(v), " ") }

// listed returns the account names in the list, top to bottom.
func listed(m tea.Model) []string {
	var out []string
	for _, a := range accountsOf(m).b.list.items {
		out = append(out, a.Name)
	}
	return out
}

func TestAccountFormTakesEveryFieldAndNaturalMoney(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "Northwind Traders",
		"tab", "k", // tier: the first letter picks "key"
		"tab", "1.2m",
		"tab", "1,500,000",
		"tab", "backspace", "backspace", "backspace", "usd",
		"tab", "5",
		"tab", "4",
		"tab", "r", // outlook: rapid
		"tab", "Logistics",
		"tab", "EMEA",
		"tab", "DE, NL",
		"tab", "Quiet, exact", "tab", "Into rail freight", "tab", "Met at the fair",
		"ctrl+s")
	p, err := st.Accounts(context.Background(), store.AccountFilter{}, store.PageReq{})
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("accounts %+v %v\n%s", p.Items, err, m.View())
	}
	a := p.Items[0]
	want := model.Account{Name: "Northwind Traders", Tier: model.TierKey, Revenue: 120_000_000, Potential: 150_000_000, Currency: "USD",
		Importance: 5, Replaceability: 4, Outlook: model.OutlookRapid, Industry: "Logistics", Region: "EMEA", Countries: "DE, NL",
		Brand: "Quiet, exact", Direction: "Into rail freight", Notes: "Met at the fair"}
	got := want
	got.Name, got.Tier, got.Revenue, got.Potential, got.Currency = a.Name, a.Tier, a.Revenue, a.Potential, a.Currency
	got.Importance, got.Replaceability, got.Outlook = a.Importance, a.Replaceability, a.Outlook
	got.Industry, got.Region, got.Countries, got.Brand, got.Direction, got.Notes = a.Industry, a.Region, a.Countries, a.Brand, a.Direction, a.Notes
	if got != want {
		t.Errorf("saved\n%+v\nwant\n%+v", got, want)
	}
	v := flat(m.View())
	for _, s := range []string{"Northwind Traders added", "USD 1,200,000", "Hard to replace 4/5", "Priority", "w shows why"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q on screen:\n%s", s, m.View())
		}
	}

	// Editing shows the amounts the way they are typed, and keeps them.
	m = press(t, m, "e")
	if v := m.View(); !strings.Contains(v, "1.2m") || !strings.Contains(v, "Edit Northwind Traders") {
		t.Fatalf("edit form:\n%s", v)
	}
	press(t, m, "ctrl+s")
	if a, _ := st.Account(context.Background(), a.ID); a.Revenue != 120_000_000 || a.Potential != 150_000_000 {
		t.Errorf("an unchanged edit changed the amounts: %v %v", a.Revenue, a.Potential)
	}
}

func TestAccountFormRefusesAndKeepsWhatWasTyped(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	if _, err := st.CreateAccount(ctx, model.Account{Name: "Zoë Foods"}); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "Acme", "tab", "tab", "2.5m", "tab", "tab", "tab", "7", "tab", "tab", "tab", "Chemicals", "ctrl+s")
	v := m.View()
	if !strings.Contains(v, "✗ importance") || !strings.Contains(v, "1–5") {
		t.Errorf("the wrong field is not named:\n%s", v)
	}
	for _, typed := range []string{"Acme", "2.5m", "7", "Chemicals"} {
		if !strings.Contains(v, typed) {
			t.Errorf("%q typed but gone after the failed save:\n%s", typed, v)
		}
	}
	if n, _ := st.CountAccounts(ctx, store.AccountFilter{}); n != 1 {
		t.Errorf("%d accounts after a refused save", n)
	}
	if f := accountsOf(m).ed.ed.form; f.fields[f.focus].key != "importance" {
		t.Errorf("focus on %q, not on the wrong field", f.fields[f.focus].key)
	}

	// A bad amount names its field.
	m = press(t, m, "backspace", "3", "shift+tab", "shift+tab", "shift+tab", "backspace", "backspace", "backspace", "backspace", "lots", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "✗ revenue") || !strings.Contains(v, "lots") {
		t.Errorf("bad revenue not refused on its field:\n%s", v)
	}

	// The same name in another case and without accents is refused, naming
	// the account that has it.
	m = press(t, m, "backspace", "backspace", "backspace", "backspace", "1m")
	f := accountsOf(m).ed.ed.form
	f.fields[0].setValue("ZOE FOODS")
	m = press(t, m, "ctrl+s")
	v = m.View()
	if !strings.Contains(v, `✗ name: an account named "Zoë Foods" already exists`) || !strings.Contains(v, "ZOE FOODS") || !strings.Contains(v, "Chemicals") {
		t.Errorf("duplicate name not refused with the existing account named and the typing kept:\n%s", v)
	}
	if n, _ := st.CountAccounts(ctx, store.AccountFilter{}); n != 1 {
		t.Errorf("%d accounts after a duplicate", n)
	}
}

// seedAccounts makes accounts whose order differs by every sort.
func seedAccounts(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, a := range []model.Account{
		{Name: "Bravo", Tier: model.TierKey, Revenue: 900_000_00, Potential: 1_000_000_00, Importance: 5, Replaceability: 5, Outlook: model.OutlookGrowing},
		{Name: "Alpha", Tier: model.TierGrowth, Revenue: 100_000_00, Potential: 5_000_000_00, Importance: 2, Replaceability: 2},
		{Name: "Charlie", Tier: model.TierStrategic, Revenue: 2_000_000_00, Potential: 2_000_000_00, Importance: 1, Replaceability: 1, Outlook: model.OutlookDeclining},
	} {
		if _, err := st.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccountsSortCycles(t *testing.T) {
	st := newTestStore(t)
	seedAccounts(t, st)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2")
	for _, step := range []struct {
		header string
		order  []string
	}{
		{"by priority", []string{"Bravo", "Alpha", "Charlie"}},
		{"by revenue", []string{"Charlie", "Bravo", "Alpha"}},
		{"by potential", []string{"Alpha", "Charlie", "Bravo"}},
		{"by last touch", nil},
		{"by name", []string{"Alpha", "Bravo", "Charlie"}},
		{"by priority", []string{"Bravo", "Alpha", "Charlie"}},
	} {
		if !strings.Contains(m.View(), "Accounts "+step.header) {
			t.Fatalf("header is not %q:\n%s", step.header, m.View())
		}
		if got := listed(m); step.order != nil && strings.Join(got, ",") != strings.Join(step.order, ",") {
			t.Errorf("%s: %v, want %v", step.header, got, step.order)
		}
		m = press(t, m, "o")
	}
}

func TestAccountsFilterAsYouTypeAndArchived(t *testing.T) {
	st := newTestStore(t)
	seedAccounts(t, st)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "/", "a")
	if got := listed(m); len(got) != 3 {
		t.Errorf("/a: %v", got)
	}
	m = press(t, m, "r")
	if got := listed(m); len(got) != 1 || got[0] != "Charlie" {
		t.Errorf("/ar: %v", got)
	}
	m = press(t, m, "l")
	if got := listed(m); len(got) != 1 || got[0] != "Charlie" {
		t.Errorf("/arl: %v", got)
	}
	m = press(t, m, "x")
	if v := flat(m.View()); !strings.Contains(v, "No account matches “arlx”") || strings.Contains(v, "why this rank") {
		t.Errorf("no empty state for a filter, or a dossier left beside it:\n%s", m.View())
	}
	m = press(t, m, "esc")
	if got := listed(m); len(got) != 3 {
		t.Errorf("esc did not clear the filter: %v", got)
	}

	// D archives (after asking); the account leaves the list until z.
	m = press(t, m, "D")
	if !strings.Contains(m.View(), "Archive Bravo?") {
		t.Fatalf("D does not ask:\n%s", m.View())
	}
	m = press(t, m, "y")
	if got := listed(m); strings.Join(got, ",") != "Alpha,Charlie" {
		t.Errorf("after archiving Bravo: %v", got)
	}
	m = press(t, m, "z")
	if got := listed(m); len(got) != 3 || !strings.Contains(m.View(), "Bravo (archived)") {
		t.Errorf("z does not show the archived account: %v\n%s", got, m.View())
	}
	// An archived account can be restored: D, then r.
	if a, _ := accountsOf(m).b.list.selected(); a.Name != "Bravo" {
		t.Fatalf("selected %q", a.Name)
	}
	m = press(t, m, "D")
	if !strings.Contains(m.View(), "(r restores it instead)  y/r/n") {
		t.Fatalf("D on an archived account does not offer to restore it:\n%s", m.View())
	}
	m = press(t, m, "r")
	if a, _ := accountsOf(m).b.list.selected(); a.Name != "Bravo" || a.Archived() || strings.Contains(m.View(), "Bravo (archived)") {
		t.Fatalf("r did not restore Bravo: %+v\n%s", a, m.View())
	}
	m = press(t, m, "D", "y")
	// An archived account can then be deleted for good, after asking.
	if a, _ := accountsOf(m).b.list.selected(); a.Name != "Bravo" || !a.Archived() {
		t.Fatalf("selected %+v", a)
	}
	m = press(t, m, "D")
	if !strings.Contains(m.View(), "Delete Bravo for good") {
		t.Fatalf("D on an archived account does not offer to delete:\n%s", m.View())
	}
	m = press(t, m, "y")
	if n, _ := st.CountAccounts(context.Background(), store.AccountFilter{Archived: true}); n != 2 {
		t.Errorf("%d accounts after deleting one of three", n)
	}
	m = press(t, m, "z")
	if got := listed(m); len(got) != 2 {
		t.Errorf("z again does not hide archived ones: %v", got)
	}
}

func TestNewAccountIsSelectedWithItsDossier(t *testing.T) {
	st := newTestStore(t)
	seedAccounts(t, st)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "Delta", "tab", "s", "tab", "400k", "tab", "9m", "tab", "tab", "3", "tab", "3", "ctrl+s")
	a, ok := accountsOf(m).b.list.selected()
	if !ok || a.Name != "Delta" {
		t.Fatalf("selected %q, not the new account", a.Name)
	}
	m = press(t, m, "enter", "w") // the score's parts fold behind w
	v := flat(m.View())
	for _, s := range []string{"Delta strategic", "#2 of 4 by priority", "Ahead of Alpha", "Behind Bravo", "score = 30×revenue"} {
		if !strings.Contains(v, s) {
			t.Errorf("dossier lacks %q:\n%s", s, m.View())
		}
	}
}

func TestAccountDossierShowsWhatIsOpenAndHealth(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey, Revenue: 1_000_000_00})
	boss, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Dana Boss", Role: model.RoleDecisionMaker})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Ed Report", ReportsToID: boss.ID, Role: model.RoleChampion})
	st.CreateBrief(ctx, model.Brief{AccountID: a.ID, Title: "Pricing pilot"})
	st.CreateFollowUp(ctx, model.FollowUp{AccountID: a.ID, Text: "Send the deck", DueOn: model.DateOf(appNow).AddDays(2), Kind: model.KindPromise})
	st.CreateNote(ctx, model.Note{AccountID: a.ID, Text: "New CFO from March", Kind: model.NoteBusiness, On: model.DateOf(appNow)})
	st.LogTouch(ctx, model.Touch{AccountID: a.ID, Kind: model.TouchMeeting, On: model.DateOf(appNow).AddDays(-3), Summary: "Quarterly review", PersonIDs: []int64{boss.ID}})
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "H", "8", "ctrl+s", "H", "5", "tab", "1.1m", "ctrl+s", "enter")
	v := m.View()
	for _, s := range []string{"Dana Boss", "decision maker", "└ Ed Report", "last 3d / every 14d", "Pricing pilot", "understand needs",
		"Send the deck", "New CFO from March", "Quarterly review", "satisfaction", "↓ fell from 8", "5/10"} {
		if !strings.Contains(v, s) {
			t.Errorf("dossier lacks %q:\n%s", s, v)
		}
	}
	checkFrame(t, v, 120, 35)
}

func TestPortfolioView(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	seedAccounts(t, st)
	p, _ := st.Accounts(ctx, store.AccountFilter{Query: "alpha"}, store.PageReq{})
	alpha := p.Items[0]
	eight, five := 8, 5
	st.AddHealthCheck(ctx, model.HealthCheck{AccountID: alpha.ID, On: model.DateOf(appNow).AddDays(-40), Satisfaction: &eight})
	st.AddHealthCheck(ctx, model.HealthCheck{AccountID: alpha.ID, On: model.DateOf(appNow).AddDays(-2), Satisfaction: &five})
	st.CreateBrief(ctx, model.Brief{AccountID: alpha.ID, Title: "Warehouse robots"})
	for _, size := range [][2]int{{120, 35}, {80, 24}, {200, 50}} {
		m := startApp(t, st, size[0], size[1])
		m = press(t, m, "2", "P")
		checkFrame(t, m.View(), size[0], size[1])
		if size[0] != 120 {
			continue
		}
		v := m.View()
		for _, s := range []string{"Portfolio · 3 accounts · revenue 3m", "Top 20% of accounts (1) hold 67% of revenue",
			"Accounts by tier", "Revenue by tier", "Revenue by region", "Rising — candidates to become key",
			"Satisfaction fell", "Alpha", "8 → 5", "New opportunities this quarter", "1 brief opened"} {
			if !strings.Contains(v, s) {
				t.Errorf("portfolio lacks %q:\n%s", s, v)
			}
		}
		m = press(t, m, "esc")
		if !strings.Contains(m.View(), "Accounts by priority") {
			t.Errorf("esc does not leave the portfolio:\n%s", m.View())
		}
	}
}

func TestScopePicker(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	seedAccounts(t, st)
	for _, name := range []string{"Alpha", "Charlie"} {
		p, _ := st.Accounts(ctx, store.AccountFilter{Query: name}, store.PageReq{})
		st.CreatePerson(ctx, model.Person{AccountID: p.Items[0].ID, Name: "Person at " + name})
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "3", "A")
	if !strings.Contains(m.View(), "Scope every pane to an account") {
		t.Fatalf("A opens no picker:\n%s", m.View())
	}
	m = press(t, m, "c", "h", "enter")
	if head := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(head, "◆ Charlie") {
		t.Errorf("header does not show the scope: %q", head)
	}
	v := m.View()
	if !strings.Contains(v, "Person at Charlie") || strings.Contains(v, "Person at Alpha") {
		t.Errorf("People is not narrowed to Charlie:\n%s", v)
	}
	m = press(t, m, "2")
	if got := listed(m); strings.Join(got, ",") != "Charlie" {
		t.Errorf("Accounts in scope: %v", got)
	}
	m = press(t, m, "A", "esc")
	if head := strings.SplitN(m.View(), "\n", 2)[0]; strings.Contains(head, "◆") {
		t.Errorf("A then esc did not clear the scope: %q", head)
	}
	if got := listed(m); len(got) != 3 {
		t.Errorf("Accounts after clearing the scope: %v", got)
	}
}

// Every row's bar is measured against the largest revenue of the book, not
// of the rows drawn so far.
func TestRevenueBarsShareOneScale(t *testing.T) {
	st := newTestStore(t)
	seedAccounts(t, st)           // by priority: Bravo 900k, Alpha 100k, Charlie 2m
	m := startApp(t, st, 160, 35) // bars show where the list has room
	m = press(t, m, "2")
	if got := accountsOf(m).maxRev; got != 2_000_000_00 {
		t.Fatalf("bars measured against %v", got)
	}
	rows := strings.Split(m.View(), "\n")[3:6] // under the column names
	full, bravo := strings.Count(rows[2], "█"), strings.Count(rows[0], "█")
	if !strings.Contains(rows[2], "Charlie") || full == 0 || bravo >= full {
		t.Errorf("Bravo's bar (%d) is not shorter than Charlie's (%d):\n%s", bravo, full, strings.Join(rows, "\n"))
	}
}

func TestNoteAndTouchFromAnAccount(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	dana, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Dana Okafor"})
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "N", "Board approved the budget", "ctrl+s")
	np, _ := st.Notes(ctx, store.NoteFilter{AccountID: a.ID}, store.PageReq{})
	if len(np.Items) != 1 || np.Items[0].Kind != model.NoteBusiness || np.Items[0].PersonID != 0 {
		t.Errorf("account note %+v", np.Items)
	}
	m = press(t, m, "L", "Steering meeting", "tab", "m", "tab", "tab", "dana", "ctrl+s")
	if p, _ := st.Person(ctx, dana.ID); !p.LastTouchOn.Equal(model.DateOf(appNow)) {
		t.Errorf("Dana's last touch %s", p.LastTouchOn)
	}
	v := flat(m.View())
	for _, s := range []string{"Board approved the budget", "Steering meeting", "Last touch today", "last today / every 14d"} {
		if !strings.Contains(v, s) {
			t.Errorf("dossier lacks %q:\n%s", s, v)
		}
	}
}

// TestAccountFormRefusesAZeroScore: a typed score is 1–5 — 0 is refused
// like 7 — and an empty one is unset.
func TestAccountFormRefusesAZeroScore(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "Acme")
	formFieldOf(accountsOf(m).ed.ed.form, "replaceability").setValue("0")
	m = press(t, m, "ctrl+s")
	if v := m.View(); !strings.Contains(v, "✗ replaceability: must be 1–5 (or left empty)") {
		t.Errorf("a typed 0 is not refused:\n%s", v)
	}
	formFieldOf(accountsOf(m).ed.ed.form, "replaceability").setValue("")
	press(t, m, "ctrl+s")
	p, _ := st.Accounts(context.Background(), store.AccountFilter{}, store.PageReq{Limit: 5})
	if len(p.Items) != 1 || p.Items[0].Replaceability != 0 {
		t.Errorf("with the score left empty: %+v", p.Items)
	}
}

// TestAccountAmountsRefuseFinerThanTheCurrency: 0.001 is finer than any
// currency, 1.5 yen finer than the yen: both are refused on their field,
// with what was typed kept.
func TestAccountAmountsRefuseFinerThanTheCurrency(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "Kyoto Optics", "tab", "tab", "0.001", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "✗") || !strings.Contains(v, "0.001") {
		t.Fatalf("0.001 was not refused on its field:\n%s", v)
	}
	m = press(t, m, "backspace", "backspace", "backspace", "backspace", "backspace", "1.5", "tab", "tab", "JPY", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "has decimals, and JPY has none") {
		t.Fatalf("1.5 yen was not refused:\n%s", v)
	}
	m = press(t, m, "backspace", "backspace", "backspace", "150", "ctrl+s") // the error took the focus to the field
	page, _ := st.Accounts(context.Background(), store.AccountFilter{}, store.PageReq{Limit: 5})
	if len(page.Items) != 1 || page.Items[0].Revenue != 150_00 || page.Items[0].Currency != "JPY" {
		t.Fatalf("saved %+v\n%s", page.Items, m.View())
	}
}
