package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

func peopleOf(m tea.Model) *peoplePane { return m.(Model).panes[panePeople].(*peoplePane) }

// peopleWorld is two accounts with a small org chart at the first.
type peopleWorld struct {
	st          *store.Store
	acme, other model.Account
	dana, henri model.Person
}

func newPeopleWorld(t *testing.T) peopleWorld {
	t.Helper()
	st := newTestStore(t)
	ctx := context.Background()
	w := peopleWorld{st: st}
	w.acme, _ = st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	w.other, _ = st.CreateAccount(ctx, model.Account{Name: "Globex", Tier: model.TierMaintain})
	w.dana, _ = st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Dana Okafor", Title: "CMO"})
	w.henri, _ = st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Henri Dubois", Title: "Head of Brand"})
	st.CreatePerson(ctx, model.Person{AccountID: w.other.ID, Name: "Dan Elsewhere"})
	return w
}

func TestPersonFormPicksReportsToFromTheSameAccount(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "n", "Zoë Brandt", "tab", "acme", "tab", "Head of Digital", "tab", "c", "tab")
	f := peopleOf(m).ed.ed.form
	boss := formFieldOf(f, "reports to")
	if strings.Join(boss.options, ",") != "Dana Okafor,Henri Dubois" {
		t.Fatalf("reports to offers %v, not Acme's people", boss.options)
	}
	if v := m.View(); !strings.Contains(v, "Dana Okafor · Henri Dubois") {
		t.Errorf("the choices are not shown beside the field:\n%s", v)
	}
	m = press(t, m, "h") // the first letters pick
	if boss.Value() != "Henri Dubois" {
		t.Errorf("h picked %q", boss.Value())
	}
	m = press(t, m, "right") // ←/→ cycle
	if boss.Value() != "Dana Okafor" {
		t.Errorf("→ moved to %q", boss.Value())
	}
	m = press(t, m, "tab", "4", "tab", "5", "tab", "sceptic", "tab", "henri", "tab", "Me and Priya (delivery)", "tab", "Numbers first, one page", "tab", "Adoption figures",
		"tab", "7", "tab", "tab", "tab", "tab", "tab", "tab", "3 dec", "tab", "2019-04-01", "ctrl+s")
	page, _ := w.st.People(ctx, store.PersonFilter{Query: "zoe"}, store.PageReq{})
	if len(page.Items) != 1 {
		t.Fatalf("not saved:\n%s", m.View())
	}
	z, _ := w.st.Person(ctx, page.Items[0].ID)
	if z.AccountID != w.acme.ID || z.ReportsToID != w.dana.ID || z.Role != model.RoleChampion || z.Influence != 4 || z.Strength != 5 ||
		z.ReceiveInfo != "Numbers first, one page" || z.NeedsToShow != "Adoption figures" || z.CadenceDays != 7 ||
		z.Birthday != (model.Birthday{Month: 12, Day: 3}) || z.AtClientSince.String() != "2019-04-01" ||
		z.Stance != model.StanceSceptic || z.Owner != "Me and Priya (delivery)" || len(z.InfluencesIDs) != 1 || z.InfluencesIDs[0] != w.henri.ID {
		t.Errorf("saved %+v", z)
	}
	v := m.View()
	for _, s := range []string{"Zoë Brandt added to Acme", "reports to Dana Okafor", "every 7 days", "3 Dec", "sceptic", "Me and Priya", "sways Henri Dubois"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q:\n%s", s, m.View())
		}
	}
	// Dana's dossier now lists Zoë under her.
	dana, _ := w.st.Person(ctx, w.dana.ID)
	m = runCmds(t, m, peopleOf(m).Open(store.HitPerson, dana.ID))
	if v := m.View(); !strings.Contains(v, "← Zoë Brandt") {
		t.Errorf("Dana's dossier does not show who reports to her:\n%s", v)
	}
}

func TestPersonFormRefusesABossFromElsewhere(t *testing.T) {
	w := newPeopleWorld(t)
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "n", "Zoë Brandt", "tab", "acme", "tab", "tab", "tab")
	peopleOf(m).ed.ed.form.fields[4].setOptions(nil) // as if typed before the choices came
	formFieldOf(peopleOf(m).ed.ed.form, "reports to").setValue("Dan Elsewhere")
	m = press(t, m, "ctrl+s")
	if v := flat(m.View()); !strings.Contains(v, "✗ “Dan Elsewhere”") && !strings.Contains(v, "nobody at Acme matches “Dan Elsewhere”") {
		t.Errorf("a boss at another account was not refused on the field:\n%s", m.View())
	}
	if n, _ := w.st.CountPeople(context.Background(), store.PersonFilter{Query: "zoe"}); n != 0 {
		t.Error("saved with a boss from another account")
	}
}

func TestCadenceDefaultsByTierAndCanBeOverridden(t *testing.T) {
	w := newPeopleWorld(t)
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3") // Dan Elsewhere (Globex, maintain) is first by name
	if v := m.View(); !strings.Contains(v, "every 90 days (maintain default)") {
		t.Errorf("no maintain default:\n%s", v)
	}
	m = press(t, m, "j") // Dana Okafor, Acme is key
	if v := m.View(); !strings.Contains(v, "every 14 days (key default)") {
		t.Errorf("no key default:\n%s", v)
	}
	m = press(t, m, "e", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "21", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "every 21 days") || strings.Contains(v, "every 21 days (") {
		t.Errorf("override not shown:\n%s", v)
	}
	if p, _ := w.st.Person(context.Background(), w.dana.ID); p.CadenceDays != 21 {
		t.Errorf("cadence %d", p.CadenceDays)
	}
}

func TestNoteFormOnAPerson(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	w.st.CreateNote(ctx, model.Note{PersonID: w.dana.ID, Text: "Older personal note", Kind: model.NotePersonal, On: model.DateOf(appNow).AddDays(-30)})
	w.st.CreateNote(ctx, model.Note{PersonID: w.dana.ID, Text: "Starts a new job", Kind: model.NotePersonal, On: model.DateOf(appNow),
		AskAfter: model.DateOf(appNow).AddDays(14)})
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "j")
	// Personal notes, not yet to ask about: their age apart from their
	// text, in days against a cadence, and when to ask.
	for _, want := range []string{"Personal notes", "today Starts a new job · ask from ", "30d   Older personal note"} {
		if !strings.Contains(m.View(), want) {
			t.Errorf("the dossier lacks %q:\n%s", want, m.View())
		}
	}
	if strings.Contains(m.View(), "Ask about") {
		t.Errorf("nothing is due to ask about, yet the dossier says so:\n%s", m.View())
	}
	m = press(t, m, "N")
	if !strings.Contains(m.View(), "Note on Dana Okafor") {
		t.Fatalf("N opens no note form:\n%s", m.View())
	}
	m = press(t, m, "Her daughter starts in Tampere", "enter", "in September", "tab", "i", "tab", "mon", "tab", "y", "ctrl+s")
	page, _ := w.st.Notes(ctx, store.NoteFilter{PersonID: w.dana.ID}, store.PageReq{})
	if len(page.Items) != 3 {
		t.Fatalf("notes %+v\n%s", page.Items, m.View())
	}
	n := page.Items[0]
	monday := model.DateOf(time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local))
	if n.Text != "Her daughter starts in Tampere\nin September" || n.Kind != model.NoteInsight || !n.AskAfter.Equal(monday) || !n.Pinned {
		t.Errorf("saved %+v", n)
	}
	if !strings.Contains(m.View(), "★ Her daughter starts in Tampere") {
		t.Errorf("pinned note not on top, marked:\n%s", m.View())
	}
	// A bad ask-after date is refused on its field, with the text kept.
	m = press(t, m, "N", "Ran a marathon", "tab", "tab", "someday", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "✗") || !strings.Contains(v, "someday") || !strings.Contains(v, "Ran a marathon") {
		t.Errorf("bad date not refused on its field:\n%s", v)
	}
}

func TestTouchResetsCadenceForEveryoneInIt(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "j")
	if v := m.View(); !strings.Contains(v, "last touch never") {
		t.Fatalf("Dana has a touch already:\n%s", m.View())
	}
	m = press(t, m, "L")
	f := peopleOf(m).ed.ed.form
	if f.value("people") != "Dana Okafor" || f.value("date") != "today" || f.value("kind") != "call" {
		t.Fatalf("touch form not pre-filled: people %q date %q kind %q", f.value("people"), f.value("date"), f.value("kind"))
	}
	// Past the notes and follow-ups a debrief may add, to the details.
	m = press(t, m, "Walked through the renewal", "tab", "m", "tab", "tab", "end", ", hen", "tab", "tab", "tab", "They want a pilot first.", "ctrl+s")
	for _, id := range []int64{w.dana.ID, w.henri.ID} {
		p, _ := w.st.Person(ctx, id)
		if !p.LastTouchOn.Equal(model.DateOf(appNow)) {
			t.Errorf("%s: last touch %s", p.Name, p.LastTouchOn)
		}
	}
	tp, _ := w.st.Touches(ctx, store.TouchFilter{PersonID: w.henri.ID}, store.PageReq{})
	if len(tp.Items) != 1 || tp.Items[0].Kind != model.TouchMeeting || tp.Items[0].Text != "They want a pilot first." {
		t.Errorf("touch %+v", tp.Items)
	}
	v := flatColumns(m.View())
	for _, s := range []string{"cadence restarted for 2 people", "last touch today", "next in 14 days", "meeting", "Walked through the renewal"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q:\n%s", s, m.View())
		}
	}

	// Days that have not happened are refused; a weekday is the last one.
	m = press(t, m, "L", "Call", "tab", "tab", "backspace", "backspace", "backspace", "backspace", "backspace", "tomorrow", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "is in the future") {
		t.Errorf("a touch tomorrow was not refused:\n%s", v)
	}
	m = press(t, m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "mon", "ctrl+s")
	tp, _ = w.st.Touches(ctx, store.TouchFilter{PersonID: w.dana.ID}, store.PageReq{})
	if len(tp.Items) != 2 || tp.Items[1].On.String() != "2026-11-23" {
		t.Errorf("mon on a Wednesday is not the last Monday: %+v", tp.Items)
	}
	// Someone not at the account is named, not guessed.
	m = press(t, m, "L", "Call", "tab", "tab", "tab", "end", ", Dan Elsewhere", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "nobody at Acme matches “Dan Elsewhere”") {
		t.Errorf("a person of another account was not refused:\n%s", v)
	}
}

// The 30-second lookup: from a cold start, ctrl+k, three letters, enter,
// and one screen at 120×35 holds everything about the person.
func TestPersonDossierFitsOneScreen(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "zoe", "enter")
	v := m.View()
	checkFrame(t, v, 120, 35)
	for _, s := range []string{"Zoë Lindqvist", "champion", "Head of Digital", "Nordlicht Energie AG", // who
		"Influence", "relationship", "Likes info", "Needs to show", "At client", "years)", "Career", // how to talk to them
		"last touch", "every 14 days", // cadence
		"Ask about", "Moving flat", "Last touches", "Open follow-ups", "Briefs", "framing", // what is open
		"Reporting", "reports to Dana Okafor"} {
		if !strings.Contains(v, s) {
			t.Errorf("the dossier at 120×35 lacks %q:\n%s", s, v)
		}
	}
	if p := peopleOf(m); p.b.detail.TotalLineCount() > p.b.detail.Height {
		t.Errorf("the dossier needs scrolling: %d lines in %d", p.b.detail.TotalLineCount(), p.b.detail.Height)
	}
	// esc goes back to where quick find was opened (Today); People then
	// shows the list with her selected.
	m = press(t, m, "esc")
	if m.(Model).active != paneToday {
		t.Errorf("esc after quick find went to pane %d, not back to Today", m.(Model).active)
	}
	m = press(t, m, "3")
	if sel, _ := peopleOf(m).b.list.selected(); sel.Name != "Zoë Lindqvist" {
		t.Errorf("list selection %q", sel.Name)
	}
	if !strings.Contains(m.View(), "▸ Zoë Lindqvist") {
		t.Errorf("the list does not show her selected:\n%s", m.View())
	}
	// Scrolled in the dossier at 80×24, back to the list: the preview
	// beside it starts at her name again.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = press(t, m, "enter", "j", "j", "j", "esc")
	if y := peopleOf(m).b.detail.YOffset; y != 0 {
		t.Errorf("the preview keeps the dossier's scroll: offset %d", y)
	}
}

// TestReachKeepsEachWayWhole: an email or phone number is never broken
// inside, at any width; they flow onto more lines whole.
func TestReachKeepsEachWayWhole(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	if _, err := w.st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Ingrid Ødegaard", PreferredChannel: "call",
		Email: "ingrid.odegaard@meridian-health.example", Phone: "+36 20 7039938"}); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {120, 35}, {200, 50}} {
		m := startApp(t, w.st, size[0], size[1])
		m = press(t, m, "3", "G", "enter")
		v := m.View()
		for _, whole := range []string{"ingrid.odegaard@meridian-health.example", "+36 20 7039938"} {
			if !strings.Contains(v, whole) {
				t.Errorf("%v: %q is not whole on one line:\n%s", size, whole, v)
			}
		}
	}
}

// TestClearingTheFilterKeepsThePlace: a person found with the filter stays
// selected when the filter is cleared, in the whole list.
func TestClearingTheFilterKeepsThePlace(t *testing.T) {
	w := newPeopleWorld(t)
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "/", "h", "e", "n", "enter")
	if sel, _ := peopleOf(m).b.list.selected(); sel.Name != "Henri Dubois" {
		t.Fatalf("after the filter, %q is selected", sel.Name)
	}
	for _, keys := range [][]string{{"esc"}, {"/", "esc"}} { // clear it; then an empty filter opened and closed
		m = press(t, m, keys...)
		if sel, _ := peopleOf(m).b.list.selected(); sel.Name != "Henri Dubois" {
			t.Errorf("%v moved the selection to %q:\n%s", keys, sel.Name, m.View())
		}
		if !strings.Contains(m.View(), "People · 3/3") {
			t.Errorf("%v: the whole list is not back, at Henri's place:\n%s", keys, m.View())
		}
	}
}

// TestNewFollowUpOnAPersonByName: n in Follow-ups (linked to nothing yet)
// asks whom it is on; a name that picks one person links them and their
// account, an ambiguous one is refused on the field with the candidates.
func TestNewFollowUpOnAPersonByName(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "5", "n", "Send the deck", "tab", "tab", "da", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "✗ on: “da” matches several") || !strings.Contains(v, "Dana Okafor (Acme)") || !strings.Contains(v, "Dan Elsewhere (Globex)") {
		t.Fatalf("an ambiguous name is not refused with the candidates:\n%s", v)
	}
	m = press(t, m, "n", "a", " ", "o", "ctrl+s")
	p, err := w.st.FollowUps(ctx, store.FollowUpFilter{}, store.PageReq{Limit: 5})
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("follow-ups %+v, %v\n%s", p.Items, err, m.View())
	}
	if f := p.Items[0]; f.PersonID != w.dana.ID || f.AccountID != w.acme.ID || f.Text != "Send the deck" {
		t.Errorf("saved %+v, want it on Dana at Acme", f)
	}
}

// The person form says which account the typed name picks as it is typed,
// and an unknown one is offered to be made, keeping everything typed.
func TestPersonFormMakesAnUnknownAccount(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "3", "n")
	m = send(t, m, burst("Ada Quist")...)
	m = press(t, m, "tab")
	m = send(t, m, burst("nordl")...)
	if v := flat(m.View()); !strings.Contains(v, "→ Nordlicht Energie AG") {
		t.Fatalf("the account field does not say what nordl picks:\n%s", m.View())
	}
	f := peopleOf(m).ed.ed.form
	formFieldOf(f, "account").setValue("")
	m = send(t, m, burst("Quist Robotics")...)
	if v := flat(m.View()); !strings.Contains(v, "no account matches “Quist Robotics” — saving offers to create it") {
		t.Fatalf("an unknown account is not said as typed:\n%s", m.View())
	}
	m = press(t, m, "ctrl+s")
	if v := flat(m.View()); !strings.Contains(v, "There is no account called “Quist Robotics”. Create it? y/n") {
		t.Fatalf("saving with an unknown account does not ask to create it:\n%s", m.View())
	}
	m = press(t, m, "n")
	if _, err := st.ResolveAccount(ctx, "Quist Robotics", false); err == nil || peopleOf(m).ed.ed == nil {
		t.Fatalf("n made the account, or closed the form")
	}
	if v := peopleOf(m).ed.ed.form.value("name"); v != "Ada Quist" {
		t.Fatalf("the name typed is now %q", v)
	}
	m = press(t, m, "ctrl+s", "y")
	acct, err := st.ResolveAccount(ctx, "Quist Robotics", false)
	if err != nil {
		t.Fatalf("y did not make the account: %v (%s)", err, statusOf(m))
	}
	ada, err := st.ResolvePerson(ctx, "Ada Quist", store.PersonName{})
	if err != nil || ada.AccountID != acct.ID {
		t.Fatalf("Ada is not at the new account: %v, %v", ada, err)
	}
	m = press(t, m, "u")
	if _, err := st.ResolveAccount(ctx, "Quist Robotics", false); err == nil {
		t.Errorf("u left the account made with the person: %s", statusOf(m))
	}
	if _, err := st.ResolvePerson(ctx, "Ada Quist", store.PersonName{}); err == nil {
		t.Errorf("u left the person")
	}
}

// TestPeopleFilterFindsByAccountTitleAndMarks: the People filter matches
// the account and the title, and a name without its marks.
func TestPeopleFilterFindsByAccountTitleAndMarks(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	for q, want := range map[string]int{"nordlicht": 5, "chief financial": 1, "dokafor": 0, "lindqvist": 2} {
		m = press(t, m, "3", "esc", "/")
		m = press(t, m, q, "enter")
		if got := peopleOf(m).b.list.total; got != want {
			t.Errorf("/%s lists %d people, want %d", q, got, want)
		}
		m = press(t, m, "esc")
	}
}

// TestPersonFormSwaysOnlyTheSameAccount: "Sways" takes names at the
// person's own account; one from elsewhere is refused on the field, and
// an edit that leaves the field alone keeps the links.
func TestPersonFormSwaysOnlyTheSameAccount(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	d, _ := w.st.Person(ctx, w.dana.ID)
	d.InfluencesIDs = []int64{w.henri.ID}
	if _, err := w.st.UpdatePerson(ctx, d); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "/", "dana", "enter", "e")
	f := peopleOf(m).ed.ed.form
	if got := formFieldOf(f, "sways").Value(); got != "Henri Dubois" {
		t.Fatalf("the form shows sways %q", got)
	}
	formFieldOf(f, "title").setValue("Chief Marketing Officer")
	m = press(t, m, "ctrl+s")
	if got, _ := w.st.Person(ctx, w.dana.ID); len(got.InfluencesIDs) != 1 || got.Title != "Chief Marketing Officer" {
		t.Fatalf("an edit that left sways alone: %+v", got)
	}
	m = press(t, m, "e")
	formFieldOf(peopleOf(m).ed.ed.form, "sways").setValue("Henri Dubois, Dan Elsewhere")
	m = press(t, m, "ctrl+s")
	if v := flat(m.View()); !strings.Contains(v, "Dan Elsewhere") || !strings.Contains(v, "sways") {
		t.Errorf("a person at another account was not refused:\n%s", m.View())
	}
	if got, _ := w.st.Person(ctx, w.dana.ID); len(got.InfluencesIDs) != 1 {
		t.Errorf("links changed by a refused save: %v", got.InfluencesIDs)
	}
}
