package tui

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// What the keys do to the item under a dossier's cursor: enter opens a
// person, account, brief or follow-up in its pane (esc comes back here)
// and a note or touch in its form; e edits a note or touch, D deletes it
// (asking first; u brings it back), P pins or unpins a note.

// itemKey acts on the item under the cursor; handled is false when there
// is none, or the key is not one of the item's.
func (p *dossierPane[T, D]) itemKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	it, ok := p.cursorItem()
	if !ok {
		return false, nil
	}
	k := p.b.keys
	switch {
	case key.Matches(msg, keyMap.dossier.Open):
		return true, p.openItem()
	case key.Matches(msg, k.Edit):
		if it.note == nil && it.touch == nil {
			return true, status("e edits notes and touches here; enter opens this in its own pane, where e edits it.")
		}
		return true, p.openItem()
	case key.Matches(msg, k.Delete):
		return true, p.deleteItem(it)
	case key.Matches(msg, keyMap.dossier.Pin):
		if it.note == nil {
			return true, status("Only notes are pinned.")
		}
		return true, p.pinNote(*it.note)
	}
	return false, nil
}

// dossierHelp is the footer in a focused dossier: moving between its
// items first, then what the item under the cursor takes (a note: edit,
// delete, pin; a touch: edit, delete; anything else: open), else own — the
// keys that act on the dossier's subject.
func (p *dossierPane[T, D]) dossierHelp(own ...key.Binding) (bindings, bool) {
	if !p.b.inDetail || p.b.filtering {
		return bindings{}, false
	}
	k, dk := p.b.keys, keyMap.dossier
	short := []key.Binding{k.Back}
	if len(p.items) > 0 {
		short = append(short, dk.Move)
	}
	it, ok := p.cursorItem()
	switch {
	case ok && it.note != nil:
		edit, del := k.Edit, k.Delete
		edit.SetHelp(keyName(edit), "edit note")
		del.SetHelp(keyName(del), "delete note")
		short = append(short, edit, del, dk.Pin)
	case ok && it.touch != nil:
		edit, del := k.Edit, k.Delete
		edit.SetHelp(keyName(edit), "edit touch")
		del.SetHelp(keyName(del), "delete touch")
		short = append(short, edit, del)
	case ok:
		short = append(short, dk.Open)
	default:
		short = append(short, own...)
	}
	return bindings{short: short}, true
}

// dossierGroup is the full help's group for a focused dossier.
func dossierGroup() keyGroup {
	k, dk := keyMap.list, keyMap.dossier
	edit, del := k.Edit, k.Delete
	edit.SetHelp(keyName(edit), "edit the note or touch")
	del.SetHelp(keyName(del), "delete the note or touch")
	return keyGroup{"In a dossier", []key.Binding{dk.Move, dk.Open, edit, del, dk.Pin, k.Back}}
}

// openItem opens the item under the cursor: in its pane, or a note or a
// touch in its form.
func (p *dossierPane[T, D]) openItem() tea.Cmd {
	it, ok := p.cursorItem()
	if !ok {
		return nil
	}
	w, h := p.b.width, p.b.height
	switch {
	case it.note != nil:
		n := *it.note
		return p.c.noteForm(&p.ed, w, h, noteSubject(n), &n)
	case it.touch != nil:
		t := *it.touch
		return p.c.touchForm(&p.ed, w, h, subject{accountID: t.AccountID, name: termtext.SanitizeLine(t.Summary)}, &t)
	case it.meet != nil && p.prepOf != nil:
		return p.prepOf(*it.meet)
	}
	return func() tea.Msg { return openMsg{kind: it.kind, id: it.id, back: true} }
}

// noteSubject is whom a note is on, for its form.
func noteSubject(n model.Note) subject {
	name := n.PersonName
	if name == "" {
		name = n.AccountName
	}
	return subject{accountID: n.AccountID, personID: n.PersonID, name: name}
}

// deleteItem asks, then deletes a note or touch for good; u writes it
// back.
func (p *dossierPane[T, D]) deleteItem(it dItem) tea.Cmd {
	var what string
	var remove func(ctx context.Context, id int64) error
	switch {
	case it.note != nil:
		what, remove = "the note “"+shortText(it.note.Text)+"”", p.c.store.DeleteNote
	case it.touch != nil:
		what, remove = "the touch “"+shortText(it.touch.Summary)+"”", p.c.store.DeleteTouch
	default:
		return status("D deletes notes and touches here; enter opens this in its own pane, where D archives it.")
	}
	st, pane := p.c.store, p.id
	p.ask = newConfirm("Delete "+what+" for good? ("+keyName(keyMap.global.Undo)+" brings it back)", func() tea.Cmd {
		return writeCmd(pane, it.kind, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			undo, err := snapshotThen(ctx, st, "deleting "+what, it.kind, it.id, false, func() error { return remove(ctx, it.id) })
			return saved{text: "Deleted " + what + ". " + keyName(keyMap.global.Undo) + " brings it back.", undo: undo}, err
		})
	})
	return nil
}

// pinNote pins a note to the top of its person's notes, or unpins it.
func (p *dossierPane[T, D]) pinNote(n model.Note) tea.Cmd {
	st, pane := p.c.store, p.id
	pin := !n.Pinned
	what := "“" + shortText(n.Text) + "”"
	return writeCmd(pane, store.HitNote, func() (saved, error) {
		ctx, cancel := p.c.ctx()
		defer cancel()
		undo, err := snapshotThen(ctx, st, map[bool]string{true: "pinning ", false: "unpinning "}[pin]+what, store.HitNote, n.ID, false,
			func() error { return st.PinNote(ctx, n.ID, pin) })
		text := "Pinned " + what + "."
		if !pin {
			text = "Unpinned " + what + "."
		}
		return saved{text: text, undo: undo}, err
	})
}
