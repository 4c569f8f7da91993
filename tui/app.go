// Package tui is rapport's terminal interface: one root model that routes
// keys and messages to five panes (Today, Accounts, People, Briefs,
// Follow-ups), each a list with the selected item's detail beside it.
package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// pane is one tab of the screen. Panes are pointers that change in place;
// the root calls Update on the focused pane for keys, on the pane a
// message is addressed to for data, and on every pane for a reload.
type pane interface {
	Title() string
	Init() tea.Cmd                             // first load
	Update(msg tea.Msg) tea.Cmd                // keys (when focused) and data messages
	View() string                              // exactly the size given by SetSize
	SetSize(width, height int)                 // the area under the header
	Help() help.KeyMap                         // the keys that work right now
	Capturing() bool                           // typing into a field: global keys stay off
	Dirty() bool                               // a form holds unsaved changes
	SetScope(s scope) tea.Cmd                  // the account in scope changed
	Open(kind store.HitKind, id int64) tea.Cmd // show this item's detail
	Where() location                           // where the pane is: its pane, and the item its detail shows
	Return(at location) tea.Cmd                // come back to at (esc after an open)
}

// location is a place esc can come back to: a pane, and the item its
// detail showed (kind 0: the pane as it was left), with the detail's cursor.
type location struct {
	pane   paneID
	kind   store.HitKind
	id     int64
	cursor int
	// mapOf is the account whose relationship map was open over the pane,
	// with the cursor on mapAt: esc comes back to the map.
	mapOf, mapAt int64
}

// backStep is one open esc takes back: where the user was, and what the
// open showed.
type backStep struct{ from, to location }

// maxBack bounds the back stack.
const maxBack = 50

// backMsg takes the last open back.
type backMsg struct{}

// goBack is the command for esc in pane's detail of at, when at is what
// the last open showed: back to where the user was.
func (c *common) goBack(at location) (tea.Cmd, bool) {
	if len(c.back) == 0 {
		return nil, false
	}
	to := c.back[len(c.back)-1].to
	if to.pane != at.pane || to.kind != at.kind || to.id != at.id {
		return nil, false
	}
	return func() tea.Msg { return backMsg{} }, true
}

// scope is the account every pane narrows to (ID 0: none).
type scope struct {
	ID   int64
	Name string
}

// common is what every pane shares with the root.
type common struct {
	store  Store
	styles Styles
	now    func() time.Time
	scope  scope
	width  int
	undo   undoStack  // the session's changes, for u in any pane
	back   []backStep // the opens esc takes back, newest last
	// lastDir is the directory a brief was last written to, offered the
	// next time.
	lastDir string
	// own are the user's own addresses, left out of who is in a meeting.
	own map[string]bool
	// mapReads bumps with each relationship map read, so an older answer
	// is dropped.
	mapReads int
}

func (c *common) today() model.Date { return model.DateOf(c.now()) }

// ctx is the context store calls run under; commands are short-lived.
func (c *common) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// keyClaimer is a pane that, in some state, takes a key the root would
// otherwise act on: the brief preview's tab cycles versions rather than
// panes.
type keyClaimer interface {
	claims(tea.KeyMsg) bool
}

// paneID names a pane; it is its place among the tabs.
type paneID int

const (
	paneToday paneID = iota
	paneAccounts
	panePeople
	paneBriefs
	paneFollowUps
)

// addressed is a message for one pane (a page, a dossier, a form's
// answer): the root gives it to that pane and no other.
type addressed interface{ target() paneID }

// Model is the root model.
type Model struct {
	c         *common
	panes     []pane
	active    paneID
	loaded    []bool // panes whose first load has been asked for
	width     int
	height    int
	keys      globalKeys
	help      help.Model
	fullHelp  bool
	helpTop   int // the full help's first line shown, when it is taller than the screen
	status    string
	statusOK  bool
	statusAt  int // bumps with each status, so an old clear does not clear a new one
	statusFor time.Duration
	finder    *finder
	picker    *scopePicker
	relMap    *relMapView
	quitting  *confirm

	watch       time.Duration // how often to look for changes from elsewhere; 0: never
	dataVersion int64         // the file's data version when last looked at
}

// Options configure New.
type Options struct {
	Now       func() time.Time // the clock; time.Now when nil
	StatusFor time.Duration    // how long a status line stays; 0: five seconds, negative: until replaced
	// Watch is how often the open screens look for changes another process
	// made (a note from the shell, a cron remind) and reload; 0: never.
	Watch time.Duration
	// Styles are what it draws with; DefaultStyles when zero.
	Styles *Styles
	// Own are the user's own addresses ($RAPPORT_ME), which meetings do
	// not count among who else is in them.
	Own map[string]bool
}

// New returns the root model over a store.
func New(st Store, opt Options) Model {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	styles := DefaultStyles()
	if opt.Styles != nil {
		styles = *opt.Styles
	}
	c := &common{store: st, styles: styles, now: now, own: opt.Own}
	m := Model{c: c, keys: newGlobalKeys(), help: help.New(), width: 80, height: 24, statusFor: opt.StatusFor, watch: opt.Watch}
	if m.statusFor == 0 {
		m.statusFor = 5 * time.Second
	}
	hs := &m.help.Styles
	hs.ShortKey, hs.FullKey = c.styles.HelpKey, c.styles.HelpKey
	hs.ShortDesc, hs.FullDesc = c.styles.HelpDesc, c.styles.HelpDesc
	hs.ShortSeparator, hs.FullSeparator, hs.Ellipsis = c.styles.HelpOff, c.styles.HelpOff, c.styles.HelpOff
	m.panes = []pane{newTodayPane(c), newAccountsPane(c), newPeoplePane(c), newBriefsPane(c), newFollowUpsPane(c)}
	m.loaded = make([]bool, len(m.panes))
	m.resize()
	return m
}

// Init loads the start pane. The others load when first shown, so the first
// frame waits only for what it draws (and a quick look before a meeting
// does not pay for four lists it never sees).
func (m Model) Init() tea.Cmd {
	if m.watch > 0 {
		return tea.Batch(m.show(m.active), m.checkData(), m.nextCheck())
	}
	return m.show(m.active)
}

// watchMsg is the time to look whether the file changed.
type watchMsg struct{}

// dataVersionMsg is the file's data version, read in a command.
type dataVersionMsg struct {
	v   int64
	err error
}

func (m Model) nextCheck() tea.Cmd {
	return tea.Tick(m.watch, func(time.Time) tea.Msg { return watchMsg{} })
}

// checkData reads the file's data version.
func (m Model) checkData() tea.Cmd {
	st := m.c.store
	return func() tea.Msg {
		ctx, cancel := m.c.ctx()
		defer cancel()
		v, err := st.DataVersion(ctx)
		return dataVersionMsg{v, err}
	}
}

// dataChanged reloads the panes that have loaded when the file changed
// since the last look. While a form or a prompt has the keys, it waits for
// a later look, so nothing moves under the typing.
func (m *Model) dataChanged(msg dataVersionMsg) tea.Cmd {
	if msg.err != nil || msg.v == m.dataVersion {
		return nil
	}
	if m.dataVersion == 0 {
		m.dataVersion = msg.v // the first look: the screens are fresh
		return nil
	}
	if p := m.panes[m.active]; p.Capturing() || p.Dirty() || m.finder != nil || m.picker != nil || m.quitting != nil {
		return nil
	}
	m.dataVersion = msg.v
	return m.reloadAll(reloadMsg{fromElsewhere: true}, -1)
}

// reloadAll tells every pane that has loaded, but skip, to read again.
func (m *Model) reloadAll(msg reloadMsg, skip paneID) tea.Cmd {
	var cmds []tea.Cmd
	for i, p := range m.panes {
		if m.loaded[i] && paneID(i) != skip {
			cmds = append(cmds, p.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}

// show makes pane i the active one, loading it the first time.
func (m *Model) show(i paneID) tea.Cmd {
	m.active = i
	if m.loaded[i] {
		return nil
	}
	m.loaded[i] = true
	return m.panes[i].Init()
}

// statusMsg shows a line in the status bar.
type statusMsg struct {
	text string
	err  bool
}

// clearStatusMsg clears the status line if nothing newer replaced it.
type clearStatusMsg struct{ at int }

// openMsg asks the root to show an item in its pane with the detail open.
// With back, esc there comes back to where the user was; a redirect (a
// note opens its person's dossier) takes the place of the open before it.
type openMsg struct {
	kind     store.HitKind
	id       int64
	back     bool
	redirect bool
}

// scopeMsg sets (or with ID 0 clears) the account in scope.
type scopeMsg scope

// reloadMsg tells every pane that data changed and they should re-read.
// fromElsewhere marks a change another process made (see dataChanged):
// lists then keep the selected row rather than its place.
type reloadMsg struct{ fromElsewhere bool }

func status(text string) tea.Cmd { return func() tea.Msg { return statusMsg{text: text} } }

func statusErr(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: errText(err), err: true} }
}

// errText turns an error into one line for the status bar.
func errText(err error) string { return termtext.SanitizeLine(model.Sentence(err)) }

// Update routes a message: global keys first, then sizes to every pane, keys
// to the focused pane, data to every pane.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		m.status = "" // a status line lasts until the next key, or a few seconds
		if n, ok := repeated(msg); ok && !m.typing() {
			// A held key (jjjj) arrives as one burst: each press moves.
			var cmds []tea.Cmd
			var next tea.Model = m
			for range n {
				var cmd tea.Cmd
				next, cmd = next.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[:1]})
				cmds = append(cmds, cmd)
			}
			return next, tea.Batch(cmds...)
		}
		return m.key(asText(msg))
	case tea.MouseMsg:
		return m.mouse(msg)
	case statusMsg:
		m.status, m.statusOK = msg.text, !msg.err
		m.statusAt++
		if m.statusFor < 0 {
			return m, nil
		}
		at := m.statusAt
		return m, tea.Tick(m.statusFor, func(time.Time) tea.Msg { return clearStatusMsg{at} })
	case clearStatusMsg:
		if msg.at == m.statusAt {
			m.status = ""
		}
		return m, nil
	case savedMsg:
		// Once, here: what u undoes and the line that says so; the pane
		// that saved follows what it saved, the others read again.
		if msg.undo != nil {
			m.c.undo.push(*msg.undo)
		}
		cmds := []tea.Cmd{status(msg.text), m.reloadAll(reloadMsg{}, msg.pane)}
		if m.loaded[msg.pane] {
			cmds = append(cmds, m.panes[msg.pane].Update(msg))
		}
		return m, tea.Batch(cmds...)
	case actedMsg:
		// An action in place (done, snooze, asked, undo): its line, what u
		// undoes, and every pane reads again.
		if msg.err != nil {
			return m, tea.Batch(statusErr(msg.err), m.reloadAll(reloadMsg{}, -1))
		}
		if msg.push != nil {
			m.c.undo.push(*msg.push)
		}
		return m, tea.Batch(status(msg.text), m.reloadAll(reloadMsg{}, -1))
	case reloadMsg:
		return m, tea.Batch(m.reloadAll(msg, -1), m.reloadMap())
	case watchMsg:
		return m, tea.Batch(m.checkData(), m.nextCheck())
	case dataVersionMsg:
		return m, m.dataChanged(msg)
	case openMsg:
		m.finder = nil
		to := location{pane: paneFor(msg.kind), kind: msg.kind, id: msg.id}
		switch {
		case msg.redirect && len(m.c.back) > 0:
			m.c.back[len(m.c.back)-1].to = to
		case msg.back:
			if len(m.c.back) == maxBack {
				m.c.back = m.c.back[1:]
			}
			from := m.panes[m.active].Where()
			if m.relMap != nil {
				from.mapOf = m.relMap.accountID
				from.mapAt, _ = m.relMap.current()
			}
			m.c.back = append(m.c.back, backStep{from: from, to: to})
		}
		m.relMap = nil
		load := m.show(to.pane)
		// Open asks for its page after the first load did, so its page wins.
		return m, tea.Batch(load, m.panes[m.active].Open(msg.kind, msg.id))
	case backMsg:
		if len(m.c.back) == 0 {
			return m, nil
		}
		step := m.c.back[len(m.c.back)-1]
		m.c.back = m.c.back[:len(m.c.back)-1]
		m.active = step.from.pane
		ret := m.panes[m.active].Return(step.from)
		if step.from.mapOf != 0 {
			var load tea.Cmd
			m.relMap, load = newRelMap(m.c, step.from.mapOf, step.from.mapAt, m.width, m.bodyHeight())
			return m, tea.Batch(ret, load)
		}
		return m, ret
	case openMapMsg:
		var load tea.Cmd
		m.relMap, load = newRelMap(m.c, msg.accountID, msg.personID, m.width, m.bodyHeight())
		return m, load
	case relMapMsg:
		if m.relMap != nil {
			m.relMap.set(msg)
		}
		return m, nil
	case scopeMsg:
		m.picker = nil
		m.c.scope = scope(msg)
		m.c.back = nil // the places to come back to may be out of scope
		cmds := []tea.Cmd{}
		for _, p := range m.panes {
			cmds = append(cmds, p.SetScope(m.c.scope))
		}
		return m, tea.Batch(cmds...)
	case finderResultsMsg:
		if m.finder != nil {
			return m, m.finder.results(msg)
		}
		return m, nil
	case scopeResultsMsg:
		if m.picker != nil {
			m.picker.results(msg)
		}
		return m, nil
	case addressed:
		return m, m.panes[msg.target()].Update(msg)
	}
	return m, m.panes[m.active].Update(msg)
}

func paneFor(k store.HitKind) paneID {
	switch k {
	case store.HitAccount:
		return paneAccounts
	case store.HitPerson:
		return panePeople
	case store.HitBrief:
		return paneBriefs
	case store.HitFollowUp:
		return paneFollowUps
	case store.HitNote:
		return panePeople
	}
	return paneToday
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.quitting != nil {
		done, cmd := m.quitting.update(msg)
		if done {
			m.quitting = nil
		}
		return m, cmd
	}
	if key.Matches(msg, m.keys.ForceQuit) {
		if m.panes[m.active].Dirty() {
			m.quitting = newConfirm("Discard the unsaved form and quit?", func() tea.Cmd { return tea.Quit })
			return m, nil
		}
		return m, tea.Quit
	}
	if m.finder != nil {
		return m, m.finder.update(msg, &m.finder)
	}
	if m.picker != nil {
		return m, m.picker.update(msg, &m.picker)
	}
	if m.fullHelp {
		l := keyMap.list
		switch {
		case key.Matches(msg, m.keys.Help), msg.Type == tea.KeyEsc, key.Matches(msg, m.keys.Quit):
			m.fullHelp = false
		case key.Matches(msg, l.Down):
			m.helpTop++
		case key.Matches(msg, l.Up):
			m.helpTop = max(m.helpTop-1, 0)
		}
		return m, nil
	}
	active := m.panes[m.active]
	if key.Matches(msg, m.keys.Find) {
		if active.Dirty() {
			// Not passed on: in a text field ctrl+k would cut the line.
			return m, statusErr(errInvalid("the form has unsaved changes — " + keyName(keyMap.form.Save) + " saves, " + keyName(keyMap.form.Cancel) + " cancels; then " + keyName(m.keys.Find) + " finds"))
		}
		m.finder = newFinder(m.c)
		m.finder.setSize(m.width, m.height)
		return m, nil
	}
	if active.Capturing() {
		return m, active.Update(msg)
	}
	if c, ok := active.(keyClaimer); ok && c.claims(msg) {
		return m, active.Update(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.fullHelp, m.helpTop = true, 0
		return m, nil
	case m.relMap != nil:
		// The map over the pane has every other key.
		cmd, closed := m.relMap.update(msg)
		if closed {
			m.relMap = nil
		}
		return m, cmd
	case key.Matches(msg, m.keys.Undo):
		if e, ok := m.c.undo.peek(); ok {
			if p, ok := active.(interface{ undoing(undoEntry) }); ok {
				p.undoing(e)
			}
		}
		return m, m.c.undoLast()
	case key.Matches(msg, m.keys.Scope):
		m.picker = newScopePicker(m.c)
		return m, m.picker.search()
	case key.Matches(msg, m.keys.NextPane):
		m.c.back = nil // a pane chosen by hand: esc no longer goes back across
		return m, m.show((m.active + 1) % paneID(len(m.panes)))
	case key.Matches(msg, m.keys.PrevPane):
		m.c.back = nil
		return m, m.show((m.active + paneID(len(m.panes)) - 1) % paneID(len(m.panes)))
	}
	for i, b := range []key.Binding{m.keys.Pane1, m.keys.Pane2, m.keys.Pane3, m.keys.Pane4, m.keys.Pane5} {
		if key.Matches(msg, b) {
			m.c.back = nil
			return m, m.show(paneID(i))
		}
	}
	cmd := active.Update(msg)
	if active.Capturing() {
		m.status = "" // a form or prompt opened: an older line is not about it
	}
	return m, cmd
}

// asText marks a key message that carries more than one rune as text. The
// terminal hands over a burst of typing (a paste without bracketed paste,
// tmux send-keys, a fast typist over ssh) a word at a time, and a word such
// as "esc", "down" or "tab" would otherwise match the binding of that name:
// marked, it matches no binding and a text field inserts it as typed. Only
// a real single key acts.
func asText(msg tea.KeyMsg) tea.KeyMsg {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
		msg.Paste = true
	}
	return msg
}

// repeated reports whether a burst of runes is one key held down (the same
// rune again and again) and how many presses it holds: text is never one
// letter repeated, and a held j must move as far as it was held.
func repeated(msg tea.KeyMsg) (int, bool) {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 {
		return 0, false
	}
	for _, r := range msg.Runes[1:] {
		if r != msg.Runes[0] {
			return 0, false
		}
	}
	return len(msg.Runes), true
}

// typing reports whether a text field has the keys: quick find, the
// account picker, or the pane's form, filter or prompt.
func (m Model) typing() bool {
	return m.finder != nil || m.picker != nil || m.panes[m.active].Capturing()
}

func isMove(b key.Binding) bool {
	for _, k := range b.Keys() {
		switch k {
		case "up", "down", "j", "k":
			return true
		}
	}
	return false
}

// bodyHeight is the rows left for a pane: header, status and footer take 3.
func (m *Model) resize() {
	m.c.width = m.width
	h := max(m.height-3, 1)
	for _, p := range m.panes {
		p.SetSize(m.width, h)
	}
	m.help.Width = m.width
	if m.finder != nil {
		m.finder.setSize(m.width, m.height)
	}
	if m.relMap != nil {
		m.relMap.setSize(m.width, h)
	}
}

// bodyHeight is the rows under the header, above the status and footer.
func (m *Model) bodyHeight() int { return max(m.height-3, 1) }

// reloadMap reads the open map again after a change.
func (m *Model) reloadMap() tea.Cmd {
	if m.relMap == nil {
		return nil
	}
	return m.relMap.reload()
}

// View draws the header, the focused pane, the status line and the footer.
func (m Model) View() string {
	st := m.c.styles
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteByte('\n')
	// What lies over the pane is drawn instead of it, not on top of it.
	var body string
	switch {
	case m.finder != nil:
		body = m.finder.view()
	case m.picker != nil:
		body = m.picker.view(m.width, max(m.height-3, 1))
	case m.fullHelp:
		body = m.fullHelpView()
	case m.relMap != nil:
		body = m.relMap.view()
	default:
		body = m.panes[m.active].View()
	}
	b.WriteString(body)
	b.WriteByte('\n')
	switch {
	case m.quitting != nil:
		b.WriteString(st.Warn.Render(termtext.Fit(m.quitting.view(), m.width)))
	case m.status == "":
		b.WriteString(termtext.Fit("", m.width))
	case m.statusOK:
		b.WriteString(st.Status.Render(termtext.Fit(m.status, m.width)))
	default:
		b.WriteString(st.StatusErr.Render(termtext.Fit(m.status, m.width)))
	}
	b.WriteByte('\n')
	b.WriteString(termtext.Fit(m.footer(), m.width))
	return b.String()
}

func (m Model) header() string {
	h, _ := m.headerLayout()
	return h
}

// mouse: the wheel scrolls what has the keys (as ↑ and ↓ do); a click on
// a tab shows its pane, on a row selects it, on the selected row opens it.
func (m Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.quitting != nil || msg.Action != tea.MouseActionPress {
		return m, nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.key(Key("up"))
	case tea.MouseButtonWheelDown:
		return m.key(Key("down"))
	case tea.MouseButtonLeft:
	default:
		return m, nil
	}
	if m.finder != nil || m.picker != nil || m.fullHelp || m.relMap != nil {
		return m, nil
	}
	if msg.Y == 0 {
		_, spans := m.headerLayout()
		for i, sp := range spans {
			if msg.X >= sp[0] && msg.X <= sp[1] {
				m.c.back = nil // a pane chosen by hand, as with its key
				return m, m.show(paneID(i))
			}
		}
		return m, nil
	}
	active := m.panes[m.active]
	if _, ok := active.(clicker); ok && !active.Capturing() && msg.Y <= m.height-3 {
		return m, active.Update(clickMsg{msg.X, msg.Y - 1})
	}
	return m, nil
}

// headerLayout draws the header and says where each tab is in it (its
// first and last column), for a click.
func (m Model) headerLayout() (string, [][2]int) {
	st := m.c.styles
	right := ""
	if m.c.scope.ID != 0 {
		right = st.Scope.Render("◆ " + termtext.SanitizeLine(m.c.scope.Name))
	}
	tabs := func(title func(string) string) []string {
		out := make([]string, 0, len(m.panes))
		for i, p := range m.panes {
			out = append(out, st.tab(itoa(i+1)+" "+title(p.Title()), paneID(i) == m.active))
		}
		return out
	}
	whole, short := tabs(func(t string) string { return t }), tabs(shortTitle)
	name := st.Title.Render("rapport") + " "
	// The fullest header that fits: the name and whole titles, whole titles
	// alone, then short titles.
	var lead string
	var chosen []string
	for _, try := range []struct {
		lead string
		tabs []string
	}{{name, whole}, {"", whole}, {"", short}} {
		lead, chosen = try.lead, try.tabs
		if lipgloss.Width(lead+strings.Join(chosen, ""))+1+lipgloss.Width(right) <= m.width {
			break
		}
	}
	spans := make([][2]int, len(chosen))
	x := lipgloss.Width(lead)
	for i, t := range chosen {
		w := lipgloss.Width(t)
		spans[i] = [2]int{x, x + w - 1}
		x += w
	}
	left := lead + strings.Join(chosen, "")
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return termtext.Fit(left+" "+right, m.width), spans
	}
	return left + strings.Repeat(" ", gap) + right, spans
}

func shortTitle(t string) string {
	switch t {
	case "Accounts":
		return "Accts"
	case "Follow-ups":
		return "Follow"
	}
	return t
}

func (m Model) footer() string {
	switch {
	case m.finder != nil:
		return m.help.ShortHelpView(m.finder.help().ShortHelp())
	case m.picker != nil:
		return m.help.ShortHelpView(m.picker.help().ShortHelp())
	case m.fullHelp:
		closeHelp := key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close help"))
		return m.help.ShortHelpView([]key.Binding{closeHelp, keyMap.brief.Scroll})
	case m.relMap != nil:
		return m.help.ShortHelpView(fitHelp(m.relMap.help().ShortHelp(), []key.Binding{m.keys.Find, m.keys.Help, m.keys.Quit}, m.width, lipgloss.Width(m.help.ShortSeparator)))
	}
	keys := m.panes[m.active].Help().ShortHelp()
	var always []key.Binding
	if !m.panes[m.active].Capturing() {
		always = []key.Binding{m.keys.Find, m.keys.Help, m.keys.Quit}
	}
	return m.help.ShortHelpView(fitHelp(keys, always, m.width, lipgloss.Width(m.help.ShortSeparator)))
}

// fitHelp keeps as many of the pane's keys as fit in width beside the keys
// that are always shown (find, help, quit), dropping from the end: the full
// help (?) lists them all.
func fitHelp(pane, always []key.Binding, width, sep int) []key.Binding {
	itemW := func(b key.Binding) int {
		if !b.Enabled() {
			return -sep
		}
		return lipgloss.Width(b.Help().Key) + 1 + lipgloss.Width(b.Help().Desc)
	}
	used := -sep
	for _, b := range always {
		used += itemW(b) + sep
	}
	total := used
	for _, b := range pane {
		total += itemW(b) + sep
	}
	if total > width {
		// Short of room, moving up and down goes first: every list has it.
		var rest []key.Binding
		for _, b := range pane {
			if !isMove(b) {
				rest = append(rest, b)
			}
		}
		pane = rest
	}
	n := 0
	for _, b := range pane {
		w := itemW(b) + sep
		if used+w > width {
			break
		}
		used += w
		n++
	}
	return append(pane[:n:n], always...)
}

func (m Model) fullHelpView() string {
	st := m.c.styles
	k := m.keys
	groups := []keyGroup{{"Anywhere", []key.Binding{k.Pane1, k.NextPane, k.PrevPane, k.Find, k.Scope, k.Undo, k.Help, k.Quit, k.ForceQuit}}}
	if m.relMap != nil {
		groups = append(groups, m.relMap.guide())
	} else if g, ok := m.panes[m.active].(guider); ok {
		groups = append(groups, g.guide()...)
	} else {
		for _, ks := range m.panes[m.active].Help().FullHelp() {
			groups = append(groups, keyGroup{"", ks})
		}
	}
	room, height := max(m.width-4, 20), max(m.height-3, 1)
	body := st.Heading.Render("Keys — "+m.panes[m.active].Title()) + st.Muted.Render("  (dim: nothing to do on this row)") +
		"\n\n" + renderGuide(groups, st, room)
	body += "\n\n" + wrap(st.Muted.Render("Dates: 2026-12-03, 12-03, dec 3, today, tomorrow, fri, next week, in 3 days, +2w, +1m, end of month; a time may follow (fri 15:00)."), room)
	ls := strings.Split(body, "\n")
	top := min(m.helpTop, max(len(ls)-(height-2), 0))
	ls = ls[top:]
	return lipgloss.NewStyle().Width(m.width).Height(height).MaxHeight(height).Padding(1, 2).Render(strings.Join(ls, "\n"))
}
