package tui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The account dossier: what the Accounts pane's detail shows of one
// account, read in one command and drawn for the width it has.

// accountDossier is everything the detail side shows about one account.
type accountDossier struct {
	account       model.Account
	chart         store.OrgChart // the top of the org chart, with true counts
	briefs        []model.Brief  // the first open ones
	briefCount    int            // all of them
	followUps     []model.FollowUp
	followUpCount int // all the open ones
	notes         []model.Note
	touches       []model.Touch
	health        []model.HealthCheck
	meetings      []model.Meeting // the next few, from today on
	risks         []model.Risk    // coverage risks, worst first
}

// How much of an account's org chart the dossier draws: an account of
// dozens whole, one of thousands as its top, with what is left out counted.
const (
	chartRows    = 40
	chartPerBoss = 12
)

// readAccountDossier reads everything the dossier shows of one account,
// in three parts side by side (at an account of thousands each costs
// about as much as the others): the account and its people, its work
// (briefs, follow-ups, notes, touches), and its coverage risks.
func readAccountDossier(st Store, now func() time.Time) func(ctx ctxT, id int64) (*accountDossier, error) {
	return func(ctx ctxT, id int64) (*accountDossier, error) {
		d := &accountDossier{}
		today := model.DateOf(now())
		err := together(
			func() (err error) {
				if d.account, err = st.Account(ctx, id); err != nil {
					return err
				}
				if d.chart, err = st.OrgChart(ctx, id, store.ChartReq{Rows: chartRows, PerBoss: chartPerBoss}); err != nil {
					return err
				}
				if d.meetings, err = st.AccountMeetings(ctx, id, startOfDay(now()), dossierMeetings); err != nil {
					return err
				}
				d.health, err = st.HealthChecks(ctx, id, 24)
				return err
			},
			func() error {
				// Open briefs and follow-ups: the first few, and when there
				// are more, how many.
				const few = 10
				bp, err := st.Briefs(ctx, store.BriefFilter{AccountID: id, Open: true}, store.PageReq{Limit: few})
				if err != nil {
					return err
				}
				d.briefs, d.briefCount = bp.Items, len(bp.Items)
				if d.briefCount == few {
					if d.briefCount, err = st.CountBriefs(ctx, store.BriefFilter{AccountID: id, Open: true}); err != nil {
						return err
					}
				}
				fp, err := st.FollowUps(ctx, store.FollowUpFilter{AccountID: id}, store.PageReq{Limit: few})
				if err != nil {
					return err
				}
				d.followUps, d.followUpCount = fp.Items, len(fp.Items)
				if d.followUpCount == few {
					if d.followUpCount, err = st.CountFollowUps(ctx, store.FollowUpFilter{AccountID: id}); err != nil {
						return err
					}
				}
				np, err := st.Notes(ctx, store.NoteFilter{AccountID: id}, store.PageReq{Limit: 6})
				if err != nil {
					return err
				}
				d.notes = np.Items
				tp, err := st.Touches(ctx, store.TouchFilter{AccountID: id}, store.PageReq{Limit: 5})
				d.touches = tp.Items
				return err
			},
			func() error {
				c, err := st.Coverage(ctx, id, today)
				d.risks = c.Risks(today)
				return err
			},
		)
		if err != nil {
			return nil, err
		}
		return d, nil
	}
}

// together runs reads side by side (each store call reads on a connection
// of its own) and returns the first error once all have finished.
func together(reads ...func() error) error {
	errs := make(chan error, len(reads))
	for _, r := range reads[1:] {
		go func() { errs <- r() }()
	}
	err := reads[0]()
	for range reads[1:] {
		if e := <-errs; err == nil {
			err = e
		}
	}
	return err
}

// renderDossier is everything about one account, in the order it is
// read: its people (the org chart), its open briefs and follow-ups and its
// health first; then the facts, the notes and touches. Why it ranks where
// it does — the score's parts and formula — folds behind a key. Focused on
// a wide terminal it spreads over two columns; beside the list it is one
// scrolling column.
func (p *accountsPane) renderDossier(d *accountDossier) dpage {
	st := p.c.styles
	a := d.account
	w := p.b.detailWidth() - 1
	cols := p.b.wide() && w >= 100
	var sh dsheet
	title := st.Title.Render(termtext.SanitizeLine(a.Name)) + " " + st.badge(string(a.Tier), string(a.Tier))
	if a.Archived() {
		title += st.Muted.Render(" archived")
	}
	if rank := p.rank(a.ID); rank != "" {
		title += st.Muted.Render("  " + rank)
	}
	head := plain(title)
	if hl := p.healthLine(d); hl != "" {
		head = append(head, plain(termtext.Clip(hl, w))...)
	}
	if !cols {
		body := sections(meetingsSection(p.c, &sh, d.meetings, w), risksSection(st, &sh, d.risks, w), p.people(&sh, d, w), p.openBriefs(&sh, d, w), followUpsSection(p.c, &sh, d.followUps, d.followUpCount, w, 10),
			p.accountFields(a, w), p.why(a, w), p.health(d, w), p.recentNotes(&sh, d, w, 6),
			touchesSection(st, &sh, "Recent touches", d.touches, w, 5))
		return dpage{head: head, left: body, items: sh.items}
	}
	cw := (w - portfolioGap) / 2
	left := sections(meetingsSection(p.c, &sh, d.meetings, cw), risksSection(st, &sh, d.risks, cw), p.people(&sh, d, cw), p.openBriefs(&sh, d, cw), followUpsSection(p.c, &sh, d.followUps, d.followUpCount, cw, 5))
	right := sections(p.accountFields(a, cw), p.why(a, cw), p.health(d, cw), p.recentNotes(&sh, d, cw, 4),
		touchesSection(st, &sh, "Recent touches", d.touches, cw, 4))
	return dpage{head: head, left: left, right: right, colW: cw, gap: portfolioGap, items: sh.items}
}

// risksSection is the account's coverage risks, a line each: a risk about
// a person is that person's item (enter opens them). M shows the map.
func risksSection(st Styles, sh *dsheet, risks []model.Risk, w int) []dline {
	if len(risks) == 0 {
		return nil
	}
	out := plain(st.Heading.Render("Coverage risks") + st.Muted.Render(fmt.Sprintf("  %d · %s map", len(risks), keyName(keyMap.item.Map))))
	for _, r := range risks {
		line := termtext.Clip(st.Warn.Render("⚠ "+string(r.Kind))+" "+termtext.SanitizeLine(r.Reason), w)
		if len(r.People) == 1 && !r.People[0].Archived() {
			out = append(out, of(sh.add(dItem{kind: store.HitPerson, id: r.People[0].ID}), line)...)
			continue
		}
		out = append(out, plain(line)...)
	}
	return out
}

// healthLine is the account's health in one line under its name: the
// latest satisfaction (and whether it fell), the latest revenue recorded.
func (p *accountsPane) healthLine(d *accountDossier) string {
	st := p.c.styles
	var sat []int
	var rev *model.Money
	for _, h := range d.health {
		if h.Satisfaction != nil {
			sat = append(sat, *h.Satisfaction)
		}
		if h.Revenue != nil {
			rev = h.Revenue
		}
	}
	var parts []string
	if n := len(sat); n > 0 {
		s := fmt.Sprintf("satisfaction %d/10", sat[n-1])
		if n > 1 && sat[n-1] < sat[n-2] {
			s = st.Warn.Render(s + fmt.Sprintf(" ↓ from %d", sat[n-2]))
		}
		parts = append(parts, s)
	}
	if rev != nil {
		parts = append(parts, "revenue "+rev.Short())
	}
	if len(parts) == 0 {
		return ""
	}
	last := d.health[len(d.health)-1].On
	return st.Muted.Render("Health: ") + strings.Join(parts, st.Muted.Render(" · ")) + st.Muted.Render(" ("+ago(last, p.c.today())+")")
}

// rank is "#2 of 40 by priority" while the list shows this account selected.
func (p *accountsPane) rank(id int64) string {
	a, ok := p.b.list.selected()
	if !ok || a.ID != id || p.b.list.total == 0 || p.b.list.counting {
		return ""
	}
	return fmt.Sprintf("#%d of %d by %s", p.b.list.sel+1, p.b.list.total, p.sort)
}

// neighbours are the accounts ranked just above and below id in the loaded
// part of the list.
func (p *accountsPane) neighbours(id int64) (above, below *model.Account) {
	l := &p.b.list
	for i, a := range l.items {
		if a.ID != id {
			continue
		}
		if i > 0 {
			above = &l.items[i-1]
		}
		if i+1 < len(l.items) {
			below = &l.items[i+1]
		}
	}
	return above, below
}

// compareLine says where the points between a and another account come
// from: "Ahead of Globex (50.7) by 18.5: importance +10.0, revenue +6.3".
func compareLine(verb string, a, other model.Account) string {
	pa, po := a.Priority(), other.Priority()
	type diff struct {
		name string
		d    float64
	}
	var ds []diff
	for i := range pa.Parts {
		ds = append(ds, diff{pa.Parts[i].Name, pa.Parts[i].Points - po.Parts[i].Points})
	}
	ahead := verb == "Ahead of"
	sort.SliceStable(ds, func(i, j int) bool {
		if ahead {
			return ds[i].d > ds[j].d
		}
		return ds[i].d < ds[j].d
	})
	var why []string
	for _, d := range ds {
		if len(why) == 3 || ahead && d.d < 0.05 || !ahead && d.d > -0.05 {
			break
		}
		why = append(why, fmt.Sprintf("%s %+.1f", d.name, d.d))
	}
	gap := pa.Score - po.Score
	if !ahead {
		gap = -gap
	}
	line := fmt.Sprintf("%s %s (%.1f) by %.1f", verb, termtext.SanitizeLine(other.Name), po.Score, gap)
	if len(why) > 0 {
		line += ": " + strings.Join(why, ", ")
	}
	return line
}

// wrapLines wraps text to w cells, indenting every line.
func wrapLines(s string, w, indent int) []string {
	pad := strings.Repeat(" ", indent)
	return strings.Split(pad+wrapIndent(s, w-indent, indent), "\n")
}

// accountField is a dossier line with a label wide enough for "Hard to
// replace".
func accountField(st Styles, label, value string, w int) string {
	if value == "" {
		return ""
	}
	return st.Label.Render(termtext.Fit(label, 16)) + " " + wrapIndent(termtext.SanitizeLine(value), w-17, 17)
}

func (p *accountsPane) accountFields(a model.Account, w int) []dline {
	st := p.c.styles
	money := func(m model.Money) string {
		if m == 0 {
			return ""
		}
		return strings.TrimSpace(a.Currency + " " + m.Long())
	}
	scale := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n) + "/5"
	}
	out := lines(
		accountField(st, "Revenue / year", money(a.Revenue), w),
		accountField(st, "Potential / year", money(a.Potential), w),
		accountField(st, "Outlook", string(a.Outlook), w),
		accountField(st, "Importance", scale(a.Importance), w),
		accountField(st, "Hard to replace", scale(a.Replaceability), w),
		accountField(st, "Industry", a.Industry, w),
		accountField(st, "Region", strings.Join(nonEmpty(a.Region, a.Countries), " · "), w),
		accountField(st, "Last touch", model.Age(a.LastTouchOn, p.c.today()), w),
		accountField(st, "Brand & values", a.Brand, w),
		accountField(st, "Direction", a.Direction, w),
		accountField(st, "Notes", a.Notes, w),
	)
	return fieldLines(out)
}

// why is the priority score; with showWhy (its key), its parts — what
// each input is worth, so the rank can be trusted and argued with — and
// the formula.
func (p *accountsPane) why(a model.Account, w int) []dline {
	st := p.c.styles
	pr := a.Priority()
	head := st.Heading.Render(fmt.Sprintf("Priority %.1f of 100", pr.Score))
	if !p.showWhy {
		return plain(head + st.Muted.Render(" — "+keyName(p.keys.Why)+" shows why"))
	}
	out := []string{head + st.Muted.Render(" — why this rank ("+keyName(p.keys.Why)+" folds it)")}
	barW := min(max(w-2-21-1-24, 4), 10)
	for _, part := range pr.Parts {
		out = append(out, termtext.Clip(fmt.Sprintf("  %s %s %s", termtext.Fit(part.Name, 20), st.bar(part.Value, barW),
			st.Muted.Render(fmt.Sprintf("%4.1f of %2.0f  %s", part.Points, part.Weight, part.Input))), w))
	}
	if p.sort == store.SortPriority {
		above, below := p.neighbours(a.ID)
		if below != nil {
			out = append(out, wrapLines(compareLine("Ahead of", a, *below), w, 2)...)
		}
		if above != nil {
			out = append(out, wrapLines(compareLine("Behind", a, *above), w, 2)...)
		}
	}
	formula := wrapIndent(model.ScoreFormula, w-2, 2)
	for _, l := range strings.Split(formula, "\n") {
		out = append(out, st.Muted.Render("  "+strings.TrimLeft(l, " ")))
	}
	return plain(out...)
}

func (p *accountsPane) health(d *accountDossier, w int) []dline {
	st := p.c.styles
	if len(d.health) == 0 {
		return plain(st.Heading.Render("Health"), st.Muted.Render(termtext.Clip("  no checks yet — "+keyName(keyMap.item.Health)+" records satisfaction and revenue", w)))
	}
	var sat, rev []float64
	for _, h := range d.health {
		if h.Satisfaction != nil {
			sat = append(sat, float64(*h.Satisfaction))
		}
		if h.Revenue != nil {
			rev = append(rev, h.Revenue.Major())
		}
	}
	last := d.health[len(d.health)-1]
	out := []string{st.Heading.Render("Health") + st.Muted.Render(fmt.Sprintf(" · %d %s, last %s", len(d.health), termtext.Plural(len(d.health), "check", "checks"), last.On))}
	spark := max(min(w-30, 24), 4)
	tail := func(v []float64) []float64 {
		if len(v) > spark {
			return v[len(v)-spark:]
		}
		return v
	}
	if len(sat) > 0 {
		line := "  satisfaction " + st.Good.Render(sparkline(tail(sat))) + fmt.Sprintf(" %.0f/10", sat[len(sat)-1])
		if len(sat) > 1 && sat[len(sat)-1] < sat[len(sat)-2] {
			line += st.Warn.Render(fmt.Sprintf("  ↓ fell from %.0f", sat[len(sat)-2]))
		}
		out = append(out, termtext.Clip(line, w))
	}
	if len(rev) > 0 {
		out = append(out, termtext.Clip("  revenue      "+st.Bar.Render(sparkline(tail(rev)))+" "+model.Money(rev[len(rev)-1]*model.MinorPerMajor).Short(), w))
	}
	return plain(out...)
}

func (p *accountsPane) people(sh *dsheet, d *accountDossier, w int) []dline {
	st := p.c.styles
	out := plain(st.Heading.Render(fmt.Sprintf("People (%d)", d.chart.People)) + st.Muted.Render(" · last touch / cadence"))
	if d.chart.People == 0 {
		return append(out, plain(st.Muted.Render(termtext.Clip("  nobody yet — add people in the People pane ("+keyName(keyMap.global.Pane3)+", then "+keyName(keyMap.list.New)+")", w)))...)
	}
	out = append(out, orgChart(sh, d.chart, st, p.c.today(), w)...)
	if shown := len(d.chart.Rows); shown < d.chart.People {
		out = append(out, plain(st.Muted.Render(termtext.Clip(fmt.Sprintf("  %d of %d shown — %s (scope), then %s, lists them all",
			shown, d.chart.People, keyName(keyMap.global.Scope), keyName(keyMap.global.Pane3)), w)))...)
	}
	return out
}

func (p *accountsPane) openBriefs(sh *dsheet, d *accountDossier, w int) []dline {
	st := p.c.styles
	if len(d.briefs) == 0 {
		return nil
	}
	out := plain(st.Heading.Render("Open briefs"))
	for _, br := range d.briefs {
		stage := st.Muted.Render(" · " + string(br.Stage))
		out = append(out, of(sh.add(dItem{kind: store.HitBrief, id: br.ID}), "  "+termtext.Clip(termtext.SanitizeLine(br.Title), w-2-termtext.Width(stage))+stage)...)
	}
	if more := d.briefCount - len(d.briefs); more > 0 {
		out = append(out, plain(st.Muted.Render(fmt.Sprintf("  … and %d more in Briefs (%s)", more, keyName(keyMap.global.Pane4))))...)
	}
	return out
}

func (p *accountsPane) recentNotes(sh *dsheet, d *accountDossier, w, limit int) []dline {
	st := p.c.styles
	if len(d.notes) == 0 {
		return nil
	}
	out := plain(st.Heading.Render("Recent notes"))
	for i, n := range d.notes {
		if i == limit {
			break
		}
		who := ""
		if n.PersonName != "" {
			who = termtext.SanitizeLine(n.PersonName) + ": "
		}
		note := n
		out = append(out, of(sh.add(dItem{kind: store.HitNote, id: n.ID, note: &note}),
			termtext.Clip("  "+st.Muted.Render(n.On.String())+" "+pinMark(n, st)+who+termtext.SanitizeLine(noteHead(n.Text, w)), w))...)
	}
	return out
}

// orgChart draws reports-to as an indented tree, each person an item:
// the chart's rows, depth first, and under a person whose reports are not
// all there, how many more report to them.
func orgChart(sh *dsheet, c store.OrgChart, st Styles, today model.Date, w int) []dline {
	var out []dline
	more := func(depth, n int, to string) {
		line := "  … and " + fmt.Sprint(n) + " more at the top"
		if to != "" {
			line = "  " + strings.Repeat("  ", depth) + "└ … and " + fmt.Sprint(n) + " more reporting to " + termtext.SanitizeLine(to)
		}
		out = append(out, plain(st.Muted.Render(termtext.Clip(line, w)))...)
	}
	// open are the rows whose reports are still being drawn.
	var open []store.ChartRow
	closeTo := func(depth int) {
		for len(open) > 0 && open[len(open)-1].Depth >= depth {
			r := open[len(open)-1]
			open = open[:len(open)-1]
			if r.Shown < r.Reports {
				more(r.Depth+1, r.Reports-r.Shown, r.Person.Name)
			}
		}
	}
	for _, r := range c.Rows {
		closeTo(r.Depth)
		open = append(open, r)
		p := r.Person
		indent := strings.Repeat("  ", r.Depth)
		branch := ""
		if r.Depth > 0 {
			branch = "└ "
		}
		cad := p.Cadence(p.AccountTier)
		last := model.Age(p.LastTouchOn, today)
		lastStyle := st.Muted
		if !p.TouchDueOn.IsZero() && !p.TouchDueOn.After(today) {
			lastStyle = st.Overdue
		}
		line := "  " + indent + branch + termtext.SanitizeLine(p.Name)
		if p.Role != "" {
			line += " " + st.badge(string(p.Role), string(p.Role))
		}
		line += " " + lastStyle.Render(fmt.Sprintf("last %s / every %dd", last, cad))
		out = append(out, of(sh.add(dItem{kind: store.HitPerson, id: p.ID}), termtext.Clip(line, w))...)
	}
	closeTo(0)
	if c.TopShown < c.Top {
		more(0, c.Top-c.TopShown, "")
	}
	return out
}

// replaceLastLine swaps the last line of a block (for an inline question).
func replaceLastLine(s, last string) string {
	i := strings.LastIndexByte(s, '\n')
	if i < 0 {
		return last
	}
	return s[:i+1] + last
}
