package tui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// The session's undo history: u takes back the last change, of any kind,
// whichever pane made it, several levels deep. Each write that changes
// something puts an undoEntry in what it reports (a savedMsg or an
// actedMsg); the root records it once. An entry knows how to take its
// change back: delete what was created, write back the snapshot taken
// before an edit or a delete (store.Restore matches records by uid, so a
// deleted record returns with its links), archive or restore again, or the
// inverse of done, snooze and asked.

// undoEntry is one change u can take back.
type undoEntry struct {
	what string // the change, for "Undone: …" (sanitised)
	item string // the Today item it is about, to select once undone ("" none)
	back func(ctx context.Context, st Store) error
}

// maxUndo bounds the history: a long session's worth of changes.
const maxUndo = 100

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

// actedMsg reports an action in place that committed (or failed); the root
// shows it, records push, and every pane reads again.
type actedMsg struct {
	push *undoEntry // what undoes it; nil for an undo itself
	text string
	err  error
}

// undoLast takes back the last change; a status line when there is none.
func (c *common) undoLast() tea.Cmd {
	e, ok := c.undo.pop()
	if !ok {
		return status("Nothing to undo.")
	}
	st := c.store
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		if err := e.back(ctx, st); err != nil {
			return actedMsg{err: fmt.Errorf("could not undo %s: %w", e.what, err)}
		}
		return actedMsg{text: "Undone: " + e.what + "."}
	}
}

// undoCreated takes back the creation of a record: it is deleted again.
// The record is found by uid, as every undo finds one: a record written
// back by an earlier undo has a new row id.
func undoCreated(what string, kind store.HitKind, uid string) *undoEntry {
	return &undoEntry{what: what, back: func(ctx context.Context, st Store) error {
		id, err := st.IDOf(ctx, kind, uid)
		if err != nil {
			return err
		}
		switch kind {
		case store.HitAccount:
			return st.DeleteAccount(ctx, id)
		case store.HitPerson:
			return st.DeletePerson(ctx, id)
		case store.HitBrief:
			return st.DeleteBrief(ctx, id)
		case store.HitNote:
			return st.DeleteNote(ctx, id)
		case store.HitFollowUp:
			return st.DeleteFollowUp(ctx, id)
		case store.HitTouch:
			return st.DeleteTouch(ctx, id)
		case store.HitHealth:
			return st.DeleteHealthCheck(ctx, id)
		case store.HitMeeting:
			return st.DeleteMeeting(ctx, id)
		}
		return fmt.Errorf("%w: cannot undo a new %s", model.ErrInvalid, kind)
	}}
}

// undoCreatedID is undoCreated for a record known by its row id.
func undoCreatedID(ctx context.Context, st Store, what string, kind store.HitKind, id int64) (*undoEntry, error) {
	snap, err := st.Snapshot(ctx, kind, id, false)
	if err != nil {
		return nil, err
	}
	return undoCreated(what, kind, snapUID(snap)), nil
}

// snapUID is the uid of the one record a shallow snapshot holds.
func snapUID(ds model.Dataset) string {
	switch {
	case len(ds.Accounts) > 0:
		return ds.Accounts[0].UID
	case len(ds.People) > 0:
		return ds.People[0].UID
	case len(ds.Briefs) > 0:
		return ds.Briefs[0].UID
	case len(ds.Notes) > 0:
		return ds.Notes[0].UID
	case len(ds.Touches) > 0:
		return ds.Touches[0].UID
	case len(ds.Health) > 0:
		return ds.Health[0].UID
	case len(ds.FollowUps) > 0:
		return ds.FollowUps[0].UID
	case len(ds.Meetings) > 0:
		return ds.Meetings[0].UID
	}
	return ""
}

// undoDebrief takes back a debrief as one change: its touch, notes and
// follow-ups go, the notes it asked about are open again, and its meeting
// is no longer debriefed.
func undoDebrief(what string, r store.DebriefResult) *undoEntry {
	return &undoEntry{what: what, back: func(ctx context.Context, st Store) error { return st.UndoDebrief(ctx, r) }}
}

// undoRestore writes back snap, taken before an edit or a delete.
func undoRestore(what string, snap model.Dataset) *undoEntry {
	return &undoEntry{what: what, back: func(ctx context.Context, st Store) error { return st.Restore(ctx, snap) }}
}

// snapshotThen takes the snapshot of kind/id (deep before a delete), runs
// change, and returns the entry that writes the snapshot back.
func snapshotThen(ctx context.Context, st Store, what string, kind store.HitKind, id int64, deep bool, change func() error) (*undoEntry, error) {
	snap, err := st.Snapshot(ctx, kind, id, deep)
	if err != nil {
		return nil, err
	}
	if err := change(); err != nil {
		return nil, err
	}
	return undoRestore(what, snap), nil
}

// saveRecord runs write, which creates a record of kind (id 0) or updates
// record id, and returns the saved id with what undoes it: deleting what
// was created, or writing back the snapshot taken before the update. what
// names the record for "Undone: adding …" and "Undone: editing …".
func saveRecord(ctx context.Context, st Store, kind store.HitKind, id int64, what string, write func() (int64, error)) (int64, *undoEntry, error) {
	if id == 0 {
		nid, err := write()
		if err != nil {
			return 0, nil, err
		}
		undo, err := undoCreatedID(ctx, st, "adding "+what, kind, nid)
		return nid, undo, err
	}
	var nid int64
	undo, err := snapshotThen(ctx, st, "editing "+what, kind, id, false, func() error {
		var err error
		nid, err = write()
		return err
	})
	return nid, undo, err
}
