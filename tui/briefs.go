package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// briefsPane lists briefs in stage order, shows one brief rendered, and
// carries it through its stages: the editor, the checks, moves, the board,
// the Markdown preview and export.
type briefsPane struct {
	listPane[model.Brief]
	keys    briefKeys
	brief   *model.Brief // the brief the detail shows, with its history
	board   *briefBoard
	preview *briefPreview
	md      *briefRenderer
	draft   *briefDraft // the open brief form's lookups
	checksF *form       // the open checks form
	follow  int64       // a brief just saved or moved: the list selects it when it shows up after the reload
	created *form       // the new-brief form: its save focuses the new brief
	// meters are the loaded rows' completeness, which counts the words of
	// long text: counted when a page lands, not at every frame.
	meters map[int64]briefMeter
}

// briefDetailMsg carries one brief loaded for the detail.
type briefDetailMsg struct {
	id  int64
	b   model.Brief
	err error
}

func (briefDetailMsg) target() paneID { return paneBriefs }

// briefMeter is a row's completeness as of the brief's last update.
type briefMeter struct {
	updated int64
	c       model.Completeness
}

func newBriefsPane(c *common) *briefsPane {
	p := &briefsPane{listPane: newListPane(c, paneBriefs, func(b model.Brief) int64 { return b.ID }), keys: newBriefKeys(),
		md: &briefRenderer{st: c.styles}, meters: map[int64]briefMeter{}}
	p.source = func() listSource[model.Brief] {
		return sourceOf(p.filter(), p.c.store.Briefs, p.c.store.CountBriefs, nil)
	}
	p.b.cols = p.table
	return p
}

func (p *briefsPane) Title() string { return "Briefs" }

func (p *briefsPane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *briefsPane) filter() store.BriefFilter {
	return store.BriefFilter{AccountID: p.c.scope.ID, Query: p.query, Archived: p.archived}
}

func (p *briefsPane) SetSize(w, h int) {
	p.setSize(w, h)
	if p.preview != nil {
		p.preview.resize(w, h)
	}
	if p.brief != nil {
		p.b.setDetail(p.brief.ID, p.renderBrief(*p.brief))
	}
}

func (p *briefsPane) Capturing() bool { return p.capturing() }
func (p *briefsPane) Dirty() bool     { return p.dirty() }

// claims tab and shift+tab in the preview: they cycle its versions.
func (p *briefsPane) claims(msg tea.KeyMsg) bool {
	return p.preview != nil && (key.Matches(msg, p.keys.NextVersion) || key.Matches(msg, p.keys.PrevVersion))
}

func (p *briefsPane) SetScope(s scope) tea.Cmd {
	cmds := []tea.Cmd{p.refilter(p.query)}
	if p.board != nil {
		cmds = append(cmds, p.board.load(p.filter()))
	}
	return tea.Batch(cmds...)
}

// Open shows a brief's detail with the focus on it.
func (p *briefsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.board, p.preview, p.ask = nil, nil, nil
	p.b.inDetail = true
	return p.loadDetail(id)
}

// Where is the brief shown with the focus on it, or the pane's list.
func (p *briefsPane) Where() location {
	if p.b.inDetail && p.brief != nil && p.board == nil && p.preview == nil {
		return location{pane: p.id, kind: store.HitBrief, id: p.brief.ID}
	}
	return location{pane: p.id}
}

// Return comes back to the brief at showed.
func (p *briefsPane) Return(at location) tea.Cmd {
	if at.kind == 0 || p.b.inDetail && p.brief != nil && p.brief.ID == at.id {
		return nil
	}
	return p.Open(at.kind, at.id)
}

// current is the brief the keys act on: the board's selection, the brief
// in the detail when it has focus, else the list's selection.
func (p *briefsPane) current() (model.Brief, bool) {
	if p.board != nil {
		return p.board.selected()
	}
	sel, ok := p.b.list.selected()
	if p.brief != nil && (p.b.inDetail || !ok || sel.ID == p.brief.ID || p.brief.ID == p.follow) {
		return *p.brief, true
	}
	return sel, ok
}

// Help lists the keys that work now. The footer gets the few a brief's
// work needs most (both stage keys as one entry); ? shows every one.
func (p *briefsPane) Help() help.KeyMap {
	if h, ok := p.coverHelp(); ok {
		return h
	}
	k, bk := p.b.keys, p.keys
	switch {
	case p.preview != nil:
		return p.preview.help()
	case p.b.filtering:
		return p.b.help()
	}
	b, ok := p.current()
	if p.board != nil {
		nav := []key.Binding{bk.BoardLeft, bk.BoardRight, k.Down, k.Up}
		short := []key.Binding{bk.BoardMove}
		full := [][]key.Binding{append(nav, k.Top, k.Bottom, k.Open, bk.BoardClose)}
		if ok {
			short = append(short, k.Open)
			short = append(short, p.stageHelp(b)...)
			short = append(short, bk.Sign, bk.Preview)
			full = append(full, p.actionKeys(b))
		}
		short = append(short, bk.BoardClose)
		return bindings{short: short, full: full}
	}
	if !ok {
		return p.b.help(k.New, bk.Board, bk.Archived)
	}
	nav := []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.Filter, k.ClearFilter, k.Open, k.Back}
	full := [][]key.Binding{nav, append([]key.Binding{k.New}, p.actionKeys(b)...), {bk.Board, bk.Archived}}
	short := []key.Binding{k.New, k.Edit}
	short = append(short, p.stageHelp(b)...)
	short = append(short, bk.Sign, bk.Preview)
	switch {
	case p.b.width < briefNarrowHelp:
		// The footer is cut at the screen's edge, before the app's own
		// "? help": say it here, in place of keys the full help lists.
		short = append(short, bk.Board, bk.MoreKeys)
	case p.b.inDetail:
		short = append(short, bk.Write, bk.Board)
	default:
		short = append(short, bk.Write, bk.Board, k.Filter)
	}
	if p.b.inDetail {
		short = append([]key.Binding{k.Back}, short...)
	}
	return bindings{short: short, full: full}
}

// actionKeys are the keys that act on one brief.
func (p *briefsPane) actionKeys(b model.Brief) []key.Binding {
	k, bk := p.b.keys, p.keys
	out := []key.Binding{k.Edit}
	out = append(out, p.moveKeys(b)...)
	out = append(out, bk.Sign, bk.Preview, bk.Write, k.FollowUp)
	if b.Stage != model.StageDropped {
		out = append(out, bk.Drop)
	}
	return append(out, k.Delete)
}

// briefNarrowHelp is the width under which the footer cannot hold the
// brief keys and the app's own.
const briefNarrowHelp = 96

// moveKeys are > and < when the brief has somewhere to go; < reopens a
// dropped brief.
func (p *briefsPane) moveKeys(b model.Brief) []key.Binding {
	var out []key.Binding
	if b.Stage.Next() != "" {
		out = append(out, p.keys.Next)
	}
	switch {
	case b.Stage == model.StageDropped:
		out = append(out, p.keys.Reopen)
	case b.Stage.Prev() != "":
		out = append(out, p.keys.Prev)
	}
	return out
}

// stageHelp is > and < as one footer entry.
func (p *briefsPane) stageHelp(b model.Brief) []key.Binding {
	mk := p.moveKeys(b)
	if len(mk) == 2 {
		return []key.Binding{p.keys.Stage}
	}
	return mk
}

func (p *briefsPane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	p.b.settle()
	return cmd
}

func (p *briefsPane) update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		p.checksSync()
		if p.draft != nil {
			return tea.Batch(cmd, p.draftSync(false))
		}
		return cmd
	}
	if ok, cmd := p.draftMsg(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case clickMsg:
		return p.click(msg.x, msg.y)
	case pageMsg[model.Brief]:
		ok, cmd := p.b.list.update(msg)
		if !ok {
			return nil
		}
		p.measure()
		p.selectFollowed()
		if b, sel := p.b.list.selected(); sel && !p.b.inDetail && (p.brief == nil || p.brief.ID != b.ID) {
			return tea.Batch(cmd, p.loadDetail(b.ID))
		}
		if p.b.list.empty() && !p.b.inDetail {
			p.brief = nil
			p.b.setDetail(0, "")
		}
		return cmd
	case briefDetailMsg:
		if msg.err != nil {
			if errors.Is(msg.err, model.ErrNotFound) {
				return nil // deleted meanwhile
			}
			return statusErr(msg.err)
		}
		if p.b.inDetail || msg.id == p.selectedID() {
			b := msg.b
			p.brief = &b
			p.b.setDetail(b.ID, p.renderBrief(b))
		}
		return nil
	case briefBoardMsg:
		if p.board != nil {
			p.board.set(msg)
			if msg.err != nil {
				return statusErr(msg.err)
			}
		}
		return nil
	case briefPreviewMsg:
		if p.preview != nil && p.preview.id == msg.id {
			if msg.err != nil {
				p.preview = nil
				return statusErr(msg.err)
			}
			p.preview.set(msg, p.b.width, p.b.height)
			if n := p.preview.pending; n != 0 {
				p.preview.pending = 0
				return p.preview.cycle(n)
			}
			if p.preview.writeNext {
				p.preview.writeNext = false
				return p.writeForm()
			}
		}
		return nil
	case briefWrittenMsg:
		if p.ed.ed != nil && p.ed.ed.form == msg.form {
			p.ed.ed = nil
		}
		p.c.lastDir = filepath.Dir(msg.path)
		return status("Wrote " + termtext.SanitizeLine(msg.path) + ".")
	case savedMsg:
		cmds := []tea.Cmd{p.b.list.reload()}
		if p.board != nil {
			cmds = append(cmds, p.board.load(p.filter()))
		}
		if msg.kind == store.HitBrief && msg.id != 0 {
			p.follow = msg.id
		}
		switch {
		case msg.kind == store.HitBrief && msg.form != nil && msg.form == p.created:
			p.created = nil
			p.b.inDetail = true
			cmds = append(cmds, p.loadDetail(msg.id))
		case msg.kind == store.HitBrief && msg.id == 0 && p.brief != nil && p.b.inDetail:
			p.brief, p.b.inDetail = nil, false // deleted
			p.b.setDetail(0, "")
		case msg.kind == store.HitBrief && msg.id != 0:
			cmds = append(cmds, p.loadDetail(msg.id))
		default:
			if id := p.selectedID(); id != 0 {
				cmds = append(cmds, p.loadDetail(id))
			}
		}
		return tea.Batch(cmds...)
	case reloadMsg:
		cmds := []tea.Cmd{p.b.list.reloadFor(msg)}
		if p.board != nil {
			cmds = append(cmds, p.board.load(p.filter()))
		}
		if id := p.selectedID(); id != 0 {
			cmds = append(cmds, p.loadDetail(id))
		}
		return tea.Batch(cmds...)
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

// measure counts the completeness of the loaded rows not counted since
// their last change.
func (p *briefsPane) measure() {
	if len(p.meters) > 4*maxWindow {
		clear(p.meters)
	}
	for _, b := range p.b.list.items {
		u := b.UpdatedAt.UnixNano()
		if m, ok := p.meters[b.ID]; !ok || m.updated != u {
			p.meters[b.ID] = briefMeter{updated: u, c: b.Completeness()}
		}
	}
}

// selectFollowed moves the list's selection to the brief just saved or
// moved, which may have changed place (the list is in stage order). A
// brief outside the loaded window stays in the detail, and keys keep acting
// on it, until the selection moves.
func (p *briefsPane) selectFollowed() {
	if p.follow == 0 {
		return
	}
	l := &p.b.list
	for i, b := range l.items {
		if b.ID == p.follow {
			l.sel = l.start + i
			p.follow = 0
			return
		}
	}
}

func (p *briefsPane) selectedID() int64 {
	if p.follow != 0 {
		return p.follow
	}
	if p.b.inDetail && p.brief != nil {
		return p.brief.ID
	}
	if b, ok := p.b.list.selected(); ok {
		return b.ID
	}
	return 0
}

func (p *briefsPane) key(msg tea.KeyMsg) tea.Cmd {
	if ok, cmd := p.answer(msg); ok {
		return cmd
	}
	if p.preview != nil {
		closed, write, cmd := p.preview.key(msg)
		switch {
		case closed:
			p.preview = nil
		case write:
			return p.writeForm()
		}
		return cmd
	}
	if p.board != nil {
		return p.boardKey(msg)
	}
	if p.b.inDetail && key.Matches(msg, p.b.keys.Back) {
		if cmd, ok := p.c.goBack(p.Where()); ok {
			p.b.focusDetail(false)
			return cmd
		}
	}
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if changed {
			p.follow = 0
			if b, ok := p.b.list.selected(); ok && !p.b.list.settling() && (p.brief == nil || p.brief.ID != b.ID) {
				return tea.Batch(cmd, p.loadDetail(b.ID))
			}
		}
		return cmd
	}
	k := p.b.keys
	switch {
	case key.Matches(msg, k.New):
		return p.briefForm(nil)
	case key.Matches(msg, p.keys.Board):
		keep := int64(0)
		if b, ok := p.current(); ok {
			keep = b.ID // open on the brief the list was on
		}
		p.board = newBriefBoard(p.c, keep)
		return p.board.load(p.filter())
	case key.Matches(msg, p.keys.Archived):
		return p.toggleArchived("briefs")
	}
	b, ok := p.current()
	if !ok {
		return nil
	}
	return p.act(msg, b)
}

// boardKey is a key on the board: its moves, closing it, or a brief key on
// the card selected.
func (p *briefsPane) boardKey(msg tea.KeyMsg) tea.Cmd {
	bb, k := p.board, p.b.keys
	if bb.move(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, p.keys.BoardClose):
		p.board = nil
	case key.Matches(msg, k.Open):
		if b, ok := bb.selected(); ok {
			return p.Open(store.HitBrief, b.ID)
		}
	case key.Matches(msg, k.New):
		return p.briefForm(nil)
	default:
		if b, ok := bb.selected(); ok {
			return p.act(msg, b)
		}
	}
	return nil
}

// act runs a key that works on one brief (from the list, detail or board).
func (p *briefsPane) act(msg tea.KeyMsg, b model.Brief) tea.Cmd {
	k := p.b.keys
	switch {
	case key.Matches(msg, k.Edit):
		return p.briefForm(&b)
	case key.Matches(msg, p.keys.Next):
		return p.move(b, true)
	case key.Matches(msg, p.keys.Prev):
		return p.move(b, false)
	case key.Matches(msg, p.keys.Sign):
		return p.checksForm(b)
	case key.Matches(msg, p.keys.Drop):
		if b.Stage == model.StageDropped {
			return status("“" + termtext.SanitizeLine(b.Title) + "” is already dropped.")
		}
		return p.dropForm(b)
	case key.Matches(msg, p.keys.Preview):
		var cmd tea.Cmd
		p.preview, cmd = newBriefPreview(p.c, p.md, b, p.b.width, p.b.height)
		return cmd
	case key.Matches(msg, p.keys.Write):
		var cmd tea.Cmd
		p.preview, cmd = newBriefPreview(p.c, p.md, b, p.b.width, p.b.height)
		p.preview.writeNext = true
		return cmd
	case key.Matches(msg, k.FollowUp):
		return p.c.followUpForm(&p.ed, p.b.width, p.b.height, subject{accountID: b.AccountID, briefID: b.ID, name: b.Title}, nil)
	case key.Matches(msg, k.Delete):
		return p.askDelete(b)
	}
	return nil
}

func (p *briefsPane) loadDetail(id int64) tea.Cmd {
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		b, err := st.Brief(ctx, id)
		return briefDetailMsg{id: id, b: b, err: err}
	}
}

// move sends the brief to the next (or previous) stage; the model's refusal
// (no why, unsigned checks) goes to the status line as it is.
func (p *briefsPane) move(b model.Brief, next bool) tea.Cmd {
	to := b.Stage.Prev()
	if next {
		to = b.Stage.Next()
	}
	title := termtext.SanitizeLine(b.Title)
	st := p.c.store
	if b.Stage == model.StageDropped {
		if next {
			return status("“" + title + "” was dropped; " + keyName(p.keys.Reopen) + " reopens it in the stage it was dropped from.")
		}
		return p.reopen(b)
	}
	if to == "" {
		if next {
			return status("“" + title + "” is done — there is no stage after it.")
		}
		return status("“" + title + "” is in the first stage.")
	}
	return writeCmd(p.id, store.HitBrief, func() (saved, error) {
		ctx, cancel := p.c.ctx()
		defer cancel()
		var nb model.Brief
		undo, err := snapshotThen(ctx, st, "moving “"+title+"” to "+string(to), store.HitBrief, b.ID, false, func() error {
			var err error
			nb, err = st.MoveBrief(ctx, b.ID, to, "")
			return err
		})
		if err != nil {
			return saved{}, briefRefusal(err, b, to)
		}
		text := "“" + title + "” moved to " + string(nb.Stage) + "."
		if nb.Stage == model.StageChecks && len(nb.PendingChecks()) > 0 {
			text += " " + keyName(p.keys.Sign) + " signs the checks."
		}
		return saved{id: nb.ID, text: text, undo: undo}, nil
	})
}

// briefRefusal adds to a refused move the key that clears the way.
func briefRefusal(err error, b model.Brief, to model.Stage) error {
	if !errors.Is(err, model.ErrInvalid) {
		return err
	}
	switch {
	case strings.TrimSpace(b.Why) == "" && to != model.StageUnderstand:
		return fmt.Errorf("%w (%s to write it)", err, keyName(newListKeys().Edit))
	case to.Index() >= model.StageActivate.Index() && len(b.PendingChecks()) > 0:
		return fmt.Errorf("%w — %s signs them", err, keyName(newBriefKeys().Sign))
	}
	return err
}

// reopen takes a dropped brief back to the stage it was dropped from.
func (p *briefsPane) reopen(b model.Brief) tea.Cmd {
	st, title := p.c.store, termtext.SanitizeLine(b.Title)
	return writeCmd(p.id, store.HitBrief, func() (saved, error) {
		ctx, cancel := p.c.ctx()
		defer cancel()
		full, err := st.Brief(ctx, b.ID)
		if err != nil {
			return saved{}, err
		}
		to := model.StageUnderstand
		if n := len(full.History); n > 0 && full.History[n-1].To == model.StageDropped && full.History[n-1].From != "" {
			to = full.History[n-1].From
		}
		note := ""
		if to != model.StageUnderstand && strings.TrimSpace(full.Why) == "" {
			// Dropped before it had a why: it starts again where one is written.
			to, note = model.StageUnderstand, " It has no why yet: "+keyName(newListKeys().Edit)+" to write it."
		}
		var nb model.Brief
		undo, err := snapshotThen(ctx, st, "reopening “"+title+"”", store.HitBrief, b.ID, false, func() error {
			var err error
			nb, err = st.MoveBrief(ctx, b.ID, to, "")
			return err
		})
		if err != nil {
			return saved{}, briefRefusal(err, full, to)
		}
		return saved{id: nb.ID, text: "“" + title + "” reopened in " + string(nb.Stage) + "." + note, undo: undo}, nil
	})
}

// askDelete archives by default; an archived brief can then be deleted for
// good.
func (p *briefsPane) askDelete(b model.Brief) tea.Cmd {
	st := p.c.store
	p.ask = p.c.askRemove(removal{
		pane: p.id, kind: store.HitBrief, uid: b.UID, id: b.ID, name: "“" + termtext.SanitizeLine(b.Title) + "”", archived: !b.ArchivedAt.IsZero(),
		archiveAsk:   "(it leaves the lists; nothing is deleted)",
		archivedSays: " " + keyName(p.keys.Archived) + " shows archived briefs; " + keyName(p.b.keys.Delete) + " on it deletes for good.",
		deleteAsk:    ", with its checks and history",
		archive:      st.ArchiveBrief,
		remove:       st.DeleteBrief,
	})
	return nil
}

func (p *briefsPane) View() string {
	return p.overlay(func() string {
		st := p.c.styles
		switch {
		case p.preview != nil:
			return p.preview.view(p.b.width, p.b.height)
		case p.board != nil:
			return p.board.view(p.b.width, p.b.height)
		}
		header := st.Heading.Render("Briefs") + st.Muted.Render(" by stage · "+p.b.list.position())
		if p.archived {
			header += st.Muted.Render(" · with archived")
		}
		n := keyName(p.b.keys.New)
		empty := "No briefs yet — press " + n + " to draft one: start with why."
		switch {
		case p.query != "":
			empty = "No brief matches “" + termtext.SanitizeLine(p.query) + "” — " + keyName(p.b.keys.ClearFilter) + " clears the filter."
		case p.c.scope.ID != 0:
			empty = "No briefs for " + termtext.SanitizeLine(p.c.scope.Name) + " yet — press " + n + " to draft one: start with why."
		}
		return p.b.view(header, empty, p.row)
	})
}

// briefDots draws completeness as five dots.
func briefDots(s Styles, c model.Completeness) string {
	if c.Total == 0 {
		return s.BarEmpty.Render("○○○○○")
	}
	full := (c.Done*5 + c.Total/2) / c.Total
	if c.Done > 0 && full == 0 {
		full = 1
	}
	if c.Done < c.Total && full == 5 {
		full = 4
	}
	return s.Bar.Render(strings.Repeat("●", full)) + s.BarEmpty.Render(strings.Repeat("○", 5-full))
}

// row: the stage (on the first row shown and wherever the stage changes),
// title, account, the completeness dots, days in the stage and a stalled
// flag.
func (p *briefsPane) row(b model.Brief, width int, selected bool, prev model.Brief, hasPrev bool) string {
	stage := ""
	if !hasPrev || b.Stage != prev.Stage {
		stage = briefStageShort(b.Stage)
	}
	return p.drawRow(b, stage, width, selected)
}

// table is the list's columns: the stage (where it changes), the
// brief, its account, how complete it is (five dots: a fifth each), days
// in the stage and the stalled flag.
func (p *briefsPane) table() table {
	return table{
		{title: "Stage", width: 9},
		{title: "Brief", flex: 3, least: 12, most: 44},
		{title: "Account", flex: 2, least: 8, most: 26, from: 44},
		{title: "Ready", width: 5},
		{title: "Days", width: 5, right: true},
		{title: "", width: 1},
	}
}

func (p *briefsPane) drawRow(b model.Brief, stage string, width int, selected bool) string {
	st, today := p.c.styles, p.c.today()
	title := termtext.SanitizeLine(b.Title)
	if !b.ArchivedAt.IsZero() {
		title += " (archived)"
	}
	flag := ""
	if b.Stage.Open() && b.Stalled(today) {
		flag = st.Warn.Render("⚑")
	}
	cols := p.table()
	text := cols.line(cols.widths(width-2), st.Heading.Render(stage), title, st.Muted.Render(termtext.SanitizeLine(b.AccountName)),
		briefDots(st, p.meters[b.ID].c), st.Muted.Render(itoa(b.DaysInStage(today))+"d"), flag)
	return p.b.row(text, width, selected)
}

// click acts on the list, not on the board or the preview.
func (p *briefsPane) click(x, y int) tea.Cmd {
	if p.board != nil || p.preview != nil {
		return nil
	}
	handled, changed, cmd := p.b.handleClick(x, y, p.b.rowAt)
	if handled && changed {
		p.follow = 0
		if b, ok := p.b.list.selected(); ok {
			return tea.Batch(cmd, p.loadDetail(b.ID))
		}
	}
	return cmd
}
