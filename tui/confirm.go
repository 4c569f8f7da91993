package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// confirm asks a yes/no question in the status line.
type confirm struct {
	question string
	yes      func() tea.Cmd
	keys     confirmKeys
}

func newConfirm(question string, yes func() tea.Cmd) *confirm {
	return &confirm{question: question, yes: yes, keys: newConfirmKeys()}
}

// update answers the question; done is true once it is answered.
func (c *confirm) update(msg tea.KeyMsg) (done bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, c.keys.Yes):
		return true, c.yes()
	case key.Matches(msg, c.keys.No):
		return true, status("Cancelled.")
	}
	return false, nil
}

func (c *confirm) view() string { return c.question + "  y/n" }

func (c *confirm) help() bindings { return bindings{short: []key.Binding{c.keys.Yes, c.keys.No}} }
