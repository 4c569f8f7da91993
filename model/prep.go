package model

import "strings"

// Prep is the prep sheet for a meeting, a person or an account: for each
// person met, what matters in the thirty seconds before — how to open,
// what was promised, the briefs they are on and the framing for them — and
// for the account its health, its coverage risks and its open briefs.
type Prep struct {
	Title   string   // what the sheet is for: a meeting's title, a person's or an account's name
	Meeting *Meeting // when it is for a meeting
	Today   Date
	People  []PrepPerson
	Account *PrepAccount
	// Others are the meeting's addresses no person has.
	Others []Attendee
}

// PrepPerson is one person on a prep sheet.
type PrepPerson struct {
	Person Person
	// AskAbout are the notes to open with: their ask-after day has come.
	AskAbout []Note
	// Promises and FollowUps are open, on them, late ones first; MoreOpen
	// counts the open ones past those shown.
	Promises  []FollowUp
	FollowUps []FollowUp
	MoreOpen  int
	// Briefs are the open briefs they are on, with the framing for them.
	Briefs []PrepBrief
	// Touches are the last two; Conflicts the conflict notes of the last
	// year.
	Touches   []Touch
	Conflicts []Note
	// Birthday is their next birthday when within BirthdayDays.
	Birthday Date
}

// PrepBrief is a brief a person is on, with what was written for them.
type PrepBrief struct {
	Brief   Brief
	Framing string
}

// PrepAccount is the account part of a prep sheet.
type PrepAccount struct {
	Account Account
	Health  []HealthCheck // oldest first, the trend
	Risks   []Risk
	Briefs  []Brief // open, the first PrepBriefs by stage
	// MoreBriefs counts the open briefs past those shown.
	MoreBriefs int
}

// PrepTouches and PrepConflictDays bound what a prep sheet shows of the
// past; the rest bound its lists, so a sheet is read in a few quick
// queries whatever the book holds. The counts go on past them.
const (
	PrepTouches      = 2
	PrepConflictDays = 365
	PrepAskAbout     = 3  // notes to open with, per person
	PrepOpen         = 5  // promises, and follow-ups, per person
	PrepBriefs       = 5  // briefs per person, and open briefs of the account
	PrepConflicts    = 3  // conflicts per person
	PrepHealth       = 6  // health checks of the trend
	PrepPeople       = 12 // people of a meeting
	PrepKeyPeople    = 4  // people of an account's sheet: the most influential
)

// A prep sheet as lines: the screen, `rapport prep` and its Markdown say
// the same things the same way. Each line is one fact, short enough to
// read in a glance; what is long (a framing, a note) is its first line.

// PrepLine is one line of a prep sheet: what it is (a label such as "Open
// with"; "" continues the line above's), its text, and whether it warns
// (a late promise, a conflict, a birthday close by, a coverage risk).
type PrepLine struct {
	Label string
	Text  string
	Warn  bool
}

// Head is how a person is named on a prep sheet: name and title, then
// their role, their stance and their account.
func (pp PrepPerson) Head() (name string, facts []string) {
	p := pp.Person
	name = p.Name
	if p.Title != "" {
		name += ", " + p.Title
	}
	for _, f := range []string{string(p.Role), string(p.Stance), p.AccountName} {
		if f != "" {
			facts = append(facts, f)
		}
	}
	return name, facts
}

// Lines are what matters of a person in the thirty seconds before
// meeting them, most useful first: how to open, what was promised and is
// open, the briefs they are on with the framing for them, how to talk to
// them, the last touches, this year's conflicts and a birthday close by.
func (pp PrepPerson) Lines(today Date) []PrepLine {
	var out []PrepLine
	add := func(label string, warn bool, texts ...string) {
		for i, t := range texts {
			if i > 0 {
				label = ""
			}
			out = append(out, PrepLine{Label: label, Text: t, Warn: warn})
		}
	}
	if !pp.Birthday.IsZero() {
		add("Birthday", true, birthdayWords(pp.Birthday, today))
	}
	for i, n := range pp.AskAbout {
		add(labelOnce(i, "Open with"), false, firstLine(n.Text))
	}
	open := func(label string, fs []FollowUp) {
		for i, f := range fs {
			when := f.AgendaOn().Relative(today)
			if f.DueTime != "" && !f.Overdue(today) {
				when += " " + f.DueTime
			}
			out = append(out, PrepLine{Label: labelOnce(i, label), Text: when + " — " + firstLine(f.Text), Warn: f.Overdue(today)})
		}
	}
	open("Promised", pp.Promises)
	open("Open", pp.FollowUps)
	if pp.MoreOpen > 0 {
		add("", false, "+"+itoa(pp.MoreOpen)+" more open")
	}
	for i, b := range pp.Briefs {
		t := b.Brief.Title + " (" + string(b.Brief.Stage) + ")"
		if f := firstLine(b.Framing); f != "" {
			t += " — " + f
		} else {
			t += " — no framing yet"
		}
		add(labelOnce(i, "Brief"), false, t)
	}
	p := pp.Person
	if s := firstLine(p.NeedsToShow); s != "" {
		add("Needs to show", false, s)
	}
	if s := firstLine(p.ReceiveInfo); s != "" {
		add("Likes info", false, s)
	}
	for i, t := range pp.Touches {
		add(labelOnce(i, "Last touch"), false, t.On.Short(today)+" "+string(t.Kind)+" — "+firstLine(t.Summary))
	}
	for i, n := range pp.Conflicts {
		add(labelOnce(i, "Conflict"), true, n.On.Short(today)+" — "+firstLine(n.Text))
	}
	return out
}

// labelOnce is a list's label on its first line (i 0) only.
func labelOnce(i int, label string) string {
	if i == 0 {
		return label
	}
	return ""
}

// Lines are what a prep sheet says of the account: its health trend, its
// coverage risks and its open briefs.
func (pa PrepAccount) Lines(today Date) []PrepLine {
	var out []PrepLine
	if len(pa.Health) > 0 {
		last := pa.Health[len(pa.Health)-1]
		trend, fell := HealthTrend(pa.Health)
		out = append(out, PrepLine{Label: "Health", Text: trend + " (last " + last.On.Short(today) + ")", Warn: fell})
	}
	for i, r := range pa.Risks {
		out = append(out, PrepLine{Label: labelOnce(i, "Coverage"), Text: string(r.Kind) + " — " + r.Reason, Warn: true})
	}
	for i, b := range pa.Briefs {
		out = append(out, PrepLine{Label: labelOnce(i, "Open brief"), Text: b.Title + " (" + string(b.Stage) + ", " + itoa(b.DaysInStage(today)) + "d)"})
	}
	if pa.MoreBriefs > 0 {
		out = append(out, PrepLine{Text: "+" + itoa(pa.MoreBriefs) + " more open briefs"})
	}
	return out
}

// HealthTrend is the satisfaction series, oldest first: "satisfaction 7 →
// 8 → 6 of 10"; fell reports that the last reading is below the one
// before.
func HealthTrend(hs []HealthCheck) (trend string, fell bool) {
	var vals []string
	var last, prev *int
	for _, h := range hs {
		if h.Satisfaction == nil {
			continue
		}
		vals = append(vals, itoa(*h.Satisfaction))
		prev, last = last, h.Satisfaction
	}
	if len(vals) == 0 {
		return "no satisfaction recorded", false
	}
	if len(vals) > PrepHealth {
		vals = vals[len(vals)-PrepHealth:]
	}
	fell = prev != nil && *last < *prev
	trend = "satisfaction " + strings.Join(vals, " → ") + " of 10"
	if fell {
		trend += ", fell"
	}
	return trend, fell
}

// birthdayWords says when a birthday is: "today", "tomorrow", "in 5 days
// (30 Nov)".
func birthdayWords(d, today Date) string {
	switch n := d.DaysSince(today); n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	default:
		return "in " + itoa(n) + " days (" + d.Short(today) + ")"
	}
}

// firstLine is the first non-blank line of s, its spaces trimmed.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// WithoutOwn is the sheet without the user's own addresses among those
// also invited.
func (p Prep) WithoutOwn(own map[string]bool) Prep {
	if len(own) == 0 || len(p.Others) == 0 {
		return p
	}
	var others []Attendee
	for _, a := range p.Others {
		if !own[NormEmail(a.Email)] {
			others = append(others, a)
		}
	}
	p.Others = others
	return p
}
