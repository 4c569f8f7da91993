package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"rapport/model"
)

// An account's org chart, read as much as a screen shows: an account of
// twenty people is drawn whole, one of 10,000 as its top with true counts
// of everything left out.

// ChartReq bounds the part of an org chart OrgChart reads.
type ChartReq struct {
	Rows    int // people in all (at most MaxPage)
	PerBoss int // people under any one person, and at the top
}

// ChartRow is one person of an org chart.
type ChartRow struct {
	Person  model.Person
	Depth   int // 0 at the top
	Reports int // their current direct reports, all of them
	Shown   int // of those, how many the chart holds (right after them, depth first)
}

// OrgChart is the top of an account's org chart, depth first and by name
// under each person. What it leaves out is counted: Reports-Shown under
// each row, Top-TopShown at the top.
type OrgChart struct {
	Rows     []ChartRow
	People   int // the account's current people
	Top      int // those of them who report to nobody current
	TopShown int
}

// chartDepth stops a walk down a chart that loops (checkReportsTo keeps
// loops out; an imported file might not).
const chartDepth = 8

// chartCols are a person's columns and their current reports' count.
const chartCols = personCols + `, (SELECT count(*) FROM person r WHERE r.reports_to_id = p.id AND r.archived_at IS NULL)`

// chartWhole is the most people an account may have for its chart to be
// read in one query and put together here; a larger one is read a boss at
// a time, as far as the chart goes.
var chartWhole = 300

// OrgChart reads the top of an account's org chart: the people at the top
// (nobody current above them), each followed by their reports, depth first,
// at most req.PerBoss under anyone and req.Rows in all.
func (s *Store) OrgChart(ctx context.Context, accountID int64, req ChartReq) (OrgChart, error) {
	var c OrgChart
	req.Rows = min(max(req.Rows, 1), MaxPage)
	req.PerBoss = min(max(req.PerBoss, 1), req.Rows)
	err := s.read(ctx, fmt.Sprintf("org chart of account %d", accountID), func(tx *sql.Tx) error {
		var err error
		live := PersonFilter{AccountID: accountID}
		if c.People, err = live.countQuery().count(ctx, tx); err != nil {
			return err
		}
		var top []ChartRow
		var under func(boss int64, limit int) ([]ChartRow, error)
		if c.People <= chartWhole {
			top, under, err = wholeChart(ctx, tx, accountID)
			c.Top = len(top)
			top = top[:min(len(top), req.PerBoss)]
		} else {
			top, err = chartTop(ctx, tx, accountID, req.PerBoss, &c.Top)
			under = func(boss int64, limit int) ([]ChartRow, error) {
				return chartRows(ctx, tx, chartReportsWhere, []any{boss}, limit)
			}
		}
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		var walk func(rows []ChartRow, depth int) (int, error)
		walk = func(rows []ChartRow, depth int) (int, error) {
			shown := 0
			for _, r := range rows {
				if len(c.Rows) == req.Rows || seen[r.Person.ID] {
					break
				}
				seen[r.Person.ID] = true
				r.Depth = depth
				c.Rows = append(c.Rows, r)
				at := len(c.Rows) - 1
				shown++
				if r.Reports == 0 || depth+1 >= chartDepth || len(c.Rows) == req.Rows {
					continue
				}
				reports, err := under(r.Person.ID, min(req.PerBoss, req.Rows-len(c.Rows)))
				if err != nil {
					return 0, err
				}
				if c.Rows[at].Shown, err = walk(reports, depth+1); err != nil {
					return 0, err
				}
			}
			return shown, nil
		}
		c.TopShown, err = walk(top, 0)
		return err
	})
	return c, err
}

// wholeChart reads all of a small account's current people at once, by
// name: those at the top of its chart (nobody current above them), and
// under, a boss's reports among them.
func wholeChart(ctx context.Context, tx *sql.Tx, accountID int64) (top []ChartRow, under func(boss int64, limit int) ([]ChartRow, error), err error) {
	gone := map[int64]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM person WHERE account_id = ? AND archived_at IS NOT NULL", accountID)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, nil, err
		}
		gone[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	people, err := chartRows(ctx, tx, "p.account_id = ? AND p.archived_at IS NULL", []any{accountID}, chartWhole+1)
	if err != nil {
		return nil, nil, err
	}
	reports := map[int64][]ChartRow{}
	for _, r := range people {
		if boss := r.Person.ReportsToID; boss == 0 || gone[boss] {
			top = append(top, r)
		} else {
			reports[boss] = append(reports[boss], r)
		}
	}
	under = func(boss int64, limit int) ([]ChartRow, error) {
		rs := reports[boss]
		return rs[:min(len(rs), limit)], nil
	}
	return top, under, nil
}

// chartTop reads the first people at the top of an account's chart, by
// name, and counts them all into n: those who report to nobody, and those
// whose boss is archived.
func chartTop(ctx context.Context, tx *sql.Tx, accountID int64, limit int, n *int) ([]ChartRow, error) {
	var none, orphans int
	if err := tx.QueryRowContext(ctx, chartTopCount, accountID).Scan(&none, &orphans); err != nil {
		return nil, err
	}
	*n = none + orphans
	top, err := chartRows(ctx, tx, chartTopWhere, []any{accountID}, limit)
	if err != nil || orphans == 0 {
		return top, err
	}
	more, err := chartRows(ctx, tx, chartOrphansWhere, []any{accountID}, limit)
	if err != nil {
		return nil, err
	}
	top = append(top, more...)
	key := func(r ChartRow) string { return model.Fold(r.Person.Name) }
	slices.SortStableFunc(top, func(a, b ChartRow) int {
		if c := strings.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return int(a.Person.ID - b.Person.ID)
	})
	return top[:min(len(top), limit)], nil
}

// The chart's queries: the people at the top of an account's chart (those
// who report to nobody, those whose boss is archived), their counts, and a
// boss's reports.
const (
	chartTopWhere     = "p.account_id = ? AND p.reports_to_id IS NULL AND p.archived_at IS NULL"
	chartOrphansWhere = `p.archived_at IS NULL AND p.reports_to_id IN
		(SELECT gone.id FROM person gone WHERE gone.archived_at IS NOT NULL AND gone.account_id = ?)`
	chartReportsWhere = "p.reports_to_id = ? AND p.archived_at IS NULL"
	chartTopCount     = `SELECT
		(SELECT count(*) FROM person WHERE account_id = ?1 AND reports_to_id IS NULL AND archived_at IS NULL),
		(SELECT count(*) FROM person gone CROSS JOIN person p ON p.reports_to_id = gone.id
			WHERE gone.archived_at IS NOT NULL AND gone.account_id = ?1 AND p.archived_at IS NULL)`
)

// chartSQL selects people by name with their reports' count.
func chartSQL(where string) string {
	return "SELECT " + chartCols + " FROM " + personFrom + " WHERE " + where + " ORDER BY p.name_fold, p.id LIMIT ?"
}

// chartRows reads people by name with their reports' count.
func chartRows(ctx context.Context, tx *sql.Tx, where string, args []any, limit int) ([]ChartRow, error) {
	rows, err := tx.QueryContext(ctx, chartSQL(where), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ChartRow
	for rows.Next() {
		var r ChartRow
		if r.Person, err = scanPerson(rows, &r.Reports); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
