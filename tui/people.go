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

// peoplePane lists people and shows the person dossier: the 30-second
// lookup before a meeting.
type peoplePane struct {
	c       *common
	b       browse[model.Person]
	ed      editorHost
	item    itemKeys
	query   string
	dossier *personDossier
	ask     *confirm
}

// personDossier is everything the detail side shows about one person.
type personDossier struct {
	person    model.Person
	boss      *model.Person
	reports   []model.Person
	notes     []model.Note
	touches   []model.Touch
	followUps []model.FollowUp
	briefs    []model.Brief
}

// personDossierMsg carries a loaded dossier.
type personDossierMsg struct {
	id  int64
	d   *personDossier
	err error
}

func newPeoplePane(c *common) *peoplePane {
	return &peoplePane{c: c, b: newBrowse[model.Person](c), item: newItemKeys()}
}

func (p *peoplePane) Title() string { return "People" }

func (p *peoplePane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *peoplePane) refilter(q string) tea.Cmd {
	p.query = q
	f := store.PersonFilter{Query: q, AccountID: p.c.scope.ID}
	st := p.c.store
	return p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.Person], error) { return st.People(ctx, f, req) },
		func(ctx ctxT) (int, error) { return st.CountPeople(ctx, f) })
}

func (p *peoplePane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
}

func (p *peoplePane) Capturing() bool          { return p.ed.active() || p.b.capturing() || p.ask != nil }
func (p *peoplePane) Dirty() bool              { return p.ed.dirty() }
func (p *peoplePane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

// Open shows a person's dossier with the detail focused (quick find lands
// here).
func (p *peoplePane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.b.inDetail = true
	if kind == store.HitNote {
		st := p.c.store
		return func() tea.Msg {
			ctx, cancel := p.c.ctx()
			defer cancel()
			n, err := st.Note(ctx, id)
			if err != nil {
				return personDossierMsg{err: err}
			}
			if n.PersonID == 0 {
				return openMsg{kind: store.HitAccount, id: n.AccountID}
			}
			return p.loadDossier(n.PersonID)()
		}
	}
	return p.loadDossier(id)
}

func (p *peoplePane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	k := p.b.keys
	if _, ok := p.b.list.selected(); !ok && p.dossier == nil {
		return p.b.help(k.New)
	}
	return p.b.help(k.New, k.Edit, p.item.Note, p.item.Touch, k.FollowUp, k.Delete)
}

func (p *peoplePane) selectedID() int64 {
	if p.b.inDetail && p.dossier != nil {
		return p.dossier.person.ID
	}
	if v, ok := p.b.list.selected(); ok {
		return v.ID
	}
	return 0
}

func (p *peoplePane) Update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	switch msg := msg.(type) {
	case pageMsg[model.Person]:
		ok, cmd := p.b.list.update(msg)
		if !ok {
			return nil
		}
		if v, sel := p.b.list.selected(); sel && !p.b.inDetail && (p.dossier == nil || p.dossier.person.ID != v.ID) {
			return tea.Batch(cmd, p.loadDossier(v.ID))
		}
		return cmd
	case personDossierMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		if msg.id == p.selectedID() || p.b.inDetail {
			p.dossier = msg.d
			p.b.setDetail(msg.id, p.renderDossier(msg.d))
		}
		return nil
	case savedMsg:
		cmds := []tea.Cmd{status(msg.text), p.b.list.reload()}
		if msg.kind == store.HitPerson && msg.id != 0 {
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

func (p *peoplePane) key(msg tea.KeyMsg) tea.Cmd {
	if p.ask != nil {
		done, cmd := p.ask.update(msg)
		if done {
			p.ask = nil
		}
		return cmd
	}
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if changed {
			if v, ok := p.b.list.selected(); ok {
				return tea.Batch(cmd, p.loadDossier(v.ID))
			}
		}
		return cmd
	}
	k := p.b.keys
	w, h := p.b.width, p.b.height
	if key.Matches(msg, k.New) {
		return p.personForm(nil)
	}
	if p.dossier == nil {
		return nil
	}
	v := p.dossier.person
	about := subject{accountID: v.AccountID, personID: v.ID, name: v.Name}
	switch {
	case key.Matches(msg, k.Edit):
		return p.personForm(&v)
	case key.Matches(msg, p.item.Note):
		return p.c.noteForm(&p.ed, w, h, subject{personID: v.ID, name: v.Name})
	case key.Matches(msg, p.item.Touch):
		return p.c.touchForm(&p.ed, w, h, subject{personID: v.ID, name: v.Name})
	case key.Matches(msg, k.FollowUp):
		return p.c.followUpForm(&p.ed, w, h, about, nil)
	case key.Matches(msg, k.Delete):
		return p.askDelete(v)
	}
	return nil
}

func (p *peoplePane) askDelete(v model.Person) tea.Cmd {
	st := p.c.store
	name := SanitizeLine(v.Name)
	if !v.Archived() {
		p.ask = newConfirm("Archive "+name+"? (nothing is deleted)", func() tea.Cmd {
			return saveCmd(nil, store.HitPerson, func() (int64, string, error) {
				ctx, cancel := p.c.ctx()
				defer cancel()
				return v.ID, name + " archived.", st.ArchivePerson(ctx, v.ID, true)
			})
		})
		return nil
	}
	p.ask = newConfirm("Delete "+name+" for good, with their notes?", func() tea.Cmd {
		return saveCmd(nil, store.HitPerson, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			return 0, name + " deleted.", st.DeletePerson(ctx, v.ID)
		})
	})
	return nil
}

func (p *peoplePane) loadDossier(id int64) tea.Cmd {
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		d := &personDossier{}
		fail := func(err error) tea.Msg { return personDossierMsg{id: id, err: err} }
		var err error
		if d.person, err = st.Person(ctx, id); err != nil {
			return fail(err)
		}
		colleagues, err := st.AccountPeople(ctx, d.person.AccountID)
		if err != nil {
			return fail(err)
		}
		for i := range colleagues {
			c := colleagues[i]
			if c.ID == d.person.ReportsToID {
				d.boss = &c
			}
			if c.ReportsToID == id {
				d.reports = append(d.reports, c)
			}
		}
		np, err := st.Notes(ctx, store.NoteFilter{PersonID: id}, store.PageReq{Limit: 12})
		if err != nil {
			return fail(err)
		}
		d.notes = np.Items
		tp, err := st.Touches(ctx, store.TouchFilter{PersonID: id}, store.PageReq{Limit: 5})
		if err != nil {
			return fail(err)
		}
		d.touches = tp.Items
		fp, err := st.FollowUps(ctx, store.FollowUpFilter{PersonID: id}, store.PageReq{Limit: 8})
		if err != nil {
			return fail(err)
		}
		d.followUps = fp.Items
		if d.briefs, err = st.PersonBriefs(ctx, id); err != nil {
			return fail(err)
		}
		return personDossierMsg{id: id, d: d}
	}
}

func (p *peoplePane) View() string {
	if p.ed.active() {
		return p.ed.ed.form.view()
	}
	header := p.c.styles.Heading.Render("People") + p.c.styles.Muted.Render(" · "+p.b.list.position())
	empty := "No people yet — press n to add someone at an account, or run `rapport demo` to explore with sample data."
	if p.query != "" {
		empty = "Nobody matches “" + SanitizeLine(p.query) + "” — esc clears the filter."
	}
	out := p.b.view(header, empty, p.row)
	if p.ask != nil {
		return replaceLastLine(out, p.c.styles.Warn.Render(fit(p.ask.view(), p.b.width)))
	}
	return out
}

// row: name, account, days since the last touch (red when due).
func (p *peoplePane) row(v model.Person, width int, selected bool) string {
	st := p.c.styles
	today := p.c.today()
	last := ago(v.LastTouchOn, today)
	ls := st.Muted
	if !v.TouchDueOn.IsZero() && !v.TouchDueOn.After(today) {
		ls = st.Overdue
	}
	lastW := 7
	accW := max((width-2-lastW-2)*2/5, 6)
	nameW := width - 2 - accW - lastW - 2
	text := fit(SanitizeLine(v.Name), nameW) + " " + st.Muted.Render(fit(SanitizeLine(v.AccountName), accW)) + " " + ls.Render(fit(last, lastW))
	return p.b.row(text, width, selected)
}

// renderDossier is the 30-second lookup: who they are, how to talk to them,
// what to ask about, and what is open.
func (p *peoplePane) renderDossier(d *personDossier) string {
	st := p.c.styles
	v := d.person
	w := p.b.detailWidth() - 2
	today := p.c.today()
	var b strings.Builder
	title := st.Title.Render(SanitizeLine(v.Name))
	if v.Role != "" {
		title += " " + st.badge(string(v.Role), string(v.Role))
	}
	if v.Archived() {
		title += st.Muted.Render(" archived")
	}
	b.WriteString(title + "\n")
	sub := strings.Join(nonEmpty(SanitizeLine(v.Title), SanitizeLine(v.BusinessUnit), SanitizeLine(v.AccountName)), " · ")
	b.WriteString(st.Muted.Render(clip(sub, w)) + "\n")
	// Cadence: the line that says whether to call.
	cad := v.Cadence(v.AccountTier)
	cadence := fmt.Sprintf("last touch %s · every %d days", ago(v.LastTouchOn, today), cad)
	switch over := model.DaysOverdue(v.TouchDueOn, today); {
	case v.TouchDueOn.IsZero():
	case over > 0:
		b.WriteString(st.Overdue.Render(cadence+fmt.Sprintf(" · %d days overdue", over)) + "\n")
	case over == 0:
		b.WriteString(st.Warn.Render(cadence+" · due today") + "\n")
	default:
		b.WriteString(st.Good.Render(cadence+fmt.Sprintf(" · next in %d days", -over)) + "\n")
	}
	scale := func(n int) string {
		if n == 0 {
			return ""
		}
		return strings.Repeat("●", n) + strings.Repeat("○", 5-n)
	}
	tenure := ""
	if !v.AtClientSince.IsZero() {
		yrs := float64(today.DaysSince(v.AtClientSince)) / 365.25
		tenure = fmt.Sprintf("since %s (%.1f years)", v.AtClientSince, yrs)
	}
	b.WriteString(lines(
		st.field("Influence", scale(v.Influence), w),
		st.field("Relationship", scale(v.Strength), w),
		st.field("Likes info", v.ReceiveInfo, w),
		st.field("Needs to show", v.NeedsToShow, w),
		st.field("At client", tenure, w),
		st.field("Career", v.CareerHistory, w),
		st.field("Channel", v.PreferredChannel, w),
		st.field("Email", v.Email, w),
		st.field("Phone", v.Phone, w),
		st.field("Location", v.Location, w),
		st.field("Birthday", v.Birthday.String(), w),
	) + "\n")
	// Ask about: ask-after notes that have come, then recent personal notes.
	var ask []string
	for _, n := range d.notes {
		if n.AskDue(today) {
			ask = append(ask, st.Warn.Render("● ")+clip(SanitizeLine(n.Text), w-4))
		}
	}
	for _, n := range d.notes {
		if n.Kind == model.NotePersonal && !n.AskDue(today) && len(ask) < 5 {
			ask = append(ask, st.Muted.Render(ago(n.On, today)+" ")+clip(SanitizeLine(n.Text), w-10))
		}
	}
	if len(ask) > 0 {
		b.WriteString("\n" + st.Heading.Render("Ask about") + "\n  " + strings.Join(ask, "\n  ") + "\n")
	}
	if len(d.touches) > 0 {
		b.WriteString("\n" + st.Heading.Render("Last touches") + "\n")
		for _, t := range d.touches {
			b.WriteString("  " + st.Muted.Render(t.On.String()+" "+fit(string(t.Kind), 8)) + clip(SanitizeLine(t.Summary), w-22) + "\n")
		}
	}
	if len(d.followUps) > 0 {
		b.WriteString("\n" + st.Heading.Render("Open follow-ups") + "\n")
		for _, f := range d.followUps {
			b.WriteString("  " + followUpLine(f, st, today, w-2) + "\n")
		}
	}
	if len(d.briefs) > 0 {
		b.WriteString("\n" + st.Heading.Render("Briefs") + "\n")
		for _, br := range d.briefs {
			b.WriteString("  " + clip(SanitizeLine(br.Title), w-22) + " " + st.Muted.Render(string(br.Stage)) + "\n")
			for _, bp := range br.People {
				if bp.PersonID == v.ID && bp.Framing != "" {
					b.WriteString(st.Muted.Render("    framing: ") + wrapIndent(SanitizeLine(bp.Framing), w-14, 13) + "\n")
				}
			}
		}
	}
	if d.boss != nil || len(d.reports) > 0 {
		b.WriteString("\n" + st.Heading.Render("Reporting") + "\n")
		if d.boss != nil {
			b.WriteString("  reports to " + SanitizeLine(d.boss.Name) + st.Muted.Render(" · "+SanitizeLine(d.boss.Title)) + "\n")
		}
		for _, r := range d.reports {
			b.WriteString("  ← " + SanitizeLine(r.Name) + st.Muted.Render(" · "+SanitizeLine(r.Title)) + "\n")
		}
	}
	var other []string
	for _, n := range d.notes {
		if n.Kind != model.NotePersonal {
			pin := ""
			if n.Pinned {
				pin = "📌 "
			}
			other = append(other, st.Muted.Render(n.On.String()+" "+string(n.Kind)+" ")+pin+clip(SanitizeLine(n.Text), w-24))
		}
	}
	if len(other) > 0 {
		b.WriteString("\n" + st.Heading.Render("Notes") + "\n  " + strings.Join(other, "\n  ") + "\n")
	}
	return b.String()
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// personForm opens the new-person form, or the edit form for v.
func (p *peoplePane) personForm(v *model.Person) tea.Cmd {
	x := model.Person{}
	title := "New person"
	account, boss := p.c.scope.Name, ""
	if v != nil {
		x, title, account = *v, "Edit "+SanitizeLine(v.Name), v.AccountName
		if p.dossier != nil && p.dossier.boss != nil {
			boss = p.dossier.boss.Name
		}
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	since := x.AtClientSince.String()
	bday := ""
	if !x.Birthday.IsZero() {
		bday = x.Birthday.String()
	}
	f := newForm(title, p.c.styles,
		fieldSpec{key: "name", label: "Name", value: x.Name},
		fieldSpec{key: "account", label: "Account", value: account, hint: "the client's name"},
		fieldSpec{key: "title", label: "Title", value: x.Title},
		fieldSpec{key: "role", label: "Role in decisions", value: string(x.Role), options: options(model.Roles)},
		fieldSpec{key: "reports to", label: "Reports to", value: boss, hint: "someone at the same account (optional)"},
		fieldSpec{key: "influence", label: "Influence", value: num(x.Influence), hint: "1–5"},
		fieldSpec{key: "strength", label: "Relationship", value: num(x.Strength), hint: "1–5, how strong it is"},
		fieldSpec{key: "receives information", label: "Likes info", value: x.ReceiveInfo, hint: "e.g. numbers first, one page"},
		fieldSpec{key: "needs to show", label: "Needs to show", value: x.NeedsToShow, hint: "their wins, internally"},
		fieldSpec{key: "cadence", label: "Cadence (days)", value: num(x.CadenceDays), hint: "empty: tier default (key 14, strategic 30, growth 45, maintain 90)"},
		fieldSpec{key: "business unit", label: "Business unit", value: x.BusinessUnit},
		fieldSpec{key: "email", label: "Email", value: x.Email},
		fieldSpec{key: "phone", label: "Phone", value: x.Phone},
		fieldSpec{key: "location", label: "Location / zone", value: x.Location},
		fieldSpec{key: "preferred channel", label: "Channel", value: x.PreferredChannel, hint: "call, email, message…"},
		fieldSpec{key: "birthday", label: "Birthday", value: bday, hint: "dec 3, or dec 3 1980"},
		fieldSpec{key: "since", label: "At client since", value: since, hint: "2019-04-01"},
		fieldSpec{key: "career history", label: "Career history", value: x.CareerHistory, long: true, rows: 3},
	)
	st := p.c.store
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		n := x
		n.Name, n.Title, n.Role = f.value("name"), f.value("title"), model.Role(f.value("role"))
		n.ReceiveInfo, n.NeedsToShow = f.value("receives information"), f.value("needs to show")
		n.BusinessUnit, n.Email, n.Phone = f.value("business unit"), f.value("email"), f.value("phone")
		n.Location, n.PreferredChannel, n.CareerHistory = f.value("location"), f.value("preferred channel"), f.value("career history")
		var err error
		for _, s := range []struct {
			key string
			dst *int
		}{{"influence", &n.Influence}, {"strength", &n.Strength}, {"cadence", &n.CadenceDays}} {
			*s.dst = 0
			if t := f.value(s.key); t != "" {
				if *s.dst, err = strconv.Atoi(t); err != nil {
					return f.failField(s.key, fmt.Errorf("must be a whole number, not %q", t))
				}
			}
		}
		if n.Birthday, err = model.ParseBirthday(f.value("birthday")); err != nil {
			return f.failField("birthday", err)
		}
		if n.AtClientSince, err = model.ParseISODate(f.value("since")); err != nil {
			return f.failField("since", err)
		}
		accName, bossName := f.value("account"), f.value("reports to")
		if accName == "" {
			return f.failField("account", fmt.Errorf("is required: type the client's name"))
		}
		n.AccountID = -1 // resolved in the command; lets Validate check the rest now
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		return saveCmd(f, store.HitPerson, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			accts, err := st.FindAccounts(ctx, accName, 5)
			if err != nil {
				return 0, "", err
			}
			if len(accts) != 1 {
				return 0, "", &model.FieldError{Field: "account", Reason: accountMatch(accName, accts)}
			}
			n.AccountID = accts[0].ID
			n.ReportsToID = 0
			if bossName != "" {
				colleagues, err := st.AccountPeople(ctx, n.AccountID)
				if err != nil {
					return 0, "", err
				}
				var match []model.Person
				for _, c := range colleagues {
					if c.ID != n.ID && strings.HasPrefix(model.Fold(c.Name), model.Fold(bossName)) {
						match = append(match, c)
					}
				}
				if len(match) != 1 {
					return 0, "", &model.FieldError{Field: "reports to", Reason: peopleMatch(bossName, match)}
				}
				n.ReportsToID = match[0].ID
			}
			if v != nil {
				saved, err := st.UpdatePerson(ctx, n)
				return saved.ID, SanitizeLine(saved.Name) + " saved.", err
			}
			saved, err := st.CreatePerson(ctx, n)
			return saved.ID, SanitizeLine(saved.Name) + " added to " + SanitizeLine(saved.AccountName) + ".", err
		})
	})
}

func accountMatch(name string, as []model.Account) string {
	if len(as) == 0 {
		return "no account called “" + name + "” — add it in the Accounts pane first"
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return "“" + name + "” could be " + strings.Join(names, ", ")
}
