package termtext

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit truncates s (which may hold styles) to width cells, with an
// ellipsis, and pads it with spaces to exactly width.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// Clip truncates s (which may hold styles) to at most width cells, ending
// a cut with an ellipsis; it does not pad.
func Clip(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// Width is how many cells s takes on a terminal, styles not counted.
func Width(s string) int { return ansi.StringWidth(s) }

// Plural is one when n is 1, else many: "1 day", "3 days".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
