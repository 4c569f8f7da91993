package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/termtext"
)

// How a follow-up reads, in a list row and in a detail, the same on Today
// and in Follow-ups.

// shortText is a follow-up's or note's text for a status line.
func shortText(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return "“" + termtext.Clip(termtext.SanitizeLine(strings.TrimSpace(s)), 40) + "”"
}

// dueText is a due day for a sentence: "fri 2026-03-13 15:00".
func dueText(f model.FollowUp) string { return model.DayName(f.DueOn) + " " + f.DueString() }

// followUpDetail describes one follow-up and what it links to.
func followUpDetail(st Styles, f model.FollowUp, today model.Date, w int) string {
	var b strings.Builder
	title := st.Title.Render("Follow-up")
	if f.Kind == model.KindPromise {
		// A promise made to the client: its badge says so, in the warning
		// colour once it is late.
		title = st.badge("promise", "promise to the client")
	}
	if f.Done() {
		title += " " + st.Good.Render("✓ done")
	}
	b.WriteString(title + "\n")
	b.WriteString(wrap(termtext.Sanitize(f.Text), max(w, 10)) + "\n\n")
	due := f.DueString() + " (" + f.DueOn.Relative(today) + ")"
	if f.Done() {
		due = f.DueString() // done: how late it is now says nothing
	}
	recur := ""
	if !f.Recur.IsZero() {
		recur = f.Recur.String() + ", counted from the due date"
		if f.FromCompletion {
			recur = f.Recur.String() + ", counted from completion"
		}
	}
	snoozed := ""
	if f.SnoozedUntil.After(f.DueOn) && !f.Done() {
		snoozed = f.SnoozedUntil.String() + " (" + f.SnoozedUntil.Relative(today) + ")"
	}
	done := ""
	if f.Done() {
		done = f.DoneAt.Local().Format("2006-01-02 15:04")
	}
	created := ""
	if !f.CreatedAt.IsZero() {
		created = f.CreatedAt.Local().Format("2006-01-02")
	}
	b.WriteString(lines(
		st.field("Due", due, w),
		st.field("Snoozed until", snoozed, w),
		st.field("Repeats", recur, w),
		st.field("Done", done, w),
		st.field("Account", f.AccountName, w),
		st.field("Person", f.PersonName, w),
		st.field("Brief", f.BriefTitle, w),
		st.field("Created", created, w),
	) + "\n")
	if f.Kind == model.KindPromise && f.Overdue(today) {
		b.WriteString("\n" + st.Warn.Render("A promise to the client, "+itoa(today.DaysSince(f.AgendaOn()))+" days late.") + "\n")
	}
	return b.String()
}

// fuCells are a follow-up's cells in a list: when it is due (with its
// time), its kind (a promise to the client is marked), its text, and
// whom and which account it is about. Styled; a done one is all muted.
type fuCells struct {
	due, kind, text, person, account string
}

// followUpCells draws f's cells; wide asks for the due time beside the
// day ("fri 15:00"), else only today's time shows, in place of "today".
func followUpCells(st Styles, f model.FollowUp, today model.Date, wide bool) fuCells {
	on := f.AgendaOn()
	due := dueLabel(f, today, wide)
	dueSt := st.Muted
	late := !f.Done() && on.Before(today)
	switch {
	case f.Done():
		due = "✓ " + model.Age(model.DateOf(f.DoneAt.Local()), today)
		if due != "✓ today" && len([]rune(due)) <= 5 {
			due += " ago" // when it fits the column: "✓ 3d ago", "✓ 11mo"
		}
	case late:
		dueSt = st.Overdue
	case on.Equal(today):
		dueSt = st.Warn
	}
	text := termtext.SanitizeLine(f.Text)
	if !f.Recur.IsZero() {
		text += " ↻"
	}
	c := fuCells{due: dueSt.Render(due), text: text,
		person: st.Muted.Render(termtext.SanitizeLine(f.PersonName)), account: st.Muted.Render(termtext.SanitizeLine(f.AccountName))}
	if f.Kind == model.KindPromise {
		c.kind = st.badge("promise", "promise")
		if late {
			c.text = st.Promise.Render(c.text)
		}
	}
	if f.Done() {
		for _, p := range []*string{&c.due, &c.kind, &c.text, &c.person, &c.account} {
			*p = st.Muted.Render(ansi.Strip(*p))
		}
	}
	return c
}

// dueLabel is when a follow-up is due in a list, by the agenda's date
// rules (relDue), with its time when it has one and is not late: "fri
// 15:00". Not wide, a time shows only today, in place of "today".
func dueLabel(f model.FollowUp, today model.Date, wide bool) string {
	on := f.AgendaOn()
	due := on.Relative(today)
	if f.DueTime == "" || f.Done() || on.Before(today) || !on.Equal(f.DueOn) {
		return due // a snoozed one is due on a day, not at the old time
	}
	switch {
	case wide:
		return due + " " + f.DueTime
	case on.Equal(today):
		return f.DueTime
	}
	return due
}

// followUpRow is a follow-up on one line of width cells, as Today lists
// it: due, kind, text, and whom it is about.
func followUpRow(st Styles, f model.FollowUp, today model.Date, width int) string {
	wide := width >= 72 // room for the due time beside the day
	dueW, kindW := 9, 9
	if wide {
		dueW = 14
	}
	c := followUpCells(st, f, today, wide)
	if width < 100 {
		// Short of room: a promise is marked ◆ in a narrow column, so every
		// text still starts in the same place.
		kindW = 1
		if f.Kind == model.KindPromise {
			c.kind = st.Promise.Render("◆")
		}
	}
	about := f.PersonName
	if about == "" {
		about = f.AccountName
	} else if f.AccountName != "" {
		about += ", " + f.AccountName
	}
	line := termtext.Fit(c.due, dueW) + " " + termtext.Fit(c.kind, kindW) + " " + c.text
	if about != "" {
		line += st.Muted.Render(" · " + termtext.SanitizeLine(about))
	}
	return termtext.Clip(line, width)
}

// twoCols puts right at the end of the line, clipping left to make room.
func twoCols(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw+8 > width {
		return termtext.Clip(left+"  "+right, width)
	}
	return termtext.Fit(left, width-rw-1) + " " + right
}

// linkOf is what a follow-up planned from f links to: the same account,
// person and brief.
func linkOf(f model.FollowUp) subject {
	s := subject{accountID: f.AccountID, personID: f.PersonID, briefID: f.BriefID, name: f.AccountName}
	if f.PersonName != "" {
		s.name = f.PersonName
	}
	return s
}
