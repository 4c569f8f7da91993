package tui

import (
	"fmt"
	"slices"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// Sections both dossiers draw, each a heading and a line an item, at most
// w cells wide.

// touchesSection lists the latest touches, newest first; each is an item
// (e edits it, D deletes it).
func touchesSection(st Styles, sh *dsheet, title string, touches []model.Touch, w, limit int) []dline {
	if len(touches) == 0 {
		return nil
	}
	out := plain(st.Heading.Render(title))
	for i, t := range touches {
		if i == limit {
			break
		}
		touch := t
		line := termtext.Clip("  "+st.Muted.Render(t.On.String()+" "+termtext.Fit(string(t.Kind), 11))+" "+termtext.SanitizeLine(t.Summary), w)
		out = append(out, of(sh.add(dItem{kind: store.HitTouch, id: t.ID, touch: &touch}), line)...)
	}
	return out
}

// followUpsSection lists open follow-ups (the first of total): those due
// today first, by their time, then the late ones, then the rest by day;
// with their time and a promise marked. It says how many more the
// Follow-ups pane holds.
func followUpsSection(c *common, sh *dsheet, fus []model.FollowUp, total, w, limit int) []dline {
	st := c.styles
	if len(fus) == 0 {
		return nil
	}
	today := c.today()
	order := func(f model.FollowUp) int {
		switch on := f.AgendaOn(); {
		case on.Equal(today):
			return 0
		case on.Before(today):
			return 1
		}
		return 2
	}
	sorted := slices.Clone(fus)
	slices.SortStableFunc(sorted, func(a, b model.FollowUp) int {
		if oa, ob := order(a), order(b); oa != ob {
			return oa - ob
		}
		if order(a) == 0 && a.DueTime != b.DueTime {
			if a.DueTime == "" {
				return 1 // a time of day first, then "some time today"
			}
			if b.DueTime == "" {
				return -1
			}
			if a.DueTime < b.DueTime {
				return -1
			}
			return 1
		}
		return 0
	})
	out := plain(st.Heading.Render("Open follow-ups"))
	for _, f := range sorted[:min(limit, len(sorted))] {
		out = append(out, of(sh.add(dItem{kind: store.HitFollowUp, id: f.ID}), termtext.Clip("  "+followUpLine(f, st, today, w-2), w))...)
	}
	if more := total - min(limit, len(fus)); more > 0 {
		out = append(out, plain(st.Muted.Render(fmt.Sprintf("  … and %d more in Follow-ups (%s)", more, keyName(keyMap.global.Pane5))))...)
	}
	return out
}

// followUpLine is one follow-up in a dossier: when it is due (with its
// time), a promise marked, its text.
func followUpLine(f model.FollowUp, st Styles, today model.Date, w int) string {
	c := followUpCells(st, f, today, true)
	kind := ""
	if f.Kind == model.KindPromise {
		kind = st.Promise.Render("promise ")
	}
	return termtext.Fit(c.due, 14) + " " + kind + termtext.Clip(c.text, max(w-15-termtext.Width(kind), 8))
}
