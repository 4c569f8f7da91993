package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"time"

	"rapport/model"
)

// Export and Import move the whole database as one model.Dataset: every
// record of every kind, archived ones too, linked by uid. Export reads one
// snapshot; Import upserts by uid, so importing the same document twice
// changes nothing the second time.

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// The record queries below select a record as the document holds it (links
// as uids, no derived fields) preceded by its id. Export appends an ORDER BY;
// Import appends "WHERE x.id = ?" to compare a stored record with the
// document's.

const accountDocSQL = `SELECT a.id, a.uid, a.name, a.industry, a.region, a.countries, a.tier, a.currency, a.revenue,
	a.potential, a.outlook, a.importance, a.replaceability, a.brand, a.direction, a.notes, a.archived_at, a.created_at,
	a.updated_at FROM account a`

func scanAccountDoc(sc scanner) (int64, model.Account, error) {
	var id int64
	var a model.Account
	var archived sql.NullString
	var created, updated string
	err := sc.Scan(&id, &a.UID, &a.Name, &a.Industry, &a.Region, &a.Countries, &a.Tier, &a.Currency, &a.Revenue,
		&a.Potential, &a.Outlook, &a.Importance, &a.Replaceability, &a.Brand, &a.Direction, &a.Notes, &archived,
		&created, &updated)
	a.ArchivedAt = parseTSNull(archived)
	a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
	return id, a, err
}

const personDocSQL = `SELECT p.id, p.uid, acc.uid, p.name, p.title, p.business_unit, p.location, p.email, p.phone,
	coalesce(boss.uid, ''), p.role, p.influence, p.strength, p.at_client_since, p.career_history, p.preferred_channel,
	p.cadence_days, p.receive_info, p.needs_to_show, p.bday_month, p.bday_day, p.bday_year, p.archived_at, p.created_at,
	p.updated_at FROM ` + personFrom

func scanPersonDoc(sc scanner) (int64, model.Person, error) {
	var id int64
	var p model.Person
	var since, created, updated string
	var archived sql.NullString
	err := sc.Scan(&id, &p.UID, &p.AccountUID, &p.Name, &p.Title, &p.BusinessUnit, &p.Location, &p.Email, &p.Phone,
		&p.ReportsToUID, &p.Role, &p.Influence, &p.Strength, &since, &p.CareerHistory, &p.PreferredChannel,
		&p.CadenceDays, &p.ReceiveInfo, &p.NeedsToShow, &p.Birthday.Month, &p.Birthday.Day, &p.Birthday.Year,
		&archived, &created, &updated)
	p.AtClientSince = parseDate(since)
	p.ArchivedAt = parseTSNull(archived)
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return id, p, err
}

const noteDocSQL = `SELECT n.id, n.uid, acc.uid, coalesce(p.uid, ''), n.kind, n.text, n.on_date, n.ask_after, n.asked_at,
	n.pinned, n.created_at, n.updated_at FROM ` + noteFrom

func scanNoteDoc(sc scanner) (int64, model.Note, error) {
	var id int64
	var n model.Note
	var on, ask, created, updated string
	var asked sql.NullString
	err := sc.Scan(&id, &n.UID, &n.AccountUID, &n.PersonUID, &n.Kind, &n.Text, &on, &ask, &asked, &n.Pinned,
		&created, &updated)
	n.On, n.AskAfter = parseDate(on), parseDate(ask)
	n.AskedAt = parseTSNull(asked)
	n.CreatedAt, n.UpdatedAt = parseTS(created), parseTS(updated)
	return id, n, err
}

const touchDocSQL = `SELECT t.id, t.uid, acc.uid, t.kind, t.on_date, t.summary, t.text, t.created_at, t.updated_at
	FROM touch t JOIN account acc ON acc.id = t.account_id`

func scanTouchDoc(sc scanner) (int64, model.Touch, error) {
	var id int64
	var t model.Touch
	var on, created, updated string
	err := sc.Scan(&id, &t.UID, &t.AccountUID, &t.Kind, &on, &t.Summary, &t.Text, &created, &updated)
	t.On = parseDate(on)
	t.CreatedAt, t.UpdatedAt = parseTS(created), parseTS(updated)
	return id, t, err
}

const healthDocSQL = `SELECT h.id, h.uid, acc.uid, h.on_date, h.satisfaction, h.revenue, h.note, h.created_at, h.updated_at
	FROM health_check h JOIN account acc ON acc.id = h.account_id`

func scanHealthDoc(sc scanner) (int64, model.HealthCheck, error) {
	var id int64
	var h model.HealthCheck
	var on, created, updated string
	var sat, rev sql.NullInt64
	err := sc.Scan(&id, &h.UID, &h.AccountUID, &on, &sat, &rev, &h.Note, &created, &updated)
	h.On = parseDate(on)
	if sat.Valid {
		v := int(sat.Int64)
		h.Satisfaction = &v
	}
	if rev.Valid {
		v := model.Money(rev.Int64)
		h.Revenue = &v
	}
	h.CreatedAt, h.UpdatedAt = parseTS(created), parseTS(updated)
	return id, h, err
}

const briefDocSQL = `SELECT b.id, b.uid, a.uid, b.title, b.w_who, b.w_what, b.w_where, b.w_when, b.w_why, b.target_on,
	b.value_client, b.value_us, b.stage, b.stage_since, b.archived_at, b.created_at, b.updated_at FROM ` + briefFrom

func scanBriefDoc(sc scanner) (int64, model.Brief, error) {
	var id int64
	var b model.Brief
	var target, since, created, updated string
	var archived sql.NullString
	err := sc.Scan(&id, &b.UID, &b.AccountUID, &b.Title, &b.Who, &b.What, &b.Where, &b.When, &b.Why, &target,
		&b.ValueClient, &b.ValueUs, &b.Stage, &since, &archived, &created, &updated)
	b.TargetOn = parseDate(target)
	b.StageSince = parseTS(since)
	b.ArchivedAt = parseTSNull(archived)
	b.CreatedAt, b.UpdatedAt = parseTS(created), parseTS(updated)
	b.Checks = model.DefaultChecks()
	return id, b, err
}

const followUpDocSQL = `SELECT f.id, f.uid, f.text, f.kind, f.due_on, f.due_time, coalesce(a.uid, ''), coalesce(p.uid, ''),
	coalesce(b.uid, ''), f.recurrence, f.from_completion, f.snoozed_until, f.done_at, f.created_at, f.updated_at
	FROM follow_up f LEFT JOIN account a ON a.id = f.account_id LEFT JOIN person p ON p.id = f.person_id
	LEFT JOIN brief b ON b.id = f.brief_id`

func scanFollowUpDoc(sc scanner) (int64, model.FollowUp, error) {
	var id int64
	var f model.FollowUp
	var due, recur, snoozed, created, updated string
	var done sql.NullString
	err := sc.Scan(&id, &f.UID, &f.Text, &f.Kind, &due, &f.DueTime, &f.AccountUID, &f.PersonUID, &f.BriefUID, &recur,
		&f.FromCompletion, &snoozed, &done, &created, &updated)
	f.DueOn, f.SnoozedUntil = parseDate(due), parseDate(snoozed)
	f.Recur, _ = model.ParseRecurrence(recur) // written by Recurrence.String, so it reads back
	f.DoneAt = parseTSNull(done)
	f.CreatedAt, f.UpdatedAt = parseTS(created), parseTS(updated)
	return id, f, err
}

// queryDocs runs a record query and returns the ids and records in order.
func queryDocs[T any](ctx context.Context, db querier, query string, scan func(scanner) (int64, T, error), args ...any) ([]int64, []T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	out := []T{}
	for rows.Next() {
		id, v, err := scan(rows)
		if err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		out = append(out, v)
	}
	return ids, out, rows.Err()
}

// The child queries: a WHERE clause (or nothing, for every row) goes where %s is.
const (
	touchPeopleSQL = `SELECT tp.touch_id, p.uid FROM touch_person tp JOIN person p ON p.id = tp.person_id %s
		ORDER BY tp.touch_id, tp.position, p.uid`
	briefChecksSQL = `SELECT brief_id, kind, state, by_name, on_date FROM brief_check %s`
	briefPeopleSQL = `SELECT bp.brief_id, p.uid, bp.framing FROM brief_person bp JOIN person p ON p.id = bp.person_id %s
		ORDER BY bp.brief_id, bp.position, p.uid`
	briefHistorySQL = `SELECT brief_id, from_stage, to_stage, at, note FROM stage_change %s ORDER BY brief_id, id`
)

// attachTouchPeople fills the people of touches (ids[i] is touches[i]'s id)
// with one query; where narrows it to some touches.
func attachTouchPeople(ctx context.Context, db querier, ids []int64, ts []model.Touch, where string, args ...any) error {
	at := indexOf(ids)
	rows, err := db.QueryContext(ctx, fmt.Sprintf(touchPeopleSQL, where), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid string
		if err := rows.Scan(&id, &uid); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			ts[i].PersonUIDs = append(ts[i].PersonUIDs, uid)
		}
	}
	return rows.Err()
}

// attachBriefChildren fills the checks, people and history of briefs with one
// query each; where narrows them to some briefs (it names brief_id).
func attachBriefChildren(ctx context.Context, db querier, ids []int64, bs []model.Brief, where string, args ...any) error {
	at := indexOf(ids)
	rows, err := db.QueryContext(ctx, fmt.Sprintf(briefChecksSQL, where), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var c model.Check
		var on string
		if err := rows.Scan(&id, &c.Kind, &c.State, &c.By, &on); err != nil {
			rows.Close()
			return err
		}
		c.On = parseDate(on)
		if i, ok := at[id]; ok {
			for j := range bs[i].Checks {
				if bs[i].Checks[j].Kind == c.Kind {
					bs[i].Checks[j] = c
				}
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = db.QueryContext(ctx, fmt.Sprintf(briefPeopleSQL, strings.ReplaceAll(where, "brief_id", "bp.brief_id")), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var bp model.BriefPerson
		if err := rows.Scan(&id, &bp.PersonUID, &bp.Framing); err != nil {
			rows.Close()
			return err
		}
		if i, ok := at[id]; ok {
			bs[i].People = append(bs[i].People, bp)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = db.QueryContext(ctx, fmt.Sprintf(briefHistorySQL, where), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var h model.StageChange
		var at2 string
		if err := rows.Scan(&id, &h.From, &h.To, &at2, &h.Note); err != nil {
			return err
		}
		h.At = parseTS(at2)
		if i, ok := at[id]; ok {
			bs[i].History = append(bs[i].History, h)
		}
	}
	return rows.Err()
}

func indexOf(ids []int64) map[int64]int {
	m := make(map[int64]int, len(ids))
	for i, id := range ids {
		m[id] = i
	}
	return m
}

// Export returns everything in the database — every record of every kind,
// archived ones too, with the briefs' checks, people and history and the
// touches' people — read in one snapshot, linked by uid. Each kind is in
// creation order (created_at, then uid), so equal data exports to equal
// bytes.
func (s *Store) Export(ctx context.Context) (model.Dataset, error) {
	ds := model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion}
	err := s.read(ctx, "export", func(tx *sql.Tx) error {
		const order = " ORDER BY %[1]s.created_at, %[1]s.uid"
		var err error
		if _, ds.Accounts, err = queryDocs(ctx, tx, accountDocSQL+fmt.Sprintf(order, "a"), scanAccountDoc); err != nil {
			return err
		}
		if _, ds.People, err = queryDocs(ctx, tx, personDocSQL+fmt.Sprintf(order, "p"), scanPersonDoc); err != nil {
			return err
		}
		if _, ds.Notes, err = queryDocs(ctx, tx, noteDocSQL+fmt.Sprintf(order, "n"), scanNoteDoc); err != nil {
			return err
		}
		var ids []int64
		if ids, ds.Touches, err = queryDocs(ctx, tx, touchDocSQL+fmt.Sprintf(order, "t"), scanTouchDoc); err != nil {
			return err
		}
		if err := attachTouchPeople(ctx, tx, ids, ds.Touches, ""); err != nil {
			return err
		}
		if _, ds.Health, err = queryDocs(ctx, tx, healthDocSQL+fmt.Sprintf(order, "h"), scanHealthDoc); err != nil {
			return err
		}
		if ids, ds.Briefs, err = queryDocs(ctx, tx, briefDocSQL+fmt.Sprintf(order, "b"), scanBriefDoc); err != nil {
			return err
		}
		if err := attachBriefChildren(ctx, tx, ids, ds.Briefs, ""); err != nil {
			return err
		}
		_, ds.FollowUps, err = queryDocs(ctx, tx, followUpDocSQL+fmt.Sprintf(order, "f"), scanFollowUpDoc)
		return err
	})
	if err != nil {
		return model.Dataset{}, err
	}
	return ds, nil
}

// ImportOptions tunes Import.
type ImportOptions struct {
	// BatchSize is how many records are written per transaction. 0 writes
	// everything in one transaction: all or nothing. Batches keep the
	// write-ahead log small on huge documents; a failure then keeps the
	// batches already committed (the document is validated in full first,
	// so that takes a disk or lock error).
	BatchSize int
	// DryRun validates and counts as a real import would, then rolls back.
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
	Accounts, People, Notes, Touches, Health, Briefs, FollowUps ImportCount
	Warning                                                     string // something that went wrong after the records were saved
}

// Total adds up every kind.
func (r ImportResult) Total() ImportCount {
	var t ImportCount
	for _, c := range []ImportCount{r.Accounts, r.People, r.Notes, r.Touches, r.Health, r.Briefs, r.FollowUps} {
		t.add(c)
	}
	return t
}

// Import writes a document into the database, upserting by uid: a record
// whose uid is stored is updated in place (or left alone, and counted
// unchanged, when nothing differs), any other is inserted with its uid and
// timestamps. A record without a uid gets a new one; a record without
// timestamps is stamped now (an update keeps created_at). Links are resolved
// by uid, in the document first and then in the database.
//
// Every record is validated, and every link checked, before anything is
// written; the first problem aborts the import with a message naming the
// record and the field. The briefs' checks, people and history and the
// touches' people are replaced as a whole when their record is updated.
// Derived columns (priority scores, last touches, touch due days, agenda
// days) are recomputed for what changed.
func (s *Store) Import(ctx context.Context, ds model.Dataset, opt ImportOptions) (ImportResult, error) {
	if ds.Format != "" && ds.Format != model.DatasetFormat {
		return ImportResult{}, fmt.Errorf("store: import: %w: the document's format is %q, not %q", model.ErrInvalid, ds.Format, model.DatasetFormat)
	}
	if ds.Version > model.DatasetVersion {
		return ImportResult{}, fmt.Errorf("store: import: %w: the document is version %d, from a newer rapport; this one reads up to version %d",
			model.ErrInvalid, ds.Version, model.DatasetVersion)
	}
	im := &importer{s: s, now: s.stamp(), opt: opt}
	if opt.DryRun {
		im.opt.BatchSize = 0
	}
	im.ds = model.Dataset{
		Accounts: slices.Clone(ds.Accounts), People: slices.Clone(ds.People), Notes: slices.Clone(ds.Notes),
		Touches: slices.Clone(ds.Touches), Health: slices.Clone(ds.Health), Briefs: slices.Clone(ds.Briefs),
		FollowUps: slices.Clone(ds.FollowUps),
	}
	if err := im.run(ctx); err != nil {
		return ImportResult{}, fmt.Errorf("store: import: %w", mapErr(err))
	}
	if t := im.res.Total(); !opt.DryRun && t.Created+t.Updated >= analyzeAfter {
		// The planner's statistics describe the book before the import;
		// a bulk load changes it enough to gather them again. The records
		// are saved whatever happens here, so a failure is only a warning.
		if err := s.Optimize(ctx); err != nil {
			im.res.Warning = "the records are saved, but the query statistics were not updated: " + mapErr(err).Error()
		}
	}
	return im.res, nil
}

// analyzeAfter is how many records an import writes before it gathers the
// planner's statistics again (ANALYZE); fewer change little, and statistics
// of a tiny book would mislead the planner as the book grows.
const analyzeAfter = 1000

// importer carries one import: the document (a copy, normalised in place),
// the database's uids, and the open transaction.
type importer struct {
	s   *Store
	now time.Time
	opt ImportOptions
	ds  model.Dataset
	res ImportResult

	// uid → row id of what is stored, growing as records are inserted.
	accounts, people, notes, touches, health, briefs, followUps map[string]int64
	// What the links are checked against: the database's records as they
	// will be once the document is written.
	accountName map[string]string // folded name → uid, from the database
	personAt    map[string]string // person uid → account uid
	personBoss  map[string]string // person uid → reports-to uid
	briefAt     map[string]string // brief uid → account uid

	peopleOrder []int // document people, bosses before their reports

	conn    *sql.Conn
	tx      *preparedTx
	pending int         // records written in the current transaction
	bulk    *bulkInsert // the kind being inserted, flushed before a commit

	// People written before their boss had an id: their reports-to is set
	// once every person is in.
	bossLater []string

	// What the derived columns must be recomputed for.
	touchesChanged bool
	refreshPeople  map[int64]bool
	refreshAccount map[int64]bool // accounts whose people's cadence may have changed
}

// importCache is the page cache, in KiB, of the connection an import runs
// on: big enough that the pages an import keeps rewriting (the search index
// above all) stay in memory instead of spilling to the log again and again.
const importCache = 64 << 10

func (im *importer) run(ctx context.Context) error {
	// One connection for every batch, with a big page cache while it lasts.
	conn, err := im.s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cache int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCache)); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cache))
	im.conn = conn

	if err := im.begin(ctx); err != nil {
		return err
	}
	defer func() { im.tx.tx.Rollback() }()
	if err := im.loadIndex(ctx); err != nil {
		return err
	}
	if err := im.check(); err != nil {
		return err
	}
	im.refreshPeople = map[int64]bool{}
	im.refreshAccount = map[int64]bool{}
	for _, step := range []func(context.Context) error{im.writeAccounts, im.writePeople, im.writeNotes, im.writeTouches,
		im.writeHealth, im.writeBriefs, im.writeFollowUps, im.refresh} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	if im.opt.DryRun {
		return nil // the deferred rollback undoes it all
	}
	return mapErr(im.tx.tx.Commit())
}

func (im *importer) begin(ctx context.Context) error {
	tx, err := im.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	im.tx = &preparedTx{tx: tx, stmts: map[string]*sql.Stmt{}}
	im.pending = 0
	return nil
}

// wrote counts a written record and, at the batch size, commits (the rows
// queued for a bulk insert first) and starts the next transaction.
func (im *importer) wrote(ctx context.Context) error {
	im.pending++
	if im.opt.BatchSize <= 0 || im.pending < im.opt.BatchSize {
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
// statement. The first column is the uid; the new ids go into ids.
type bulkInsert struct {
	im    *importer
	head  string // INSERT INTO t (cols) VALUES
	row   string // (?, ?, …)
	ncols int
	ids   map[string]int64
	args  []any
	// after runs once the queued rows have their ids, with their uids: for
	// the rows that hang off them (a touch's people, a brief's checks).
	after func(ctx context.Context, uids []string) error
}

func (im *importer) newBulk(table, cols string, ids map[string]int64, after func(context.Context, []string) error) *bulkInsert {
	n := strings.Count(cols, ",") + 1
	b := &bulkInsert{im: im, head: "INSERT INTO " + table + " (" + cols + ") VALUES ", row: "(" + placeholders(n) + ")",
		ncols: n, ids: ids, after: after}
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
	uids := make([]string, 0, n)
	for rows.Next() {
		var uid string
		var id int64
		if err := rows.Scan(&uid, &id); err != nil {
			rows.Close()
			return err
		}
		b.ids[uid] = id
		uids = append(uids, uid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	clear(b.args)
	b.args = b.args[:0]
	if b.after != nil {
		return b.after(ctx, uids)
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

// loadIndex reads the uids of everything stored, and what the links are
// checked against.
func (im *importer) loadIndex(ctx context.Context) error {
	uids := func(table string) (map[string]int64, error) {
		rows, err := im.tx.tx.QueryContext(ctx, "SELECT uid, id FROM "+table)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		m := map[string]int64{}
		for rows.Next() {
			var uid string
			var id int64
			if err := rows.Scan(&uid, &id); err != nil {
				return nil, err
			}
			m[uid] = id
		}
		return m, rows.Err()
	}
	var err error
	for _, t := range []struct {
		table string
		m     *map[string]int64
	}{{"note", &im.notes}, {"touch", &im.touches}, {"health_check", &im.health}, {"follow_up", &im.followUps}} {
		if *t.m, err = uids(t.table); err != nil {
			return err
		}
	}

	im.accounts, im.accountName = map[string]int64{}, map[string]string{}
	rows, err := im.tx.tx.QueryContext(ctx, "SELECT id, uid, name_fold FROM account")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var uid, fold string
		if err := rows.Scan(&id, &uid, &fold); err != nil {
			rows.Close()
			return err
		}
		im.accounts[uid], im.accountName[fold] = id, uid
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	im.people, im.personAt, im.personBoss = map[string]int64{}, map[string]string{}, map[string]string{}
	rows, err = im.tx.tx.QueryContext(ctx, `SELECT p.id, p.uid, a.uid, coalesce(boss.uid, '') FROM person p
		JOIN account a ON a.id = p.account_id LEFT JOIN person boss ON boss.id = p.reports_to_id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var uid, acc, boss string
		if err := rows.Scan(&id, &uid, &acc, &boss); err != nil {
			rows.Close()
			return err
		}
		im.people[uid], im.personAt[uid] = id, acc
		if boss != "" {
			im.personBoss[uid] = boss
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	im.briefs, im.briefAt = map[string]int64{}, map[string]string{}
	rows, err = im.tx.tx.QueryContext(ctx, "SELECT b.id, b.uid, a.uid FROM brief b JOIN account a ON a.id = b.account_id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid, acc string
		if err := rows.Scan(&id, &uid, &acc); err != nil {
			return err
		}
		im.briefs[uid], im.briefAt[uid] = id, acc
	}
	return rows.Err()
}

// recordError names the record a problem is in: "person "Dana Whit" (uid
// 3f…): email: …". It keeps the underlying error for errors.Is.
type recordError struct {
	kind, name, uid string
	err             error
}

func (e *recordError) Error() string {
	ref := "uid " + e.uid
	if e.uid == "" {
		ref = "without uid"
	}
	if e.name != "" {
		ref = fmt.Sprintf("%q (%s)", e.name, ref)
	}
	return fmt.Sprintf("%s %s: %v", e.kind, ref, e.err)
}

func (e *recordError) Unwrap() error { return e.err }

// check normalises every record of the document, validates it and checks its
// links, writing nothing. It stops at the first problem.
func (im *importer) check() error {
	ds := &im.ds
	seen := map[string]bool{}
	fresh := func(uid *string, kind string) error {
		if *uid == "" {
			*uid = model.NewUID()
			return nil
		}
		if seen[kind+"\x00"+*uid] {
			return model.Invalid("uid", "appears twice among the %s", kind)
		}
		seen[kind+"\x00"+*uid] = true
		return nil
	}

	inDoc := map[string]bool{} // account uids of the document
	docNames := map[string]string{}
	for i := range ds.Accounts {
		a := &ds.Accounts[i]
		fail := func(err error) error { return &recordError{"account", a.Name, a.UID, err} }
		if err := fresh(&a.UID, "accounts"); err != nil {
			return fail(err)
		}
		normAccount(a)
		if err := a.Validate(); err != nil {
			return fail(err)
		}
		fold := model.Fold(a.Name)
		if other, ok := docNames[fold]; ok {
			return fail(conflict("name", "another account of the document (uid %s) has the same name", other))
		}
		docNames[fold] = a.UID
		if other, ok := im.accountName[fold]; ok && other != a.UID {
			return fail(conflict("name", "the database already has an account of that name with another uid (%s); "+
				"rename one of them, or give the document's account that uid", other))
		}
		inDoc[a.UID] = true
	}
	accountKnown := func(uid string) bool { _, ok := im.accounts[uid]; return ok || inDoc[uid] }

	at := map[string]int{} // person uid → index in the document
	for i := range ds.People {
		p := &ds.People[i]
		fail := func(err error) error { return &recordError{"person", p.Name, p.UID, err} }
		if err := fresh(&p.UID, "people"); err != nil {
			return fail(err)
		}
		normPerson(p)
		if err := p.Validate(); err != nil {
			return fail(err)
		}
		if !accountKnown(p.AccountUID) {
			return fail(unknownLink("account", "account", p.AccountUID))
		}
		at[p.UID] = i
		im.personAt[p.UID] = p.AccountUID
		if p.ReportsToUID != "" {
			im.personBoss[p.UID] = p.ReportsToUID
		} else {
			delete(im.personBoss, p.UID)
		}
	}
	// The org chart: bosses exist, work at the same account, and nobody ends
	// up reporting to themselves. People are written bosses first.
	const (
		unseen = iota
		walking
		done
	)
	state := make(map[string]int, len(ds.People))
	im.peopleOrder = make([]int, 0, len(ds.People))
	var visit func(i int) error
	visit = func(i int) error {
		p := &ds.People[i]
		state[p.UID] = walking
		if boss := p.ReportsToUID; boss != "" {
			fail := func(err error) error { return &recordError{"person", p.Name, p.UID, err} }
			bossAt, ok := im.personAt[boss]
			switch {
			case !ok:
				return fail(unknownLink("reports to", "person", boss))
			case boss == p.UID:
				return fail(model.Invalid("reports to", "a person cannot report to themselves"))
			case bossAt != p.AccountUID:
				return fail(model.Invalid("reports to", "%s works at another account", boss))
			}
			if j, inDoc := at[boss]; inDoc {
				switch state[boss] {
				case walking:
					return fail(model.Invalid("reports to", "that makes a reporting loop"))
				case unseen:
					if err := visit(j); err != nil {
						return err
					}
				}
			} else if loops(im.personBoss, p.UID) {
				return fail(model.Invalid("reports to", "that makes a reporting loop"))
			}
		}
		state[p.UID] = done
		im.peopleOrder = append(im.peopleOrder, i)
		return nil
	}
	for i := range ds.People {
		if state[ds.People[i].UID] == unseen {
			if err := visit(i); err != nil {
				return err
			}
		}
	}

	for i := range ds.Notes {
		n := &ds.Notes[i]
		fail := func(err error) error { return &recordError{"note", "", n.UID, err} }
		if err := fresh(&n.UID, "notes"); err != nil {
			return fail(err)
		}
		normNote(n)
		if n.PersonUID != "" {
			acc, ok := im.personAt[n.PersonUID]
			if !ok {
				return fail(unknownLink("person", "person", n.PersonUID))
			}
			if n.AccountUID == "" {
				n.AccountUID = acc
			} else if n.AccountUID != acc {
				return fail(model.Invalid("account", "the note's person works at account %s, not %s", acc, n.AccountUID))
			}
		}
		if err := n.Validate(); err != nil {
			return fail(err)
		}
		if !accountKnown(n.AccountUID) {
			return fail(unknownLink("account", "account", n.AccountUID))
		}
	}

	for i := range ds.Touches {
		t := &ds.Touches[i]
		fail := func(err error) error { return &recordError{"touch", t.Summary, t.UID, err} }
		if err := fresh(&t.UID, "touches"); err != nil {
			return fail(err)
		}
		normTouch(t)
		twice := map[string]bool{}
		for _, uid := range t.PersonUIDs {
			acc, ok := im.personAt[uid]
			if !ok {
				return fail(unknownLink("people", "person", uid))
			}
			if twice[uid] {
				return fail(model.Invalid("people", "%s is listed twice", uid))
			}
			twice[uid] = true
			if t.AccountUID == "" {
				t.AccountUID = acc // as LogTouch does: the first person's account
			}
		}
		if err := t.Validate(); err != nil {
			return fail(err)
		}
		if !accountKnown(t.AccountUID) {
			return fail(unknownLink("account", "account", t.AccountUID))
		}
	}

	for i := range ds.Health {
		h := &ds.Health[i]
		fail := func(err error) error { return &recordError{"health check", h.On.String(), h.UID, err} }
		if err := fresh(&h.UID, "health checks"); err != nil {
			return fail(err)
		}
		normHealth(h)
		if err := h.Validate(); err != nil {
			return fail(err)
		}
		if h.AccountUID == "" {
			return fail(model.Invalid("account", "is required"))
		}
		if !accountKnown(h.AccountUID) {
			return fail(unknownLink("account", "account", h.AccountUID))
		}
	}

	for i := range ds.Briefs {
		b := &ds.Briefs[i]
		fail := func(err error) error { return &recordError{"brief", b.Title, b.UID, err} }
		if err := fresh(&b.UID, "briefs"); err != nil {
			return fail(err)
		}
		if b.Stage == "" {
			b.Stage = model.StageUnderstand
		}
		if err := b.Validate(); err != nil { // before normBrief, which would hide a repeated check
			return fail(err)
		}
		im.normBrief(b)
		for _, h := range b.History {
			if h.To.Index() < 0 || (h.From != "" && h.From.Index() < 0) {
				return fail(model.Invalid("history", "unknown stage in a move from %q to %q", h.From, h.To))
			}
			if h.At.IsZero() {
				return fail(model.Invalid("history", "the move to %q has no time", h.To))
			}
		}
		if !accountKnown(b.AccountUID) {
			return fail(unknownLink("account", "account", b.AccountUID))
		}
		twice := map[string]bool{}
		for _, bp := range b.People {
			acc, ok := im.personAt[bp.PersonUID]
			switch {
			case !ok:
				return fail(unknownLink("people", "person", bp.PersonUID))
			case acc != b.AccountUID:
				return fail(model.Invalid("people", "%s is not at this brief's account", bp.PersonUID))
			case twice[bp.PersonUID]:
				return fail(model.Invalid("people", "%s is linked twice", bp.PersonUID))
			}
			twice[bp.PersonUID] = true
		}
		im.briefAt[b.UID] = b.AccountUID
	}

	for i := range ds.FollowUps {
		f := &ds.FollowUps[i]
		fail := func(err error) error { return &recordError{"follow-up", f.Text, f.UID, err} }
		if err := fresh(&f.UID, "follow-ups"); err != nil {
			return fail(err)
		}
		normFollowUp(f)
		if err := f.Validate(); err != nil {
			return fail(err)
		}
		if f.AccountUID != "" && !accountKnown(f.AccountUID) {
			return fail(unknownLink("account", "account", f.AccountUID))
		}
		// As CreateFollowUp: the account comes from the person or brief when
		// none is given, and all links are on one account.
		for _, l := range []struct {
			field, uid string
			at         map[string]string
		}{{"person", f.PersonUID, im.personAt}, {"brief", f.BriefUID, im.briefAt}} {
			if l.uid == "" {
				continue
			}
			acc, ok := l.at[l.uid]
			switch {
			case !ok:
				return fail(unknownLink(l.field, l.field, l.uid))
			case f.AccountUID == "":
				f.AccountUID = acc
			case f.AccountUID != acc:
				return fail(model.Invalid(l.field, "is on another account (%s) than the follow-up (%s)", acc, f.AccountUID))
			}
		}
	}
	return nil
}

// loops reports whether following reports-to from uid comes back to uid.
func loops(boss map[string]string, uid string) bool {
	next := boss[uid]
	for i := 0; next != "" && i <= len(boss); i++ {
		if next == uid {
			return true
		}
		next = boss[next]
	}
	return false
}

// conflictError is a FieldError for a clash with another record: it wraps
// model.ErrConflict rather than model.ErrInvalid.
type conflictError struct{ model.FieldError }

func (e *conflictError) Unwrap() error { return model.ErrConflict }

func conflict(field, format string, args ...any) error {
	return &conflictError{model.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}}
}

func unknownLink(field, kind, uid string) error {
	return model.Invalid(field, "no %s with uid %q in the document or the database", kind, uid)
}

// The norm functions bring a record to the form the database gives back, so
// a stored record and a document's compare equal when nothing differs:
// timestamps in UTC to the millisecond, empty lists nil, defaults filled.

func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return parseTS(ts(t))
}

func normAccount(a *model.Account) {
	*a = model.Account{UID: a.UID, Name: a.Name, Industry: a.Industry, Region: a.Region, Countries: a.Countries,
		Tier: a.Tier, Currency: a.Currency, Revenue: a.Revenue, Potential: a.Potential, Outlook: a.Outlook,
		Importance: a.Importance, Replaceability: a.Replaceability, Brand: a.Brand, Direction: a.Direction, Notes: a.Notes,
		ArchivedAt: normTime(a.ArchivedAt), CreatedAt: normTime(a.CreatedAt), UpdatedAt: normTime(a.UpdatedAt)}
}

func normPerson(p *model.Person) {
	p.ID, p.AccountID, p.ReportsToID = 0, 0, 0
	p.AccountName, p.AccountTier, p.LastTouchOn, p.TouchDueOn = "", "", model.Date{}, model.Date{}
	p.ArchivedAt, p.CreatedAt, p.UpdatedAt = normTime(p.ArchivedAt), normTime(p.CreatedAt), normTime(p.UpdatedAt)
}

func normNote(n *model.Note) {
	n.ID, n.AccountID, n.PersonID, n.PersonName, n.AccountName = 0, 0, 0, "", ""
	if n.Kind == "" {
		n.Kind = model.NoteBusiness
	}
	n.AskedAt, n.CreatedAt, n.UpdatedAt = normTime(n.AskedAt), normTime(n.CreatedAt), normTime(n.UpdatedAt)
}

func normTouch(t *model.Touch) {
	t.ID, t.AccountID, t.PersonIDs, t.PersonNames, t.AccountName = 0, 0, nil, nil, ""
	t.Summary = strings.TrimSpace(t.Summary) // as LogTouch stores it
	if len(t.PersonUIDs) == 0 {
		t.PersonUIDs = nil
	} else {
		t.PersonUIDs = slices.Clone(t.PersonUIDs)
	}
	t.CreatedAt, t.UpdatedAt = normTime(t.CreatedAt), normTime(t.UpdatedAt)
}

func normHealth(h *model.HealthCheck) {
	h.ID, h.AccountID = 0, 0
	h.CreatedAt, h.UpdatedAt = normTime(h.CreatedAt), normTime(h.UpdatedAt)
}

func (im *importer) normBrief(b *model.Brief) {
	b.ID, b.AccountID, b.AccountName = 0, 0, ""
	b.CreatedAt, b.UpdatedAt, b.ArchivedAt = normTime(b.CreatedAt), normTime(b.UpdatedAt), normTime(b.ArchivedAt)
	b.StageSince = normTime(b.StageSince)
	if b.StageSince.IsZero() {
		b.StageSince = b.CreatedAt
		if b.StageSince.IsZero() {
			b.StageSince = im.now
		}
	}
	b.Checks = fullChecks(nil, b.Checks)
	var people []model.BriefPerson
	for _, p := range b.People {
		people = append(people, model.BriefPerson{PersonUID: p.PersonUID, Framing: p.Framing})
	}
	b.People = people
	var history []model.StageChange
	for _, h := range b.History {
		h.At = normTime(h.At)
		history = append(history, h)
	}
	b.History = history
}

func normFollowUp(f *model.FollowUp) {
	f.ID, f.AccountID, f.PersonID, f.BriefID = 0, 0, 0, 0
	f.AccountName, f.PersonName, f.BriefTitle = "", "", ""
	if f.Kind == "" {
		f.Kind = model.KindFollowUp
	}
	if f.Recur.IsZero() {
		f.Recur = model.Recurrence{}
	}
	f.DoneAt, f.CreatedAt, f.UpdatedAt = normTime(f.DoneAt), normTime(f.CreatedAt), normTime(f.UpdatedAt)
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

// stored reads the stored version of one record by id, as the document
// would hold it.
func stored[T any](ctx context.Context, db querier, query string, scan func(scanner) (int64, T, error), id int64) (T, error) {
	_, v, err := scan(db.QueryRowContext(ctx, query, id))
	return v, err
}

func (im *importer) writeAccounts(ctx context.Context) error {
	const cols = `name = ?, name_fold = ?, industry = ?, region = ?, countries = ?, tier = ?, currency = ?, revenue = ?,
		potential = ?, outlook = ?, importance = ?, replaceability = ?, brand = ?, direction = ?, notes = ?, score = ?,
		archived_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("account", "uid, "+colNames(cols), im.accounts, nil)
	for i := range im.ds.Accounts {
		a := &im.ds.Accounts[i]
		args := func() []any {
			return []any{a.Name, model.Fold(a.Name), a.Industry, a.Region, a.Countries, a.Tier, a.Currency, a.Revenue,
				a.Potential, a.Outlook, a.Importance, a.Replaceability, a.Brand, a.Direction, a.Notes, a.Priority().Score,
				tsNull(a.ArchivedAt), ts(a.CreatedAt), ts(a.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Accounts, im.accounts, a.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, accountDocSQL+" WHERE a.id = ?", scanAccountDoc, id)
				if err != nil || !settle(a, old, accountStamps, im.now) {
					return false, err
				}
				if old.Tier != a.Tier {
					im.refreshAccount[id] = true
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE account SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&a.CreatedAt, &a.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{a.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"account", a.Name, a.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writePeople(ctx context.Context) error {
	const cols = `account_id = ?, name = ?, name_fold = ?, title = ?, business_unit = ?, location = ?, email = ?,
		phone = ?, reports_to_id = ?, role = ?, influence = ?, strength = ?, at_client_since = ?, career_history = ?,
		preferred_channel = ?, cadence_days = ?, receive_info = ?, needs_to_show = ?, bday_month = ?, bday_day = ?,
		bday_year = ?, archived_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("person", "uid, "+colNames(cols), im.people, func(_ context.Context, uids []string) error {
		for _, uid := range uids {
			im.refreshPeople[im.people[uid]] = true
		}
		return nil
	})
	for _, i := range im.peopleOrder {
		p := &im.ds.People[i]
		accountID := im.accounts[p.AccountUID]
		if p.ReportsToUID != "" && im.people[p.ReportsToUID] == 0 {
			im.bossLater = append(im.bossLater, p.UID) // the boss is queued, without an id yet
		}
		args := func() []any {
			return []any{accountID, p.Name, model.Fold(p.Name), p.Title, p.BusinessUnit, p.Location, p.Email, p.Phone,
				nullID(im.people[p.ReportsToUID]), p.Role, p.Influence, p.Strength, p.AtClientSince.String(),
				p.CareerHistory, p.PreferredChannel, p.CadenceDays, p.ReceiveInfo, p.NeedsToShow, int(p.Birthday.Month),
				p.Birthday.Day, p.Birthday.Year, tsNull(p.ArchivedAt), ts(p.CreatedAt), ts(p.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.People, im.people, p.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, personDocSQL+" WHERE p.id = ?", scanPersonDoc, id)
				if err != nil || !settle(p, old, personStamps, im.now) {
					return false, err
				}
				if _, err = im.tx.ExecContext(ctx, "UPDATE person SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				im.refreshPeople[id] = true
				if old.AccountUID != p.AccountUID {
					if err := personMoved(ctx, im.tx, id, accountID); err != nil {
						return false, err
					}
				}
				return true, nil
			},
			func() error {
				stampNew(&p.CreatedAt, &p.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{p.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"person", p.Name, p.UID, err}
		}
	}
	if err := bulk.done(ctx); err != nil {
		return err
	}
	for _, uid := range im.bossLater {
		if _, err := im.tx.ExecContext(ctx, "UPDATE person SET reports_to_id = ? WHERE id = ?",
			im.people[im.personBoss[uid]], im.people[uid]); err != nil {
			return &recordError{"person", "", uid, err}
		}
	}
	return nil
}

func (im *importer) writeNotes(ctx context.Context) error {
	const cols = `account_id = ?, person_id = ?, kind = ?, text = ?, on_date = ?, ask_after = ?, asked_at = ?, pinned = ?,
		created_at = ?, updated_at = ?`
	bulk := im.newBulk("note", "uid, "+colNames(cols), im.notes, nil)
	for i := range im.ds.Notes {
		n := &im.ds.Notes[i]
		args := func() []any {
			return []any{im.accounts[n.AccountUID], nullID(im.people[n.PersonUID]), n.Kind, n.Text, n.On.String(),
				n.AskAfter.String(), tsNull(n.AskedAt), n.Pinned, ts(n.CreatedAt), ts(n.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Notes, im.notes, n.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, noteDocSQL+" WHERE n.id = ?", scanNoteDoc, id)
				if err != nil || !settle(n, old, noteStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE note SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&n.CreatedAt, &n.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{n.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"note", "", n.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeTouches(ctx context.Context) error {
	const cols = `account_id = ?, kind = ?, on_date = ?, summary = ?, text = ?, created_at = ?, updated_at = ?`
	// The people of new touches go in once the touches have their ids.
	newPeople := map[string][]string{} // touch uid → person uids
	people := func(ctx context.Context, touches []string) error {
		var args []any
		for _, uid := range touches {
			id := im.touches[uid]
			for pos, p := range newPeople[uid] {
				pid := im.people[p]
				im.refreshPeople[pid] = true
				args = append(args, id, pid, pos)
			}
			delete(newPeople, uid)
		}
		return im.execRows(ctx, "touch_person", "touch_id, person_id, position", args)
	}
	bulk := im.newBulk("touch", "uid, "+colNames(cols), im.touches, people)
	for i := range im.ds.Touches {
		t := &im.ds.Touches[i]
		args := func() []any {
			return []any{im.accounts[t.AccountUID], t.Kind, t.On.String(), t.Summary, t.Text, ts(t.CreatedAt), ts(t.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Touches, im.touches, t.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, touchDocSQL+" WHERE t.id = ?", scanTouchDoc, id)
				if err != nil {
					return false, err
				}
				one := []model.Touch{old}
				if err := attachTouchPeople(ctx, im.tx, []int64{id}, one, "WHERE tp.touch_id = ?", id); err != nil {
					return false, err
				}
				if old = one[0]; !settle(t, old, touchStamps, im.now) {
					return false, nil
				}
				if _, err := im.tx.ExecContext(ctx, "UPDATE touch SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				for _, uid := range old.PersonUIDs {
					im.refreshPeople[im.people[uid]] = true
				}
				if _, err := im.tx.ExecContext(ctx, "DELETE FROM touch_person WHERE touch_id = ?", id); err != nil {
					return false, err
				}
				im.touchesChanged = true
				newPeople[t.UID] = t.PersonUIDs
				return true, people(ctx, []string{t.UID})
			},
			func() error {
				stampNew(&t.CreatedAt, &t.UpdatedAt, im.now)
				im.touchesChanged = true
				newPeople[t.UID] = t.PersonUIDs
				return bulk.add(ctx, append([]any{t.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"touch", t.Summary, t.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeHealth(ctx context.Context) error {
	const cols = `account_id = ?, on_date = ?, satisfaction = ?, revenue = ?, note = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("health_check", "uid, "+colNames(cols), im.health, nil)
	for i := range im.ds.Health {
		h := &im.ds.Health[i]
		args := func() []any {
			var sat, rev any
			if h.Satisfaction != nil {
				sat = *h.Satisfaction
			}
			if h.Revenue != nil {
				rev = int64(*h.Revenue)
			}
			return []any{im.accounts[h.AccountUID], h.On.String(), sat, rev, h.Note, ts(h.CreatedAt), ts(h.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Health, im.health, h.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, healthDocSQL+" WHERE h.id = ?", scanHealthDoc, id)
				if err != nil || !settle(h, old, healthStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE health_check SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&h.CreatedAt, &h.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{h.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"health check", h.On.String(), h.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeBriefs(ctx context.Context) error {
	const cols = `account_id = ?, title = ?, title_fold = ?, w_who = ?, w_what = ?, w_where = ?, w_when = ?, w_why = ?,
		target_on = ?, value_client = ?, value_us = ?, stage = ?, stage_rank = ?, stage_since = ?, archived_at = ?,
		created_at = ?, updated_at = ?`
	// The checks, people and history of new briefs go in once the briefs
	// have their ids.
	pending := map[string]*model.Brief{}
	children := func(ctx context.Context, briefs []string) error {
		var checks, people, history []any
		for _, uid := range briefs {
			b, id := pending[uid], im.briefs[uid]
			delete(pending, uid)
			for _, c := range b.Checks {
				checks = append(checks, id, c.Kind, c.State, c.By, c.On.String())
			}
			for pos, p := range b.People {
				people = append(people, id, im.people[p.PersonUID], pos, p.Framing)
			}
			for _, h := range b.History {
				history = append(history, id, h.From, h.To, ts(h.At), h.Note)
			}
		}
		if err := im.execRows(ctx, "brief_check", "brief_id, kind, state, by_name, on_date", checks); err != nil {
			return err
		}
		if err := im.execRows(ctx, "brief_person", "brief_id, person_id, position, framing", people); err != nil {
			return err
		}
		return im.execRows(ctx, "stage_change", "brief_id, from_stage, to_stage, at, note", history)
	}
	bulk := im.newBulk("brief", "uid, "+colNames(cols), im.briefs, children)
	for i := range im.ds.Briefs {
		b := &im.ds.Briefs[i]
		args := func() []any {
			return []any{im.accounts[b.AccountUID], b.Title, model.Fold(b.Title), b.Who, b.What, b.Where, b.When, b.Why,
				b.TargetOn.String(), b.ValueClient, b.ValueUs, b.Stage, b.Stage.Index(), ts(b.StageSince),
				tsNull(b.ArchivedAt), ts(b.CreatedAt), ts(b.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Briefs, im.briefs, b.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, briefDocSQL+" WHERE b.id = ?", scanBriefDoc, id)
				if err != nil {
					return false, err
				}
				one := []model.Brief{old}
				if err := attachBriefChildren(ctx, im.tx, []int64{id}, one, "WHERE brief_id = ?", id); err != nil {
					return false, err
				}
				if !settle(b, one[0], briefStamps, im.now) {
					return false, nil
				}
				if _, err := im.tx.ExecContext(ctx, "UPDATE brief SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				for _, table := range []string{"brief_check", "brief_person", "stage_change"} {
					if _, err := im.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE brief_id = ?", id); err != nil {
						return false, err
					}
				}
				pending[b.UID] = b
				return true, children(ctx, []string{b.UID})
			},
			func() error {
				stampNew(&b.CreatedAt, &b.UpdatedAt, im.now)
				pending[b.UID] = b
				return bulk.add(ctx, append([]any{b.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"brief", b.Title, b.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeFollowUps(ctx context.Context) error {
	const cols = `text = ?, kind = ?, due_on = ?, due_time = ?, account_id = ?, person_id = ?, brief_id = ?, recurrence = ?,
		from_completion = ?, snoozed_until = ?, agenda_on = ?, done_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("follow_up", "uid, "+colNames(cols), im.followUps, nil)
	for i := range im.ds.FollowUps {
		f := &im.ds.FollowUps[i]
		args := func() []any {
			return []any{f.Text, f.Kind, f.DueOn.String(), f.DueTime, nullID(im.accounts[f.AccountUID]),
				nullID(im.people[f.PersonUID]), nullID(im.briefs[f.BriefUID]), f.Recur.String(), f.FromCompletion,
				f.SnoozedUntil.String(), f.AgendaOn().String(), tsNull(f.DoneAt), ts(f.CreatedAt), ts(f.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.FollowUps, im.followUps, f.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, followUpDocSQL+" WHERE f.id = ?", scanFollowUpDoc, id)
				if err != nil || !settle(f, old, followUpStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE follow_up SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&f.CreatedAt, &f.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{f.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"follow-up", f.Text, f.UID, err}
		}
	}
	return bulk.done(ctx)
}

// upsert writes one record: update (which reports whether anything
// changed) when its uid is stored, else insert, which queues the new row
// on the kind's bulk insert.
func (im *importer) upsert(ctx context.Context, c *ImportCount, ids map[string]int64, uid string,
	update func(id int64) (bool, error), insert func() error) error {
	if id, ok := ids[uid]; ok {
		changed, err := update(id)
		if err != nil {
			return err
		}
		if !changed {
			c.Unchanged++
			return nil
		}
		c.Updated++
		return im.wrote(ctx)
	}
	if err := insert(); err != nil {
		return err
	}
	c.Created++
	return im.wrote(ctx)
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

// colNames turns "a = ?, b = ?" into "a, b".
func colNames(assignments string) string {
	return strings.ReplaceAll(assignments, " = ?", "")
}

func accountStamps(a *model.Account) (*time.Time, *time.Time)    { return &a.CreatedAt, &a.UpdatedAt }
func personStamps(p *model.Person) (*time.Time, *time.Time)      { return &p.CreatedAt, &p.UpdatedAt }
func noteStamps(n *model.Note) (*time.Time, *time.Time)          { return &n.CreatedAt, &n.UpdatedAt }
func touchStamps(t *model.Touch) (*time.Time, *time.Time)        { return &t.CreatedAt, &t.UpdatedAt }
func healthStamps(h *model.HealthCheck) (*time.Time, *time.Time) { return &h.CreatedAt, &h.UpdatedAt }
func briefStamps(b *model.Brief) (*time.Time, *time.Time)        { return &b.CreatedAt, &b.UpdatedAt }
func followUpStamps(f *model.FollowUp) (*time.Time, *time.Time)  { return &f.CreatedAt, &f.UpdatedAt }

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

var _ querier = (*preparedTx)(nil)
