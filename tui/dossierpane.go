package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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
	render func(*D) string
	// followFocus reads the selected row's dossier even while the detail
	// has the focus (Accounts: the rank beside it follows the list).
	followFocus bool
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

// redraw renders the dossier again for the current width and focus.
func (p *dossierPane[T, D]) redraw() {
	if p.dossier != nil {
		p.b.setDetail(p.dossierID(p.dossier), p.render(p.dossier))
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
	if v, sel := p.b.list.selected(); sel && (p.followFocus || !p.b.inDetail) && (p.dossier == nil || p.dossierID(p.dossier) != p.idOf(v)) {
		return true, tea.Batch(cmd, p.loadDossier(p.idOf(v)))
	}
	return true, cmd
}

// onDossier shows a dossier read for the row selected (or the one focused).
func (p *dossierPane[T, D]) onDossier(msg detailMsg[D]) tea.Cmd {
	if msg.err != nil {
		return statusErr(msg.err)
	}
	if msg.id == p.selectedID() || p.b.inDetail {
		p.dossier = msg.d
		p.b.setDetail(msg.id, p.render(msg.d))
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
		return location{pane: p.id, kind: p.kind, id: p.dossierID(p.dossier)}
	}
	return location{pane: p.id}
}

// Return comes back to at: the dossier it showed, focused again (the list
// is as it was left).
func (p *dossierPane[T, D]) Return(at location) tea.Cmd {
	if at.kind == 0 || p.b.inDetail && p.dossier != nil && p.dossierID(p.dossier) == at.id {
		return nil
	}
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
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleKey(msg, p.refilter)
	if !handled {
		return false, nil
	}
	if p.b.inDetail != wasDetail {
		p.redraw()
	}
	if changed {
		if v, ok := p.b.list.selected(); ok {
			return true, tea.Batch(cmd, p.loadDossier(p.idOf(v)))
		}
	}
	return true, cmd
}

// open shows row id's dossier with the detail focused (quick find lands
// here), clearing what covers the pane.
func (p *dossierPane[T, D]) open(id int64) tea.Cmd {
	p.ed.ed, p.ask = nil, nil
	p.b.focusDetail(true)
	return tea.Batch(p.selectInList(id, true), p.loadDossier(id))
}

// click selects the row clicked (reading its dossier) or opens it.
func (p *dossierPane[T, D]) click(x, y int) tea.Cmd {
	wasDetail := p.b.inDetail
	handled, changed, cmd := p.b.handleClick(x, y, p.b.rowAt)
	if !handled {
		return nil
	}
	if p.b.inDetail != wasDetail {
		p.redraw()
	}
	if changed {
		if v, ok := p.b.list.selected(); ok {
			return tea.Batch(cmd, p.loadDossier(p.idOf(v)))
		}
	}
	return cmd
}
