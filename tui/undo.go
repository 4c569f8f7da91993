package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/termtext"
)

// Acting on follow-ups in place — done, snooze, mark a note asked — and
// undoing it, shared by the Today and Follow-ups panes. The session has
// one undoStack (in common), so u takes back the last action whichever
// pane it was made in. Results come back as actedMsg, which every pane
// sees: the first to pass it to acted records the undo and shows the
// result, the others find it already handled; every pane then reloads.

type undoKind int

const (
	undoDone   undoKind = iota // a follow-up completed (maybe spawning the next)
	undoSnooze                 // a follow-up snoozed
	undoAsked                  // an ask-about note marked asked
)

// undoEntry is one action that u can take back.
type undoEntry struct {
	kind    undoKind
	id      int64      // the follow-up or note
	spawned int64      // the occurrence completing created (0: none)
	prev    model.Date // the snooze replaced
	text    string     // what it was about, sanitised, for the status line
}

// maxUndo bounds the stack: a session's worth of ticking off.
const maxUndo = 50

// undoStack is the session's undo history.
type undoStack struct {
	entries []undoEntry
	seq     int          // numbers the actions started
	pending map[int]bool // actions started whose actedMsg is not handled yet
}

// begin numbers an action about to start.
func (u *undoStack) begin() int {
	if u.pending == nil {
		u.pending = map[int]bool{}
	}
	u.seq++
	u.pending[u.seq] = true
	return u.seq
}

func (u *undoStack) push(e undoEntry) {
	if len(u.entries) >= maxUndo {
		u.entries = append(u.entries[:0:0], u.entries[1:]...)
	}
	u.entries = append(u.entries, e)
}

func (u *undoStack) pop() (undoEntry, bool) {
	if len(u.entries) == 0 {
		return undoEntry{}, false
	}
	e := u.entries[len(u.entries)-1]
	u.entries = u.entries[:len(u.entries)-1]
	return e, true
}

func (u *undoStack) empty() bool { return len(u.entries) == 0 }

// peek returns what u would undo next.
func (u *undoStack) peek() (undoEntry, bool) {
	if len(u.entries) == 0 {
		return undoEntry{}, false
	}
	return u.entries[len(u.entries)-1], true
}

// itemKey is the Today item the entry is about (todayRow.key).
func (e undoEntry) itemKey() string {
	if e.kind == undoAsked {
		return "n" + itoa(int(e.id))
	}
	return "f" + itoa(int(e.id))
}

// actedMsg reports an in-place action that committed (or failed).
type actedMsg struct {
	seq  int        // from undoStack.begin
	push *undoEntry // what undoes it; nil for an undo itself
	text string
	err  error
}

// reload asks every pane to re-read (the data changed).
func reload() tea.Msg { return reloadMsg{} }

// acted handles an actedMsg once: it records the undo and shows the
// result; every pane then reloads through reloadMsg. first is false for a
// message already handled.
func (u *undoStack) acted(msg actedMsg) (first bool, cmd tea.Cmd) {
	if !u.pending[msg.seq] {
		return false, nil
	}
	delete(u.pending, msg.seq)
	if msg.err != nil {
		return true, tea.Batch(statusErr(msg.err), reload)
	}
	if msg.push != nil {
		u.push(*msg.push)
	}
	return true, tea.Batch(status(msg.text), reload)
}

// shortText is a follow-up's or note's text for a status line.
func shortText(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return "“" + termtext.Clip(termtext.SanitizeLine(strings.TrimSpace(s)), 40) + "”"
}

// saveDone marks a follow-up done; a recurring one spawns its next.
func (u *undoStack) saveDone(c *common, f model.FollowUp) tea.Cmd {
	st := c.store
	seq := u.begin()
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		_, next, err := st.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			return actedMsg{seq: seq, err: err}
		}
		e := &undoEntry{kind: undoDone, id: f.ID, text: shortText(f.Text)}
		text := "Done: " + e.text + ". r plans the next one; u undoes."
		if next != nil {
			e.spawned = next.ID
			text = "Done: " + e.text + ". It repeats: the next one is due " + dueText(*next) + ". u undoes."
		}
		return actedMsg{seq: seq, push: e, text: text}
	}
}

// dueText is a due day for a sentence: "fri 2026-03-13 15:00".
func dueText(f model.FollowUp) string {
	return strings.ToLower(f.DueOn.Weekday().String()[:3]) + " " + f.DueString()
}

// saveSnooze hides a follow-up from the agenda until a day.
func (u *undoStack) saveSnooze(c *common, f model.FollowUp, until model.Date) tea.Cmd {
	st := c.store
	seq := u.begin()
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		prev, err := st.SnoozeFollowUp(ctx, f.ID, until)
		if err != nil {
			return actedMsg{seq: seq, err: err}
		}
		e := &undoEntry{kind: undoSnooze, id: f.ID, prev: prev, text: shortText(f.Text)}
		text := "Snoozed " + e.text + " until " + strings.ToLower(until.Weekday().String()[:3]) + " " + until.String() + "."
		if !until.After(f.DueOn) {
			text += " (It is due then anyway.)"
		}
		return actedMsg{seq: seq, push: e, text: text}
	}
}

// saveAsked takes an ask-about note off Today.
func (u *undoStack) saveAsked(c *common, n model.Note) tea.Cmd {
	st := c.store
	seq := u.begin()
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		if err := st.MarkNoteAsked(ctx, n.ID, true); err != nil {
			return actedMsg{seq: seq, err: err}
		}
		e := &undoEntry{kind: undoAsked, id: n.ID, text: shortText(n.Text)}
		return actedMsg{seq: seq, push: e, text: "Asked about " + e.text + ". u undoes."}
	}
}

// saveUndo takes back the last action; nil (with a status) when there is none.
func (u *undoStack) saveUndo(c *common) tea.Cmd {
	e, ok := u.pop()
	if !ok {
		return status("Nothing to undo.")
	}
	st, seq := c.store, u.begin()
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		var err error
		var text string
		switch e.kind {
		case undoDone:
			err = st.ReopenFollowUp(ctx, e.id, e.spawned)
			text = "Undone: " + e.text + " is open again."
			if e.spawned != 0 {
				text = "Undone: " + e.text + " is open again; its next one is gone."
			}
		case undoSnooze:
			_, err = st.SnoozeFollowUp(ctx, e.id, e.prev)
			text = "Undone: " + e.text + " is no longer snoozed."
			if !e.prev.IsZero() {
				text = "Undone: " + e.text + " is snoozed until " + e.prev.String() + " again."
			}
		case undoAsked:
			err = st.MarkNoteAsked(ctx, e.id, false)
			text = "Undone: " + e.text + " is back on Today."
		}
		return actedMsg{seq: seq, text: text, err: err}
	}
}

// snoozePrompt asks how long to snooze: 1d, 3d, 1w or any date, then
// enter. "1", "3" and "w" alone are short for the first three. Nothing
// happens before enter, so a date that starts with 1, 3 or w (12-03, wed)
// can be typed.
type snoozePrompt struct {
	f     model.FollowUp
	input textinput.Model
	err   string
	keys  snoozeKeys
}

type snoozeKeys struct {
	Enter, Cancel key.Binding
}

// snoozeShort are the prompt's short answers.
var snoozeShort = map[string]string{"1": "1d", "3": "3d", "w": "1w"}

func newSnoozePrompt(f model.FollowUp) *snoozePrompt {
	in := newInput()
	in.Prompt = ""
	in.Placeholder = "fri, dec 3, +2w"
	in.CharLimit = 64
	in.Width = 24
	in.Focus()
	return &snoozePrompt{f: f, input: in, keys: snoozeKeys{
		Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "snooze (1d, 3d, 1w or a date)")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

// update reads a key. done is true when the prompt closes; until is set when
// the user chose a day (zero when cancelled).
func (s *snoozePrompt) update(msg tea.KeyMsg, c *common) (done bool, until model.Date, cmd tea.Cmd) {
	today := c.today()
	typed := strings.TrimSpace(s.input.Value())
	switch {
	case key.Matches(msg, s.keys.Cancel):
		return true, model.Date{}, status("Not snoozed.")
	case key.Matches(msg, s.keys.Enter):
		if typed == "" {
			s.err = "type 1d, 3d, 1w or a date, then enter"
			return false, model.Date{}, nil
		}
		if short, ok := snoozeShort[strings.ToLower(typed)]; ok {
			typed = short
		}
		w, err := model.ParseWhen(typed, c.now())
		if err != nil {
			s.err = errText(err)
			return false, model.Date{}, nil
		}
		if w.Date.Before(today) {
			s.err = "that day has passed — pick one from today on"
			return false, model.Date{}, nil
		}
		return true, w.Date, nil
	}
	s.err = ""
	s.input, cmd = s.input.Update(msg)
	return false, model.Date{}, cmd
}

// view is one line for the bottom of the pane.
func (s *snoozePrompt) view(st Styles, width int) string {
	// The longest lead-in that leaves the field its room.
	in := s.input.View()
	room := width - max(lipgloss.Width(in), 24)
	line := "Snooze: "
	for _, lead := range []string{
		"Snooze " + shortText(s.f.Text) + " — 1d, 3d, 1w or a day, then enter: ",
		"Snooze — 1d, 3d, 1w or a day, then enter: ",
		"Snooze — 1d, 3d, 1w or a day: ",
	} {
		if lipgloss.Width(lead) <= room {
			line = lead
			break
		}
	}
	line += in
	if s.err != "" {
		// The reason (with its example) matters more than the lead-in.
		return st.StatusErr.Render(termtext.Fit("Snooze until: "+s.input.Value()+"  ✗ "+s.err, width))
	}
	return st.Warn.Render(termtext.Fit(line, width))
}

func (s *snoozePrompt) help() bindings {
	k := s.keys
	return bindings{short: []key.Binding{k.Enter, k.Cancel}}
}

// relDue says when a follow-up is due, relative to today, in at most 9
// cells: "3d late", "today", "tomorrow", "fri", "20 mar", "20 mar 27".
func relDue(d, today model.Date) string {
	n := d.DaysSince(today)
	switch {
	case d.IsZero():
		return ""
	case n <= -100:
		return ago(d, today) + " late" // "3mo late", "9y late": within the 9 cells
	case n < 0:
		return itoa(-n) + "d late"
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n < 7:
		return strings.ToLower(d.Weekday().String()[:3])
	case d.Year() == today.Year():
		return itoa(d.Day()) + " " + strings.ToLower(d.Month().String()[:3])
	}
	return itoa(d.Day()) + " " + strings.ToLower(d.Month().String()[:3]) + " " + itoa(d.Year()%100)
}

// followUpDetail describes one follow-up and what it links to.
func followUpDetail(st Styles, f model.FollowUp, today model.Date, w int) string {
	var b strings.Builder
	title := st.Title.Render("Follow-up")
	if f.Kind == model.KindPromise {
		// A promise made to the client: its badge says so, in the warning
		// colour once it is late.
		title = st.badge("promise", "promise to the client")
	}
	if f.Done() {
		title += " " + st.Good.Render("✓ done")
	}
	b.WriteString(title + "\n")
	b.WriteString(wrap(termtext.Sanitize(f.Text), max(w, 10)) + "\n\n")
	due := f.DueString() + " (" + relDue(f.DueOn, today) + ")"
	if f.Done() {
		due = f.DueString() // done: how late it is now says nothing
	}
	recur := ""
	if !f.Recur.IsZero() {
		recur = f.Recur.String() + ", counted from the due date"
		if f.FromCompletion {
			recur = f.Recur.String() + ", counted from completion"
		}
	}
	snoozed := ""
	if f.SnoozedUntil.After(f.DueOn) && !f.Done() {
		snoozed = f.SnoozedUntil.String() + " (" + relDue(f.SnoozedUntil, today) + ")"
	}
	done := ""
	if f.Done() {
		done = f.DoneAt.Local().Format("2006-01-02 15:04")
	}
	created := ""
	if !f.CreatedAt.IsZero() {
		created = f.CreatedAt.Local().Format("2006-01-02")
	}
	b.WriteString(lines(
		st.field("Due", due, w),
		st.field("Snoozed until", snoozed, w),
		st.field("Repeats", recur, w),
		st.field("Done", done, w),
		st.field("Account", f.AccountName, w),
		st.field("Person", f.PersonName, w),
		st.field("Brief", f.BriefTitle, w),
		st.field("Created", created, w),
	) + "\n")
	if f.Kind == model.KindPromise && f.Overdue(today) {
		b.WriteString("\n" + st.Warn.Render("A promise to the client, "+itoa(today.DaysSince(f.AgendaOn()))+" days late.") + "\n")
	}
	return b.String()
}
