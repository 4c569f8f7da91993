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
	// bossFor is the account whose people the open form's "reports to"
	// offers (folded name), so they are read once per account typed.
	bossFor string
}

// colleaguesMsg brings the people of the account typed in a person form, for
// its "reports to" choices.
type colleaguesMsg struct {
	form    *form
	account string
	names   []string
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
	p := &peoplePane{c: c, b: newBrowse[model.Person](c), item: newItemKeys()}
	p.b.wideFocus = true // the focused dossier spreads over two columns
	return p
}

func (p *peoplePane) Title() string { return "People" }

func (p *peoplePane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *peoplePane) refilter(q string) tea.Cmd {
	keep := keepOnClear(&p.b.list, p.query, q, func(v model.Person) int64 { return v.ID })
	p.query = q
	f := p.filter()
	st := p.c.store
	cmd := p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.Person], error) { return st.People(ctx, f, req) },
		func(ctx ctxT) (int, error) { return st.CountPeople(ctx, f) })
	if keep != 0 {
		return p.b.list.jump(func(ctx ctxT) (store.Position, error) { return st.PersonPosition(ctx, f, keep) })
	}
	return cmd
}

func (p *peoplePane) filter() store.PersonFilter {
	return store.PersonFilter{Query: p.query, AccountID: p.c.scope.ID}
}

func (p *peoplePane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
	p.redraw()
}

// redraw renders the dossier again for the current width and focus.
func (p *peoplePane) redraw() {
	if p.dossier != nil {
		p.b.setDetail(p.dossier.person.ID, p.renderDossier(p.dossier))
	}
}

func (p *peoplePane) Capturing() bool          { return p.ed.active() || p.b.capturing() || p.ask != nil }
func (p *peoplePane) Dirty() bool              { return p.ed.dirty() }
func (p *peoplePane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

// Open shows a person's dossier with the detail focused (quick find lands
// here).
func (p *peoplePane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.ed.ed, p.ask = nil, nil
	p.b.focusDetail(true)
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
			return openMsg{kind: store.HitPerson, id: n.PersonID}
		}
	}
	return tea.Batch(p.selectInList(id, true), p.loadDossier(id))
}

// selectInList selects a person in the list, wherever they are in it; a
// filter that hides them is cleared first when asked (opening from elsewhere).
func (p *peoplePane) selectInList(id int64, clearFilter bool) tea.Cmd {
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
	cmds = append(cmds, p.b.list.jump(func(ctx ctxT) (store.Position, error) { return st.PersonPosition(ctx, f, id) }))
	return tea.Batch(cmds...)
}

func (p *peoplePane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	k := p.b.keys
	if _, ok := p.b.list.selected(); !ok && !p.b.filtering && !p.b.inDetail {
		// Nothing to move over or act on: only what can start something.
		own := []key.Binding{k.New}
		if p.query != "" {
			own = append([]key.Binding{k.ClearFilter}, own...)
		}
		return bindings{short: own, full: [][]key.Binding{own}}
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
		return tea.Batch(cmd, p.offerColleagues())
	}
	switch msg := msg.(type) {
	case colleaguesMsg:
		if p.ed.ed != nil && p.ed.ed.form == msg.form {
			if ff := formFieldOf(msg.form, "reports to"); ff != nil {
				ff.setOptions(msg.names)
			}
		}
		return nil
	case pageMsg[model.Person]:
		ok, cmd := p.b.list.update(msg)
		if !ok {
			return nil
		}
		if p.b.list.empty() && !p.b.inDetail {
			p.dossier = nil // nothing selected: no stale dossier beside the empty list
			p.b.setDetail(0, "")
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
		cmds := []tea.Cmd{status(msg.text)}
		if msg.kind == store.HitPerson && msg.id != 0 {
			// Follow the person to their (new) place in the list.
			cmds = append(cmds, p.selectInList(msg.id, false), p.loadDossier(msg.id))
		} else {
			cmds = append(cmds, p.b.list.reload())
			if id := p.selectedID(); id != 0 {
				cmds = append(cmds, p.loadDossier(id))
			}
		}
		return tea.Batch(cmds...)
	case reloadMsg:
		return p.b.list.reloadFor(msg)
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
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if p.b.inDetail != wasDetail {
			p.redraw() // the focused dossier takes the whole width
		}
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
	case key.Matches(msg, k.Delete):
		return p.askDelete(v)
	}
	return p.c.subjectForm(msg, p.item, k.FollowUp, &p.ed, w, h, about)
}

// askDelete archives by default; an archived person can then be deleted
// for good.
func (p *peoplePane) askDelete(v model.Person) tea.Cmd {
	st := p.c.store
	p.ask = p.c.askRemove(removal{
		name: termtext.SanitizeLine(v.Name), id: v.ID, archived: v.Archived(),
		archiveAsk: "(nothing is deleted)",
		deleteAsk:  ", with their notes",
		archive:    func(ctx ctxT, on bool) error { return st.ArchivePerson(ctx, v.ID, on) },
		remove:     func(ctx ctxT) error { return st.DeletePerson(ctx, v.ID) },
		run:        func(w func() (int64, string, error)) tea.Cmd { return saveCmd(nil, store.HitPerson, w) },
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
		empty = "Nobody matches “" + termtext.SanitizeLine(p.query) + "” — esc clears the filter."
	}
	out := p.b.view(header, empty, p.row)
	if p.ask != nil {
		return replaceLastLine(out, p.c.styles.Warn.Render(termtext.Fit(p.ask.view(), p.b.width)))
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
	text := termtext.Fit(termtext.SanitizeLine(v.Name), nameW) + " " + st.Muted.Render(termtext.Fit(termtext.SanitizeLine(v.AccountName), accW)) + " " + ls.Render(termtext.Fit(last, lastW))
	return p.b.row(text, width, selected)
}

// renderDossier is the 30-second lookup: who they are, how to talk to them,
// what to ask about, and what is open. Focused on a wide terminal it spreads
// over two columns, so everything fits one screen (120×35); beside the list
// it is one scrolling column.
func (p *peoplePane) renderDossier(d *personDossier) string {
	st := p.c.styles
	v := d.person
	w := p.b.detailWidth() - 1
	today := p.c.today()
	cols := p.b.wide() && w >= 100
	var head []string
	title := st.Title.Render(termtext.SanitizeLine(v.Name))
	if v.Role != "" {
		title += " " + st.badge(string(v.Role), string(v.Role))
	}
	if v.Archived() {
		title += st.Muted.Render(" archived")
	}
	sub := st.Muted.Render(strings.Join(nonEmpty(termtext.SanitizeLine(v.Title), termtext.SanitizeLine(v.BusinessUnit), termtext.SanitizeLine(v.AccountName)), " · "))
	if cols {
		head = append(head, termtext.Clip(title+"  "+sub, w))
	} else {
		head = append(head, termtext.Clip(title, w), termtext.Clip(sub, w))
	}
	if c := cadenceLine(v, st, today); c != "" {
		head = append(head, termtext.Clip(c, w))
	}
	if !cols {
		var body []string
		for _, sec := range [][]string{p.profile(d, w), p.askAbout(d, w, 5), p.lastTouches(d, w, 5), p.openFollowUps(d, w, 8),
			p.personBriefs(d, w, 10, 3), p.reporting(d, w, 10), p.otherNotes(d, w, 12)} {
			body = appendSection(body, sec)
		}
		return strings.Join(append(head, body...), "\n")
	}
	cw := (w - portfolioGap) / 2
	var left, right []string
	for _, sec := range [][]string{p.profile(d, cw), p.reporting(d, cw, 5), p.otherNotes(d, cw, 4)} {
		left = appendSection(left, sec)
	}
	for _, sec := range [][]string{p.askAbout(d, cw, 5), p.lastTouches(d, cw, 4), p.openFollowUps(d, cw, 4), p.personBriefs(d, cw, 3, 2)} {
		right = appendSection(right, sec)
	}
	return strings.Join(append(append(head, ""), columns(left, right, cw, portfolioGap)...), "\n")
}

// appendSection adds a section after a blank line (none before the first).
func appendSection(out, sec []string) []string {
	if len(sec) == 0 {
		return out
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return append(out, sec...)
}

// columns sets two lists of lines side by side, each column w cells wide.
func columns(left, right []string, w, gap int) []string {
	out := make([]string, 0, max(len(left), len(right)))
	for i := range max(len(left), len(right)) {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, termtext.Fit(l, w)+strings.Repeat(" ", gap)+termtext.Clip(r, w))
	}
	return out
}

// cadenceLine says whether to call: last touch against the cadence.
func cadenceLine(v model.Person, st Styles, today model.Date) string {
	cad := v.Cadence(v.AccountTier)
	every := fmt.Sprintf("every %d days", cad)
	if v.CadenceDays == 0 && v.AccountTier != "" {
		every += " (" + string(v.AccountTier) + " default)"
	}
	cadence := "last touch " + ago(v.LastTouchOn, today) + " · " + every
	switch over := model.DaysOverdue(v.TouchDueOn, today); {
	case v.TouchDueOn.IsZero():
		return st.Muted.Render(cadence)
	case over > 0:
		return st.Overdue.Render(cadence + fmt.Sprintf(" · %d %s overdue", over, termtext.Plural(over, "day", "days")))
	case over == 0:
		return st.Warn.Render(cadence + " · due today")
	default:
		return st.Good.Render(cadence + fmt.Sprintf(" · next in %d %s", -over, termtext.Plural(-over, "day", "days")))
	}
}

// profile: influence, how they like to hear things, what they need to
// show, tenure, career, how to reach them.
func (p *peoplePane) profile(d *personDossier, w int) []string {
	st := p.c.styles
	v := d.person
	today := p.c.today()
	scale := func(n int) string {
		if n == 0 {
			return "—"
		}
		return strings.Repeat("●", n) + strings.Repeat("○", 5-n)
	}
	standing := ""
	if v.Influence != 0 || v.Strength != 0 {
		standing = scale(v.Influence) + "   relationship " + scale(v.Strength)
	}
	tenure := ""
	if !v.AtClientSince.IsZero() {
		yrs := float64(today.DaysSince(v.AtClientSince)) / 365.25
		tenure = fmt.Sprintf("since %s (%.1f years)", v.AtClientSince, yrs)
	}
	bday := ""
	if !v.Birthday.IsZero() {
		bday = v.Birthday.String()
		if next := v.Birthday.Next(today); !next.IsZero() {
			switch n := next.DaysSince(today); {
			case n == 0:
				bday += " — today!"
			case n <= 30:
				bday += fmt.Sprintf(" — in %d %s", n, termtext.Plural(n, "day", "days"))
			}
		}
	}
	out := lines(
		st.field("Influence", standing, w),
		st.field("Likes info", v.ReceiveInfo, w),
		st.field("Needs to show", v.NeedsToShow, w),
		st.field("At client", tenure, w),
		st.field("Career", v.CareerHistory, w),
		st.fieldItems("Reach", []string{v.PreferredChannel, v.Email, v.Phone}, w),
		st.field("Location", v.Location, w),
		st.field("Birthday", bday, w),
	)
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

// askAbout: the notes whose ask-after day has come ("Ask about", as on
// Today), then the latest personal notes, with their age and, for one to
// ask about later, the day from which to ask.
func (p *peoplePane) askAbout(d *personDossier, w, limit int) []string {
	st := p.c.styles
	today := p.c.today()
	// Each on at most two lines: these are what the call opens with. The
	// lead is five cells and a space; the text wraps under itself.
	const indent = 8
	items := 0
	note := func(lead string, n model.Note, tail string) []string {
		text := strings.Split(wrapIndent(pinMark(n, st)+termtext.SanitizeLine(n.Text)+tail, w-indent, indent), "\n")
		if len(text) > 2 {
			text = text[:2]
			text[1] += "…"
		}
		text[0] = "  " + lead + " " + text[0]
		for i := range text {
			text[i] = termtext.Clip(text[i], w)
		}
		items++
		return text
	}
	var ask, personal []string
	for _, n := range d.notes {
		if n.AskDue(today) && items < limit {
			ask = append(ask, note(st.Warn.Render(termtext.Fit("●", 5)), n, "")...)
		}
	}
	for _, n := range d.notes {
		if n.Kind == model.NotePersonal && !n.AskDue(today) && items < limit {
			tail := ""
			if !n.AskAfter.IsZero() && n.AskedAt.IsZero() {
				tail = st.Muted.Render(" · ask from " + relDue(n.AskAfter, today))
			}
			personal = append(personal, note(st.Muted.Render(termtext.Fit(ago(n.On, today), 5)), n, tail)...)
		}
	}
	var out []string
	if len(ask) > 0 {
		out = append(append(out, st.Heading.Render("Ask about")), ask...)
	}
	if len(personal) > 0 {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(append(out, st.Heading.Render("Personal notes")), personal...)
	}
	return out
}

func pinMark(n model.Note, st Styles) string {
	if n.Pinned {
		return st.Warn.Render("★ ")
	}
	return ""
}

func (p *peoplePane) lastTouches(d *personDossier, w, limit int) []string {
	st := p.c.styles
	if len(d.touches) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Last touches")}
	for i, t := range d.touches {
		if i == limit {
			break
		}
		out = append(out, termtext.Clip("  "+st.Muted.Render(t.On.String()+" "+termtext.Fit(string(t.Kind), 11))+" "+termtext.SanitizeLine(t.Summary), w))
	}
	return out
}

func (p *peoplePane) openFollowUps(d *personDossier, w, limit int) []string {
	st := p.c.styles
	if len(d.followUps) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Open follow-ups")}
	for i, f := range d.followUps {
		if i == limit {
			out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more in Follow-ups (5)", len(d.followUps)-limit)))
			break
		}
		out = append(out, termtext.Clip("  "+followUpLine(f, st, p.c.today(), w-2), w))
	}
	return out
}

// personBriefs: the briefs they are part of, with the framing written for
// them (at most framingLines lines each).
func (p *peoplePane) personBriefs(d *personDossier, w, limit, framingLines int) []string {
	st := p.c.styles
	if len(d.briefs) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Briefs")}
	for i, br := range d.briefs {
		if i == limit {
			out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more", len(d.briefs)-limit)))
			break
		}
		stage := st.Muted.Render(" · " + string(br.Stage))
		out = append(out, "  "+termtext.Clip(termtext.SanitizeLine(br.Title), w-2-termtext.Width(stage))+stage)
		for _, bp := range br.People {
			if bp.PersonID != d.person.ID || bp.Framing == "" {
				continue
			}
			fl := strings.Split(wrapIndent(termtext.SanitizeLine(bp.Framing), w-15, 15), "\n")
			if len(fl) > framingLines {
				fl = fl[:framingLines]
				fl[framingLines-1] = termtext.Clip(fl[framingLines-1]+" …", w)
			}
			fl[0] = st.Muted.Render("    framing    ") + fl[0]
			out = append(out, fl...)
		}
	}
	return out
}

// reporting: who they report to, and who reports to them.
func (p *peoplePane) reporting(d *personDossier, w, limit int) []string {
	st := p.c.styles
	if d.boss == nil && len(d.reports) == 0 {
		return nil
	}
	out := []string{st.Heading.Render("Reporting")}
	who := func(prefix string, x model.Person) string {
		s := prefix + termtext.SanitizeLine(x.Name)
		if x.Title != "" {
			s += st.Muted.Render(" · " + termtext.SanitizeLine(x.Title))
		}
		return termtext.Clip(s, w)
	}
	if d.boss != nil {
		out = append(out, who("  reports to ", *d.boss))
	}
	for i, r := range d.reports {
		if i == limit {
			out = append(out, st.Muted.Render(fmt.Sprintf("  … and %d more", len(d.reports)-limit)))
			break
		}
		out = append(out, who("  ← ", r))
	}
	return out
}

// otherNotes: business, insight and conflict notes, pinned first.
func (p *peoplePane) otherNotes(d *personDossier, w, limit int) []string {
	st := p.c.styles
	var out []string
	for _, n := range d.notes {
		if n.Kind == model.NotePersonal || len(out) == limit {
			continue
		}
		out = append(out, termtext.Clip("  "+st.Muted.Render(n.On.String()+" "+termtext.Fit(string(n.Kind), 8))+" "+pinMark(n, st)+termtext.SanitizeLine(n.Text), w))
	}
	if len(out) == 0 {
		return nil
	}
	return append([]string{st.Heading.Render("Notes")}, out...)
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
		x, title, account = *v, "Edit "+termtext.SanitizeLine(v.Name), v.AccountName
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
	p.bossFor = "\x00" // nothing offered yet
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
			acct, err := st.ResolveAccount(ctx, accName, false)
			if errors.Is(err, model.ErrNotFound) {
				return 0, "", &model.FieldError{Field: "account", Reason: model.Sentence(err) + " — add it in the Accounts pane first"}
			}
			if err != nil {
				return 0, "", fieldErr("account", err)
			}
			n.AccountID = acct.ID
			n.ReportsToID = 0
			if bossName != "" {
				boss, err := st.ResolvePerson(ctx, bossName, store.PersonName{AccountID: n.AccountID, Except: n.ID})
				if err != nil {
					return 0, "", fieldErr("reports to", err)
				}
				n.ReportsToID = boss.ID
			}
			if v != nil {
				saved, err := st.UpdatePerson(ctx, n)
				return saved.ID, termtext.SanitizeLine(saved.Name) + " saved.", err
			}
			saved, err := st.CreatePerson(ctx, n)
			return saved.ID, termtext.SanitizeLine(saved.Name) + " added to " + termtext.SanitizeLine(saved.AccountName) + ".", err
		})
	})
}

func formFieldOf(f *form, key string) *formField {
	for _, ff := range f.fields {
		if ff.key == key {
			return ff
		}
	}
	return nil
}

// offerColleagues reads the people of the account typed in the open person
// form when "reports to" takes the focus, so the boss is picked from them
// (←/→ or the first letters) rather than typed blind.
func (p *peoplePane) offerColleagues() tea.Cmd {
	if p.ed.ed == nil {
		return nil
	}
	f := p.ed.ed.form
	boss := formFieldOf(f, "reports to")
	if boss == nil || f.fields[f.focus] != boss {
		return nil
	}
	account := model.Fold(f.value("account"))
	if account == p.bossFor {
		return nil
	}
	p.bossFor = account
	self := int64(0)
	if p.dossier != nil && strings.HasPrefix(f.title, "Edit ") {
		self = p.dossier.person.ID
	}
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		msg := colleaguesMsg{form: f, account: account}
		accts, err := st.FindAccounts(ctx, account, 2)
		if err != nil || len(accts) != 1 {
			return msg
		}
		people, err := st.AccountPeople(ctx, accts[0].ID)
		if err != nil {
			return msg
		}
		for _, c := range people {
			if c.ID != self {
				msg.names = append(msg.names, c.Name)
			}
		}
		return msg
	}
}
