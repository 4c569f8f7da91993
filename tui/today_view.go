package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/termtext"
)

// Drawing Today: the summary, the list of sections and the detail of the
// selected item.

// todaySummary is the agenda in at most two lines of width cells, most
// urgent first (model.Agenda.SummaryParts); what does not fit is left off
// from the end, with "…" (the sections below show it all).
func todaySummary(a *model.Agenda, width int) []string {
	if a.Empty() {
		return []string{termtext.Clip(a.Summary(), width)}
	}
	parts := a.SummaryParts()
	if a.Clear() {
		parts = append([]string{"Today is clear"}, parts...) // what is left can wait
	}
	var lines [][]string
	for _, part := range parts {
		n := len(lines) - 1
		if n >= 0 && lipgloss.Width(strings.Join(append(lines[n], part), " · ")) <= width {
			lines[n] = append(lines[n], part)
			continue
		}
		lines = append(lines, []string{part})
	}
	if len(lines) > 2 {
		last := lines[1]
		for len(last) > 1 && lipgloss.Width(strings.Join(last, " · ")+" · …") > width {
			last = last[:len(last)-1]
		}
		lines = [][]string{lines[0], append(last, "…")}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = termtext.Clip(strings.Join(l, " · "), width)
	}
	return out
}

// summaryLines is how many lines the summary takes at the top.
func (p *todayPane) summaryLines() int {
	if p.agenda == nil || p.err != nil {
		return 1
	}
	return len(todaySummary(p.agenda, p.width))
}

// listWidth leaves the detail the larger part on a wide terminal.
func (p *todayPane) narrow() bool { return p.width < 100 }

func (p *todayPane) listWidth() int {
	if p.narrow() {
		return p.width
	}
	return max(p.width/2, 40)
}

func (p *todayPane) detailWidth() int { return max(p.width-p.listWidth()-3, 10) }

func (p *todayPane) View() string {
	if p.ed.active() {
		return p.ed.ed.form.view()
	}
	st := p.c.styles
	if p.height <= 0 || p.width <= 0 {
		return ""
	}
	if p.prep.active() {
		return p.prep.view(p.width, p.height)
	}
	var summary string
	switch {
	case p.err != nil:
		summary = st.StatusErr.Render("Could not read the agenda: " + errText(p.err))
	case p.agenda == nil:
		summary = st.Muted.Render("Reading today's agenda…")
	default:
		// The summary comes first; the day goes at the right when there is room.
		t := p.agenda.Today
		day := t.Weekday().String()[:3] + " " + t.Short(t)
		lines := todaySummary(p.agenda, p.width)
		placed := false
		for i, l := range lines {
			if i > 0 {
				summary = termtext.Fit(summary, p.width) + "\n"
			}
			summary += st.Heading.Render(l)
			if gap := p.width - lipgloss.Width(l) - lipgloss.Width(day); !placed && gap >= 2 {
				summary += strings.Repeat(" ", gap) + st.Muted.Render(day) // on the first line with room
				placed = true
			}
		}
	}
	bodyH := p.height - p.summaryLines()
	var body string
	switch {
	case bodyH <= 0:
	case p.agenda != nil && len(p.items) == 0:
		empty := "All clear — nothing due, nobody waiting. Press " + keyName(keyMap.list.FollowUp) + " to plan a follow-up."
		if p.emptyBook {
			empty = "Welcome to rapport. Nothing here yet — press " + keyName(keyMap.global.Pane2) + " then " + keyName(keyMap.list.New) + " to add your first account, " +
				"or quit and run `rapport demo` to explore with sample data."
		}
		body = padLines(st.Empty.Width(p.width).Render(empty), p.width, bodyH)
	default:
		lw := p.listWidth()
		list := padLines(p.listView(lw, bodyH), lw, bodyH)
		if p.narrow() {
			body = list
		} else {
			dw := p.detailWidth()
			det := padLines(p.detailView(dw), dw, bodyH)
			sep := st.Border.Render(strings.Repeat("│\n", bodyH-1) + "│")
			body = lipgloss.JoinHorizontal(lipgloss.Top, list, " ", sep, " ", det)
		}
	}
	out := padLines(summary, p.width, p.summaryLines())
	if bodyH > 0 {
		out += "\n" + body
	}
	if p.ask != nil {
		return replaceLastLine(out, st.Warn.Render(termtext.Fit(p.ask.view(), p.width)))
	}
	return p.acts.view(out, p.width)
}

// selRow is the row index of the selection.
func (p *todayPane) selRow() int {
	if len(p.items) == 0 {
		return 0
	}
	return p.items[p.sel]
}

// settle scrolls the list to keep the selection and its section's heading
// in view (when there is room), under the summary, with no blank rows at
// the bottom while rows above are hidden — after a resize too. It runs
// after each change, so that View only draws.
func (p *todayPane) settle() {
	height := p.height - p.summaryLines()
	if len(p.rows) == 0 || height <= 0 {
		p.top = 0
		return
	}
	selRow := p.selRow()
	head := selRow
	for head > 0 && p.rows[head].heading == "" {
		head--
	}
	want := selRow
	if selRow-head < height {
		want = head // the section's heading shows above its items
	}
	if want < p.top {
		p.top = want
	}
	if selRow >= p.top+height {
		p.top = selRow - height + 1
	}
	p.top = max(min(p.top, len(p.rows)-height), 0)
}

// listView renders the rows that fit from the top settle chose.
func (p *todayPane) listView(width, height int) string {
	if len(p.rows) == 0 {
		return ""
	}
	selRow := p.selRow()
	top := min(p.top, len(p.rows)-1)
	st := p.c.styles
	today := p.c.today()
	var b strings.Builder
	for i := top; i < len(p.rows) && i < top+height; i++ {
		if i > top {
			b.WriteByte('\n')
		}
		r := p.rows[i]
		if r.heading != "" {
			b.WriteString(termtext.Fit(st.Heading.Render(r.heading), width))
			continue
		}
		text := p.rowText(r, width-2, today)
		b.WriteString(st.row(text, width, i == selRow))
	}
	return b.String()
}

// rowText is one item's line, without the selection marker.
func (p *todayPane) rowText(r todayRow, width int, today model.Date) string {
	st := p.c.styles
	switch {
	case r.meeting != nil:
		m := r.meeting
		// Its time and title, who is in it; at the right its account, or
		// that it is over and not debriefed.
		left := m.Hours(time.Local) + "  " + termtext.SanitizeLine(m.Title)
		if who := m.WithoutOwn(p.c.own).Who(); who != "" {
			left += st.Muted.Render(" · " + termtext.SanitizeLine(who))
		}
		right := st.Muted.Render(termtext.Clip(termtext.SanitizeLine(m.AccountName), max(width/4, 8)))
		switch {
		case m.NeedsDebrief(p.c.now()):
			right = st.Warn.Render("to debrief")
		case m.Debriefed():
			right = st.Good.Render("debriefed")
		}
		return twoCols(left, right, width)
	case r.fu != nil:
		return followUpRow(st, *r.fu, today, width)
	case r.person != nil:
		pe := r.person
		// Short, so the name and account keep their room; the cadence
		// and the last touch are in the detail.
		over := model.DaysOverdue(pe.TouchDueOn, today)
		right := fmt.Sprintf("%dd over", over)
		if over == 0 {
			right = "due today"
		}
		if pe.LastTouchOn.IsZero() {
			right = "never touched · " + right
		}
		return twoCols(termtext.SanitizeLine(pe.Name)+st.Muted.Render(" · "+termtext.SanitizeLine(pe.AccountName)), st.Warn.Render(right), width)
	case r.note != nil:
		n := r.note
		who := n.PersonName
		if who == "" {
			who = n.AccountName
		}
		first := strings.TrimSpace(n.Text)
		if i := strings.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
		return termtext.SanitizeLine(who) + ": " + st.Muted.Render(termtext.SanitizeLine(first))
	case r.bday != nil:
		bd := r.bday
		n := bd.DaysUntil(today)
		when := fmt.Sprintf("in %d days", n)
		switch n {
		case 0:
			when = "today!"
		case 1:
			when = "tomorrow"
		}
		left := termtext.SanitizeLine(bd.Person.Name) + st.Muted.Render(" · "+termtext.SanitizeLine(bd.Person.AccountName))
		return twoCols(left, bd.On.Short(today)+"  "+st.Warn.Render(when), width)
	case r.brief != nil:
		br := r.brief
		days := br.DaysInStage(today)
		return twoCols(termtext.SanitizeLine(br.Title)+st.Muted.Render(" · "+termtext.SanitizeLine(br.AccountName)),
			st.Muted.Render(string(br.Stage)+" ")+st.Warn.Render(fmt.Sprintf("%dd", days)), width)
	case r.risks != nil:
		ar := r.risks
		n := model.RiskCount(ar.Risks)
		left := termtext.SanitizeLine(ar.Account.Name) + st.Muted.Render(" · "+string(ar.Risks[0].Kind))
		return twoCols(left, st.Warn.Render(fmt.Sprintf("%d %s", n, termtext.Plural(n, "risk", "risks"))), width)
	}
	return ""
}

// detailView shows the selected item in context.
func (p *todayPane) detailView(w int) string {
	r, ok := p.selected()
	if !ok {
		return ""
	}
	st := p.c.styles
	today := p.c.today()
	switch {
	case r.meeting != nil:
		d := p.detail
		hint := st.Muted.Render(keyName(p.keys.Open) + " opens the prep sheet; " + keyName(p.item.Touch) + " debriefs the meeting.")
		switch {
		case d.id != r.meeting.ID || (d.prep == nil && d.err == nil):
			return st.Title.Render(termtext.SanitizeLine(r.meeting.Title)) + "\n" + st.Muted.Render("reading the prep sheet…")
		case d.err != nil:
			return st.StatusErr.Render("Could not read the prep sheet: "+errText(d.err)) + "\n" + hint
		}
		return hint + "\n" + prepText(st, *d.prep, w, time.Local)
	case r.fu != nil:
		return followUpDetail(st, *r.fu, today, w)
	case r.person != nil:
		return personDetail(st, *r.person, today, w)
	case r.bday != nil:
		bd := r.bday
		head := st.Title.Render("Birthday") + "  " + bd.On.String()
		n := bd.DaysUntil(today)
		when := fmt.Sprintf("in %d days", n)
		if n == 0 {
			when = "today"
		}
		age := ""
		if bd.Person.Birthday.Year != 0 {
			age = fmt.Sprintf("turns %d", bd.On.Year()-bd.Person.Birthday.Year)
		}
		return head + " " + st.Warn.Render(when) + "\n" + lines(st.field("Age", age, w)) + "\n" + personDetail(st, bd.Person, today, w)
	case r.note != nil:
		n := r.note
		var b strings.Builder
		b.WriteString(st.Title.Render("Ask about") + " " + st.Muted.Render(string(n.Kind)+" note") + "\n")
		b.WriteString(lines(
			st.field("Person", n.PersonName, w),
			st.field("Account", n.AccountName, w),
			st.field("Noted", n.On.String(), w),
			st.field("Ask after", n.AskAfter.String()+" ("+model.Age(n.AskAfter, today)+" ago)", w),
		) + "\n\n")
		b.WriteString(wrap(termtext.Sanitize(n.Text), max(w, 10)) + "\n\n")
		b.WriteString(st.Muted.Render(keyName(keyMap.followUp.Done) + " marks it asked; " + keyName(keyMap.item.Touch) + " logs the conversation."))
		return b.String()
	case r.brief != nil:
		br := r.brief
		days := br.DaysInStage(today)
		var b strings.Builder
		b.WriteString(st.Title.Render(termtext.SanitizeLine(br.Title)) + "\n")
		b.WriteString(lines(
			st.field("Account", br.AccountName, w),
			st.field("Stage", string(br.Stage), w),
			st.field("In stage", fmt.Sprintf("%d days (since %s)", days, br.StageDay()), w),
			st.field("Stalls after", fmt.Sprintf("%d days in this stage", model.StalledAfter(br.Stage)), w),
		) + "\n\n")
		b.WriteString(st.Muted.Render(keyName(keyMap.today.Open) + " opens the brief; " + keyName(keyMap.list.FollowUp) + " plans a follow-up on it."))
		return b.String()
	case r.risks != nil:
		return risksDetail(st, *r.risks, w)
	}
	return ""
}

// risksDetail is an account's coverage risks as Today shows them: each
// risk and its reason, whole.
func risksDetail(st Styles, ar model.AccountRisks, w int) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(termtext.SanitizeLine(ar.Account.Name)) + "  " + st.Muted.Render(string(ar.Account.Tier)+" · coverage risks") + "\n\n")
	for _, r := range ar.Risks {
		b.WriteString(st.Warn.Render("⚠ "+string(r.Kind)) + "\n")
		for _, l := range strings.Split(wrap(termtext.SanitizeLine(r.Reason), max(w-2, 10)), "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render(wrap(keyName(keyMap.item.Map)+" opens the relationship map; "+keyName(keyMap.today.Open)+" opens the account; "+
		keyName(keyMap.list.FollowUp)+" plans a follow-up on it.", max(w, 10))))
	return b.String()
}

// personDetail is a person as Today shows them: enough for a call.
func personDetail(st Styles, pe model.Person, today model.Date, w int) string {
	var b strings.Builder
	title := st.Title.Render(termtext.SanitizeLine(pe.Name))
	if pe.Role != "" {
		title += " " + st.badge(string(pe.Role), string(pe.Role))
	}
	b.WriteString(title + "\n")
	cad := pe.Cadence(pe.AccountTier)
	cadence := fmt.Sprintf("every %d days", cad)
	if pe.CadenceDays == 0 {
		cadence += " (" + string(pe.AccountTier) + " default)"
	}
	due := ""
	if !pe.TouchDueOn.IsZero() {
		over := model.DaysOverdue(pe.TouchDueOn, today)
		switch {
		case over > 0:
			due = fmt.Sprintf("%s — %d days over", pe.TouchDueOn, over)
		case over == 0:
			due = pe.TouchDueOn.String() + " — today"
		default:
			due = fmt.Sprintf("%s — in %d days", pe.TouchDueOn, -over)
		}
	}
	b.WriteString(lines(
		st.field("Title", pe.Title, w),
		st.field("Account", pe.AccountName, w),
		st.field("Last touch", model.Age(pe.LastTouchOn, today)+lastOn(pe.LastTouchOn), w),
		st.field("Cadence", cadence, w),
		st.field("Touch due", due, w),
		st.field("Channel", pe.PreferredChannel, w),
		st.field("Likes info", pe.ReceiveInfo, w),
		st.field("Needs to show", pe.NeedsToShow, w),
		st.field("Phone", pe.Phone, w),
		st.field("Email", pe.Email, w),
		st.field("Location", pe.Location, w),
		st.field("Birthday", pe.Birthday.String(), w),
	))
	return b.String()
}

func lastOn(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return " (" + d.String() + ")"
}
