package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
)

// The session's undo history: u takes back the last action whichever pane
// it was made in. An action in place (done, snooze, asked) reports back
// with an actedMsg; a form's save that did something undoable carries its
// entry in savedMsg. The root records either once.

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

// actedMsg reports an action in place that committed (or failed); the root
// shows it, records push, and every pane reads again.
type actedMsg struct {
	push *undoEntry // what undoes it; nil for an undo itself
	text string
	err  error
}

// undo takes back the last action; a status line when there is none.
func (c *common) undoLast() tea.Cmd {
	e, ok := c.undo.pop()
	if !ok {
		return status("Nothing to undo.")
	}
	st := c.store
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
		return actedMsg{text: text, err: err}
	}
}
