package store

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rapport/model"
)

// walk reads every page of a list forward, then backward from the last
// page, and checks both give the same rows.
func walk[T any](t *testing.T, list func(PageReq) (Page[T], error), id func(T) int64) []int64 {
	t.Helper()
	var fwd []int64
	req := PageReq{Limit: 3}
	for {
		p, err := list(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p.Items {
			fwd = append(fwd, id(it))
		}
		if len(p.Items) < req.Limit {
			break
		}
		req = PageReq{After: &p.Cursors[len(p.Cursors)-1], Limit: 3}
	}
	var back []int64
	req = PageReq{Last: true, Limit: 3}
	for {
		p, err := list(req)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, len(p.Items))
		for i, it := range p.Items {
			ids[i] = id(it)
		}
		back = append(ids, back...)
		if len(p.Items) < req.Limit {
			break
		}
		req = PageReq{Before: &p.Cursors[0], Limit: 3}
	}
	if !slices.Equal(fwd, back) {
		t.Errorf("pages forward %v, backward %v", fwd, back)
	}
	return fwd
}

// TestNoteTimeline: a person's notes (and an account's) come pinned first,
// then newest first, ties by the newest id, and page by the three keys
// without losing or repeating one across the pinned edge.
func TestNoteTimeline(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	acc, _ := s.CreateAccount(ctx, model.Account{Name: "Acme"})
	p, _ := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Dana"})
	add := func(on string, pinned bool, kind model.NoteKind) int64 {
		n, err := s.CreateNote(ctx, model.Note{PersonID: p.ID, Text: on, On: model.MustDate(on), Pinned: pinned, Kind: kind})
		if err != nil {
			t.Fatal(err)
		}
		return n.ID
	}
	a := add("2024-01-01", false, model.NoteBusiness)
	b := add("2025-06-01", true, model.NotePersonal)
	c := add("2026-02-01", false, model.NotePersonal)
	d := add("2026-02-01", false, model.NoteBusiness)
	e := add("2023-03-01", true, model.NoteBusiness)
	f := add("2025-01-01", false, model.NotePersonal)
	g := add("2026-03-01", false, model.NoteInsight)
	id := func(n model.Note) int64 { return n.ID }
	for _, c := range []struct {
		name string
		f    NoteFilter
		want []int64
	}{
		{"OK", NoteFilter{PersonID: p.ID}, []int64{b, e, g, d, c, f, a}},
		{"Account", NoteFilter{AccountID: acc.ID}, []int64{b, e, g, d, c, f, a}},
		{"Kind", NoteFilter{PersonID: p.ID, Kind: model.NotePersonal}, []int64{b, c, f}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := walk(t, func(req PageReq) (Page[model.Note], error) { return s.Notes(ctx, c.f, req) }, id)
			if !slices.Equal(got, c.want) {
				t.Errorf("notes %v, want %v", got, c.want)
			}
		})
	}
}

// TestTouchTimeline: a person's touches come newest first through the day
// touch_person keeps beside them, which follows the touch's own day when
// it changes (as an import changes it) and is gone with the touch.
func TestTouchTimeline(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	acc, _ := s.CreateAccount(ctx, model.Account{Name: "Acme"})
	dana, _ := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Dana"})
	lee, _ := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Lee"})
	log := func(on string, people ...int64) int64 {
		tc, err := s.LogTouch(ctx, model.Touch{PersonIDs: people, Summary: on, Kind: model.TouchCall, On: model.MustDate(on)})
		if err != nil {
			t.Fatal(err)
		}
		return tc.ID
	}
	a := log("2025-05-01", dana.ID)
	b := log("2026-01-10", dana.ID, lee.ID)
	c := log("2024-12-24", lee.ID, dana.ID)
	d := log("2026-01-10", dana.ID)
	id := func(tc model.Touch) int64 { return tc.ID }
	list := func(f TouchFilter) []int64 {
		return walk(t, func(req PageReq) (Page[model.Touch], error) { return s.Touches(ctx, f, req) }, id)
	}
	t.Run("OK", func(t *testing.T) {
		if got, want := list(TouchFilter{PersonID: dana.ID}), []int64{d, b, a, c}; !slices.Equal(got, want) {
			t.Errorf("Dana's touches %v, want %v", got, want)
		}
		if got, want := list(TouchFilter{PersonID: lee.ID}), []int64{b, c}; !slices.Equal(got, want) {
			t.Errorf("Lee's touches %v, want %v", got, want)
		}
		if got, want := list(TouchFilter{AccountID: acc.ID}), []int64{d, b, a, c}; !slices.Equal(got, want) {
			t.Errorf("Acme's touches %v, want %v", got, want)
		}
		p, _ := s.Touches(ctx, TouchFilter{PersonID: lee.ID}, PageReq{Limit: 1})
		if len(p.Items) != 1 || len(p.Items[0].PersonNames) != 2 || p.Items[0].PersonNames[0] != "Dana" {
			t.Errorf("a touch's people: %+v", p.Items)
		}
	})
	t.Run("DayChanges", func(t *testing.T) {
		if _, err := s.db.ExecContext(ctx, "UPDATE touch SET on_date = '2026-02-01' WHERE id = ?", c); err != nil {
			t.Fatal(err)
		}
		if got, want := list(TouchFilter{PersonID: dana.ID}), []int64{c, d, b, a}; !slices.Equal(got, want) {
			t.Errorf("after moving a touch: %v, want %v", got, want)
		}
		if err := s.DeleteTouch(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got, want := list(TouchFilter{PersonID: lee.ID}), []int64{b}; !slices.Equal(got, want) {
			t.Errorf("after deleting a touch: %v, want %v", got, want)
		}
		if p, _ := s.Person(ctx, lee.ID); p.LastTouchOn.String() != "2026-01-10" {
			t.Errorf("Lee's last touch %s, want 2026-01-10", p.LastTouchOn)
		}
	})
}

// TestReportsAndChart: a boss with more reports than any page (600, at an
// account of 1,000) has them all, counted and paged; the org chart counts
// everyone it leaves out; a person whose boss is archived is at the top.
func TestReportsAndChart(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	acc, _ := s.CreateAccount(ctx, model.Account{Name: "Globex"})
	person := func(name string, boss int64) model.Person {
		p, err := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: name, ReportsToID: boss})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ceo := person("Ada Top", 0)
	boss := person("Zelda Zyx", ceo.ID) // sorts last of all
	var reports []int64
	for i := range 600 {
		reports = append(reports, person(fmt.Sprintf("Report %03d", i), boss.ID).ID)
	}
	gone := person("Gone Away", ceo.ID)
	orphan := person("Orphan Annie", gone.ID)
	for i := len(reports) + 4; i < 1000; i++ {
		person(fmt.Sprintf("Loose %03d", i), 0)
	}
	if err := s.ArchivePerson(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}

	t.Run("Reports", func(t *testing.T) {
		mine := PersonFilter{ReportsTo: boss.ID}
		if n, err := s.CountPeople(ctx, mine); err != nil || n != 600 {
			t.Fatalf("count of Zelda's reports = %d, %v; want 600", n, err)
		}
		got := walk(t, func(req PageReq) (Page[model.Person], error) { return s.People(ctx, mine, req) }, func(p model.Person) int64 { return p.ID })
		if !slices.Equal(got, reports) {
			t.Errorf("paged %d reports, want all 600 by name", len(got))
		}
		if n, _ := s.CountPeople(ctx, PersonFilter{ReportsTo: gone.ID}); n != 1 {
			t.Errorf("an archived boss's current reports: %d, want 1", n)
		}
	})
	t.Run("Chart", func(t *testing.T) {
		c, err := s.OrgChart(ctx, acc.ID, ChartReq{Rows: 40, PerBoss: 12})
		if err != nil {
			t.Fatal(err)
		}
		// At the top: Ada, Orphan Annie (her boss is archived) and the 396
		// loose people; Ada's reports are Zelda alone (Gone is archived).
		// 12 at the top, 12 under Zelda, and Zelda: 25 rows.
		if c.People != 999 || c.Top != 398 || len(c.Rows) != 25 {
			t.Fatalf("people %d, top %d, rows %d; want 999, 398, 25", c.People, c.Top, len(c.Rows))
		}
		var names []string
		for _, r := range c.Rows[:5] {
			names = append(names, fmt.Sprintf("%d %s %d/%d", r.Depth, r.Person.Name, r.Shown, r.Reports))
		}
		want := []string{"0 Ada Top 1/1", "1 Zelda Zyx 12/600", "2 Report 000 0/0", "2 Report 001 0/0", "2 Report 002 0/0"}
		if !slices.Equal(names, want) {
			t.Errorf("chart starts %q, want %q", names, want)
		}
		if r := c.Rows[14]; r.Person.Name != "Loose 604" || r.Depth != 0 {
			t.Errorf("after Zelda's first 12 reports: %+v", r)
		}
		if c.TopShown != 12 {
			t.Errorf("top shown %d, want 12", c.TopShown)
		}
		whole, err := s.OrgChart(ctx, acc.ID, ChartReq{Rows: 1000, PerBoss: 1000})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, r := range whole.Rows {
			seen[r.Person.ID] = true
		}
		if len(whole.Rows) != 999 || len(seen) != 999 || whole.TopShown != whole.Top || !seen[orphan.ID] || seen[gone.ID] {
			t.Errorf("the whole chart: %d rows, %d people, top %d of %d, orphan %v, archived %v",
				len(whole.Rows), len(seen), whole.TopShown, whole.Top, seen[orphan.ID], seen[gone.ID])
		}
	})
}

// TestMigrationFillsTouchDays: migrating a book of schema 2 gives every
// touch's people the touch's day, so their timelines are in order at once.
func TestMigrationFillsTouchDays(t *testing.T) {
	ctx := context.Background()
	defer func() { migrationFS = embeddedMigrations }()
	older := fstest.MapFS{}
	for _, name := range []string{"0001_init.sql", "0002_count_indexes.sql"} {
		b, err := fs.ReadFile(embeddedMigrations, "migrations/"+name)
		if err != nil {
			t.Fatal(err)
		}
		older["migrations/"+name] = &fstest.MapFile{Data: b}
	}
	migrationFS = older
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO account (id, uid, name, name_fold, created_at, updated_at) VALUES (1, 'a', 'Acme', 'acme', '2020-01-01', '2020-01-01')`,
		`INSERT INTO person (id, uid, account_id, name, name_fold, created_at, updated_at) VALUES (1, 'p', 1, 'Dana', 'dana', '2020-01-01', '2020-01-01')`,
		`INSERT INTO touch (id, uid, account_id, kind, on_date, summary, created_at, updated_at) VALUES
			(1, 't1', 1, 'call', '2025-03-01', 'old', '2020-01-01', '2020-01-01'),
			(2, 't2', 1, 'call', '2026-01-01', 'new', '2020-01-01', '2020-01-01'),
			(3, 't3', 1, 'call', '2024-01-01', 'older', '2020-01-01', '2020-01-01')`,
		`INSERT INTO touch_person (touch_id, person_id) VALUES (1, 1), (2, 1), (3, 1)`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	migrationFS = embeddedMigrations
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Touches(ctx, TouchFilter{PersonID: 1}, PageReq{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tc := range p.Items {
		got = append(got, tc.Summary)
	}
	if strings.Join(got, " ") != "new old older" {
		t.Errorf("Dana's touches after migrating: %q, want new old older", got)
	}
}

// TestSmallChartReadWhole: an account small enough to read whole has the
// chart the boss-at-a-time walk reads: the same rows, depths and counts,
// with bosses who are archived, people deep down, and limits that cut.
func TestSmallChartReadWhole(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	acc, _ := s.CreateAccount(ctx, model.Account{Name: "Initech"})
	other, _ := s.CreateAccount(ctx, model.Account{Name: "Umbrella"})
	person := func(name string, boss int64) int64 {
		p, err := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: name, ReportsToID: boss})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	ceo := person("Bill Lumbergh", 0)
	var bosses []int64
	for i := range 4 {
		bosses = append(bosses, person(fmt.Sprintf("Manager %d", i), ceo))
	}
	chain := bosses[0]
	for i := range chartDepth + 2 { // deeper than any chart goes
		chain = person(fmt.Sprintf("Deep %02d", i), chain)
	}
	for i := range 30 {
		person(fmt.Sprintf("Staff %02d", i), bosses[i%len(bosses)])
	}
	gone := person("Tom Smykowski", ceo)
	person("Milton Waddams", gone)
	person("Peter Gibbons", 0)
	if err := s.ArchivePerson(ctx, gone, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePerson(ctx, model.Person{AccountID: other.ID, Name: "Elsewhere"}); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { chartWhole = n }(chartWhole)
	for _, req := range []ChartReq{{Rows: 40, PerBoss: 12}, {Rows: 10, PerBoss: 3}, {Rows: 1000, PerBoss: 1000}} {
		chartWhole = 300
		whole, err := s.OrgChart(ctx, acc.ID, req)
		if err != nil {
			t.Fatal(err)
		}
		chartWhole = 0
		walked, err := s.OrgChart(ctx, acc.ID, req)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(whole, walked) {
			t.Errorf("%+v: read whole %d rows (top %d/%d), walked %d rows (top %d/%d)", req,
				len(whole.Rows), whole.TopShown, whole.Top, len(walked.Rows), walked.TopShown, walked.Top)
		}
		if req.Rows == 1000 && (whole.People != 47 || whole.Top != 3 || len(whole.Rows) != 47-4) {
			t.Errorf("the whole chart: %d people, %d at the top, %d rows; want 47, 3 and 43 (four too deep)", whole.People, whole.Top, len(whole.Rows))
		}
	}
}
