package tui

import (
	"context"

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
// it is archived — delete it for good or restore it, asking first.
type removal struct {
	name         string // as shown, sanitised
	id           int64  // the item, to select after archiving (0: none)
	archived     bool
	archiveAsk   string                                   // after "Archive NAME? "
	archivedSays string                                   // after "NAME archived."
	deleteAsk    string                                   // after "Delete NAME for good"
	archive      func(ctx context.Context, on bool) error // on false restores
	remove       func(ctx context.Context) error
	// run makes the write a command the pane follows (saveCmd, briefCmd).
	run func(write func() (int64, string, error)) tea.Cmd
}

// askRemove is the question D asks about r.
func (c *common) askRemove(r removal) *confirm {
	if !r.archived {
		return newConfirm("Archive "+r.name+"? "+r.archiveAsk, func() tea.Cmd {
			return r.run(func() (int64, string, error) {
				ctx, cancel := c.ctx()
				defer cancel()
				return r.id, r.name + " archived." + r.archivedSays, r.archive(ctx, true)
			})
		})
	}
	q := newConfirm("Delete "+r.name+" for good"+r.deleteAsk+"? ("+keyName(keyMap.confirm.Restore)+" restores it instead)", func() tea.Cmd {
		return r.run(func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			return 0, r.name + " deleted.", r.remove(ctx)
		})
	})
	restore := keyMap.confirm.Restore
	q.alt, q.altDo = &restore, func() tea.Cmd {
		return r.run(func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			return r.id, r.name + " restored.", r.archive(ctx, false)
		})
	}
	return q
}
