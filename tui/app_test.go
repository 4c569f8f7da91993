package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"rapport/demo"
	"rapport/model"
	"rapport/store"
)

var appNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// newTestStore opens a real store on a file in a temporary directory.
func newTestStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), store.WithClock(func() time.Time { return appNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// runCmds runs a command and all that follows from it through the model.
func runCmds(t testing.TB, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	return Drive(m, cmd, 400*time.Millisecond)
}

// press sends keys (runes, or names like "enter", "ctrl+s", "tab") to the model.
func press(t testing.TB, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	for _, k := range keys {
		m = runCmds(t, m, func() tea.Msg { return keyMsg(k) })
	}
	return m
}

func keyMsg(k string) tea.KeyMsg { return Key(k) }

func startApp(t testing.TB, st Store, w, h int) tea.Model {
	t.Helper()
	var m tea.Model = New(st, Options{Now: func() time.Time { return appNow }, StatusFor: -1})
	m = runCmds(t, m, m.Init())
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	ls := strings.Split(view, "\n")
	if len(ls) != h {
		t.Errorf("frame has %d lines, want %d", len(ls), h)
	}
	for i, l := range ls {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i, lipgloss.Width(l), w, l)
		}
	}
}

func TestEmptyStatesAndTabs(t *testing.T) {
	st := newTestStore(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		m := startApp(t, st, size[0], size[1])
		for i, want := range []string{"", "No accounts yet — press n", "No people yet", "", ""} {
			m = press(t, m, itoa(i+1))
			v := m.View()
			checkFrame(t, v, size[0], size[1])
			if want != "" && !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
				t.Errorf("%dx%d pane %d: no %q in\n%s", size[0], size[1], i+1, want, v)
			}
		}
		if !strings.Contains(m.View(), "Today") || !strings.Contains(m.View(), "People") {
			t.Errorf("tabs missing:\n%s", m.View())
		}
	}
}

func TestHelpAndQuit(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 100, 30)
	m = press(t, m, "?")
	if !strings.Contains(m.View(), "ctrl+k") || !strings.Contains(m.View(), "Keys —") {
		t.Errorf("full help not shown:\n%s", m.View())
	}
	m = press(t, m, "?")
	if strings.Contains(m.View(), "Keys —") {
		t.Error("? did not close the help")
	}
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil || reflect.TypeOf(cmd()) != reflect.TypeOf(tea.Quit()) {
		t.Error("q does not quit while browsing")
	}
}

func TestAccountFormKeepsTypedTextOnFailure(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	if _, err := st.CreateAccount(ctx, model.Account{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "2", "n", "a", "c", "m", "e", "tab", "tab", "1", ".", "2", "m", "ctrl+s")
	v := m.View()
	if !strings.Contains(v, "already exists") || !strings.Contains(v, "1.2m") {
		t.Fatalf("duplicate name not refused with the typed text kept:\n%s", v)
	}
	// ctrl+c with unsaved changes asks first.
	m2, cmd := m.Update(keyMsg("ctrl+c"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("ctrl+c quit without asking about the unsaved form")
		}
	}
	if !strings.Contains(m2.View(), "Discard the unsaved form") {
		t.Errorf("no question:\n%s", m2.View())
	}
	m = press(t, m, "esc", "y") // leave the quit question... then cancel the form
	m = press(t, m, "n", "backspace", "backspace", "backspace", "backspace", "G", "l", "o", "b", "e", "x", "tab", "right", "tab", "bad", "ctrl+s")
	if v := m.View(); !strings.Contains(v, "revenue") || !strings.Contains(v, "Globex") {
		t.Fatalf("bad amount not refused on its field:\n%s", v)
	}
	m = press(t, m, "backspace", "backspace", "backspace", "2", "5", "0", "k", "ctrl+s")
	p, _ := st.Accounts(ctx, store.AccountFilter{Query: "globex"}, store.PageReq{})
	if len(p.Items) != 1 || p.Items[0].Revenue != 25000000 || p.Items[0].Tier != model.TierMaintain {
		t.Fatalf("saved %+v", p.Items)
	}
	if !strings.Contains(m.View(), "Globex added") {
		t.Errorf("no confirmation:\n%s", m.View())
	}
}

func TestSanitisedOnScreen(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Evil\x1b]0;owned\x07 Corp", Notes: "line\x1b[2J"})
	st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Ms \u009b31m Red"})
	m := startApp(t, st, 120, 30)
	for _, k := range []string{"2", "3"} {
		m = press(t, m, k)
		v := m.View()
		if strings.ContainsAny(v, "\x07\u009b") || strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") {
			t.Errorf("pane %s draws raw control characters: %q", k, v)
		}
		if !strings.Contains(v, "␛") && !strings.Contains(v, "�") {
			t.Errorf("pane %s does not show the marker", k)
		}
	}
}

func TestQuickFindJumpsToPerson(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	p, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Zoë Brandt", Title: "CMO", ReceiveInfo: "numbers first, one page"})
	st.CreateNote(ctx, model.Note{PersonID: p.ID, Text: "Ran the Berlin marathon", Kind: model.NotePersonal, AskAfter: model.DateOf(appNow)})
	m := startApp(t, st, 120, 35)
	m = press(t, m, "ctrl+k", "z", "o", "e")
	if !strings.Contains(m.View(), "Zoë Brandt") {
		t.Fatalf("quick find shows no Zoë:\n%s", m.View())
	}
	m = press(t, m, "enter")
	v := m.View()
	for _, want := range []string{"Zoë Brandt", "CMO", "numbers first, one page", "Ask about", "Berlin marathon"} {
		if !strings.Contains(v, want) {
			t.Errorf("dossier lacks %q:\n%s", want, v)
		}
	}
	// Log a touch from the dossier: the cadence line turns from due to next.
	m = press(t, m, "L", "C", "a", "l", "l", "e", "d", "ctrl+s")
	got, _ := st.Person(ctx, p.ID)
	if !got.LastTouchOn.Equal(model.DateOf(appNow)) {
		t.Fatalf("touch not logged: last touch %s", got.LastTouchOn)
	}
	if v := m.View(); !strings.Contains(v, "next in 14 days") {
		t.Errorf("cadence not reset on screen:\n%s", v)
	}
}

// demoStore is a real store filled with the small demo book.
func demoStore(t testing.TB) *store.Store {
	t.Helper()
	st := newTestStore(t)
	if _, err := demo.Load(context.Background(), st, demo.Small, model.DateOf(appNow)); err != nil {
		t.Fatal(err)
	}
	return st
}

// Every screen a user reaches keeps to the terminal: exactly as many lines
// as it has rows, none wider than it, from 80×24 to 200×50.
func TestEveryScreenFitsTheTerminal(t *testing.T) {
	st := demoStore(t)
	paths := [][]string{
		{"1"}, {"1", "j", "enter"}, {"1", "j", "j", "m"}, {"1", "j", "j", "m", "G"}, {"1", "L"}, {"1", "n"}, {"1", "e"}, {"1", "D"},
		{"1", "enter", "w"}, {"3", "m"}, {"2", "m"},
		{"2"}, {"2", "enter"}, {"2", "j", "enter", "G"}, {"2", "P"}, {"2", "P", "j", "j", "j"}, {"2", "n"}, {"2", "e"}, {"2", "H"}, {"2", "N"}, {"2", "/", "a"}, {"2", "D"},
		{"3"}, {"3", "enter"}, {"3", "n"}, {"3", "L"}, {"3", "N"}, {"3", "r"}, {"3", "/", "zz"},
		{"4"}, {"4", "enter"}, {"5"}, {"5", "enter"},
		{"?"}, {"2", "?"}, {"ctrl+k"}, {"ctrl+k", "da"}, {"ctrl+k", "marathon"}, {"A"}, {"A", "nord", "enter"},
	}
	for _, size := range [][2]int{{80, 24}, {120, 35}, {200, 50}} {
		for _, path := range paths {
			m := startApp(t, st, size[0], size[1])
			m = press(t, m, path...)
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], strings.Join(path, ",")), func(t *testing.T) {
				checkFrame(t, m.View(), size[0], size[1])
			})
		}
	}
}

// TestPanesLoadWhenFirstShown: the first frame waits only for Today; a
// pane reads its list the first time it is shown, and only then.
func TestPanesLoadWhenFirstShown(t *testing.T) {
	st := newTestStore(t)
	if _, err := demo.Load(context.Background(), st, demo.Small, model.DateOf(appNow)); err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)
	root := m.(Model)
	people := root.panes[panePeople].(*peoplePane)
	if n := len(people.b.list.items); n != 0 || root.loaded[panePeople] {
		t.Fatalf("People read %d rows before it was shown", n)
	}
	m = press(t, m, "3")
	if n := len(people.b.list.items); n == 0 {
		t.Fatal("People shows no rows after 3")
	}
	if v := m.View(); !strings.Contains(v, "Dana Okafor") {
		t.Errorf("People after 3 lacks Dana Okafor:\n%s", v)
	}
}

// twoProcesses is the store rapport runs on, with an account Acme, and a
// second store on the same file, writing as another process would.
func twoProcesses(t *testing.T) (st, other *store.Store, acme model.Account) {
	t.Helper()
	ctx := context.Background()
	st = newTestStore(t)
	acme, err := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	if other, err = store.Open(ctx, st.Path()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return st, other, acme
}

// TestChangesFromElsewhereShow: with rapport open on Today, another process
// (here a second store on the file) adds a follow-up due today; the next
// look at the file reloads the screen and shows it — unless a form is open,
// when it waits until the form is gone.
func TestChangesFromElsewhereShow(t *testing.T) {
	ctx := context.Background()
	st, other, acme := twoProcesses(t)
	m := startApp(t, st, 120, 35)
	look := func() {
		t.Helper()
		m = runCmds(t, m, m.(Model).checkData())
	}
	look() // the first look only notes where the file stands
	if _, err := other.CreateFollowUp(ctx, model.FollowUp{Text: "Call back about the pilot", DueOn: model.DateOf(appNow), AccountID: acme.ID}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.View(), "Call back about the pilot") {
		t.Fatal("shown before rapport looked")
	}
	look()
	if !strings.Contains(m.View(), "Call back about the pilot") {
		t.Fatalf("a follow-up added elsewhere does not show after a look:\n%s", m.View())
	}

	// A form open: the look waits.
	m = press(t, m, "2", "n")
	if _, err := other.CreateAccount(ctx, model.Account{Name: "Zeta Added Elsewhere"}); err != nil {
		t.Fatal(err)
	}
	look()
	m = press(t, m, "esc")
	if strings.Contains(m.View(), "Zeta Added Elsewhere") {
		t.Fatalf("the list reloaded under an open form:\n%s", m.View())
	}
	look()
	if !strings.Contains(m.View(), "Zeta Added Elsewhere") {
		t.Fatalf("after the form closed, the next look does not reload:\n%s", m.View())
	}
}

// TestFullHelpShowsEveryKeyWhenNarrow: at 80×24, ? lists every key of each
// pane and its overlays (the columns that do not fit beside the others go
// below them, and j scrolls to them), and the header names every pane in
// full.
func TestFullHelpShowsEveryKeyWhenNarrow(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 80, 24)
	for i, d := range []string{"1", "2", "3", "4", "5"} {
		m = press(t, m, d, "?")
		seen := ""
		for range 40 {
			v := m.View()
			checkFrame(t, v, 80, 24)
			seen += v
			m = press(t, m, "j")
		}
		for _, g := range m.(Model).panes[i].(guider).guide() {
			for _, b := range g.keys {
				if h := b.Help(); h.Key != "" && !regexp.MustCompile(regexp.QuoteMeta(h.Key)+` +`+regexp.QuoteMeta(h.Desc)).MatchString(seen) {
					t.Errorf("pane %s: full help lacks %q", d, h.Key+" "+h.Desc)
				}
			}
		}
		if !strings.Contains(seen, "5 Follow-ups") {
			t.Errorf("the header shortens the titles though they fit:\n%s", strings.SplitN(seen, "\n", 2)[0])
		}
		if !strings.Contains(seen, "?/esc close help") {
			t.Errorf("pane %s: the footer does not say how to close the help", d)
		}
		m = press(t, m, "?")
	}
}

// TestFullHelpSameOnEveryRow: the full help has the same keys whatever
// row is selected; a key that does nothing on this row is dimmed, not
// dropped.
func TestFullHelpSameOnEveryRow(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	m = press(t, m, "4")
	p := m.(Model).panes[paneBriefs].(*briefsPane)
	first := guideKeys(p.guide())
	for range 12 {
		m = press(t, m, "j")
		if got := guideKeys(p.guide()); got != first {
			t.Fatalf("the full help changed with the row:\n%s\nthen\n%s", first, got)
		}
	}
}

func guideKeys(gs []keyGroup) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.title + ":")
		for _, k := range g.keys {
			b.WriteString(" " + k.Help().Key)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestFormClearsOldStatus: a status line about what was done before does
// not stay under a form that opens after it.
func TestFormClearsOldStatus(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "5", "v")
	if !strings.Contains(m.View(), "Showing done follow-ups too") {
		t.Fatalf("v says nothing:\n%s", m.View())
	}
	m = press(t, m, "n")
	if v := m.View(); !strings.Contains(v, "Repeat from") || strings.Contains(v, "Showing done follow-ups too") {
		t.Errorf("the old status stays under the new form:\n%s", v)
	}
}

// TestEmptyListsTakeTheWidth: with nothing to list there is no detail, so
// an empty pane says what to do across the width, without a blank column
// beside it.
func TestEmptyListsTakeTheWidth(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 120, 35)
	for _, d := range []string{"2", "3", "4", "5"} {
		m = press(t, m, d)
		v := m.View()
		checkFrame(t, v, 120, 35)
		if strings.Contains(v, "│") || !strings.Contains(v, "press n to") {
			t.Errorf("pane %s, empty:\n%s", d, v)
		}
	}
}

// TestChangesFromElsewhereKeepTheSelection: a row another process adds
// above the selected one does not move the selection off its row.
func TestChangesFromElsewhereKeepTheSelection(t *testing.T) {
	ctx := context.Background()
	st, other, acme := twoProcesses(t)
	for _, n := range []string{"Dana Okafor", "Henri Dubois"} {
		if _, err := st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	m := startApp(t, st, 120, 35)
	m = press(t, m, "3", "G")
	m = runCmds(t, m, m.(Model).checkData())
	if _, err := other.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Aaron Added"}); err != nil {
		t.Fatal(err)
	}
	m = runCmds(t, m, m.(Model).checkData())
	if !strings.Contains(m.View(), "Aaron Added") {
		t.Fatalf("the person added elsewhere does not show:\n%s", m.View())
	}
	if sel, _ := m.(Model).panes[panePeople].(*peoplePane).b.list.selected(); sel.Name != "Henri Dubois" {
		t.Errorf("after a change elsewhere the selection moved to %q", sel.Name)
	}
}

// TestStatusClearsOnNextKey: a status line says what just happened and
// goes with the next key, as well as after a few seconds.
func TestStatusClearsOnNextKey(t *testing.T) {
	m := startApp(t, demoStore(t), 100, 30)
	m = press(t, m, "5", "x")
	if s := m.(Model).status; !strings.HasPrefix(s, "Done") {
		t.Fatalf("status after x = %q", s)
	}
	m = press(t, m, "j")
	if s := m.(Model).status; s != "" {
		t.Errorf("status after the next key = %q, want it cleared", s)
	}
}

// flatColumns is a screen as words on one line: the list's column, then
// the detail's beside it (split at the border), so text the detail wraps
// still reads as one phrase.
func flatColumns(screen string) string {
	var left, right []string
	for _, l := range strings.Split(ansi.Strip(screen), "\n") {
		a, b, ok := strings.Cut(l, "│")
		left = append(left, a)
		if ok {
			right = append(right, b)
		}
	}
	return strings.Join(strings.Fields(strings.Join(left, " ")+" "+strings.Join(right, " ")), " ")
}
