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

// todayNow is the fixed clock of the Today and Follow-ups tests: Wednesday
// 4 March 2026, noon local time.
var todayNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.Local)

// todayWorld is a store with an account, two people and follow-ups of every
// kind the agenda shows.
type todayWorld struct {
	st                                    *store.Store
	c                                     *common
	acme                                  model.Account
	dana, zoe                             model.Person
	overdue, promise, call, weekly, later model.FollowUp
	upcoming                              model.FollowUp
}

func newTodayWorld(t *testing.T) *todayWorld {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"), store.WithClock(func() time.Time { return todayNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &todayWorld{st: st, c: &common{store: st, styles: DefaultStyles(), now: func() time.Time { return todayNow }}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
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
	w.call = fu(model.FollowUp{Text: "Call about the renewal", DueOn: model.MustDate("2026-03-04"), PersonID: w.zoe.ID})
	w.weekly = fu(model.FollowUp{Text: "Weekly status mail", DueOn: model.MustDate("2026-03-04"), AccountID: w.acme.ID,
		Recur: model.Recurrence{Unit: model.RecurWeek, Every: 1}})
	w.upcoming = fu(model.FollowUp{Text: "Prep QBR \x1b[2J agenda", DueOn: model.MustDate("2026-03-06"), AccountID: w.acme.ID})
	w.later = fu(model.FollowUp{Text: "Plan next year's budget", DueOn: model.MustDate("2026-04-20"), AccountID: w.acme.ID})
	return w
}

// todayKey makes a key message as the terminal sends it.
func todayKey(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// drainToday runs cmd and every command that follows from feeding its
// messages back to the pane, until quiet. Slow commands (cursor blinks,
// ticks) are dropped. It returns the status lines and the other messages
// meant for the root (openMsg).
func drainToday(t *testing.T, p pane, cmd tea.Cmd) (statuses []string, root []tea.Msg) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("drainToday: the commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(200 * time.Millisecond):
			continue // a blink or a tick
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case statusMsg:
			statuses = append(statuses, msg.text)
		case openMsg, scopeMsg:
			root = append(root, msg)
		default:
			queue = append(queue, p.Update(msg))
		}
	}
	return statuses, root
}

// pressToday sends keys to the pane and drains what follows.
func pressToday(t *testing.T, p pane, keys ...string) []string {
	t.Helper()
	var all []string
	for _, k := range keys {
		s, _ := drainToday(t, p, p.Update(todayKey(k)))
		all = append(all, s...)
	}
	return all
}

// selectToday moves the selection down to the item with key k ("f12").
func selectToday(t *testing.T, p *todayPane, k string) {
	t.Helper()
	pressToday(t, p, "g")
	for range len(p.items) {
		if r, ok := p.selected(); ok && r.key() == k {
			return
		}
		pressToday(t, p, "j")
	}
	t.Fatalf("item %s is not on Today", k)
}

func fuKey(f model.FollowUp) string { return "f" + itoa(int(f.ID)) }

// todaySection returns the section an item is listed in, or -1.
func (p *todayPane) sectionOf(k string) todaySection {
	for _, i := range p.items {
		if p.rows[i].key() == k {
			return p.rows[i].sec
		}
	}
	return -1
}

func newTestToday(t *testing.T, w *todayWorld) *todayPane {
	t.Helper()
	p := newTodayPane(w.c)
	p.SetSize(120, 32)
	drainToday(t, p, p.Init())
	if p.agenda == nil {
		t.Fatalf("agenda not loaded (err %v)", p.err)
	}
	return p
}

func getFU(t *testing.T, w *todayWorld, id int64) model.FollowUp {
	t.Helper()
	f, err := w.st.FollowUp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func joined(ss []string) string { return strings.Join(ss, " | ") }

func TestTodayViewSummarySectionsSanitised(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	raw := p.View()
	if strings.Contains(raw, "\x1b[2J") {
		t.Fatal("a follow-up's escape sequence reached the screen raw")
	}
	v := ansi.Strip(raw)
	for _, want := range []string{
		"2 overdue · 1 promise due · 2 due today · 1 in the next 7 days · 2 people to call",
		"Overdue  2", "Today  2", "Next 7 days  1", "People due a touch  2",
		"3d late", "Send the pricing one-pager", "promise", "Prep QBR ␛[2J agenda",
		"Dana Reyes", "due today, cadence 14",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("View lacks %q:\n%s", want, v)
		}
	}
	if got := len(strings.Split(raw, "\n")); got != 32 {
		t.Errorf("View is %d lines, want 32", got)
	}
	// The detail shows the selected (first overdue) follow-up in context.
	if !strings.Contains(v, "Dana Reyes") || !strings.Contains(v, "2026-03-01") {
		t.Errorf("detail lacks the follow-up's person and due day:\n%s", v)
	}
}

func TestTodayDoneAndUndo(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	selectToday(t, p, fuKey(w.overdue))
	st := pressToday(t, p, "x")
	if !getFU(t, w, w.overdue.ID).Done() {
		t.Fatal("x did not mark the follow-up done")
	}
	if p.sectionOf(fuKey(w.overdue)) != -1 {
		t.Error("the done follow-up is still on Today")
	}
	if !strings.Contains(joined(st), "Done") {
		t.Errorf("status %q does not say it is done", st)
	}
	if !strings.Contains(ansi.Strip(p.View()), "1 overdue") {
		t.Error("summary not updated after done")
	}
	st = pressToday(t, p, "u")
	if getFU(t, w, w.overdue.ID).Done() {
		t.Fatal("u did not reopen the follow-up")
	}
	if p.sectionOf(fuKey(w.overdue)) != secOverdue {
		t.Error("the reopened follow-up is not back under Overdue")
	}
	if !strings.Contains(joined(st), "Undone") {
		t.Errorf("status %q does not say it was undone", st)
	}
	if st := pressToday(t, p, "u"); !strings.Contains(joined(st), "Nothing to undo") {
		t.Errorf("second u: status %q", st)
	}
}

func TestTodaySnoozeAndUndo(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	selectToday(t, p, fuKey(w.overdue))
	pressToday(t, p, "s")
	if !p.Capturing() || !strings.Contains(p.View(), "Snooze") {
		t.Fatal("s did not open the snooze prompt")
	}
	st := pressToday(t, p, "3")
	if got := getFU(t, w, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-07")) {
		t.Fatalf("snoozed until %v, want 2026-03-07", got)
	}
	if p.Capturing() {
		t.Error("the prompt stayed open")
	}
	if got := p.sectionOf(fuKey(w.overdue)); got != secUpcoming {
		t.Errorf("snoozed follow-up is in section %d, want the next 7 days", got)
	}
	if !strings.Contains(joined(st), "2026-03-07") {
		t.Errorf("status %q does not say until when", st)
	}
	pressToday(t, p, "u")
	if got := getFU(t, w, w.overdue.ID).SnoozedUntil; !got.IsZero() {
		t.Fatalf("after undo still snoozed until %v", got)
	}
	if p.sectionOf(fuKey(w.overdue)) != secOverdue {
		t.Error("after undo the follow-up is not overdue again")
	}

	// A typed date works too; a bad one keeps the prompt open and says why.
	pressToday(t, p, "s", "x", "enter")
	if !p.Capturing() || !strings.Contains(ansi.Strip(p.View()), "✗") {
		t.Fatal("a bad date did not keep the prompt open with an error")
	}
	pressToday(t, p, "esc")
	pressToday(t, p, "s")
	pressToday(t, p, "dec 3", "enter")
	if got := getFU(t, w, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-12-03")) {
		t.Fatalf("typed snooze: until %v, want 2026-12-03", got)
	}
}

func TestTodayRecurringDoneSaysNext(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	selectToday(t, p, fuKey(w.weekly))
	st := pressToday(t, p, "x")
	if !strings.Contains(joined(st), "Done. Next one due wed 2026-03-11.") {
		t.Errorf("status %q does not say when the next one is due", st)
	}
	page, err := w.st.FollowUps(context.Background(), store.FollowUpFilter{Query: "Weekly status"}, store.PageReq{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || !page.Items[0].DueOn.Equal(model.MustDate("2026-03-11")) {
		t.Fatalf("open weekly follow-ups after done: %+v", page.Items)
	}
	// Undo removes the spawned one and reopens the original.
	pressToday(t, p, "u")
	page, _ = w.st.FollowUps(context.Background(), store.FollowUpFilter{Query: "Weekly status"}, store.PageReq{Limit: 10})
	if len(page.Items) != 1 || page.Items[0].ID != w.weekly.ID {
		t.Fatalf("after undo: %+v", page.Items)
	}
}

func TestTodayLogTouchLeavesTouchDue(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	pk := "p" + itoa(int(w.dana.ID))
	if p.sectionOf(pk) != secTouch {
		t.Fatal("Dana is not due a touch to begin with")
	}
	selectToday(t, p, pk)
	pressToday(t, p, "L")
	if !p.Capturing() || !strings.Contains(p.View(), "Log a touch with Dana Reyes") {
		t.Fatalf("L did not open the touch form:\n%s", p.View())
	}
	st := pressToday(t, p, "Called about the renewal", "ctrl+s")
	if p.Capturing() {
		t.Fatalf("the form stayed open: %s", p.View())
	}
	if p.sectionOf(pk) != -1 {
		t.Error("Dana is still due a touch after logging one")
	}
	if !strings.Contains(joined(st), "Touch logged") {
		t.Errorf("status %q", st)
	}
	if v := ansi.Strip(p.View()); !strings.Contains(v, "People due a touch  1") {
		t.Errorf("touch section count not updated:\n%s", v)
	}
}

func TestTodayEnterOpensItsPane(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestToday(t, w)
	selectToday(t, p, fuKey(w.call))
	_, root := drainToday(t, p, p.Update(todayKey("enter")))
	if len(root) != 1 || root[0] != (openMsg{kind: store.HitFollowUp, id: w.call.ID}) {
		t.Fatalf("enter sent %v", root)
	}
	selectToday(t, p, "p"+itoa(int(w.zoe.ID)))
	_, root = drainToday(t, p, p.Update(todayKey("enter")))
	if len(root) != 1 || root[0] != (openMsg{kind: store.HitPerson, id: w.zoe.ID}) {
		t.Fatalf("enter on a person sent %v", root)
	}
}

func TestTodayEmptyAndScoped(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"), store.WithClock(func() time.Time { return todayNow }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := &common{store: st, styles: DefaultStyles(), now: func() time.Time { return todayNow }}
	p := newTodayPane(c)
	p.SetSize(120, 32)
	drainToday(t, p, p.Init())
	if v := ansi.Strip(p.View()); !strings.Contains(v, "All clear — nothing due, nobody waiting. Press r to plan a follow-up.") {
		t.Fatalf("empty Today:\n%s", v)
	}

	w := newTodayWorld(t)
	other, err := w.st.CreateAccount(ctx, model.Account{Name: "Globex", Tier: model.TierMaintain})
	if err != nil {
		t.Fatal(err)
	}
	p = newTestToday(t, w)
	w.c.scope = scope{ID: other.ID, Name: other.Name}
	drainToday(t, p, p.SetScope(w.c.scope))
	if len(p.items) != 0 {
		t.Errorf("scoped to an empty account, Today still lists %d items", len(p.items))
	}
}

func TestTodayAskBirthdayStalled(t *testing.T) {
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
	p := newTestToday(t, w)
	v := ansi.Strip(p.View())
	for _, want := range []string{"Ask about  1", "Dana Reyes: Her marathon was on Sunday", "Birthdays  1", "Sam Lee", "in 3 days",
		"Stalled briefs  1", "Loyalty programme", "understand needs 40d"} {
		if !strings.Contains(v, want) {
			t.Errorf("View lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Berlin, first one") {
		t.Error("the note's second line is in its row")
	}

	nk := "n" + itoa(int(note.ID))
	selectToday(t, p, nk)
	if d := ansi.Strip(p.View()); !strings.Contains(d, "Berlin, first one") {
		t.Errorf("the detail lacks the note's full text:\n%s", d)
	}
	pressToday(t, p, "x")
	if p.sectionOf(nk) != -1 {
		t.Fatal("x did not take the note off Today")
	}
	if n, _ := w.st.Note(ctx, note.ID); n.AskedAt.IsZero() {
		t.Fatal("the note is not marked asked in the store")
	}
	pressToday(t, p, "u")
	if p.sectionOf(nk) != secAsk {
		t.Fatal("u did not put the note back")
	}

	selectToday(t, p, "s"+itoa(int(br.ID)))
	_, root := drainToday(t, p, p.Update(todayKey("enter")))
	if len(root) != 1 || root[0] != (openMsg{kind: store.HitBrief, id: br.ID}) {
		t.Fatalf("enter on a stalled brief sent %v", root)
	}
	selectToday(t, p, "b"+itoa(int(sam.ID)))
	if d := ansi.Strip(p.View()); !strings.Contains(d, "Birthday") || !strings.Contains(d, "2026-03-07") {
		t.Errorf("birthday detail:\n%s", d)
	}
}
