package tui

import "github.com/charmbracelet/lipgloss"

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
}

var (
	colAccent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"}
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
		App:        lipgloss.NewStyle(),
		Tab:        lipgloss.NewStyle().Foreground(colMuted).Padding(0, 1),
		TabActive:  lipgloss.NewStyle().Foreground(colAccent).Bold(true).Underline(true).Padding(0, 1),
		Scope:      lipgloss.NewStyle().Foreground(colAmber).Bold(true),
		Title:      lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Heading:    lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Label:      lipgloss.NewStyle().Foreground(colMuted),
		Value:      lipgloss.NewStyle().Foreground(colText),
		Muted:      lipgloss.NewStyle().Foreground(colMuted),
		Selected:   lipgloss.NewStyle().Background(colSelBg).Bold(true),
		Cursor:     lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Status:     lipgloss.NewStyle().Foreground(colGreen),
		StatusErr:  lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Warn:       lipgloss.NewStyle().Foreground(colAmber),
		Good:       lipgloss.NewStyle().Foreground(colGreen),
		Promise:    lipgloss.NewStyle().Foreground(colAmber).Bold(true),
		Overdue:    lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Highlight:  lipgloss.NewStyle().Foreground(colAmber).Bold(true).Underline(true),
		Border:     lipgloss.NewStyle().Foreground(colBorder),
		Pane:       lipgloss.NewStyle(),
		Detail:     lipgloss.NewStyle().PaddingLeft(1).BorderStyle(lipgloss.NormalBorder()).BorderLeft(true).BorderForeground(colBorder),
		Empty:      lipgloss.NewStyle().Foreground(colMuted).Italic(true).Padding(1, 2),
		Bar:        lipgloss.NewStyle().Foreground(colBlue),
		BarEmpty:   lipgloss.NewStyle().Foreground(colBorder),
		Field:      lipgloss.NewStyle().Foreground(colMuted),
		FieldFocus: lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		FieldError: lipgloss.NewStyle().Foreground(colRed),
		Heart:      lipgloss.NewStyle().Foreground(colRed).Bold(true),
		Overlay:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 1),
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

// badge renders a short coloured label, e.g. a tier or a role.
func (s Styles) badge(kind, text string) string {
	st, ok := s.Badge[kind]
	if !ok || text == "" {
		return text
	}
	return st.Render(" " + text + " ")
}
