package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// dossierPane is a listPane whose detail is a dossier: everything about the
// selected row, read by its id in a command and drawn for the width the
// detail has. Accounts and People are dossier panes.
type dossierPane[T, D any] struct {
	listPane[T]
	kind    store.HitKind // what a row is
	dossier *D
	// read reads the dossier of the row id (in a command).
	read func(ctx ctxT, id int64) (*D, error)
	// dossierID is the id of the row a dossier is about.
	dossierID func(*D) int64
	// render draws a dossier for the detail's width and focus.
	render func(*D) dpage
	// followFocus reads the selected row's dossier even while the detail
	// has the focus (Accounts: the rank beside it follows the list).
	followFocus bool
	// cursor is the item of the focused dossier the keys act on (-1: the
	// dossier's own subject); page is the dossier as last drawn.
	cursor int
	items  []dItem
	page   dcomposed
	// cursorAfter puts the cursor back once a dossier opened by Return has
	// been read (-1: none pending).
	cursorAfter int
	// prepOf opens a meeting's prep sheet over the pane (enter on one).
	prepOf func(model.Meeting) tea.Cmd
	// reading is the row whose dossier is being read for the selection
	// (0: none), so a second page or count landing meanwhile does not read
	// it again.
	reading int64
}

// detailMsg carries the dossier of the row id, read for pane.
type detailMsg[D any] struct {
	pane paneID
	id   int64
	d    *D
	err  error
}

func (m detailMsg[D]) target() paneID { return m.pane }

// loadDossier reads the dossier of row id in a command.
func (p *dossierPane[T, D]) loadDossier(id int64) tea.Cmd {
	c, pane, read := p.c, p.id, p.read
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		d, err := read(ctx, id)
		return detailMsg[D]{pane: pane, id: id, d: d, err: err}
	}
}

func (p *dossierPane[T, D]) SetSize(w, h int) {
	p.setSize(w, h)
	p.redraw()
}

// redraw renders the dossier again for the current width, focus and
// cursor, and scrolls so the cursor's item shows.
func (p *dossierPane[T, D]) redraw() {
	if p.dossier == nil {
		return
	}
	pg := p.render(p.dossier)
	p.items = pg.items
	if p.cursor >= len(p.items) || !p.b.inDetail {
		p.cursor = -1
	}
	p.page = pg.compose(p.c.styles, p.b.detailWidth()-1, p.cursor)
	p.b.setDetail(p.dossierID(p.dossier), p.page.text)
	if l := p.page.cursorLine; l >= 0 {
		vp := &p.b.detail
		if l < vp.YOffset {
			vp.SetYOffset(max(l-1, 0)) // the heading above, when there is one
		} else if l >= vp.YOffset+vp.Height {
			vp.SetYOffset(l - vp.Height + 1)
		}
	}
}

// cursorItem is the item under the cursor, if any.
func (p *dossierPane[T, D]) cursorItem() (dItem, bool) {
	if !p.b.inDetail || p.cursor < 0 || p.cursor >= len(p.items) {
		return dItem{}, false
	}
	return p.items[p.cursor], true
}

// moveCursor steps the cursor through the dossier's items; before the
// first is the dossier itself.
func (p *dossierPane[T, D]) moveCursor(to int) {
	p.cursor = min(max(to, -1), len(p.items)-1)
	p.redraw()
	if p.cursor == -1 {
		p.b.detail.GotoTop()
	}
}

// selectedID is the row the keys act on: the dossier's with the detail
// focused, else the list's selection.
func (p *dossierPane[T, D]) selectedID() int64 {
	if p.b.inDetail && p.dossier != nil {
		return p.dossierID(p.dossier)
	}
	if v, ok := p.b.list.selected(); ok {
		return p.idOf(v)
	}
	return 0
}

// onPage applies a page and reads the dossier of a newly selected row.
func (p *dossierPane[T, D]) onPage(msg pageMsg[T]) (ok bool, cmd tea.Cmd) {
	ok, cmd = p.b.list.update(msg)
	if !ok {
		return false, nil
	}
	if p.b.list.empty() && !p.b.inDetail {
		p.dossier = nil // nothing selected: no stale dossier beside the empty list
		p.b.setDetail(0, "")
	}
	if v, sel := p.b.list.selected(); sel && (p.followFocus || !p.b.inDetail) {
		return true, tea.Batch(cmd, p.readSelected(p.idOf(v)))
	}
	return true, cmd
}

// readSelected reads the dossier of the selected row id, unless it shows
// already or is being read.
func (p *dossierPane[T, D]) readSelected(id int64) tea.Cmd {
	if p.reading == id || p.dossier != nil && p.dossierID(p.dossier) == id {
		return nil
	}
	p.reading = id
	return p.loadDossier(id)
}

// onDossier shows a dossier read for the row selected (or the one focused).
func (p *dossierPane[T, D]) onDossier(msg detailMsg[D]) tea.Cmd {
	if msg.id == p.reading {
		p.reading = 0
	}
	if msg.err != nil {
		return statusErr(msg.err)
	}
	if msg.id == p.selectedID() || p.b.inDetail {
		if p.dossier == nil || p.dossierID(p.dossier) != msg.id {
			p.cursor = -1 // another dossier: the cursor starts on it
		}
		if p.cursorAfter >= 0 {
			p.cursor, p.cursorAfter = p.cursorAfter, -1
		}
		p.dossier = msg.d
		p.redraw()
	}
	return nil
}

// onSaved follows a saved item of kind to its place in the list and reads
// its dossier, or reads the shown one again after a save of anything else.
func (p *dossierPane[T, D]) onSaved(msg savedMsg, kind store.HitKind) tea.Cmd {
	cmds := []tea.Cmd{p.followSaved(msg, kind)}
	switch {
	case msg.kind == kind && msg.id != 0:
		cmds = append(cmds, p.loadDossier(msg.id))
	case p.selectedID() != 0:
		cmds = append(cmds, p.loadDossier(p.selectedID()))
	}
	return tea.Batch(cmds...)
}

// onReload reads the list's window and the dossier shown again.
func (p *dossierPane[T, D]) onReload(msg reloadMsg) tea.Cmd {
	cmds := []tea.Cmd{p.b.list.reloadFor(msg)}
	if p.dossier != nil {
		cmds = append(cmds, p.loadDossier(p.dossierID(p.dossier)))
	}
	return tea.Batch(cmds...)
}

// Where is the dossier shown with the focus on it, or the pane's list.
func (p *dossierPane[T, D]) Where() location {
	if p.b.inDetail && p.dossier != nil {
		return location{pane: p.id, kind: p.kind, id: p.dossierID(p.dossier), cursor: p.cursor}
	}
	return location{pane: p.id}
}

// Return comes back to at: the dossier it showed, focused again (the list
// is as it was left).
func (p *dossierPane[T, D]) Return(at location) tea.Cmd {
	if at.kind == 0 {
		return nil
	}
	if p.b.inDetail && p.dossier != nil && p.dossierID(p.dossier) == at.id {
		p.cursor = at.cursor
		p.redraw()
		return nil
	}
	p.cursorAfter = at.cursor
	return p.open(at.id)
}

// browseKey moves in the list, filters and switches the focus; it reports
// whether the key was one of those. The focused dossier takes the whole
// width, and a new selection's dossier is read. esc in a dossier opened
// from elsewhere goes back there.
func (p *dossierPane[T, D]) browseKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	if p.b.inDetail && !p.b.filtering && key.Matches(msg, p.b.keys.Back) {
		if cmd, ok := p.c.goBack(p.Where()); ok {
			p.b.focusDetail(false)
			p.redraw()
			return true, cmd
		}
	}
	if p.b.inDetail && !p.b.filtering && len(p.items) > 0 {
		// In a dossier with items, j and k move between them.
		k := p.b.keys
		switch {
		case key.Matches(msg, k.Down):
			p.moveCursor(p.cursor + 1)
			return true, nil
		case key.Matches(msg, k.Up):
			p.moveCursor(p.cursor - 1)
			return true, nil
		case key.Matches(msg, k.Top):
			p.moveCursor(-1)
			return true, nil
		case key.Matches(msg, k.Bottom):
			p.moveCursor(len(p.items) - 1)
			return true, nil
		}
	}
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if !handled {
		return false, nil
	}
	if p.b.inDetail != wasDetail {
		p.redraw()
	}
	// The selection's dossier, unless it shows already or the page that
	// settles the selection is still to come (onPage reads it then).
	if v, ok := p.b.list.selected(); changed && ok && !p.b.list.settling() {
		return true, tea.Batch(cmd, p.readSelected(p.idOf(v)))
	}
	return true, cmd
}

// open shows row id's dossier with the detail focused (quick find lands
// here), clearing what covers the pane.
func (p *dossierPane[T, D]) open(id int64) tea.Cmd {
	p.ed.ed, p.ask = nil, nil
	p.b.focusDetail(true)
	p.reading = id // the list's page, landing on it, need not read it again
	return tea.Batch(p.selectInList(id, true), p.loadDossier(id))
}

// click selects the row clicked (reading its dossier) or opens it; in a
// focused dossier it opens the item clicked.
func (p *dossierPane[T, D]) click(x, y int) tea.Cmd {
	if p.b.inDetail && p.dossier != nil {
		dx := x
		if !p.b.narrow() && !p.b.wide() {
			dx = x - p.b.listWidth() - 2 // the list, a space, the border
		}
		if it := p.page.itemAt(dx, y+p.b.detail.YOffset); it >= 0 {
			p.cursor = it
			p.redraw()
			return p.openItem()
		}
		if p.b.wide() || p.b.narrow() {
			return nil
		}
	}
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleClick(x, y, p.b.rowAt)
	if !handled {
		return nil
	}
	if p.b.inDetail != wasDetail {
		p.redraw()
	}
	if v, ok := p.b.list.selected(); changed && ok {
		return tea.Batch(cmd, p.readSelected(p.idOf(v)))
	}
	return cmd
}
