package tui

import (
	"fmt"

	"rapport/model"
	"rapport/termtext"
)

// Sections both dossiers draw, each a heading and a line an item, at most
// w cells wide.

// touchesSection lists the latest touches, newest first.
func touchesSection(st Styles, title string, touches []model.Touch, w, limit int) []string {
	if len(touches) == 0 {
		return nil
	}
	out := []string{st.Heading.Render(title)}
	for i, t := range touches {
		if i == limit {
			break
		}
		out = append(out, termtext.Clip("  "+st.Muted.Render(t.On.String()+" "+termtext.Fit(string(t.Kind), 11))+" "+termtext.SanitizeLine(t.Summary), w))
	}
	return out
}

// followUpsSection lists open follow-ups by due day (the first of total),
// and how many more the Follow-ups pane holds.
func followUpsSection(c *common, fus []model.FollowUp, total, w, limit int) []string {
	st := c.styles
	if len(fus) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Open follow-ups")}
	for _, f := range fus[:min(limit, len(fus))] {
		out = append(out, termtext.Clip("  "+followUpLine(f, st, c.today(), w-2), w))
	}
	if more := total - min(limit, len(fus)); more > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more in Follow-ups (%s)", more, keyName(keyMap.global.Pane5))))
	}
	return out
}
