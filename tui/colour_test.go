package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestSelectionWithoutColour draws every pane and overlay with no colour
// at all and finds the selection marker on the selected row, the active
// tab bracketed and the focused field marked.
func TestSelectionWithoutColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	st := demoStore(t)
	for _, sc := range []struct {
		name, marker string
		keys         []string
	}{
		{"today", "▸ ", nil},
		{"accounts", "▸ ", []string{"2"}},
		{"people", "▸ ", []string{"3"}},
		{"briefs", "▸ ", []string{"4"}},
		{"board", "▸ ", []string{"4", "b"}},
		{"followups", "▸ ", []string{"5", "j"}},
		{"find", "▸ ", []string{"ctrl+k", "dan"}},
		{"scope", "▸ ", []string{"A"}},
		{"form", "▸ Name", []string{"3", "n"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			m := startApp(t, st, 120, 35)
			m = press(t, m, sc.keys...)
			v := m.View()
			if strings.Contains(v, "\x1b[") {
				t.Fatalf("escape sequences without colour:\n%q", v)
			}
			if n := strings.Count(v, sc.marker); n != 1 {
				t.Errorf("%d rows marked %q, want 1:\n%s", n, sc.marker, v)
			}
			tab := regexp.MustCompile(`\[\d [A-Z][a-z-]+\]`)
			if n := len(tab.FindAllString(v, -1)); n != 1 {
				t.Errorf("%d tabs bracketed, want 1:\n%s", n, strings.SplitN(v, "\n", 2)[0])
			}
		})
	}
}

// TestSelectionSpansTheRow: an inner style's reset must not cancel the
// selection's background — it is re-opened after each one, to the row's
// end — in 16 colours and in true colour.
func TestSelectionSpansTheRow(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.ANSI, termenv.TrueColor} {
		lipgloss.SetColorProfile(p)
		st := DefaultStyles()
		open, _, _ := strings.Cut(st.Selected.Render("X"), "X")
		if open == "" {
			t.Fatalf("profile %v: the selection draws nothing", p)
		}
		row := st.selectRow("Acme "+st.Overdue.Render("3d late")+" tail", 40)
		if got := ansi.StringWidth(row); got != 40 {
			t.Errorf("profile %v: row is %d wide, want 40", p, got)
		}
		// After the last reset inside the row, the background comes back
		// before the tail is drawn.
		inner := st.Overdue.Render("3d late")
		at := strings.Index(row, inner)
		if at < 0 {
			t.Fatalf("profile %v: the inner style is lost: %q", p, row)
		}
		if rest := row[at+len(inner):]; !strings.HasPrefix(rest, open) {
			t.Errorf("profile %v: after the inner style, the row goes on without its background: %q", p, rest)
		}
	}
	lipgloss.SetColorProfile(termenv.Ascii)
}

// TestMonoStyles: under NO_COLOR rapport draws no colour, but the
// selection is reverse video and the active tab is underlined.
func TestMonoStyles(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	st := MonoStyles()
	colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)
	for name, s := range map[string]string{
		"row":         st.selectRow("Acme "+st.Overdue.Render("late"), 30),
		"tab":         st.tab("2 Accounts", true),
		"badge":       st.badge("key", "key"),
		"placeholder": st.Placeholder.Render("the client's name"),
		"muted":       st.Muted.Render("quiet"),
	} {
		if colour.MatchString(s) {
			t.Errorf("%s has a colour: %q", name, s)
		}
		if !strings.Contains(s, "\x1b[") {
			t.Errorf("%s has no emphasis at all: %q", name, s)
		}
	}
	if row := st.selectRow("Acme", 10); !strings.Contains(row, "\x1b[7m") {
		t.Errorf("the selection is not reverse video: %q", row)
	}
}
