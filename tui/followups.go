package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// followUpsPane lists open follow-ups by the day they show on the agenda,
// grouped overdue / today / next 7 days / later, and done ones on request.
type followUpsPane struct {
	c        *common
	b        browse[model.FollowUp]
	ed       editorHost
	fu       followUpKeys
	snooze   *snoozePrompt
	ask      *confirm
	showDone bool
	query    string
	opened   *model.FollowUp // shown in the detail after an openMsg
	top      int             // absolute index of the first visible item
	justDone *model.FollowUp // what x just completed: r plans its next one
	move     key.Binding     // labels j/k in the footer
}

// followUpOpenedMsg carries a follow-up another pane asked to show.
type followUpOpenedMsg struct {
	f   model.FollowUp
	err error
}

func newFollowUpsPane(c *common) *followUpsPane {
	return &followUpsPane{c: c, b: newBrowse[model.FollowUp](c), fu: newFollowUpKeys(),
		move: key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "move"))}
}

func (p *followUpsPane) Title() string { return "Follow-ups" }

func (p *followUpsPane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *followUpsPane) filter() store.FollowUpFilter {
	return store.FollowUpFilter{AccountID: p.c.scope.ID, Done: p.showDone, Query: p.query}
}

func (p *followUpsPane) refilter(q string) tea.Cmd {
	p.query = q
	p.top = 0
	f, st := p.filter(), p.c.store
	cmd := p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.FollowUp], error) {
			return st.FollowUps(ctx, f, req)
		},
		func(ctx ctxT) (int, error) { return st.CountFollowUps(ctx, f) })
	if !p.showDone {
		return cmd
	}
	// With done ones shown the list reaches back years: open it at today,
	// where the open ones are, counting the rows before to know the place.
	gen, today := p.b.list.gen, p.c.today()
	before := f // a copy: the loaders above keep f as it is
	before.Before = today
	return tea.Batch(cmd, func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		n, err := st.CountFollowUps(ctx, before)
		return followUpsTodayMsg{gen: gen, at: n, today: today, err: err}
	})
}

// followUpsTodayMsg says where today starts in the list with done ones.
type followUpsTodayMsg struct {
	gen   int // the list's query it belongs to
	at    int // rows before today
	today model.Date
	err   error
}

func (p *followUpsPane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
	p.showDetail()
}

func (p *followUpsPane) Capturing() bool {
	return p.ed.active() || p.b.capturing() || p.ask != nil || p.snooze != nil
}
func (p *followUpsPane) Dirty() bool { return p.ed.dirty() }

func (p *followUpsPane) SetScope(s scope) tea.Cmd {
	p.opened = nil
	return p.refilter(p.query)
}

// Open shows one follow-up's detail, selecting it when it is in the list.
func (p *followUpsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	if kind != store.HitFollowUp {
		return nil
	}
	l := &p.b.list
	for i, f := range l.items {
		if f.ID == id {
			l.sel = l.start + i
		}
	}
	p.b.inDetail = true
	return p.loadFollowUp(id)
}

// loadFollowUp reads one follow-up for the detail.
func (p *followUpsPane) loadFollowUp(id int64) tea.Cmd {
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		f, err := st.FollowUp(ctx, id)
		return followUpOpenedMsg{f: f, err: err}
	}
}

// current is the follow-up the keys act on.
func (p *followUpsPane) current() (model.FollowUp, bool) {
	if p.b.inDetail && p.opened != nil {
		return *p.opened, true
	}
	return p.b.list.selected()
}

// showDetail draws the current follow-up on the detail side (no I/O: the
// row carries the names of what it links to).
func (p *followUpsPane) showDetail() {
	f, ok := p.current()
	if !ok {
		p.b.setDetail(0, "")
		return
	}
	d := followUpDetail(p.c.styles, f, p.c.today(), p.b.detailWidth()-2)
	if !p.b.narrow() {
		d = " " + strings.ReplaceAll(d, "\n", "\n ") // clear of the separator
	}
	p.b.setDetail(f.ID, d)
}

func (p *followUpsPane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	if p.snooze != nil {
		return p.snooze.help()
	}
	k := p.b.keys
	show := p.fu.ShowDone
	if p.showDone {
		show.SetHelp("v", "hide done")
	}
	del := k.Delete
	del.SetHelp("D", "delete")
	fu := k.FollowUp
	if p.justDone != nil {
		fu.SetHelp("r", "plan the next one")
	}
	undo := p.fu.Undo
	undo.SetEnabled(!p.c.undo.empty())
	// Most used first: the footer leaves off what does not fit (? lists all).
	var own []key.Binding
	if f, ok := p.current(); ok {
		if !f.Done() {
			own = append(own, p.fu.Done, p.fu.Snooze)
		}
		own = append(own, fu, k.New, k.Edit, del, undo, show)
	} else {
		own = append(own, k.New, undo, show)
	}
	if p.b.filtering || p.b.inDetail {
		return p.b.help(own...)
	}
	h := p.b.help(own...)
	h.short = append(own, k.Filter, k.Open, p.move)
	return h
}

func (p *followUpsPane) Update(msg tea.Msg) tea.Cmd {
	var mine bool
	if m, ok := msg.(savedMsg); ok {
		mine = p.ed.ed != nil && m.form == p.ed.ed.form || m.form == nil && m.kind == store.HitFollowUp
	}
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	switch msg := msg.(type) {
	case pageMsg[model.FollowUp]:
		ok, cmd := p.b.list.update(msg)
		if ok {
			p.showDetail()
		}
		return cmd
	case followUpsTodayMsg:
		if msg.gen != p.b.list.gen || msg.err != nil || !p.showDone {
			return nil // a newer query, or stay at the top
		}
		p.top = msg.at
		return p.b.list.jumpTo(msg.at, store.Cursor{Key: msg.today.String(), ID: 0})
	case followUpOpenedMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		f := msg.f
		p.opened = &f
		p.b.inDetail = true
		p.showDetail()
		return nil
	case actedMsg:
		_, cmd := p.c.undo.acted(msg)
		return cmd
	case savedMsg:
		cmds := []tea.Cmd{p.reload()}
		if mine {
			cmds = append(cmds, status(msg.text))
		}
		return tea.Batch(cmds...)
	case reloadMsg:
		cmd := p.b.list.reloadFor(msg)
		if p.opened != nil {
			cmd = tea.Batch(cmd, p.loadFollowUp(p.opened.ID))
		}
		return cmd
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

// reload re-reads the list, and the opened follow-up if one is shown.
func (p *followUpsPane) reload() tea.Cmd {
	cmd := p.b.list.reload()
	if p.opened != nil {
		cmd = tea.Batch(cmd, p.loadFollowUp(p.opened.ID))
	}
	return cmd
}

func (p *followUpsPane) key(msg tea.KeyMsg) tea.Cmd {
	if p.ask != nil {
		done, cmd := p.ask.update(msg)
		if done {
			p.ask = nil
		}
		return cmd
	}
	if p.snooze != nil {
		done, until, cmd := p.snooze.update(msg, p.c)
		if !done {
			return cmd
		}
		f := p.snooze.f
		p.snooze = nil
		if until.IsZero() {
			return cmd
		}
		return p.c.undo.saveSnooze(p.c, f, until)
	}
	just := p.justDone
	p.justDone = nil
	k := p.b.keys
	w, h := p.b.width, p.b.height
	if just != nil && key.Matches(msg, k.FollowUp) {
		return p.c.followUpForm(&p.ed, w, h, linkOf(*just), nil)
	}
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if wasDetail && !p.b.inDetail {
			p.opened = nil
			changed = true
		}
		if changed {
			p.showDetail()
		}
		return cmd
	}
	switch {
	case key.Matches(msg, k.New):
		return p.c.followUpForm(&p.ed, w, h, subject{accountID: p.c.scope.ID, name: p.c.scope.Name}, nil)
	case key.Matches(msg, p.fu.ShowDone):
		p.showDone = !p.showDone
		text := "Done follow-ups hidden."
		if p.showDone {
			text = "Showing done follow-ups too (dimmed, ✓)."
		}
		return tea.Batch(p.refilter(p.query), status(text))
	case key.Matches(msg, p.fu.Undo):
		return p.c.undo.saveUndo(p.c)
	}
	f, ok := p.current()
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg, p.fu.Done):
		if f.Done() {
			return status("Already done — u undoes the last done.")
		}
		if f.Recur.IsZero() { // a recurring one plans its next itself
			p.justDone = &f
		}
		return p.c.undo.saveDone(p.c, f)
	case key.Matches(msg, p.fu.Snooze):
		if f.Done() {
			return status("It is done; nothing to snooze.")
		}
		p.snooze = newSnoozePrompt(f)
		return p.snooze.input.Focus()
	case key.Matches(msg, k.Edit):
		return p.c.followUpForm(&p.ed, w, h, subject{}, &f)
	case key.Matches(msg, k.FollowUp):
		return p.c.followUpForm(&p.ed, w, h, linkOf(f), nil)
	case key.Matches(msg, k.Delete):
		return p.askDelete(f)
	}
	return nil
}

// linkOf is what a follow-up planned from f links to: the same account,
// person and brief.
func linkOf(f model.FollowUp) subject {
	s := subject{accountID: f.AccountID, personID: f.PersonID, briefID: f.BriefID, name: f.AccountName}
	if f.PersonName != "" {
		s.name = f.PersonName
	}
	return s
}

func (p *followUpsPane) askDelete(f model.FollowUp) tea.Cmd {
	st := p.c.store
	text := shortText(f.Text)
	p.ask = newConfirm("Delete "+text+" for good?", func() tea.Cmd {
		p.opened = nil
		p.b.inDetail = false
		return saveCmd(nil, store.HitFollowUp, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			return f.ID, "Deleted " + text + ".", st.DeleteFollowUp(ctx, f.ID)
		})
	})
	return nil
}

func (p *followUpsPane) View() string {
	if p.ed.active() {
		return p.ed.ed.form.view()
	}
	out := p.view()
	switch {
	case p.ask != nil:
		return replaceLastLine(out, p.c.styles.Warn.Render(termtext.Fit(p.ask.view(), p.b.width)))
	case p.snooze != nil:
		return replaceLastLine(out, p.snooze.view(p.c.styles, p.b.width))
	}
	return out
}

// view is browse.view with the list drawn in due-day groups.
func (p *followUpsPane) view() string {
	b := &p.b
	st := p.c.styles
	header := st.Heading.Render("Follow-ups") + st.Muted.Render(" by due day · "+b.list.position())
	if p.showDone {
		header += st.Muted.Render(" · with done")
	}
	empty := "No open follow-ups — press n to add one, or r on any account, person or brief."
	if p.query != "" {
		empty = "No follow-up matches “" + termtext.SanitizeLine(p.query) + "” — esc clears the filter."
	} else if p.showDone {
		empty = "No follow-ups yet — press n to add one."
	}
	return b.viewRows(header, empty, p.groupedRows)
}

// fuGroup is the heading a follow-up falls under.
type fuGroup int

const (
	groupOverdue fuGroup = iota
	groupToday
	groupWeek
	groupLater
)

func groupOf(f model.FollowUp, today model.Date) fuGroup {
	on := f.AgendaOn()
	switch {
	case on.Before(today):
		return groupOverdue
	case on.Equal(today):
		return groupToday
	case !on.After(today.AddDays(model.DefaultAgendaDays)):
		return groupWeek
	}
	return groupLater
}

func (p *followUpsPane) groupTitle(g fuGroup) string {
	switch g {
	case groupOverdue:
		if p.showDone {
			return "Before today"
		}
		return "Overdue"
	case groupToday:
		return "Today"
	case groupWeek:
		return "Next 7 days"
	}
	return "Later"
}

// groupedRows renders the visible rows only, with a heading wherever the
// group changes and above the first visible row, scrolled so the selection
// shows.
func (p *followUpsPane) groupedRows(width, height int) string {
	l := &p.b.list
	if height <= 0 || len(l.items) == 0 {
		return ""
	}
	today := p.c.today()
	end := l.start + len(l.items)
	group := func(i int) fuGroup { return groupOf(l.items[i-l.start], today) }
	heads := func(i, top int) bool { return i == top || group(i) != group(i-1) }
	p.top = min(max(p.top, l.start), end-1)
	if p.top > l.sel {
		p.top = l.sel
	}
	if l.sel-p.top >= height {
		p.top = l.sel - height + 1
	}
	for p.top < l.sel {
		n := 0
		for i := p.top; i <= l.sel; i++ {
			if heads(i, p.top) {
				n++
			}
			n++
		}
		if n <= height {
			break
		}
		p.top++
	}
	st := p.c.styles
	var b strings.Builder
	lines := 0
	for i := p.top; i < end && lines < height; i++ {
		if heads(i, p.top) {
			if lines > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(termtext.Fit(st.Heading.Render(p.groupTitle(group(i))), width))
			lines++
			if lines >= height {
				break
			}
		}
		if lines > 0 {
			b.WriteByte('\n')
		}
		f := l.items[i-l.start]
		b.WriteString(p.b.row(followUpRow(st, f, today, width-2), width, i == l.sel))
		lines++
	}
	return b.String()
}
