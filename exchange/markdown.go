package exchange

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"rapport/model"
	"rapport/termtext"
)

// How much history an account document shows; older entries are counted.
const (
	RecentNotes   = 10
	RecentTouches = 10
	RecentHealth  = 12
)

// notWritten stands in for a part of a brief nobody has written yet.
const notWritten = "_Not written yet._"

// briefPersonName is a linked person's name, or their uid when the store did
// not fill the name in.
func briefPersonName(p model.BriefPerson) string {
	if n := oneLine(p.Name); n != "" {
		return n
	}
	if u := oneLine(p.PersonUID); u != "" {
		return u
	}
	return "Unnamed person"
}

// personRoleSuffix is " — CFO, decision maker", or "" when neither is known.
func personRoleSuffix(title string, role model.Role) string {
	var parts []string
	if t := oneLine(title); t != "" {
		parts = append(parts, t)
	}
	if role != "" {
		parts = append(parts, oneLine(string(role)))
	}
	if len(parts) == 0 {
		return ""
	}
	return " — " + strings.Join(parts, ", ")
}

// checkState says where a sign-off stands: "signed by Lee on 2026-11-02",
// "not needed" or "pending".
func checkState(c model.Check) string {
	switch c.State {
	case model.CheckSigned:
		s := "signed"
		if by := oneLine(c.By); by != "" {
			s += " by " + by
		}
		if !c.On.IsZero() {
			s += " on " + c.On.String()
		}
		return s
	case model.CheckNotNeeded:
		return "not needed"
	case model.CheckPending, "":
		return "pending"
	}
	return oneLine(string(c.State))
}

// daysIn says how long something has been in its stage.
func daysIn(n int) string {
	switch n {
	case 0:
		return "since today"
	case 1:
		return "for 1 day"
	}
	return fmt.Sprintf("for %d days", n)
}

// AccountDossier is what an account briefing document is made of: the
// account and what hangs off it, as the store returns them.
type AccountDossier struct {
	Account   model.Account
	People    []model.Person
	Briefs    []model.Brief
	FollowUps []model.FollowUp
	Notes     []model.Note
	Touches   []model.Touch
	Health    []model.HealthCheck
	Risks     []model.Risk // coverage risks on Today, worst first
	Today     model.Date   // dates "23 days ago" and overdue follow-ups; zero leaves them out
}

// AccountMarkdown renders a briefing document for one account: its fields and
// priority score (with the formula), the people and where their coverage is
// thin, open briefs and follow-ups, the most recent notes and touches, and
// the health checks.
func AccountMarkdown(d AccountDossier) string {
	var m mdWriter
	writeAccount(&m, d, 1)
	m.para("_" + escapeEmph(model.ScoreFormula) + "_")
	return m.String()
}

// PortfolioMarkdown renders several accounts in one document: a title, an
// overview list in the order given, the score formula once, then each
// account's section.
func PortfolioMarkdown(ds []AccountDossier) string {
	var b strings.Builder
	accounts := make([]model.Account, len(ds))
	for i, d := range ds {
		accounts[i] = d.Account
	}
	var today model.Date
	if len(ds) > 0 {
		today = ds[0].Today
	}
	i := 0
	_ = WritePortfolioMarkdown(&b, accounts, today, func(model.Account) (AccountDossier, error) {
		i++
		return ds[i-1], nil
	})
	return b.String()
}

// WritePortfolioMarkdown writes the portfolio document (as
// PortfolioMarkdown) to w an account at a time: the overview from the
// accounts, then each account's section from its dossier, read by dossier
// just before it is written, so a large book is never held whole.
func WritePortfolioMarkdown(w io.Writer, accounts []model.Account, today model.Date, dossier func(model.Account) (AccountDossier, error)) error {
	var m mdWriter
	m.heading(1, "Portfolio")
	intro := fmt.Sprintf("%d %s", len(accounts), termtext.Plural(len(accounts), "account", "accounts"))
	if !today.IsZero() {
		intro += ", as of " + today.String()
	}
	m.para(intro + ".")
	for i, a := range accounts {
		parts := []string{fmt.Sprintf("%d. **%s**", i+1, escapeEmph(accountTitle(a)))}
		if a.Tier != "" {
			parts = append(parts, oneLine(string(a.Tier)))
		}
		if a.Revenue != 0 {
			parts = append(parts, money(a.Revenue, a.Currency))
		}
		parts = append(parts, "score "+points(a.Priority().Score))
		m.line(strings.Join(parts, " · "))
	}
	m.endList()
	if len(accounts) > 0 {
		m.para("_" + escapeEmph(model.ScoreFormula) + "_")
	}
	for _, a := range accounts {
		if err := m.flushTo(w); err != nil {
			return err
		}
		d, err := dossier(a)
		if err != nil {
			return err
		}
		writeAccount(&m, d, 2)
	}
	if err := m.flushTo(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeAccount writes one account's section with its title at heading level h.
func writeAccount(m *mdWriter, d AccountDossier, h int) {
	a := d.Account
	m.heading(h, accountTitle(a))

	field := func(label, value string) {
		if value != "" {
			m.item("**"+label+":** "+value, "")
		}
	}
	field("Tier", oneLine(string(a.Tier)))
	field("Revenue", money(a.Revenue, a.Currency))
	field("Potential revenue", money(a.Potential, a.Currency))
	field("Growth outlook", oneLine(string(a.Outlook)))
	field("Strategic importance", outOf5(a.Importance))
	field("Hard to replace", outOf5(a.Replaceability))
	field("Industry", oneLine(a.Industry))
	field("Region", oneLine(a.Region))
	field("Countries", oneLine(a.Countries))
	if !a.LastTouchOn.IsZero() {
		field("Last touch", a.LastTouchOn.String()+ago(a.LastTouchOn, d.Today))
	}
	m.endList()

	p := a.Priority()
	m.heading(h+1, "Priority score "+points(p.Score)+" of 100")
	for _, part := range p.Parts {
		m.item(fmt.Sprintf("%s (%s): %s of %s", part.Name, part.Input, points(part.Points), points(part.Weight)), "")
	}
	m.endList()

	for _, t := range []struct{ title, text string }{{"Brand and values", a.Brand}, {"Direction", a.Direction}, {"Notes", a.Notes}} {
		if !isBlankText(t.text) {
			m.heading(h+1, t.title)
			m.block(t.text, "")
		}
	}

	writePeople(m, d, h)
	m.heading(h+1, "Coverage risks")
	writeRisks(m, d.Risks)
	writeOpenBriefs(m, d, h)
	writeOpenFollowUps(m, d, h)
	writeRecentNotes(m, d, h)
	writeRecentTouches(m, d, h)
	writeHealth(m, d, h)
}

// writePeople writes the account's people who are not archived: their part
// in decisions, how they like information and what they need to show. The
// section writers take the level of the account's heading, h.
func writePeople(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "People")
	n := 0
	for _, p := range d.People {
		if p.Archived() {
			continue
		}
		n++
		head := "**" + escapeEmph(orDash(oneLine(p.Name))) + "**"
		var about []string
		for _, v := range []string{p.Title, p.BusinessUnit} {
			if v = oneLine(v); v != "" {
				about = append(about, v)
			}
		}
		if len(about) > 0 {
			head += ", " + strings.Join(about, ", ")
		}
		var facts []string
		if p.Role != "" {
			facts = append(facts, oneLine(string(p.Role)))
		}
		if p.Influence > 0 {
			facts = append(facts, "influence "+outOf5(p.Influence))
		}
		if p.Strength > 0 {
			facts = append(facts, "relationship "+outOf5(p.Strength))
		}
		if p.LastTouchOn.IsZero() {
			facts = append(facts, "no touch yet")
		} else {
			facts = append(facts, "last touch "+p.LastTouchOn.String()+ago(p.LastTouchOn, d.Today))
		}
		head += " — " + strings.Join(facts, "; ")
		var body []string
		if v := oneLine(p.ReceiveInfo); v != "" {
			body = append(body, "- How they like information: "+v)
		}
		if v := oneLine(p.NeedsToShow); v != "" {
			body = append(body, "- What they need to show: "+v)
		}
		m.itemLines(head, body)
	}
	if n == 0 {
		m.para("_No people yet._")
	}
	m.endList()
}

// writeOpenBriefs writes the briefs still being worked on, with their stage.
func writeOpenBriefs(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "Open briefs")
	n := 0
	for _, b := range d.Briefs {
		if !b.Stage.Open() || !b.ArchivedAt.IsZero() {
			continue
		}
		n++
		s := "**" + escapeEmph(orDash(oneLine(b.Title))) + "** — " + oneLine(string(b.Stage))
		if !b.StageSince.IsZero() && !d.Today.IsZero() {
			if days := b.DaysInStage(d.Today); days >= 0 {
				s += ", " + daysIn(days)
			}
			if b.Stalled(d.Today) {
				s += " (stalled)"
			}
		}
		m.item(s, "")
	}
	if n == 0 {
		m.para("_No open briefs._")
	}
	m.endList()
}

// writeOpenFollowUps writes the open follow-ups, soonest first, promises and
// overdue ones marked.
func writeOpenFollowUps(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "Open follow-ups")
	var fus []model.FollowUp
	for _, f := range d.FollowUps {
		if !f.Done() {
			fus = append(fus, f)
		}
	}
	sort.SliceStable(fus, func(i, j int) bool {
		if c := fus[i].AgendaOn().Compare(fus[j].AgendaOn()); c != 0 {
			return c < 0
		}
		return fus[i].DueTime < fus[j].DueTime
	})
	for _, f := range fus {
		s := f.AgendaOn().String()
		if f.DueTime != "" {
			s += " " + oneLine(f.DueTime)
		}
		s += " — "
		if f.Kind == model.KindPromise {
			s += "**Promise:** "
		}
		s += oneLine(f.Text)
		if pn := oneLine(f.PersonName); pn != "" {
			s += " (" + pn + ")"
		}
		if !d.Today.IsZero() && f.Overdue(d.Today) {
			s += " — **overdue**"
		}
		m.item(s, "")
	}
	if len(fus) == 0 {
		m.para("_No open follow-ups._")
	}
	m.endList()
}

// writeRecentNotes writes the newest RecentNotes notes.
func writeRecentNotes(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "Recent notes")
	notes := append([]model.Note(nil), d.Notes...)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].On.After(notes[j].On) })
	for i, nt := range notes {
		if i == RecentNotes {
			break
		}
		s := nt.On.String()
		if nt.Kind != "" {
			s += " · " + oneLine(string(nt.Kind))
		}
		if pn := oneLine(nt.PersonName); pn != "" {
			s += " · " + pn
		}
		m.item(s+":", nt.Text)
	}
	if len(notes) == 0 {
		m.para("_No notes yet._")
	}
	m.endList()
	if len(notes) > RecentNotes {
		m.para(fmt.Sprintf("_…and %d older._", len(notes)-RecentNotes))
	}
}

// writeRecentTouches writes the newest RecentTouches touches.
func writeRecentTouches(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "Recent touches")
	touches := append([]model.Touch(nil), d.Touches...)
	sort.SliceStable(touches, func(i, j int) bool { return touches[i].On.After(touches[j].On) })
	for i, t := range touches {
		if i == RecentTouches {
			break
		}
		s := t.On.String() + " · " + oneLine(string(t.Kind))
		var names []string
		for _, n := range t.PersonNames {
			if n = oneLine(n); n != "" {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			s += " · " + strings.Join(names, ", ")
		}
		m.item(s+": "+oneLine(t.Summary), "")
	}
	if len(touches) == 0 {
		m.para("_No touches yet._")
	}
	m.endList()
	if len(touches) > RecentTouches {
		m.para(fmt.Sprintf("_…and %d older._", len(touches)-RecentTouches))
	}
}

// writeHealth writes the newest RecentHealth health checks.
func writeHealth(m *mdWriter, d AccountDossier, h int) {
	m.heading(h+1, "Health")
	health := append([]model.HealthCheck(nil), d.Health...)
	sort.SliceStable(health, func(i, j int) bool { return health[i].On.After(health[j].On) })
	for i, hc := range health {
		if i == RecentHealth {
			break
		}
		var parts []string
		if hc.Satisfaction != nil {
			parts = append(parts, fmt.Sprintf("satisfaction %d/10", *hc.Satisfaction))
		}
		if hc.Revenue != nil {
			parts = append(parts, "revenue "+orDash(money(*hc.Revenue, d.Account.Currency)))
		}
		s := hc.On.String() + ": " + strings.Join(parts, " · ")
		if n := oneLine(hc.Note); n != "" {
			s += " — " + n
		}
		m.item(s, "")
	}
	if len(health) == 0 {
		m.para("_No health checks yet._")
	}
	m.endList()
	if len(health) > RecentHealth {
		m.para(fmt.Sprintf("_…and %d older._", len(health)-RecentHealth))
	}
}

func accountTitle(a model.Account) string {
	if n := oneLine(a.Name); n != "" {
		return n
	}
	return "Unnamed account"
}

// money formats an amount with its currency: "EUR 4,200,000"; zero is "".
func money(m model.Money, currency string) string {
	if m == 0 {
		return ""
	}
	if c := oneLine(currency); c != "" {
		return c + " " + m.Long()
	}
	return m.Long()
}

// outOf5 formats a 1–5 rating; 0 (unset) is "".
func outOf5(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v) + "/5"
}

// points formats score points with one decimal, none when whole: 20.1, 15.
func points(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
}

// ago says how long before today a day was: " (23 days ago)"; "" without
// a today.
func ago(d, today model.Date) string {
	if today.IsZero() || d.IsZero() {
		return ""
	}
	switch n := today.DaysSince(d); {
	case n == 0:
		return " (today)"
	case n == 1:
		return " (yesterday)"
	case n > 1:
		return fmt.Sprintf(" (%d days ago)", n)
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isBlankText(s string) bool { return strings.TrimSpace(s) == "" }

// mdWriter builds a Markdown document, keeping exactly one blank line
// between blocks.
type mdWriter struct {
	b      strings.Builder
	inList bool
	held   int // newlines flushTo holds back
}

// String returns the document, ending in one newline.
func (m *mdWriter) String() string {
	return strings.TrimRight(m.b.String(), "\n") + "\n"
}

// flushTo writes what the writer holds to w and empties it, all but its
// trailing newlines: they are held back until more text follows, so a
// document written in parts ends in one newline, as String's does (the
// caller writes that last one).
func (m *mdWriter) flushTo(w io.Writer) error {
	s := m.b.String()
	body := strings.TrimRight(s, "\n")
	m.b.Reset()
	if body == "" {
		m.held += len(s)
		return nil
	}
	_, err := io.WriteString(w, strings.Repeat("\n", m.held)+body)
	m.held = len(s) - len(body)
	return err
}

// heading writes an ATX heading of the given level (at most 6).
func (m *mdWriter) heading(level int, text string) {
	m.endList()
	m.b.WriteString(strings.Repeat("#", min(level, 6)) + " " + escapeHeading(oneLine(text)) + "\n\n")
}

// para writes a paragraph of Markdown the caller built (not user text).
func (m *mdWriter) para(s string) {
	m.endList()
	m.b.WriteString(s + "\n\n")
}

// line writes one line of a list the caller built.
func (m *mdWriter) line(s string) {
	m.inList = true
	m.b.WriteString(s + "\n")
}

// block writes user text as it was typed — its line breaks kept — with
// anything that would turn into a heading, rule or code fence escaped; the
// placeholder (Markdown) stands in for empty text.
func (m *mdWriter) block(text, placeholder string) {
	m.endList()
	lines := blockLines(text)
	if len(lines) == 0 {
		if placeholder != "" {
			m.b.WriteString(placeholder + "\n\n")
		}
		return
	}
	for _, l := range lines {
		m.b.WriteString(l + "\n")
	}
	m.b.WriteString("\n")
}

// item writes a list item: head is Markdown the caller built; body is user
// text, starting on the item's line and continued under it.
func (m *mdWriter) item(head, body string) {
	lines := blockLines(body)
	if len(lines) > 0 {
		head += " " + lines[0]
		lines = lines[1:]
	}
	m.itemLines(head, lines)
}

// itemLines writes a list item with body lines already made safe.
func (m *mdWriter) itemLines(head string, body []string) {
	m.inList = true
	m.b.WriteString("- " + head + "\n")
	for _, l := range body {
		if l == "" {
			m.b.WriteString("\n")
			continue
		}
		m.b.WriteString("  " + l + "\n")
	}
}

// endList closes a list with a blank line.
func (m *mdWriter) endList() {
	if m.inList {
		m.b.WriteString("\n")
		m.inList = false
	}
}

// blockLines splits user text into Markdown lines: controls replaced,
// trailing spaces, outer blank lines and repeated blank lines dropped, lines
// that would become structure escaped, and a hard break (two spaces) at the
// end of each line followed by another, so the line breaks the user typed
// survive rendering.
func blockLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(replaceControls(text), "\n") {
		l = escapeBlockLine(strings.TrimRight(l, " \t"))
		if l == "" && (len(lines) == 0 || lines[len(lines)-1] == "") {
			continue
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i := 0; i+1 < len(lines); i++ {
		if lines[i] != "" && lines[i+1] != "" {
			lines[i] += "  "
		}
	}
	return lines
}

// escapeBlockLine escapes a line of user text that would otherwise break the
// document's structure: an ATX heading, a setext underline or thematic
// break, a code fence, an HTML block or a link reference definition. Lists,
// quotes and emphasis the user typed are kept.
func escapeBlockLine(l string) string {
	s := strings.TrimLeft(l, " ")
	indent := l[:len(l)-len(s)]
	if len(indent) >= 4 || !breaksStructure(s) {
		return l
	}
	return indent + `\` + s
}

// escapeInlineStart escapes one-line user text that starts a line or a list
// item, where a list marker or quote would also change the structure.
func escapeInlineStart(s string) string {
	if breaksStructure(s) {
		return `\` + s
	}
	if s != "" && strings.ContainsRune("-+*>", rune(s[0])) && (len(s) == 1 || s[1] == ' ' || s[1] == '\t') {
		return `\` + s
	}
	// An ordered list marker: up to nine digits, then . or ) and a space.
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// breaksStructure reports whether a line (leading spaces removed) would open
// a heading, rule, fence, HTML block or link reference definition.
func breaksStructure(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; c {
	case '#':
		n := len(s) - len(strings.TrimLeft(s, "#"))
		return n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
	case '`', '~':
		return strings.HasPrefix(s, strings.Repeat(string(c), 3))
	case '<':
		return len(s) > 1 && (isASCIILetter(s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?')
	case '[':
		end := strings.Index(s, "]:")
		return end > 0 && !strings.Contains(s[:end], "]")
	case '=', '-', '*', '_':
		// A line of only this character (and spaces): a setext underline
		// for = and -, a thematic break for three or more of - * _.
		n := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case c:
				n++
			case ' ', '\t':
			default:
				return false
			}
		}
		return c == '=' || c == '-' || n >= 3
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// escapeEmph escapes the characters that would end or start emphasis, for
// user text set inside ** or _.
var escapeEmph = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`).Replace

// escapeHeading keeps a trailing run of # in heading text from being read as
// the heading's closing sequence.
func escapeHeading(s string) string {
	t := strings.TrimRight(s, "#")
	if t == s || (t != "" && !strings.HasSuffix(t, " ") && !strings.HasSuffix(t, "\t")) {
		return s
	}
	return t + `\` + s[len(t):]
}
