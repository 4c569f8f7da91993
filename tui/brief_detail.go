package tui

import (
	"fmt"
	"strings"

	"rapport/model"
	"rapport/termtext"
)

// The brief as the Briefs pane's detail draws it, and the words it uses.

// renderBrief draws the brief readably: the why first, as its heart.
func (p *briefsPane) renderBrief(b model.Brief) string {
	st, today := p.c.styles, p.c.today()
	w := max(p.b.detailWidth()-2, 20)
	text := func(s string) string { return "  " + wrapIndent(termtext.Sanitize(strings.TrimSpace(s)), w-2, 2) }
	none := func(what string) string { return st.Muted.Render("  " + what) }
	var s strings.Builder
	line := func(parts ...string) {
		s.WriteString(strings.Join(parts, ""))
		s.WriteByte('\n')
	}

	line(st.Title.Render(wrapIndent(termtext.SanitizeLine(b.Title), w, 0)))
	meta := termtext.SanitizeLine(b.AccountName) + st.Muted.Render(" · ") + st.Cursor.Render(string(b.Stage))
	if !b.ArchivedAt.IsZero() {
		meta += st.Muted.Render(" · archived")
	}
	line(meta)
	days := b.DaysInStage(today)
	since := "in this stage for " + briefDays(days) + " (since " + b.StageDay().String() + ")"
	if days == 0 {
		since = "in this stage since today (" + b.StageDay().String() + ")"
	}
	line(st.Muted.Render(since))
	if b.Stage.Open() && b.Stalled(today) {
		line(st.Warn.Render(fmt.Sprintf("⚑ stalled: more than %d days is long for %s", model.StalledAfter(b.Stage), b.Stage)))
	}
	if !b.TargetOn.IsZero() {
		d := b.TargetOn.DaysSince(today)
		rel := daysFrom(d)
		ts := st.Muted
		if d < 0 && b.Stage.Open() {
			ts = st.Overdue
		}
		line(st.Label.Render("target "), b.TargetOn.String(), ts.Render(" ("+rel+")"))
	}
	if b.Stage == model.StageDropped && len(b.History) > 0 {
		if n := b.History[len(b.History)-1].Note; n != "" {
			line(st.Warn.Render("dropped: "), wrapIndent(termtext.SanitizeLine(n), w-9, 9))
		}
	}

	// The checks: in the checks stage they come first, since signing them
	// is the work of that stage.
	checks := func() {
		line()
		note := ""
		switch pending := len(b.PendingChecks()); {
		case b.Stage.Index() < model.StageChecks.Index():
			note = " — needed before activate"
		case b.Stage == model.StageChecks && pending > 0:
			note = " — " + itoa(pending) + " to sign or mark not needed (c)"
		case b.Stage == model.StageChecks:
			note = " — all clear: > activates"
		}
		line(st.Heading.Render("Checks"), st.Muted.Render(note))
		for _, k := range model.CheckKinds {
			ck := b.Check(k)
			var mark, state string
			switch ck.State {
			case model.CheckSigned:
				mark, state = st.Good.Render("✓"), "signed"
				if ck.By != "" {
					state += " by " + termtext.SanitizeLine(ck.By)
				}
			case model.CheckNotNeeded:
				mark, state = st.Muted.Render("–"), "not needed"
			default:
				mark, state = st.Warn.Render("○"), "pending"
			}
			if !ck.On.IsZero() && ck.State != model.CheckPending {
				state += st.Muted.Render(" · " + ck.On.String())
			}
			line(termtext.Clip("  "+mark+" "+termtext.Fit(string(k), 12)+state, w))
		}
	}
	if b.Stage == model.StageChecks {
		checks()
	}

	line()
	line(st.Heart.Render("♥ Why"))
	if strings.TrimSpace(b.Why) == "" {
		line(st.Warn.Render("  " + wrapIndent("not written yet — the why carries the brief; "+keyName(keyMap.list.Edit)+" to write it", w-2, 2)))
	} else {
		line(text(b.Why))
	}

	section := func(label, v string) {
		line()
		line(st.Heading.Render(label))
		if strings.TrimSpace(v) == "" {
			line(none("—"))
			return
		}
		line(text(v))
	}
	line()
	line(st.Heading.Render("Who"))
	if len(b.People) > 0 {
		names := make([]string, len(b.People))
		for i, bp := range b.People {
			names[i] = termtext.SanitizeLine(bp.Name)
		}
		line("  ", wrapIndent(strings.Join(names, ", "), w-2, 2))
	}
	if strings.TrimSpace(b.Who) != "" {
		line(text(b.Who))
	} else if len(b.People) == 0 {
		line(none("—"))
	}
	section("What", b.What)
	section("Where", b.Where)
	section("When", b.When)
	if strings.TrimSpace(b.ValueClient) != "" || strings.TrimSpace(b.ValueUs) != "" {
		section("Value to the client", b.ValueClient)
		section("Value to us", b.ValueUs)
	}

	c := b.Completeness()
	line()
	// One dot a part, so the dots and the count agree.
	parts := st.Bar.Render(strings.Repeat("●", c.Done)) + st.BarEmpty.Render(strings.Repeat("○", max(c.Total-c.Done, 0)))
	line(st.Heading.Render("Completeness "), parts, st.Muted.Render(fmt.Sprintf(" %d of %d", c.Done, c.Total)))
	if gaps := briefGaps(c); gaps != "" {
		line(st.Warn.Render("  " + wrapIndent(gaps, w-2, 2)))
	} else {
		line(st.Good.Render("  every W written, everyone framed"))
	}

	if b.Stage != model.StageChecks {
		checks()
	}

	if len(b.People) > 0 {
		line()
		line(st.Heading.Render("Framing"))
		for _, bp := range b.People {
			who := "  " + termtext.SanitizeLine(bp.Name)
			if bp.Title != "" {
				who += st.Muted.Render(", " + termtext.SanitizeLine(bp.Title))
			}
			if bp.Role != "" {
				who += " " + st.badge(string(bp.Role), string(bp.Role))
			}
			line(who)
			if strings.TrimSpace(bp.Framing) == "" {
				line(st.Warn.Render("    no framing yet — " + keyName(keyMap.list.Edit) + " to write how to present it to them"))
			} else {
				line("    " + wrapIndent(termtext.Sanitize(strings.TrimSpace(bp.Framing)), w-4, 4))
			}
		}
	}

	if len(b.History) > 0 {
		line()
		line(st.Heading.Render("Stage history"))
		for i, h := range b.History {
			at := model.DateOf(h.At)
			step := string(h.To)
			if h.From != "" {
				step = string(h.From) + " → " + string(h.To)
			} else {
				step = "started in " + step
			}
			after := ""
			if i > 0 {
				after = st.Muted.Render(" after " + briefDays(at.DaysSince(model.DateOf(b.History[i-1].At))))
			}
			l := "  " + st.Muted.Render(at.String()) + "  " + step + after
			if h.Note != "" {
				l += st.Muted.Render(" — ") + termtext.SanitizeLine(h.Note)
			}
			line(wrapIndent(l, w-14, 14)) // under its date
		}
	}
	return s.String()
}

// briefGaps says what is missing: "missing: where, when · thin: what · no
// framing for Dana".
func briefGaps(c model.Completeness) string {
	var parts []string
	if len(c.Missing) > 0 {
		parts = append(parts, "missing: "+strings.Join(c.Missing, ", "))
	}
	if len(c.Thin) > 0 {
		parts = append(parts, "thin: "+strings.Join(c.Thin, ", "))
	}
	if len(c.Unframed) > 0 {
		names := make([]string, len(c.Unframed))
		for i, n := range c.Unframed {
			names[i] = termtext.SanitizeLine(n)
		}
		parts = append(parts, "no framing for "+strings.Join(names, ", "))
	}
	return strings.Join(parts, " · ")
}

// briefStageShort names a stage in at most eight cells.
func briefStageShort(s model.Stage) string {
	switch s {
	case model.StageUnderstand:
		return "needs"
	case model.StageDetermine:
		return "solution"
	}
	return string(s)
}

// briefAnd joins names as a sentence does: "a, b and c".
func briefAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func briefWords(n int) string {
	if n == 1 {
		return "1 word"
	}
	return itoa(n) + " words"
}

// daysFrom says how far a day d days from today is: "today", "in 3 days",
// "3 days ago".
func daysFrom(d int) string {
	switch {
	case d > 0:
		return "in " + briefDays(d)
	case d < 0:
		return briefDays(-d) + " ago"
	}
	return "today"
}

func briefDays(n int) string {
	if n == 1 {
		return "1 day"
	}
	return itoa(n) + " days"
}
