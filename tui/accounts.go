package tui

import (
	"errors"
	"fmt"
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
	dossierPane[model.Account, accountDossier]
	keys      accountKeys
	item      itemKeys
	sort      store.AccountSort
	portfolio *portfolioView
	maxRev    model.Money // the largest revenue of the book: the full length of a row's bar
	maxPot    model.Money // the largest potential: the bars' length when sorted by potential
	showWhy   bool        // the dossier unfolds the score's parts and formula
	// prep is the prep sheet of the account (m), over the pane.
	prep prepHost
}

// maxRevenueMsg carries the largest revenue and potential among the
// accounts, so every row's bar is measured against the same account,
// wherever the list is.
type maxRevenueMsg struct{ max, pot model.Money }

func (maxRevenueMsg) target() paneID { return paneAccounts }

func (p *accountsPane) loadMaxRevenue() tea.Cmd {
	st, archived := p.c.store, p.archived
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		var msg maxRevenueMsg
		for _, sort := range []store.AccountSort{store.SortRevenue, store.SortPotential} {
			page, err := st.Accounts(ctx, store.AccountFilter{Sort: sort, Archived: archived}, store.PageReq{Limit: 1})
			if err != nil || len(page.Items) == 0 {
				return maxRevenueMsg{}
			}
			msg.max, msg.pot = max(msg.max, page.Items[0].Revenue), max(msg.pot, page.Items[0].Potential)
		}
		return msg
	}
}

func newAccountsPane(c *common) *accountsPane {
	p := &accountsPane{keys: keyMap.account, item: keyMap.item, prep: newPrepHost(c, paneAccounts)}
	p.dossierPane = dossierPane[model.Account, accountDossier]{
		cursor: -1, cursorAfter: -1,
		listPane:    newListPane(c, paneAccounts, func(a model.Account) int64 { return a.ID }),
		kind:        store.HitAccount,
		read:        readAccountDossier(c.store, c.now),
		dossierID:   func(d *accountDossier) int64 { return d.account.ID },
		render:      p.renderDossier,
		followFocus: true,
	}
	p.b.wideFocus = true // the focused dossier spreads over two columns
	p.b.cols = p.table
	p.prepOf = func(m model.Meeting) tea.Cmd {
		return p.prep.open(store.PrepReq{MeetingID: m.ID}, m.Title, p.b.width, p.b.height)
	}
	p.source = func() listSource[model.Account] {
		return sourceOf(p.filter(), p.c.store.Accounts, p.c.store.CountAccounts, p.c.store.AccountPosition)
	}
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

func (p *accountsPane) Capturing() bool          { return p.capturing() }
func (p *accountsPane) Dirty() bool              { return p.dirty() }
func (p *accountsPane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

func (p *accountsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.portfolio = nil
	return p.open(id)
}

// SetSize sizes the list, the dossier and the prep sheet.
func (p *accountsPane) SetSize(w, h int) {
	p.dossierPane.SetSize(w, h)
	p.prep.resize(w, h)
}

func (p *accountsPane) Help() help.KeyMap {
	if h, ok := p.coverHelp(); ok {
		return h
	}
	if p.prep.active() {
		return p.prep.help()
	}
	k := p.b.keys
	if p.portfolio != nil {
		return bindings{short: []key.Binding{p.keys.PortfolioClose, k.Down, k.Up}}
	}
	if _, ok := p.b.list.selected(); !ok && !p.b.filtering {
		return p.startOnly(k.New, p.keys.Portfolio, p.keys.Archived)
	}
	own := []key.Binding{k.New, k.Edit, p.item.Note, p.item.Touch, p.item.Health, k.FollowUp, p.item.Map, p.keys.Sort, p.keys.Portfolio, k.Delete, p.keys.Archived}
	if h, ok := p.dossierHelp(p.keys.Why, k.Edit, p.item.Note, p.item.Touch, p.item.Health, k.FollowUp, p.item.Map, k.Delete); ok {
		return h
	}
	return p.b.help(own...)
}

func (p *accountsPane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	p.b.settle()
	return cmd
}

func (p *accountsPane) update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	reread, ok := p.prep.handle(msg, &p.ed)
	if ok {
		return reread
	}
	switch msg := msg.(type) {
	case clickMsg:
		if p.prep.active() {
			return nil
		}
		return p.click(msg.x, msg.y)
	case pageMsg[model.Account]:
		ok, cmd := p.onPage(msg)
		if ok {
			for _, a := range p.b.list.items {
				p.maxRev = max(p.maxRev, a.Revenue) // until the figures from the store land
				p.maxPot = max(p.maxPot, a.Potential)
			}
			if a, sel := p.b.list.selected(); sel && p.dossier != nil && p.dossier.account.ID == a.ID {
				p.redraw() // its rank and neighbours may have changed
			}
		}
		return cmd
	case detailMsg[accountDossier]:
		return p.onDossier(msg)
	case maxRevenueMsg:
		p.maxRev, p.maxPot = msg.max, msg.pot
		return nil
	case portfolioMsg:
		if p.portfolio != nil {
			p.portfolio.set(msg)
		}
		return nil
	case savedMsg:
		return tea.Batch(reread, p.loadMaxRevenue(), p.onSaved(msg, store.HitAccount))
	case reloadMsg:
		return tea.Batch(reread, p.loadMaxRevenue(), p.onReload(msg))
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

func (p *accountsPane) key(msg tea.KeyMsg) tea.Cmd {
	if ok, cmd := p.answer(msg); ok {
		return cmd
	}
	if p.prep.active() {
		return p.prep.key(msg, &p.ed, p.b.width, p.b.height)
	}
	if p.portfolio != nil {
		switch {
		case key.Matches(msg, p.keys.PortfolioClose):
			p.portfolio = nil
		case key.Matches(msg, p.b.keys.Down):
			p.portfolio.scrollBy(1, p.b.width, p.b.height)
		case key.Matches(msg, p.b.keys.Up):
			p.portfolio.scrollBy(-1, p.b.width, p.b.height)
		}
		return nil
	}
	if handled, cmd := p.browseKey(msg); handled {
		return cmd
	}
	if handled, cmd := p.itemKey(msg); handled {
		return cmd
	}
	k := p.b.keys
	w, h := p.b.width, p.b.height
	switch {
	case key.Matches(msg, k.New):
		return p.accountForm(nil)
	case key.Matches(msg, p.keys.Why) && p.dossier != nil:
		p.showWhy = !p.showWhy
		p.redraw()
		return nil
	case key.Matches(msg, p.keys.Sort):
		i := (int(p.sort) + 1) % len(store.AccountSorts)
		p.sort = store.AccountSorts[i]
		return tea.Batch(p.refilter(p.query), status("Sorted by "+p.sort.String()+"."))
	case key.Matches(msg, p.keys.Archived):
		return tea.Batch(p.toggleArchived("accounts"), p.loadMaxRevenue())
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
	case key.Matches(msg, keyMap.prep.Prep):
		return p.prep.open(store.PrepReq{AccountID: a.ID}, a.Name, w, h)
	case key.Matches(msg, p.item.Map):
		return openMap(a.ID, 0)
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
		pane: p.id, kind: store.HitAccount, uid: a.UID, name: termtext.SanitizeLine(a.Name), id: a.ID, archived: a.Archived(),
		archiveAsk:   "(it leaves the lists; nothing is deleted)",
		archivedSays: " " + keyName(p.keys.Archived) + " shows archived accounts; " + keyName(p.b.keys.Delete) + " on it deletes for good.",
		deleteAsk:    ", with its people, notes, briefs and follow-ups",
		archive:      st.ArchiveAccount,
		remove:       st.DeleteAccount,
	})
	return nil
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
		if n.Revenue, err = model.ParseMoneyIn(f.value("revenue"), n.Currency); err != nil {
			return f.failField("revenue", err)
		}
		if n.Potential, err = model.ParseMoneyIn(f.value("potential"), n.Currency); err != nil {
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
		return saveCmd(f, store.HitAccount, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			var out model.Account
			id, undo, err := saveRecord(ctx, st, store.HitAccount, n.ID, termtext.SanitizeLine(n.Name), func() (int64, error) {
				var err error
				if a != nil {
					out, err = st.UpdateAccount(ctx, n)
				} else {
					out, err = st.CreateAccount(ctx, n)
				}
				return out.ID, err
			})
			if errors.Is(err, model.ErrConflict) {
				// A name taken (in any case or accents): said on the name field.
				_, why, _ := strings.Cut(err.Error(), "conflict: ")
				return saved{}, &model.FieldError{Field: "name", Reason: why}
			}
			if err != nil {
				return saved{}, err
			}
			text := termtext.SanitizeLine(out.Name) + " saved."
			if a == nil {
				text = termtext.SanitizeLine(out.Name) + " added — score " + strconv.FormatFloat(out.Score, 'f', 1, 64) + "."
			}
			return saved{id: id, text: text, undo: undo}, nil
		})
	})
}

func (p *accountsPane) View() string {
	return p.overlay(func() string {
		if p.prep.active() {
			return p.prep.view(p.b.width, p.b.height)
		}
		if p.portfolio != nil {
			return p.portfolio.view(p.b.width, p.b.height)
		}
		header := p.c.styles.Heading.Render("Accounts") + p.c.styles.Muted.Render(" by "+p.sort.String()+" · "+p.b.list.position())
		if p.archived {
			header += p.c.styles.Muted.Render(" · with archived")
		}
		empty := "No accounts yet — press " + keyName(p.b.keys.New) + " to add one, or run `rapport demo` to explore with sample data."
		if p.query != "" {
			empty = "No account matches “" + termtext.SanitizeLine(p.query) + "” — " + keyName(p.b.keys.ClearFilter) + " clears the filter."
		}
		return p.b.view(header, empty, p.row)
	})
}

// table is the list's columns: tier, name, score, the money the list
// is sorted by (revenue unless potential) as a bar against the book's
// largest and an amount, the last touch, then industry and region as
// width allows. The column sorted by is marked.
func (p *accountsPane) table() table {
	money := "Revenue"
	if p.sort == store.SortPotential {
		money = "Potential"
	}
	moneyKey := p.sort == store.SortRevenue || p.sort == store.SortPotential
	return table{
		{title: "Tier", width: 5},
		{title: "Account", flex: 3, least: 10, most: 34, key: p.sort == store.SortName},
		{title: "Score", width: 6, right: true, key: p.sort == store.SortPriority},
		{title: "", width: 12, from: 66},
		{title: money, width: 10, right: true, key: moneyKey},
		{title: "Touch", width: 6, right: true, from: 46, key: p.sort == store.SortLastTouch},
		{title: "Industry", flex: 2, least: 8, most: 22, from: 90},
		{title: "Region", flex: 1, least: 6, most: 16, from: 100},
	}
}

// row draws an account in the table's columns.
func (p *accountsPane) row(a model.Account, width int, selected bool, _ model.Account, _ bool) string {
	st := p.c.styles
	cols := p.table()
	ws := cols.widths(width - 2)
	amount, top := a.Revenue, p.maxRev
	if p.sort == store.SortPotential {
		amount, top = a.Potential, p.maxPot
	}
	frac := 0.0
	if top > 0 {
		frac = float64(amount) / float64(top)
	}
	name := termtext.SanitizeLine(a.Name)
	if a.Archived() {
		name = st.Muted.Render(name + " (archived)")
	}
	text := cols.line(ws,
		st.badge(string(a.Tier), tierShort(a.Tier)), name, st.Muted.Render(fmt.Sprintf("%.1f", a.Score)),
		st.bar(frac, ws[3]), amount.Short(), st.Muted.Render(model.Age(a.LastTouchOn, p.c.today())),
		st.Muted.Render(termtext.SanitizeLine(a.Industry)), st.Muted.Render(termtext.SanitizeLine(a.Region)))
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

// click acts on the list; the portfolio takes none.
func (p *accountsPane) click(x, y int) tea.Cmd {
	if p.portfolio != nil {
		return nil
	}
	return p.dossierPane.click(x, y)
}
