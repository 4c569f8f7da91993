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
	{"person", "person_account", "40000 20 1"}, {"person", "person_birthday", "27408 2284 82 1"},
	{"person", "person_by_name", "39056 20 1"}, {"person", "person_by_touch", "39056 28 1"},
	{"person", "person_email", "40000 1"}, {"person", "person_reports_to", "38000 4"},
	{"person", "person_touch_due", "39056 27 1 1"}, {"person", "person_archived", "944 1"}, {"person", "sqlite_autoindex_person_1", "40000 1"},
	{"touch", "sqlite_autoindex_touch_1", "200000 1"}, {"touch", "touch_account", "200000 100 1 1"},
	{"touch_person", "touch_person", "386777 2 1"}, {"touch_person", "touch_person_person", "386777 10 1"},
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
