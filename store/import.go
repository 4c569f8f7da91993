package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"time"

	"rapport/model"
)

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

	peopleOrder []int // document people, bosses before their reports

	conn    *sql.Conn
	tx      *preparedTx
	pending int         // records written in the current transaction
	bulk    *bulkInsert // the kind being inserted, flushed before a commit

	// People written before their boss had an id (indexes in ds.People):
	// their reports-to is set once every person is in.
	bossLater []int

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
	links, err := im.loadIndex(ctx)
	if err != nil {
		return err
	}
	if im.peopleOrder, err = checkImport(&im.ds, links, im.now); err != nil {
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

// loadIndex reads the uids of everything stored, and what the links are
// checked against.
func (im *importer) loadIndex(ctx context.Context) (storedLinks, error) {
	var links storedLinks
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
			return links, err
		}
	}

	im.accounts, links.accountName = map[string]int64{}, map[string]string{}
	links.accounts = im.accounts
	rows, err := im.tx.tx.QueryContext(ctx, "SELECT id, uid, name_fold FROM account")
	if err != nil {
		return links, err
	}
	for rows.Next() {
		var id int64
		var uid, fold string
		if err := rows.Scan(&id, &uid, &fold); err != nil {
			rows.Close()
			return links, err
		}
		im.accounts[uid], links.accountName[fold] = id, uid
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return links, err
	}

	im.people, links.personAt, links.personBoss = map[string]int64{}, map[string]string{}, map[string]string{}
	rows, err = im.tx.tx.QueryContext(ctx, `SELECT p.id, p.uid, a.uid, coalesce(boss.uid, '') FROM person p
		JOIN account a ON a.id = p.account_id LEFT JOIN person boss ON boss.id = p.reports_to_id`)
	if err != nil {
		return links, err
	}
	for rows.Next() {
		var id int64
		var uid, acc, boss string
		if err := rows.Scan(&id, &uid, &acc, &boss); err != nil {
			rows.Close()
			return links, err
		}
		im.people[uid], links.personAt[uid] = id, acc
		if boss != "" {
			links.personBoss[uid] = boss
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return links, err
	}

	im.briefs, links.briefAt = map[string]int64{}, map[string]string{}
	rows, err = im.tx.tx.QueryContext(ctx, "SELECT b.id, b.uid, a.uid FROM brief b JOIN account a ON a.id = b.account_id")
	if err != nil {
		return links, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid, acc string
		if err := rows.Scan(&id, &uid, &acc); err != nil {
			return links, err
		}
		im.briefs[uid], links.briefAt[uid] = id, acc
	}
	return links, rows.Err()
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
