package tui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// portfolioView is the Accounts pane's portfolio view (P): how concentrated
// revenue is, the split by tier and region, the accounts that could become
// key, whose satisfaction fell and where opportunities were opened this
// quarter. j/k scroll it.
type portfolioView struct {
	c      *common
	scroll int
	data   *store.Portfolio
	today  model.Date
	err    error
}

// portfolioMsg carries the portfolio figures.
type portfolioMsg struct {
	p     store.Portfolio
	today model.Date
	err   error
}

func (v *portfolioView) load() tea.Cmd {
	st, today := v.c.store, v.c.today()
	return func() tea.Msg {
		ctx, cancel := v.c.ctx()
		defer cancel()
		p, err := st.Portfolio(ctx, today)
		return portfolioMsg{p: p, today: today, err: err}
	}
}

func (v *portfolioView) set(msg portfolioMsg) {
	v.err = msg.err
	if msg.err != nil {
		return
	}
	p := msg.p
	v.data, v.today = &p, msg.today
}

// portfolioGap separates side-by-side sections; portfolioColMin is the
// narrowest a column may be before sections stack instead.
const (
	portfolioGap    = 3
	portfolioColMin = 44
)

func (v *portfolioView) view(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	ls := v.lines(w)
	ls = ls[min(v.scroll, max(len(ls)-h, 0)):]
	if len(ls) > h {
		hidden := len(ls) - h + 1 // the last row shown becomes the hint
		ls = ls[:h]
		ls[h-1] = v.c.styles.Muted.Render(fmt.Sprintf("↓ %d more · j/k scroll", hidden))
	}
	return padLines(strings.Join(ls, "\n"), w, h)
}

// scrollBy moves the view by delta lines, no further than its end at w×h.
func (v *portfolioView) scrollBy(delta, w, h int) {
	v.scroll = min(max(v.scroll+delta, 0), max(len(v.lines(w))-h, 0))
}

// lines renders the whole portfolio, unscrolled, each line at most w cells.
func (v *portfolioView) lines(w int) []string {
	st := v.c.styles
	switch {
	case v.err != nil:
		return []string{st.Heading.Render("Portfolio"), "",
			st.StatusErr.Render(termtext.Clip("Could not load the portfolio: "+termtext.SanitizeLine(errText(v.err)), w))}
	case v.data == nil:
		return []string{st.Heading.Render("Portfolio"), "", st.Muted.Render("Loading the portfolio…")}
	case v.data.Accounts == 0:
		return append([]string{st.Heading.Render("Portfolio")},
			strings.Split(st.Empty.Render("No accounts yet — press "+keyName(keyMap.account.PortfolioClose)+", then "+keyName(keyMap.list.New)+" to add one."), "\n")...)
	}
	p := v.data
	currency := ""
	if len(p.Currencies) == 1 {
		currency = " " + termtext.SanitizeLine(p.Currencies[0])
	}
	out := []string{termtext.Clip(st.Heading.Render("Portfolio")+st.Muted.Render(fmt.Sprintf(" · %d %s · revenue %s%s · %s closes",
		p.Accounts, termtext.Plural(p.Accounts, "account", "accounts"), p.TotalRevenue.Short(), currency, keyName(keyMap.account.PortfolioClose))), w)}
	if len(p.Currencies) > 1 {
		cs := make([]string, len(p.Currencies))
		for i, c := range p.Currencies {
			cs[i] = termtext.SanitizeLine(c)
		}
		out = append(out, st.Warn.Render(termtext.Clip("⚠ Amounts in "+strings.Join(cs, ", ")+" are summed as entered, without conversion.", w)))
	}
	out = append(out, "")
	if p.TotalRevenue > 0 {
		head := fmt.Sprintf("Top 20%% of accounts (%d) hold %s of revenue", p.TopCount, pct(p.TopShare))
		out = append(out, st.Title.Render(termtext.Clip(head, w)))
		if bw := min(w-6, 50); bw >= 4 {
			out = append(out, st.bar(p.TopShare, bw)+" "+pct(p.TopShare))
		}
	} else {
		out = append(out, st.Muted.Render(termtext.Clip("No revenue recorded yet — set each account's revenue to see how concentrated it is.", w)))
	}

	colW := w
	twoCols := w >= 2*portfolioColMin+portfolioGap
	if twoCols {
		colW = (w - portfolioGap) / 2
	}
	row := func(left, right []string) {
		out = append(out, "")
		if !twoCols {
			out = append(out, left...)
			out = append(out, "")
			out = append(out, right...)
			return
		}
		out = append(out, columns(left, right, colW, portfolioGap)...)
	}
	row(v.tierBars(colW, false), v.tierBars(colW, true))
	row(v.regionBars(colW), v.rising(colW))
	row(v.falling(colW), v.newBriefs(colW))
	out = append(out, "")
	out = append(out, v.risky(min(w, 2*colW+portfolioGap))...)
	return out
}

// risky lists the accounts with coverage risks, the most risks first,
// each with its worst risk.
func (v *portfolioView) risky(w int) []string {
	st := v.c.styles
	nameW := min(max(w/3, 12), 32)
	var rows []string
	for _, ar := range v.data.Risky {
		n := model.RiskCount(ar.Risks)
		rows = append(rows, termtext.Fit(st.badge(string(ar.Account.Tier), tierShort(ar.Account.Tier)), 5)+" "+
			termtext.Fit(termtext.SanitizeLine(ar.Account.Name), nameW)+" "+st.Warn.Render(fmt.Sprintf("%d %-5s", n, termtext.Plural(n, "risk", "risks")))+
			" "+st.Muted.Render(termtext.SanitizeLine(string(ar.Risks[0].Kind)+" — "+ar.Risks[0].Reason)))
	}
	return v.accountList("Coverage risks — accounts by number of risks", "· M on an account shows its map", v.data.RiskyTotal, rows,
		st.Good.Render("None: every account has a champion, covered deciders and more than one thread."), w)
}

// accountList is a section that lists some of total accounts: its title
// with the total, a row each, and how many more there are; empty, the
// line it shows instead.
func (v *portfolioView) accountList(title, tail string, total int, rows []string, empty string, w int) []string {
	st := v.c.styles
	head := st.Heading.Render(title)
	if total > 0 {
		head += st.Muted.Render(fmt.Sprintf(" · %d %s %s", total, termtext.Plural(total, "account", "accounts"), tail))
	}
	out := []string{termtext.Clip(head, w)}
	if len(rows) == 0 {
		return append(out, termtext.Clip(empty, w))
	}
	for _, r := range rows {
		out = append(out, termtext.Clip(r, w))
	}
	if more := total - len(rows); more > 0 {
		out = append(out, st.Muted.Render(termtext.Clip(fmt.Sprintf("… and %d more %s", more, termtext.Plural(more, "account", "accounts")), w)))
	}
	return out
}

// barRow is one labelled bar of a section.
type barRow struct {
	label string // sanitised
	frac  float64
	value string
}

// bars renders a titled section of horizontal bars in width w.
func (v *portfolioView) bars(title string, rows []barRow, w int) []string {
	st := v.c.styles
	out := []string{st.Heading.Render(termtext.Clip(title, w))}
	labelW, valueW := 0, 0
	for _, r := range rows {
		labelW = max(labelW, ansi.StringWidth(r.label))
		valueW = max(valueW, ansi.StringWidth(r.value))
	}
	labelW = min(labelW, 18, max(w/3, 4))
	barW := min(w-labelW-valueW-2, 40)
	for _, r := range rows {
		line := termtext.Fit(r.label, labelW) + " "
		if barW >= 3 {
			line += st.bar(r.frac, barW) + " "
		}
		line += strings.Repeat(" ", valueW-ansi.StringWidth(r.value)) + r.value
		out = append(out, termtext.Clip(line, w))
	}
	return out
}

func (v *portfolioView) tierBars(w int, revenue bool) []string {
	p := v.data
	var rows []barRow
	for _, t := range p.ByTier {
		label := string(t.Tier)
		if t.Tier == "" {
			label = "no tier"
		}
		r := barRow{label: termtext.SanitizeLine(label)}
		if revenue {
			r.frac = frac(int64(t.Revenue), int64(p.TotalRevenue))
			r.value = t.Revenue.Short()
		} else {
			r.frac = frac(int64(t.Accounts), int64(p.Accounts))
			r.value = itoa(t.Accounts)
		}
		rows = append(rows, r)
	}
	fracs := make([]float64, len(rows))
	for i, r := range rows {
		fracs[i] = r.frac
	}
	for i, n := range wholePercents(fracs) {
		rows[i].value += " " + pctOf(fracs[i], n)
	}
	if revenue {
		return v.bars("Revenue by tier", rows, w)
	}
	return v.bars("Accounts by tier", rows, w)
}

func (v *portfolioView) regionBars(w int) []string {
	p := v.data
	var rows []barRow
	for _, r := range p.ByRegion {
		label := termtext.SanitizeLine(r.Region)
		if strings.TrimSpace(label) == "" {
			label = "no region"
		}
		b := barRow{label: label, value: fmt.Sprintf("%s · %d", r.Revenue.Short(), r.Accounts)}
		if p.TotalRevenue > 0 {
			b.frac = frac(int64(r.Revenue), int64(p.TotalRevenue))
		} else {
			b.frac = frac(int64(r.Accounts), int64(p.Accounts))
		}
		rows = append(rows, b)
	}
	return v.bars("Revenue by region (revenue · accounts)", rows, w)
}

func (v *portfolioView) rising(w int) []string {
	st := v.c.styles
	out := []string{st.Heading.Render(termtext.Clip("Rising — candidates to become key", w))}
	if len(v.data.Rising) == 0 {
		return append(out, st.Muted.Render(termtext.Clip("None: no non-key account has potential above its revenue.", w)))
	}
	amtW, headW := 0, 0
	for _, a := range v.data.Rising {
		amtW = max(amtW, ansi.StringWidth(a.Revenue.Short()+" → "+a.Potential.Short()))
		headW = max(headW, ansi.StringWidth("+"+(a.Potential-a.Revenue).Short()))
	}
	nameW := w - 5 - 1 - 1 - amtW - 1 - headW
	for _, a := range v.data.Rising {
		head := "+" + (a.Potential - a.Revenue).Short()
		line := termtext.Fit(st.badge(string(a.Tier), tierShort(a.Tier)), 5) + " "
		if nameW >= 6 {
			line += termtext.Fit(termtext.SanitizeLine(a.Name), nameW) + " "
		} else {
			line += termtext.SanitizeLine(a.Name) + " "
		}
		line += termtext.Fit(a.Revenue.Short()+" → "+a.Potential.Short(), amtW) + " " +
			strings.Repeat(" ", headW-ansi.StringWidth(head)) + st.Good.Render(head)
		out = append(out, termtext.Clip(line, w))
	}
	return out
}

func (v *portfolioView) falling(w int) []string {
	st := v.c.styles
	var rows []string
	for _, d := range v.data.Falling {
		tail := fmt.Sprintf("%2d → %-2d %s (%s)", d.From, d.To, d.On, model.Age(d.On, v.today))
		nameW := max(w-ansi.StringWidth(tail)-1, 6)
		rows = append(rows, st.Warn.Render(termtext.Clip(termtext.Fit(termtext.SanitizeLine(d.Account.Name), nameW)+" "+tail, w)))
	}
	return v.accountList("Satisfaction fell", "since the entry before", v.data.FallingTotal, rows,
		st.Muted.Render("No account's satisfaction fell since its previous entry."), w)
}

func (v *portfolioView) newBriefs(w int) []string {
	st := v.c.styles
	title := st.Heading.Render("New opportunities this quarter")
	if !v.today.IsZero() {
		start, _ := v.today.Quarter()
		title += st.Muted.Render(fmt.Sprintf(" (Q%d %d)", (int(start.Month())-1)/3+1, start.Year()))
	}
	out := []string{termtext.Clip(title, w)}
	if len(v.data.NewBriefs) == 0 {
		return append(out, st.Muted.Render(termtext.Clip("No briefs opened this quarter.", w)))
	}
	for _, bc := range v.data.NewBriefs {
		tail := fmt.Sprintf("%d %s opened", bc.Count, termtext.Plural(bc.Count, "brief", "briefs"))
		nameW := max(w-ansi.StringWidth(tail)-1, 6)
		out = append(out, termtext.Clip(termtext.Fit(termtext.SanitizeLine(bc.Account.Name), nameW)+" "+st.Muted.Render(tail), w))
	}
	return out
}

// frac is part/whole in 0..1, 0 when whole is 0.
func frac(part, whole int64) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// pct formats a share as a whole percentage: "78%".
func pct(f float64) string { return pctOf(f, int(math.Round(f*100))) }

// pctOf writes n, the whole percentage of share f: "<1%" rather than 0%
// beside a bar that shows something.
func pctOf(f float64, n int) string {
	if f > 0 && n == 0 {
		return "<1%"
	}
	return fmt.Sprintf("%d%%", n)
}

// wholePercents rounds shares that make a whole to whole percentages that
// add up to 100, giving the points rounding leaves over to the largest
// remainders (so three thirds are 34, 33 and 33, not 33 three times).
func wholePercents(fracs []float64) []int {
	out := make([]int, len(fracs))
	sum, total := 0.0, 0
	for i, f := range fracs {
		out[i] = int(math.Floor(f * 100))
		sum += f
		total += out[i]
	}
	if math.Abs(sum-1) > 1e-9 {
		for i, f := range fracs { // not a whole: each rounded on its own
			out[i] = int(math.Round(f * 100))
		}
		return out
	}
	order := make([]int, len(fracs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := fracs[order[a]]*100-float64(out[order[a]]), fracs[order[b]]*100-float64(out[order[b]])
		return ra > rb
	})
	for _, i := range order[:max(0, min(100-total, len(order)))] {
		out[i]++
	}
	return out
}
