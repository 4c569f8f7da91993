package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
)

// bulkRows is how many rows one bulk INSERT writes (fewer when they would
// take more parameters than SQLite allows): the fewer statements, the fewer
// times the search index is flushed and merged.
const bulkRows = 2500

// maxParams is the most parameters SQLite takes in one statement.
const maxParams = 32766

// bulkInsert queues the new rows of one table and inserts them many to a
// statement. Row by row, every INSERT into a table with a search trigger
// opens a statement savepoint, and at each one the full-text index writes
// what it holds to disk as a new segment and merges segments: most of the
// time of a big import. Many rows to a statement flush it once per
// statement. The first column is the uid.
type bulkInsert struct {
	im    *importer
	head  string // INSERT INTO t (cols) VALUES
	row   string // (?, ?, …)
	ncols int
	args  []any
	// setID, if set, learns the id of each inserted row.
	setID func(uid string, id int64)
	// after, if set, runs once the queued rows have their ids: for the
	// rows that hang off them (a touch's people, a brief's checks).
	after func(ctx context.Context, rows []insertedRow) error
}

// insertedRow is a row a bulk insert wrote.
type insertedRow struct {
	uid string
	id  int64
}

func (im *importer) newBulk(table, cols string, setID func(string, int64), after func(context.Context, []insertedRow) error) *bulkInsert {
	n := strings.Count(cols, ",") + 1
	b := &bulkInsert{im: im, head: "INSERT INTO " + table + " (" + cols + ") VALUES ", row: "(" + placeholders(n) + ")",
		ncols: n, setID: setID, after: after}
	im.bulk = b
	return b
}

// rows is how many rows go in one statement: bulkRows, fewer when that
// would take more parameters than SQLite allows.
func (b *bulkInsert) rows() int { return min(bulkRows, maxParams/b.ncols) }

// add queues one row (uid first), inserting the queue when it is full.
func (b *bulkInsert) add(ctx context.Context, args ...any) error {
	if len(args) != b.ncols {
		return fmt.Errorf("bulk insert: %d values for %d columns", len(args), b.ncols)
	}
	b.args = append(b.args, args...)
	if len(b.args)/b.ncols >= b.rows() {
		return b.flush(ctx)
	}
	return nil
}

// flush inserts the queued rows and records their ids.
func (b *bulkInsert) flush(ctx context.Context) error {
	n := len(b.args) / b.ncols
	if n == 0 {
		return nil
	}
	var q strings.Builder
	q.Grow(len(b.head) + n*(len(b.row)+1) + 20)
	q.WriteString(b.head)
	for i := range n {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString(b.row)
	}
	q.WriteString(" RETURNING uid, id")
	// A full queue is the same statement every time: prepare it once. The
	// last, shorter one of a kind is run as it is.
	var rows *sql.Rows
	var err error
	if n == b.rows() {
		rows, err = b.im.tx.QueryContext(ctx, q.String(), b.args...)
	} else {
		rows, err = b.im.tx.tx.QueryContext(ctx, q.String(), b.args...)
	}
	if err != nil {
		return err
	}
	var done []insertedRow
	if b.after != nil {
		done = make([]insertedRow, 0, n)
	}
	for rows.Next() {
		var r insertedRow
		if err := rows.Scan(&r.uid, &r.id); err != nil {
			rows.Close()
			return err
		}
		if b.setID != nil {
			b.setID(r.uid, r.id)
		}
		if b.after != nil {
			done = append(done, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	clear(b.args)
	b.args = b.args[:0]
	if b.after != nil {
		return b.after(ctx, done)
	}
	return nil
}

// done inserts what is left in the queue; a kind's rows are all written,
// with their ids known, before the next kind links to them.
func (b *bulkInsert) done(ctx context.Context) error {
	err := b.flush(ctx)
	b.im.bulk = nil
	return err
}

// execRows inserts rows into a table without uids (the rows that hang off
// a record); each row has ncols values. The rows go in chunks of bulkRows,
// the rest in chunks of powers of two, so a handful of statements, each
// prepared once, insert any number of rows.
func (im *importer) execRows(ctx context.Context, table, cols string, args []any) error {
	ncols := strings.Count(cols, ",") + 1
	row := "(" + placeholders(ncols) + ")"
	for len(args) > 0 {
		n, per := len(args)/ncols, min(bulkRows, maxParams/ncols)
		if n < per {
			n = 1 << (bits.Len(uint(n)) - 1)
		} else {
			n = per
		}
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.Repeat(row+",", n-1) + row
		if _, err := im.tx.ExecContext(ctx, q, args[:n*ncols]...); err != nil {
			return err
		}
		args = args[n*ncols:]
	}
	return nil
}

// preparedTx runs every statement of a transaction through a statement
// prepared once: an import runs the same few statements hundreds of
// thousands of times.
type preparedTx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (p *preparedTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	st, err := p.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = st
	return st, nil
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return p.tx.QueryRowContext(ctx, query, args...) // fails the same way, inside a *sql.Row
	}
	return st.QueryRowContext(ctx, args...)
}

// release closes the statements prepared so far: a kind's bulk
// statements, thousands of rows each, are large, and the next kind does
// not use them.
func (p *preparedTx) release() {
	for q, st := range p.stmts {
		st.Close()
		delete(p.stmts, q)
	}
}

var _ querier = (*preparedTx)(nil)
