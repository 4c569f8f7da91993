package tui

import (
	"context"
	"errors"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"rapport/model"
)

// RunOptions are how Run runs.
type RunOptions struct {
	// Notices are what the store waits for (an import in another
	// process), shown on the status line as they come.
	Notices <-chan string
	// Mouse turns on clicks and the wheel; off, the terminal keeps its own
	// text selection.
	Mouse bool
}

// Run runs the interface on st, full screen, until the user quits (or ctx
// ends). It looks for changes other processes make every two seconds.
func Run(ctx context.Context, st Store, ro RunOptions) error {
	notices := ro.Notices
	opt := Options{Watch: 2 * time.Second, Own: model.OwnAddresses(os.Getenv("RAPPORT_ME"))}
	if termenv.EnvNoColor() && term.IsTerminal(os.Stdout.Fd()) {
		// NO_COLOR asks for no colour, not no emphasis: reverse video, bold
		// and underline still show the selection and what matters.
		lipgloss.SetColorProfile(termenv.ANSI)
		mono := MonoStyles()
		opt.Styles = &mono
	}
	progOpts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if ro.Mouse {
		progOpts = append(progOpts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(New(st, opt), progOpts...)
	go func() {
		// What the store waits for (an import in another process) shows
		// on the status line while a save waits.
		for {
			select {
			case msg := <-notices:
				p.Send(statusMsg{text: msg})
			case <-ctx.Done():
				return
			}
		}
	}()
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil
	}
	return err
}

// Frames draws the interface without a terminal: the first complete frame
// at width×height, then one after each key, each passed to each (0 for the
// first frame). It serves `rapport frame`, which make bench times.
func Frames(st Store, width, height int, keys []string, each func(i int, frame string)) {
	var m tea.Model = New(st, Options{StatusFor: -1})
	m, _ = m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m = Drive(m, m.Init(), 5*time.Second)
	each(0, m.View())
	for i, k := range keys {
		m = Drive(m, func() tea.Msg { return Key(k) }, 5*time.Second)
		each(i+1, m.View())
	}
}
