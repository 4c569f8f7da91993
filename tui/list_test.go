package tui

import (
	"context"
	"strconv"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/store"
)

// numbers is a list of n rows (0 to n-1) read a page at a time; its count
// waits for release (or for its read to be cancelled) and says which.
type numbers struct {
	n         int
	release   chan struct{}
	cancelled chan bool
}

func newNumbers(n int) *numbers {
	return &numbers{n: n, release: make(chan struct{}), cancelled: make(chan bool, 1)}
}

func (s *numbers) load(_ context.Context, req store.PageReq) (store.Page[int], error) {
	from := 0
	switch {
	case req.After != nil:
		from = int(req.After.ID) + 1
	case req.From != nil:
		from = int(req.From.ID)
	case req.Before != nil:
		from = max(int(req.Before.ID)-req.Limit, 0)
		req.Limit = int(req.Before.ID) - from
	}
	var p store.Page[int]
	for i := from; i < s.n && len(p.Items) < req.Limit; i++ {
		p.Items = append(p.Items, i)
		p.Cursors = append(p.Cursors, store.Cursor{Key: strconv.Itoa(i), ID: int64(i)})
	}
	return p, nil
}

func (s *numbers) count(ctx context.Context) (int, error) {
	tell := func(cancelled bool) {
		select {
		case s.cancelled <- cancelled:
		default: // only the first count is asked about
		}
	}
	select {
	case <-s.release:
		tell(false)
		return s.n, nil
	case <-ctx.Done():
		tell(true)
		return 0, ctx.Err()
	}
}

// pageAndCount runs the commands of a first page: the page's and the
// count's, which a filter starts together.
func pageAndCount(t *testing.T, cmd tea.Cmd) (page, count tea.Cmd) {
	t.Helper()
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a first page starts %T, want its page and its count together", cmd())
	}
	return batch[0], batch[1]
}

// TestListShowsAPageBeforeItsCount: a filter's first page shows as soon
// as it is read, its position saying more may follow, and the count lands
// after it.
func TestListShowsAPageBeforeItsCount(t *testing.T) {
	src := newNumbers(250)
	l := newPagedList[int](paneAccounts)
	page, count := pageAndCount(t, l.setSource(src.load, src.count))
	if ok, _ := l.update(page().(pageMsg[int])); !ok || len(l.items) != pageSize {
		t.Fatalf("the first page: %d rows", len(l.items))
	}
	if got := l.position(); got != "1/100+" {
		t.Errorf("position while counting = %q, want 1/100+", got)
	}
	close(src.release)
	if ok, _ := l.update(count().(pageMsg[int])); !ok || l.total != 250 || l.counting {
		t.Fatalf("after the count: total %d, counting %v", l.total, l.counting)
	}
	if got := l.position(); got != "1/250" {
		t.Errorf("position = %q, want 1/250", got)
	}
}

// TestListCountBeforeItsPage: a count that lands first changes nothing
// shown (the rows are still the old filter's) and is applied with its page.
func TestListCountBeforeItsPage(t *testing.T) {
	old := newNumbers(40)
	l := newPagedList[int](paneAccounts)
	page, _ := pageAndCount(t, l.setSource(old.load, old.count))
	l.update(page().(pageMsg[int]))
	if l.total != 40 || l.counting {
		t.Fatalf("40 rows in one page: total %d, counting %v", l.total, l.counting)
	}

	src := newNumbers(250)
	page, count := pageAndCount(t, l.setSource(src.load, src.count))
	close(src.release)
	if ok, _ := l.update(count().(pageMsg[int])); ok || len(l.items) != 40 {
		t.Fatalf("a count before its page: applied %v, %d rows shown", ok, len(l.items))
	}
	l.update(page().(pageMsg[int]))
	if l.total != 250 || l.position() != "1/250" {
		t.Fatalf("with its page: total %d, position %q", l.total, l.position())
	}
}

// TestListShortPageIsItsCount: a first page that holds the whole list is
// its count; the count's read is cancelled.
func TestListShortPageIsItsCount(t *testing.T) {
	src := newNumbers(30)
	l := newPagedList[int](paneAccounts)
	page, count := pageAndCount(t, l.setSource(src.load, src.count))
	l.update(page().(pageMsg[int]))
	if l.total != 30 || l.counting || l.position() != "1/30" {
		t.Fatalf("one short page: total %d, counting %v, position %q", l.total, l.counting, l.position())
	}
	if ok, _ := l.update(count().(pageMsg[int])); ok || !<-src.cancelled {
		t.Fatal("the count was read to the end, not cancelled")
	}
	if l.total != 30 || l.err != nil {
		t.Fatalf("after the cancelled count: total %d, err %v", l.total, l.err)
	}
}

// TestListJumpReadsTheRowsAbove: a row opened from elsewhere is selected
// with rows above it, read beside those from it, so landing and moving up a
// little read nothing more; near the top the list starts at its first row.
func TestListJumpReadsTheRowsAbove(t *testing.T) {
	src := newNumbers(400)
	close(src.release)
	for _, c := range []struct{ at, start, rows int }{{250, 200, 100}, {30, 0, 80}, {0, 0, 50}} {
		l := newPagedList[int](paneAccounts)
		first, count := pageAndCount(t, l.setSource(src.load, src.count))
		l.update(first().(pageMsg[int]))
		l.update(count().(pageMsg[int]))
		at := c.at
		jump, count := pageAndCount(t, l.jump(func(context.Context) (store.Position, error) {
			return store.Position{Index: at, Cursor: store.Cursor{Key: strconv.Itoa(at), ID: int64(at)}}, nil
		}))
		l.update(count().(pageMsg[int]))
		_, next := l.update(jump().(pageMsg[int]))
		if v, _ := l.selected(); v != c.at || l.start != c.start || len(l.items) != c.rows || l.total != 400 {
			t.Errorf("jump to %d: selected %d, window from %d of %d rows, total %d; want from %d, %d rows", c.at, v, l.start, len(l.items), l.total, c.start, c.rows)
		}
		if up := jumpRows - margin - 1; c.start > 0 && (next != nil || l.move(-up) != nil) {
			t.Errorf("jump to %d: landing, or moving up %d rows, reads another page", c.at, up)
		}
	}
}
