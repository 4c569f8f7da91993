package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// burst is text as the terminal reads a burst of typing: a message a word,
// a KeySpace for each space.
func burst(s string) []tea.Msg {
	var out []tea.Msg
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		}
		if w != "" {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
		}
	}
	return out
}

// send feeds messages through the real root Update, one at a time.
func send(t *testing.T, m tea.Model, msgs ...tea.Msg) tea.Model {
	t.Helper()
	for _, msg := range msgs {
		m = runCmds(t, m, func() tea.Msg { return msg })
	}
	return m
}

// Typed or pasted text is text: "esc", "down", "tab" inside it never act.
func TestTextArrivingInABurstIsText(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
	}{
		{"keys as words", "hit esc twice and go down"},
		{"moves as words", "go down now, up then left right home end"},
		{"a letter and tab", " x tab y"},
		{"ctrl words", "ctrl+c and ctrl+k and ctrl+s are keys"},
	} {
		for _, how := range []string{"one message", "word by word"} {
			t.Run(tt.name+"/"+how, func(t *testing.T) {
				st := demoStore(t)
				m := startApp(t, st, 120, 35)
				m = press(t, m, "ctrl+k", "dana okafor", "enter", "N")
				if !strings.Contains(m.View(), "Note on Dana Okafor") {
					t.Fatalf("the note form did not open:\n%s", m.View())
				}
				if how == "one message" {
					m = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tt.text)})
				} else {
					m = send(t, m, burst(tt.text)...)
				}
				if v := m.View(); strings.Contains(v, "Discard what you typed?") || !strings.Contains(v, "Note on Dana Okafor") {
					t.Fatalf("typing %q acted on the form:\n%s", tt.text, v)
				}
				m = press(t, m, "ctrl+s")
				notes, err := st.Notes(context.Background(), store.NoteFilter{PersonID: peopleOf(m).dossier.person.ID}, store.PageReq{Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if len(notes.Items) == 0 || notes.Items[0].Text != strings.TrimRight(tt.text, " ") {
					t.Fatalf("saved %q, want %q", noteText(notes.Items), tt.text)
				}
			})
		}
	}
}

func noteText(ns []model.Note) string {
	if len(ns) == 0 {
		return "(nothing)"
	}
	return ns[0].Text
}

// In the brief form's why, a pasted paragraph that names keys keeps every
// word, and the focus stays in the why.
func TestPasteIntoTheWhyKeepsEveryWord(t *testing.T) {
	st := demoStore(t)
	m := startApp(t, st, 120, 35)
	m = press(t, m, "4", "n")
	m = send(t, m, burst("Relaunch")...)
	m = press(t, m, "tab")
	m = send(t, m, burst("Nordlicht")...)
	m = press(t, m, "tab")
	why := "go down now, up then left right home end tab shift+tab esc"
	m = send(t, m, burst(why)...)
	f := m.(Model).panes[paneBriefs].(*briefsPane).ed.ed.form
	if got := f.raw("why"); got != why {
		t.Fatalf("the why holds %q, want %q", got, why)
	}
	if f.fields[f.focus].key != "why" {
		t.Errorf("the focus moved to %q", f.fields[f.focus].key)
	}
}

// TestHeldKeyMoves: a key held down arrives as a burst of one rune; out of
// a text field each press counts, while in one the burst is text.
func TestHeldKeyMoves(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	m = press(t, m, "3")
	m = runCmds(t, m, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjj")} })
	if got := peopleOf(m).b.list.sel; got != 4 {
		t.Errorf("a burst of four j moved to row %d, want 4", got)
	}
	m = runCmds(t, m, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")} })
	m = runCmds(t, m, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ee")} })
	if got := peopleOf(m).b.filter.Value(); got != "ee" {
		t.Errorf("in the filter a burst of ee typed %q", got)
	}
}
