package tui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// accountsPane lists accounts by priority and shows an account's dossier.
type accountsPane struct {
	c         *common
	b         browse[model.Account]
	ed        editorHost
	keys      accountKeys
	item      itemKeys
	sort      store.AccountSort
	archived  bool
	query     string
	dossier   *accountDossier
	portfolio *portfolioView
	ask       *confirm
	maxRev    model.Money // the largest revenue of the book: the full length of a row's bar
}

// maxRevenueMsg carries the largest revenue among the accounts, so every
// row's bar is measured against the same account, wherever the list is.
type maxRevenueMsg struct{ max model.Money }

func (p *accountsPane) loadMaxRevenue() tea.Cmd {
	st, archived := p.c.store, p.archived
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		page, err := st.Accounts(ctx, store.AccountFilter{Sort: store.SortRevenue, Archived: archived}, store.PageReq{Limit: 1})
		if err != nil || len(page.Items) == 0 {
			return maxRevenueMsg{}
		}
		return maxRevenueMsg{page.Items[0].Revenue}
	}
}

// accountDossier is everything the detail side shows about one account.
type accountDossier struct {
	account   model.Account
	people    []model.Person
	briefs    []model.Brief
	followUps []model.FollowUp
	notes     []model.Note
	touches   []model.Touch
	health    []model.HealthCheck
}

// accountDossierMsg carries a loaded dossier.
type accountDossierMsg struct {
	id  int64
	d   *accountDossier
	err error
}

func newAccountsPane(c *common) *accountsPane {
	p := &accountsPane{c: c, b: newBrowse[model.Account](c), keys: newAccountKeys(), item: newItemKeys()}
	p.b.wideFocus = true // the focused dossier spreads over two columns
	return p
}

func (p *accountsPane) Title() string { return "Accounts" }

func (p *accountsPane) Init() tea.Cmd { return tea.Batch(p.refilter(p.query), p.loadMaxRevenue()) }

func (p *accountsPane) filter() store.AccountFilter {
	f := store.AccountFilter{Query: p.query, Sort: p.sort, Archived: p.archived}
	if p.c.scope.ID != 0 {
		f.IDs = []int64{p.c.scope.ID}
	}
	return f
}

func (p *accountsPane) refilter(q string) tea.Cmd {
	keep := keepOnClear(&p.b.list, p.query, q, func(v model.Account) int64 { return v.ID })
	p.query = q
	f, st := p.filter(), p.c.store
	cmd := p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.Account], error) { return st.Accounts(ctx, f, req) },
		func(ctx ctxT) (int, error) { return st.CountAccounts(ctx, f) })
	if keep != 0 {
		return p.b.list.jump(func(ctx ctxT) (store.Position, error) { return st.AccountPosition(ctx, f, keep) })
	}
	return cmd
}

func (p *accountsPane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
	p.redraw()
}

// redraw renders the dossier again for the current width and focus.
func (p *accountsPane) redraw() {
	if p.dossier != nil {
		p.b.setDetail(p.dossier.account.ID, p.renderDossier(p.dossier))
	}
}

// selectInList selects an account in the list, wherever it is in it; a
// filter that hides it is cleared first when asked (opening from elsewhere).
func (p *accountsPane) selectInList(id int64, clearFilter bool) tea.Cmd {
	var cmds []tea.Cmd
	if clearFilter {
		p.b.filtering = false
		p.b.filter.Blur()
	}
	if clearFilter && p.query != "" {
		p.b.filter.SetValue("")
		cmds = append(cmds, p.refilter(""))
	}
	f, st := p.filter(), p.c.store
	cmds = append(cmds, p.b.list.jump(func(ctx ctxT) (store.Position, error) { return st.AccountPosition(ctx, f, id) }))
	return tea.Batch(cmds...)
}

func (p *accountsPane) Capturing() bool { return p.ed.active() || p.b.capturing() || p.ask != nil }
func (p *accountsPane) Dirty() bool     { return p.ed.dirty() }

func (p *accountsPane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

func (p *accountsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.portfolio, p.ed.ed, p.ask = nil, nil, nil
	p.b.focusDetail(true)
	return tea.Batch(p.selectInList(id, true), p.loadDossier(id))
}

func (p *accountsPane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	if p.portfolio != nil {
		back := key.NewBinding(key.WithKeys("esc", "P"), key.WithHelp("esc/P", "back to the list"))
		return bindings{short: []key.Binding{back, p.b.keys.Down, p.b.keys.Up}}
	}
	k := p.b.keys
	if _, ok := p.b.list.selected(); !ok && !p.b.filtering {
		// Nothing to move over or act on: only what can start something.
		own := []key.Binding{k.New, p.keys.Portfolio, p.keys.Archived}
		if p.query != "" {
			own = append([]key.Binding{k.ClearFilter}, own...)
		}
		return bindings{short: own, full: [][]key.Binding{own}}
	}
	own := []key.Binding{k.New, k.Edit, p.item.Note, p.item.Touch, p.item.Health, k.FollowUp, p.keys.Sort, p.keys.Portfolio, k.Delete, p.keys.Archived}
	return p.b.help(own...)
}

func (p *accountsPane) selectedID() int64 {
	if p.b.inDetail && p.dossier != nil {
		return p.dossier.account.ID
	}
	if a, ok := p.b.list.selected(); ok {
		return a.ID
	}
	return 0
}

func (p *accountsPane) Update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	switch msg := msg.(type) {
	case pageMsg[model.Account]:
		ok, cmd := p.b.list.update(msg)
		if !ok {
			return nil
		}
		if p.b.list.empty() && !p.b.inDetail {
			p.dossier = nil // nothing selected: no stale dossier beside the empty list
			p.b.setDetail(0, "")
		}
		if a, sel := p.b.list.selected(); sel && (p.dossier == nil || p.dossier.account.ID != a.ID) {
			return tea.Batch(cmd, p.loadDossier(a.ID))
		}
		p.redraw() // its rank and neighbours may have changed
		return cmd
	case accountDossierMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		if msg.id == p.selectedID() || p.b.inDetail {
			p.dossier = msg.d
			p.b.setDetail(msg.id, p.renderDossier(msg.d))
		}
		return nil
	case maxRevenueMsg:
		p.maxRev = msg.max
		return nil
	case portfolioMsg:
		if p.portfolio != nil {
			p.portfolio.set(msg)
		}
		return nil
	case savedMsg:
		cmds := []tea.Cmd{status(msg.text), p.loadMaxRevenue()}
		if msg.kind == store.HitAccount && msg.id != 0 {
			// Follow the account to its (new) place in the list.
			cmds = append(cmds, p.selectInList(msg.id, false), p.loadDossier(msg.id))
		} else {
			cmds = append(cmds, p.b.list.reload())
			if id := p.selectedID(); id != 0 {
				cmds = append(cmds, p.loadDossier(id))
			}
		}
		return tea.Batch(cmds...)
	case reloadMsg:
		return tea.Batch(p.b.list.reloadFor(msg), p.loadMaxRevenue())
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

func (p *accountsPane) key(msg tea.KeyMsg) tea.Cmd {
	if p.ask != nil {
		done, cmd := p.ask.update(msg)
		if done {
			p.ask = nil
		}
		return cmd
	}
	if p.portfolio != nil {
		switch {
		case key.Matches(msg, p.keys.Portfolio), msg.Type == tea.KeyEsc:
			p.portfolio = nil
		case key.Matches(msg, p.b.keys.Down):
			p.portfolio.scroll++
		case key.Matches(msg, p.b.keys.Up):
			p.portfolio.scroll = max(p.portfolio.scroll-1, 0)
		}
		return nil
	}
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if p.b.inDetail != wasDetail {
			p.redraw() // the focused dossier takes the whole width
		}
		if changed {
			if a, ok := p.b.list.selected(); ok {
				return tea.Batch(cmd, p.loadDossier(a.ID))
			}
		}
		return cmd
	}
	k := p.b.keys
	w, h := p.b.width, p.b.height
	switch {
	case key.Matches(msg, k.New):
		return p.accountForm(nil)
	case key.Matches(msg, p.keys.Sort):
		i := (int(p.sort) + 1) % len(store.AccountSorts)
		p.sort = store.AccountSorts[i]
		return tea.Batch(p.refilter(p.query), status("Sorted by "+p.sort.String()+"."))
	case key.Matches(msg, p.keys.Archived):
		p.archived = !p.archived
		return tea.Batch(p.refilter(p.query), p.loadMaxRevenue(), status(map[bool]string{true: "Showing archived accounts too.", false: "Archived accounts hidden."}[p.archived]))
	case key.Matches(msg, p.keys.Portfolio):
		p.portfolio = &portfolioView{c: p.c}
		return p.portfolio.load()
	}
	if p.dossier == nil {
		return nil
	}
	a := p.dossier.account
	about := subject{accountID: a.ID, name: a.Name}
	switch {
	case key.Matches(msg, k.Edit):
		return p.accountForm(&a)
	case key.Matches(msg, p.item.Health):
		return p.c.healthForm(&p.ed, w, h, about)
	case key.Matches(msg, k.Delete):
		return p.askDelete(a)
	}
	return p.c.subjectForm(msg, p.item, k.FollowUp, &p.ed, w, h, about)
}

// askDelete archives by default; an archived account can then be deleted
// for good (or restored).
func (p *accountsPane) askDelete(a model.Account) tea.Cmd {
	st := p.c.store
	p.ask = p.c.askRemove(removal{
		name: termtext.SanitizeLine(a.Name), id: a.ID, archived: a.Archived(),
		archiveAsk:   "(it leaves the lists; nothing is deleted)",
		archivedSays: " z shows archived accounts; D on it deletes for good.",
		deleteAsk:    ", with its people, notes, briefs and follow-ups",
		archive:      func(ctx ctxT, on bool) error { return st.ArchiveAccount(ctx, a.ID, on) },
		remove:       func(ctx ctxT) error { return st.DeleteAccount(ctx, a.ID) },
		run:          func(w func() (int64, string, error)) tea.Cmd { return saveCmd(nil, store.HitAccount, w) },
	})
	return nil
}

func (p *accountsPane) loadDossier(id int64) tea.Cmd {
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		d := &accountDossier{}
		var err error
		if d.account, err = st.Account(ctx, id); err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		if d.people, err = st.AccountPeople(ctx, id); err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		bp, err := st.Briefs(ctx, store.BriefFilter{AccountID: id, Open: true}, store.PageReq{Limit: 10})
		if err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		d.briefs = bp.Items
		fp, err := st.FollowUps(ctx, store.FollowUpFilter{AccountID: id}, store.PageReq{Limit: 10})
		if err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		d.followUps = fp.Items
		np, err := st.Notes(ctx, store.NoteFilter{AccountID: id}, store.PageReq{Limit: 6})
		if err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		d.notes = np.Items
		tp, err := st.Touches(ctx, store.TouchFilter{AccountID: id}, store.PageReq{Limit: 5})
		if err != nil {
			return accountDossierMsg{id: id, err: err}
		}
		d.touches = tp.Items
		d.health, err = st.HealthChecks(ctx, id, 24)
		return accountDossierMsg{id: id, d: d, err: err}
	}
}

// accountForm opens the new-account form, or the edit form for a.
func (p *accountsPane) accountForm(a *model.Account) tea.Cmd {
	v := model.Account{Currency: "EUR", Tier: model.TierGrowth}
	title := "New account"
	if a != nil {
		v, title = *a, "Edit "+termtext.SanitizeLine(a.Name)
	}
	money := func(m model.Money) string {
		if m == 0 {
			return ""
		}
		return m.Short()
	}
	scale := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	f := newForm(title, p.c.styles,
		fieldSpec{key: "name", label: "Name", value: v.Name, hint: "the client organisation"},
		fieldSpec{key: "tier", label: "Tier", value: string(v.Tier), options: options(model.Tiers)},
		fieldSpec{key: "revenue", label: "Revenue / year", value: money(v.Revenue), hint: "1.2m, 250k, 1,200,000"},
		fieldSpec{key: "potential", label: "Potential / year", value: money(v.Potential), hint: "what it could be"},
		fieldSpec{key: "currency", label: "Currency", value: v.Currency, hint: "EUR, USD, GBP…"},
		fieldSpec{key: "importance", label: "Importance", value: scale(v.Importance), hint: "strategic importance 1–5"},
		fieldSpec{key: "replaceability", label: "Hard to replace", value: scale(v.Replaceability), hint: "1 easy … 5 very hard to replace"},
		fieldSpec{key: "outlook", label: "Outlook", value: string(v.Outlook), options: options(model.Outlooks)},
		fieldSpec{key: "industry", label: "Industry", value: v.Industry},
		fieldSpec{key: "region", label: "Region", value: v.Region, hint: "e.g. EMEA"},
		fieldSpec{key: "countries", label: "Countries", value: v.Countries, hint: "countries served"},
		fieldSpec{key: "brand", label: "Brand & values", value: v.Brand, long: true, rows: 3},
		fieldSpec{key: "direction", label: "Direction", value: v.Direction, long: true, rows: 3, hint: "where they are heading"},
		fieldSpec{key: "notes", label: "Notes", value: v.Notes, long: true, rows: 3},
	)
	st := p.c.store
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		n := v
		n.Name = f.value("name")
		n.Tier = model.Tier(f.value("tier"))
		n.Outlook = model.Outlook(f.value("outlook"))
		n.Currency = strings.ToUpper(f.value("currency"))
		n.Industry, n.Region, n.Countries = f.value("industry"), f.value("region"), f.value("countries")
		n.Brand, n.Direction, n.Notes = f.value("brand"), f.value("direction"), f.value("notes")
		var err error
		if n.Revenue, err = model.ParseMoney(f.value("revenue")); err != nil {
			return f.failField("revenue", err)
		}
		if n.Potential, err = model.ParseMoney(f.value("potential")); err != nil {
			return f.failField("potential", err)
		}
		for _, s := range []struct {
			key string
			dst *int
		}{{"importance", &n.Importance}, {"replaceability", &n.Replaceability}} {
			*s.dst = 0
			if t := f.value(s.key); t != "" {
				// Typed, it is 1–5; left empty, it is not set.
				if *s.dst, err = strconv.Atoi(t); err != nil || *s.dst < 1 || *s.dst > 5 {
					return f.failField(s.key, fmt.Errorf("must be 1–5 (or left empty), not %q", t))
				}
			}
		}
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		return saveCmd(f, store.HitAccount, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			var saved model.Account
			var err error
			text := func() string { return termtext.SanitizeLine(saved.Name) + " saved." }
			if a != nil {
				saved, err = st.UpdateAccount(ctx, n)
			} else {
				saved, err = st.CreateAccount(ctx, n)
				text = func() string {
					return termtext.SanitizeLine(saved.Name) + " added — score " + strconv.FormatFloat(saved.Score, 'f', 1, 64) + "."
				}
			}
			if errors.Is(err, model.ErrConflict) {
				// A name taken (in any case or accents): said on the name field.
				_, why, _ := strings.Cut(err.Error(), "conflict: ")
				return 0, "", &model.FieldError{Field: "name", Reason: why}
			}
			if err != nil {
				return 0, "", err
			}
			return saved.ID, text(), nil
		})
	})
}

func (p *accountsPane) View() string {
	if p.ed.active() {
		return p.ed.ed.form.view()
	}
	if p.portfolio != nil {
		return p.portfolio.view(p.b.width, p.b.height)
	}
	header := p.c.styles.Heading.Render("Accounts") + p.c.styles.Muted.Render(" by "+p.sort.String()+" · "+p.b.list.position())
	if p.archived {
		header += p.c.styles.Muted.Render(" · with archived")
	}
	empty := "No accounts yet — press n to add one, or run `rapport demo` to explore with sample data."
	if p.query != "" {
		empty = "No account matches “" + termtext.SanitizeLine(p.query) + "” — esc clears the filter."
	}
	out := p.b.view(header, empty, p.row)
	if p.ask != nil {
		return replaceLastLine(out, p.c.styles.Warn.Render(termtext.Fit(p.ask.view(), p.b.width)))
	}
	return out
}

// row: tier badge, name, score, revenue bar and amount.
func (p *accountsPane) row(a model.Account, width int, selected bool) string {
	st := p.c.styles
	if a.Revenue > p.maxRev {
		p.maxRev = a.Revenue // until the figure from the store lands
	}
	tier := termtext.Fit(st.badge(string(a.Tier), tierShort(a.Tier)), 5)
	amount := termtext.Fit(a.Revenue.Short(), 6)
	barW := min(max((width-40)/2, 0), 12)
	nameW := width - 21
	if barW >= 4 {
		nameW -= barW + 1
	} else {
		barW = 0
	}
	frac := 0.0
	if p.maxRev > 0 {
		frac = float64(a.Revenue) / float64(p.maxRev)
	}
	name := termtext.SanitizeLine(a.Name)
	if a.Archived() {
		name = st.Muted.Render(name + " (archived)")
	}
	text := tier + " " + termtext.Fit(name, nameW) + " " + st.Muted.Render(fmt.Sprintf("%5.1f", a.Score))
	if barW > 0 {
		text += " " + st.bar(frac, barW)
	}
	text += " " + amount
	return p.b.row(text, width, selected)
}

func tierShort(t model.Tier) string {
	switch t {
	case model.TierKey:
		return "KEY"
	case model.TierStrategic:
		return "STR"
	case model.TierGrowth:
		return "GRO"
	case model.TierMaintain:
		return "MNT"
	}
	return "—"
}

// renderDossier is everything about one account. Focused on a wide terminal
// it spreads over two columns (the account and why it ranks where it does on
// the left, its people and what is open on the right); beside the list it is
// one scrolling column.
func (p *accountsPane) renderDossier(d *accountDossier) string {
	st := p.c.styles
	a := d.account
	w := p.b.detailWidth() - 1
	cols := p.b.wide() && w >= 100
	title := st.Title.Render(termtext.SanitizeLine(a.Name)) + " " + st.badge(string(a.Tier), string(a.Tier))
	if a.Archived() {
		title += st.Muted.Render(" archived")
	}
	if rank := p.rank(a.ID); rank != "" {
		title += st.Muted.Render("  " + rank)
	}
	head := []string{termtext.Clip(title, w)}
	if !cols {
		var body []string
		for _, sec := range [][]string{p.accountFields(a, w), p.why(a, w), p.health(d, w), p.people(d, w),
			p.openBriefs(d, w), p.accountFollowUps(d, w, 10), p.recentNotes(d, w, 6), p.recentTouches(d, w, 5)} {
			body = appendSection(body, sec)
		}
		return strings.Join(append(head, body...), "\n")
	}
	cw := (w - portfolioGap) / 2
	var left, right []string
	for _, sec := range [][]string{p.accountFields(a, cw), p.why(a, cw), p.health(d, cw)} {
		left = appendSection(left, sec)
	}
	for _, sec := range [][]string{p.people(d, cw), p.openBriefs(d, cw), p.accountFollowUps(d, cw, 5), p.recentNotes(d, cw, 4), p.recentTouches(d, cw, 4)} {
		right = appendSection(right, sec)
	}
	return strings.Join(append(append(head, ""), columns(left, right, cw, portfolioGap)...), "\n")
}

// rank is "#2 of 40 by priority" while the list shows this account selected.
func (p *accountsPane) rank(id int64) string {
	a, ok := p.b.list.selected()
	if !ok || a.ID != id || p.b.list.total == 0 {
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

func (p *accountsPane) accountFields(a model.Account, w int) []string {
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
		accountField(st, "Last touch", ago(a.LastTouchOn, p.c.today()), w),
		accountField(st, "Brand & values", a.Brand, w),
		accountField(st, "Direction", a.Direction, w),
		accountField(st, "Notes", a.Notes, w),
	)
	return strings.Split(out, "\n")
}

// why is the priority score and its parts: what each input is worth, so the
// rank can be trusted and argued with.
func (p *accountsPane) why(a model.Account, w int) []string {
	st := p.c.styles
	pr := a.Priority()
	out := []string{st.Heading.Render(fmt.Sprintf("Priority %.1f of 100", pr.Score)) + st.Muted.Render(" — why this rank")}
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
	return out
}

func (p *accountsPane) health(d *accountDossier, w int) []string {
	st := p.c.styles
	if len(d.health) == 0 {
		return []string{st.Heading.Render("Health"), st.Muted.Render(termtext.Clip("  no checks yet — H records satisfaction and revenue", w))}
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
	return out
}

func (p *accountsPane) people(d *accountDossier, w int) []string {
	st := p.c.styles
	out := []string{st.Heading.Render(fmt.Sprintf("People (%d)", len(d.people))) + st.Muted.Render(" · last touch / cadence")}
	if len(d.people) == 0 {
		return append(out, st.Muted.Render(termtext.Clip("  nobody yet — add people in the People pane (3, then n)", w)))
	}
	chart := strings.TrimRight(orgChart(d.people, st, p.c.today(), w), "\n")
	return append(out, strings.Split(chart, "\n")...)
}

func (p *accountsPane) openBriefs(d *accountDossier, w int) []string {
	st := p.c.styles
	if len(d.briefs) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Open briefs")}
	for _, br := range d.briefs {
		stage := st.Muted.Render(" · " + string(br.Stage))
		out = append(out, "  "+termtext.Clip(termtext.SanitizeLine(br.Title), w-2-termtext.Width(stage))+stage)
	}
	return out
}

func (p *accountsPane) accountFollowUps(d *accountDossier, w, limit int) []string {
	st := p.c.styles
	if len(d.followUps) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Open follow-ups")}
	for i, f := range d.followUps {
		if i == limit {
			break
		}
		out = append(out, termtext.Clip("  "+followUpLine(f, st, p.c.today(), w-2), w))
	}
	return out
}

func (p *accountsPane) recentNotes(d *accountDossier, w, limit int) []string {
	st := p.c.styles
	if len(d.notes) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Recent notes")}
	for i, n := range d.notes {
		if i == limit {
			break
		}
		who := ""
		if n.PersonName != "" {
			who = termtext.SanitizeLine(n.PersonName) + ": "
		}
		out = append(out, termtext.Clip("  "+st.Muted.Render(n.On.String())+" "+pinMark(n, st)+who+termtext.SanitizeLine(n.Text), w))
	}
	return out
}

func (p *accountsPane) recentTouches(d *accountDossier, w, limit int) []string {
	st := p.c.styles
	if len(d.touches) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Recent touches")}
	for i, t := range d.touches {
		if i == limit {
			break
		}
		out = append(out, termtext.Clip("  "+st.Muted.Render(t.On.String()+" "+termtext.Fit(string(t.Kind), 11))+" "+termtext.SanitizeLine(t.Summary), w))
	}
	return out
}

// orgChart draws reports-to as an indented tree.
func orgChart(people []model.Person, st Styles, today model.Date, w int) string {
	byBoss := map[int64][]model.Person{}
	ids := map[int64]bool{}
	for _, p := range people {
		ids[p.ID] = true
	}
	for _, p := range people {
		boss := p.ReportsToID
		if !ids[boss] {
			boss = 0
		}
		byBoss[boss] = append(byBoss[boss], p)
	}
	var b strings.Builder
	var walk func(boss int64, depth int)
	seen := map[int64]bool{}
	walk = func(boss int64, depth int) {
		for _, p := range byBoss[boss] {
			if seen[p.ID] || depth > 8 {
				continue
			}
			seen[p.ID] = true
			indent := strings.Repeat("  ", depth)
			branch := ""
			if depth > 0 {
				branch = "└ "
			}
			cad := p.Cadence(p.AccountTier)
			last := ago(p.LastTouchOn, today)
			lastStyle := st.Muted
			if !p.TouchDueOn.IsZero() && !p.TouchDueOn.After(today) {
				lastStyle = st.Overdue
			}
			line := "  " + indent + branch + termtext.SanitizeLine(p.Name)
			if p.Role != "" {
				line += " " + st.badge(string(p.Role), string(p.Role))
			}
			line += " " + lastStyle.Render(fmt.Sprintf("last %s / every %dd", last, cad))
			b.WriteString(termtext.Clip(line, w) + "\n")
			walk(p.ID, depth+1)
		}
	}
	walk(0, 0)
	return b.String()
}

// followUpLine is one follow-up in a dossier.
func followUpLine(f model.FollowUp, st Styles, today model.Date, w int) string {
	due := f.AgendaOn()
	ds := st.Muted
	if due.Before(today) {
		ds = st.Overdue
	}
	kind := ""
	if f.Kind == model.KindPromise {
		kind = st.Promise.Render("promise ")
	}
	return ds.Render(due.String()) + " " + kind + termtext.Clip(termtext.SanitizeLine(f.Text), w-20)
}

// replaceLastLine swaps the last line of a block (for an inline question).
func replaceLastLine(s, last string) string {
	i := strings.LastIndexByte(s, '\n')
	if i < 0 {
		return last
	}
	return s[:i+1] + last
}
