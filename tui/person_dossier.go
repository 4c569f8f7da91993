package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The person dossier: the 30-second lookup before a meeting, as the People
// pane's detail shows it.

// personDossier is everything the detail side shows about one person.
type personDossier struct {
	person        model.Person
	boss          *model.Person
	reports       []model.Person // the first of them, by name
	reportCount   int            // all of them
	notes         []model.Note
	touches       []model.Touch
	followUps     []model.FollowUp
	followUpCount int             // all the open ones
	briefs        []model.Brief   // the first open ones (store.PersonBriefs)
	briefCount    int             // all of them
	meetings      []model.Meeting // the next few, from today on
	sways         []model.Person  // whom they sway outside the reporting line (the first dossierReports+1)
	swayedBy      []model.Person  // who sways them (likewise)
}

// dossierMeetings is how many coming meetings a dossier lists.
const dossierMeetings = 3

// startOfDay is the first instant of t's day, where t is.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// meetingsSection lists the coming meetings, each an item: enter opens its
// prep sheet.
func meetingsSection(c *common, sh *dsheet, ms []model.Meeting, w int) []dline {
	if len(ms) == 0 {
		return nil
	}
	st, now := c.styles, c.now()
	today := model.DateOf(now)
	out := plain(st.Heading.Render("Meetings"))
	for _, m := range ms {
		day := m.Day(now.Location()).Relative(today)
		when := termtext.Fit(day+" "+m.Hours(now.Location()), 20)
		line := "  " + st.Muted.Render(when) + " " + termtext.SanitizeLine(m.Title)
		meet := m
		out = append(out, of(sh.add(dItem{kind: store.HitMeeting, id: m.ID, meet: &meet}), termtext.Clip(line, w))...)
	}
	return out
}

// dossierReports is how many of a person's reports the dossier reads: the
// most it lists before "… and N more".
const dossierReports = 10

// readPersonDossier reads everything the dossier shows of one person.
func readPersonDossier(st Store, now func() time.Time) func(ctx ctxT, id int64) (*personDossier, error) {
	return func(ctx ctxT, id int64) (*personDossier, error) {
		d := &personDossier{}
		var err error
		if d.person, err = st.Person(ctx, id); err != nil {
			return nil, err
		}
		if d.person.ReportsToID != 0 {
			boss, err := st.Person(ctx, d.person.ReportsToID)
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				return nil, err
			}
			if err == nil && !boss.Archived() { // an archived boss is off the chart
				d.boss = &boss
			}
		}
		mine := store.PersonFilter{ReportsTo: id}
		rp, err := st.People(ctx, mine, store.PageReq{Limit: dossierReports})
		if err != nil {
			return nil, err
		}
		d.reports, d.reportCount = rp.Items, len(rp.Items)
		if d.reportCount == dossierReports {
			if d.reportCount, err = st.CountPeople(ctx, mine); err != nil {
				return nil, err
			}
		}
		if d.sways, d.swayedBy, err = st.InfluenceNames(ctx, id, dossierReports+1); err != nil {
			return nil, err
		}
		if d.meetings, err = st.PersonMeetings(ctx, id, startOfDay(now()), dossierMeetings); err != nil {
			return nil, err
		}
		np, err := st.Notes(ctx, store.NoteFilter{PersonID: id}, store.PageReq{Limit: 12})
		if err != nil {
			return nil, err
		}
		d.notes = np.Items
		tp, err := st.Touches(ctx, store.TouchFilter{PersonID: id}, store.PageReq{Limit: 5})
		if err != nil {
			return nil, err
		}
		d.touches = tp.Items
		const fewFollowUps = 8 // the first few, and when there are more, how many
		fp, err := st.FollowUps(ctx, store.FollowUpFilter{PersonID: id}, store.PageReq{Limit: fewFollowUps})
		if err != nil {
			return nil, err
		}
		d.followUps, d.followUpCount = fp.Items, len(fp.Items)
		if d.followUpCount == fewFollowUps {
			if d.followUpCount, err = st.CountFollowUps(ctx, store.FollowUpFilter{PersonID: id}); err != nil {
				return nil, err
			}
		}
		if d.briefs, err = st.PersonBriefs(ctx, id); err != nil {
			return nil, err
		}
		d.briefCount = len(d.briefs)
		if d.briefCount == store.PersonBriefsLimit {
			d.briefCount, err = st.CountBriefs(ctx, store.BriefFilter{PersonID: id, Open: true})
		}
		return d, err
	}
}

// renderDossier is the 30-second lookup, in the order it is read: who
// they are and whether a call is due; what to open with, what is open to
// them and the framing for the briefs they are on; how they like to hear
// things; then the history and the background (reach, location, career).
// Focused on a wide terminal it spreads over two columns, so everything
// fits one screen (120×35); beside the list it is one scrolling column.
func (p *peoplePane) renderDossier(d *personDossier) dpage {
	st := p.c.styles
	v := d.person
	w := p.b.detailWidth() - 1
	today := p.c.today()
	cols := p.b.wide() && w >= 100
	var sh dsheet
	title := st.Title.Render(termtext.SanitizeLine(v.Name))
	if v.Role != "" {
		title += " " + st.badge(string(v.Role), string(v.Role))
	}
	if v.Archived() {
		title += st.Muted.Render(" archived")
	}
	// The account line is an item: enter opens the account.
	sub := st.Muted.Render(strings.Join(nonEmpty(termtext.SanitizeLine(v.Title), termtext.SanitizeLine(v.BusinessUnit)), " · "))
	acct := termtext.SanitizeLine(v.AccountName)
	if sub != "" {
		acct = " · " + acct
	}
	acctItem := sh.add(dItem{kind: store.HitAccount, id: v.AccountID})
	head := append(plain(title), of(acctItem, sub+st.Muted.Render(acct))...)
	if cols { // one line for both: the screen is short of lines, not of width
		head = of(acctItem, title+"  "+sub+st.Muted.Render(acct))
	}
	if c := cadenceLine(v, st, today); c != "" {
		head = append(head, plain(strings.Split(wrap(c, w), "\n")...)...)
	}
	if soon := birthdaySoon(v, today); soon != "" {
		head = append(head, plain(st.Warn.Render(soon))...)
	}
	if !cols {
		body := sections(meetingsSection(p.c, &sh, d.meetings, w), p.askAbout(&sh, d, w, 5), followUpsSection(p.c, &sh, d.followUps, d.followUpCount, w, 8),
			p.personBriefs(&sh, d, w, 10, 3), p.howToTalk(d, w), touchesSection(st, &sh, "Last touches", d.touches, w, 5),
			p.personalNotes(&sh, d, w, 8), p.reporting(&sh, d, w, 10), p.otherNotes(&sh, d, w, 12), p.background(d, w))
		return dpage{head: head, left: body, items: sh.items}
	}
	cw := (w - portfolioGap) / 2
	left := sections(meetingsSection(p.c, &sh, d.meetings, cw), p.askAbout(&sh, d, cw, 5), followUpsSection(p.c, &sh, d.followUps, d.followUpCount, cw, 5),
		p.personBriefs(&sh, d, cw, 3, 2), p.howToTalk(d, cw))
	right := sections(touchesSection(st, &sh, "Last touches", d.touches, cw, 4), p.personalNotes(&sh, d, cw, 4),
		p.reporting(&sh, d, cw, 5), p.otherNotes(&sh, d, cw, 4), p.background(d, cw))
	return dpage{head: head, left: left, right: right, colW: cw, gap: portfolioGap, items: sh.items}
}

// birthdaySoon is a line for a birthday within model.BirthdayDays, not
// dismissed for its year ("" otherwise): it belongs in the first lines.
func birthdaySoon(v model.Person, today model.Date) string {
	next := v.Birthday.Next(today)
	if next.IsZero() || v.BirthdayDismissed == next.Year() {
		return ""
	}
	switch n := next.DaysSince(today); {
	case n == 0:
		return "Birthday today!"
	case n <= model.BirthdayDays:
		return fmt.Sprintf("Birthday in %d %s (%s)", n, termtext.Plural(n, "day", "days"), next.Short(today))
	}
	return ""
}

// columns sets two lists of lines side by side, each column w cells wide.
func columns(left, right []string, w, gap int) []string {
	out := make([]string, 0, max(len(left), len(right)))
	for i := range max(len(left), len(right)) {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, termtext.Fit(l, w)+strings.Repeat(" ", gap)+termtext.Clip(r, w))
	}
	return out
}

// cadenceLine says whether to call: last touch against the cadence.
func cadenceLine(v model.Person, st Styles, today model.Date) string {
	cad := v.Cadence(v.AccountTier)
	every := fmt.Sprintf("every %d days", cad)
	if v.CadenceDays == 0 && v.AccountTier != "" {
		every += " (" + string(v.AccountTier) + " default)"
	}
	cadence := "last touch " + model.Age(v.LastTouchOn, today) + " · " + every
	if v.TouchSnoozedUntil.After(today) {
		cadence += " · snoozed until " + v.TouchSnoozedUntil.Short(today)
	}
	switch over := model.DaysOverdue(v.TouchDueOn, today); {
	case v.TouchDueOn.IsZero():
		return st.Muted.Render(cadence)
	case over > 0:
		return st.Overdue.Render(cadence + fmt.Sprintf(" · %d %s overdue", over, termtext.Plural(over, "day", "days")))
	case over == 0:
		return st.Warn.Render(cadence + " · due today")
	default:
		return st.Good.Render(cadence + fmt.Sprintf(" · next in %d %s", -over, termtext.Plural(-over, "day", "days")))
	}
}

// howToTalk: their standing, how they like to hear things and what they
// need to show.
func (p *peoplePane) howToTalk(d *personDossier, w int) []dline {
	st := p.c.styles
	v := d.person
	scale := func(n int) string {
		if n == 0 {
			return "—"
		}
		return strings.Repeat("●", n) + strings.Repeat("○", 5-n)
	}
	standing := ""
	if v.Influence != 0 || v.Strength != 0 {
		standing = scale(v.Influence) + "   relationship " + scale(v.Strength)
	}
	return fieldLines(lines(
		st.field("Influence", standing, w),
		st.field("Stance", string(v.Stance), w),
		st.field("Owner", v.Owner, w),
		st.field("Likes info", v.ReceiveInfo, w),
		st.field("Needs to show", v.NeedsToShow, w),
	))
}

// background: how long they have been there, their career, how to reach
// them, where they are, their birthday.
func (p *peoplePane) background(d *personDossier, w int) []dline {
	st := p.c.styles
	v := d.person
	today := p.c.today()
	tenure := ""
	if !v.AtClientSince.IsZero() {
		yrs := float64(today.DaysSince(v.AtClientSince)) / 365.25
		tenure = fmt.Sprintf("since %s (%.1f years)", v.AtClientSince, yrs)
	}
	bday := ""
	if !v.Birthday.IsZero() {
		bday = v.Birthday.String()
		if next := v.Birthday.Next(today); !next.IsZero() {
			switch n := next.DaysSince(today); {
			case n == 0:
				bday += " — today!"
			case n <= 30:
				bday += fmt.Sprintf(" — in %d %s", n, termtext.Plural(n, "day", "days"))
			}
			if v.BirthdayDismissed != 0 && v.BirthdayDismissed == next.Year() {
				bday += " (dismissed from Today for " + itoa(next.Year()) + ")"
			}
		}
	}
	return fieldLines(lines(
		st.fieldItems("Reach", []string{v.PreferredChannel, v.Email, v.Phone}, w),
		st.field("Location", v.Location, w),
		st.field("At client", tenure, w),
		st.field("Career", v.CareerHistory, w),
		st.field("Birthday", bday, w),
	))
}

// fieldLines is a block of labelled fields as dossier lines.
func fieldLines(block string) []dline {
	if block == "" {
		return nil
	}
	return plain(strings.Split(block, "\n")...)
}

// askAbout: the notes whose ask-after day has come ("Ask about", as on
// Today): what the call opens with.
func (p *peoplePane) askAbout(sh *dsheet, d *personDossier, w, limit int) []dline {
	st := p.c.styles
	today := p.c.today()
	var out []dline
	for _, n := range d.notes {
		if n.AskDue(today) && len(out) < limit {
			out = append(out, noteItem(st, sh, n, st.Warn.Render(termtext.Fit("●", 5)), "", w)...)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(plain(st.Heading.Render("Ask about")), out...)
}

// personalNotes: the latest personal notes not yet to ask about, with
// their age and, for one to ask about later, the day from which to ask.
func (p *peoplePane) personalNotes(sh *dsheet, d *personDossier, w, limit int) []dline {
	st := p.c.styles
	today := p.c.today()
	var out []dline
	n := 0
	for _, note := range d.notes {
		if note.Kind != model.NotePersonal || note.AskDue(today) || n == limit {
			continue
		}
		tail := ""
		if !note.AskAfter.IsZero() && note.AskedAt.IsZero() {
			tail = st.Muted.Render(" · ask from " + note.AskAfter.Relative(today))
		}
		out = append(out, noteItem(st, sh, note, st.Muted.Render(termtext.Fit(model.Age(note.On, today), 5)), tail, w)...)
		n++
	}
	if len(out) == 0 {
		return nil
	}
	return append(plain(st.Heading.Render("Personal notes")), out...)
}

// noteItem is a note as a dossier item, on at most two lines: a lead of
// five cells (its age, or a marker), then the text wrapping under itself.
func noteItem(st Styles, sh *dsheet, n model.Note, lead, tail string, w int) []dline {
	const indent = 8
	text := strings.Split(wrapIndent(pinMark(n, st)+termtext.SanitizeLine(noteHead(n.Text, 3*(w-indent)))+tail, w-indent, indent), "\n")
	if len(text) > 2 {
		text = text[:2]
		text[1] += "…"
	}
	text[0] = "  " + lead + " " + text[0]
	for i := range text {
		text[i] = termtext.Clip(text[i], w)
	}
	note := n
	return of(sh.add(dItem{kind: store.HitNote, id: n.ID, note: &note}), text...)
}

// noteHead is the start of a note's text, at least enough to fill cells
// cells (a character takes one or more), with "…" when the text goes on: a
// dossier shows a line or two of a note, and a note of 100 KB is not
// sanitised, wrapped or measured whole for that.
func noteHead(s string, cells int) string {
	if len(s) <= cells {
		return s
	}
	i := 0
	for n := 0; n < cells && i < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

func pinMark(n model.Note, st Styles) string {
	if n.Pinned {
		return st.Warn.Render("★ ")
	}
	return ""
}

// personBriefs: the open briefs they are part of, with the framing
// written for them (at most framingLines lines each).
func (p *peoplePane) personBriefs(sh *dsheet, d *personDossier, w, limit, framingLines int) []dline {
	st := p.c.styles
	if len(d.briefs) == 0 {
		return nil
	}
	out := plain(st.Heading.Render("Briefs"))
	for i, br := range d.briefs {
		if i == limit {
			out = append(out, plain(st.Muted.Render(fmt.Sprintf("  … and %d more", d.briefCount-limit)))...)
			break
		}
		item := sh.add(dItem{kind: store.HitBrief, id: br.ID})
		stage := st.Muted.Render(" · " + string(br.Stage))
		out = append(out, of(item, "  "+termtext.Clip(termtext.SanitizeLine(br.Title), w-2-termtext.Width(stage))+stage)...)
		for _, bp := range br.People {
			if bp.PersonID != d.person.ID || bp.Framing == "" {
				continue
			}
			fl := strings.Split(wrapIndent(termtext.SanitizeLine(bp.Framing), w-15, 15), "\n")
			if len(fl) > framingLines {
				fl = fl[:framingLines]
				fl[framingLines-1] = termtext.Clip(fl[framingLines-1]+" …", w)
			}
			fl[0] = st.Muted.Render("    framing    ") + fl[0]
			out = append(out, of(item, fl...)...)
		}
	}
	return out
}

// reporting: who they report to, and who reports to them.
func (p *peoplePane) reporting(sh *dsheet, d *personDossier, w, limit int) []dline {
	st := p.c.styles
	if d.boss == nil && len(d.reports) == 0 && len(d.sways) == 0 && len(d.swayedBy) == 0 {
		return nil
	}
	out := plain(st.Heading.Render("Reporting"))
	who := func(prefix string, x model.Person) []dline {
		s := prefix + termtext.SanitizeLine(x.Name)
		if x.Title != "" {
			s += st.Muted.Render(" · " + termtext.SanitizeLine(x.Title))
		}
		return of(sh.add(dItem{kind: store.HitPerson, id: x.ID}), termtext.Clip(s, w))
	}
	if d.boss != nil {
		out = append(out, who("  reports to ", *d.boss)...)
	}
	for i, r := range d.reports {
		if i == limit {
			break
		}
		out = append(out, who("  ← ", r)...)
	}
	if more := d.reportCount - min(limit, len(d.reports)); more > 0 {
		out = append(out, plain(st.Muted.Render(fmt.Sprintf("  … and %d more", more)))...)
	}
	// The informal lines: M shows them all on the account's map.
	for _, side := range []struct {
		prefix string
		people []model.Person
	}{{"  sways ", d.sways}, {"  swayed by ", d.swayedBy}} {
		for i, x := range side.people {
			if i == min(limit, dossierReports) {
				out = append(out, plain(st.Muted.Render("  … and more: "+keyName(keyMap.item.Map)+" shows the map"))...)
				break
			}
			out = append(out, who(side.prefix, x)...)
		}
	}
	return out
}

// otherNotes: business, insight and conflict notes, pinned first.
func (p *peoplePane) otherNotes(sh *dsheet, d *personDossier, w, limit int) []dline {
	st := p.c.styles
	var out []dline
	for _, n := range d.notes {
		if n.Kind == model.NotePersonal || len(out) == limit {
			continue
		}
		note := n
		line := termtext.Clip("  "+st.Muted.Render(n.On.String()+" "+termtext.Fit(string(n.Kind), 8))+" "+pinMark(n, st)+termtext.SanitizeLine(noteHead(n.Text, w)), w)
		out = append(out, of(sh.add(dItem{kind: store.HitNote, id: n.ID, note: &note}), line)...)
	}
	if len(out) == 0 {
		return nil
	}
	return append(plain(st.Heading.Render("Notes")), out...)
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
