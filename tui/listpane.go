package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/store"
	"rapport/termtext"
)

// listPane is what Accounts, People, Briefs and Follow-ups share: a list
// read a page at a time beside the selected item's detail (browse), a
// filter, the account in scope, archived rows on request, one open form,
// and a yes/no question in the status line. Each pane embeds it and adds
// its own keys and its detail.
type listPane[T any] struct {
	c        *common
	id       paneID
	b        browse[T]
	ed       editorHost
	ask      *confirm
	query    string
	archived bool
	idOf     func(T) int64
	// source is how the list reads its rows for the pane's filter now.
	source func() listSource[T]
}

// listSource reads a list: its pages, its count, and where a row is in it
// (nil when the list cannot locate one).
type listSource[T any] struct {
	load   pageLoader[T]
	count  func(ctx ctxT) (int, error)
	locate func(id int64) func(ctx ctxT) (store.Position, error)
}

// sourceOf is the listSource of a store list read with filter f: its
// pages, its count and, when position is not nil, a row's place in it.
func sourceOf[T, F any](f F, pages func(ctxT, F, store.PageReq) (store.Page[T], error), count func(ctxT, F) (int, error),
	position func(ctxT, F, int64) (store.Position, error)) listSource[T] {
	src := listSource[T]{
		load:  func(ctx ctxT, req store.PageReq) (store.Page[T], error) { return pages(ctx, f, req) },
		count: func(ctx ctxT) (int, error) { return count(ctx, f) },
	}
	if position != nil {
		src.locate = func(id int64) func(ctx ctxT) (store.Position, error) {
			return func(ctx ctxT) (store.Position, error) { return position(ctx, f, id) }
		}
	}
	return src
}

func newListPane[T any](c *common, id paneID, idOf func(T) int64) listPane[T] {
	return listPane[T]{c: c, id: id, b: newBrowse[T](c, id), ed: editorHost{pane: id}, idOf: idOf}
}

// refilter sets the filter to q and reads the list again. Clearing a
// filter keeps the row it had found selected, so the full list opens there.
func (l *listPane[T]) refilter(q string) tea.Cmd {
	keep := keepOnClear(&l.b.list, l.query, q, l.idOf)
	l.query = q
	src := l.source()
	cmd := l.b.list.setSource(src.load, src.count)
	if keep != 0 && src.locate != nil {
		return l.b.list.jump(src.locate(keep))
	}
	return cmd
}

// selectInList selects the row with id wherever it is in the list; a
// filter that hides it is cleared first when asked (opening from
// elsewhere).
func (l *listPane[T]) selectInList(id int64, clearFilter bool) tea.Cmd {
	var cmds []tea.Cmd
	if clearFilter {
		l.b.stopFiltering()
		if l.query != "" {
			l.b.filter.SetValue("")
			cmds = append(cmds, l.refilter(""))
		}
	}
	if src := l.source(); src.locate != nil {
		cmds = append(cmds, l.b.list.jump(src.locate(id)))
	}
	return tea.Batch(cmds...)
}

// capturing reports whether typing goes to the pane: a form, the filter
// box or a question has the keys.
func (l *listPane[T]) capturing() bool { return l.ed.active() || l.b.capturing() || l.ask != nil }

func (l *listPane[T]) dirty() bool { return l.ed.dirty() }

// setSize sizes the list, the detail and an open form.
func (l *listPane[T]) setSize(w, h int) {
	l.b.setSize(w, h)
	if l.ed.ed != nil {
		l.ed.ed.form.setSize(w, h)
	}
}

// answer gives a key to the open question; it reports whether there was
// one.
func (l *listPane[T]) answer(msg tea.KeyMsg) (bool, tea.Cmd) {
	if l.ask == nil {
		return false, nil
	}
	done, cmd := l.ask.update(msg)
	if done {
		l.ask = nil
	}
	return true, cmd
}

// toggleArchived shows archived rows too, or hides them again.
func (l *listPane[T]) toggleArchived(what string) tea.Cmd {
	l.archived = !l.archived
	text := "Archived " + what + " hidden."
	if l.archived {
		text = "Showing archived " + what + " too."
	}
	return tea.Batch(l.refilter(l.query), status(text))
}

// followSaved follows a saved item of kind to its (new) place in the list,
// or reloads the list in place for a save of anything else.
func (l *listPane[T]) followSaved(msg savedMsg, kind store.HitKind) tea.Cmd {
	if msg.kind == kind && msg.id != 0 {
		return l.selectInList(msg.id, false)
	}
	return l.b.list.reload()
}

// overlay is the pane's own view under what covers it: an open form takes
// the pane, a question the last line.
func (l *listPane[T]) overlay(view func() string) string {
	if l.ed.active() {
		return l.ed.ed.form.view()
	}
	out := view()
	if l.ask != nil {
		return replaceLastLine(out, l.c.styles.Warn.Render(termtext.Fit(l.ask.view(), l.b.width)))
	}
	return out
}

// help is the keys of what covers the pane (a form, a question), or ok
// false when the pane's own keys apply.
func (l *listPane[T]) coverHelp() (bindings, bool) {
	switch {
	case l.ed.active():
		return l.ed.ed.form.help(), true
	case l.ask != nil:
		return l.ask.help(), true
	}
	return bindings{}, false
}

// startOnly is the help of a list with nothing selected: only what can
// start something, and esc when a filter hides every row.
func (l *listPane[T]) startOnly(own ...key.Binding) bindings {
	if l.query != "" {
		own = append([]key.Binding{l.b.keys.ClearFilter}, own...)
	}
	return bindings{short: own, full: [][]key.Binding{own}}
}
