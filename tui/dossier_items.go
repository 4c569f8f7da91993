package tui

import (
	"strings"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// A dossier is read and moved in: its people, briefs, follow-ups, notes and
// touches are items the cursor rests on (j/k), enter opens in their pane,
// and e, D and P edit, delete and pin. Sections draw dlines, each saying
// which item it belongs to; a dpage is the drawn dossier, composed with
// the cursor's item highlighted.

// dItem is something in a dossier the cursor can rest on.
type dItem struct {
	kind  store.HitKind
	id    int64
	note  *model.Note    // a note: e edits it, P pins it, D deletes it
	touch *model.Touch   // a touch: e edits it, D deletes it
	meet  *model.Meeting // a meeting: enter opens its prep sheet
}

// dline is one line of a dossier and the item it belongs to (-1: none).
type dline struct {
	text string
	item int
}

// dsheet collects a dossier's items as its sections are drawn, in the
// order the cursor visits them.
type dsheet struct{ items []dItem }

// add registers an item and returns its index for its lines.
func (s *dsheet) add(it dItem) int {
	s.items = append(s.items, it)
	return len(s.items) - 1
}

// plain is lines that belong to no item.
func plain(ls ...string) []dline {
	out := make([]dline, 0, len(ls))
	for _, l := range ls {
		out = append(out, dline{l, -1})
	}
	return out
}

// of is lines that all belong to item.
func of(item int, ls ...string) []dline {
	out := make([]dline, 0, len(ls))
	for _, l := range ls {
		out = append(out, dline{l, item})
	}
	return out
}

// appendSection adds a section after a blank line (none before the first).
func appendSection(out, sec []dline) []dline {
	if len(sec) == 0 {
		return out
	}
	if len(out) > 0 {
		out = append(out, dline{"", -1})
	}
	return append(out, sec...)
}

// sections joins sections, a blank line between each.
func sections(secs ...[]dline) []dline {
	var out []dline
	for _, s := range secs {
		out = appendSection(out, s)
	}
	return out
}

// dpage is a dossier drawn: head lines across the width, then one column
// (right nil) or two, colW wide each with gap between.
type dpage struct {
	head, left, right []dline
	colW, gap         int
	items             []dItem
}

// dcomposed is a page composed for the screen: its text, which item is
// under each line (in the left and right column), where the right column
// starts, and the first line of the cursor's item (-1: none).
type dcomposed struct {
	text       string
	at         [][2]int
	rightX     int
	cursorLine int
}

// compose draws the page at width w with item cursor highlighted across
// its column.
func (pg dpage) compose(st Styles, w, cursor int) dcomposed {
	var out []string
	c := dcomposed{cursorLine: -1, rightX: w + 1}
	put := func(l dline, width int) string {
		if l.item >= 0 && l.item == cursor {
			return st.onSelection(termtext.Fit(l.text, width))
		}
		return l.text
	}
	mark := func(line int, l dline) {
		if l.item >= 0 && l.item == cursor && c.cursorLine < 0 {
			c.cursorLine = line
		}
	}
	for _, l := range pg.head {
		mark(len(out), l)
		out = append(out, termtext.Clip(put(l, w), w))
		c.at = append(c.at, [2]int{l.item, -1})
	}
	if pg.right == nil {
		for _, l := range pg.left {
			mark(len(out), l)
			out = append(out, termtext.Clip(put(l, w), w))
			c.at = append(c.at, [2]int{l.item, -1})
		}
		c.text = strings.Join(out, "\n")
		return c
	}
	if len(pg.head) > 0 {
		out = append(out, "")
		c.at = append(c.at, [2]int{-1, -1})
	}
	c.rightX = pg.colW + pg.gap
	blank := dline{"", -1}
	for i := range max(len(pg.left), len(pg.right)) {
		l, r := blank, blank
		if i < len(pg.left) {
			l = pg.left[i]
		}
		if i < len(pg.right) {
			r = pg.right[i]
		}
		mark(len(out), l)
		mark(len(out), r)
		out = append(out, termtext.Fit(put(l, pg.colW), pg.colW)+strings.Repeat(" ", pg.gap)+termtext.Clip(put(r, pg.colW), pg.colW))
		c.at = append(c.at, [2]int{l.item, r.item})
	}
	c.text = strings.Join(out, "\n")
	return c
}

// itemAt is the item under a click at x, y of the composed page (-1:
// none).
func (c dcomposed) itemAt(x, y int) int {
	if y < 0 || y >= len(c.at) {
		return -1
	}
	if x >= c.rightX {
		return c.at[y][1]
	}
	return c.at[y][0]
}
