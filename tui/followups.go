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
	listPane[model.FollowUp]
	acts     fuActions
	showDone bool
	opened   *model.FollowUp // shown in the detail after an openMsg
	top      int             // absolute index of the first visible item
	move     key.Binding     // labels j/k in the footer
}

// followUpOpenedMsg carries a follow-up another pane asked to show.
type followUpOpenedMsg struct {
	f   model.FollowUp
	err error
}

func (followUpOpenedMsg) target() paneID { return paneFollowUps }

func newFollowUpsPane(c *common) *followUpsPane {
	p := &followUpsPane{listPane: newListPane(c, paneFollowUps, func(f model.FollowUp) int64 { return f.ID }),
		acts: newFuActions(c), move: newTodayKeys().Move}
	p.source = func() listSource[model.FollowUp] {
		return sourceOf(p.filter(), p.c.store.FollowUps, p.c.store.CountFollowUps, nil)
	}
	p.b.cols = p.table
	return p
}

func (p *followUpsPane) Title() string { return "Follow-ups" }

func (p *followUpsPane) Init() tea.Cmd { return p.refilterAt(p.query) }

func (p *followUpsPane) filter() store.FollowUpFilter {
	return store.FollowUpFilter{AccountID: p.c.scope.ID, Done: p.showDone, Query: p.query}
}

// refilterAt is refilter that, with done ones shown, opens the list at
// today: it reaches back years, and the open ones are from today on.
func (p *followUpsPane) refilterAt(q string) tea.Cmd {
	p.top = 0
	cmd := p.refilter(q)
	if !p.showDone {
		return cmd
	}
	f, st := p.filter(), p.c.store
	gen, today := p.b.list.gen, p.c.today()
	f.Before = today
	return tea.Batch(cmd, func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		n, err := st.CountFollowUps(ctx, f)
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

func (followUpsTodayMsg) target() paneID { return paneFollowUps }

func (p *followUpsPane) SetSize(w, h int) {
	p.setSize(w, h)
	p.showDetail()
	p.settleGroups()
}

func (p *followUpsPane) Capturing() bool { return p.capturing() || p.acts.capturing() }
func (p *followUpsPane) Dirty() bool     { return p.dirty() }

func (p *followUpsPane) SetScope(s scope) tea.Cmd {
	p.opened = nil
	return p.refilterAt(p.query)
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

// Where is the follow-up opened in the detail, or the pane's list.
func (p *followUpsPane) Where() location {
	if p.b.inDetail && p.opened != nil {
		return location{pane: p.id, kind: store.HitFollowUp, id: p.opened.ID}
	}
	return location{pane: p.id}
}

// Return comes back to the follow-up at showed.
func (p *followUpsPane) Return(at location) tea.Cmd {
	if at.kind == 0 || p.b.inDetail && p.opened != nil && p.opened.ID == at.id {
		return nil
	}
	return p.Open(at.kind, at.id)
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
	if h, ok := p.coverHelp(); ok {
		return h
	}
	if p.acts.snooze != nil {
		return p.acts.snooze.help()
	}
	k, fk := p.b.keys, p.acts.keys
	show := fk.ShowDone
	if p.showDone {
		show.SetHelp(keyName(show), "hide done")
	}
	del := k.Delete
	del.SetHelp(keyName(del), "delete")
	fu := k.FollowUp
	if p.acts.justDone != nil {
		fu.SetHelp(keyName(fu), "plan the next one")
	}
	undo := keyMap.global.Undo
	undo.SetEnabled(!p.c.undo.empty())
	// Most used first: the footer leaves off what does not fit (? lists all).
	var own []key.Binding
	if f, ok := p.current(); ok {
		if !f.Done() {
			own = append(own, fk.Done, fk.Snooze)
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
	cmd := p.update(msg)
	p.settleGroups()
	return cmd
}

func (p *followUpsPane) update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	switch msg := msg.(type) {
	case clickMsg:
		return p.click(msg.x, msg.y)
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
	case savedMsg:
		return p.reload(p.b.list.reload())
	case reloadMsg:
		return p.reload(p.b.list.reloadFor(msg))
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

// reload re-reads the opened follow-up, if one is shown, beside the list's
// reload.
func (p *followUpsPane) reload(list tea.Cmd) tea.Cmd {
	if p.opened != nil {
		return tea.Batch(list, p.loadFollowUp(p.opened.ID))
	}
	return list
}

func (p *followUpsPane) key(msg tea.KeyMsg) tea.Cmd {
	if ok, cmd := p.answer(msg); ok {
		return cmd
	}
	k := p.b.keys
	w, h := p.b.width, p.b.height
	var t fuTarget
	if f, ok := p.current(); ok {
		t.fu = &f
	}
	if !p.b.filtering {
		planNext := func(f model.FollowUp) tea.Cmd { return p.c.followUpForm(&p.ed, w, h, linkOf(f), nil) }
		if r := p.acts.key(msg, t, planNext); r.handled {
			return r.cmd
		}
	}
	if p.b.inDetail && key.Matches(msg, k.Back) {
		if cmd, ok := p.c.goBack(p.Where()); ok {
			p.b.focusDetail(false)
			p.opened = nil
			p.showDetail()
			return cmd
		}
	}
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		p.afterMove(wasDetail, changed)
		return cmd
	}
	switch {
	case key.Matches(msg, k.New):
		return p.c.followUpForm(&p.ed, w, h, subject{accountID: p.c.scope.ID, name: p.c.scope.Name}, nil)
	case key.Matches(msg, p.acts.keys.ShowDone):
		p.showDone = !p.showDone
		text := "Done follow-ups hidden."
		if p.showDone {
			text = "Showing done follow-ups too (dimmed, ✓)."
		}
		return tea.Batch(p.refilterAt(p.query), status(text))
	}
	if t.fu == nil {
		return nil
	}
	f := *t.fu
	switch {
	case key.Matches(msg, k.Edit):
		return p.c.followUpForm(&p.ed, w, h, subject{}, &f)
	case key.Matches(msg, k.FollowUp):
		return p.c.followUpForm(&p.ed, w, h, linkOf(f), nil)
	case key.Matches(msg, k.Delete):
		return p.askDelete(f)
	}
	return nil
}

func (p *followUpsPane) askDelete(f model.FollowUp) tea.Cmd {
	st := p.c.store
	text := shortText(f.Text)
	p.ask = newConfirm("Delete "+text+" for good?", func() tea.Cmd {
		p.opened = nil
		p.b.inDetail = false
		return writeCmd(p.id, store.HitFollowUp, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			undo, err := snapshotThen(ctx, st, "deleting "+text, store.HitFollowUp, f.ID, true, func() error { return st.DeleteFollowUp(ctx, f.ID) })
			return saved{id: f.ID, text: "Deleted " + text + ". " + keyName(keyMap.global.Undo) + " brings it back.", undo: undo}, err
		})
	})
	return nil
}

// table is the list's columns: when it is due (with the time where
// there is room), whether it is a promise, the text, the person and the
// account.
func (p *followUpsPane) table() table {
	dueW := 9
	if p.b.listWidth() >= 72 {
		dueW = 14 // "tomorrow 15:00"
	}
	return table{
		{title: "Due", width: dueW},
		{title: "", width: 9},
		{title: "Follow-up", flex: 3, least: 12},
		{title: "Person", flex: 1, least: 8, most: 22, from: 70},
		{title: "Account", flex: 1, least: 8, most: 24, from: 96},
	}
}

func (p *followUpsPane) View() string {
	return p.overlay(func() string { return p.acts.view(p.view(), p.b.width) })
}

// view is browse.view with the list drawn in due-day groups.
func (p *followUpsPane) view() string {
	b := &p.b
	st := p.c.styles
	header := st.Heading.Render("Follow-ups") + st.Muted.Render(" by due day · "+b.list.position())
	if p.showDone {
		header += st.Muted.Render(" · with done")
	}
	empty := "No open follow-ups — press " + keyName(b.keys.New) + " to add one, or " + keyName(b.keys.FollowUp) + " on any account, person or brief."
	if p.query != "" {
		empty = "No follow-up matches “" + termtext.SanitizeLine(p.query) + "” — " + keyName(b.keys.ClearFilter) + " clears the filter."
	} else if p.showDone {
		empty = "No follow-ups yet — press " + keyName(b.keys.New) + " to add one."
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

// settleGroups scrolls the grouped list so the selection shows with the
// headings drawn above it; it runs after each change, so View only draws.
func (p *followUpsPane) settleGroups() {
	l := &p.b.list
	height := p.b.rows()
	if height <= 0 || len(l.items) == 0 {
		return
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
	// No blank lines at the bottom while rows above are hidden (after a
	// resize, a reload with fewer rows): start higher while all fits.
	fits := func(top int) bool {
		n := 0
		for i := top; i < end && n <= height; i++ {
			if heads(i, top) {
				n++
			}
			n++
		}
		return n <= height
	}
	for end >= l.total && p.top > l.start && fits(p.top-1) { // rows past end are not loaded yet
		p.top--
	}
}

// groupedRows renders the visible rows from the top settleGroups chose,
// with a heading wherever the group changes and above the first row.
func (p *followUpsPane) groupedRows(width, height int) string {
	l := &p.b.list
	if height <= 0 || len(l.items) == 0 {
		return ""
	}
	today := p.c.today()
	end := l.start + len(l.items)
	group := func(i int) fuGroup { return groupOf(l.items[i-l.start], today) }
	top := min(max(p.top, l.start), end-1)
	st := p.c.styles
	cols := p.table()
	ws := cols.widths(width - 2)
	wide := ws[0] > 9
	var b strings.Builder
	lines := 0
	for i := top; i < end && lines < height; i++ {
		if i == top || group(i) != group(i-1) {
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
		c := followUpCells(st, f, today, wide)
		if ws[3] == 0 && f.PersonName+f.AccountName != "" {
			// No room for their columns: whom it is about follows the text.
			c.text += st.Muted.Render(" · " + termtext.SanitizeLine(strings.Join(nonEmpty(f.PersonName, f.AccountName), ", ")))
		}
		text := cols.line(ws, c.due, c.kind, c.text, c.person, c.account)
		b.WriteString(p.b.row(text, width, i == l.sel))
		lines++
	}
	return b.String()
}

// click acts on the grouped list: a heading takes no click.
func (p *followUpsPane) click(x, y int) tea.Cmd {
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleClick(x, y, p.rowAt)
	if handled {
		p.afterMove(wasDetail, changed)
	}
	return cmd
}

// afterMove shows the selection's detail after a key or click moved it,
// or left a follow-up opened from elsewhere.
func (p *followUpsPane) afterMove(wasDetail, changed bool) {
	if wasDetail && !p.b.inDetail {
		p.opened = nil
		changed = true
	}
	if changed {
		p.showDetail()
	}
}

// rowAt is the follow-up on a line of the grouped list, as groupedRows
// draws it from p.top: a heading wherever the group changes.
func (p *followUpsPane) rowAt(line int) (int, bool) {
	l := &p.b.list
	end := l.start + len(l.items)
	if line < 0 || len(l.items) == 0 {
		return 0, false
	}
	today := p.c.today()
	group := func(i int) fuGroup { return groupOf(l.items[i-l.start], today) }
	top := min(max(p.top, l.start), end-1)
	n := 0
	for i := top; i < end; i++ {
		if i == top || group(i) != group(i-1) {
			if n == line {
				return 0, false
			}
			n++
		}
		if n == line {
			return i, true
		}
		n++
	}
	return 0, false
}
