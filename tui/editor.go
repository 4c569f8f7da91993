package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"rapport/store"
)

// editor is an open form and what saving it does. save reads the form
// (parsing is pure and happens at once, so a bad date is reported before any
// write) and returns the command that writes to the store.
type editor struct {
	form *form
	save func(f *form) tea.Cmd
}

// savedMsg reports a committed write. It is sent only after the commit, so
// the screen never claims a save that did not happen. The root shows its
// text, records its undo, hands it to the pane that saved and tells the
// others to read again.
type savedMsg struct {
	pane paneID
	form *form // the form that was saved, or nil
	text string
	kind store.HitKind
	id   int64
	undo *undoEntry // what u takes back, when the save did something undoable too
}

// saveFailedMsg reports a write the store refused; the form stays open with
// everything typed.
type saveFailedMsg struct {
	form *form
	err  error
}

func (m saveFailedMsg) target() paneID { return m.form.pane }

// editorHost gives a pane one open form at a time.
type editorHost struct {
	pane paneID
	ed   *editor
}

func (h *editorHost) open(f *form, w, height int, save func(*form) tea.Cmd) tea.Cmd {
	f.pane = h.pane
	f.setSize(w, height)
	h.ed = &editor{form: f, save: save}
	return f.focusField(0)
}

func (h *editorHost) active() bool { return h.ed != nil }

func (h *editorHost) dirty() bool { return h.ed != nil && h.ed.form.dirty() }

// handle gives a message to the open form. consumed is false when there is
// no form or the message is not the form's.
func (h *editorHost) handle(msg tea.Msg) (consumed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		if h.ed != nil && msg.form == h.ed.form {
			h.ed = nil
		}
		return false, nil // the pane also reloads
	case saveFailedMsg:
		if h.ed != nil && msg.form == h.ed.form {
			return true, h.ed.form.fail(msg.err)
		}
		return false, nil
	case editorDoneMsg:
		if h.ed != nil {
			h.ed.form.update(msg)
			return true, nil
		}
		return false, nil
	case tea.KeyMsg:
		if h.ed == nil {
			return false, nil
		}
		act, cmd := h.ed.form.update(msg)
		switch act {
		case formSave:
			return true, tea.Batch(cmd, h.ed.save(h.ed.form))
		case formCancel:
			h.ed = nil
			return true, status("Nothing saved.")
		}
		return true, cmd
	}
	return false, nil
}

// saved is what a write reports: the item it saved (0: none), the line
// that says so, and what takes it back (nil: nothing to undo).
type saved struct {
	id   int64
	text string
	undo *undoEntry
}

// saveCmd runs a form's store write in a command and reports the result:
// a savedMsg, or a saveFailedMsg that keeps the form open.
func saveCmd(f *form, kind store.HitKind, write func() (saved, error)) tea.Cmd {
	return func() tea.Msg {
		r, err := write()
		if err != nil {
			return saveFailedMsg{form: f, err: err}
		}
		return savedMsg{pane: f.pane, form: f, text: r.text, kind: kind, id: r.id, undo: r.undo}
	}
}

// writeCmd runs a write that has no form (an archive, a stage move) for
// pane; a refusal goes to the status line.
func writeCmd(pane paneID, kind store.HitKind, write func() (saved, error)) tea.Cmd {
	return func() tea.Msg {
		r, err := write()
		if err != nil {
			return statusMsg{text: errText(err), err: true}
		}
		return savedMsg{pane: pane, text: r.text, kind: kind, id: r.id, undo: r.undo}
	}
}
