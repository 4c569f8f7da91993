package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// briefsPane lists briefs in stage order, shows one brief rendered, and
// carries it through its stages: the editor, the checks, moves, the board,
// the Markdown preview and export.
type briefsPane struct {
	c        *common
	b        browse[model.Brief]
	ed       editorHost
	keys     briefKeys
	archKey  key.Binding
	query    string
	archived bool
	brief    *model.Brief // the brief the detail shows, with its history
	board    *briefBoard
	preview  *briefPreview
	ask      *confirm
	md       *briefRenderer
	draft    *briefDraft // the open brief form's lookups
	checksF  *form       // the open checks form
	follow   int64       // a brief just saved or moved: the list selects it when it shows up after the reload
	meters   map[int64]briefMeter
	created  *form                    // the new-brief form: its save focuses the new brief
	rowStage model.Stage              // while drawing rows: the stage of the row above
	rowFirst bool                     // while drawing rows: no row drawn yet
	rowDay   model.Date               // while drawing rows: today
	rows     map[briefRowKey]string   // drawn list rows
	cards    map[briefRowKey][]string // drawn board cards
}

// Board movement across columns; up and down are the list's keys.
var (
	briefBoardLeft  = key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "stage left"))
	briefBoardRight = key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "stage right"))
	briefClose      = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))
)

// briefDetailMsg carries one brief loaded for the detail.
type briefDetailMsg struct {
	id  int64
	b   model.Brief
	err error
}

// briefFailedMsg reports a move, check or export the store refused; the
// text is for the status line.
type briefFailedMsg struct{ err error }

// briefWrittenMsg reports a brief written to a Markdown file.
type briefWrittenMsg struct {
	path string
	err  error
}

// briefMeter caches a row's completeness, which counts words of long text.
type briefMeter struct {
	updated int64
	c       model.Completeness
}

func newBriefsPane(c *common) *briefsPane {
	return &briefsPane{c: c, b: newBrowse[model.Brief](c), keys: newBriefKeys(), archKey: newAccountKeys().Archived,
		md: &briefRenderer{st: c.styles}, meters: map[int64]briefMeter{}, rows: map[briefRowKey]string{}, cards: map[briefRowKey][]string{}}
}

func (p *briefsPane) Title() string { return "Briefs" }

func (p *briefsPane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *briefsPane) filter() store.BriefFilter {
	return store.BriefFilter{AccountID: p.c.scope.ID, Query: p.query, Archived: p.archived}
}

func (p *briefsPane) refilter(q string) tea.Cmd {
	p.query = q
	f, st := p.filter(), p.c.store
	return p.b.list.setSource(
		func(ctx ctxT, req store.PageReq) (store.Page[model.Brief], error) { return st.Briefs(ctx, f, req) },
		func(ctx ctxT) (int, error) { return st.CountBriefs(ctx, f) })
}

func (p *briefsPane) SetSize(w, h int) {
	p.b.setSize(w, h)
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
	if p.preview != nil {
		p.resizePreview()
	}
	if p.brief != nil {
		p.b.setDetail(p.brief.ID, p.renderBrief(*p.brief))
	}
}

func (p *briefsPane) Capturing() bool { return p.ed.active() || p.b.capturing() || p.ask != nil }
func (p *briefsPane) Dirty() bool     { return p.ed.dirty() }

func (p *briefsPane) SetScope(s scope) tea.Cmd {
	cmds := []tea.Cmd{p.refilter(p.query)}
	if p.board != nil {
		cmds = append(cmds, p.loadBoard())
	}
	return tea.Batch(cmds...)
}

// Open shows a brief's detail with the focus on it.
func (p *briefsPane) Open(kind store.HitKind, id int64) tea.Cmd {
	p.board, p.preview, p.ask = nil, nil, nil
	p.b.inDetail = true
	return p.loadDetail(id)
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
	k, bk := p.b.keys, p.keys
	switch {
	case p.ed.active():
		return p.ed.ed.form.help()
	case p.ask != nil:
		return p.ask.help()
	case p.preview != nil:
		return bindings{short: []key.Binding{briefClose, briefScroll, briefPage, bk.Write},
			full: [][]key.Binding{{briefClose, bk.Preview, k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, bk.Write}}}
	case p.b.filtering:
		return p.b.help()
	}
	b, ok := p.current()
	if p.board != nil {
		nav := []key.Binding{briefBoardLeft, briefBoardRight, k.Down, k.Up}
		short := []key.Binding{briefBoardMove}
		full := [][]key.Binding{append(nav, k.Top, k.Bottom, k.Open, briefBoardClose)}
		if ok {
			short = append(short, k.Open)
			short = append(short, p.stageHelp(b)...)
			short = append(short, bk.Sign, bk.Preview)
			full = append(full, p.actionKeys(b))
		}
		short = append(short, briefBoardClose)
		return bindings{short: short, full: full}
	}
	if !ok {
		return p.b.help(k.New, bk.Board, p.archKey)
	}
	nav := []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.Filter, k.ClearFilter, k.Open, k.Back}
	full := [][]key.Binding{nav, append([]key.Binding{k.New}, p.actionKeys(b)...), {bk.Board, p.archKey}}
	short := []key.Binding{k.New, k.Edit}
	short = append(short, p.stageHelp(b)...)
	short = append(short, bk.Sign, bk.Preview)
	switch {
	case p.b.width < briefNarrowHelp:
		// The footer is cut at the screen's edge, before the app's own
		// "? help": say it here, in place of keys the full help lists.
		short = append(short, bk.Board, briefMoreKeys)
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

// Footer entries for the preview; the bindings that act are the list's.
var (
	briefScroll = key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "scroll"))
	briefPage   = key.NewBinding(key.WithKeys("pgdown", "pgup"), key.WithHelp("pgdn/pgup", "page"))
)

// briefBoardMove is the board's four moves as one footer entry.
var briefBoardMove = key.NewBinding(key.WithKeys("h", "j", "k", "l"), key.WithHelp("h/j/k/l", "move"))

// briefMoreKeys points to the full help on a narrow footer.
var briefMoreKeys = key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys"))

// briefNarrowHelp is the width under which the footer cannot hold the
// brief keys and the app's own.
const briefNarrowHelp = 96

// briefBoardClose leaves the board for the list.
var briefBoardClose = key.NewBinding(key.WithKeys("b", "esc"), key.WithHelp("b/esc", "list"))

// moveKeys are > and < when the brief has somewhere to go; < reopens a
// dropped brief.
func (p *briefsPane) moveKeys(b model.Brief) []key.Binding {
	var out []key.Binding
	if b.Stage.Next() != "" {
		out = append(out, p.keys.Next)
	}
	switch {
	case b.Stage == model.StageDropped:
		out = append(out, key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reopen")))
	case b.Stage.Prev() != "":
		out = append(out, p.keys.Prev)
	}
	return out
}

// stageHelp is > and < as one footer entry.
func (p *briefsPane) stageHelp(b model.Brief) []key.Binding {
	mk := p.moveKeys(b)
	if len(mk) == 2 {
		return []key.Binding{key.NewBinding(key.WithKeys(">", "<"), key.WithHelp(">/<", "stage"))}
	}
	return mk
}

func (p *briefsPane) Update(msg tea.Msg) tea.Cmd {
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
	case pageMsg[model.Brief]:
		ok, cmd := p.b.list.update(msg)
		if !ok {
			return nil
		}
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
			p.preview.loading = false
			p.preview.md, p.preview.width = msg.md, msg.width
			p.preview.vp.SetContent(msg.text)
			p.resizePreview() // the pane may have been resized meanwhile
		}
		return nil
	case briefWrittenMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		return status("Wrote " + termtext.SanitizeLine(msg.path) + ".")
	case briefFailedMsg:
		return statusErr(msg.err)
	case savedMsg:
		cmds := []tea.Cmd{status(msg.text), p.b.list.reload()}
		if p.board != nil {
			cmds = append(cmds, p.loadBoard())
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
			cmds = append(cmds, p.loadBoard())
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
	if p.ask != nil {
		done, cmd := p.ask.update(msg)
		if done {
			p.ask = nil
		}
		return cmd
	}
	if p.preview != nil {
		return p.previewKey(msg)
	}
	if p.board != nil {
		return p.boardKey(msg)
	}
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if handled {
		if changed {
			p.follow = 0
			if b, ok := p.b.list.selected(); ok {
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
		bb := &briefBoard{loading: true}
		if b, ok := p.current(); ok {
			bb.keep = b.ID // open on the brief the list was on
		}
		p.board = bb
		return p.loadBoard()
	case key.Matches(msg, p.archKey):
		p.archived = !p.archived
		return tea.Batch(p.refilter(p.query), status(map[bool]string{true: "Showing archived briefs too.", false: "Archived briefs hidden."}[p.archived]))
	}
	b, ok := p.current()
	if !ok {
		return nil
	}
	return p.act(msg, b)
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
		return p.openPreview(b)
	case key.Matches(msg, p.keys.Write):
		return p.write(b.ID)
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

// briefCmd runs a write that has no form; success is a savedMsg (every pane
// reloads), a refusal a status line.
func (p *briefsPane) briefCmd(write func() (id int64, text string, err error)) tea.Cmd {
	return func() tea.Msg {
		id, text, err := write()
		if err != nil {
			return briefFailedMsg{err: err}
		}
		return savedMsg{text: text, kind: store.HitBrief, id: id}
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
			return status("“" + title + "” was dropped; < reopens it in the stage it was dropped from.")
		}
		return p.reopen(b)
	}
	if to == "" {
		if next {
			return status("“" + title + "” is done — there is no stage after it.")
		}
		return status("“" + title + "” is in the first stage.")
	}
	return p.briefCmd(func() (int64, string, error) {
		ctx, cancel := p.c.ctx()
		defer cancel()
		nb, err := st.MoveBrief(ctx, b.ID, to, "")
		if err != nil {
			return 0, "", briefRefusal(err, b, to)
		}
		text := "“" + title + "” moved to " + string(nb.Stage) + "."
		if nb.Stage == model.StageChecks && len(nb.PendingChecks()) > 0 {
			text += " c signs the checks."
		}
		return nb.ID, text, nil
	})
}

// briefRefusal adds to a refused move the key that clears the way.
func briefRefusal(err error, b model.Brief, to model.Stage) error {
	if !errors.Is(err, model.ErrInvalid) {
		return err
	}
	switch {
	case strings.TrimSpace(b.Why) == "" && to != model.StageUnderstand:
		return fmt.Errorf("%w (e to write it)", err)
	case to.Index() >= model.StageActivate.Index() && len(b.PendingChecks()) > 0:
		return fmt.Errorf("%w — c signs them", err)
	}
	return err
}

// reopen takes a dropped brief back to the stage it was dropped from.
func (p *briefsPane) reopen(b model.Brief) tea.Cmd {
	st, title := p.c.store, termtext.SanitizeLine(b.Title)
	return p.briefCmd(func() (int64, string, error) {
		ctx, cancel := p.c.ctx()
		defer cancel()
		full, err := st.Brief(ctx, b.ID)
		if err != nil {
			return 0, "", err
		}
		to := model.StageUnderstand
		if n := len(full.History); n > 0 && full.History[n-1].To == model.StageDropped && full.History[n-1].From != "" {
			to = full.History[n-1].From
		}
		note := ""
		if to != model.StageUnderstand && strings.TrimSpace(full.Why) == "" {
			// Dropped before it had a why: it starts again where one is written.
			to, note = model.StageUnderstand, " It has no why yet: e to write it."
		}
		nb, err := st.MoveBrief(ctx, b.ID, to, "")
		if err != nil {
			return 0, "", briefRefusal(err, full, to)
		}
		return nb.ID, "“" + title + "” reopened in " + string(nb.Stage) + "." + note, nil
	})
}

// askDelete archives by default; an archived brief can then be deleted for
// good.
func (p *briefsPane) askDelete(b model.Brief) tea.Cmd {
	st := p.c.store
	p.ask = p.c.askRemove(removal{
		name: "“" + termtext.SanitizeLine(b.Title) + "”", archived: !b.ArchivedAt.IsZero(),
		archiveAsk:   "(it leaves the lists; nothing is deleted)",
		archivedSays: " z shows archived briefs; D on it deletes for good.",
		deleteAsk:    ", with its checks and history",
		archive:      func(ctx ctxT, on bool) error { return st.ArchiveBrief(ctx, b.ID, on) },
		remove:       func(ctx ctxT) error { return st.DeleteBrief(ctx, b.ID) },
		run:          p.briefCmd,
	})
	return nil
}

// briefDraft follows an open brief form: the account the typed name
// resolves to, that account's people, and the framing typed for each, so
// the form shows who can be linked and grows a framing field per person.
type briefDraft struct {
	form     *form
	acctText string           // the account text last looked up
	acct     model.Account    // what it resolved to (ID 0: nothing yet)
	acctNote string           // the lookup's verdict, under the account field
	people   []model.Person   // the account's people, once loaded
	peopleOf int64            // the account the people were loaded for
	framings map[int64]string // framings of people unlinked meanwhile, kept in case they return
	why      string           // the why last counted
}

// briefAccountMsg answers the brief form's account lookup.
type briefAccountMsg struct {
	form  *form
	query string
	acct  model.Account
	err   error
}

// briefPeopleMsg brings an account's people to the brief form.
type briefPeopleMsg struct {
	form      *form
	accountID int64
	people    []model.Person
	err       error
}

// briefForm opens the new-brief form, or the edit form for existing.
func (p *briefsPane) briefForm(existing *model.Brief) tea.Cmd {
	var v model.Brief
	title := "New brief — start with why"
	acct := p.c.scope.Name
	if existing != nil {
		v, title, acct = *existing, "Edit “"+termtext.SanitizeLine(existing.Title)+"”", existing.AccountName
	}
	target := ""
	if !v.TargetOn.IsZero() {
		target = v.TargetOn.String()
	}
	names := make([]string, len(v.People))
	for i, bp := range v.People {
		names[i] = bp.Name
	}
	specs := []fieldSpec{
		{key: "title", label: "Title", value: v.Title, hint: "a short name for the initiative"},
		{key: "account", label: "Account", value: acct, hint: "the client, by name"},
		{key: "why", label: "Why — the heart of it", value: v.Why, long: true, heart: true, rows: 6,
			hint: "why this matters to the client, in their words; ctrl+e opens $EDITOR"},
		{key: "who", label: "Who", value: v.Who, long: true, rows: 2, hint: "who it is for and who decides; link the people next"},
		{key: "people", label: "Linked people", value: strings.Join(names, ", "), hint: "names at the account, comma-separated"},
		{key: "what", label: "What", value: v.What, long: true, rows: 3, hint: "what we propose"},
		{key: "where", label: "Where", value: v.Where, long: true, rows: 2, hint: "business unit, region, channel"},
		{key: "when", label: "When", value: v.When, long: true, rows: 2, hint: "the timeline"},
		{key: "target", label: "Target date", value: target, hint: "dec 3, +3m, end of month (optional)"},
		{key: "value to the client", label: "Value to the client", value: v.ValueClient, long: true, rows: 3},
		{key: "value to us", label: "Value to us", value: v.ValueUs, long: true, rows: 3},
	}
	for _, bp := range v.People {
		specs = append(specs, briefFramingSpec(bp.PersonID, bp.Name, bp.Framing))
	}
	f := newForm(title, p.c.styles, specs...)
	if existing == nil {
		p.created = f
	}
	draft := &briefDraft{form: f, framings: map[int64]string{}, why: "\x00"}
	if existing != nil {
		draft.acct = model.Account{ID: v.AccountID, Name: v.AccountName}
		draft.acctText = acct
		draft.acctNote = "→ " + termtext.SanitizeLine(v.AccountName)
	}
	p.draft = draft
	st, now := p.c.store, p.c.now
	open := p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		n := v
		if existing == nil {
			n = model.NewBrief(0, "", now())
		}
		n.Title = f.value("title")
		n.Why, n.Who, n.What = f.value("why"), f.value("who"), f.value("what")
		n.Where, n.When = f.value("where"), f.value("when")
		n.ValueClient, n.ValueUs = f.value("value to the client"), f.value("value to us")
		n.TargetOn = model.Date{}
		if t := f.value("target"); t != "" {
			w, err := model.ParseWhen(t, now())
			if err != nil {
				return f.failField("target", err)
			}
			n.TargetOn = w.Date
		}
		acctName := f.value("account")
		if acctName == "" {
			return f.failField("account", errors.New("is required: a brief is for an account"))
		}
		check := n
		if check.AccountID == 0 {
			check.AccountID = -1 // resolved by name when saving
		}
		if err := check.Validate(); err != nil {
			return f.fail(err)
		}
		wanted := briefSplitNames(f.value("people"))
		// The framing of each person: what their field holds, else what
		// was stored (a field not grown yet), else what was typed before
		// they were unlinked.
		framings := map[int64]string{}
		for id, t := range draft.framings {
			framings[id] = t
		}
		for _, bp := range v.People {
			framings[bp.PersonID] = bp.Framing
		}
		for _, ff := range f.fields {
			if id, ok := briefFramingID(ff.key); ok {
				framings[id] = strings.TrimSpace(ff.Value())
			}
		}
		return saveCmd(f, store.HitBrief, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			acct, err := st.ResolveAccount(ctx, acctName, false)
			if err != nil {
				return 0, "", fieldErr("account", err)
			}
			n.AccountID = acct.ID
			n.People = nil
			for _, name := range wanted {
				pp, err := st.ResolvePerson(ctx, name, store.PersonName{AccountID: n.AccountID})
				if err != nil {
					return 0, "", fieldErr("people", err)
				}
				dup := false
				for _, bp := range n.People {
					dup = dup || bp.PersonID == pp.ID
				}
				if !dup {
					n.People = append(n.People, model.BriefPerson{PersonID: pp.ID, Name: pp.Name, Framing: framings[pp.ID]})
				}
			}
			if existing != nil {
				saved, err := st.UpdateBrief(ctx, n)
				return saved.ID, "“" + termtext.SanitizeLine(saved.Title) + "” saved.", err
			}
			saved, err := st.CreateBrief(ctx, n)
			text := "“" + termtext.SanitizeLine(saved.Title) + "” drafted for " + termtext.SanitizeLine(acct.Name) + "."
			if c := saved.Completeness(); len(c.Unframed) > 0 {
				text += " e adds the missing framings."
			}
			return saved.ID, text, err
		})
	})
	cmds := []tea.Cmd{open, p.draftSync(true)}
	if existing != nil {
		cmds = append(cmds, p.loadDraftPeople(f, v.AccountID))
	}
	return tea.Batch(cmds...)
}

func briefFramingSpec(personID int64, name, framing string) fieldSpec {
	return fieldSpec{key: briefFramingKey(personID), label: "Framing for " + termtext.SanitizeLine(name), value: framing, long: true, rows: 3,
		hint: "how to present it to them: what they care about, what they need to show"}
}

func briefFramingKey(personID int64) string { return "framing " + strconv.FormatInt(personID, 10) }

// briefFramingID reads the person's id back from a framing field's key.
func briefFramingID(key string) (int64, bool) {
	s, ok := strings.CutPrefix(key, "framing ")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

// draftSync brings the open brief form up to date after a key: it looks up
// a changed account name, shows who the linked names match, grows or
// shrinks the framing fields, and counts the why. all recounts every note,
// not only the focused field's.
func (p *briefsPane) draftSync(all bool) tea.Cmd {
	d := p.draft
	if d == nil || !p.ed.active() || p.ed.ed.form != d.form {
		p.draft = nil
		return nil
	}
	f := d.form
	focus := f.fields[f.focus].key
	var cmd tea.Cmd
	if all || focus == "account" {
		if t := f.value("account"); t != d.acctText {
			d.acctText = t
			cmd = p.lookupAccount(f, t)
		}
		f.setNote("account", d.acctNote)
	}
	if all || focus == "why" {
		if w := f.raw("why"); w != d.why {
			d.why = w
			f.setNote("why", briefWhyNote(w))
		}
	}
	if all || focus == "people" {
		p.syncPeople()
	}
	if all || focus == "target" {
		f.setNote("target", briefTargetNote(f.value("target"), p.c.now()))
	}
	return cmd
}

// briefTargetNote reads the target date back as it is typed.
func briefTargetNote(text string, now time.Time) string {
	if text == "" {
		return ""
	}
	w, err := model.ParseWhen(text, now)
	if err != nil {
		return errText(err)
	}
	d := w.Date.DaysSince(model.DateOf(now))
	rel := "today"
	switch {
	case d > 0:
		rel = "in " + briefDays(d)
	case d < 0:
		rel = briefDays(-d) + " ago"
	}
	return "→ " + w.Date.Weekday().String()[:3] + " " + w.Date.String() + " (" + rel + ")"
}

// briefWhyNote counts the why: a thin one is flagged, a missing one blocks
// the first move.
func briefWhyNote(why string) string {
	n := len(strings.Fields(why))
	switch {
	case n == 0:
		return "not written yet — a brief cannot leave “understand needs” without it"
	case n < model.ThinWords:
		return "thin: " + briefWords(n) + " — say why it matters to them, and to whom"
	}
	return briefWords(n)
}

func (p *briefsPane) lookupAccount(f *form, query string) tea.Cmd {
	if query == "" {
		p.draft.acct, p.draft.acctNote = model.Account{}, ""
		p.syncPeople()
		return nil
	}
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		acct, err := st.ResolveAccount(ctx, query, false)
		return briefAccountMsg{form: f, query: query, acct: acct, err: err}
	}
}

// draftMsg applies a lookup the brief form asked for; it reports whether
// the message was one.
func (p *briefsPane) draftMsg(msg tea.Msg) (bool, tea.Cmd) {
	d := p.draft
	switch msg := msg.(type) {
	case briefAccountMsg:
		if d == nil || msg.form != d.form || msg.query != d.acctText {
			return true, nil // an older lookup
		}
		d.acct = model.Account{}
		switch {
		case errors.Is(msg.err, model.ErrNotFound):
			d.acctNote = errText(msg.err) + " — add it in Accounts (2, then n)"
		case msg.err != nil:
			d.acctNote = errText(msg.err)
		default:
			d.acct = msg.acct
			d.acctNote = "→ " + termtext.SanitizeLine(d.acct.Name)
		}
		d.form.setNote("account", d.acctNote)
		p.syncPeople()
		if d.acct.ID != 0 && d.acct.ID != d.peopleOf {
			return true, p.loadDraftPeople(d.form, d.acct.ID)
		}
		return true, nil
	case briefPeopleMsg:
		if d == nil || msg.form != d.form || msg.accountID != d.acct.ID {
			return true, nil
		}
		if msg.err != nil {
			d.form.setNote("people", errText(msg.err))
			return true, nil
		}
		d.people, d.peopleOf = msg.people, msg.accountID
		p.syncPeople()
		return true, nil
	}
	return false, nil
}

func (p *briefsPane) loadDraftPeople(f *form, accountID int64) tea.Cmd {
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		people, err := st.AccountPeople(ctx, accountID)
		return briefPeopleMsg{form: f, accountID: accountID, people: people, err: err}
	}
}

// briefNoteNames is how many unlinked people the note under the linked
// people lists before "+N more".
const briefNoteNames = 12

// syncPeople matches the typed names against the account's people: the
// note under the field says who is linked, who else is there and which
// names match nobody (or several); each linked person gets a framing field
// at the end of the form, and loses it (its text kept) when unlinked.
func (p *briefsPane) syncPeople() {
	d := p.draft
	f := d.form
	if d.acct.ID == 0 {
		f.setNote("people", "")
		if f.value("people") != "" {
			f.setNote("people", "names are matched once the account above is found")
		}
		return
	}
	if d.peopleOf != d.acct.ID {
		f.setNote("people", "looking up the people at "+termtext.SanitizeLine(d.acct.Name)+"…")
		return
	}
	acct := termtext.SanitizeLine(d.acct.Name)
	if len(d.people) == 0 {
		f.setNote("people", "nobody at "+acct+" yet — add people in the People pane (3, then n)")
		return
	}
	var linked []model.Person
	var problems []string
	isLinked := map[int64]bool{}
	for _, name := range briefSplitNames(f.value("people")) {
		m := model.PickByName(name, d.people, func(p model.Person) string { return p.Name })
		switch {
		case len(m) == 0:
			problems = append(problems, "“"+termtext.SanitizeLine(name)+"” matches nobody")
		case len(m) > 1:
			names := make([]string, 0, 4)
			for i, pp := range m {
				if i == 3 {
					names = append(names, "…")
					break
				}
				names = append(names, termtext.SanitizeLine(pp.Name))
			}
			problems = append(problems, "“"+termtext.SanitizeLine(name)+"” could be "+strings.Join(names, ", "))
		case !isLinked[m[0].ID]:
			isLinked[m[0].ID] = true
			linked = append(linked, m[0])
		}
	}
	var parts []string
	for _, pp := range linked {
		parts = append(parts, "✓ "+termtext.SanitizeLine(pp.Name))
	}
	others := 0
	for _, pp := range d.people {
		if isLinked[pp.ID] {
			continue
		}
		if others < briefNoteNames {
			parts = append(parts, termtext.SanitizeLine(pp.Name))
		}
		others++
	}
	if others > briefNoteNames {
		parts = append(parts, "+"+itoa(others-briefNoteNames)+" more")
	}
	note := "at " + acct + ": " + strings.Join(parts, " · ")
	if len(problems) > 0 {
		note = strings.Join(problems, "; ") + "\n" + note
	}
	f.setNote("people", note)

	// Framing fields: one per linked person, in the order named.
	for i := len(f.fields) - 1; i >= 0; i-- {
		if id, ok := briefFramingID(f.fields[i].key); ok && !isLinked[id] {
			d.framings[id] = f.fields[i].Value()
			f.removeField(i)
		}
	}
	first := len(f.fields)
	for i, ff := range f.fields {
		if _, ok := briefFramingID(ff.key); ok {
			first = i
			break
		}
	}
	for i, pp := range linked {
		at := first + i
		key := briefFramingKey(pp.ID)
		j := f.fieldIndex(key)
		if j == at {
			f.fields[j].note = briefFramingNote(pp)
			continue
		}
		text := d.framings[pp.ID]
		if j >= 0 {
			text = f.fields[j].Value()
			f.removeField(j)
		}
		f.insertField(at, briefFramingSpec(pp.ID, pp.Name, text))
		f.fields[at].note = briefFramingNote(pp)
	}
}

// briefFramingNote reminds the writer who they frame it for: role, how
// they like to receive things, what they need to show.
func briefFramingNote(pp model.Person) string {
	var parts []string
	if pp.Title != "" {
		parts = append(parts, termtext.SanitizeLine(pp.Title))
	}
	if pp.Role != "" {
		parts = append(parts, string(pp.Role))
	}
	if pp.ReceiveInfo != "" {
		parts = append(parts, "likes: "+termtext.SanitizeLine(pp.ReceiveInfo))
	}
	if pp.NeedsToShow != "" {
		parts = append(parts, "needs to show: "+termtext.SanitizeLine(pp.NeedsToShow))
	}
	return strings.Join(parts, " · ")
}

// briefSplitNames splits "Dana, Lee Chen" into names.
func briefSplitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

var briefCheckStates = []string{string(model.CheckPending), string(model.CheckSigned), string(model.CheckNotNeeded)}

// checksForm edits the four sign-offs: each is pending, signed (by whom,
// on which day) or not needed. Typing who signed a pending check signs it.
func (p *briefsPane) checksForm(b model.Brief) tea.Cmd {
	var specs []fieldSpec
	for _, k := range model.CheckKinds {
		c := b.Check(k)
		on := ""
		if c.Cleared() && !c.On.IsZero() {
			on = c.On.String()
		}
		specs = append(specs,
			fieldSpec{key: string(k) + " check", label: briefCap(string(k)), value: string(c.State), options: briefCheckStates},
			fieldSpec{key: string(k) + " by", label: "  signed by", value: c.By, hint: "who signed it (typing a name signs it)"},
			fieldSpec{key: string(k) + " on", label: "  on", value: on, hint: "today, or the day it was signed: nov 20"})
	}
	f := newForm("Checks for “"+termtext.SanitizeLine(b.Title)+"” — sign each, or mark it not needed", p.c.styles, specs...)
	p.checksF = f
	st, now := p.c.store, p.c.now
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		var changed []model.Check
		for _, k := range model.CheckKinds {
			old := b.Check(k)
			c := model.Check{Kind: k, State: model.CheckState(strings.ToLower(f.value(string(k) + " check"))), By: f.value(string(k) + " by")}
			if !slices.Contains(briefCheckStates, string(c.State)) {
				return f.failField(string(k)+" check", errors.New("is pending, signed or not needed (←/→ to choose)"))
			}
			if c.State == model.CheckPending && c.By != "" {
				c.State = model.CheckSigned
			}
			if c.State == model.CheckSigned && c.By == "" {
				return f.failField(string(k)+" by", errors.New("who signed it?"))
			}
			if t := f.value(string(k) + " on"); t != "" && c.Cleared() {
				on, err := briefPastDate(t, now())
				if err != nil {
					return f.failField(string(k)+" on", err)
				}
				c.On = on
			}
			if c.State == old.State && c.By == old.By && (c.On.IsZero() || c.On == old.On) {
				continue
			}
			if c.State == old.State && c.On.IsZero() {
				c.On = old.On
			}
			changed = append(changed, c)
		}
		if len(changed) == 0 {
			p.ed.ed = nil
			return status("Checks unchanged.")
		}
		return saveCmd(f, store.HitBrief, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			var nb model.Brief
			var err error
			by := map[model.CheckState][]string{}
			for _, c := range changed {
				if nb, err = st.SetCheck(ctx, b.ID, c); err != nil {
					return 0, "", err
				}
				by[c.State] = append(by[c.State], string(c.Kind))
			}
			var parts []string
			for _, st := range []model.CheckState{model.CheckSigned, model.CheckNotNeeded, model.CheckPending} {
				if ks := by[st]; len(ks) > 0 {
					parts = append(parts, briefAnd(ks)+" "+string(st))
				}
			}
			// The verdict first: on a narrow screen the status line is cut.
			text := "Checks saved: "
			switch pending := nb.PendingChecks(); {
			case len(pending) == 0 && nb.Stage == model.StageChecks:
				text = "All clear — > activates: "
			case len(pending) > 0:
				names := make([]string, len(pending))
				for i, k := range pending {
					names[i] = string(k)
				}
				text = "Still to sign: " + briefAnd(names) + ". Saved: "
			}
			text += strings.Join(parts, ", ") + "."
			return nb.ID, text, nil
		})
	})
}

// checksSync shows a pending check as signed once a name is typed for it,
// which is what saving will do.
func (p *briefsPane) checksSync() {
	if p.checksF == nil || !p.ed.active() || p.ed.ed.form != p.checksF {
		p.checksF = nil
		return
	}
	f := p.checksF
	for _, k := range model.CheckKinds {
		i := f.fieldIndex(string(k) + " check")
		if i >= 0 && f.value(string(k)+" by") != "" && strings.EqualFold(f.value(string(k)+" check"), string(model.CheckPending)) {
			f.fields[i].input.SetValue(string(model.CheckSigned))
		}
	}
}

// briefPastDate reads the day a check was signed (model.ParsePastDay):
// "dec 3" is the last 3 December, and a day to come is refused.
func briefPastDate(text string, now time.Time) (model.Date, error) {
	w, err := model.ParsePastDay(text, now)
	if _, future := errors.AsType[*model.FutureError](err); future {
		return model.Date{}, errors.New("is in the future: a check is signed today or earlier")
	}
	return w.Date, err
}

// dropForm asks why the brief is dropped; the reason goes in the history.
func (p *briefsPane) dropForm(b model.Brief) tea.Cmd {
	f := newForm("Drop “"+termtext.SanitizeLine(b.Title)+"”", p.c.styles,
		fieldSpec{key: "reason", label: "Why drop it", hint: "the reason stays in the stage history"})
	st := p.c.store
	title := termtext.SanitizeLine(b.Title)
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		reason := f.value("reason")
		if reason == "" {
			return f.failField("reason", errors.New("say why the brief is dropped"))
		}
		return saveCmd(f, store.HitBrief, func() (int64, string, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			nb, err := st.MoveBrief(ctx, b.ID, model.StageDropped, reason)
			return nb.ID, "“" + title + "” dropped; < reopens it.", err
		})
	})
}

func briefCap(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// ---- Markdown: preview and export ----

// briefPreview is the brief as rendered Markdown in a scrollable viewport.
type briefPreview struct {
	id      int64
	title   string
	vp      viewport.Model
	loading bool
	md      string // the (sanitised) Markdown shown, to re-render at another width
	width   int    // the width it was rendered at
}

// briefPreviewMsg carries rendered Markdown for the preview.
type briefPreviewMsg struct {
	id    int64
	md    string
	text  string
	width int
	err   error
}

// briefPreviewWidth is the width Markdown is rendered at: the pane's, up
// to a readable measure.
func briefPreviewWidth(w int) int { return max(min(w-2, 100), 20) }

// briefMarkdown is the brief as Markdown; package exchange owns the format.
func briefMarkdown(b model.Brief, today model.Date) string { return exchange.BriefMarkdown(b, today) }

// briefRenderer draws briefs' Markdown for the terminal and keeps the last
// few rendered, so reopening a preview or going back to an earlier width
// costs nothing. Rendering happens in commands and on resize, never in View.
type briefRenderer struct {
	mu   sync.Mutex
	st   Styles
	done map[briefRenderKey]string
}

type briefRenderKey struct {
	md    string
	width int
}

// briefRenderKeep is how many rendered previews are kept.
const briefRenderKeep = 16

func (m *briefRenderer) render(md string, width int) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := briefRenderKey{md, width}
	if out, ok := m.done[k]; ok {
		return out, nil
	}
	out := renderMarkdown(md, width, m.st)
	if m.done == nil || len(m.done) >= briefRenderKeep {
		m.done = make(map[briefRenderKey]string, briefRenderKeep)
	}
	m.done[k] = out
	return out, nil
}

func (p *briefsPane) openPreview(b model.Brief) tea.Cmd {
	vp := viewport.New(p.b.width, max(p.b.height-1, 1))
	vp.SetContent(p.c.styles.Muted.Render("  rendering…"))
	p.preview = &briefPreview{id: b.ID, title: b.Title, vp: vp, loading: true}
	st, today, r, width := p.c.store, p.c.today(), p.md, briefPreviewWidth(p.b.width)
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		full, err := st.Brief(ctx, b.ID)
		if err != nil {
			return briefPreviewMsg{id: b.ID, err: err}
		}
		// The Markdown holds user text: sanitise it before the renderer adds
		// its own (trusted) escape sequences.
		md := termtext.Sanitize(briefMarkdown(full, today))
		out, err := r.render(md, width)
		return briefPreviewMsg{id: b.ID, md: md, text: out, width: width, err: err}
	}
}

// resizePreview re-renders the open preview for a new width. It runs on a
// resize, not per frame; a brief renders in a few milliseconds (a
// 5,000-word why in about twenty) and a width seen before is cached.
func (p *briefsPane) resizePreview() {
	pv := p.preview
	pv.vp.Width, pv.vp.Height = p.b.width, max(p.b.height-1, 1)
	w := briefPreviewWidth(p.b.width)
	if pv.loading || pv.md == "" || w == pv.width {
		return
	}
	if out, err := p.md.render(pv.md, w); err == nil {
		pv.vp.SetContent(out)
		pv.width = w
	}
}

func (p *briefsPane) previewKey(msg tea.KeyMsg) tea.Cmd {
	k, vp := p.b.keys, &p.preview.vp
	switch {
	case key.Matches(msg, briefClose), key.Matches(msg, p.keys.Preview):
		p.preview = nil
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown), key.Matches(msg, spaceKey):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	case key.Matches(msg, p.keys.Write):
		return p.write(p.preview.id)
	}
	return nil
}

// write saves the brief's Markdown as <slug>.md in the current directory,
// never overwriting a file.
func (p *briefsPane) write(id int64) tea.Cmd {
	st, today := p.c.store, p.c.today()
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		b, err := st.Brief(ctx, id)
		if err != nil {
			return briefWrittenMsg{err: err}
		}
		dir, err := os.Getwd()
		if err != nil {
			return briefWrittenMsg{err: err}
		}
		path, err := briefWriteFile(dir, briefSlug(b.Title), briefMarkdown(b, today))
		return briefWrittenMsg{path: path, err: err}
	}
}

// briefWriteFile creates dir/slug.md (0600), or slug-2.md, slug-3.md… when
// the name is taken.
func briefWriteFile(dir, slug, text string) (string, error) {
	for i := 1; i <= 999; i++ {
		name := slug + ".md"
		if i > 1 {
			name = slug + "-" + strconv.Itoa(i) + ".md"
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("write brief: %w", err)
		}
		_, werr := f.WriteString(text)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return "", fmt.Errorf("write brief: %w", werr)
		}
		return path, nil
	}
	return "", fmt.Errorf("write brief: %s.md and 998 numbered copies exist already", slug)
}

// briefSlug turns a title into a file name: lower case ASCII words joined by
// hyphens ("Zoë's Q3 relaunch!" → "zoes-q3-relaunch").
func briefSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range model.Fold(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "brief"
	}
	return strings.TrimRight(b.String(), "-")
}

// ---- Board ----

// briefBoardStages are the board's columns: the open stages and done.
var briefBoardStages = []model.Stage{model.StageUnderstand, model.StageDetermine, model.StageCreate,
	model.StageChecks, model.StageActivate, model.StageDone}

// briefBoardLimit is how many briefs a column reads; the heading shows the
// full count.
const briefBoardLimit = 40

// briefBoard is the stage board: a column per stage.
type briefBoard struct {
	cols     []briefColumn
	col, row int
	loading  bool
	dropped  int   // dropped briefs are not on the board; the list has them
	keep     int64 // the brief to select when the board first loads
}

type briefColumn struct {
	stage model.Stage
	items []model.Brief
	total int
}

// briefBoardMsg carries the board's columns.
type briefBoardMsg struct {
	cols    []briefColumn
	dropped int
	err     error
}

func (p *briefsPane) loadBoard() tea.Cmd {
	st, base := p.c.store, p.filter()
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		cols := make([]briefColumn, len(briefBoardStages))
		for i, s := range briefBoardStages {
			f := base
			f.Stage = s
			page, err := st.Briefs(ctx, f, store.PageReq{Limit: briefBoardLimit})
			if err != nil {
				return briefBoardMsg{err: err}
			}
			n, err := st.CountBriefs(ctx, f)
			if err != nil {
				return briefBoardMsg{err: err}
			}
			cols[i] = briefColumn{stage: s, items: page.Items, total: n}
		}
		f := base
		f.Stage = model.StageDropped
		dropped, err := st.CountBriefs(ctx, f)
		return briefBoardMsg{cols: cols, dropped: dropped, err: err}
	}
}

func (bb *briefBoard) set(msg briefBoardMsg) {
	bb.loading = false
	if msg.err != nil {
		return
	}
	keep := bb.keep
	if b, ok := bb.selected(); ok {
		keep = b.ID
	}
	bb.keep = 0
	bb.cols, bb.dropped = msg.cols, msg.dropped
	if bb.col >= len(bb.cols) {
		bb.col = 0
	}
	found := false
	for ci, c := range bb.cols {
		for ri, b := range c.items {
			if b.ID == keep {
				bb.col, bb.row, found = ci, ri, true
			}
		}
	}
	// Nothing to keep (or it left the board): stay in the column if it
	// has briefs, else go to the first that does.
	if !found && bb.col < len(bb.cols) && len(bb.cols[bb.col].items) == 0 {
		for ci, c := range bb.cols {
			if len(c.items) > 0 {
				bb.col, bb.row = ci, 0
				break
			}
		}
	}
	bb.clamp()
}

func (bb *briefBoard) clamp() {
	if bb.col < 0 || bb.col >= len(bb.cols) {
		bb.row = 0
		return
	}
	bb.row = min(max(bb.row, 0), max(len(bb.cols[bb.col].items)-1, 0))
}

func (bb *briefBoard) selected() (model.Brief, bool) {
	if bb.col < 0 || bb.col >= len(bb.cols) {
		return model.Brief{}, false
	}
	items := bb.cols[bb.col].items
	if bb.row < 0 || bb.row >= len(items) {
		return model.Brief{}, false
	}
	return items[bb.row], true
}

func (p *briefsPane) boardKey(msg tea.KeyMsg) tea.Cmd {
	bb, k := p.board, p.b.keys
	switch {
	case key.Matches(msg, briefBoardClose):
		p.board = nil
	case key.Matches(msg, k.Down):
		bb.row++
		bb.clamp()
	case key.Matches(msg, k.Up):
		bb.row--
		bb.clamp()
	case key.Matches(msg, k.Top):
		bb.row = 0
	case key.Matches(msg, k.Bottom):
		bb.row = 1 << 30
		bb.clamp()
	case key.Matches(msg, briefBoardLeft):
		bb.col = max(bb.col-1, 0)
		bb.clamp()
	case key.Matches(msg, briefBoardRight):
		bb.col = min(bb.col+1, max(len(bb.cols)-1, 0))
		bb.clamp()
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

// boardView draws one column per stage. Each brief is a card: its title
// over up to two lines, then its account and days in the stage. Narrow
// columns use short stage names.
func (p *briefsPane) boardView(w, h int) string {
	st, bb, today := p.c.styles, p.board, p.c.today()
	n := len(briefBoardStages)
	colW := max((w-(n-1))/n, 4)
	rows := max(h-3, 1) // heading, rule, footer
	// When one column is too narrow for its name and count, every column
	// puts its count on the rule, so the headings line up.
	countOnRule := false
	for ci, s := range briefBoardStages {
		total := 0
		if ci < len(bb.cols) {
			total = bb.cols[ci].total
		}
		name := string(s)
		if lipgloss.Width(name)+1+len(itoa(total)) > colW {
			name = briefStageShort(s)
		}
		countOnRule = countOnRule || lipgloss.Width(name)+1+len(itoa(total)) > colW
	}
	columns := make([]string, n)
	for ci := range n {
		var c briefColumn
		if ci < len(bb.cols) {
			c = bb.cols[ci]
		} else {
			c.stage = briefBoardStages[ci]
		}
		name, count := string(c.stage), itoa(c.total)
		if lipgloss.Width(name)+1+len(count) > colW {
			name = briefStageShort(c.stage)
		}
		hs := st.Heading
		if ci == bb.col {
			hs = st.Highlight
		}
		// The count follows the name, or rides on the rule below it when
		// the column is too narrow for both.
		head, rule := name+" "+count, st.Border.Render(strings.Repeat("─", colW))
		if countOnRule {
			head, rule = name, st.Muted.Render(count)+" "+st.Border.Render(strings.Repeat("─", max(colW-len(count)-1, 0)))
		}
		lines := []string{hs.Render(termtext.Fit(head, colW)), termtext.Fit(rule, colW)}

		// Cards are drawn from off; the selected column scrolls so its
		// selection shows.
		off := 0
		if ci == bb.col && bb.row < len(c.items) {
			used := 0
			for ri := bb.row; ri >= 0; ri-- {
				used += len(p.boardCard(c.items[ri], colW, false, today))
				if used > rows-1 {
					break
				}
				off = ri
			}
		}
		used, shown := 0, 0
		for ri := off; ri < len(c.items); ri++ {
			card := p.boardCard(c.items[ri], colW, ci == bb.col && ri == bb.row, today)
			room := rows - used
			if ri < c.total-1 {
				room-- // keep a line for "+N more"
			}
			if len(card) > room {
				break
			}
			lines = append(lines, card...)
			used += len(card)
			shown++
		}
		if more := c.total - off - shown; more > 0 {
			lines = append(lines, st.Muted.Render(termtext.Fit("  +"+itoa(more)+" more", colW)))
		} else if len(c.items) == 0 && !bb.loading {
			lines = append(lines, st.Muted.Render(termtext.Fit("  —", colW)))
		}
		columns[ci] = padLines(strings.Join(lines, "\n"), colW, h-1)
	}
	sep := st.Border.Render(strings.TrimSuffix(strings.Repeat("│\n", h-1), "\n"))
	parts := make([]string, 0, 2*n)
	for i, c := range columns {
		if i > 0 {
			parts = append(parts, sep)
		}
		parts = append(parts, c)
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, parts...)
	foot := st.Muted.Render("No briefs on the board — n drafts one.")
	switch b, ok := bb.selected(); {
	case bb.loading && len(bb.cols) == 0:
		foot = st.Muted.Render("loading…")
	case ok:
		foot = termtext.SanitizeLine(b.Title) + st.Muted.Render(" — "+termtext.SanitizeLine(b.AccountName)+" · "+string(b.Stage)+" for "+briefDays(b.DaysInStage(today)))
		if b.Stalled(today) {
			foot += st.Warn.Render(" · stalled")
		}
	}
	var extra []string
	if p.query != "" {
		extra = append(extra, "filter “"+termtext.SanitizeLine(p.query)+"”")
	}
	if bb.dropped > 0 {
		extra = append(extra, itoa(bb.dropped)+" dropped (in the list)")
	}
	if len(extra) > 0 {
		tail := st.Muted.Render("  " + strings.Join(extra, " · "))
		if tw := lipgloss.Width(tail); tw < w/2 {
			foot = termtext.Fit(foot, w-tw) + tail
		}
	}
	return padLines(body+"\n"+termtext.Fit(foot, w), w, h)
}

// boardCard draws one brief on the board: a gutter (the selection marker
// or the stalled flag), the title over up to two lines, and a muted line
// with the account and days in the stage.
func (p *briefsPane) boardCard(b model.Brief, colW int, selected bool, today model.Date) []string {
	k := briefRowKey{id: b.ID, updated: b.UpdatedAt.UnixNano(), width: colW, selected: selected, day: today}
	if c, ok := p.cards[k]; ok {
		return c
	}
	if len(p.cards) > 8*briefBoardLimit {
		clear(p.cards)
	}
	c := p.drawCard(b, colW, selected, today)
	p.cards[k] = c
	return c
}

func (p *briefsPane) drawCard(b model.Brief, colW int, selected bool, today model.Date) []string {
	st := p.c.styles
	inner := max(colW-2, 1)
	title := briefWrap(termtext.SanitizeLine(b.Title), inner, 2)
	gutter := "  "
	switch {
	case selected:
		gutter = st.Cursor.Render("▸ ")
	case b.Stage.Open() && b.Stalled(today):
		gutter = st.Warn.Render("⚑ ")
	}
	out := make([]string, 0, 3)
	for i, t := range title {
		g := "  "
		if i == 0 {
			g = gutter
		}
		out = append(out, termtext.Fit(g+t, colW))
	}
	days := itoa(b.DaysInStage(today)) + "d"
	acct := termtext.SanitizeLine(b.AccountName)
	meta := "  " + termtext.Clip(acct, max(inner-len(days)-3, 1)) + " · " + days
	out = append(out, st.Muted.Render(termtext.Fit(meta, colW)))
	if selected {
		for i := range out {
			out[i] = st.Selected.Render(out[i])
		}
	}
	return out
}

// briefWrap breaks s at spaces into at most n lines of width cells; a
// word longer than a line is cut, and text left over ends the last line
// in "…".
func briefWrap(s string, width, n int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case ansi.StringWidth(cur+" "+w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
			if len(lines) == n {
				lines[n-1] += " " + strings.Join(words[i:], " ")
				cur = ""
			}
		}
		if cur == "" && len(lines) == n {
			break
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i := range lines {
		lines[i] = termtext.Clip(lines[i], width)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// briefStageShort names a stage in at most eight cells.
func briefStageShort(s model.Stage) string {
	switch s {
	case model.StageUnderstand:
		return "needs"
	case model.StageDetermine:
		return "solution"
	}
	return string(s)
}

// briefAnd joins names as a sentence does: "a, b and c".
func briefAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func briefWords(n int) string {
	if n == 1 {
		return "1 word"
	}
	return itoa(n) + " words"
}

func briefDays(n int) string {
	if n == 1 {
		return "1 day"
	}
	return itoa(n) + " days"
}

// ---- List and detail ----

func (p *briefsPane) View() string {
	st := p.c.styles
	switch {
	case p.ed.active():
		return p.ed.ed.form.view()
	case p.preview != nil:
		pv := p.preview
		tail := " p/esc close · w write"
		if !pv.loading && pv.vp.TotalLineCount() > pv.vp.Height {
			tail = fmt.Sprintf(" %3.f%% ·", pv.vp.ScrollPercent()*100) + tail
		}
		tail = st.Muted.Render(tail)
		head := st.Heading.Render("Preview ") + termtext.Fit(termtext.SanitizeLine(pv.title), max(p.b.width-8-lipgloss.Width(tail), 1)) + tail
		return padLines(termtext.Fit(head, p.b.width)+"\n"+pv.vp.View(), p.b.width, p.b.height)
	case p.board != nil:
		return p.boardView(p.b.width, p.b.height)
	}
	header := st.Heading.Render("Briefs") + st.Muted.Render(" by stage · "+p.b.list.position())
	if p.archived {
		header += st.Muted.Render(" · with archived")
	}
	empty := "No briefs yet — press n to draft one: start with why."
	switch {
	case p.query != "":
		empty = "No brief matches “" + termtext.SanitizeLine(p.query) + "” — esc clears the filter."
	case p.c.scope.ID != 0:
		empty = "No briefs for " + termtext.SanitizeLine(p.c.scope.Name) + " yet — press n to draft one: start with why."
	}
	p.rowStage, p.rowFirst, p.rowDay = "", true, p.c.today()
	out := p.b.view(header, empty, p.row)
	if p.ask != nil {
		return replaceLastLine(out, st.Warn.Render(termtext.Fit(p.ask.view(), p.b.width)))
	}
	return out
}

func (p *briefsPane) meter(b model.Brief) model.Completeness {
	u := b.UpdatedAt.UnixNano()
	if m, ok := p.meters[b.ID]; ok && m.updated == u {
		return m.c
	}
	if len(p.meters) > 4*maxWindow {
		clear(p.meters)
	}
	c := b.Completeness()
	p.meters[b.ID] = briefMeter{updated: u, c: c}
	return c
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

// row: the stage (on the first row of each group), title, account, the
// completeness dots, days in the stage and a stalled flag.
func (p *briefsPane) row(b model.Brief, width int, selected bool) string {
	stage := ""
	if p.rowFirst || b.Stage != p.rowStage {
		stage = briefStageShort(b.Stage)
	}
	p.rowStage, p.rowFirst = b.Stage, false
	k := briefRowKey{id: b.ID, updated: b.UpdatedAt.UnixNano(), archived: !b.ArchivedAt.IsZero(), width: width,
		stage: stage != "", selected: selected, day: p.rowDay}
	if s, ok := p.rows[k]; ok {
		return s
	}
	if len(p.rows) > 4*maxWindow {
		clear(p.rows)
	}
	s := p.drawRow(b, stage, width, selected)
	p.rows[k] = s
	return s
}

// briefRowKey is what a drawn row depends on. Rows are drawn every frame
// but change only with the brief, the width, the day or the selection.
type briefRowKey struct {
	id, updated     int64
	archived        bool
	width           int
	stage, selected bool
	day             model.Date
}

func (p *briefsPane) drawRow(b model.Brief, stage string, width int, selected bool) string {
	st, today := p.c.styles, p.rowDay
	const stageW, dotsW, daysW = 9, 5, 5
	rest := width - 2 - stageW - 1 - dotsW - 1 - daysW - 2
	acctW := 0
	if rest >= 36 {
		acctW = min(rest/3, 24)
	}
	titleW := rest
	if acctW > 0 {
		titleW = rest - acctW - 1
	}
	title := termtext.SanitizeLine(b.Title)
	if !b.ArchivedAt.IsZero() {
		title += " (archived)"
	}
	acct := termtext.SanitizeLine(b.AccountName)
	text := st.Heading.Render(termtext.Fit(stage, stageW))
	switch {
	case acctW > 0:
		text += termtext.Fit(title, titleW) + " " + st.Muted.Render(termtext.Fit(acct, acctW))
	case rest < 28:
		// Too narrow for both: the title alone (the detail beside the
		// list names the account).
		text += termtext.Fit(title, rest)
	default:
		// Narrow: the account follows the title, each clipped so both show.
		t := termtext.Clip(title, rest-1-min(lipgloss.Width(acct), max(rest/3, 6)))
		text += termtext.Fit(t+" "+st.Muted.Render(termtext.Clip(acct, rest-1-lipgloss.Width(t))), rest)
	}
	days := b.DaysInStage(today)
	text += " " + briefDots(st, p.meter(b)) + " " + st.Muted.Render(fmt.Sprintf("%4dd", days))
	if b.Stage.Open() && b.Stalled(today) {
		text += " " + st.Warn.Render("⚑")
	}
	return p.b.row(text, width, selected)
}

// renderBrief draws the brief readably: the why first, as its heart.
func (p *briefsPane) renderBrief(b model.Brief) string {
	st, today := p.c.styles, p.c.today()
	w := max(p.b.detailWidth()-2, 20)
	text := func(s string) string { return "  " + wrapIndent(termtext.Sanitize(strings.TrimSpace(s)), w-2, 2) }
	none := func(what string) string { return st.Muted.Render("  " + what) }
	var s strings.Builder
	line := func(parts ...string) {
		s.WriteString(strings.Join(parts, ""))
		s.WriteByte('\n')
	}

	line(st.Title.Render(wrapIndent(termtext.SanitizeLine(b.Title), w, 0)))
	meta := termtext.SanitizeLine(b.AccountName) + st.Muted.Render(" · ") + st.Cursor.Render(string(b.Stage))
	if !b.ArchivedAt.IsZero() {
		meta += st.Muted.Render(" · archived")
	}
	line(meta)
	days := b.DaysInStage(today)
	since := "in this stage for " + briefDays(days) + " (since " + b.StageDay().String() + ")"
	if days == 0 {
		since = "in this stage since today (" + b.StageDay().String() + ")"
	}
	line(st.Muted.Render(since))
	if b.Stage.Open() && b.Stalled(today) {
		line(st.Warn.Render(fmt.Sprintf("⚑ stalled: more than %d days is long for %s", model.StalledAfter(b.Stage), b.Stage)))
	}
	if !b.TargetOn.IsZero() {
		d := b.TargetOn.DaysSince(today)
		rel := "today"
		switch {
		case d > 0:
			rel = "in " + briefDays(d)
		case d < 0:
			rel = briefDays(-d) + " ago"
		}
		ts := st.Muted
		if d < 0 && b.Stage.Open() {
			ts = st.Overdue
		}
		line(st.Label.Render("target "), b.TargetOn.String(), ts.Render(" ("+rel+")"))
	}
	if b.Stage == model.StageDropped && len(b.History) > 0 {
		if n := b.History[len(b.History)-1].Note; n != "" {
			line(st.Warn.Render("dropped: "), wrapIndent(termtext.SanitizeLine(n), w-9, 9))
		}
	}

	// The checks: in the checks stage they come first, since signing them
	// is the work of that stage.
	checks := func() {
		line()
		note := ""
		switch pending := len(b.PendingChecks()); {
		case b.Stage.Index() < model.StageChecks.Index():
			note = " — needed before activate"
		case b.Stage == model.StageChecks && pending > 0:
			note = " — " + itoa(pending) + " to sign or mark not needed (c)"
		case b.Stage == model.StageChecks:
			note = " — all clear: > activates"
		}
		line(st.Heading.Render("Checks"), st.Muted.Render(note))
		for _, k := range model.CheckKinds {
			ck := b.Check(k)
			var mark, state string
			switch ck.State {
			case model.CheckSigned:
				mark, state = st.Good.Render("✓"), "signed"
				if ck.By != "" {
					state += " by " + termtext.SanitizeLine(ck.By)
				}
			case model.CheckNotNeeded:
				mark, state = st.Muted.Render("–"), "not needed"
			default:
				mark, state = st.Warn.Render("○"), "pending"
			}
			if !ck.On.IsZero() && ck.State != model.CheckPending {
				state += st.Muted.Render(" · " + ck.On.String())
			}
			line(termtext.Clip("  "+mark+" "+termtext.Fit(string(k), 12)+state, w))
		}
	}
	if b.Stage == model.StageChecks {
		checks()
	}

	line()
	line(st.Heart.Render("♥ Why"))
	if strings.TrimSpace(b.Why) == "" {
		line(st.Warn.Render("  not written yet — the why carries the brief; e to write it"))
	} else {
		line(text(b.Why))
	}

	section := func(label, v string) {
		line()
		line(st.Heading.Render(label))
		if strings.TrimSpace(v) == "" {
			line(none("—"))
			return
		}
		line(text(v))
	}
	line()
	line(st.Heading.Render("Who"))
	if len(b.People) > 0 {
		names := make([]string, len(b.People))
		for i, bp := range b.People {
			names[i] = termtext.SanitizeLine(bp.Name)
		}
		line("  ", wrapIndent(strings.Join(names, ", "), w-2, 2))
	}
	if strings.TrimSpace(b.Who) != "" {
		line(text(b.Who))
	} else if len(b.People) == 0 {
		line(none("—"))
	}
	section("What", b.What)
	section("Where", b.Where)
	section("When", b.When)
	if strings.TrimSpace(b.ValueClient) != "" || strings.TrimSpace(b.ValueUs) != "" {
		section("Value to the client", b.ValueClient)
		section("Value to us", b.ValueUs)
	}

	c := b.Completeness()
	line()
	line(st.Heading.Render("Completeness "), briefDots(st, c), st.Muted.Render(fmt.Sprintf(" %d of %d", c.Done, c.Total)))
	if gaps := briefGaps(c); gaps != "" {
		line(st.Warn.Render("  " + wrapIndent(gaps, w-2, 2)))
	} else {
		line(st.Good.Render("  every W written, everyone framed"))
	}

	if b.Stage != model.StageChecks {
		checks()
	}

	if len(b.People) > 0 {
		line()
		line(st.Heading.Render("Framing"))
		for _, bp := range b.People {
			who := "  " + termtext.SanitizeLine(bp.Name)
			if bp.Title != "" {
				who += st.Muted.Render(", " + termtext.SanitizeLine(bp.Title))
			}
			if bp.Role != "" {
				who += " " + st.badge(string(bp.Role), string(bp.Role))
			}
			line(who)
			if strings.TrimSpace(bp.Framing) == "" {
				line(st.Warn.Render("    no framing yet — e to write how to present it to them"))
			} else {
				line("    " + wrapIndent(termtext.Sanitize(strings.TrimSpace(bp.Framing)), w-4, 4))
			}
		}
	}

	if len(b.History) > 0 {
		line()
		line(st.Heading.Render("Stage history"))
		for i, h := range b.History {
			at := model.DateOf(h.At)
			step := string(h.To)
			if h.From != "" {
				step = string(h.From) + " → " + string(h.To)
			} else {
				step = "started in " + step
			}
			after := ""
			if i > 0 {
				after = st.Muted.Render(" after " + briefDays(at.DaysSince(model.DateOf(b.History[i-1].At))))
			}
			l := "  " + st.Muted.Render(at.String()) + "  " + step + after
			if h.Note != "" {
				l += st.Muted.Render(" — ") + termtext.SanitizeLine(h.Note)
			}
			line(termtext.Clip(l, w))
		}
	}
	return s.String()
}

// briefGaps says what is missing: "missing: where, when · thin: what · no
// framing for Dana".
func briefGaps(c model.Completeness) string {
	var parts []string
	if len(c.Missing) > 0 {
		parts = append(parts, "missing: "+strings.Join(c.Missing, ", "))
	}
	if len(c.Thin) > 0 {
		parts = append(parts, "thin: "+strings.Join(c.Thin, ", "))
	}
	if len(c.Unframed) > 0 {
		names := make([]string, len(c.Unframed))
		for i, n := range c.Unframed {
			names[i] = termtext.SanitizeLine(n)
		}
		parts = append(parts, "no framing for "+strings.Join(names, ", "))
	}
	return strings.Join(parts, " · ")
}
