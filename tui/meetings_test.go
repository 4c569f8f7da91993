package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

func todayOf(m tea.Model) *todayPane { return m.(Model).panes[paneToday].(*todayPane) }

// demoMeeting finds a meeting of the small demo's day by its title.
func demoMeeting(t *testing.T, st *store.Store, title string) model.Meeting {
	t.Helper()
	ms, err := st.MeetingsOn(context.Background(), model.DateOf(appNow))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Title == title {
			return m
		}
	}
	t.Fatalf("no meeting %q today", title)
	return model.Meeting{}
}

// TestTodayMeetings: the day's meetings come first on Today, the one over
// and not debriefed marked; the detail is the selected one's prep sheet;
// enter opens the prep sheet over the pane, three people on one screen at
// 120×35, and esc closes it.
func TestTodayMeetings(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	v := ansi.Strip(m.View())
	ls := strings.Split(v, "\n")
	if !strings.HasPrefix(ls[3], "Meetings today  3") || !strings.Contains(ls[1], "3 meetings") {
		t.Fatalf("Today does not start with the day's meetings:\n%s", v)
	}
	if !strings.Contains(ls[4], "08:00–08:30  Nordlicht weekly sync") || !strings.Contains(ls[4], "to debrief") {
		t.Errorf("the 08:00 meeting, over and not debriefed, is not marked:\n%s", ls[4])
	}
	if !strings.Contains(v, "Zoë Lindqvist, Head of Digital") || !strings.Contains(v, "Henrik Sørensen, Chief Financial Officer") {
		t.Errorf("the detail is not the meeting's prep sheet:\n%s", v)
	}

	m = press(t, m, "j", "j", "enter")
	v = ansi.Strip(m.View())
	for _, want := range []string{"Prep Meridian QBR", "today 15:00–16:00 · Oslo HQ", "Ingrid Ødegaard, Chief Executive Officer",
		"Rasmus Andersen", "Aino Nieminen", "Open with      Rasmus became a father", "Brief          Online booking for the new clinics",
		"Birthday       in 2 days", "Also invited   you@yourfirm.example, Kari Moen", "Health         satisfaction"} {
		if !strings.Contains(v, want) {
			t.Errorf("the prep sheet lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(strings.Split(v, "\n")[1], "%") {
		t.Errorf("three people do not fit one screen at 120×35 (it scrolls):\n%s", v)
	}
	m = press(t, m, "esc")
	if todayOf(m).prep.active() || !strings.Contains(m.View(), "Meetings today") {
		t.Errorf("esc does not close the prep sheet:\n%s", m.View())
	}
	// m on a person due a touch: their prep sheet.
	m = press(t, m, "g", "]", "]", "]", "]", "m")
	if v := ansi.Strip(m.View()); !strings.HasPrefix(strings.Split(v, "\n")[1], "Prep Rafael Duarte") {
		t.Errorf("m on a person on Today opens no prep sheet:\n%s", v)
	}
}

// TestDebriefOneSaveOneUndo: L on a meeting over and not debriefed opens
// one form prefilled from it; two notes and a promise typed a line each
// are saved with one touch for every attendee in one save, and u takes it
// all back.
func TestDebriefOneSaveOneUndo(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	sync := demoMeeting(t, st, "Nordlicht weekly sync")
	zoe, henrik := sync.People()[0], sync.People()[1]
	before, _ := st.Person(ctx, zoe.PersonID)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "L")
	f := todayOf(m).ed.ed
	if f == nil {
		t.Fatalf("L on the meeting opens no form:\n%s", m.View())
	}
	if f.form.value("summary") != "Nordlicht weekly sync" || f.form.value("kind") != "meeting" || f.form.value("date") != "2026-11-25" ||
		f.form.value("people") != "Zoë Lindqvist, Henrik Sørensen" {
		t.Errorf("the debrief is not prefilled: %q %q %q %q", f.form.value("summary"), f.form.value("kind"), f.form.value("date"), f.form.value("people"))
	}
	m = press(t, m, "tab", "tab", "tab", "tab",
		"Zoë: the move went well #personal ask: fri", "enter", "Budget review moved to January", "tab",
		"promise: Henrik: send the payback model by fri", "ctrl+s")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Debriefed “Nordlicht weekly sync”: a touch with 2 people, 2 notes, 1 promise") {
		t.Fatalf("no debrief saved:\n%s", v)
	}
	if !strings.Contains(v, "debriefed") || strings.Contains(strings.Split(v, "\n")[4], "to debrief") {
		t.Errorf("the meeting is not shown debriefed:\n%s", v)
	}
	touches, _ := st.Touches(ctx, store.TouchFilter{PersonID: henrik.PersonID}, store.PageReq{Limit: 1})
	if tc := touches.Items[0]; tc.Kind != model.TouchMeeting || tc.Summary != "Nordlicht weekly sync" || len(tc.PersonIDs) != 2 {
		t.Errorf("touch = %+v", tc)
	}
	zoeNotes, _ := st.Notes(ctx, store.NoteFilter{PersonID: zoe.PersonID}, store.PageReq{Limit: 50})
	var moved *model.Note
	for i, n := range zoeNotes.Items {
		if n.Text == "the move went well" {
			moved = &zoeNotes.Items[i]
		}
	}
	if moved == nil || moved.Kind != model.NotePersonal || moved.AskAfter != model.MustDate("2026-11-27") {
		t.Errorf("Zoë's note = %+v", moved)
	}
	promises, _ := st.FollowUps(ctx, store.FollowUpFilter{PersonID: henrik.PersonID}, store.PageReq{Limit: 50})
	found := false
	for _, p := range promises.Items {
		if p.Text == "send the payback model" && p.Kind == model.KindPromise && p.DueOn == model.MustDate("2026-11-27") {
			found = true
		}
	}
	if !found {
		t.Errorf("no promise to Henrik due fri among %+v", promises.Items)
	}
	if got, _ := st.Meeting(ctx, sync.ID); !got.Debriefed() {
		t.Errorf("the meeting is not debriefed")
	}

	m = press(t, m, "u")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Undone: debriefing “Nordlicht weekly sync”") {
		t.Errorf("u does not say what it undid:\n%s", v)
	}
	if got, _ := st.Meeting(ctx, sync.ID); got.Debriefed() {
		t.Errorf("still debriefed after u")
	}
	after, _ := st.Person(ctx, zoe.PersonID)
	if after.LastTouchOn != before.LastTouchOn || after.TouchDueOn != before.TouchDueOn {
		t.Errorf("Zoë's cadence after u: %s/%s, want %s/%s", after.LastTouchOn, after.TouchDueOn, before.LastTouchOn, before.TouchDueOn)
	}
	zoeNotes, _ = st.Notes(ctx, store.NoteFilter{PersonID: zoe.PersonID}, store.PageReq{Limit: 50})
	for _, n := range zoeNotes.Items {
		if n.Text == "the move went well" {
			t.Errorf("the note is still there after u")
		}
	}
	if n, _ := st.CountFollowUps(ctx, store.FollowUpFilter{PersonID: henrik.PersonID}); n != len(promises.Items)-1 {
		t.Errorf("%d follow-ups of Henrik after u, want %d", n, len(promises.Items)-1)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(strings.Split(v, "\n")[4], "to debrief") {
		t.Errorf("the meeting is not to debrief again:\n%s", v)
	}
}

// TestPrepWrite: w in a prep sheet asks where, writes the Markdown, and
// never writes over a file.
func TestPrepWrite(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "qbr.md")
	m := startApp(t, st, 120, 35)
	m = press(t, m, "j", "j", "enter", "w")
	f := todayOf(m).ed.ed
	if f == nil || !strings.HasSuffix(f.form.value("path"), "prep-meridian-qbr-2026-11-25.md") {
		t.Fatalf("w asks nothing, or offers another name:\n%s", m.View())
	}
	m = press(t, m, "ctrl+u", path, "enter")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("nothing written: %v\n%s", err, m.View())
	}
	if md := string(b); !strings.HasPrefix(md, "# Prep: Meridian QBR") || !strings.Contains(md, "## Rasmus Andersen, VP Patient Experience") {
		t.Errorf("the Markdown:\n%s", md)
	}
	if !strings.Contains(m.View(), "Wrote "+path) || !todayOf(m).prep.active() {
		t.Errorf("after writing, the sheet is not shown with the line that says so:\n%s", m.View())
	}
	m = press(t, m, "w", "ctrl+u", path, "enter")
	if v := m.View(); !strings.Contains(v, "exists already") {
		t.Errorf("writing over the file is not refused:\n%s", v)
	}
}

// TestMeetingByHand: n on Today adds a meeting, by names and addresses;
// e corrects it; D deletes it after asking; u brings it back.
func TestMeetingByHand(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := startApp(t, st, 120, 35)
	m = press(t, m, "n", "Lunch with Dana", "tab", "ctrl+u", "today 12:30", "tab", "ctrl+u", "90m", "tab", "Alster Café", "tab",
		"Dana Okafor, guest@elsewhere.example", "ctrl+s")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Meeting added: Lunch with Dana.") || !strings.Contains(v, "12:30–14:00  Lunch with Dana · Dana Okafor") {
		t.Fatalf("the meeting is not on Today:\n%s", v)
	}
	lunch := demoMeeting(t, st, "Lunch with Dana")
	if lunch.AccountName != "Nordlicht Energie AG" || lunch.Location != "Alster Café" || len(lunch.Attendees) != 2 {
		t.Errorf("meeting = %+v", lunch)
	}
	// It is the third meeting of the day (by start); e edits it.
	m = press(t, m, "g", "j", "j", "e", "ctrl+u", "Lunch with Dana and Zoë", "tab", "tab", "tab", "tab", "end", ", Zoë", "ctrl+s")
	if got := demoMeeting(t, st, "Lunch with Dana and Zoë"); len(got.People()) != 2 {
		t.Errorf("edited meeting = %+v", got)
	}
	m = press(t, m, "D")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Delete the meeting “Lunch with Dana and Zoë”?") {
		t.Fatalf("D does not ask:\n%s", v)
	}
	m = press(t, m, "y")
	if ms, _ := st.MeetingsOn(ctx, model.DateOf(appNow)); len(ms) != 3 {
		t.Errorf("%d meetings after the delete", len(ms))
	}
	m = press(t, m, "u")
	back := demoMeeting(t, st, "Lunch with Dana and Zoë")
	if back.UID != lunch.UID || len(back.People()) != 2 {
		t.Errorf("u brings back %+v", back)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Lunch with Dana and Zoë") {
		t.Errorf("the meeting is not back on Today:\n%s", v)
	}
}

// TestPrepOfPersonAndAccount: m in People and Accounts opens the prep
// sheet of the one selected; esc closes it.
func TestPrepOfPersonAndAccount(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "3", "/", "henrik", "enter", "m")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Prep Henrik Sørensen") || !strings.Contains(v, "Needs to show  Payback within 18 months.") {
		t.Fatalf("m in People:\n%s", v)
	}
	m = press(t, m, "esc")
	if peopleOf(m).prep.active() {
		t.Error("esc does not close the prep sheet in People")
	}
	m = press(t, m, "2", "m")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Prep ") || !strings.Contains(v, "Open brief") && !strings.Contains(v, "Health") {
		t.Errorf("m in Accounts:\n%s", v)
	}
}

// TestTouchWithLinesIsADebrief: L on a person takes notes and follow-ups
// a line each too; a line without a name is on the person, the only one
// met; it is undone as one change.
func TestTouchWithLinesIsADebrief(t *testing.T) {
	w := newPeopleWorld(t)
	ctx := context.Background()
	m := startApp(t, w.st, 120, 35)
	m = press(t, m, "3", "j", "L", "Renewal call", "tab", "tab", "tab", "tab", "Wants a pilot first #insight", "tab", "send the pilot plan by mon", "ctrl+s")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Touch logged with Dana Okafor, 1 note, 1 follow-up") {
		t.Fatalf("no debrief:\n%s", v)
	}
	notes, _ := w.st.Notes(ctx, store.NoteFilter{PersonID: w.dana.ID}, store.PageReq{Limit: 10})
	if len(notes.Items) == 0 || notes.Items[0].Text != "Wants a pilot first" || notes.Items[0].Kind != model.NoteInsight {
		t.Errorf("Dana's notes = %+v", notes.Items)
	}
	fus, _ := w.st.FollowUps(ctx, store.FollowUpFilter{PersonID: w.dana.ID}, store.PageReq{Limit: 10})
	if len(fus.Items) != 1 || fus.Items[0].Text != "send the pilot plan" || fus.Items[0].DueOn != model.MustDate("2026-11-30") {
		t.Errorf("Dana's follow-ups = %+v", fus.Items)
	}
	m = press(t, m, "u")
	if n, _ := w.st.CountFollowUps(ctx, store.FollowUpFilter{PersonID: w.dana.ID}); n != 0 {
		t.Errorf("%d follow-ups after u", n)
	}
	if p, _ := w.st.Person(ctx, w.dana.ID); !p.LastTouchOn.IsZero() {
		t.Errorf("Dana's last touch after u: %s", p.LastTouchOn)
	}
	// A line that names someone not met keeps the name in its text.
	m = press(t, m, "L", "Call", "tab", "tab", "tab", "tab", "Budget: frozen until March", "ctrl+s")
	notes, _ = w.st.Notes(ctx, store.NoteFilter{PersonID: w.dana.ID}, store.PageReq{Limit: 10})
	if len(notes.Items) == 0 || notes.Items[0].Text != "Budget: frozen until March" {
		t.Errorf("a prefix naming nobody: %+v\n%s", notes.Items, m.View())
	}
}
