package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"rapport/model"
	"rapport/termtext"
)

// An account's relationship map (model.RelMap) as a document: Markdown to
// read or paste, and a Graphviz digraph to draw. rapport map prints both;
// its text and JSON live with the command.

// MapFacts are what the map says of a person after their name and title,
// in plain words: role, influence, relationship strength, stance, the
// days since the last touch ("never touched") and who on our side holds
// the relationship. The text is raw user text: the caller makes it safe
// for where it goes.
func MapFacts(m model.RelMap, p model.Person) []string {
	var facts []string
	if p.Role != "" {
		facts = append(facts, string(p.Role))
	}
	if p.Influence > 0 {
		facts = append(facts, "influence "+outOf5(p.Influence))
	}
	if p.Strength > 0 {
		facts = append(facts, "relationship "+outOf5(p.Strength))
	}
	if p.Stance != "" {
		facts = append(facts, string(p.Stance))
	}
	facts = append(facts, TouchedAgo(m, p))
	if strings.TrimSpace(p.Owner) != "" {
		facts = append(facts, "held by "+p.Owner)
	}
	return facts
}

// TouchedAgo says how long since the person was last touched on the map's
// day: "touched today", "touched 9 days ago", "never touched".
func TouchedAgo(m model.RelMap, p model.Person) string {
	days, ok := m.IdleDays(p)
	switch {
	case !ok:
		return "never touched"
	case days <= 0:
		return "touched today"
	case days == 1:
		return "touched yesterday"
	}
	return fmt.Sprintf("touched %d days ago", days)
}

// MapSummary is the line under the map's title: tier, how many people,
// whether the account is archived, and the day.
func MapSummary(m model.RelMap) string {
	var parts []string
	if m.Account.Tier != "" {
		parts = append(parts, string(m.Account.Tier)+" account")
	}
	if m.Account.Archived() {
		parts = append(parts, "archived")
	}
	n := len(m.People)
	parts = append(parts, strconv.Itoa(n)+" "+termtext.Plural(n, "person", "people"))
	if !m.Today.IsZero() {
		parts = append(parts, "as of "+m.Today.String())
	}
	return strings.Join(parts, " · ")
}

// RelMapMarkdown renders an account's relationship map: its coverage
// risks, the org chart as nested lists, the influence lines and the grid
// of influence × relationship strength.
func RelMapMarkdown(m model.RelMap) string {
	var w mdWriter
	w.heading(1, "Relationship map: "+accountTitle(m.Account))
	w.para(escapeInlineStart(oneLine(MapSummary(m))) + ".")

	w.heading(2, "Coverage risks")
	writeRisks(&w, m.Risks)

	w.heading(2, "Org chart")
	for _, row := range m.Chart() {
		p := row.Person
		head := "**" + escapeEmph(orDash(oneLine(p.Name))) + "**"
		if t := oneLine(p.Title); t != "" {
			head += ", " + t
		}
		var facts []string
		for _, f := range MapFacts(m, p) {
			facts = append(facts, oneLine(f))
		}
		head += " — " + strings.Join(facts, "; ")
		w.line(strings.Repeat("  ", row.Depth) + "- " + head)
	}
	if len(m.People) == 0 {
		w.para("_No people yet._")
	}
	w.endList()

	w.heading(2, "Influence")
	links := m.Links()
	for _, l := range links {
		w.item(escapeEmph(orDash(oneLine(l.From.Name)))+" → "+escapeEmph(orDash(oneLine(l.To.Name))), "")
	}
	if len(links) == 0 {
		w.para("_No one is recorded as swaying anyone._")
	}
	w.endList()

	w.heading(2, "Influence × relationship")
	grid := m.Grid()
	for _, q := range model.Quadrants {
		ps := grid[q]
		w.heading(3, fmt.Sprintf("%s (%d)", q.Title(), len(ps)))
		if len(ps) == 0 {
			w.para("_Nobody._")
			continue
		}
		names := make([]string, 0, len(ps))
		for _, p := range ps {
			names = append(names, escapeEmph(orDash(oneLine(p.Name))))
		}
		w.para(escapeInlineStart(strings.Join(names, ", ")))
	}
	return w.String()
}

// writeRisks lists coverage risks, one line each: the rule, then who and
// why.
func writeRisks(w *mdWriter, risks []model.Risk) {
	for _, r := range risks {
		w.item("**"+escapeEmph(oneLine(string(r.Kind)))+":** "+escapeEmph(oneLine(r.Reason)), "")
	}
	if len(risks) == 0 {
		w.para("_No coverage risks._")
	}
	w.endList()
}

// StanceColour is the fill of a person's node in the map's drawing: green
// for a supporter, grey neutral, orange sceptic, red opponent, white when
// nobody has assessed them.
func StanceColour(s model.Stance) string {
	switch s {
	case model.StanceSupporter:
		return "#b7e1a1"
	case model.StanceNeutral:
		return "#d9d9d9"
	case model.StanceSceptic:
		return "#f9c784"
	case model.StanceOpponent:
		return "#f08a80"
	}
	return "#ffffff"
}

// riskColour outlines the people a coverage risk names.
const riskColour = "#b03a2e"

// RelMapDOT renders an account's relationship map as a Graphviz digraph: a
// node per live person labelled with name, title and role, filled by
// stance (StanceColour) and outlined in red when a coverage risk names
// them; solid edges for the reporting line (boss → report), dashed ones
// for influence (who sways → whom). Every string is quoted and escaped,
// user text on one line with its control characters replaced, so no name
// can break the graph.
func RelMapDOT(m model.RelMap) string {
	var b strings.Builder
	b.Grow(256 + 160*len(m.People))
	b.WriteString("digraph " + dotQuote("rapport map: "+dotLine(m.Account.Name)) + " {\n")
	legend := "green supporter · grey neutral · orange sceptic · red opponent · white not assessed; " +
		"solid: reports to (boss → report) · dashed: sways"
	b.WriteString("  graph [label=" + dotQuote(dotLine(accountTitle(m.Account))+" — "+dotLine(MapSummary(m))+"\n"+legend) +
		", labelloc=t, fontname=\"Helvetica\", rankdir=TB];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n")
	b.WriteString("  edge [color=\"#555555\"];\n")
	onMap := make(map[int64]bool, len(m.People))
	for _, p := range m.People {
		onMap[p.ID] = true
	}
	atRisk := map[int64]bool{}
	for _, r := range m.Risks {
		for _, p := range r.People {
			atRisk[p.ID] = true
		}
	}
	for _, p := range m.People {
		label := orDash(dotLine(p.Name))
		for _, s := range []string{dotLine(p.Title), dotLine(string(p.Role))} {
			if s != "" {
				label += "\n" + s
			}
		}
		b.WriteString("  " + dotNode(p) + " [id=" + dotQuote(dotLine(p.UID)) + ", label=" + dotQuote(label) +
			", fillcolor=" + dotQuote(StanceColour(p.Stance)))
		if atRisk[p.ID] {
			b.WriteString(", color=" + dotQuote(riskColour) + ", penwidth=2")
		}
		b.WriteString("];\n")
	}
	for _, p := range m.People {
		if p.ReportsToID != 0 && p.ReportsToID != p.ID && onMap[p.ReportsToID] {
			b.WriteString("  " + dotNodeID(p.ReportsToID) + " -> " + dotNode(p) + ";\n")
		}
	}
	for _, l := range m.Links() {
		b.WriteString("  " + dotNode(l.From) + " -> " + dotNode(l.To) + " [style=dashed, constraint=false];\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// dotNode is a person's node: named by database id, plain digits whatever
// the uid holds; the uid is the node's id attribute (an SVG element's id).
func dotNode(p model.Person) string { return dotNodeID(p.ID) }

func dotNodeID(id int64) string { return "p" + strconv.FormatInt(id, 10) }

// dotLine is user text for a label: on one line, every control character
// a visible marker (termtext.SanitizeLine), runs of space collapsed.
func dotLine(s string) string { return strings.Join(strings.Fields(termtext.SanitizeLine(s)), " ") }

// dotQuote is s as a DOT double-quoted string. Newlines become \n (a
// centred line break); a backslash is doubled, so text such as \N or \G
// is not read as one of Graphviz's escapes; a quote is escaped; other
// control characters are replaced.
func dotQuote(s string) string {
	s = replaceControls(s)
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
