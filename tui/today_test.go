package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// The Today and Follow-ups tests run the whole TUI — the root model's
// Update with key messages as the terminal sends them (Drive, Key) — over a
// real SQLite file, and look at the store and the screen afterwards.

// todayNow is the fixed clock of the Today and Follow-ups tests: Wednesday
// 4 March 2026, noon local time.
var todayNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.Local)

// todayWorld is a store with an account, two people and follow-ups of every
// kind the agenda shows.
type todayWorld struct {
	st                                    *store.Store
	acme                                  model.Account
	dana, zoe                             model.Person
	overdue, promise, call, weekly, later model.FollowUp
	upcoming                              model.FollowUp
}

func openTodayStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), store.WithClock(func() time.Time { return todayNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newTodayWorld(t *testing.T) *todayWorld {
	t.Helper()
	ctx := context.Background()
	w := &todayWorld{st: openTodayStore(t)}
	st := w.st
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.acme, err = st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	must(err)
	w.dana, err = st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Dana Reyes", Title: "CFO", ReceiveInfo: "numbers first, one page"})
	must(err)
	w.zoe, err = st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Zoë Park"})
	must(err)
	fu := func(f model.FollowUp) model.FollowUp {
		t.Helper()
		f, err := st.CreateFollowUp(ctx, f)
		must(err)
		return f
	}
	w.overdue = fu(model.FollowUp{Text: "Send the pricing one-pager", DueOn: model.MustDate("2026-03-01"), PersonID: w.dana.ID})
	w.promise = fu(model.FollowUp{Text: "Deliver the roadmap deck", Kind: model.KindPromise, DueOn: model.MustDate("2026-03-02"), AccountID: w.acme.ID})
	w.call = fu(model.FollowUp{Text: "Call about the renewal", DueOn: model.MustDate("2026-03-04"), DueTime: "15:00", PersonID: w.zoe.ID})
	w.weekly = fu(model.FollowUp{Text: "Weekly status mail", DueOn: model.MustDate("2026-03-04"), AccountID: w.acme.ID,
		Recur: model.Recurrence{Unit: model.RecurWeek, Every: 1}})
	w.upcoming = fu(model.FollowUp{Text: "Prep QBR \x1b[2J agenda", DueOn: model.MustDate("2026-03-06"), AccountID: w.acme.ID})
	w.later = fu(model.FollowUp{Text: "Plan next year's budget", DueOn: model.MustDate("2026-04-20"), AccountID: w.acme.ID})
	return w
}

// todayApp is the whole TUI, driven a key at a time.
type todayApp struct {
	t *testing.T
	m tea.Model
}

// startToday opens the TUI on st at a terminal size, as `rapport` does, and
// waits for every pane's first load.
func startToday(t *testing.T, st Store, width, height int) *todayApp {
	t.Helper()
	var m tea.Model = New(st, Options{Now: func() time.Time { return todayNow }, StatusFor: -1})
	m, _ = m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m = Drive(m, m.Init(), time.Second)
	a := &todayApp{t: t, m: m}
	if a.today().agenda == nil {
		t.Fatalf("agenda not loaded (err %v)", a.today().err)
	}
	return a
}

// press sends keys ("x", "enter", "ctrl+s") through the root Update, running
// the commands each one starts until the screen settles.
func (a *todayApp) press(keys ...string) *todayApp {
	a.t.Helper()
	for _, k := range keys {
		msg := Key(k)
		a.m = Drive(a.m, func() tea.Msg { return msg }, time.Second)
	}
	return a
}

// typ types text a character at a time, as a terminal sends it.
func (a *todayApp) typ(s string) *todayApp {
	a.t.Helper()
	for _, r := range s {
		a.press(string(r))
	}
	return a
}

func (a *todayApp) root() Model               { return a.m.(Model) }
func (a *todayApp) today() *todayPane         { return a.root().panes[paneToday].(*todayPane) }
func (a *todayApp) followUps() *followUpsPane { return a.root().panes[paneFollowUps].(*followUpsPane) }
func (a *todayApp) status() string            { return a.root().status }
func (a *todayApp) view() string              { return ansi.Strip(a.m.View()) }
func (a *todayApp) wantStatus(substr string)  { a.t.Helper(); a.want(a.status(), substr) }
func (a *todayApp) wantScreen(substrs ...string) {
	a.t.Helper()
	v := a.view()
	for _, s := range substrs {
		a.want(v, s)
	}
}

func (a *todayApp) want(got, substr string) {
	a.t.Helper()
	if !strings.Contains(got, substr) {
		a.t.Errorf("want %q in:\n%s", substr, got)
	}
}

// selectToday moves Today's selection to the item with key k ("f12"), the
// way a user does: from the top, down a row at a time.
func (a *todayApp) selectToday(k string) {
	a.t.Helper()
	a.press("g")
	for range len(a.today().items) {
		if r, ok := a.today().selected(); ok && r.key() == k {
			return
		}
		a.press("j")
	}
	a.t.Fatalf("item %s is not on Today:\n%s", k, a.view())
}

// selectedKey is the key of Today's selected item.
func (a *todayApp) selectedKey() string {
	r, _ := a.today().selected()
	return r.key()
}

func fuKey(f model.FollowUp) string   { return "f" + itoa(int(f.ID)) }
func personKey(p model.Person) string { return "p" + itoa(int(p.ID)) }

// sectionOf returns the section an item is listed in, or -1.
func (p *todayPane) sectionOf(k string) model.AgendaSection {
	for _, i := range p.items {
		if p.rows[i].key() == k {
			return p.rows[i].sec
		}
	}
	return -1
}

func getFU(t *testing.T, st *store.Store, id int64) model.FollowUp {
	t.Helper()
	f, err := st.FollowUp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// openLike returns the open follow-ups whose text holds q.
func openLike(t *testing.T, st *store.Store, q string) []model.FollowUp {
	t.Helper()
	p, err := st.FollowUps(context.Background(), store.FollowUpFilter{Query: q}, store.PageReq{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

func TestTodayStartScreen(t *testing.T) {
	w := newTodayWorld(t)
	for _, size := range [][2]int{{120, 35}, {80, 24}, {200, 50}} {
		a := startToday(t, w.st, size[0], size[1])
		raw := a.m.View()
		checkFrame(t, raw, size[0], size[1])
		if strings.Contains(raw, "\x1b[2J") {
			t.Fatal("a follow-up's escape sequence reached the screen raw")
		}
		a.wantScreen("2 overdue · 1 promise due · 2 due today · 1 in 7 days · 2 people to call",
			"Overdue  2", "Due today  2", "Next 7 days  1", "People due a touch  2",
			"3d late", "Send the pricing one-pager", "promise", "15:00", "Prep QBR ␛[2J agenda",
			"Dana Reyes", "? help", "q quit")
		if size[0] >= 100 {
			// The detail shows the selected (first overdue) follow-up in context.
			a.wantScreen("never touched · due today", "Wed 4 Mar", "Due            2026-03-01 (3d late)")
		}
	}
}

func TestTodayDoneUndo(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	a.selectToday(fuKey(w.overdue))
	a.press("x")
	if !getFU(t, w.st, w.overdue.ID).Done() {
		t.Fatal("x did not mark the follow-up done")
	}
	if a.today().sectionOf(fuKey(w.overdue)) != -1 {
		t.Error("the done follow-up is still on Today")
	}
	a.wantStatus("Done: “Send the pricing one-pager”. r plans the next one; u undoes.")
	a.wantScreen("1 overdue · 1 promise due", "u undo")
	if got := a.selectedKey(); got != fuKey(w.promise) {
		t.Errorf("after x the selection is on %s, want the next item %s", got, fuKey(w.promise))
	}

	a.press("j", "u")
	if getFU(t, w.st, w.overdue.ID).Done() {
		t.Fatal("u did not reopen the follow-up")
	}
	if a.today().sectionOf(fuKey(w.overdue)) != model.SectionOverdue {
		t.Error("the reopened follow-up is not back under Overdue")
	}
	if got := a.selectedKey(); got != fuKey(w.overdue) {
		t.Errorf("after u the selection is on %s, want the follow-up brought back", got)
	}
	a.wantStatus("Undone: “Send the pricing one-pager” is open again.")
	a.press("u")
	a.wantStatus("Nothing to undo.")

	// The session has one undo: done on Today, undone from Follow-ups.
	a.selectToday(fuKey(w.call))
	a.press("x", "5", "u")
	if getFU(t, w.st, w.call.ID).Done() {
		t.Fatal("u in Follow-ups did not undo the done made on Today")
	}
	a.wantStatus("Undone: “Call about the renewal” is open again.")
	a.press("1")
	if a.today().sectionOf(fuKey(w.call)) != model.SectionToday {
		t.Error("Today does not show the follow-up undone elsewhere")
	}
}

func TestTodayRecurringDoneSpawnsNext(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	a.selectToday(fuKey(w.weekly))
	a.press("x")
	a.wantStatus("Done: “Weekly status mail”. It repeats: the next one is due wed 2026-03-11. u undoes.")
	open := openLike(t, w.st, "Weekly status")
	if len(open) != 1 || open[0].ID == w.weekly.ID || !open[0].DueOn.Equal(model.MustDate("2026-03-11")) ||
		open[0].AccountID != w.acme.ID || open[0].Recur != w.weekly.Recur {
		t.Fatalf("open weekly follow-ups after done: %+v", open)
	}
	if got := a.today().sectionOf(fuKey(open[0])); got != model.SectionUpcoming {
		t.Errorf("the next one is in section %d, want the next 7 days", got)
	}
	// Undo takes the spawned one away and reopens the original.
	a.press("u")
	open = openLike(t, w.st, "Weekly status")
	if len(open) != 1 || open[0].ID != w.weekly.ID {
		t.Fatalf("after undo: %+v", open)
	}
	a.wantStatus("is open again; its next one is gone.")
}

func TestTodaySnooze(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	for _, tt := range []struct {
		keys []string
		want string
		sec  model.AgendaSection
	}{
		{[]string{"1", "enter"}, "2026-03-05", model.SectionUpcoming},
		{[]string{"3", "d", "enter"}, "2026-03-07", model.SectionUpcoming},
		{[]string{"w", "enter"}, "2026-03-11", model.SectionUpcoming},
		{[]string{"+", "2", "w", "enter"}, "2026-03-18", -1},
		{[]string{"1", "2", "-", "0", "3", "enter"}, "2026-12-03", -1},          // starts like the short answer 1
		{[]string{"w", "e", "d", "enter"}, "2026-03-11", model.SectionUpcoming}, // starts like w
		{[]string{"d", "e", "c", " ", "3", "enter"}, "2026-12-03", -1},
		{[]string{"f", "r", "i", " ", "1", "5", ":", "0", "0", "enter"}, "2026-03-06", model.SectionUpcoming},
	} {
		a.selectToday(fuKey(w.overdue))
		a.press("s")
		if !a.today().Capturing() {
			t.Fatal("s did not open the snooze prompt")
		}
		a.wantScreen("Snooze “Send the pricing one-pager” — 1d, 3d, 1w or a day, then enter", "esc cancel")
		a.press(tt.keys...)
		if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate(tt.want)) {
			t.Fatalf("%v: snoozed until %v, want %s", tt.keys, got, tt.want)
		}
		if a.today().Capturing() {
			t.Errorf("%v: the prompt stayed open", tt.keys)
		}
		if got := a.today().sectionOf(fuKey(w.overdue)); got != tt.sec {
			t.Errorf("%v: snoozed follow-up is in section %d, want %d", tt.keys, got, tt.sec)
		}
		a.wantStatus("until " + strings.ToLower(model.MustDate(tt.want).Weekday().String()[:3]) + " " + tt.want)
		// Working down the list, the cursor stays where it was.
		if got := a.selectedKey(); got != fuKey(w.promise) {
			t.Errorf("%v: after snoozing the selection is on %s, want the next item", tt.keys, got)
		}
		a.press("u")
		if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.IsZero() {
			t.Fatalf("%v: after undo still snoozed until %v", tt.keys, got)
		}
		if a.today().sectionOf(fuKey(w.overdue)) != model.SectionOverdue {
			t.Errorf("%v: after undo the follow-up is not overdue again", tt.keys)
		}
	}

	// A date that does not parse, or has passed, keeps the prompt open and
	// says why; esc leaves it as it was.
	a.selectToday(fuKey(w.overdue))
	a.press("s").typ("someday").press("enter")
	if !a.today().Capturing() {
		t.Fatal("a bad date closed the prompt")
	}
	a.wantScreen("✗", "2026-12-03") // the refusal gives an example
	a.press("esc")
	a.wantStatus("Not snoozed.")
	a.press("s").typ("2026-03-01").press("enter")
	a.wantScreen("that day has passed")
	a.press("esc")
	if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.IsZero() {
		t.Fatalf("a refused snooze changed the follow-up: %v", got)
	}
}

// TestTodaySnoozePersonAndDismissBirthday: s on a person due a touch
// snoozes their cadence until a day (they leave the section, and the
// dossier says so); s on a birthday dismisses it for the year; u undoes
// each.
func TestTodaySnoozePersonAndDismissBirthday(t *testing.T) {
	w := newTodayWorld(t)
	ctx := context.Background()
	zoe, _ := w.st.Person(ctx, w.zoe.ID)
	zoe.Birthday = model.Birthday{Month: 3, Day: 7} // three days after todayNow
	if _, err := w.st.UpdatePerson(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	a := startToday(t, w.st, 120, 35)
	a.selectToday(personKey(w.dana))
	a.press("s")
	a.wantScreen("Snooze Dana Reyes's cadence")
	a.typ("2026-03-20").press("enter")
	a.wantStatus("No touch due for Dana Reyes before fri 2026-03-20.")
	p, _ := w.st.Person(ctx, w.dana.ID)
	if !p.TouchDueOn.Equal(model.MustDate("2026-03-20")) {
		t.Errorf("Dana's touch is due %s", p.TouchDueOn)
	}
	if line := ansi.Strip(cadenceLine(p, DefaultStyles(), model.DateOf(todayNow))); !strings.Contains(line, "snoozed until 20 Mar") {
		t.Errorf("the dossier's cadence line does not say so: %q", line)
	}
	for _, r := range a.today().rows {
		if r.person != nil && r.person.ID == w.dana.ID {
			t.Error("Dana is still due a touch on Today")
		}
	}
	a.press("u")
	if p, _ := w.st.Person(ctx, w.dana.ID); !p.TouchSnoozedUntil.IsZero() {
		t.Errorf("undo left Dana snoozed until %s", p.TouchSnoozedUntil)
	}

	a.selectToday("b" + itoa(int(w.zoe.ID)))
	a.press("s")
	a.wantStatus("Zoë Park's birthday dismissed for 2026.")
	if a.today().agenda.Counts.Birthdays != 0 {
		t.Error("the dismissed birthday is still counted")
	}
	a.press("u")
	a.wantStatus("Zoë Park's birthday is back on Today")
	if a.today().agenda.Counts.Birthdays != 1 {
		t.Error("undo did not bring the birthday back")
	}
}

func TestTodayLogTouchClearsDueATouch(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	pk := personKey(w.dana)
	if a.today().sectionOf(pk) != model.SectionTouch {
		t.Fatal("Dana is not due a touch to begin with")
	}
	a.selectToday(pk)
	a.press("x")
	a.wantStatus("L logs a touch with Dana Reyes")
	a.press("L")
	a.wantScreen("Log a touch with Dana Reyes")
	a.typ("Called about the renewal").press("ctrl+s")
	if a.today().Capturing() {
		t.Fatalf("the form stayed open:\n%s", a.view())
	}
	if a.today().sectionOf(pk) != -1 {
		t.Error("Dana is still due a touch after logging one")
	}
	got, err := w.st.Person(context.Background(), w.dana.ID)
	if err != nil || !got.LastTouchOn.Equal(model.DateOf(todayNow)) {
		t.Fatalf("touch not stored: last touch %v (%v)", got.LastTouchOn, err)
	}
	a.wantStatus("Touch logged")
	a.wantScreen("People due a touch  1", "1 person to call")
	if got := a.selectedKey(); got != personKey(w.zoe) {
		t.Errorf("after L the selection is on %s, want the next person", got)
	}
}

func TestTodayPlanNextFollowUp(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	// Done, then r at once: the next follow-up goes to the same person,
	// though the selection has moved on; +2w replaces the "tomorrow" it
	// offers.
	a.selectToday(fuKey(w.overdue))
	a.press("x")
	a.wantScreen("r plan the next one")
	a.press("r")
	a.wantScreen("Follow-up on Dana Reyes")
	a.typ("Chase the signed pricing").press("tab")
	a.wantScreen("typing replaces it")
	a.typ("+2w").press("ctrl+s")
	open := openLike(t, w.st, "Chase the signed")
	if len(open) != 1 || open[0].PersonID != w.dana.ID || !open[0].DueOn.Equal(model.MustDate("2026-03-18")) {
		t.Fatalf("next follow-up: %+v", open)
	}
	a.wantStatus("Follow-up added, due 2026-03-18.")

	// r on a person plans one with them; on a follow-up, with its links.
	a.selectToday(personKey(w.zoe))
	a.press("r")
	a.wantScreen("Follow-up on Zoë Park")
	a.typ("Send Zoë the case study").press("tab").typ("fri").press("tab", "right", "ctrl+s")
	open = openLike(t, w.st, "case study")
	if len(open) != 1 || open[0].PersonID != w.zoe.ID || open[0].Kind != model.KindPromise || !open[0].DueOn.Equal(model.MustDate("2026-03-06")) {
		t.Fatalf("follow-up from a person: %+v", open)
	}
	a.selectToday(fuKey(w.promise))
	a.press("r")
	a.wantScreen("Follow-up on Acme")
	a.press("esc")
}

func TestTodayEnterOpensItsPane(t *testing.T) {
	w := newTodayWorld(t)
	a := startToday(t, w.st, 120, 35)
	a.selectToday(fuKey(w.call))
	a.press("enter")
	if a.root().active != paneFollowUps {
		t.Fatalf("enter on a follow-up opened pane %d", a.root().active)
	}
	a.wantScreen("Call about the renewal", "2026-03-04 15:00")
	a.press("1")
	a.selectToday(personKey(w.zoe))
	a.press("enter")
	if a.root().active != panePeople {
		t.Fatalf("enter on a person opened pane %d", a.root().active)
	}
	a.wantScreen("Zoë Park")
}

func TestTodayAllClearAndScoped(t *testing.T) {
	st := openTodayStore(t)
	ctx := context.Background()
	acc, err := st.CreateAccount(ctx, model.Account{Name: "Initech"})
	if err != nil {
		t.Fatal(err)
	}
	a := startToday(t, st, 120, 35)
	a.wantScreen("All clear — nothing due, nobody waiting. Press r to plan a follow-up.", "r plan a follow-up")
	// With only later things left, the summary says today is done.
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{Text: "Renewal call", DueOn: model.MustDate("2026-03-06"), AccountID: acc.ID}); err != nil {
		t.Fatal(err)
	}
	a = startToday(t, st, 120, 35)
	a.wantScreen("Today is clear · 1 in 7 days", "Renewal call")

	w := newTodayWorld(t)
	other, err := w.st.CreateAccount(ctx, model.Account{Name: "Globex", Tier: model.TierMaintain})
	if err != nil {
		t.Fatal(err)
	}
	a = startToday(t, w.st, 120, 35)
	a.press("A").typ("glob").press("enter")
	if a.root().c.scope.ID != other.ID {
		t.Fatalf("scoped to %+v", a.root().c.scope)
	}
	if n := len(a.today().items); n != 0 {
		t.Errorf("scoped to an account with nothing due, Today still lists %d items", n)
	}
	a.wantScreen("All clear", "◆ Globex")
}

func TestTodayAskBirthdayStalledSections(t *testing.T) {
	w := newTodayWorld(t)
	ctx := context.Background()
	note, err := w.st.CreateNote(ctx, model.Note{PersonID: w.dana.ID, Kind: model.NotePersonal, On: model.MustDate("2026-02-20"),
		Text: "Her marathon was on Sunday\nBerlin, first one", AskAfter: model.MustDate("2026-03-02")})
	if err != nil {
		t.Fatal(err)
	}
	sam, err := w.st.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Sam Lee", Birthday: model.Birthday{Month: 3, Day: 7}})
	if err != nil {
		t.Fatal(err)
	}
	br, err := w.st.CreateBrief(ctx, model.NewBrief(w.acme.ID, "Loyalty programme", todayNow.AddDate(0, 0, -40)))
	if err != nil {
		t.Fatal(err)
	}
	a := startToday(t, w.st, 120, 40)
	a.wantScreen("Ask about  1", "Dana Reyes: Her marathon was on Sunday", "Birthdays  1", "Sam Lee", "in 3 days",
		"Stalled briefs  1", "Loyalty programme", "understand needs 40d", "1 to ask about · 1 birthday · 1 stalled")
	if strings.Contains(a.view(), "Berlin, first one") {
		t.Error("the note's second line is in its row")
	}

	// ] jumps a section at a time, [ back.
	a.press("g", "]")
	if got := a.today().rows[a.today().items[a.today().sel]].sec; got != model.SectionToday {
		t.Errorf("] from Overdue went to section %d", got)
	}
	a.press("]", "]", "]")
	nk := "n" + itoa(int(note.ID))
	if got := a.selectedKey(); got != nk {
		t.Errorf("three more ] reached %s, want the note %s", got, nk)
	}
	a.press("[")
	if got := a.today().rows[a.today().items[a.today().sel]].sec; got != model.SectionTouch {
		t.Errorf("[ went to section %d, want people due a touch", got)
	}

	a.selectToday(nk)
	a.wantScreen("Berlin, first one", "x mark asked")
	a.press("x")
	if a.today().sectionOf(nk) != -1 {
		t.Fatal("x did not take the note off Today")
	}
	if n, _ := w.st.Note(ctx, note.ID); n.AskedAt.IsZero() {
		t.Fatal("the note is not marked asked in the store")
	}
	a.wantStatus("Asked about “Her marathon was on Sunday”.")
	a.press("u")
	if a.today().sectionOf(nk) != model.SectionAsk {
		t.Fatal("u did not put the note back")
	}

	// L on the note logs a touch with Dana and, unless told no, marks the
	// note asked: the call was about it.
	a.selectToday(nk)
	a.press("L")
	a.wantScreen("Log a touch with Dana Reyes — asking about “Her marathon was on Sunday", "Asked about it")
	a.typ("Caught up after her race").press("ctrl+s")
	if n, _ := w.st.Note(ctx, note.ID); n.AskedAt.IsZero() {
		t.Fatal("a touch logged from the note did not mark it asked")
	}
	if a.today().sectionOf(nk) != -1 {
		t.Error("the note asked about stays on Today")
	}
	a.wantStatus("the note is marked asked (u undoes both).")
	a.press("u")
	if n, _ := w.st.Note(ctx, note.ID); !n.AskedAt.IsZero() || a.today().sectionOf(nk) != model.SectionAsk {
		t.Fatal("u does not take back the asked mark made with the touch")
	}
	if ts, _ := w.st.Touches(ctx, store.TouchFilter{PersonID: note.PersonID}, store.PageReq{Limit: 5}); len(ts.Items) != 0 {
		t.Errorf("u left the touch logged: %+v", ts.Items)
	}

	a.selectToday("b" + itoa(int(sam.ID)))
	a.wantScreen("Birthday  2026-03-07")
	a.selectToday("s" + itoa(int(br.ID)))
	a.press("enter")
	if a.root().active != paneBriefs {
		t.Fatalf("enter on a stalled brief opened pane %d", a.root().active)
	}
}

func TestTodaySnoozePromptFitsNarrow(t *testing.T) {
	w := newTodayWorld(t)
	long, err := w.st.CreateFollowUp(context.Background(), model.FollowUp{Text: "Send the revised statement of work with the new rate card attached",
		DueOn: model.MustDate("2026-03-03"), AccountID: w.acme.ID})
	if err != nil {
		t.Fatal(err)
	}
	a := startToday(t, w.st, 80, 24)
	a.selectToday(fuKey(long))
	a.press("s").typ("+2w")
	checkFrame(t, a.m.View(), 80, 24)
	if l, _ := lineOf(a.view(), "Snooze"); !strings.Contains(l, "+2w") {
		t.Errorf("on 80 columns the prompt hides what is typed: %q", l)
	}
	a.press("enter")
	if got := getFU(t, w.st, long.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-18")) {
		t.Fatalf("snoozed until %v", got)
	}
}

// TestTodayOnAnEmptyBook: a first start says how to begin, not that the
// day is clear; a book with accounts but nothing due says it is clear.
func TestTodayOnAnEmptyBook(t *testing.T) {
	st := newTestStore(t)
	m := startApp(t, st, 100, 30)
	if v := m.View(); !strings.Contains(v, "rapport demo") || !strings.Contains(v, "first account") {
		t.Fatalf("empty book:\n%s", v)
	}
	if _, err := st.CreateAccount(context.Background(), model.Account{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	m = startApp(t, st, 100, 30)
	if v := m.View(); strings.Contains(v, "rapport demo") || !strings.Contains(v, "All clear") {
		t.Errorf("book with an account and nothing due:\n%s", v)
	}
}

// TestTodayKeepsItsTopOnResize: at 100×20, G goes to the last item; at
// 100×60 the whole agenda fits, so it starts at its first section again
// rather than at the section G scrolled to, with blank rows below.
func TestTodayKeepsItsTopOnResize(t *testing.T) {
	m := startApp(t, demoStore(t), 100, 20)
	m = press(t, m, "G")
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 60})
	v := ansi.Strip(m.View())
	ls := strings.Split(v, "\n")
	first := -1
	for i, l := range ls {
		if strings.HasPrefix(l, "Meetings today") {
			first = i
			break
		}
	}
	if first < 0 || first > 3 {
		t.Fatalf("after growing, Today does not start at its first section (line %d):\n%s", first, v)
	}
	if !strings.Contains(v, "▸ ") {
		t.Errorf("the selection went out of view:\n%s", v)
	}
	// Scoped to one account, the selection's section heading shows.
	m = press(t, m, "A", "Fjordline")
	m = press(t, m, "enter")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Overdue") || !strings.Contains(v, "▸ ") {
		t.Errorf("scoped Today lacks the heading of its first item:\n%s", v)
	}
}

// TestTodaySummaryFitsEighty: at 80 columns the summary takes two lines
// rather than cutting what it counts.
func TestTodaySummaryFitsEighty(t *testing.T) {
	m := startApp(t, demoStore(t), 80, 24)
	v := ansi.Strip(m.View())
	checkFrame(t, m.View(), 80, 24)
	for _, want := range []string{"5 overdue", "7 people to call", "3 stalled", "Wed 25 Nov"} {
		if !strings.Contains(v, want) {
			t.Errorf("the 80-column summary lacks %q:\n%s", want, v)
		}
	}
}
