package tui

import (
	"context"
	"errors"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// peopleList is the People list of a real book of n people (Person 000,
// Person 001, … by name), read a page at a time; count reports whether its
// reads were cancelled.
type peopleList struct {
	st        *store.Store
	ids       []int64 // by name
	cancelled chan bool
}

func newPeopleList(t *testing.T, n int) *peopleList {
	t.Helper()
	ctx := context.Background()
	st := newTestStore(t)
	acc := model.Account{UID: model.NewUID(), Name: "Globex"}
	ds := model.Dataset{Accounts: []model.Account{acc}}
	for i := range n {
		ds.People = append(ds.People, model.Person{UID: model.NewUID(), AccountUID: acc.UID, Name: fmt.Sprintf("Person %03d", i)})
	}
	if _, err := st.Import(ctx, ds, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	pl := &peopleList{st: st, cancelled: make(chan bool, 1)}
	for c := (*store.Cursor)(nil); ; {
		p, err := st.People(ctx, store.PersonFilter{}, store.PageReq{After: c, Limit: store.MaxPage})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range p.Items {
			pl.ids = append(pl.ids, v.ID)
		}
		if len(p.Items) < store.MaxPage {
			break
		}
		c = &p.Cursors[len(p.Cursors)-1]
	}
	return pl
}

func (pl *peopleList) load(ctx context.Context, req store.PageReq) (store.Page[model.Person], error) {
	return pl.st.People(ctx, store.PersonFilter{}, req)
}

func (pl *peopleList) count(ctx context.Context) (int, error) {
	n, err := pl.st.CountPeople(ctx, store.PersonFilter{})
	select {
	case pl.cancelled <- ctx.Err() != nil:
	default: // only the first count is asked about
	}
	return n, err
}

func (pl *peopleList) locate(at int) func(context.Context) (store.Position, error) {
	return func(ctx context.Context) (store.Position, error) {
		return pl.st.PersonPosition(ctx, store.PersonFilter{}, pl.ids[at])
	}
}

// pageAndCount returns the two commands a first page starts together: the
// page's and the count's.
func pageAndCount(t *testing.T, cmd tea.Cmd) (page, count tea.Cmd) {
	t.Helper()
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a first page starts %T, want its page and its count together", cmd())
	}
	return batch[0], batch[1]
}

func apply(l *pagedList[model.Person], cmd tea.Cmd) (bool, tea.Cmd) {
	return l.update(cmd().(pageMsg[model.Person]))
}

// TestListShowsAPageBeforeItsCount: a list's first page shows as soon as
// it is read, its position saying more may follow, and its count lands
// after it.
func TestListShowsAPageBeforeItsCount(t *testing.T) {
	pl := newPeopleList(t, 250)
	l := newPagedList[model.Person](panePeople)
	page, count := pageAndCount(t, l.setSource(pl.load, pl.count))
	if ok, _ := apply(&l, page); !ok || len(l.items) != pageSize {
		t.Fatalf("the first page: %d rows", len(l.items))
	}
	if got := l.position(); got != "1/100+" {
		t.Errorf("position while counting = %q, want 1/100+", got)
	}
	if ok, _ := apply(&l, count); !ok || l.total != 250 || l.counting {
		t.Fatalf("after the count: total %d, counting %v", l.total, l.counting)
	}
	if got := l.position(); got != "1/250" {
		t.Errorf("position = %q, want 1/250", got)
	}
}

// TestListCountBeforeItsPage: a count that lands first changes nothing
// shown (the rows are still the old list's) and is applied with its page.
func TestListCountBeforeItsPage(t *testing.T) {
	pl := newPeopleList(t, 250)
	l := newPagedList[model.Person](panePeople)
	one := func(ctx context.Context, req store.PageReq) (store.Page[model.Person], error) {
		req.Limit = 1
		return pl.load(ctx, req)
	}
	page, count := pageAndCount(t, l.setSource(one, func(context.Context) (int, error) { return 1, nil }))
	apply(&l, page)
	apply(&l, count)
	if l.total != 1 || len(l.items) != 1 {
		t.Fatalf("a list of one: total %d, %d rows", l.total, len(l.items))
	}

	page, count = pageAndCount(t, l.setSource(pl.load, pl.count))
	if ok, _ := apply(&l, count); ok || len(l.items) != 1 {
		t.Fatalf("a count before its page: applied %v, %d rows shown", ok, len(l.items))
	}
	apply(&l, page)
	if l.total != 250 || l.position() != "1/250" {
		t.Fatalf("with its page: total %d, position %q", l.total, l.position())
	}
}

// TestListShortPageIsItsCount: a first page that holds the whole list is
// its count; the count's read is cancelled, and its answer changes nothing.
func TestListShortPageIsItsCount(t *testing.T) {
	pl := newPeopleList(t, 30)
	l := newPagedList[model.Person](panePeople)
	page, count := pageAndCount(t, l.setSource(pl.load, pl.count))
	apply(&l, page)
	if l.total != 30 || l.counting || l.position() != "1/30" {
		t.Fatalf("one short page: total %d, counting %v, position %q", l.total, l.counting, l.position())
	}
	if ok, _ := apply(&l, count); ok || !<-pl.cancelled {
		t.Fatal("the count was read and applied, not cancelled")
	}
	if l.total != 30 || l.err != nil {
		t.Fatalf("after the cancelled count: total %d, err %v", l.total, l.err)
	}
}

// TestListJumpReadsTheRowsAbove: a row opened from elsewhere is selected
// with rows above it, read beside those from it, so landing and moving up a
// little read nothing more; near the top the list starts at its first row.
func TestListJumpReadsTheRowsAbove(t *testing.T) {
	pl := newPeopleList(t, 400)
	for _, c := range []struct{ at, start, rows int }{{250, 200, 100}, {30, 0, 80}, {0, 0, 50}} {
		l := newPagedList[model.Person](panePeople)
		first, count := pageAndCount(t, l.setSource(pl.load, pl.count))
		apply(&l, first)
		apply(&l, count)
		jump, count := pageAndCount(t, l.jump(pl.locate(c.at)))
		apply(&l, count)
		_, next := apply(&l, jump)
		if v, _ := l.selected(); v.ID != pl.ids[c.at] || l.start != c.start || len(l.items) != c.rows || l.total != 400 {
			t.Errorf("jump to %d: selected %q, window from %d of %d rows, total %d; want from %d, %d rows", c.at, v.Name, l.start, len(l.items), l.total, c.start, c.rows)
		}
		if up := jumpRows - margin - 1; c.start > 0 && (next != nil || l.move(-up) != nil) {
			t.Errorf("jump to %d: landing, or moving up %d rows, reads another page", c.at, up)
		}
	}
}

// TestListCountOutlivesAPageMore: reading a page more of the same list
// (moving up after a jump) leaves the count under way to land.
func TestListCountOutlivesAPageMore(t *testing.T) {
	pl := newPeopleList(t, 400)
	l := newPagedList[model.Person](panePeople)
	// The list opens at a row kept from a filter just cleared: its first
	// page is read, then the jump to the row, and only then a count.
	first, _ := pageAndCount(t, l.setSource(pl.load, pl.count))
	apply(&l, first)
	jump, count := pageAndCount(t, l.jump(pl.locate(250)))
	apply(&l, jump)
	above := l.move(-(jumpRows - margin)) // to the margin: the page above is read
	if above == nil {
		t.Fatal("moving up to the margin reads nothing")
	}
	apply(&l, count) // lands while the page above is read: it waits for it
	apply(&l, above)
	if l.start != 100 || l.total != 400 || l.counting || l.position() != "231/400" {
		t.Fatalf("after the page above and the count: window from %d, total %d, position %q", l.start, l.total, l.position())
	}
}

// TestListCountFailsBeforeItsPage: a count that fails before its page
// lands is not lost when the page clears the list's error.
func TestListCountFailsBeforeItsPage(t *testing.T) {
	pl := newPeopleList(t, 250)
	l := newPagedList[model.Person](panePeople)
	failing := func(context.Context) (int, error) { return 0, errors.New("the disk is failing") }
	page, count := pageAndCount(t, l.setSource(pl.load, failing))
	apply(&l, count)
	apply(&l, page)
	if l.err == nil || l.err.Error() != "the disk is failing" || len(l.items) != pageSize {
		t.Fatalf("after the page: err %v, %d rows", l.err, len(l.items))
	}
}
