package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func click(t *testing.T, m tea.Model, x, y int) tea.Model {
	t.Helper()
	return runCmds(t, m, func() tea.Msg {
		return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	})
}

func wheel(t *testing.T, m tea.Model, b tea.MouseButton) tea.Model {
	t.Helper()
	return runCmds(t, m, func() tea.Msg { return tea.MouseMsg{X: 5, Y: 5, Button: b, Action: tea.MouseActionPress} })
}

// TestMouse: a click on a tab shows its pane, on a row selects it, on the
// selected row opens it; the wheel moves as ↑ and ↓ do.
func TestMouse(t *testing.T) {
	m := startApp(t, demoStore(t), 120, 35)
	head := strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0]
	x := strings.Index(head, "3 People")
	m = click(t, m, x+2, 0)
	if got := m.(Model).active; got != panePeople {
		t.Fatalf("a click on the People tab shows pane %d", got)
	}
	p := m.(Model).panes[panePeople].(*peoplePane)
	// Line 0 of the body is the header, line 1 the column names: the
	// fourth row is on line 5 (y 6 on the screen).
	m = click(t, m, 10, 6)
	if p.b.list.sel != 3 {
		t.Fatalf("a click on the fourth row selected row %d", p.b.list.sel)
	}
	name := p.b.list.items[3].Name
	if v := m.View(); !strings.Contains(v, "▸ "+name) {
		t.Errorf("the clicked row is not marked:\n%s", v)
	}
	if p.b.inDetail {
		t.Fatal("one click opened the dossier")
	}
	m = click(t, m, 10, 6)
	if !p.b.inDetail {
		t.Error("a click on the selected row does not open it")
	}
	m = press(t, m, "esc")
	m = wheel(t, m, tea.MouseButtonWheelDown)
	m = wheel(t, m, tea.MouseButtonWheelDown)
	if p.b.list.sel != 5 {
		t.Errorf("two wheel steps down from row 3 reach row %d", p.b.list.sel)
	}
	m = wheel(t, m, tea.MouseButtonWheelUp)
	if p.b.list.sel != 4 {
		t.Errorf("a wheel step up reaches row %d", p.b.list.sel)
	}
	// In Follow-ups a click on a heading selects nothing; on a row, it.
	m = press(t, m, "5")
	fp := m.(Model).panes[paneFollowUps].(*followUpsPane)
	m = click(t, m, 10, 3) // the "Overdue" heading
	if fp.b.list.sel != 0 {
		t.Errorf("a click on a heading moved the selection to %d", fp.b.list.sel)
	}
	m = click(t, m, 10, 5) // the second overdue row
	if fp.b.list.sel != 1 {
		t.Errorf("a click on the second row selected %d:\n%s", fp.b.list.sel, m.View())
	}
	// Today: a click selects the item on that line.
	m = press(t, m, "1")
	tp := m.(Model).panes[paneToday].(*todayPane)
	click(t, m, 10, 6) // under the tabs, two lines of summary and the "Meetings today" heading: the third item
	if tp.sel != 2 {
		t.Errorf("a click in Today selected item %d", tp.sel)
	}
}
