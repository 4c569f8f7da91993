package tui

import (
	"context"

	"rapport/store"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// confirm asks a yes/no question in the status line, with perhaps a third
// answer (alt).
type confirm struct {
	question string
	yes      func() tea.Cmd
	keys     confirmKeys
	alt      *key.Binding
	altDo    func() tea.Cmd
}

func newConfirm(question string, yes func() tea.Cmd) *confirm {
	return &confirm{question: question, yes: yes, keys: newConfirmKeys()}
}

// update answers the question; done is true once it is answered.
func (c *confirm) update(msg tea.KeyMsg) (done bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, c.keys.Yes):
		return true, c.yes()
	case c.alt != nil && key.Matches(msg, *c.alt):
		return true, c.altDo()
	case key.Matches(msg, c.keys.No):
		return true, status("Cancelled.")
	}
	return false, nil
}

func (c *confirm) view() string {
	if c.alt != nil {
		return c.question + "  y/" + c.alt.Help().Key + "/n"
	}
	return c.question + "  y/n"
}

func (c *confirm) help() bindings {
	if c.alt != nil {
		return bindings{short: []key.Binding{c.keys.Yes, *c.alt, c.keys.No}}
	}
	return bindings{short: []key.Binding{c.keys.Yes, c.keys.No}}
}

// removal is what D does to an item: archive it, asking first, or — once
// it is archived — delete it for good or restore it, asking first. Each
// can be undone: a delete by writing back the snapshot taken before it.
type removal struct {
	pane         paneID        // the pane that asks
	kind         store.HitKind // what the item is
	name         string        // as shown, sanitised
	id           int64         // the item
	uid          string        // the item, as undo finds it
	archived     bool
	archiveAsk   string                                             // after "Archive NAME? "
	archivedSays string                                             // after "NAME archived."
	deleteAsk    string                                             // after "Delete NAME for good"
	archive      func(ctx context.Context, id int64, on bool) error // on false restores
	remove       func(ctx context.Context, id int64) error
}

// askRemove is the question D asks about r.
func (c *common) askRemove(r removal) *confirm {
	archive := func(on bool, text string) tea.Cmd {
		return writeCmd(r.pane, r.kind, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			if err := r.archive(ctx, r.id, on); err != nil {
				return saved{}, err
			}
			verb := map[bool]string{true: "archiving ", false: "restoring "}[on]
			undo := &undoEntry{what: verb + r.name, back: func(ctx context.Context, st Store) error {
				id, err := st.IDOf(ctx, r.kind, r.uid)
				if err != nil {
					return err
				}
				return r.archive(ctx, id, !on)
			}}
			return saved{id: r.id, text: text, undo: undo}, nil
		})
	}
	if !r.archived {
		return newConfirm("Archive "+r.name+"? "+r.archiveAsk, func() tea.Cmd {
			return archive(true, r.name+" archived."+r.archivedSays)
		})
	}
	q := newConfirm("Delete "+r.name+" for good"+r.deleteAsk+"? ("+keyName(keyMap.confirm.Restore)+" restores it instead)", func() tea.Cmd {
		st := c.store
		return writeCmd(r.pane, r.kind, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			undo, err := snapshotThen(ctx, st, "deleting "+r.name, r.kind, r.id, true, func() error { return r.remove(ctx, r.id) })
			return saved{text: r.name + " deleted. " + keyName(keyMap.global.Undo) + " brings it back.", undo: undo}, err
		})
	})
	restore := keyMap.confirm.Restore
	q.alt, q.altDo = &restore, func() tea.Cmd { return archive(false, r.name+" restored.") }
	return q
}
