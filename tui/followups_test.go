package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

func newTestFollowUps(t *testing.T, w *todayWorld) *followUpsPane {
	t.Helper()
	p := newFollowUpsPane(w.c)
	p.SetSize(120, 32)
	drainToday(t, p, p.Init())
	if !p.b.list.loaded {
		t.Fatalf("follow-ups not loaded: %v", p.b.list.err)
	}
	return p
}

// fuSelect moves the selection to the follow-up with id.
func fuSelect(t *testing.T, p *followUpsPane, id int64) {
	t.Helper()
	pressToday(t, p, "g")
	for range p.b.list.total {
		if f, ok := p.current(); ok && f.ID == id {
			return
		}
		pressToday(t, p, "j")
	}
	t.Fatalf("follow-up %d is not in the list", id)
}

func TestFollowUpsGroupedWithHeadings(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestFollowUps(t, w)
	raw := p.View()
	if strings.Contains(raw, "\x1b[2J") {
		t.Fatal("escape sequence reached the screen raw")
	}
	v := ansi.Strip(raw)
	last := -1
	for _, h := range []string{"Overdue", "Today", "This week", "Later"} {
		i := strings.Index(v, "\n"+h)
		if i < 0 {
			i = strings.Index(v, h+" ")
		}
		if i < 0 {
			t.Fatalf("heading %q missing:\n%s", h, v)
		}
		if i < last {
			t.Errorf("heading %q out of order:\n%s", h, v)
		}
		last = i
	}
	for _, want := range []string{"3d late", "promise", "today", "fri", "20 apr", "Dana Reyes", "Prep QBR ␛[2J agenda"} {
		if !strings.Contains(v, want) {
			t.Errorf("View lacks %q:\n%s", want, v)
		}
	}
}

func TestFollowUpsShowDone(t *testing.T) {
	w := newTodayWorld(t)
	if _, _, err := w.st.CompleteFollowUp(context.Background(), w.call.ID); err != nil {
		t.Fatal(err)
	}
	p := newTestFollowUps(t, w)
	if strings.Contains(ansi.Strip(p.View()), "Call about the renewal") {
		t.Fatal("a done follow-up shows without v")
	}
	pressToday(t, p, "v")
	v := ansi.Strip(p.View())
	if !strings.Contains(v, "Call about the renewal") || !strings.Contains(v, "✓") {
		t.Fatalf("v does not show the done follow-up dimmed with ✓:\n%s", v)
	}
	pressToday(t, p, "v")
	if strings.Contains(ansi.Strip(p.View()), "Call about the renewal") {
		t.Fatal("second v does not hide done ones again")
	}
}

func TestFollowUpsDoneSnoozeUndo(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestFollowUps(t, w)
	fuSelect(t, p, w.weekly.ID)
	st := pressToday(t, p, "x")
	if !getFU(t, w, w.weekly.ID).Done() {
		t.Fatal("x did not complete it")
	}
	if !strings.Contains(joined(st), "Next one due wed 2026-03-11") {
		t.Errorf("status %q", st)
	}
	pressToday(t, p, "u")
	if getFU(t, w, w.weekly.ID).Done() {
		t.Fatal("u did not reopen it")
	}
	n, err := w.st.CountFollowUps(context.Background(), store.FollowUpFilter{Query: "Weekly"})
	if err != nil || n != 1 {
		t.Fatalf("after undo %d weekly follow-ups open (%v), want 1", n, err)
	}

	fuSelect(t, p, w.promise.ID)
	pressToday(t, p, "s", "w")
	if got := getFU(t, w, w.promise.ID).SnoozedUntil; !got.Equal(model.MustDate("2026-03-11")) {
		t.Fatalf("snoozed until %v, want a week on", got)
	}
	pressToday(t, p, "u")
	if got := getFU(t, w, w.promise.ID).SnoozedUntil; !got.IsZero() {
		t.Fatalf("after undo snoozed until %v", got)
	}
}

func TestFollowUpsFilterDeleteAndOpen(t *testing.T) {
	w := newTodayWorld(t)
	p := newTestFollowUps(t, w)
	pressToday(t, p, "/", "r", "o", "a", "d")
	if v := ansi.Strip(p.View()); !strings.Contains(v, "Deliver the roadmap deck") || strings.Contains(v, "Send the pricing") {
		t.Fatalf("filter “road”:\n%s", v)
	}
	pressToday(t, p, "enter", "D")
	if !strings.Contains(p.View(), "Delete") {
		t.Fatal("D does not ask")
	}
	pressToday(t, p, "y")
	if _, err := w.st.FollowUp(context.Background(), w.promise.ID); err == nil {
		t.Fatal("the follow-up was not deleted")
	}

	drainToday(t, p, p.Open(store.HitFollowUp, w.later.ID))
	if v := ansi.Strip(p.View()); !strings.Contains(v, "Plan next year's budget") || !strings.Contains(v, "2026-04-20") {
		t.Fatalf("Open does not show the follow-up:\n%s", v)
	}
}
