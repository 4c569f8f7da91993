package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"time"

	"rapport/model"
)

// ImportSource is a document to import, read a kind at a time: each method
// calls fn with every record of its kind in document order, and stops at
// fn's first error. Import may read a kind more than once, and may change
// the record it is given. exchange.Document reads a JSON file so, a record
// at a time; Import wraps a model.Dataset in memory.
type ImportSource interface {
	Header() (format string, version int)
	Accounts(fn func(*model.Account) error) error
	People(fn func(*model.Person) error) error
	Notes(fn func(*model.Note) error) error
	Touches(fn func(*model.Touch) error) error
	Health(fn func(*model.HealthCheck) error) error
	Briefs(fn func(*model.Brief) error) error
	FollowUps(fn func(*model.FollowUp) error) error
	Meetings(fn func(*model.Meeting) error) error
}

// ImportOptions tunes Import.
type ImportOptions struct {
	// BatchSize is how many records are written per transaction. 0 writes
	// everything in one transaction: all or nothing. Batches keep the
	// write-ahead log small on huge documents; the document is then read
	// and checked in full first, so only a disk or lock error can stop the
	// import with some batches committed.
	BatchSize int
	// DryRun checks and counts as a real import would, in a read
	// transaction: it writes nothing and takes no write lock.
	DryRun bool
}

// ImportCount counts what an import did with one kind of record.
type ImportCount struct {
	Created, Updated, Unchanged int
}

// Total is the number of records of the kind in the document.
func (c ImportCount) Total() int { return c.Created + c.Updated + c.Unchanged }

func (c *ImportCount) add(o ImportCount) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// ImportResult counts what an import did, per kind.
type ImportResult struct {
	Accounts, People, Notes, Touches, Health, Briefs, FollowUps, Meetings ImportCount
	Warning                                                               string // something that went wrong after the records were saved
}

// Total adds up every kind.
func (r ImportResult) Total() ImportCount {
	var t ImportCount
	for _, c := range []ImportCount{r.Accounts, r.People, r.Notes, r.Touches, r.Health, r.Briefs, r.FollowUps, r.Meetings} {
		t.add(c)
	}
	return t
}

// Import writes a document held in memory into the database: ImportFrom.
func (s *Store) Import(ctx context.Context, ds model.Dataset, opt ImportOptions) (ImportResult, error) {
	return s.ImportFrom(ctx, datasetSource{&ds}, opt)
}

// ImportFrom writes a document into the database, upserting by uid: a
// record whose uid is stored is updated in place (or left alone, and
// counted unchanged, when nothing differs), any other is inserted with its
// uid and timestamps. A record without a uid gets a new one; a record
// without timestamps is stamped now (an update keeps created_at). Links
// are resolved by uid, in the document first and then in the database,
// which is asked only about the uids the document names.
//
// Every record is validated, and every link checked, as it is read; the
// first problem aborts the import — nothing is written — with a message
// naming the record and the field. The briefs' checks, people and history
// and the touches' people are replaced as a whole when their record is
// updated. Derived columns (priority scores, last touches, touch due days,
// agenda days) are recomputed for what changed, and the planner's
// statistics of the tables that changed much.
//
// An import holds the write lock until it ends; another rapport that
// writes meanwhile waits for it (saying so, see WithNotice).
func (s *Store) ImportFrom(ctx context.Context, src ImportSource, opt ImportOptions) (ImportResult, error) {
	format, version := src.Header()
	if format != "" && format != model.DatasetFormat {
		return ImportResult{}, fmt.Errorf("store: import: %w: the document's format is %s, not %q", model.ErrInvalid,
			model.Quote(format), model.DatasetFormat)
	}
	if version > model.DatasetVersion {
		return ImportResult{}, fmt.Errorf("store: import: %w: the document is version %d, from a newer rapport; this one reads up to version %d",
			model.ErrInvalid, version, model.DatasetVersion)
	}
	if opt.DryRun {
		im, err := s.runImport(ctx, src, true, 0)
		if err != nil {
			return ImportResult{}, fmt.Errorf("store: import: %w", mapErr(err))
		}
		return im.res, nil
	}
	if s.readOnly {
		return ImportResult{}, fmt.Errorf("store: import: %w", s.readOnlyErr())
	}
	release, err := s.holdImport(ctx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import: %w", mapErr(err))
	}
	defer release()
	if opt.BatchSize > 0 {
		// Batches commit as they go: check the whole document first.
		if _, err := s.runImport(ctx, src, true, 0); err != nil {
			return ImportResult{}, fmt.Errorf("store: import: %w", mapErr(err))
		}
	}
	im, err := s.runImport(ctx, src, false, opt.BatchSize)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import: %w", mapErr(err))
	}
	// The records are saved whatever happens now, so a failure is only a
	// warning.
	if err := s.analyzeChanged(ctx, im.changed); err != nil {
		im.res.Warning = "the records are saved, but the query statistics were not updated: " + model.Sentence(mapErr(err))
	}
	return im.res, nil
}

// datasetSource is a model.Dataset as an ImportSource; each record is
// handed over as a copy, so the caller's document is never changed.
type datasetSource struct{ ds *model.Dataset }

func (d datasetSource) Header() (string, int) { return d.ds.Format, d.ds.Version }
func (d datasetSource) Accounts(fn func(*model.Account) error) error {
	return eachCopy(d.ds.Accounts, fn)
}
func (d datasetSource) People(fn func(*model.Person) error) error { return eachCopy(d.ds.People, fn) }
func (d datasetSource) Notes(fn func(*model.Note) error) error    { return eachCopy(d.ds.Notes, fn) }
func (d datasetSource) Touches(fn func(*model.Touch) error) error { return eachCopy(d.ds.Touches, fn) }
func (d datasetSource) Health(fn func(*model.HealthCheck) error) error {
	return eachCopy(d.ds.Health, fn)
}
func (d datasetSource) Briefs(fn func(*model.Brief) error) error { return eachCopy(d.ds.Briefs, fn) }
func (d datasetSource) FollowUps(fn func(*model.FollowUp) error) error {
	return eachCopy(d.ds.FollowUps, fn)
}
func (d datasetSource) Meetings(fn func(*model.Meeting) error) error {
	return eachCopy(d.ds.Meetings, fn)
}

func eachCopy[T any](recs []T, fn func(*T) error) error {
	for i := range recs {
		rec := recs[i]
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// analyzeAfter is how many records of a kind an import writes before it
// gathers the planner's statistics of the kind's tables again; fewer
// change little, and statistics of a tiny book would mislead the planner
// as the book grows.
const analyzeAfter = 1000

// analyzeChanged gathers the planner's statistics again of the tables an
// import changed by at least analyzeAfter rows and a tenth of what the
// statistics last counted: a bulk load into an empty or small book, not a
// few records into a large one. The rest of the book is not read.
func (s *Store) analyzeChanged(ctx context.Context, changed map[string]int) error {
	counted := map[string]int{}
	var hasStats bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1')").Scan(&hasStats); err != nil {
		return err
	}
	if hasStats {
		rows, err := s.db.QueryContext(ctx, "SELECT tbl, stat FROM sqlite_stat1")
		if err != nil {
			return err
		}
		for rows.Next() {
			var tbl, stat string
			if err := rows.Scan(&tbl, &stat); err != nil {
				rows.Close()
				return err
			}
			var n int
			fmt.Sscan(stat, &n)
			counted[tbl] = max(counted[tbl], n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var tables []string
	for table, n := range changed {
		if n >= analyzeAfter && n*10 >= counted[table] {
			tables = append(tables, table)
		}
	}
	if len(tables) == 0 {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, table := range tables {
		for _, t := range kindTables[table] {
			if _, err := conn.ExecContext(ctx, "ANALYZE "+t); err != nil {
				return err
			}
		}
	}
	return nil
}

// kindTables are the tables a kind's records are written to.
var kindTables = map[string][]string{
	"account": {"account"}, "person": {"person"}, "note": {"note"}, "touch": {"touch", "touch_person"},
	"health_check": {"health_check"}, "brief": {"brief", "brief_check", "brief_person", "stage_change"},
	"follow_up": {"follow_up"}, "meeting": {"meeting", "meeting_attendee"},
}

// importBatch is how many records of a kind an import reads, checks and
// looks up at a time.
const importBatch = 1000

// importer carries one pass of an import over a document: a dry one
// (checks and counts in a read transaction) or one that writes.
type importer struct {
	s         *Store
	now       time.Time
	dry       bool
	batchSize int
	res       ImportResult
	c         *linkCheck
	changed   map[string]int // table → records written
	// Whether each table looked up by storedIDs was empty when the import
	// came to it.
	emptyTables map[string]bool

	conn    *sql.Conn
	tx      *preparedTx
	pending int         // records written in the current transaction
	bulk    *bulkInsert // the kind being inserted, flushed before a commit

	// People written before their boss had an id: their reports-to is set
	// once every person is in.
	bossLater []string
	// Whom the people written sway, set once every person is in (the
	// people swayed may come later in the document).
	influences []influenceSet

	// What the derived columns must be recomputed for.
	touchesChanged bool
	refreshPeople  map[int64]bool
	refreshAccount map[int64]bool // accounts whose people's cadence may have changed
}

// importBegun, when a test sets it, runs once an import holds the write
// lock.
var importBegun func()

// importCache is the page cache, in KiB, of the connection an import runs
// on: big enough that the pages an import keeps rewriting (the search index
// above all) stay in memory instead of spilling to the log again and again.
const importCache = 16 << 10

func (s *Store) runImport(ctx context.Context, src ImportSource, dry bool, batchSize int) (*importer, error) {
	im := &importer{s: s, now: s.stamp(), dry: dry, batchSize: batchSize, changed: map[string]int{}, emptyTables: map[string]bool{},
		refreshPeople: map[int64]bool{}, refreshAccount: map[int64]bool{}}
	// One connection for every batch, with a big page cache while it lasts.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var cache int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCache)); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cache))
	im.conn = conn

	if err := im.begin(ctx); err != nil {
		return nil, err
	}
	defer func() { im.tx.tx.Rollback() }()
	if importBegun != nil && !dry {
		importBegun()
	}
	im.c = newLinkCheck(txLookup{im}, im.now)
	steps := []func(context.Context, ImportSource) error{im.writeAccounts, im.writePeople, im.writeNotes, im.writeTouches,
		im.writeHealth, im.writeBriefs, im.writeFollowUps, im.writeMeetings}
	for _, step := range steps {
		if err := step(ctx, src); err != nil {
			return nil, err
		}
		im.tx.release()
	}
	if dry {
		return im, nil // the deferred rollback ends the read
	}
	if err := im.refresh(ctx); err != nil {
		return nil, err
	}
	return im, im.tx.tx.Commit()
}

func (im *importer) begin(ctx context.Context) error {
	var opts *sql.TxOptions
	if im.dry {
		opts = &sql.TxOptions{ReadOnly: true}
	}
	tx, err := im.conn.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	im.tx = &preparedTx{tx: tx, stmts: map[string]*sql.Stmt{}}
	im.pending = 0
	return nil
}

// wrote counts a written record and, at the batch size, commits (the rows
// queued for a bulk insert first) and starts the next transaction.
func (im *importer) wrote(ctx context.Context, table string) error {
	im.changed[table]++
	im.pending++
	if im.batchSize <= 0 || im.pending < im.batchSize {
		return nil
	}
	if im.bulk != nil {
		if err := im.bulk.flush(ctx); err != nil {
			return err
		}
	}
	if err := im.tx.tx.Commit(); err != nil {
		return err
	}
	return im.begin(ctx)
}

// batches reads a kind of the document a batch at a time, calling fn with
// each batch.
func batches[T any](each func(func(*T) error) error, fn func([]T) error) error {
	batch := make([]T, 0, importBatch)
	err := each(func(rec *T) error {
		batch = append(batch, *rec)
		if len(batch) < importBatch {
			return nil
		}
		err := fn(batch)
		clear(batch)
		batch = batch[:0]
		return err
	})
	if err != nil || len(batch) == 0 {
		return err
	}
	return fn(batch)
}

// txLookup answers the link check's questions in the import's transaction.
type txLookup struct{ im *importer }

// inUIDs runs a query with "IN (?…)" for each chunk of values, calling
// scan for each row.
func (l txLookup) inUIDs(ctx context.Context, query string, values []string, scan func(*sql.Rows) error) error {
	for len(values) > 0 {
		n := min(len(values), importBatch)
		args := make([]any, n)
		for i, v := range values[:n] {
			args[i] = v
		}
		rows, err := l.im.tx.tx.QueryContext(ctx, strings.Replace(query, "IN (?)", "IN ("+placeholders(n)+")", 1), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		values = values[n:]
	}
	return nil
}

func (l txLookup) accounts(ctx context.Context, uids []string) (map[string]int64, error) {
	return l.ids(ctx, "account", uids)
}

// ids returns the row ids of the uids stored in table.
func (l txLookup) ids(ctx context.Context, table string, uids []string) (map[string]int64, error) {
	out := map[string]int64{}
	err := l.inUIDs(ctx, "SELECT uid, id FROM "+table+" WHERE uid IN (?)", uids, func(r *sql.Rows) error {
		var uid string
		var id int64
		err := r.Scan(&uid, &id)
		out[uid] = id
		return err
	})
	return out, err
}

func (l txLookup) accountNames(ctx context.Context, folds []string) (map[string]string, error) {
	out := map[string]string{}
	err := l.inUIDs(ctx, "SELECT name_fold, uid FROM account WHERE name_fold IN (?)", folds, func(r *sql.Rows) error {
		var fold, uid string
		err := r.Scan(&fold, &uid)
		out[fold] = uid
		return err
	})
	return out, err
}

func (l txLookup) people(ctx context.Context, uids []string) (map[string]storedPerson, error) {
	out := map[string]storedPerson{}
	err := l.inUIDs(ctx, `SELECT p.uid, p.id, a.uid, coalesce(boss.uid, '') FROM person p JOIN account a ON a.id = p.account_id
		LEFT JOIN person boss ON boss.id = p.reports_to_id WHERE p.uid IN (?)`, uids, func(r *sql.Rows) error {
		var uid string
		var p storedPerson
		err := r.Scan(&uid, &p.id, &p.account, &p.boss)
		out[uid] = p
		return err
	})
	return out, err
}

func (l txLookup) briefs(ctx context.Context, uids []string) (map[string]storedBrief, error) {
	out := map[string]storedBrief{}
	err := l.inUIDs(ctx, "SELECT b.uid, b.id, a.uid FROM brief b JOIN account a ON a.id = b.account_id WHERE b.uid IN (?)", uids,
		func(r *sql.Rows) error {
			var uid string
			var b storedBrief
			err := r.Scan(&uid, &b.id, &b.account)
			out[uid] = b
			return err
		})
	return out, err
}

// upsert writes one record: update (which reports whether anything
// changed) when it is stored (id > 0), else insert, which queues the new
// row on the kind's bulk insert. A dry run counts what would happen; its
// update compares and its insert does nothing.
func (im *importer) upsert(ctx context.Context, c *ImportCount, table string, id int64,
	update func(id int64) (bool, error), insert func() error) error {
	if id > 0 {
		changed, err := update(id)
		if err != nil {
			return err
		}
		if !changed {
			c.Unchanged++
			return nil
		}
		c.Updated++
		if im.dry {
			return nil
		}
		return im.wrote(ctx, table)
	}
	c.Created++
	if im.dry {
		return nil
	}
	if err := insert(); err != nil {
		return err
	}
	return im.wrote(ctx, table)
}

// refresh recomputes the derived columns of what the import changed.
func (im *importer) refresh(ctx context.Context) error {
	if im.touchesChanged {
		_, err := im.tx.tx.ExecContext(ctx, `UPDATE account SET last_touch_on = v.last FROM (SELECT a.id,
			coalesce((SELECT max(t.on_date) FROM touch t WHERE t.account_id = a.id), '') AS last FROM account a) v
			WHERE v.id = account.id AND account.last_touch_on <> v.last`)
		if err != nil {
			return err
		}
	}
	for id := range im.refreshAccount {
		rows, err := im.tx.QueryContext(ctx, "SELECT id FROM person WHERE account_id = ?", id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var pid int64
			if err := rows.Scan(&pid); err != nil {
				rows.Close()
				return err
			}
			im.refreshPeople[pid] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	delete(im.refreshPeople, 0)
	if len(im.refreshPeople) == 0 {
		return nil
	}
	if len(im.refreshPeople) > 2000 {
		return im.s.refreshTouchDue(ctx, im.tx.tx, "id > ?", 0)
	}
	ids := make([]any, 0, len(im.refreshPeople))
	for id := range im.refreshPeople {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := im.s.refreshTouchDue(ctx, im.tx.tx, "id IN ("+placeholders(n)+")", ids[:n]...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// settle decides what to write for a document record whose uid is stored as
// old: missing timestamps come from old (or, when something changed, now for
// updated_at). It reports whether the record differs from old.
func settle[T any](rec *T, old T, stamps func(*T) (created, updated *time.Time), now time.Time) bool {
	created, updated := stamps(rec)
	oldCreated, oldUpdated := stamps(&old)
	if created.IsZero() {
		*created = *oldCreated
	}
	if !updated.IsZero() {
		return !reflect.DeepEqual(*rec, old)
	}
	*updated = *oldUpdated
	if reflect.DeepEqual(*rec, old) {
		return false
	}
	*updated = now
	return true
}

// stampNew fills the timestamps of a new record.
func stampNew(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = now
	}
}

func accountStamps(a *model.Account) (*time.Time, *time.Time)    { return &a.CreatedAt, &a.UpdatedAt }
func personStamps(p *model.Person) (*time.Time, *time.Time)      { return &p.CreatedAt, &p.UpdatedAt }
func noteStamps(n *model.Note) (*time.Time, *time.Time)          { return &n.CreatedAt, &n.UpdatedAt }
func touchStamps(t *model.Touch) (*time.Time, *time.Time)        { return &t.CreatedAt, &t.UpdatedAt }
func healthStamps(h *model.HealthCheck) (*time.Time, *time.Time) { return &h.CreatedAt, &h.UpdatedAt }
func briefStamps(b *model.Brief) (*time.Time, *time.Time)        { return &b.CreatedAt, &b.UpdatedAt }
func followUpStamps(f *model.FollowUp) (*time.Time, *time.Time)  { return &f.CreatedAt, &f.UpdatedAt }
func meetingStamps(m *model.Meeting) (*time.Time, *time.Time)    { return &m.CreatedAt, &m.UpdatedAt }
