package textarea

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestViewShowsTheLinesInSight fills a small text area with numbered
// lines, some long enough to wrap, and walks the cursor to the end and back:
// the view always holds the cursor's line and is full, as many rendered
// rows as it is high, none left empty by the skipping of lines out of sight.
func TestViewShowsTheLinesInSight(t *testing.T) {
	var lines []string
	for i := range 200 {
		l := fmt.Sprintf("line %03d", i)
		if i%7 == 0 {
			l += strings.Repeat(" and more", 8) // wraps at width 30
		}
		lines = append(lines, l)
	}
	m := New()
	m.ShowLineNumbers = false
	m.MaxHeight = 0
	m.SetWidth(32)
	m.SetHeight(6)
	m.SetValue(strings.Join(lines, "\n"))
	m.Focus()

	press := func(k tea.KeyType, n int) {
		for range n {
			m, _ = m.Update(tea.KeyMsg{Type: k})
		}
	}
	check := func(want string) {
		t.Helper()
		view := ansi.Strip(m.View())
		rows := strings.Split(view, "\n")
		if len(rows) != 6 {
			t.Fatalf("view has %d rows, want 6:\n%s", len(rows), view)
		}
		if !strings.Contains(view, want) {
			t.Errorf("view does not show %q:\n%s", want, view)
		}
		blank := 0
		for _, r := range rows {
			if strings.TrimSpace(strings.TrimPrefix(r, "┃")) == "" {
				blank++
			}
		}
		if blank > 0 {
			t.Errorf("view has %d blank rows inside the text:\n%s", blank, view)
		}
	}
	press(tea.KeyCtrlHome, 1)
	check("line 000")
	press(tea.KeyDown, 120)
	check(fmt.Sprintf("line %03d", m.Line()))
	press(tea.KeyCtrlEnd, 1)
	check("line 199")
	press(tea.KeyUp, 150)
	check(fmt.Sprintf("line %03d", m.Line()))
	if m.Value() != strings.Join(lines, "\n") {
		t.Error("moving changed the text")
	}
}
