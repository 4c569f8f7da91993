package tui

import (
	"context"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

// startFollowUps opens the TUI and switches to the Follow-ups pane.
func startFollowUps(t *testing.T, st Store, width, height int) *todayApp {
	t.Helper()
	a := startToday(t, st, width, height)
	a.press("5")
	if !a.followUps().b.list.loaded {
		t.Fatalf("follow-ups not loaded: %v", a.followUps().b.list.err)
	}
	return a
}

// selectFU moves the Follow-ups selection to the follow-up with id.
func (a *todayApp) selectFU(id int64) {
	a.t.Helper()
	a.press("g")
	for range a.followUps().b.list.total {
		if f, ok := a.followUps().current(); ok && f.ID == id {
			return
		}
		a.press("j")
	}
	a.t.Fatalf("follow-up %d is not in the list:\n%s", id, a.view())
}

// lineOf returns the screen line holding s, and its index.
func lineOf(view, s string) (string, int) {
	for i, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l, i
		}
	}
	return "", -1
}

func TestFollowUpsGrouped(t *testing.T) {
	w := newTodayWorld(t)
	for _, size := range [][2]int{{120, 35}, {80, 24}, {200, 50}} {
		a := startFollowUps(t, w.st, size[0], size[1])
		raw := a.m.View()
		checkFrame(t, raw, size[0], size[1])
		if strings.Contains(raw, "\x1b[2J") {
			t.Fatal("escape sequence reached the screen raw")
		}
		v := listSide(a.view())
		// Each heading, in order, then the follow-ups that belong under it.
		last := -1
		for _, g := range []struct{ head, item string }{
			{"Overdue", "Send the pricing one-pager"}, {"Today", "Call about the renewal"},
			{"Next 7 days", "Prep QBR ␛[2J agenda"}, {"Later", "Plan next year's budget"},
		} {
			_, h := lineOf(v, "  "+g.head+" ")
			if h < 0 {
				_, h = lineOf(v, "\n"+g.head)
			}
			for i, l := range strings.Split(v, "\n") {
				if strings.HasPrefix(l, g.head) {
					h = i
					break
				}
			}
			_, it := lineOf(v, g.item)
			if h < 0 || it < 0 || h < last || it < h {
				t.Errorf("%dx%d: heading %q (line %d) and %q (line %d) out of order:\n%s", size[0], size[1], g.head, h, g.item, it, v)
			}
			last = it
		}
		// A promise is marked as one.
		if l, _ := lineOf(v, "Deliver the roadmap deck"); !strings.Contains(l, "promise") || !strings.Contains(l, "2d late") {
			t.Errorf("the late promise is not marked: %q", l)
		}
		a.wantScreen("3d late", "15:00", "fri", "20 Apr", "Dana Reyes", "? help")
	}
}

func TestFollowUpsShowDoneToggle(t *testing.T) {
	w := newTodayWorld(t)
	ctx := context.Background()
	if _, _, err := w.st.CompleteFollowUp(ctx, w.call.ID); err != nil {
		t.Fatal(err)
	}
	// A long past: more done follow-ups than a screen holds.
	for i := range 60 {
		f, err := w.st.CreateFollowUp(ctx, model.FollowUp{Text: "Old chore " + itoa(i), DueOn: model.MustDate("2025-01-01").AddDays(i), AccountID: w.acme.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.st.CompleteFollowUp(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
	}
	a := startFollowUps(t, w.st, 120, 35)
	if strings.Contains(a.view(), "Call about the renewal") {
		t.Fatal("a done follow-up shows without v")
	}
	a.press("v")
	a.wantStatus("Showing done follow-ups too")
	// It opens at today, not at the oldest done one; the past is above.
	if f, ok := a.followUps().current(); !ok || f.ID != w.call.ID {
		t.Errorf("with done ones the list opens at %+v, want today's first, %q", f, w.call.Text)
	}
	a.wantScreen("Today", "63/66 · with done")
	if l, _ := lineOf(a.view(), "▸ ✓ today"); !strings.Contains(l, "Call about the renewal") {
		t.Fatalf("v does not show the done follow-up with ✓:\n%s", a.view())
	}
	a.press("k", "k", "k")
	a.wantScreen("Before today", "Deliver the roadmap deck", "Send the pricing one-pager", "Old chore 59")
	a.press("g")
	a.wantScreen("Before today", "Old chore 0", "1/66")
	if d := a.followUps().b.detail.View(); !strings.Contains(d, "Done") || strings.Contains(d, "late") {
		t.Errorf("a done follow-up's detail says how late it is now:\n%s", d)
	}
	a.press("G")
	a.wantScreen("with done", "v hide done")
	a.selectFU(w.call.ID)
	a.press("x")
	a.wantStatus("Already done")
	a.press("v")
	if strings.Contains(a.view(), "Call about the renewal") {
		t.Fatal("second v does not hide done ones again")
	}
}

func TestFollowUpsDoneSnoozeUndo(t *testing.T) {
	w := newTodayWorld(t)
	a := startFollowUps(t, w.st, 120, 35)
	a.selectFU(w.weekly.ID)
	a.press("x")
	if !getFU(t, w.st, w.weekly.ID).Done() {
		t.Fatal("x did not complete it")
	}
	a.wantStatus("It repeats: the next one is due wed 2026-03-11.")
	a.wantScreen("11 Mar") // the next one, listed in the next 7 days
	a.press("u")
	if getFU(t, w.st, w.weekly.ID).Done() {
		t.Fatal("u did not reopen it")
	}
	if n := len(openLike(t, w.st, "Weekly")); n != 1 {
		t.Fatalf("after undo %d weekly follow-ups open, want 1", n)
	}

	// Snooze the first row a week; undo brings it back to the top of the
	// list (it moves back above the rows the list starts from).
	a.selectFU(w.overdue.ID)
	a.press("s", "w", "enter")
	if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-11")) {
		t.Fatalf("snoozed until %v, want a week on", got)
	}
	if l, _ := lineOf(a.view(), "Send the pricing one-pager"); !strings.Contains(l, "11 Mar") {
		t.Errorf("the snoozed follow-up is not shown on its new day: %q", l)
	}
	a.selectFU(w.overdue.ID)
	a.press("s", "3", "enter")
	if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-07")) {
		t.Fatalf("snoozed again until %v, want 3 days on", got)
	}
	a.press("u")
	if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-11")) {
		t.Fatalf("one undo: snoozed until %v, want the week again", got)
	}
	a.press("u")
	if got := getFU(t, w.st, w.overdue.ID).SnoozedUntil; !got.IsZero() {
		t.Fatalf("two undos: snoozed until %v", got)
	}
	if l, i := lineOf(a.view(), "3d late"); !strings.Contains(l, "Send the pricing one-pager") || i > 4 {
		t.Errorf("after undo the follow-up is not back under Overdue (line %d: %q):\n%s", i, l, a.view())
	}
}

func TestFollowUpsCreateEditDelete(t *testing.T) {
	w := newTodayWorld(t)
	a := startFollowUps(t, w.st, 120, 35)
	// n: a promise repeating every 2 weeks, counted from completion.
	a.press("n")
	a.wantScreen("Follow-up", "What")
	a.typ("Send the monthly usage report").press("tab").typ("mon").press("tab", "tab", "right", "tab").typ("every 2 weeks").press("tab", "right", "ctrl+s") // On left empty
	got := openLike(t, w.st, "usage report")
	if len(got) != 1 {
		t.Fatalf("created: %+v", got)
	}
	f := got[0]
	if f.Kind != model.KindPromise || f.Recur != (model.Recurrence{Unit: model.RecurWeek, Every: 2}) || !f.FromCompletion ||
		!f.DueOn.Equal(model.MustDate("2026-03-09")) {
		t.Fatalf("created %+v", f)
	}
	a.wantStatus("Follow-up added, due 2026-03-09.")

	// A bad repeat is refused on its field, keeping what was typed.
	a.press("n").typ("Bad one").press("tab", "tab", "tab", "tab").typ("every blue moon").press("ctrl+s")
	a.wantScreen("✗", "every blue moon", "Bad one")
	a.press("esc", "y")

	// e edits; done from completion spawns the next two weeks after today.
	a.selectFU(f.ID)
	a.press("e")
	a.wantScreen("Edit follow-up", "Send the monthly usage report")
	a.press("end").typ(" to Acme").press("ctrl+s")
	if got := getFU(t, w.st, f.ID); got.Text != "Send the monthly usage report to Acme" {
		t.Fatalf("edited text %q", got.Text)
	}
	a.press("x")
	a.wantStatus("the next one is due wed 2026-03-18")

	// D deletes after asking.
	a.selectFU(w.later.ID)
	a.press("D")
	a.wantScreen("Delete “Plan next year's budget” for good?")
	a.press("n")
	if _, err := w.st.FollowUp(context.Background(), w.later.ID); err != nil {
		t.Fatal("n deleted it anyway")
	}
	a.press("D", "y")
	if _, err := w.st.FollowUp(context.Background(), w.later.ID); err == nil {
		t.Fatal("the follow-up was not deleted")
	}
	a.wantStatus("Deleted “Plan next year's budget”.")
}

func TestFollowUpsFilterScopeOpen(t *testing.T) {
	w := newTodayWorld(t)
	ctx := context.Background()
	globex, err := w.st.CreateAccount(ctx, model.Account{Name: "Globex"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.CreateFollowUp(ctx, model.FollowUp{Text: "Globex kickoff", DueOn: model.MustDate("2026-03-05"), AccountID: globex.ID}); err != nil {
		t.Fatal(err)
	}
	a := startFollowUps(t, w.st, 120, 35)
	a.press("/").typ("road")
	if v := a.view(); !strings.Contains(v, "Deliver the roadmap deck") || strings.Contains(v, "Send the pricing") {
		t.Fatalf("filter “road”:\n%s", v)
	}
	a.press("esc", "esc")

	// A scopes every pane to one account.
	a.press("A").typ("globex").press("enter")
	if v := a.view(); !strings.Contains(v, "Globex kickoff") || strings.Contains(v, "Deliver the roadmap deck") {
		t.Fatalf("scoped to Globex:\n%s", v)
	}
	a.press("A", "esc")
	a.wantScreen("Deliver the roadmap deck", "Globex kickoff")

	// Another pane can open one follow-up here with its detail.
	a.press("1")
	a.selectToday(fuKey(w.promise))
	a.press("enter")
	a.wantScreen("promise to the client", "Deliver the roadmap deck", "A promise to the client, 2 days late.")
	if f, ok := a.followUps().current(); !ok || f.ID != w.promise.ID {
		t.Errorf("opened %+v", f)
	}
	_ = store.HitFollowUp
}

// TestChoiceFieldSaysWhatItTakes: a letter that picks none of a closed
// set's options says what the field takes, and leaves the value; one that
// picks an option clears the message.
func TestChoiceFieldSaysWhatItTakes(t *testing.T) {
	w := newTodayWorld(t)
	a := startFollowUps(t, w.st, 120, 35)
	a.press("n")
	a.typ("Send the figures").press("tab", "tab", "tab") // What, Due, On, Kind
	a.typ("x")
	a.wantScreen("✗ one of follow-up, promise — type its first letters, or ←/→")
	a.typ("p")
	if v := a.view(); strings.Contains(v, "✗ one of") {
		t.Errorf("the message stays after a letter that picks:\n%s", v)
	}
	a.press("ctrl+s")
	if got := openLike(t, w.st, "Send the figures"); len(got) != 1 || got[0].Kind != model.KindPromise {
		t.Errorf("saved %+v, want a promise", got)
	}
}

// listSide is a screen's list column: each line up to the border of the
// detail beside it.
func listSide(screen string) string {
	ls := strings.Split(screen, "\n")
	for i, l := range ls {
		ls[i], _, _ = strings.Cut(l, "│")
	}
	return strings.Join(ls, "\n")
}
