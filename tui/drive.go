package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Drive runs cmd and every command it leads to, feeding each message back
// through m's Update the way Bubble Tea's loop does, until nothing is left.
// Commands that take longer than patience (timers) are abandoned. It serves
// the tests, the benchmarks and `rapport` measuring its first frame.
func Drive(m tea.Model, cmd tea.Cmd, patience time.Duration) tea.Model {
	type result struct {
		msg tea.Msg
		ok  bool
	}
	results := make(chan result, 64)
	pending := 0
	launch := func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() {
			done := make(chan tea.Msg, 1)
			go func() { done <- c() }()
			select {
			case msg := <-done:
				results <- result{msg, true}
			case <-time.After(patience):
				results <- result{}
			}
		}()
	}
	launch(cmd)
	for steps := 0; pending > 0 && steps < 100000; steps++ {
		r := <-results
		pending--
		if !r.ok || r.msg == nil {
			continue
		}
		switch msg := r.msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				launch(c)
			}
		case tea.QuitMsg:
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			launch(next)
		}
	}
	return m
}

// Key makes a key message from a name ("enter", "ctrl+k", "pgdown") or
// typed text ("zoe").
func Key(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC, "ctrl+k": tea.KeyCtrlK, "ctrl+e": tea.KeyCtrlE, "ctrl+u": tea.KeyCtrlU,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if kt, ok := named[k]; ok {
		return tea.KeyMsg{Type: kt}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
