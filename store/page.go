package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Lists are read a page at a time with keyset pagination: a page starts after
// (or ends before) the row a Cursor marks, so reading page 500 costs what
// reading page 1 does.

// Cursor marks a row of a sorted list: its sort key and its id (and, for a
// list sorted on two columns before the id, the first of them).
type Cursor struct {
	Key  any
	ID   int64
	Lead any // the leading sort key: a note's pin
}

// PageReq asks for one page: the first, the rows after a cursor, the rows
// before a cursor, or the last page.
type PageReq struct {
	After  *Cursor
	From   *Cursor // rows at or after this one: reloads a page in place
	Before *Cursor
	Last   bool
	Limit  int
}

// DefaultPage is the page size when a request names none.
const DefaultPage = 100

// MaxPage bounds any page.
const MaxPage = 1000

// Page is one page of a list, in list order, with each row's cursor.
type Page[T any] struct {
	Items   []T
	Cursors []Cursor
}

// listSort is a list's order: a column (or expression) then id, both in the
// same direction, so a row-value comparison continues it.
type listSort struct {
	Col  string
	Desc bool
}

// pageQuery is a list query without its order and limit.
type pageQuery struct {
	Cols  string // selected columns; the sort keys and id are appended
	From  string // FROM … JOIN …
	Where []string
	Args  []any
	Sort  listSort
	// Lead, when set, is a column sorted before Sort.Col, in its direction
	// (notes: pinned, then day, then id). Sorting on plain columns rather
	// than one expression of them is what lets an index serve the order.
	Lead string
	ID   string // the id column when it is not the first table's (idCol)
}

// id is the list's id column.
func (q pageQuery) id() string {
	if q.ID != "" {
		return q.ID
	}
	return idCol(q.From)
}

// keys are the list's sort columns, id last.
func (q pageQuery) keys() []string {
	if q.Lead != "" {
		return []string{q.Lead, q.Sort.Col, q.id()}
	}
	return []string{q.Sort.Col, q.id()}
}

// cursorArgs are a cursor's values in the order of keys.
func (q pageQuery) cursorArgs(c *Cursor) []any {
	if q.Lead != "" {
		return []any{c.Lead, c.Key, c.ID}
	}
	return []any{c.Key, c.ID}
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// parentsIn is the WHERE clause of a query of the rows that hang off
// records (a touch's people, a brief's checks) that keeps those of the
// records with the given ids. With every it keeps all of them: an export
// reads the children of every record of a kind at once, more ids than one
// statement may carry.
func parentsIn(col string, ids []int64, every bool) (string, []any) {
	if every {
		return "", nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return " WHERE " + col + " IN (" + placeholders(len(ids)) + ")", args
}

func (q pageQuery) sql(req PageReq) (string, []any, bool) {
	where := slices.Clone(q.Where)
	args := slices.Clone(q.Args)
	forward := !q.Sort.Desc // ascending on the wire?
	reverse := false
	// past is the rows beyond c in list order: op ascending, descOp when
	// the list sorts descending.
	past := func(c *Cursor, op, descOp string) {
		if q.Sort.Desc {
			op = descOp
		}
		keys := q.keys()
		where = append(where, fmt.Sprintf("(%s) %s (%s)", strings.Join(keys, ", "), op, placeholders(len(keys))))
		args = append(args, q.cursorArgs(c)...)
	}
	switch {
	case req.After != nil:
		past(req.After, ">", "<")
	case req.From != nil:
		past(req.From, ">=", "<=")
	case req.Before != nil:
		past(req.Before, "<", ">")
		forward, reverse = !forward, true
	case req.Last:
		forward, reverse = !forward, true
	}
	dir := "ASC"
	if !forward {
		dir = "DESC"
	}
	keys := q.keys()
	var b strings.Builder
	fmt.Fprintf(&b, "SELECT %s, %s FROM %s", q.Cols, strings.Join(keys, ", "), q.From)
	if len(where) > 0 {
		b.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	limit := req.Limit
	if limit <= 0 {
		limit = DefaultPage
	}
	limit = min(limit, MaxPage)
	order := make([]string, len(keys))
	for i, k := range keys {
		order[i] = k + " " + dir
	}
	fmt.Fprintf(&b, " ORDER BY %s LIMIT %d", strings.Join(order, ", "), limit)
	return b.String(), args, reverse
}

// idCol is the id column of the first table in FROM ("person p" → "p.id").
func idCol(from string) string {
	f := strings.Fields(from)
	if len(f) >= 2 && !isKeyword(f[1]) {
		return f[1] + ".id"
	}
	return f[0] + ".id"
}

func isKeyword(s string) bool {
	switch strings.ToUpper(s) {
	case "JOIN", "LEFT", "INNER", "WHERE", "CROSS":
		return true
	}
	return false
}

// queryPage runs a list query; scan reads one row's columns (dest is filled
// with the sort keys and id after them: Lead when the list has one, Key, ID).
func queryPage[T any](ctx context.Context, db querier, q pageQuery, req PageReq, scan func(*sql.Rows, *Cursor) (T, error)) (Page[T], error) {
	query, args, reverse := q.sql(req)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return Page[T]{}, err
	}
	defer rows.Close()
	var p Page[T]
	for rows.Next() {
		var c Cursor
		item, err := scan(rows, &c)
		if err != nil {
			return Page[T]{}, err
		}
		p.Items = append(p.Items, item)
		p.Cursors = append(p.Cursors, c)
	}
	if err := rows.Err(); err != nil {
		return Page[T]{}, err
	}
	if reverse {
		slices.Reverse(p.Items)
		slices.Reverse(p.Cursors)
	}
	return p, nil
}

// count counts the rows of a list query.
func (q pageQuery) count(ctx context.Context, db querier) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, q.countSQL(), q.Args...).Scan(&n)
	return n, err
}

// countSQL is the statement count runs.
func (q pageQuery) countSQL() string {
	query := "SELECT count(*) FROM " + q.From
	if len(q.Where) > 0 {
		query += " WHERE " + strings.Join(q.Where, " AND ")
	}
	return query
}

// containsFold is a WHERE term matching a column against a query in any
// case of ASCII letters (LIKE).
func containsFold(col, query string) (string, any) {
	return col + ` LIKE ? ESCAPE '\'`, "%" + likeEscape(query) + "%"
}

// containsFolded is a WHERE term finding a folded query in a folded column:
// a plain search for the bytes, which costs a fraction of LIKE's pattern
// match on every row a filter's count reads.
func containsFolded(col, folded string) (string, any) {
	return "instr(" + col + ", ?) > 0", folded
}
