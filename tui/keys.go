package tui

import "github.com/charmbracelet/bubbles/key"

// Every binding is data, and all of them are here: the footer and the full
// help are built from the bindings of what has the keys, and a line that
// names a key names it from its binding (keyName), so what the screen says
// and what the keys do cannot drift. keyMap holds one of each keymap.

// keyMapT is every keymap of rapport, by where its keys work.
type keyMapT struct {
	global   globalKeys
	list     listKeys
	filter   filterKeys
	item     itemKeys
	account  accountKeys
	followUp followUpKeys
	brief    briefKeys
	today    todayKeys
	form     formKeys
	confirm  confirmKeys
	finder   finderKeys
	scope    finderKeys
	snooze   snoozeKeys
	dossier  itemKeysT
	prep     prepKeys
}

// keyMap is rapport's keys. Bindings are values: a pane that changes one's
// help text (SetHelp) changes its own copy.
var keyMap = keyMapT{
	global: newGlobalKeys(), list: newListKeys(), filter: newFilterKeys(), item: newItemKeys(), account: newAccountKeys(),
	followUp: newFollowUpKeys(), brief: newBriefKeys(), today: newTodayKeys(), form: newFormKeys(), confirm: newConfirmKeys(),
	finder: newFinderKeys("open", "close"), scope: newFinderKeys("scope", "clear scope"), snooze: newSnoozeKeys(), dossier: newDossierItemKeys(),
	prep: newPrepKeys(),
}

// globalKeys work anywhere (outside text entry, except ctrl+c and ctrl+k).
type globalKeys struct {
	Pane1, Pane2, Pane3, Pane4, Pane5 key.Binding
	NextPane, PrevPane                key.Binding
	Find                              key.Binding
	Scope                             key.Binding
	Help                              key.Binding
	Undo                              key.Binding
	Quit                              key.Binding
	ForceQuit                         key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Pane1:     key.NewBinding(key.WithKeys("1"), key.WithHelp("1-5", "panes")),
		Pane2:     key.NewBinding(key.WithKeys("2")),
		Pane3:     key.NewBinding(key.WithKeys("3")),
		Pane4:     key.NewBinding(key.WithKeys("4")),
		Pane5:     key.NewBinding(key.WithKeys("5")),
		NextPane:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Find:      key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "find")),
		Scope:     key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "scope to account")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// listKeys move in and act on a list; every pane has them.
type listKeys struct {
	Up, Down, Top, Bottom, PageDown, PageUp key.Binding
	Filter, ClearFilter                     key.Binding
	Open, Back                              key.Binding
	New, Edit, Delete                       key.Binding
	FollowUp                                key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:      key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "archive/delete")),
		FollowUp:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "follow-up")),
	}
}

// filterKeys work while typing a list's filter.
type filterKeys struct {
	Keep, Clear key.Binding
}

func newFilterKeys() filterKeys {
	return filterKeys{
		Keep:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// itemKeys act on accounts and people (and Today's items).
type itemKeys struct {
	Note, Touch, Health key.Binding
	// Map opens the account's relationship map.
	Map key.Binding
}

func newItemKeys() itemKeys {
	return itemKeys{
		Note:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "note")),
		Touch:  key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "log touch")),
		Health: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "health check")),
		Map:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "relationship map")),
	}
}

// accountKeys are the Accounts pane's own.
type accountKeys struct {
	Sort, Portfolio, PortfolioClose, Archived key.Binding
	// Why unfolds the score's parts and formula in the dossier.
	Why key.Binding
}

func newAccountKeys() accountKeys {
	return accountKeys{
		Sort:           key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort")),
		Portfolio:      key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "portfolio")),
		PortfolioClose: key.NewBinding(key.WithKeys("esc", "P"), key.WithHelp("esc/P", "back to the list")),
		Archived:       key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "show archived")),
		Why:            key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why this rank")),
	}
}

// followUpKeys act on follow-ups (Follow-ups pane and Today).
type followUpKeys struct {
	Done, Snooze, ShowDone, FollowUp key.Binding
}

func newFollowUpKeys() followUpKeys {
	return followUpKeys{
		Done:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "done")),
		Snooze:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "snooze")),
		ShowDone: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "show done")),
		FollowUp: newListKeys().FollowUp,
	}
}

// briefKeys are the Briefs pane's own, with its board's and preview's.
type briefKeys struct {
	Next, Prev, Stage, Reopen, Board, Preview, Write, Drop, Sign, Archived key.Binding
	// The board moves across stages with BoardLeft and BoardRight (up and
	// down are the list's keys); BoardMove labels all four in the footer.
	BoardLeft, BoardRight, BoardMove, BoardClose key.Binding
	// The preview closes with Close, and Space pages it down; Scroll and
	// Page label its moves.
	Close, Space, Scroll, Page key.Binding
	// NextVersion and PrevVersion cycle the preview through the brief's
	// versions: the client's, each linked person's, the internal one.
	NextVersion, PrevVersion key.Binding
	// MoreKeys points to the full help where the footer is too narrow.
	MoreKeys key.Binding
}

func newBriefKeys() briefKeys {
	return briefKeys{
		Next:        key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "next stage")),
		Prev:        key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "previous stage")),
		Stage:       key.NewBinding(key.WithKeys(">", "<"), key.WithHelp(">/<", "stage")),
		Reopen:      key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reopen")),
		Board:       key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "board")),
		Preview:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "preview")),
		Write:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write .md")),
		Drop:        key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "drop")),
		Sign:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "checks")),
		Archived:    newAccountKeys().Archived,
		BoardLeft:   key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "stage left")),
		BoardRight:  key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "stage right")),
		BoardMove:   key.NewBinding(key.WithKeys("h", "j", "k", "l"), key.WithHelp("h/j/k/l", "move")),
		BoardClose:  key.NewBinding(key.WithKeys("b", "esc"), key.WithHelp("b/esc", "list")),
		Close:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Space:       key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "page down")),
		Scroll:      key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "scroll")),
		Page:        key.NewBinding(key.WithKeys("pgdown", "pgup"), key.WithHelp("pgdn/pgup", "page")),
		MoreKeys:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		NextVersion: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next version")),
		PrevVersion: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous version")),
	}
}

// formKeys work inside a form; Cycle steps through a closed set's
// choices, as Space does in one left empty.
type formKeys struct {
	Next, Prev, Save, Cancel, Editor, Cycle, Space key.Binding
	// Submit saves a form of one line, as a prompt does.
	Submit key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Editor: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "$EDITOR")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
		Space:  key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "first choice")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
	}
}

// confirmKeys answer a yes/no question; Restore is the third answer to
// deleting an archived item.
type confirmKeys struct {
	Yes, No, Restore key.Binding
}

func newConfirmKeys() confirmKeys {
	return confirmKeys{
		Yes:     key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:      key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
		Restore: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restore")),
	}
}

// itemKeysT are the keys on a dossier's items: j/k move between them
// (Move labels them), enter opens one, P pins a note.
type itemKeysT struct {
	Move, Open, Pin key.Binding
}

func newDossierItemKeys() itemKeysT {
	return itemKeysT{
		Move: key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "items")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open item")),
		Pin:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pin/unpin note")),
	}
}

// todayKeys are Today's own bindings.
type todayKeys struct {
	Open, Move       key.Binding
	NextSec, PrevSec key.Binding
}

func newTodayKeys() todayKeys {
	return todayKeys{
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		// Move only labels j/k and the arrows in the footer, which is short
		// of room; the list keys do the moving.
		Move:    key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "move")),
		NextSec: key.NewBinding(key.WithKeys("]", "}"), key.WithHelp("]", "next section")),
		PrevSec: key.NewBinding(key.WithKeys("[", "{"), key.WithHelp("[", "previous section")),
	}
}

// prepKeys open a prep sheet (of a person, an account or a meeting) and
// act in it; it scrolls with the list's keys.
type prepKeys struct {
	Prep, Write, Close key.Binding
}

func newPrepKeys() prepKeys {
	return prepKeys{
		Prep:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "prep sheet")),
		Write: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write .md")),
		Close: key.NewBinding(key.WithKeys("esc", "m"), key.WithHelp("esc", "close")),
	}
}

// finderKeys are quick find's and the scope picker's; enter and esc say
// what they do there.
type finderKeys struct{ Up, Down, Open, Close key.Binding }

func newFinderKeys(open, close string) finderKeys {
	return finderKeys{
		Up:    key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:  key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", open)),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", close)),
	}
}

// bindings is a help.KeyMap over a fixed list of bindings.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }

// snoozeKeys answer the snooze prompt.
type snoozeKeys struct {
	Enter, Cancel key.Binding
}

func newSnoozeKeys() snoozeKeys {
	return snoozeKeys{
		Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "snooze (1d, 3d, 1w or a date)")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// keyName is how a binding's key is written in a sentence ("x", "ctrl+k"),
// so a status line that names a key names the one the binding has.
func keyName(b key.Binding) string {
	if k := b.Help().Key; k != "" {
		return k
	}
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return ""
}
