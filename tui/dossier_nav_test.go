package tui

import (
	"context"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// itemIndex is the first item of the focused dossier that is matches.
func itemIndex(t *testing.T, items []dItem, is func(dItem) bool) int {
	t.Helper()
	for i, it := range items {
		if is(it) {
			return i
		}
	}
	t.Fatalf("no such item among %d", len(items))
	return -1
}

// cursorTo moves the dossier's cursor to item i with j, from before the
// first item.
func cursorTo(t *testing.T, m tea.Model, i int) tea.Model {
	t.Helper()
	m = press(t, m, "g")
	for range i + 1 {
		m = press(t, m, "j")
	}
	return m
}

// TestPersonDossierItems: in a person's dossier j and k move between its
// items; a note is fixed with e, pinned with P; a touch is deleted with D
// and u brings it back; enter on the account opens it and esc comes back
// to the same item.
func TestPersonDossierItems(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "aino", "enter")
	p := peopleOf(m)
	if !p.b.inDetail || p.dossier == nil || p.dossier.person.Name != "Aino Nieminen" {
		t.Fatalf("quick find did not focus Aino's dossier")
	}
	if p.cursor != -1 {
		t.Fatalf("the cursor starts on item %d, not on the dossier itself", p.cursor)
	}
	m = press(t, m, "j")
	if it, ok := p.cursorItem(); !ok || it.kind != store.HitAccount {
		t.Fatalf("j goes to %+v, not the account line first", it)
	}

	// Fix a note: to it, e, the text, ctrl+s.
	ni := itemIndex(t, p.items, func(it dItem) bool { return it.note != nil && it.note.Kind == model.NotePersonal })
	note := *p.items[ni].note
	m = cursorTo(t, m, ni)
	if v := m.View(); !strings.Contains(v, "e edit note") || !strings.Contains(v, "P pin/unpin note") {
		t.Errorf("the footer does not say what the note takes:\n%s", v)
	}
	m = press(t, m, "e")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Edit the note of "+note.On.String()+" on Aino Nieminen") {
		t.Fatalf("e on a note opens no note form:\n%s", v)
	}
	m = press(t, m, "end", " (fixed)", "ctrl+s")
	got, err := st.Note(ctx, note.ID)
	if err != nil || got.Text != note.Text+" (fixed)" {
		t.Fatalf("the note is %q, %v; want it fixed", got.Text, err)
	}
	if !p.b.inDetail || p.cursor != ni {
		t.Errorf("after the save the dossier lost its cursor (at %d, focused %v)", p.cursor, p.b.inDetail)
	}

	// Pin it, and undo.
	m = press(t, m, "P")
	if n, _ := st.Note(ctx, note.ID); !n.Pinned {
		t.Error("P did not pin the note")
	}
	m = press(t, m, "u")
	if n, _ := st.Note(ctx, note.ID); n.Pinned {
		t.Error("u did not unpin it")
	}

	// Delete a touch, and undo.
	ti := itemIndex(t, p.items, func(it dItem) bool { return it.touch != nil })
	touch := *p.items[ti].touch
	m = cursorTo(t, m, ti)
	m = press(t, m, "D")
	if v := m.View(); !strings.Contains(v, "Delete the touch") {
		t.Fatalf("D on a touch does not ask:\n%s", v)
	}
	m = press(t, m, "y")
	if _, err := st.IDOf(ctx, store.HitTouch, touch.UID); err == nil {
		t.Fatal("the touch is still there after D y")
	}
	m = press(t, m, "u")
	if _, err := st.IDOf(ctx, store.HitTouch, touch.UID); err != nil {
		t.Fatalf("u did not bring the touch back: %v", err)
	}

	// The account, and back.
	m = cursorTo(t, m, 0)
	m = press(t, m, "enter")
	if m.(Model).active != paneAccounts {
		t.Fatalf("enter on the account line shows pane %d", m.(Model).active)
	}
	if a := accountsOf(m); !a.b.inDetail || a.dossier == nil || a.dossier.account.Name != "Meridian Health Group" {
		t.Fatalf("the account's dossier is not focused")
	}
	m = press(t, m, "esc")
	if m.(Model).active != panePeople || !p.b.inDetail || p.dossier.person.Name != "Aino Nieminen" || p.cursor != 0 {
		t.Errorf("esc did not come back to Aino's dossier on the account line (pane %d, cursor %d)", m.(Model).active, p.cursor)
	}
}

// TestAccountDossierOpensItsPeople: from an account's dossier enter opens
// a person of its org chart, and esc comes back to the account; a click
// on a person opens them too.
func TestAccountDossierOpensItsPeople(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 200, 50)
	m = press(t, m, "2", "enter")
	a := accountsOf(m)
	if !a.b.inDetail || a.dossier == nil {
		t.Fatal("enter did not focus the dossier")
	}
	first := a.dossier.chart.Rows[0].Person
	at := itemIndex(t, a.items, func(it dItem) bool { return it.kind == store.HitPerson && it.id == first.ID })
	m = cursorTo(t, m, at)
	m = press(t, m, "enter")
	if m.(Model).active != panePeople || peopleOf(m).dossier == nil || peopleOf(m).dossier.person.ID != first.ID {
		t.Fatalf("enter on %s did not open them", first.Name)
	}
	m = press(t, m, "esc")
	if m.(Model).active != paneAccounts || !a.b.inDetail || a.cursor != at {
		t.Fatalf("esc did not come back to the account on %s (pane %d, cursor %d)", first.Name, m.(Model).active, a.cursor)
	}
	// A click on another person of the chart opens them.
	second := a.dossier.chart.Rows[1].Person
	ls := strings.Split(ansi.Strip(m.View()), "\n")
	y := -1
	for i, l := range ls {
		if strings.Contains(l, second.Name) {
			y = i
			break
		}
	}
	if y < 0 {
		t.Fatalf("%s is not on screen", second.Name)
	}
	x := strings.Index(ls[y], second.Name)
	m = click(t, m, len([]rune(ls[y][:x])), y)
	if m.(Model).active != panePeople || peopleOf(m).dossier.person.ID != second.ID {
		t.Errorf("a click on %s did not open them (pane %d)", second.Name, m.(Model).active)
	}
}

// TestAccountWhyFolds: the score's parts fold behind w.
func TestAccountWhyFolds(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	m = press(t, m, "2", "enter")
	a := accountsOf(m)
	if v := flat(a.page.text); strings.Contains(v, "why this rank") || !strings.Contains(v, "w shows why") {
		t.Fatalf("the score's parts are not folded at first:\n%s", a.page.text)
	}
	press(t, m, "w")
	if v := flat(a.page.text); !strings.Contains(v, "why this rank") || !strings.Contains(v, "score =") {
		t.Errorf("w does not unfold them:\n%s", a.page.text)
	}
}

// TestDossierMeetingOpensItsPrep: a person's coming meetings are items;
// enter on one opens its prep sheet.
func TestDossierMeetingOpensItsPrep(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	m = press(t, m, "ctrl+k", "dana okafor", "enter")
	p := peopleOf(m)
	i := itemIndex(t, p.items, func(it dItem) bool { return it.meet != nil })
	title := p.items[i].meet.Title
	m = cursorTo(t, m, i)
	m = press(t, m, "enter")
	if !p.prep.active() || !strings.Contains(ansi.Strip(m.View()), title) {
		t.Errorf("enter on the meeting %q did not open its prep sheet:\n%s", title, m.View())
	}
}

// readCounter is a real store that counts the account dossiers read.
type readCounter struct {
	*store.Store
	mu       sync.Mutex
	accounts map[int64]int
}

func (r *readCounter) Account(ctx context.Context, id int64) (model.Account, error) {
	r.mu.Lock()
	r.accounts[id]++
	r.mu.Unlock()
	return r.Store.Account(ctx, id)
}

// TestOpenReadsTheDossierOnce: an account opened from quick find has its
// dossier read once, not again when the list's page lands on it.
func TestOpenReadsTheDossierOnce(t *testing.T) {
	rc := &readCounter{Store: demoStore(t), accounts: map[int64]int{}}
	m := startApp(t, rc, 120, 35)
	m = press(t, m, "ctrl+k", "nordlicht energie", "enter")
	a := accountsOf(m)
	if !a.b.inDetail || a.dossier == nil || !strings.HasPrefix(a.dossier.account.Name, "Nordlicht Energie") {
		t.Fatalf("quick find did not open the account's dossier")
	}
	if n := rc.accounts[a.dossier.account.ID]; n != 1 {
		t.Errorf("the dossier was read %d times, want once", n)
	}
}
