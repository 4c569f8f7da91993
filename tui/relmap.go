package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The relationship map (M on an account or a person): the account's org
// chart with each person's role, influence, strength, stance and last
// touch; its coverage risks; the grid of influence × relationship
// strength; and who sways whom. It lies over every pane; j/k move between
// the people, enter opens a dossier (esc there comes back to the map).

// openMapMsg asks the root to open the map of an account, the cursor on
// one of its people (0: the first).
type openMapMsg struct{ accountID, personID int64 }

func openMap(accountID, personID int64) tea.Cmd {
	if accountID == 0 {
		return nil
	}
	return func() tea.Msg { return openMapMsg{accountID, personID} }
}

// relMapMsg carries a map read.
type relMapMsg struct {
	gen int
	m   model.RelMap
	err error
}

// relMapView is the open map. Its lines are laid out when the map
// arrives and on a resize; a frame draws only the rows in sight.
type relMapView struct {
	c         *common
	keys      relMapKeys
	accountID int64
	focus     int64 // the person the cursor goes to once the map is read
	gen       int
	data      *model.RelMap
	err       error

	w, h int
	head []string
	// The left column is pre, then the org chart's people (a line each,
	// drawn only when in sight), then post; right is nil for one column.
	pre, post   []dline
	chart       []model.ChartRow
	chartW      int
	flagged     map[int64]bool
	right       []dline
	colW        int
	people      []int64 // each item's person: item i is chart[i]
	cursor, top int
}

// relMapKeys are the map's own keys; the moves are the list's.
type relMapKeys struct {
	Open, Close key.Binding
}

func newRelMapKeys() relMapKeys {
	return relMapKeys{
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "dossier")),
		Close: key.NewBinding(key.WithKeys("esc", "M"), key.WithHelp("esc/M", "close map")),
	}
}

// The map's layout: two columns from mapTwoCols cells, the chart on the
// left (mapLeftShare of the width); a grid box lists mapBoxNames names.
const (
	mapTwoCols   = 110
	mapLeftShare = 0.55
	mapGap       = 3
	mapBoxNames  = 6
)

// newRelMap opens the map of an account and reads it.
func newRelMap(c *common, accountID, personID int64, w, h int) (*relMapView, tea.Cmd) {
	c.mapReads++
	v := &relMapView{c: c, keys: newRelMapKeys(), accountID: accountID, focus: personID, gen: c.mapReads}
	v.setSize(w, h)
	return v, v.load()
}

func (v *relMapView) load() tea.Cmd {
	st, today, gen, id := v.c.store, v.c.today(), v.gen, v.accountID
	return func() tea.Msg {
		ctx, cancel := v.c.ctx()
		defer cancel()
		m, err := st.AccountMap(ctx, id, today)
		return relMapMsg{gen: gen, m: m, err: err}
	}
}

// reload reads the map again in place (data changed), keeping the cursor
// on the same person.
func (v *relMapView) reload() tea.Cmd {
	v.c.mapReads++
	v.gen = v.c.mapReads
	if id, ok := v.current(); ok {
		v.focus = id
	}
	return v.load()
}

// set takes a map read; it is dropped when a newer read is on its way.
func (v *relMapView) set(msg relMapMsg) {
	if msg.gen != v.gen {
		return
	}
	v.err = msg.err
	if msg.err == nil {
		m := msg.m
		v.data = &m
	}
	v.layout()
	if v.focus != 0 {
		for i, id := range v.people {
			if id == v.focus {
				v.cursor = i
				v.reveal()
				break
			}
		}
		v.focus = 0
	}
}

// setSize lays the map out for the area under the header (w×h with the
// status and footer lines taken off by the root).
func (v *relMapView) setSize(w, h int) {
	v.w, v.h = w, h
	id, ok := v.current()
	v.layout()
	if ok {
		for i, pid := range v.people {
			if pid == id {
				v.cursor = i
			}
		}
		v.reveal()
	}
}

func (v *relMapView) current() (int64, bool) {
	if v.cursor < 0 || v.cursor >= len(v.people) {
		return 0, false
	}
	return v.people[v.cursor], true
}

func (v *relMapView) bodyHeight() int { return max(v.h-len(v.head), 1) }

func (v *relMapView) rows() int { return max(len(v.pre)+len(v.chart)+len(v.post), len(v.right)) }

// leftLine is row i of the left column.
func (v *relMapView) leftLine(i int) dline {
	switch {
	case i < len(v.pre):
		return v.pre[i]
	case i < len(v.pre)+len(v.chart):
		return v.chartLine(i - len(v.pre))
	case i < len(v.pre)+len(v.chart)+len(v.post):
		return v.post[i-len(v.pre)-len(v.chart)]
	}
	return dline{"", -1}
}

// reveal scrolls so the cursor's line in the org chart is in sight.
func (v *relMapView) reveal() {
	if v.cursor < 0 || v.cursor >= len(v.chart) {
		return
	}
	line, h := len(v.pre)+v.cursor, v.bodyHeight()
	if line < v.top {
		v.top = line
	}
	if line >= v.top+h {
		v.top = line - h + 1
	}
	v.top = min(max(v.top, 0), max(v.rows()-h, 0))
}

// update acts on a key in the open map; closed reports that it closed.
func (v *relMapView) update(msg tea.KeyMsg) (cmd tea.Cmd, closed bool) {
	l := keyMap.list
	h := v.bodyHeight()
	move := func(d int) {
		if len(v.people) == 0 {
			v.top = min(max(v.top+d, 0), max(v.rows()-h, 0))
			return
		}
		next := min(max(v.cursor+d, 0), len(v.people)-1)
		if next == v.cursor {
			// At either end of the people, the page itself scrolls on:
			// the sections after the chart come into sight.
			v.top = min(max(v.top+d, 0), max(v.rows()-h, 0))
			return
		}
		v.cursor = next
		v.reveal()
	}
	switch {
	case key.Matches(msg, v.keys.Close):
		return nil, true
	case key.Matches(msg, v.keys.Open):
		if id, ok := v.current(); ok {
			return func() tea.Msg { return openMsg{kind: store.HitPerson, id: id, back: true} }, false
		}
	case key.Matches(msg, l.Down):
		move(1)
	case key.Matches(msg, l.Up):
		move(-1)
	case key.Matches(msg, l.PageDown):
		move(h - 1)
	case key.Matches(msg, l.PageUp):
		move(-(h - 1))
	case key.Matches(msg, l.Top):
		v.cursor, v.top = 0, 0
	case key.Matches(msg, l.Bottom):
		v.cursor = max(len(v.people)-1, 0)
		v.top = max(v.rows()-h, 0)
	}
	return nil, false
}

func (v *relMapView) help() bindings {
	l := keyMap.list
	return bindings{short: []key.Binding{l.Down, l.Up, v.keys.Open, v.keys.Close},
		full: [][]key.Binding{{l.Down, l.Up, l.PageDown, l.PageUp, l.Top, l.Bottom, v.keys.Open, v.keys.Close}}}
}

// guide is the map's keys in the full help.
func (v *relMapView) guide() keyGroup {
	l := keyMap.list
	return keyGroup{"Relationship map", []key.Binding{l.Down, l.Up, l.PageDown, l.PageUp, l.Top, l.Bottom, v.keys.Open, v.keys.Close}}
}

// view draws the head and the rows in sight.
func (v *relMapView) view() string {
	st := v.c.styles
	out := make([]string, 0, v.h)
	for _, l := range v.head {
		out = append(out, termtext.Clip(l, v.w))
	}
	put := func(l dline, width int) string {
		if l.item >= 0 && l.item == v.cursor {
			return st.onSelection(termtext.Fit(l.text, width))
		}
		return l.text
	}
	end := min(v.top+v.bodyHeight(), v.rows())
	cursorAt := -1
	if v.cursor >= 0 && v.cursor < len(v.chart) {
		cursorAt = len(v.pre) + v.cursor
	}
	for i := v.top; i < end; i++ {
		var l, r dline
		l.item, r.item = -1, -1
		l = v.leftLine(i)
		if i == cursorAt {
			// The cursor's line in the chart is marked without colour too.
			l.text = "▸" + strings.TrimPrefix(l.text, " ")
		}
		if v.right == nil {
			out = append(out, termtext.Clip(put(l, v.w), v.w))
			continue
		}
		if i < len(v.right) {
			r = v.right[i]
		}
		out = append(out, termtext.Fit(put(l, v.colW), v.colW)+strings.Repeat(" ", mapGap)+termtext.Clip(put(r, v.w-v.colW-mapGap), v.w-v.colW-mapGap))
	}
	return padLines(strings.Join(out, "\n"), v.w, v.h)
}

// layout draws every line of the map for the current width.
func (v *relMapView) layout() {
	st := v.c.styles
	w := max(v.w, 20)
	v.pre, v.post, v.chart, v.right, v.people = nil, nil, nil, nil, nil
	close := st.Muted.Render("  " + keyName(v.keys.Open) + " dossier · " + keyName(v.keys.Close))
	switch {
	case v.err != nil:
		v.head = []string{st.Heading.Render("Relationship map") + close, "",
			st.StatusErr.Render(termtext.Clip("Could not read the map: "+errText(v.err), w))}
		return
	case v.data == nil:
		v.head = []string{st.Heading.Render("Relationship map") + close, "", st.Muted.Render("Reading the map…")}
		return
	}
	m := *v.data
	facts := []string{string(m.Account.Tier), fmt.Sprintf("%d %s", len(m.People), termtext.Plural(len(m.People), "person", "people"))}
	if n := len(m.Risks); n > 0 {
		facts = append(facts, st.Warn.Render(fmt.Sprintf("%d %s", n, termtext.Plural(n, "risk", "risks"))))
	} else {
		facts = append(facts, st.Good.Render("no coverage risks"))
	}
	title := st.Heading.Render("Relationship map · ") + st.Title.Render(termtext.SanitizeLine(m.Account.Name)) + "  " +
		st.Muted.Render(strings.Join(nonEmpty(facts...), " · "))
	if w < 100 {
		close = "" // the footer has the keys
	}
	v.head = []string{twoCols(title, close, w), ""}
	if len(m.People) == 0 {
		v.pre = plain(st.Empty.Render("Nobody at " + termtext.SanitizeLine(m.Account.Name) + " yet — add people in the People pane (" +
			keyName(keyMap.list.New) + ")."))
		return
	}
	chart := m.Chart()
	item := make(map[int64]int, len(chart))
	for i, r := range chart {
		item[r.Person.ID] = i
		v.people = append(v.people, r.Person.ID)
	}
	itemOf := func(ps []model.Person) int {
		for _, p := range ps {
			if i, ok := item[p.ID]; ok {
				return i
			}
		}
		return -1
	}
	v.flagged = map[int64]bool{}
	for _, r := range m.Risks {
		for _, p := range r.People {
			v.flagged[p.ID] = true
		}
	}
	v.chart = chart

	if w < mapTwoCols {
		v.chartW = w
		v.pre = sections(v.riskLines(m, w, itemOf), v.chartHead(len(chart), w))
		v.post = append([]dline{{"", -1}}, sections(v.gridLines(m, w, item), v.linkLines(m, w, item))...)
		return
	}
	v.colW = int(float64(w-mapGap) * mapLeftShare)
	v.chartW = v.colW
	rw := w - v.colW - mapGap
	v.pre = v.chartHead(len(chart), v.colW)
	v.right = sections(v.riskLines(m, rw, itemOf), v.gridLines(m, rw, item), v.linkLines(m, rw, item))
}

// chartHead is the org chart's heading and its column heads.
func (v *relMapView) chartHead(n, w int) []dline {
	st := v.c.styles
	return plain(st.Heading.Render("Org chart")+st.Muted.Render(fmt.Sprintf("  %d", n)),
		twoCols("", st.ColumnHead.Render(mapFacts("role", "infl", "rel", "stance", "touch")), w))
}

// chartLine is the org chart's i-th person, indented under their boss,
// with their facts in columns: their item, drawn when in sight.
func (v *relMapView) chartLine(i int) dline {
	st, w := v.c.styles, v.chartW
	const factsW = 38 // role, influence, strength, stance, last touch
	r := v.chart[i]
	p := r.Person
	indent := strings.Repeat("  ", min(r.Depth, 12))
	if r.Depth > 0 {
		indent += "└ "
	}
	mark := "  "
	if v.flagged[p.ID] {
		mark = st.Warn.Render("⚠ ")
	}
	name := mark + indent + termtext.SanitizeLine(p.Name)
	if p.Title != "" && w >= 70 {
		name += st.Muted.Render(" · " + termtext.SanitizeLine(p.Title))
	}
	touch := "never"
	if d, ok := v.data.IdleDays(p); ok {
		touch = fmt.Sprintf("%dd", d)
	}
	f := mapFacts(string(p.Role), scaleNum(p.Influence), scaleNum(p.Strength), string(p.Stance), touch)
	line := name
	if w >= factsW+16 {
		line = twoCols(name, stanceStyle(st, p.Stance).Render(f), w)
	}
	return dline{termtext.Clip(line, w), i}
}

// mapFacts sets a person's facts in fixed columns, so they line up.
func mapFacts(role, infl, rel, stance, touch string) string {
	return termtext.Fit(role, 14) + " " + termtext.Fit(infl, 4) + " " + termtext.Fit(rel, 3) + " " + termtext.Fit(stance, 9) + " " +
		fmt.Sprintf("%5s", touch)
}

func scaleNum(n int) string {
	if n == 0 {
		return "—"
	}
	return itoa(n)
}

// stanceStyle colours a person's facts by where they stand; the word is
// there too, so nothing depends on colour.
func stanceStyle(st Styles, s model.Stance) lipgloss.Style {
	switch s {
	case model.StanceSupporter:
		return st.Good
	case model.StanceSceptic:
		return st.Warn
	case model.StanceOpponent:
		return st.Overdue
	}
	return st.Muted
}

// riskLines are the coverage risks, a line (or a few, wrapped) each; a
// risk about someone on the map is that person's item.
func (v *relMapView) riskLines(m model.RelMap, w int, itemOf func([]model.Person) int) []dline {
	st := v.c.styles
	if len(m.Risks) == 0 {
		return plain(st.Heading.Render("Coverage risks"), st.Good.Render(termtext.Clip("  None: every decider is covered and more than one person is in touch.", w)))
	}
	out := plain(st.Heading.Render("Coverage risks") + st.Muted.Render(fmt.Sprintf("  %d", len(m.Risks))))
	for _, r := range m.Risks {
		it := itemOf(r.People)
		text := wrap(string(r.Kind)+" — "+termtext.SanitizeLine(r.Reason), max(w-4, 10))
		for j, l := range strings.Split(text, "\n") {
			prefix := "  "
			if j == 0 {
				prefix = st.Warn.Render("⚠ ")
			}
			out = append(out, dline{termtext.Clip(prefix+l, w), it})
		}
	}
	return out
}

// gridLines are the four boxes of influence × relationship strength: two
// side by side where they fit, else one under another. The top left box
// (high influence, weak relationship) is where to act.
func (v *relMapView) gridLines(m model.RelMap, w int, item map[int64]int) []dline {
	st := v.c.styles
	grid := m.Grid()
	box := func(q model.Quadrant, bw int) []dline {
		ps := grid[q]
		title := q.Title()
		if lipgloss.Width(title)+5 > bw {
			title = q.Short()
		}
		head := st.Label.Render(fmt.Sprintf("%s (%d)", title, len(ps)))
		if q == model.QuadAct && len(ps) > 0 {
			head = st.Warn.Render(fmt.Sprintf("%s (%d)", title, len(ps)))
		}
		out := []dline{{termtext.Clip(head, bw), -1}}
		for i, p := range ps {
			if i == mapBoxNames {
				out = append(out, plain(st.Muted.Render(fmt.Sprintf("  … and %d more", len(ps)-i)))...)
				break
			}
			line := fmt.Sprintf("  %s %s", termtext.SanitizeLine(p.Name), st.Muted.Render(fmt.Sprintf("i%s r%s", scaleNum(p.Influence), scaleNum(p.Strength))))
			out = append(out, dline{termtext.Clip(line, bw), item[p.ID]})
		}
		if len(ps) == 0 {
			out = append(out, plain(st.Muted.Render("  nobody"))...)
		}
		return out
	}
	out := plain(st.Heading.Render("Influence × relationship") + st.Muted.Render(fmt.Sprintf("  influence ≥ %d is high, relationship ≥ %d strong", model.GridInfluence, model.GridStrength)))
	bw := (w - mapGap) / 2
	if bw < 30 {
		for _, q := range model.Quadrants {
			out = append(out, box(q, w)...)
		}
		return out
	}
	for _, pair := range [][2]model.Quadrant{{model.QuadAct, model.QuadKeep}, {model.QuadWatch, model.QuadMaintain}} {
		l, r := box(pair[0], bw), box(pair[1], bw)
		for i := range max(len(l), len(r)) {
			a, b := dline{"", -1}, dline{"", -1}
			if i < len(l) {
				a = l[i]
			}
			if i < len(r) {
				b = r[i]
			}
			// One line holds two people: it is the left one's item, and
			// the right one's when the left is blank.
			it := a.item
			if it < 0 {
				it = b.item
			}
			out = append(out, dline{termtext.Fit(a.text, bw) + strings.Repeat(" ", mapGap) + termtext.Clip(b.text, bw), it})
		}
	}
	return out
}

// linkLines are the informal influence lines, each the swayer's item.
func (v *relMapView) linkLines(m model.RelMap, w int, item map[int64]int) []dline {
	st := v.c.styles
	links := m.Links()
	if len(links) == 0 {
		return plain(st.Heading.Render("Influence"), st.Muted.Render(termtext.Clip("  No informal influence mapped: e on a person sets whom they sway.", w)))
	}
	out := plain(st.Heading.Render("Influence") + st.Muted.Render(fmt.Sprintf("  %d %s outside the reporting line", len(links), termtext.Plural(len(links), "line", "lines"))))
	for _, l := range links {
		line := "  " + termtext.SanitizeLine(l.From.Name) + st.Muted.Render(" → sways → ") + termtext.SanitizeLine(l.To.Name)
		out = append(out, dline{termtext.Clip(line, w), item[l.From.ID]})
	}
	return out
}
