package tui

import (
	"strings"

	"rapport/termtext"
)

// A list's columns: a header row names them, and the list adds columns as
// its width allows. Fixed columns keep their width; flexible ones (a
// name, a title) share what is left by weight, each up to its most.

// column is one column of a list.
type column struct {
	title string
	width int  // cells; 0: flexible
	flex  int  // a flexible column's share of the room left
	least int  // a flexible column's fewest cells
	most  int  // a flexible column's most cells (0: no limit)
	right bool // numbers line up on the right
	from  int  // shown once the row is this wide (0: always)
	key   bool // the column the list is sorted by: marked in the header
}

// table is a list's columns, in order.
type table []column

// widths lays the columns into w cells with one space between them:
// the cells of each (0: not shown at this width).
func (cs table) widths(w int) []int {
	out := make([]int, len(cs))
	shown := 0
	fixed, least := 0, 0
	for i, c := range cs {
		if c.from > w {
			continue
		}
		out[i] = -1 // shown, width to come
		shown++
		if c.width > 0 {
			fixed += c.width
		} else {
			least += c.least
		}
	}
	room := w - fixed - max(shown-1, 0)
	// Too narrow for every flexible column's least: the optional columns
	// go, widest first.
	for i := len(cs) - 1; room < least && i >= 0; i-- {
		if out[i] != 0 && cs[i].from > 0 {
			out[i] = 0
			if cs[i].width > 0 {
				room += cs[i].width + 1
			} else {
				least -= cs[i].least
				room++
			}
		}
	}
	// Flexible columns: each its least, then the rest by weight, each up
	// to its most; what a capped one cannot take goes to the others.
	left := room
	weight := 0
	for i, c := range cs {
		switch {
		case out[i] == 0:
		case c.width > 0:
			out[i] = c.width
		default:
			out[i] = c.least
			left -= c.least
			weight += c.flex
		}
	}
	for left > 0 && weight > 0 {
		given, nextWeight := 0, 0
		for i, c := range cs {
			if out[i] == 0 || c.width > 0 || c.flex == 0 || (c.most > 0 && out[i] >= c.most) {
				continue
			}
			add := max(left*c.flex/weight, 1)
			if c.most > 0 {
				add = min(add, c.most-out[i])
			}
			add = min(add, left-given)
			out[i] += add
			given += add
			if c.most == 0 || out[i] < c.most {
				nextWeight += c.flex
			}
		}
		if given == 0 {
			break
		}
		left -= given
		weight = nextWeight
	}
	return out
}

// line joins a row's cells at the widths: each fitted to its column,
// numbers right-aligned.
func (cs table) line(ws []int, cells ...string) string {
	var b strings.Builder
	first := true
	for i, c := range cs {
		if ws[i] <= 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		cell := ""
		if i < len(cells) {
			cell = cells[i]
		}
		if c.right {
			cell = termtext.Clip(cell, ws[i])
			cell = strings.Repeat(" ", ws[i]-termtext.Width(cell)) + cell
		} else {
			cell = termtext.Fit(cell, ws[i])
		}
		b.WriteString(cell)
	}
	return b.String()
}

// header is the row naming the columns at width w (after the two cells
// of the selection marker), the sort column marked ▾.
func (cs table) header(st Styles, w int) string {
	ws := cs.widths(max(w-2, 1))
	titles := make([]string, len(cs))
	for i, c := range cs {
		titles[i] = c.title
		if c.key {
			titles[i] += "▾"
		}
	}
	return st.ColumnHead.Render(termtext.Fit("  "+cs.line(ws, titles...), w))
}
