package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
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
	maxRev    model.Money
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
	return &accountsPane{c: c, b: newBrowse[model.Account](c), keys: newAccountKeys(), item: newItemKeys()}
}

func (p *accountsPane) Title() string { return "Accounts" }

func (p *accountsPane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *accountsPane) filter() store.AccountFilter {
	f := store.AccountFilter{Query: p.query, Sort: p.sort, Archived: p.archived}
	if p.c.scope.ID != 0 {
		f.IDs = []int64{p.c.scope.ID}
	}
	return f
}

func (p *accountsPane) refilter(q string) tea.Cmd {
	p.query = q
	f, st := p.filter(), p.c.store
	return p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.Account], error) { return st.Accounts(ctx, f, req) },
		func(ctx ctxT) (int, error) { return st.CountAccounts(ctx, f) })
}

func (p *accountsPane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
}

func (p *accountsPane) Capturing() bool { return p.ed.active() || p.b.capturing() || p.ask != nil }
func (p *accountsPane) Dirty() bool     { return p.ed.dirty() }

func (p *accountsPane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

func (p *accountsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.portfolio = nil
	p.b.inDetail = true
	return p.loadDossier(id)
}

func (p *accountsPane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	if p.portfolio != nil {
		return bindings{short: []key.Binding{p.keys.Portfolio, p.b.keys.Down, p.b.keys.Up}}
	}
	k := p.b.keys
	own := []key.Binding{k.New, k.Edit, p.item.Note, p.item.Touch, p.item.Health, k.FollowUp, p.keys.Sort, p.keys.Portfolio, k.Delete, p.keys.Archived}
	if _, ok := p.b.list.selected(); !ok {
		own = []key.Binding{k.New, p.keys.Portfolio}
	}
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
		if a, sel := p.b.list.selected(); sel && (p.dossier == nil || p.dossier.account.ID != a.ID) {
			return tea.Batch(cmd, p.loadDossier(a.ID))
		}
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
	case portfolioMsg:
		if p.portfolio != nil {
			p.portfolio.set(msg)
		}
		return nil
	case savedMsg:
		cmds := []tea.Cmd{status(msg.text), p.b.list.reload()}
		if msg.kind == store.HitAccount && msg.id != 0 {
			cmds = append(cmds, p.loadDossier(msg.id))
		} else if id := p.selectedID(); id != 0 {
			cmds = append(cmds, p.loadDossier(id))
		}
		return tea.Batch(cmds...)
	case reloadMsg:
		return p.b.list.reload()
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
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
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
		return tea.Batch(p.refilter(p.query), status(map[bool]string{true: "Showing archived accounts too.", false: "Archived accounts hidden."}[p.archived]))
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
	case key.Matches(msg, p.item.Note):
		return p.c.noteForm(&p.ed, w, h, about)
	case key.Matches(msg, p.item.Touch):
		return p.c.touchForm(&p.ed, w, h, about)
	case key.Matches(msg, p.item.Health):
		return p.c.healthForm(&p.ed, w, h, about)
	case key.Matches(msg, k.FollowUp):
		return p.c.followUpForm(&p.ed, w, h, about, nil)
	case key.Matches(msg, k.Delete):
		return p.askDelete(a)
	}
	return nil
}

// askDelete archives by default; an archived account can then be deleted
// for good (or restored).
func (p *accountsPane) askDelete(a model.Account) tea.Cmd {
	st := p.c.store
	name := SanitizeLine(a.Name)
	if !a.Archived() {
		p.ask = newConfirm("Archive "+name+"? (it leaves the lists; nothing is deleted)", func() tea.Cmd {
			return saveCmd(nil, store.HitAccount, func() (int64, string, error) {
				ctx, cancel := p.c.ctx()
				defer cancel()
				return a.ID, name + " archived. z shows archived accounts; D on it deletes for good.", st.ArchiveAccount(ctx, a.ID, true)
			})
		})
		return nil
	}
	p.ask = newConfirm("Delete "+name+" for good, with its people, notes, briefs and follow-ups?", func() tea.Cmd {
		return saveCmd(nil, store.HitAccount, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			return 0, name + " deleted.", st.DeleteAccount(ctx, a.ID)
		})
	})
	return nil
}

func (p *accountsPane) loadDossier(id int64) tea.Cmd {
	st, today := p.c.store, p.c.today()
	_ = today
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
		v, title = *a, "Edit "+SanitizeLine(a.Name)
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
				if *s.dst, err = strconv.Atoi(t); err != nil {
					return f.failField(s.key, fmt.Errorf("must be a number 1–5, not %q", t))
				}
			}
		}
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		return saveCmd(f, store.HitAccount, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			if a != nil {
				saved, err := st.UpdateAccount(ctx, n)
				return saved.ID, SanitizeLine(saved.Name) + " saved.", err
			}
			saved, err := st.CreateAccount(ctx, n)
			return saved.ID, SanitizeLine(saved.Name) + " added — score " + strconv.FormatFloat(saved.Score, 'f', 1, 64) + ".", err
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
		empty = "No account matches “" + SanitizeLine(p.query) + "” — esc clears the filter."
	}
	out := p.b.view(header, empty, p.row)
	if p.ask != nil {
		return replaceLastLine(out, p.c.styles.Warn.Render(fit(p.ask.view(), p.b.width)))
	}
	return out
}

// row: tier badge, name, score, revenue bar and amount.
func (p *accountsPane) row(a model.Account, width int, selected bool) string {
	st := p.c.styles
	if a.Revenue > p.maxRev {
		p.maxRev = a.Revenue
	}
	tier := fit(st.badge(string(a.Tier), tierShort(a.Tier)), 5)
	amount := fit(a.Revenue.Short(), 6)
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
	name := SanitizeLine(a.Name)
	if a.Archived() {
		name = st.Muted.Render(name + " (archived)")
	}
	text := tier + " " + fit(name, nameW) + " " + st.Muted.Render(fmt.Sprintf("%5.1f", a.Score))
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

func (p *accountsPane) renderDossier(d *accountDossier) string {
	st := p.c.styles
	a := d.account
	w := p.b.detailWidth() - 2
	today := p.c.today()
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
	var b strings.Builder
	title := st.Title.Render(SanitizeLine(a.Name)) + " " + st.badge(string(a.Tier), string(a.Tier))
	if a.Archived() {
		title += st.Muted.Render(" archived")
	}
	b.WriteString(title + "\n")
	b.WriteString(lines(
		st.field("Revenue", money(a.Revenue), w),
		st.field("Potential", money(a.Potential), w),
		st.field("Outlook", string(a.Outlook), w),
		st.field("Importance", scale(a.Importance), w),
		st.field("Hard to replace", scale(a.Replaceability), w),
		st.field("Industry", a.Industry, w),
		st.field("Region", a.Region, w),
		st.field("Countries", a.Countries, w),
		st.field("Last touch", ago(a.LastTouchOn, today), w),
	) + "\n")
	pr := a.Priority()
	b.WriteString("\n" + st.Heading.Render(fmt.Sprintf("Priority %.1f", pr.Score)) + st.Muted.Render(" — why this rank") + "\n")
	for _, part := range pr.Parts {
		b.WriteString(fmt.Sprintf("  %s %s %s\n", fit(part.Name, 20), st.bar(part.Value, 10),
			st.Muted.Render(fmt.Sprintf("%4.1f of %2.0f  (%s)", part.Points, part.Weight, part.Input))))
	}
	if a.Brand != "" || a.Direction != "" {
		b.WriteString("\n" + lines(st.field("Brand & values", a.Brand, w), st.field("Direction", a.Direction, w)) + "\n")
	}
	if a.Notes != "" {
		b.WriteString(st.field("Notes", a.Notes, w) + "\n")
	}
	if len(d.health) > 0 {
		var sat, rev []float64
		for _, h := range d.health {
			if h.Satisfaction != nil {
				sat = append(sat, float64(*h.Satisfaction))
			}
			if h.Revenue != nil {
				rev = append(rev, h.Revenue.Major())
			}
		}
		b.WriteString("\n" + st.Heading.Render("Health") + "\n")
		if len(sat) > 0 {
			line := "  satisfaction " + st.Good.Render(sparkline(sat)) + fmt.Sprintf(" %.0f/10", sat[len(sat)-1])
			if len(sat) > 1 && sat[len(sat)-1] < sat[len(sat)-2] {
				line += st.Warn.Render(fmt.Sprintf("  ↓ fell from %.0f", sat[len(sat)-2]))
			}
			b.WriteString(line + "\n")
		}
		if len(rev) > 0 {
			b.WriteString("  revenue      " + st.Bar.Render(sparkline(rev)) + " " + model.Money(rev[len(rev)-1]*model.MinorPerMajor).Short() + "\n")
		}
	}
	b.WriteString("\n" + st.Heading.Render(fmt.Sprintf("People (%d)", len(d.people))) + "\n")
	if len(d.people) == 0 {
		b.WriteString(st.Muted.Render("  nobody yet — add people in the People pane (3, then n)") + "\n")
	}
	b.WriteString(orgChart(d.people, st, today, w))
	if len(d.briefs) > 0 {
		b.WriteString("\n" + st.Heading.Render("Open briefs") + "\n")
		for _, br := range d.briefs {
			b.WriteString("  " + clip(SanitizeLine(br.Title), w-24) + "  " + st.Muted.Render(string(br.Stage)) + "\n")
		}
	}
	if len(d.followUps) > 0 {
		b.WriteString("\n" + st.Heading.Render("Open follow-ups") + "\n")
		for _, f := range d.followUps {
			b.WriteString("  " + followUpLine(f, st, today, w-2) + "\n")
		}
	}
	if len(d.notes) > 0 {
		b.WriteString("\n" + st.Heading.Render("Recent notes") + "\n")
		for _, n := range d.notes {
			who := ""
			if n.PersonName != "" {
				who = SanitizeLine(n.PersonName) + ": "
			}
			b.WriteString("  " + st.Muted.Render(n.On.String()) + " " + clip(who+SanitizeLine(n.Text), w-14) + "\n")
		}
	}
	if len(d.touches) > 0 {
		b.WriteString("\n" + st.Heading.Render("Recent touches") + "\n")
		for _, t := range d.touches {
			b.WriteString("  " + st.Muted.Render(t.On.String()+" "+string(t.Kind)) + " " + clip(SanitizeLine(t.Summary), w-24) + "\n")
		}
	}
	return b.String()
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
			line := "  " + indent + branch + SanitizeLine(p.Name)
			if p.Role != "" {
				line += " " + st.badge(string(p.Role), string(p.Role))
			}
			line += " " + lastStyle.Render(fmt.Sprintf("last %s / every %dd", last, cad))
			b.WriteString(clip(line, w) + "\n")
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
	return ds.Render(due.String()) + " " + kind + clip(SanitizeLine(f.Text), w-20)
}

// replaceLastLine swaps the last line of a block (for an inline question).
func replaceLastLine(s, last string) string {
	i := strings.LastIndexByte(s, '\n')
	if i < 0 {
		return last
	}
	return s[:i+1] + last
}
