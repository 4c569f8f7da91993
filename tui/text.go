package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/termtext"
)

func itoa(n int) string { return strconv.Itoa(n) }

// wrap word-wraps sanitised text to width.
func wrap(s string, width int) string {
	if width <= 4 {
		return s
	}
	return lipgloss.NewStyle().Width(width).Render(s)
}

// bar draws a horizontal bar of width cells filled to frac (0..1).
func (s Styles) bar(frac float64, width int) string {
	if width <= 0 {
		return ""
	}
	frac = min(max(frac, 0), 1)
	full := int(frac*float64(width) + 0.5)
	if frac > 0 && full == 0 {
		full = 1
	}
	return s.Bar.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", width-full))
}

// sparkline draws values as a row of block characters.
func sparkline(vals []float64) string {
	if len(vals) == 0 {
		return ""
	}
	blocks := []rune("▁▂▃▄▅▆▇█")
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	var b strings.Builder
	for _, v := range vals {
		i := 0
		if hi > lo {
			i = int((v - lo) / (hi - lo) * float64(len(blocks)-1))
		} else {
			i = len(blocks) / 2
		}
		b.WriteRune(blocks[i])
	}
	return b.String()
}

// field renders "label  value" lines for a dossier, skipping empty values.
func (s Styles) field(label, value string, width int) string {
	if value == "" {
		return ""
	}
	l := s.Label.Render(termtext.Fit(label, 14))
	return l + " " + wrapIndent(termtext.SanitizeLine(value), width-15, 15)
}

// fieldItems is a labelled field of short items (an email, a phone
// number) joined with " · ": the items flow onto more lines whole, never
// broken inside one, and one too long for the line is clipped.
func (s Styles) fieldItems(label string, items []string, width int) string {
	room := max(width-15, 8)
	var rows []string
	cur := ""
	for _, it := range items {
		if it = termtext.Clip(termtext.SanitizeLine(it), room); it == "" {
			continue
		}
		switch {
		case cur == "":
			cur = it
		case ansi.StringWidth(cur)+3+ansi.StringWidth(it) <= room:
			cur += " · " + it
		default:
			rows, cur = append(rows, cur), it
		}
	}
	if cur == "" {
		return ""
	}
	rows = append(rows, cur)
	return s.Label.Render(termtext.Fit(label, 14)) + " " + strings.Join(rows, "\n"+strings.Repeat(" ", 15))
}

// wrapIndent wraps text to width and indents continuation lines.
func wrapIndent(s string, width, indent int) string {
	if width < 10 {
		return s
	}
	w := ansi.Wordwrap(s, width, " ")
	w = ansi.Hardwrap(w, width, true)
	return strings.ReplaceAll(w, "\n", "\n"+strings.Repeat(" ", indent))
}

// lines joins non-empty lines.
func lines(parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// ago is how long ago a day was, in words for a line: "today", "3d ago",
// "17mo ago".
func ago(d, today model.Date) string {
	a := model.Age(d, today)
	if a == "today" || a == "never" || strings.HasPrefix(a, "in ") {
		return a
	}
	return a + " ago"
}

// newInput returns a one-line text input with a steady cursor (a blinking
// one redraws the screen twice a second for nothing) and a placeholder
// that cannot be taken for a value.
func newInput(st Styles) textinput.Model {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.PlaceholderStyle = st.Placeholder
	return in
}
