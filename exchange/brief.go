package exchange

import (
	"strconv"
	"strings"

	"rapport/model"
)

// A brief leaves rapport in one of three kinds of version. The client's
// holds what the client may read: the five Ws, the target date and the
// value to the client — never the value to us, framings, roles, checks or
// stage history. A linked person's is the client's opened by the paragraph
// written to them. The internal one is the whole working document.

// Audience says whom a version of a brief is for.
type Audience int

const (
	ForClient   Audience = iota // the client: safe to send
	ForPerson                   // one linked person: the client's version with their opening
	ForInternal                 // us: the working document, never to be sent
)

// BriefVersion is one version of a brief. Person is the linked person a
// ForPerson version is for.
type BriefVersion struct {
	Audience Audience
	Person   model.BriefPerson
}

// BriefVersions lists the versions of a brief in the order a preview
// cycles them: the client's, one for each linked person in the brief's
// order, the internal one.
func BriefVersions(b model.Brief) []BriefVersion {
	out := make([]BriefVersion, 0, len(b.People)+2)
	out = append(out, BriefVersion{Audience: ForClient})
	for _, p := range b.People {
		out = append(out, BriefVersion{Audience: ForPerson, Person: p})
	}
	return append(out, BriefVersion{Audience: ForInternal})
}

// ClientSafe reports whether the version may be sent to the client.
func (v BriefVersion) ClientSafe() bool { return v.Audience != ForInternal }

// Label names the version for a header: "client-safe", "for Henrik
// Sørensen · client-safe" (with ", no opening yet" when none is written),
// "INTERNAL — do not send". It is plain text; user text in it is on one
// line with control characters replaced.
func (v BriefVersion) Label() string {
	switch v.Audience {
	case ForPerson:
		s := "for " + briefPersonName(v.Person) + " · client-safe"
		if !v.Person.HasOpening() {
			s += ", no opening yet"
		}
		return s
	case ForInternal:
		return "INTERNAL — do not send"
	}
	return "client-safe"
}

// Markdown renders the version of b, as BriefClient, BriefFor and
// BriefInternal do; today dates the internal version's stages.
func (v BriefVersion) Markdown(b model.Brief, today model.Date) string {
	switch v.Audience {
	case ForPerson:
		if v.Person.HasOpening() {
			return briefClient(b, v.Person, true)
		}
	case ForInternal:
		return BriefInternal(b, today)
	}
	return BriefClient(b, today)
}

// FileName is the name the version is written under: "<slug>.md" for the
// client, "<slug>-for-<name>.md" for a person, "<slug>-internal.md".
func (v BriefVersion) FileName(b model.Brief) string {
	slug := BriefSlug(b.Title)
	switch v.Audience {
	case ForPerson:
		return slug + "-for-" + BriefSlug(briefPersonName(v.Person)) + ".md"
	case ForInternal:
		return slug + "-internal.md"
	}
	return slug + ".md"
}

// BriefClient renders the version of a brief for the client, to paste into
// an email or a deck: the title and account, the why first, then who (the
// linked people by name and title), what, where, when with the target
// date, and the value to the client. Parts not written are left out. The
// output depends only on b; today is there for symmetry with the others.
func BriefClient(b model.Brief, today model.Date) string {
	return briefClient(b, model.BriefPerson{}, false)
}

// BriefFor renders the client's version opened by the opening written to
// the linked person personID. opened is false when the person has no
// opening (or is not linked): md is then the client's version, and the
// caller says so.
func BriefFor(b model.Brief, personID int64, today model.Date) (md string, opened bool) {
	p, ok := b.Person(personID)
	if !ok || !p.HasOpening() {
		return BriefClient(b, today), false
	}
	return briefClient(b, p, true), true
}

func briefClient(b model.Brief, to model.BriefPerson, forPerson bool) string {
	var m mdWriter
	m.heading(1, briefTitle(b))
	var prepared []string
	if forPerson {
		prepared = append(prepared, escapeEmph(briefPersonName(to)))
	}
	if a := oneLine(b.AccountName); a != "" {
		prepared = append(prepared, escapeEmph(a))
	}
	if len(prepared) > 0 {
		m.para("**Prepared for:** " + strings.Join(prepared, ", "))
	}
	if forPerson {
		m.block(to.Opening, "")
	}

	section := func(title, text string) {
		if !isBlankText(text) {
			m.heading(2, title)
			m.block(text, "")
		}
	}
	section("Why", b.Why)
	if !isBlankText(b.Who) || len(b.People) > 0 {
		m.heading(2, "Who")
		m.block(b.Who, "")
		for _, p := range b.People {
			s := escapeInlineStart(briefPersonName(p))
			if t := oneLine(p.Title); t != "" {
				s += ", " + t
			}
			m.item(s, "")
		}
		m.endList()
	}
	section("What", b.What)
	section("Where", b.Where)
	if !isBlankText(b.When) || !b.TargetOn.IsZero() {
		m.heading(2, "When")
		m.block(b.When, "")
		if !b.TargetOn.IsZero() {
			m.para("**Target date:** " + b.TargetOn.String())
		}
	}
	value := "The value"
	if a := oneLine(b.AccountName); a != "" {
		value = "The value for " + a
	}
	section(value, b.ValueClient)
	return m.String()
}

// BriefInternal renders the whole working document of a brief: a warning
// that it is internal, the account, stage (and days in it) and target
// date, the five Ws, the value to the client and to us, the linked people
// with their roles, the four checks, the stage history as stays (moves of
// one day collapsed, days in each stage), and for each linked person their
// framing and opening. today dates the stages.
func BriefInternal(b model.Brief, today model.Date) string {
	var m mdWriter
	m.heading(1, briefTitle(b))
	m.para("**Internal — do not send.** It holds the framings, the value to us and the stage history.")

	var meta []string
	if a := oneLine(b.AccountName); a != "" {
		meta = append(meta, "**Account:** "+escapeEmph(a))
	}
	if b.Stage != "" {
		s := "**Stage:** " + escapeEmph(oneLine(string(b.Stage)))
		if !b.StageSince.IsZero() && !today.IsZero() {
			if n := b.DaysInStage(today); n >= 0 {
				s += ", " + daysIn(n)
			}
		}
		meta = append(meta, s)
	}
	if !b.TargetOn.IsZero() {
		meta = append(meta, "**Target date:** "+b.TargetOn.String())
	}
	if len(meta) > 0 {
		m.para(strings.Join(meta, " · "))
	}

	m.heading(2, "Why")
	m.block(b.Why, notWritten)
	m.heading(2, "Who")
	m.block(b.Who, notWritten)
	for _, p := range b.People {
		m.item(escapeInlineStart(briefPersonName(p))+personRoleSuffix(p.Title, p.Role), "")
	}
	m.endList()
	m.heading(2, "What")
	m.block(b.What, notWritten)
	m.heading(2, "Where")
	m.block(b.Where, notWritten)
	m.heading(2, "When")
	m.block(b.When, notWritten)
	m.heading(2, "Value to the client")
	m.block(b.ValueClient, notWritten)
	m.heading(2, "Value to us")
	m.block(b.ValueUs, notWritten)

	m.heading(2, "Checks")
	for _, k := range model.CheckKinds {
		m.item(capitalize(string(k))+": "+checkState(b.Check(k)), "")
	}
	m.endList()

	m.heading(2, "Stage history")
	stays := b.Stays(today)
	if len(stays) == 0 {
		m.para("_No stage changes recorded._")
	}
	for _, s := range stays {
		m.item(stayLine(s, today), "")
	}
	m.endList()

	for _, p := range b.People {
		m.heading(2, "For "+briefPersonName(p))
		var about []string
		if t := oneLine(p.Title); t != "" {
			about = append(about, t)
		}
		if p.Role != "" {
			about = append(about, oneLine(string(p.Role)))
		}
		if len(about) > 0 {
			m.para("_" + escapeEmph(strings.Join(about, " · ")) + "_")
		}
		m.heading(3, "Framing")
		m.block(p.Framing, "_No framing yet._")
		m.heading(3, "Opening")
		m.block(p.Opening, "_No opening yet: their version is the client's._")
	}
	return m.String()
}

// stayLine is one stay of the stage history: "2026-09-01: create → checks,
// 14 days — deck approved". The stay going on counts "so far"; a brief
// done or dropped for good has no days.
func stayLine(s model.StageStay, today model.Date) string {
	line := s.On.String() + ": "
	if s.From != "" {
		line += escapeEmph(oneLine(string(s.From))) + " → "
	}
	line += escapeEmph(oneLine(string(s.Stage)))
	switch {
	case !s.Now:
		line += ", " + dayCount(s.Days)
	case s.Stage.Open() && !today.IsZero():
		if s.Days == 0 {
			line += ", since today"
		} else {
			line += ", " + dayCount(s.Days) + " so far"
		}
	}
	if n := oneLine(s.Note); n != "" {
		line += " — " + n
	}
	return line
}

func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

func briefTitle(b model.Brief) string {
	if t := oneLine(b.Title); t != "" {
		return t
	}
	return "Untitled brief"
}

// BriefFile is one version of a brief with the name it is written under.
type BriefFile struct {
	Name     string // a file name, no directory: "loyalty-pilot-for-dana-li.md"
	Version  BriefVersion
	Markdown string
}

// BriefFiles renders every version of a brief (BriefVersions) with a file
// name each, unique among them: two linked people whose names make the
// same slug get "-2", "-3"….
func BriefFiles(b model.Brief, today model.Date) []BriefFile {
	vs := BriefVersions(b)
	out := make([]BriefFile, 0, len(vs))
	taken := make(map[string]bool, len(vs))
	for _, v := range vs {
		name := v.FileName(b)
		stem := strings.TrimSuffix(name, ".md")
		for i := 2; taken[name]; i++ {
			name = stem + "-" + strconv.Itoa(i) + ".md"
		}
		taken[name] = true
		out = append(out, BriefFile{Name: name, Version: v, Markdown: v.Markdown(b, today)})
	}
	return out
}

// BriefSlug turns a title (or a name) into a file name: lower case ASCII
// words joined by hyphens, cut after a whole word at most 60 characters
// ("Zoë's Q3 relaunch!" → "zoes-q3-relaunch"); "brief" when nothing is
// left.
func BriefSlug(title string) string {
	const most = 60
	var b strings.Builder
	dash := false
	for _, r := range model.Fold(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > most {
		if i := strings.LastIndexByte(s[:most+1], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:most]
		}
	}
	if s == "" {
		return "brief"
	}
	return s
}
