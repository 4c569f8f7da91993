package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/store"
)

func finderOf(m tea.Model) *finder { return m.(Model).finder }

// hitTitles lists the hits as "kind title".
func hitTitles(hs []store.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Kind.String()+" "+h.Title)
	}
	return out
}

func TestQuickFindRanksNamesBeforeText(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	acme, _ := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	// The text hits are the newest, so they would come first by age.
	st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Joe Annable"})
	st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Anna Berg"})
	st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Ann"})
	st.CreateAccount(ctx, model.Account{Name: "Annex Holdings"})
	joe, _ := st.FindPeople(ctx, "joe", 1)
	st.CreateNote(ctx, model.Note{PersonID: joe[0].ID, Text: "Met Ann's sister at the fair", Kind: model.NotePersonal, On: model.DateOf(appNow)})
	st.CreateFollowUp(ctx, model.FollowUp{AccountID: acme.ID, Text: "Send Ann the annual figures", DueOn: model.DateOf(appNow)})
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "a", "n", "n")
	got := hitTitles(finderOf(m).hits)
	want := []string{"person Ann", "person Anna Berg", "account Annex Holdings", "person Joe Annable"}
	if len(got) < 6 || strings.Join(got[:4], "|") != strings.Join(want, "|") {
		t.Fatalf("ranking %q, want %q then the text hits", got, want)
	}
	for _, h := range finderOf(m).hits[4:] {
		if h.Match != store.MatchText || h.Kind != store.HitNote && h.Kind != store.HitFollowUp {
			t.Errorf("after the names: %+v", h)
		}
	}
	v := m.View()
	checkFrame(t, v, 120, 35)
	for _, s := range []string{"Met Ann's sister at the fair", "Send Ann the annual figures", "Joe Annable · Acme"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q in the results:\n%s", s, v)
		}
	}
	if strings.Count(v, "Met Ann's sister") != 1 {
		t.Errorf("a note's text shown twice:\n%s", v)
	}
}

func TestQuickFindIgnoresCaseAndAccents(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Fjordline"})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Zoë Brandt"})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Søren Ølsen"})
	for q, want := range map[string]string{"zoe": "Zoë Brandt", "ZOË": "Zoë Brandt", "olsen": "Søren Ølsen", "soren": "Søren Ølsen"} {
		m := startApp(t, st, 120, 35)
		m = press(t, m, "ctrl+k", q)
		if hs := finderOf(m).hits; len(hs) == 0 || hs[0].Title != want {
			t.Errorf("%q finds %q, want %q first", q, hitTitles(hs), want)
		}
	}
}

func TestQuickFindHighlightsMatchingWords(t *testing.T) {
	st := DefaultStyles()
	st.Highlight = lipgloss.NewStyle().Transform(func(s string) string { return "[" + s + "]" })
	got := highlight("Zoë ran the Berlin marathon, again", []string{"zoe", "marath"}, st)
	if got != "[Zoë] ran the Berlin [marathon,] again" {
		t.Errorf("highlight = %q", got)
	}
	// The words around a match deep in a long text stay in view.
	long := strings.Repeat("filler words here ", 10) + "the marathon went well"
	if ex := excerpt(long, []string{"marath"}, 40); !strings.Contains(ex, "marathon") || !strings.HasPrefix(ex, "…") {
		t.Errorf("excerpt = %q", ex)
	}
}

// Typing fires a search per keystroke in a command; an answer for an older
// query that lands late is dropped.
func TestQuickFindDropsStaleResults(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Zara Zed"})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Zoë Brandt"})
	m := startApp(t, st, 120, 35)
	m, _ = m.Update(Key("ctrl+k"))
	m, first := m.Update(Key("z"))
	m, second := m.Update(Key("o"))
	if finderOf(m) == nil || first == nil || second == nil {
		t.Fatal("typing in quick find starts no search")
	}
	// The answers arrive newest first.
	m = runCmds(t, m, second)
	m = runCmds(t, m, first)
	if got := hitTitles(finderOf(m).hits); len(got) != 1 || got[0] != "person Zoë Brandt" {
		t.Errorf("after a stale answer: %q", got)
	}
}

func TestQuickFindOpensTheItemInItsPane(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	// Enough people that the one found is far down the list.
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	for i := range 260 {
		st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Person " + itoa(1000+i)})
	}
	zoe, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Zoë Brandt", Title: "CMO"})
	st.CreateNote(ctx, model.Note{PersonID: zoe.ID, Text: "Ran the Berlin marathon", Kind: model.NotePersonal, On: model.DateOf(appNow)})
	st.CreateNote(ctx, model.Note{AccountID: a.ID, Text: "Restructuring the procurement team", Kind: model.NoteBusiness, On: model.DateOf(appNow)})

	m := startApp(t, st, 120, 35)
	m = press(t, m, "3", "/", "per", "ctrl+k", "zoe", "enter")
	if m.(Model).active != panePeople || !peopleOf(m).b.inDetail {
		t.Fatalf("not on People with the detail open:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "Zoë Brandt") || !strings.Contains(m.View(), "CMO") {
		t.Errorf("no dossier:\n%s", m.View())
	}
	m = press(t, m, "esc")
	p := peopleOf(m)
	if sel, _ := p.b.list.selected(); sel.ID != zoe.ID || p.b.list.sel != 260 || p.query != "" {
		t.Errorf("selected %q at %d (filter %q), want Zoë at 260 with the filter cleared", sel.Name, p.b.list.sel, p.query)
	}
	if v := m.View(); !strings.Contains(v, "▸ Zoë Brandt") || !strings.Contains(v, "Person 1259") {
		t.Errorf("the list does not show her selected among her neighbours:\n%s", v)
	}

	// A note on a person opens the person; on an account, the account.
	m = press(t, m, "ctrl+k", "marathon", "enter")
	if m.(Model).active != panePeople || peopleOf(m).dossier.person.ID != zoe.ID {
		t.Errorf("a person's note did not open the person")
	}
	m = press(t, m, "ctrl+k", "procurement", "enter")
	if m.(Model).active != paneAccounts || !accountsOf(m).b.inDetail || !strings.Contains(m.View(), "Acme") {
		t.Errorf("an account's note did not open the account:\n%s", m.View())
	}
	// Briefs and follow-ups open in their own panes.
	st.CreateBrief(ctx, model.Brief{AccountID: a.ID, Title: "Warehouse robots"})
	st.CreateFollowUp(ctx, model.FollowUp{AccountID: a.ID, Text: "Send the robot figures", DueOn: model.DateOf(appNow)})
	for q, want := range map[string]paneID{"warehouse": paneBriefs, "robot figures": paneFollowUps} {
		m = press(t, m, "ctrl+k", q, "enter")
		if m.(Model).active != want {
			t.Errorf("%q opened pane %d, want %d", q, m.(Model).active, want)
		}
	}
	m = press(t, m, "ctrl+k", "acme")
	if hs := finderOf(m).hits; len(hs) == 0 || hs[0].Kind != store.HitAccount {
		t.Fatalf("acme finds %q", hitTitles(finderOf(m).hits))
	}
	m = press(t, m, "esc")
	if finderOf(m) != nil {
		t.Error("esc does not close quick find")
	}
}

// TestQuickFindMarksDoneFollowUps: a done follow-up found by quick find says
// it is done; an open one does not.
func TestQuickFindMarksDoneFollowUps(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Fjordline"})
	done, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "Prepare figures on the partner portal", DueOn: model.DateOf(appNow), AccountID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CompleteFollowUp(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "Prepare the partner contract", DueOn: model.DateOf(appNow), AccountID: a.ID}); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "partner")
	v := m.View()
	if l, _ := lineOf(v, "figures on the partner portal"); !strings.Contains(l, "✓ done") {
		t.Errorf("the done follow-up is not marked: %q\n%s", l, v)
	}
	if l, _ := lineOf(v, "Prepare the partner contract"); strings.Contains(l, "done") {
		t.Errorf("the open follow-up is marked done: %q", l)
	}
}

// TestQuickFindOpensADoneFollowUpFromAnEmptyList: with no open follow-ups
// the list is empty, yet a done one opened from quick find shows.
func TestQuickFindOpensADoneFollowUpFromAnEmptyList(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	f, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "Prepare figures on the partner portal", DueOn: model.DateOf(appNow)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CompleteFollowUp(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "partner", "enter")
	if v := m.View(); !strings.Contains(v, "Prepare figures on the partner portal") || strings.Contains(v, "No open follow-ups") {
		t.Errorf("the done follow-up opened from quick find does not show:\n%s", v)
	}
}
