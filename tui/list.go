package tui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// pagedList is a list read from the store a page at a time. It holds a
// window of at most maxWindow rows around the selection and fetches the next
// page (by keyset cursor) before the selection reaches the window's edge, so
// moving stays instant and memory stays flat however long the list is.
type pagedList[T any] struct {
	pane    paneID // the pane its pages are for
	id      int    // tells this list's messages from other lists'
	gen     int    // bumps when the query changes; older pages are dropped
	items   []T
	cursors []store.Cursor
	start   int // absolute index of items[0]
	total   int // the rows in the list; while counting, those known so far
	sel     int // absolute index of the selection
	top     int // absolute index of the first visible row
	loading bool
	loaded  bool // the first page has arrived
	err     error
	want    int // absolute index to select when the awaited page lands (-1: none)
	load    pageLoader[T]
	count   func(ctx context.Context) (int, error)
	cancel  context.CancelFunc

	inflight pageMode // the fetch under way, while loading
	keepID   int64    // a refresh keeps this row selected when it is still in the window

	// counting is true while the list's count is read, beside its first
	// page: the page shows as soon as it is read, and a page that holds the
	// whole list is its count.
	counting    bool
	cancelCount context.CancelFunc
	early       int   // a count that landed before its page (-1: none)
	earlyErr    error // a count that failed before its page landed
}

// pageLoader reads one page; it runs inside a tea.Cmd, never in Update.
type pageLoader[T any] func(ctx context.Context, req store.PageReq) (store.Page[T], error)

type pageMode int

const (
	pageFirst pageMode = iota
	pageAfter
	pageBefore
	pageLast
	pageReload
	pageJump  // a page opened at a located row
	pageMiss  // the located row is not in the list: nothing changes
	pageCount // no rows: the list's count, read beside its page
)

// pageMsg carries a page read for a list.
type pageMsg[T any] struct {
	pane      paneID
	list, gen int
	mode      pageMode
	page      store.Page[T]
	before    store.Page[T] // pageJump: the rows before the located one, when above
	above     bool
	total     int // -1 when not counted
	at        int // pageJump: the absolute index of the located row
	err       error
}

const (
	pageSize  = 100
	maxWindow = 3 * pageSize
	jumpRows  = pageSize / 2 // read above and from a row opened from elsewhere: past margin either way
	margin    = 30           // rows from the window's edge at which the next page is fetched
)

var listIDs int

func (m pageMsg[T]) target() paneID { return m.pane }

func newPagedList[T any](pane paneID) pagedList[T] {
	listIDs++
	return pagedList[T]{pane: pane, id: listIDs, want: -1, early: -1}
}

// setSource sets what the list shows and reads its first page.
func (l *pagedList[T]) setSource(load pageLoader[T], count func(ctx context.Context) (int, error)) tea.Cmd {
	l.load, l.count = load, count
	l.gen++
	l.sel, l.top, l.want, l.total = 0, 0, -1, 0
	return l.fetch(pageFirst, store.PageReq{Limit: pageSize}, true)
}

// reload re-reads the current window in place (after an edit), keeping the
// selection where it was.
func (l *pagedList[T]) reload() tea.Cmd {
	if l.load == nil {
		return nil
	}
	l.gen++
	if len(l.cursors) == 0 {
		return l.fetch(pageFirst, store.PageReq{Limit: pageSize}, true)
	}
	if l.start == 0 {
		// From the top: a row that moved up past the first one shown (an
		// undone snooze) must come back too.
		return l.fetch(pageReload, store.PageReq{Limit: max(len(l.items), pageSize)}, true)
	}
	c := l.cursors[0]
	return l.fetch(pageReload, store.PageReq{From: &c, Limit: max(len(l.items), pageSize)}, true)
}

// reloadFor re-reads the window for msg. After a change made elsewhere the
// selection stays on its row, wherever the change moved it within the
// window, and a jump under way (quick find opening a row) is left to land.
func (l *pagedList[T]) reloadFor(msg reloadMsg) tea.Cmd {
	if !msg.fromElsewhere {
		return l.reload()
	}
	if l.loading && l.inflight == pageJump {
		return nil
	}
	if i := l.sel - l.start; i >= 0 && i < len(l.cursors) {
		l.keepID = l.cursors[i].ID
	}
	return l.reload()
}

// fetch reads a page, and the list's count when asked: the last page
// needs it to know where it starts, so it is read after that one; any
// other page shows without waiting for it, the count being read beside it.
func (l *pagedList[T]) fetch(mode pageMode, req store.PageReq, withCount bool) tea.Cmd {
	if l.cancel != nil {
		l.cancel() // a stale query (the filter changed) stops early
	}
	if withCount {
		l.stopCount() // this read counts again; a page more of the same list does not
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	l.loading, l.inflight = true, mode
	pane, id, gen, load, count := l.pane, l.id, l.gen, l.load, l.count
	apart := withCount && count != nil && mode != pageLast
	page := func() tea.Msg {
		defer cancel()
		msg := pageMsg[T]{pane: pane, list: id, gen: gen, mode: mode, total: -1}
		msg.page, msg.err = load(ctx, req)
		if msg.err == nil && withCount && count != nil && !apart {
			msg.total, msg.err = count(ctx)
		}
		return msg
	}
	if !apart {
		return page
	}
	return tea.Batch(page, l.countBeside())
}

// countBeside reads the list's count beside the page being read, into a
// message of its own.
func (l *pagedList[T]) countBeside() tea.Cmd {
	if l.count == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.counting, l.cancelCount = true, cancel
	pane, id, gen, count := l.pane, l.id, l.gen, l.count
	return func() tea.Msg {
		defer cancel()
		msg := pageMsg[T]{pane: pane, list: id, gen: gen, mode: pageCount}
		msg.total, msg.err = count(ctx)
		return msg
	}
}

// stop cancels the reads under way: the page and the count.
func (l *pagedList[T]) stop() {
	if l.cancel != nil {
		l.cancel()
	}
	l.stopCount()
}

// stopCount cancels the count under way, if any.
func (l *pagedList[T]) stopCount() {
	if l.cancelCount != nil {
		l.cancelCount()
		l.cancelCount = nil
	}
	l.counting, l.early, l.earlyErr = false, -1, nil
}

// jump selects the row locate finds, reading the pages before it and from
// it side by side, so an item opened from elsewhere (quick find) is selected
// however far down the list it is, with rows above it to move up to. A row
// the list leaves out (filtered, archived) changes nothing. The count is
// read beside them.
func (l *pagedList[T]) jump(locate func(ctx context.Context) (store.Position, error)) tea.Cmd {
	return l.jumpFrom(locate, true)
}

// jumpFrom is jump, reading the rows before the located one when above.
func (l *pagedList[T]) jumpFrom(locate func(ctx context.Context) (store.Position, error), above bool) tea.Cmd {
	if l.load == nil {
		return nil
	}
	l.stop()
	l.gen++
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	l.loading, l.inflight = true, pageJump
	pane, id, gen, load := l.pane, l.id, l.gen, l.load
	return tea.Batch(func() tea.Msg {
		defer cancel()
		msg := pageMsg[T]{pane: pane, list: id, gen: gen, mode: pageJump, total: -1, above: above}
		pos, err := locate(ctx)
		if errors.Is(err, model.ErrNotFound) {
			msg.mode = pageMiss
			return msg
		}
		if err != nil {
			msg.err = err
			return msg
		}
		msg.at = pos.Index
		var berr error
		read := make(chan struct{})
		go func() {
			defer close(read)
			if above && pos.Index > 0 {
				msg.before, berr = load(ctx, store.PageReq{Before: &pos.Cursor, Limit: jumpRows})
			}
		}()
		from := pageSize
		if above {
			from = jumpRows
		}
		msg.page, msg.err = load(ctx, store.PageReq{From: &pos.Cursor, Limit: from})
		<-read
		if msg.err == nil {
			msg.err = berr
		}
		return msg
	}, l.countBeside())
}

// update applies a page; it reports whether the message was this list's
// (a count waiting for its page is, but reports false: nothing changed).
func (l *pagedList[T]) update(msg pageMsg[T]) (bool, tea.Cmd) {
	if msg.list != l.id {
		return false, nil
	}
	if msg.gen != l.gen {
		return true, nil
	}
	if msg.mode == pageCount {
		return l.counted(msg) // not applied (false) while its page is still to come
	}
	l.loading = false
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) || strings.Contains(msg.err.Error(), "interrupt") {
			return true, nil // superseded by a newer request
		}
		l.err = msg.err
		return true, nil
	}
	l.err, l.earlyErr = l.earlyErr, nil // a count that failed meanwhile says so
	items, cursors := msg.page.Items, msg.page.Cursors
	switch msg.mode {
	case pageMiss:
		return true, l.reload() // what is shown may have changed (archived)
	case pageJump:
		if len(items) == 0 { // nothing from there on: show the end of the list
			l.want = int(^uint(0) >> 1) // clamped to the last row
			l.gen++
			return true, l.fetch(pageLast, store.PageReq{Last: true, Limit: pageSize}, true)
		}
		// The rows before the located one, then it and those after: when
		// fewer rows came before it than were asked for, the list starts
		// there, whatever the position said (a row may have come or gone).
		above := len(msg.before.Items)
		l.items = append(append([]T(nil), msg.before.Items...), items...)
		l.cursors = append(append([]store.Cursor(nil), msg.before.Cursors...), cursors...)
		l.start = max(msg.at-above, 0)
		if msg.above && above < jumpRows {
			l.start = 0
		}
		l.sel, l.top, l.want = l.start+above, -1, -1 // top -1: place the row a third down at the next view
	case pageFirst:
		l.items, l.cursors, l.start = items, cursors, 0
	case pageReload:
		l.items, l.cursors = items, cursors
		for i, c := range cursors {
			if l.keepID != 0 && c.ID == l.keepID {
				l.sel = l.start + i
			}
		}
		l.keepID = 0
	case pageLast:
		if msg.total >= 0 {
			l.total = msg.total
		}
		l.items, l.cursors, l.start = items, cursors, max(0, l.total-len(items))
	case pageAfter:
		if len(items) < pageSize {
			l.total = l.start + len(l.items) + len(items)
		}
		l.items = append(l.items, items...)
		l.cursors = append(l.cursors, cursors...)
		if over := len(l.items) - maxWindow; over > 0 && l.sel-l.start > over {
			l.items, l.cursors, l.start = l.items[over:], l.cursors[over:], l.start+over
		}
	case pageBefore:
		l.items = append(append([]T(nil), items...), l.items...)
		l.cursors = append(append([]store.Cursor(nil), cursors...), l.cursors...)
		l.start -= len(items)
		if l.start < 0 || len(items) < pageSize && l.start != 0 {
			l.start = 0
		}
		if over := len(l.items) - maxWindow; over > 0 {
			l.items, l.cursors = l.items[:len(l.items)-over], l.cursors[:len(l.cursors)-over]
		}
	}
	if msg.total >= 0 {
		l.total = msg.total
	}
	if l.early >= 0 {
		l.total, l.early = l.early, -1
	}
	if l.total < l.start+len(l.items) {
		l.total = l.start + len(l.items)
	}
	if l.counting && l.start == 0 && len(l.items) < pageSize && (msg.mode == pageFirst || msg.mode == pageReload) {
		// The page holds the whole list: that is its count.
		l.total = len(l.items)
		l.cancelCount()
		l.counting, l.cancelCount = false, nil
	}
	l.loaded = true
	if l.want >= 0 {
		l.sel, l.want = l.want, -1
	}
	l.clamp()
	return true, l.prefetch()
}

// counted applies the list's count; it reports whether the list changed.
// A count that lands before its page waits for it, as the rows shown are
// not yet the counted list's.
func (l *pagedList[T]) counted(msg pageMsg[T]) (bool, tea.Cmd) {
	if !l.counting {
		return false, nil // the page was the count
	}
	l.counting, l.cancelCount = false, nil
	if msg.err != nil {
		switch {
		case errors.Is(msg.err, context.Canceled) || strings.Contains(msg.err.Error(), "interrupt"):
			return false, nil
		case l.loading:
			l.earlyErr = msg.err // the page would clear it
			return false, nil
		}
		l.err = msg.err
		return true, nil
	}
	if l.loading {
		l.early = msg.total
		return false, nil
	}
	l.total = max(msg.total, l.start+len(l.items))
	return true, l.prefetch()
}

func (l *pagedList[T]) clamp() {
	if len(l.items) == 0 {
		l.sel = 0
		return
	}
	l.sel = min(max(l.sel, l.start), l.start+len(l.items)-1)
}

// prefetch fetches the neighbouring page when the selection nears the edge.
func (l *pagedList[T]) prefetch() tea.Cmd {
	if l.loading || len(l.items) == 0 {
		return nil
	}
	end := l.start + len(l.items)
	if end < l.total && end-l.sel <= margin {
		c := l.cursors[len(l.cursors)-1]
		return l.fetch(pageAfter, store.PageReq{After: &c, Limit: pageSize}, false)
	}
	if l.start > 0 && l.sel-l.start <= margin {
		c := l.cursors[0]
		return l.fetch(pageBefore, store.PageReq{Before: &c, Limit: pageSize}, false)
	}
	return nil
}

// move moves the selection by delta rows within what is loaded.
func (l *pagedList[T]) move(delta int) tea.Cmd {
	l.sel += delta
	l.clamp()
	return l.prefetch()
}

// first selects the first row.
func (l *pagedList[T]) first() tea.Cmd {
	if l.start == 0 {
		l.sel = 0
		return nil
	}
	l.want = 0
	return l.fetch(pageFirst, store.PageReq{Limit: pageSize}, false)
}

// keepOnClear is the id of the row to keep selected when a filter is
// cleared (from query was to ""), so the full list opens where the filter
// had found it; 0 otherwise.
func keepOnClear[T any](l *pagedList[T], was, query string, id func(T) int64) int64 {
	if was == "" || query != "" {
		return 0
	}
	if v, ok := l.selected(); ok {
		return id(v)
	}
	return 0
}

// jumpTo selects the row at absolute index at, which the caller knows
// (from a count) is the first at or after cursor c; the rows before it
// load as the selection moves up.
func (l *pagedList[T]) jumpTo(at int, c store.Cursor) tea.Cmd {
	return l.jumpFrom(func(context.Context) (store.Position, error) { return store.Position{Index: at, Cursor: c}, nil }, false)
}

// last selects the last row.
func (l *pagedList[T]) last() tea.Cmd {
	if l.start+len(l.items) >= l.total && !l.counting {
		l.sel = l.total - 1
		l.clamp()
		return nil
	}
	l.want = l.total - 1
	return l.fetch(pageLast, store.PageReq{Last: true, Limit: pageSize}, true)
}

// selected returns the selected row.
func (l *pagedList[T]) selected() (T, bool) {
	i := l.sel - l.start
	if i < 0 || i >= len(l.items) {
		var zero T
		return zero, false
	}
	return l.items[i], true
}

// settling reports whether a fetch under way will replace the rows and
// the selection (a new filter, a jump, the first or last page): the row
// selected now is not the one that will show, so its detail is not read.
func (l *pagedList[T]) settling() bool {
	return l.loading && (l.inflight == pageFirst || l.inflight == pageLast || l.inflight == pageJump)
}

// empty reports whether the list has loaded and has no rows.
func (l *pagedList[T]) empty() bool { return l.loaded && len(l.items) == 0 }

// follow scrolls so the selection shows in a window of height rows: a row
// opened from elsewhere a third of the way down, and no blank rows at the
// bottom while rows above are hidden. It runs after each change (Update,
// a resize), so that view only draws.
func (l *pagedList[T]) follow(height int) {
	if height <= 0 {
		return
	}
	if l.top < 0 {
		l.top = l.sel - height/3
	}
	l.top = min(l.top, l.start+len(l.items)-height)
	if l.sel < l.top {
		l.top = l.sel
	}
	if l.sel >= l.top+height {
		l.top = l.sel - height + 1
	}
	l.top = max(l.top, l.start)
}

// view renders the rows from the top follow chose; render draws one row at
// the given width, prev being the row above it (the zero T, ok false, for
// the first row shown).
func (l *pagedList[T]) view(width, height int, render func(v T, width int, selected bool, prev T, hasPrev bool) string) string {
	if height <= 0 {
		return ""
	}
	top := max(l.top, l.start)
	var b strings.Builder
	rows := 0
	var prev T
	for i := top; i < l.start+len(l.items) && rows < height; i++ {
		if rows > 0 {
			b.WriteByte('\n')
		}
		v := l.items[i-l.start]
		b.WriteString(render(v, width, i == l.sel, prev, rows > 0))
		prev = v
		rows++
	}
	return b.String()
}

// position is "12/20000" for the list's header.
func (l *pagedList[T]) position() string {
	if l.total == 0 && !l.counting {
		return "0"
	}
	if l.counting {
		return itoa(l.sel+1) + "/" + itoa(l.total) + "+" // the rows read so far; the count follows
	}
	return itoa(l.sel+1) + "/" + itoa(l.total)
}

// ctxT keeps loader signatures short.
type ctxT = context.Context
