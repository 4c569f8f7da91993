package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"rapport/termtext"
)

// Styles are every style the TUI draws with, built once. Colours adapt to
// light and dark terminals.
type Styles struct {
	App        lipgloss.Style
	Tab        lipgloss.Style
	TabActive  lipgloss.Style
	Scope      lipgloss.Style
	Title      lipgloss.Style
	Heading    lipgloss.Style
	Label      lipgloss.Style
	Value      lipgloss.Style
	Muted      lipgloss.Style
	Selected   lipgloss.Style
	Cursor     lipgloss.Style
	Status     lipgloss.Style
	StatusErr  lipgloss.Style
	Warn       lipgloss.Style
	Good       lipgloss.Style
	Promise    lipgloss.Style
	Overdue    lipgloss.Style
	Highlight  lipgloss.Style
	Border     lipgloss.Style
	Pane       lipgloss.Style
	Detail     lipgloss.Style
	Empty      lipgloss.Style
	Bar        lipgloss.Style
	BarEmpty   lipgloss.Style
	Badge      map[string]lipgloss.Style // tier and role badges
	Field      lipgloss.Style
	FieldFocus lipgloss.Style
	FieldError lipgloss.Style
	Heart      lipgloss.Style // the why: the heart of a brief
	Overlay    lipgloss.Style
	// Placeholder is an empty field's hint: dim and italic, so it never
	// reads as a value.
	Placeholder lipgloss.Style
	// HelpKey and HelpDesc draw the footer and the full help; HelpOff a
	// key that does nothing where the cursor is.
	HelpKey, HelpDesc, HelpOff lipgloss.Style
	// ColumnHead names a list's columns.
	ColumnHead lipgloss.Style
}

var (
	colAccent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"}
	// Muted text is at least 4.5:1 on the terminal's background: #6B6B6B
	// on white is 5.3:1, #8A8A8A on black 5.9:1.
	colMuted  = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	colText   = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#E6E6E6"}
	colSelBg  = lipgloss.AdaptiveColor{Light: "#E4DEFA", Dark: "#3B3358"}
	colRed    = lipgloss.AdaptiveColor{Light: "#C0392B", Dark: "#FF6B6B"}
	colAmber  = lipgloss.AdaptiveColor{Light: "#B9770E", Dark: "#F5B041"}
	colGreen  = lipgloss.AdaptiveColor{Light: "#1E8449", Dark: "#58D68D"}
	colBlue   = lipgloss.AdaptiveColor{Light: "#1F618D", Dark: "#5DADE2"}
	colBorder = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"}
)

// DefaultStyles returns rapport's styles.
func DefaultStyles() Styles {
	badge := func(fg, bg lipgloss.AdaptiveColor) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(fg).Background(bg).Bold(true)
	}
	white := lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#101010"}
	return Styles{
		App:         lipgloss.NewStyle(),
		Tab:         lipgloss.NewStyle().Foreground(colMuted).Padding(0, 1),
		TabActive:   lipgloss.NewStyle().Foreground(colAccent).Bold(true).Underline(true),
		Scope:       lipgloss.NewStyle().Foreground(colAmber).Bold(true),
		Title:       lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Heading:     lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Label:       lipgloss.NewStyle().Foreground(colMuted),
		Value:       lipgloss.NewStyle().Foreground(colText),
		Muted:       lipgloss.NewStyle().Foreground(colMuted),
		Selected:    lipgloss.NewStyle().Background(colSelBg).Bold(true),
		Cursor:      lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Status:      lipgloss.NewStyle().Foreground(colGreen),
		StatusErr:   lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Warn:        lipgloss.NewStyle().Foreground(colAmber),
		Good:        lipgloss.NewStyle().Foreground(colGreen),
		Promise:     lipgloss.NewStyle().Foreground(colAmber).Bold(true),
		Overdue:     lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Highlight:   lipgloss.NewStyle().Foreground(colAmber).Bold(true).Underline(true),
		Border:      lipgloss.NewStyle().Foreground(colBorder),
		Pane:        lipgloss.NewStyle(),
		Detail:      lipgloss.NewStyle().PaddingLeft(1).BorderStyle(lipgloss.NormalBorder()).BorderLeft(true).BorderForeground(colBorder),
		Empty:       lipgloss.NewStyle().Foreground(colMuted).Italic(true).Padding(1, 2),
		Bar:         lipgloss.NewStyle().Foreground(colBlue),
		BarEmpty:    lipgloss.NewStyle().Foreground(colBorder),
		Field:       lipgloss.NewStyle().Foreground(colMuted),
		FieldFocus:  lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		FieldError:  lipgloss.NewStyle().Foreground(colRed),
		Heart:       lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Overlay:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 1),
		Placeholder: lipgloss.NewStyle().Foreground(colMuted).Italic(true),
		HelpKey:     lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		HelpDesc:    lipgloss.NewStyle().Foreground(colMuted),
		HelpOff:     lipgloss.NewStyle().Foreground(colBorder),
		ColumnHead:  lipgloss.NewStyle().Foreground(colMuted).Bold(true),
		Badge: map[string]lipgloss.Style{
			"key":            badge(white, colRed),
			"strategic":      badge(white, colAccent),
			"growth":         badge(white, colGreen),
			"maintain":       badge(white, colMuted),
			"decision maker": badge(white, colRed),
			"economic buyer": badge(white, colAmber),
			"champion":       badge(white, colGreen),
			"influencer":     badge(white, colBlue),
			"user":           badge(white, colMuted),
			"gatekeeper":     badge(white, colAccent),
			"blocker":        badge(white, colRed),
			"promise":        badge(white, colAmber),
			"":               lipgloss.NewStyle(),
		},
	}
}

// MonoStyles are the styles without colour, for NO_COLOR: reverse video
// for the selection, bold and underline for what matters, faint for what
// does not.
func MonoStyles() Styles {
	plain := lipgloss.NewStyle
	bold := plain().Bold(true)
	rev := plain().Reverse(true).Bold(true)
	faint := plain().Faint(true)
	badge := map[string]lipgloss.Style{"": plain()}
	for k := range DefaultStyles().Badge {
		if k != "" {
			badge[k] = rev
		}
	}
	return Styles{
		App: plain(), Tab: plain().Padding(0, 1), TabActive: bold.Underline(true),
		Scope: bold, Title: bold, Heading: bold, Label: faint, Value: plain(), Muted: faint,
		Selected: plain().Reverse(true), Cursor: bold,
		Status: plain(), StatusErr: bold, Warn: bold, Good: plain(), Promise: bold, Overdue: bold.Underline(true),
		Highlight: bold.Underline(true), Border: faint, Pane: plain(),
		Detail: plain().PaddingLeft(1).BorderStyle(lipgloss.NormalBorder()).BorderLeft(true),
		Empty:  faint.Italic(true).Padding(1, 2), Bar: bold, BarEmpty: faint,
		Field: plain(), FieldFocus: bold.Underline(true), FieldError: bold, Heart: bold,
		Overlay:     plain().Border(lipgloss.RoundedBorder()).Padding(0, 1),
		Placeholder: faint.Italic(true),
		HelpKey:     bold, HelpDesc: plain(), HelpOff: faint, ColumnHead: faint.Underline(true),
		Badge: badge,
	}
}

// selectRow draws the selected row across width: the marker, then text
// with its own colours kept, all on the selection's background — each
// inner style's reset re-opens it, so no inner style can cancel it.
// Without colour the marker shows the row.
func (s Styles) selectRow(text string, width int) string {
	return s.onSelection(termtext.Fit(s.Cursor.Render("▸ ")+text, width))
}

// onSelection puts a drawn line on the selection's background, re-opened
// after each inner reset.
func (s Styles) onSelection(line string) string {
	open, _, ok := strings.Cut(s.Selected.Render("X"), "X")
	if !ok || open == "" {
		return line
	}
	return open + strings.ReplaceAll(line, "\x1b[0m", "\x1b[0m"+open) + "\x1b[0m"
}

// row draws a list row, selected or not, across width.
func (s Styles) row(text string, width int, selected bool) string {
	if selected {
		return s.selectRow(text, width)
	}
	return termtext.Fit("  "+text, width)
}

// tab draws a pane's tab: the active one bracketed, so it shows without
// colour; both are as wide.
func (s Styles) tab(label string, active bool) string {
	if active {
		return s.TabActive.Render("[" + label + "]")
	}
	return s.Tab.Render(label)
}

// badge renders a short coloured label, e.g. a tier or a role.
func (s Styles) badge(kind, text string) string {
	st, ok := s.Badge[kind]
	if !ok || text == "" {
		return text
	}
	return st.Render(" " + text + " ")
}
