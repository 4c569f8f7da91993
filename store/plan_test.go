package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

// largeStats are the planner statistics ANALYZE writes for the large demo
// dataset at twice its size (2,000 accounts, 40,000 people, 400,000 notes…). With them in
// place, an empty file plans its queries as the large book would.
var largeStats = [][3]string{
	{"account", "account_by_potential", "1945 3 1"}, {"account", "account_by_revenue", "1945 5 1"},
	{"account", "account_by_score", "1945 4 1"}, {"account", "account_by_touch", "1945 17 1"},
	{"account", "account_name_fold", "2000 1"}, {"account", "account_archived", "55 1"},
	{"account", "account_by_name", "1945 1 1"}, {"brief", "brief_by_title", "20000 2 2"}, {"account", "sqlite_autoindex_account_1", "2000 1"},
	{"brief", "brief_account", "20000 10 2 1"}, {"brief", "brief_by_flow", "20000 1 1"},
	{"brief", "brief_by_stage", "20000 2858 1 1 1"}, {"brief", "brief_created", "20000 1"},
	{"brief", "sqlite_autoindex_brief_1", "20000 1"}, {"brief_person", "brief_person", "39842 2 1"},
	{"brief_person", "brief_person_person", "39842 2 1"}, {"follow_up", "follow_up_account", "9275 5 1"},
	{"follow_up", "follow_up_brief", "20178 2"}, {"follow_up", "follow_up_by_day", "100000 11 1"},
	{"follow_up", "follow_up_done", "90725 1 1"}, {"follow_up", "follow_up_open", "9275 11 1 1"},
	{"follow_up", "follow_up_person", "69900 3"}, {"follow_up", "sqlite_autoindex_follow_up_1", "100000 1"},
	{"note", "note_account", "400000 200 101 1 1"}, {"note", "note_ask", "1928 3 1 1 1"},
	{"note", "note_person", "360441 10 8 1 1"}, {"note", "sqlite_autoindex_note_1", "400000 1"},
	{"person", "person_account", "40000 20 1"}, {"person", "person_birthday", "27408 2284 82 1 1"},
	{"person", "person_by_name", "39056 20 1"}, {"person", "person_by_touch", "39056 28 1"},
	{"person", "person_email", "40000 1"}, {"person", "person_reports_to", "38000 4"},
	{"person", "person_touch_due", "39056 27 1 1"}, {"person", "person_archived", "944 1"}, {"person", "sqlite_autoindex_person_1", "40000 1"},
	{"touch", "sqlite_autoindex_touch_1", "200000 1"}, {"touch", "touch_account", "200000 100 1 1"},
	{"touch_person", "touch_person", "386777 2 1"}, {"touch_person", "touch_person_day", "386777 10 2 1"},
	{"note", "note_person_kind", "360441 10 3 2 1"}, {"person", "person_account_live", "39056 20 20 1"},
	{"person", "person_reports", "37100 5 5 1"}, {"person", "person_chart_top", "1950 1 1 1 1"},
	{"person", "person_archived_account", "944 1"}, {"person", "person_coverage", "39087 20 20 4 4 2 1 1 1 1 1"},
	{"person", "person_stance", "31130 16 16 5 2 1 1 1 1 1"}, {"person", "person_touched", "39087 20 20 2"},
	{"person", "person_filter", "39087 10 1 1"},
}

// openWithLargeStats opens an empty book that plans its queries as the
// large book would: it holds largeStats as its statistics.
func openWithLargeStats(t *testing.T, opts ...Option) *Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plans.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	for _, s := range largeStats {
		if _, err := st.db.ExecContext(ctx, "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", s[0], s[1], s[2]); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = Open(ctx, path, opts...); err != nil { // fresh connections read the statistics
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestListPlans pins the query plans of the whole-book lists on a large
// book's statistics: each reads its own index in list order and joins the
// rest by key, so a page costs the same on page 1 and page 500 and on a book
// twice as large. (A scoped list — one account's notes — may sort its few
// rows.) The lists name their joins CROSS JOIN so that SQLite keeps the
// list's own table as the outer loop: with sample statistics (stat4) from a
// book of 40,000 people it once chose to scan every account and sort all
// their people instead, 30 times slower per page.
func TestListPlans(t *testing.T) {
	st := openWithLargeStats(t)

	after := &Cursor{Key: "m", ID: 500}
	for _, c := range []struct {
		name  string
		q     pageQuery
		index string
	}{
		{"accounts by priority", AccountFilter{}.query(), "account_by_score"},
		{"accounts by last touch", AccountFilter{Sort: SortLastTouch}.query(), "account_by_touch"},
		{"accounts filtered", AccountFilter{Query: "no"}.query(), "account_by_score"},
		{"people by name", PersonFilter{}.query(), "person_by_name"},
		{"people by touch due", PersonFilter{Sort: PeopleByTouchDue}.query(), "person_touch_due"},
		{"people filtered", PersonFilter{Query: "ana"}.query(), "person_by_name"},
		{"briefs", BriefFilter{}.query(), "brief_by_flow"},
		{"open briefs", BriefFilter{Open: true}.query(), "brief_by_flow"},
		{"open follow-ups", FollowUpFilter{}.query(), "follow_up_open"},
		{"follow-ups with done ones", FollowUpFilter{Done: true}.query(), "follow_up_by_day"},
		{"an account's people", PersonFilter{AccountID: 5}.query(), "person_account"},
		{"an account's touches", TouchFilter{AccountID: 5}.query(), "touch_account"},
	} {
		for _, req := range []PageReq{{Limit: 100}, {After: after, Limit: 100}} {
			q, args, _ := c.q.sql(req)
			plan := explain(t, st, q, args)
			// A filter finds the accounts whose name matches once, in a
			// list subquery over their name index: not a scan per row.
			plan = strings.Replace(plan, "LIST SUBQUERY 1 | SCAN fa USING COVERING INDEX account_name_fold", "LIST SUBQUERY 1", 1)
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "TEMP B-TREE") || strings.Count(plan, "SCAN") > 1 ||
				(strings.Contains(plan, "SCAN") && !strings.Contains(plan, "SCAN "+strings.Fields(c.q.From)[1]+" USING INDEX")) {
				t.Errorf("%s (%+v): plan %q, want its own table read through %s in order, the rest joined by key", c.name, req, plan, c.index)
			}
		}
	}
}

func explain(t *testing.T, st *Store, q string, args []any) string {
	t.Helper()
	rows, err := st.db.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, " | ")
}

// readsRows reports whether query q, compiled, reads a column of table
// itself rather than of its indexes: a count that does reads a row for
// every one it counts. (SQLite opens the table beside a partial index that
// covers the query, but never reads it then.)
func readsRows(t *testing.T, st *Store, table, q string, args []any) bool {
	t.Helper()
	var root int
	if err := st.db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	rows, err := st.db.Query("EXPLAIN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cursors := map[int]bool{}
	reads := false
	for rows.Next() {
		var addr, p1, p2, p3, p5 int
		var op string
		var p4, comment any
		if err := rows.Scan(&addr, &op, &p1, &p2, &p3, &p4, &p5, &comment); err != nil {
			t.Fatal(err)
		}
		switch {
		case op == "OpenRead" && p2 == root:
			cursors[p1] = true
		case op == "Column" && cursors[p1]:
			reads = true
		}
	}
	return reads
}

// TestCountPlans pins the plans of the lists' counts on a large book's
// statistics: a count reads an index (of the list's own rows, or of the
// scope's), never the table, whose pages are ten times as many.
func TestCountPlans(t *testing.T) {
	st := openWithLargeStats(t)
	for _, c := range []struct {
		name string
		q    pageQuery
	}{
		{"accounts", AccountFilter{}.countQuery()},
		{"accounts filtered", AccountFilter{Query: "no"}.countQuery()},
		{"people", PersonFilter{}.countQuery()},
		{"people filtered", PersonFilter{Query: "ana"}.countQuery()},
		{"an account's people", PersonFilter{AccountID: 5, Query: "ana"}.countQuery()},
		{"briefs", BriefFilter{}.countQuery()},
		{"briefs filtered", BriefFilter{Query: "loyal"}.countQuery()},
		{"open briefs filtered", BriefFilter{Query: "loyal", Open: true}.countQuery()},
		{"briefs in a stage", BriefFilter{Stage: model.StageCreate}.countQuery()},
		{"an account's briefs", BriefFilter{AccountID: 5}.countQuery()},
		{"open follow-ups", FollowUpFilter{}.countQuery()},
		{"an account's follow-ups", FollowUpFilter{AccountID: 5}.countQuery()},
	} {
		plan := explain(t, st, c.q.countSQL(), c.q.Args)
		for _, step := range strings.Split(plan, " | ") {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, " USING ") {
				t.Errorf("%s: %s\nreads a whole table: %s", c.name, c.q.countSQL(), plan)
			}
		}
	}
}

// TestTimelinePlans pins the timelines a dossier reads — a person's notes
// (all, or of one kind), an account's notes, a person's and an account's
// touches, a boss's reports — to the indexes that hold them in their order:
// a page of someone with 50,000 notes or 20,000 touches reads its rows
// through the index and sorts nothing, from the start and after a cursor.
func TestTimelinePlans(t *testing.T) {
	st := openWithLargeStats(t)
	for _, c := range []struct {
		name  string
		q     pageQuery
		index string
	}{
		{"a person's notes", NoteFilter{PersonID: 5}.query(), "note_person "},
		{"a person's personal notes", NoteFilter{PersonID: 5, Kind: model.NotePersonal}.query(), "note_person_kind"},
		{"an account's notes", NoteFilter{AccountID: 5}.query(), "note_account"},
		{"a person's touches", TouchFilter{PersonID: 5}.query(), "touch_person_day"},
		{"an account's touches", TouchFilter{AccountID: 5}.query(), "touch_account"},
		{"a boss's reports", PersonFilter{ReportsTo: 5}.query(), "person_reports"},
		{"an account's people", PersonFilter{AccountID: 5}.query(), "person_account_live"},
	} {
		for _, req := range []PageReq{{Limit: 12}, {After: &Cursor{Lead: 0, Key: "2024-01-01", ID: 500}, Limit: 12}, {Last: true, Limit: 12}} {
			q, args, _ := c.q.sql(req)
			plan := explain(t, st, q, args)
			if !strings.Contains(plan+" ", "INDEX "+c.index) || strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "SCAN") {
				t.Errorf("%s (%+v): plan %q, want a range of %s in order, the rest joined by key", c.name, req, plan, c.index)
			}
		}
	}
}

// TestChartPlans pins the org chart's queries and the counts of people and
// reports: each reads a range of an index (counts the index alone), so the
// chart of an account of 10,000 costs the rows it shows.
func TestChartPlans(t *testing.T) {
	st := openWithLargeStats(t)
	for _, c := range []struct {
		name  string
		q     string
		args  []any
		index string
	}{
		{"the top of the chart", chartSQL(chartTopWhere), []any{5, 10}, "person_chart_top"},
		// The reports of the account's few archived people, sorted: a
		// person archived with their team still under them is rare.
		{"the people whose boss is archived", chartSQL(chartOrphansWhere), []any{5, 10}, "person_archived_account"},
		{"a boss's reports", chartSQL(chartReportsWhere), []any{5, 10}, "person_reports"},
		{"the people at the top, counted", chartTopCount, []any{5}, "person_chart_top"},
		// Either of the account's live-people indexes counts on the index
		// alone (person_account_live, or person_coverage, which leads with
		// the same two columns).
		{"an account's people, counted", PersonFilter{AccountID: 5}.countQuery().countSQL(), []any{5}, "COVERING INDEX person_"},
		{"a boss's reports, counted", PersonFilter{ReportsTo: 5}.countQuery().countSQL(), []any{5}, "COVERING INDEX person_reports"},
		// The People filter counts its matches on person_filter (name,
		// title, account), not on the table.
		{"people filtered, counted", PersonFilter{Query: "ana"}.countQuery().countSQL(), PersonFilter{Query: "ana"}.countQuery().Args, "INDEX person_filter"},
	} {
		plan := explain(t, st, c.q, c.args)
		if !strings.Contains(plan, c.index) || strings.Contains(plan, "TEMP B-TREE") && c.q != chartSQL(chartOrphansWhere) {
			t.Errorf("%s: plan %q, want %s and no sort", c.name, plan, c.index)
		}
		for _, step := range strings.Split(plan, " | ") {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, " USING ") && step != "SCAN CONSTANT ROW" {
				t.Errorf("%s: %s\nreads a whole table: %s", c.name, c.q, plan)
			}
		}
	}
}
