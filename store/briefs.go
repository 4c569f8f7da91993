package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rapport/model"
)

// BriefFilter selects briefs for a list.
type BriefFilter struct {
	AccountID int64
	Stage     model.Stage // "" for every stage
	Open      bool        // only briefs still being worked on (not done or dropped)
	PersonID  int64       // only briefs this person is linked to
	Query     string      // part of the title, any case or accents
	Archived  bool        // include archived briefs
}

const briefCols = `b.id, b.uid, b.account_id, a.uid, a.name, b.title, b.w_who, b.w_what, b.w_where, b.w_when, b.w_why,
	b.target_on, b.value_client, b.value_us, b.stage, b.stage_since, b.archived_at, b.created_at, b.updated_at`

const briefFrom = "brief b CROSS JOIN account a ON a.id = b.account_id"

// briefSort orders briefs by the stage flow, then longest in the stage first.
// The cursor needs one comparable key, so rank and since are joined into one
// text: the rank is a single digit and stage_since a fixed-width UTC stamp,
// so text order is (rank, since) order.
var briefSort = listSort{Col: "printf('%d|%s', b.stage_rank, b.stage_since)"}

func scanBrief(sc scanner, extra ...any) (model.Brief, error) {
	var b model.Brief
	var target, since, created, updated string
	var archived sql.NullString
	dest := []any{&b.ID, &b.UID, &b.AccountID, &b.AccountUID, &b.AccountName, &b.Title, &b.Who, &b.What, &b.Where, &b.When,
		&b.Why, &target, &b.ValueClient, &b.ValueUs, &b.Stage, &since, &archived, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return b, err
	}
	b.TargetOn = parseDate(target)
	b.StageSince = parseTS(since)
	b.ArchivedAt = parseTSNull(archived)
	b.CreatedAt, b.UpdatedAt = parseTS(created), parseTS(updated)
	return b, nil
}

// briefDoc is a brief as the JSON document holds it: its account and people
// by uid, no row ids or names.
func briefDoc(b model.Brief) model.Brief {
	b.ID, b.AccountID, b.AccountName = 0, 0, ""
	var people []model.BriefPerson
	for _, p := range b.People {
		people = append(people, model.BriefPerson{PersonUID: p.PersonUID, Framing: p.Framing, Opening: p.Opening})
	}
	b.People = people
	return b
}

func (f BriefFilter) query() pageQuery { return f.build(false) }

// build makes the query; a count leaves out the sort-key ranges, which
// help a page find its first rows but make a count read every row.
// countQuery counts what query lists. The account join does not change
// the count; the live briefs are counted through an index that holds every
// column the count reads (SQLite would scan the table).
func (f BriefFilter) countQuery() pageQuery {
	q := f.build(true)
	q.From = "brief b"
	if !f.Archived && f.AccountID == 0 && f.PersonID == 0 {
		q.From = "brief b INDEXED BY brief_by_stage"
		if f.Query != "" {
			q.From = "brief b INDEXED BY brief_by_title"
		}
	}
	return q
}

func (f BriefFilter) build(count bool) pageQuery {
	q := pageQuery{Cols: briefCols, From: briefFrom, Sort: briefSort}
	if !f.Archived {
		q.Where = append(q.Where, "b.archived_at IS NULL")
	}
	if f.AccountID != 0 {
		q.Where = append(q.Where, "b.account_id = ?")
		q.Args = append(q.Args, f.AccountID)
	}
	// Stages are matched by rank and by the range of the sort key they
	// occupy ("3|…" for checks), so a stage's page or count reads only its
	// part of the brief_by_flow index instead of scanning every brief.
	if f.Stage != "" {
		r := f.Stage.Index()
		q.Where = append(q.Where, "b.stage_rank = ?")
		q.Args = append(q.Args, r)
		if !count {
			q.Where = append(q.Where, briefSort.Col+" >= ?", briefSort.Col+" < ?")
			q.Args = append(q.Args, fmt.Sprintf("%d|", r), fmt.Sprintf("%d}", r)) // '}' follows '|'
		}
	}
	if f.Open {
		r := model.StageDone.Index() // the open stages come before done and dropped
		q.Where = append(q.Where, "b.stage_rank < ?")
		q.Args = append(q.Args, r)
		if !count {
			q.Where = append(q.Where, briefSort.Col+" < ?")
			q.Args = append(q.Args, fmt.Sprintf("%d|", r))
		}
	}
	if f.PersonID != 0 {
		q.Where = append(q.Where, "b.id IN (SELECT bp.brief_id FROM brief_person bp WHERE bp.person_id = ?)")
		q.Args = append(q.Args, f.PersonID)
	}
	if f.Query != "" {
		w, arg := containsFolded("b.title_fold", model.Fold(f.Query))
		q.Where = append(q.Where, w)
		q.Args = append(q.Args, arg)
	}
	return q
}

// Briefs returns one page of briefs in stage order, each with its account's
// name, its checks and its linked people (no history).
func (s *Store) Briefs(ctx context.Context, f BriefFilter, req PageReq) (Page[model.Brief], error) {
	var p Page[model.Brief]
	err := s.read(ctx, "list briefs", func(tx *sql.Tx) error {
		var err error
		p, err = listBriefs(ctx, tx, f, req)
		return err
	})
	return p, err
}

func listBriefs(ctx context.Context, tx *sql.Tx, f BriefFilter, req PageReq) (Page[model.Brief], error) {
	p, err := queryPage(ctx, tx, f.query(), req, func(r *sql.Rows, c *Cursor) (model.Brief, error) {
		return scanBrief(r, &c.Key, &c.ID)
	})
	if err != nil {
		return p, err
	}
	return p, attachBriefParts(ctx, tx, p.Items, false)
}

// CountBriefs counts the briefs a filter selects.
func (s *Store) CountBriefs(ctx context.Context, f BriefFilter) (int, error) {
	var n int
	err := s.read(ctx, "count briefs", func(tx *sql.Tx) error {
		var err error
		n, err = f.countQuery().count(ctx, tx)
		return err
	})
	return n, err
}

// Brief returns one brief with everything: checks, people, history.
func (s *Store) Brief(ctx context.Context, id int64) (model.Brief, error) {
	return readOne(ctx, s, "brief", id, getBrief)
}

// PersonBriefsLimit is how many briefs PersonBriefs returns at most; when
// it returns that many, CountBriefs with BriefFilter{PersonID, Open} counts
// them all.
const PersonBriefsLimit = 50

// PersonBriefs returns the first open briefs a person is linked to (at most
// PersonBriefsLimit), each with its people, so a dossier can show the
// framing written for them.
func (s *Store) PersonBriefs(ctx context.Context, personID int64) ([]model.Brief, error) {
	var out []model.Brief
	err := s.read(ctx, fmt.Sprintf("briefs of person %d", personID), func(tx *sql.Tx) error {
		p, err := listBriefs(ctx, tx, BriefFilter{PersonID: personID, Open: true}, PageReq{Limit: PersonBriefsLimit})
		out = p.Items
		return err
	})
	return out, err
}

// getBrief loads one brief with its checks, people and history.
func getBrief(ctx context.Context, db querier, id int64) (model.Brief, error) {
	b, err := scanBrief(db.QueryRowContext(ctx, "SELECT "+briefCols+" FROM "+briefFrom+" WHERE b.id = ?", id))
	if err != nil {
		return b, err
	}
	one := []model.Brief{b}
	if err := attachBriefParts(ctx, db, one, false); err != nil {
		return b, err
	}
	err = attachBriefHistory(ctx, db, one, false)
	return one[0], err
}

// briefIndex maps the ids of briefs to their places in bs.
func briefIndex(bs []model.Brief) (map[int64]int, []int64) {
	at := make(map[int64]int, len(bs))
	ids := make([]int64, len(bs))
	for i, b := range bs {
		at[b.ID], ids[i] = i, b.ID
	}
	return at, ids
}

// attachBriefParts fills the checks and people of briefs with one query
// each, whatever the number of briefs; every reads those of all briefs (an
// export holds them all).
func attachBriefParts(ctx context.Context, db querier, bs []model.Brief, every bool) error {
	if len(bs) == 0 {
		return nil
	}
	at, ids := briefIndex(bs)
	for i := range bs {
		bs[i].Checks = model.DefaultChecks()
		bs[i].People = nil
	}

	where, args := parentsIn("brief_id", ids, every)
	rows, err := db.QueryContext(ctx, "SELECT brief_id, kind, state, by_name, on_date FROM brief_check"+where, args...)
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
		i, ok := at[id]
		if !ok {
			continue
		}
		for j := range bs[i].Checks {
			if bs[i].Checks[j].Kind == c.Kind {
				bs[i].Checks[j] = c
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	where, args = parentsIn("bp.brief_id", ids, every)
	rows, err = db.QueryContext(ctx, `SELECT bp.brief_id, bp.person_id, p.uid, p.name, p.title, p.role, bp.framing, bp.opening
		FROM brief_person bp JOIN person p ON p.id = bp.person_id`+where+` ORDER BY bp.brief_id, bp.position, p.uid`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var bp model.BriefPerson
		if err := rows.Scan(&id, &bp.PersonID, &bp.PersonUID, &bp.Name, &bp.Title, &bp.Role, &bp.Framing, &bp.Opening); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			bs[i].People = append(bs[i].People, bp)
		}
	}
	return rows.Err()
}

// attachBriefHistory fills the stage history of briefs, oldest move first,
// with one query; every reads that of all briefs.
func attachBriefHistory(ctx context.Context, db querier, bs []model.Brief, every bool) error {
	if len(bs) == 0 {
		return nil
	}
	at, ids := briefIndex(bs)
	for i := range bs {
		bs[i].History = nil
	}
	where, args := parentsIn("brief_id", ids, every)
	rows, err := db.QueryContext(ctx, "SELECT brief_id, from_stage, to_stage, at, note FROM stage_change"+where+
		" ORDER BY brief_id, id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var h model.StageChange
		var when string
		if err := rows.Scan(&id, &h.From, &h.To, &when, &h.Note); err != nil {
			return err
		}
		h.At = parseTS(when)
		if i, ok := at[id]; ok {
			bs[i].History = append(bs[i].History, h)
		}
	}
	return rows.Err()
}

// CreateBrief saves a new brief. Unset parts get their defaults: the first
// stage since now, the four checks pending, the history's first entry.
func (s *Store) CreateBrief(ctx context.Context, b model.Brief) (model.Brief, error) {
	var out model.Brief
	err := s.write(ctx, "create brief", func(tx *sql.Tx) error {
		nb := b
		nb.Checks = make([]model.Check, len(b.Checks))
		for i, c := range b.Checks {
			nb.Checks[i] = datedCheck(c, s.today())
		}
		nb, err := s.insertBrief(ctx, tx, nb)
		if err != nil {
			return err
		}
		out, err = getBrief(ctx, tx, nb.ID)
		return err
	})
	if err != nil {
		return b, err
	}
	return out, nil
}

// insertBrief writes a brief with its checks, people and history. It keeps a
// UID, timestamps, stage and history that are set (the importer relies on
// it) and fills in the rest. A zero AccountID or PersonID is looked up by UID.
func (s *Store) insertBrief(ctx context.Context, tx *sql.Tx, b model.Brief) (model.Brief, error) {
	now := s.stamp()
	b.People = slices.Clone(b.People) // ids are filled in below; the caller's slice stays as it was
	if b.Stage == "" {
		b.Stage = model.StageUnderstand
	}
	if b.StageSince.IsZero() {
		b.StageSince = now
	}
	b.Checks = fullChecks(nil, b.Checks)
	if len(b.History) == 0 {
		b.History = []model.StageChange{{To: b.Stage, At: b.StageSince}}
	}
	if err := b.Validate(); err != nil {
		return b, err
	}
	for _, h := range b.History {
		if h.To.Index() < 0 || (h.From != "" && h.From.Index() < 0) {
			return b, model.Invalid("history", "unknown stage in a move from %q to %q", model.Clip(string(h.From)), model.Clip(string(h.To)))
		}
	}
	if err := resolveBriefAccount(ctx, tx, &b); err != nil {
		return b, err
	}
	if err := resolveBriefPeople(ctx, tx, &b); err != nil {
		return b, err
	}
	if b.UID == "" {
		b.UID = model.NewUID()
	}
	if b.CreatedAt.IsZero() {
		b.CreatedAt = now
	}
	if b.UpdatedAt.IsZero() {
		b.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO brief (uid, account_id, title, title_fold, w_who, w_what, w_where, w_when, w_why,
		target_on, value_client, value_us, stage, stage_rank, stage_since, archived_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		b.UID, b.AccountID, b.Title, model.Fold(b.Title), b.Who, b.What, b.Where, b.When, b.Why,
		b.TargetOn.String(), b.ValueClient, b.ValueUs, b.Stage, b.Stage.Index(), ts(b.StageSince),
		tsNull(b.ArchivedAt), ts(b.CreatedAt), ts(b.UpdatedAt)).Scan(&b.ID)
	if err != nil {
		return b, err
	}
	if err := writeBriefChecks(ctx, tx, b.ID, b.Checks); err != nil {
		return b, err
	}
	if err := writeBriefPeople(ctx, tx, b.ID, b.People); err != nil {
		return b, err
	}
	for _, h := range b.History {
		if err := insertStageChange(ctx, tx, b.ID, h); err != nil {
			return b, err
		}
	}
	return b, nil
}

// UpdateBrief saves an edited brief: title, account, the Ws, target, values,
// the linked people with their framings and openings (the given set
// replaces the stored one, so a caller passes back the openings it read)
// and the checks (a kind left out keeps its stored sign-off). The stage
// is not edited here — it moves only through MoveBrief — so a different
// b.Stage is ignored and the brief is validated against its stored stage.
func (s *Store) UpdateBrief(ctx context.Context, b model.Brief) (model.Brief, error) {
	var out model.Brief
	err := s.write(ctx, fmt.Sprintf("update brief %d", b.ID), func(tx *sql.Tx) error {
		old, err := getBrief(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		nb := b
		nb.People = slices.Clone(b.People)
		nb.UID, nb.CreatedAt, nb.ArchivedAt = old.UID, old.CreatedAt, old.ArchivedAt
		nb.Stage, nb.StageSince, nb.History = old.Stage, old.StageSince, old.History
		today := s.today()
		nb.Checks = make([]model.Check, 0, len(b.Checks))
		for _, c := range b.Checks {
			if prev := old.Check(c.Kind); prev.State == c.State && c.On.IsZero() {
				c.On = prev.On // an unchanged sign-off keeps its date
			}
			nb.Checks = append(nb.Checks, datedCheck(c, today))
		}
		if err := nb.Validate(); err != nil {
			return err
		}
		nb.Checks = fullChecks(old.Checks, nb.Checks)
		if err := resolveBriefAccount(ctx, tx, &nb); err != nil {
			return err
		}
		if err := resolveBriefPeople(ctx, tx, &nb); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE brief SET account_id = ?, title = ?, title_fold = ?, w_who = ?, w_what = ?,
			w_where = ?, w_when = ?, w_why = ?, target_on = ?, value_client = ?, value_us = ?, updated_at = ? WHERE id = ?`,
			nb.AccountID, nb.Title, model.Fold(nb.Title), nb.Who, nb.What, nb.Where, nb.When, nb.Why,
			nb.TargetOn.String(), nb.ValueClient, nb.ValueUs, ts(s.stamp()), nb.ID)
		if err != nil {
			return err
		}
		if err := writeBriefChecks(ctx, tx, nb.ID, nb.Checks); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM brief_person WHERE brief_id = ?", nb.ID); err != nil {
			return err
		}
		if err := writeBriefPeople(ctx, tx, nb.ID, nb.People); err != nil {
			return err
		}
		out, err = getBrief(ctx, tx, nb.ID)
		return err
	})
	if err != nil {
		return b, err
	}
	return out, nil
}

// MoveBrief moves a brief to another stage and records the move. A move the
// rules refuse (no why yet, checks unsigned, dropping without a reason)
// returns the model's error as it is, without the store's prefix: its message is
// written to be shown to the user.
func (s *Store) MoveBrief(ctx context.Context, id int64, to model.Stage, reason string) (model.Brief, error) {
	var out model.Brief
	var refused error
	err := s.write(ctx, fmt.Sprintf("move brief %d", id), func(tx *sql.Tx) error {
		b, err := getBrief(ctx, tx, id)
		if err != nil {
			return err
		}
		if refused = b.MoveTo(to, s.stamp(), reason); refused != nil {
			return refused
		}
		_, err = tx.ExecContext(ctx, "UPDATE brief SET stage = ?, stage_rank = ?, stage_since = ?, updated_at = ? WHERE id = ?",
			b.Stage, b.Stage.Index(), ts(b.StageSince), ts(b.StageSince), id)
		if err != nil {
			return err
		}
		if err := insertStageChange(ctx, tx, id, b.History[len(b.History)-1]); err != nil {
			return err
		}
		out, err = getBrief(ctx, tx, id)
		return err
	})
	if refused != nil {
		return model.Brief{}, refused
	}
	return out, err
}

// SetCheck records one sign-off of a brief. A signed check names who signed
// it; a signed or not-needed check without a date is dated today.
func (s *Store) SetCheck(ctx context.Context, briefID int64, c model.Check) (model.Brief, error) {
	var out model.Brief
	err := s.write(ctx, fmt.Sprintf("set %s check of brief %d", c.Kind, briefID), func(tx *sql.Tx) error {
		b, err := getBrief(ctx, tx, briefID)
		if err != nil {
			return err
		}
		c = datedCheck(c, s.today())
		found := false
		for i := range b.Checks {
			if b.Checks[i].Kind == c.Kind {
				b.Checks[i], found = c, true
			}
		}
		if !found {
			b.Checks = append(b.Checks, c) // an unknown kind: Validate names it
		}
		if err := b.Validate(); err != nil {
			return err
		}
		if err := writeBriefChecks(ctx, tx, briefID, []model.Check{c}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE brief SET updated_at = ? WHERE id = ?", ts(s.stamp()), briefID); err != nil {
			return err
		}
		out, err = getBrief(ctx, tx, briefID)
		return err
	})
	return out, err
}

// ArchiveBrief archives (or, with archived false, restores) a brief.
func (s *Store) ArchiveBrief(ctx context.Context, id int64, archived bool) error {
	return s.write(ctx, fmt.Sprintf("archive brief %d", id), func(tx *sql.Tx) error {
		return setArchived(ctx, tx, "brief", id, archived, s.stamp())
	})
}

// DeleteBrief deletes a brief with its checks, links and history, for good;
// follow-ups linked to it stay, unlinked.
func (s *Store) DeleteBrief(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete brief %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "brief", id)
	})
}

// datedCheck dates a cleared sign-off today when it has no date.
func datedCheck(c model.Check, today model.Date) model.Check {
	if c.Cleared() && c.On.IsZero() {
		c.On = today
	}
	return c
}

// fullChecks returns the four checks in order: given ones first, else the
// base's, else pending.
func fullChecks(base, given []model.Check) []model.Check {
	out := model.DefaultChecks()
	for i := range out {
		for _, set := range [][]model.Check{base, given} {
			for _, c := range set {
				if c.Kind == out[i].Kind {
					out[i] = c
				}
			}
		}
	}
	return out
}

// resolveBriefAccount checks the brief's account exists, finding it by UID
// when no id is given, and fills AccountUID.
func resolveBriefAccount(ctx context.Context, tx *sql.Tx, b *model.Brief) error {
	var err error
	if b.AccountID == 0 {
		err = tx.QueryRowContext(ctx, "SELECT id, uid FROM account WHERE uid = ?", b.AccountUID).Scan(&b.AccountID, &b.AccountUID)
	} else {
		err = tx.QueryRowContext(ctx, "SELECT id, uid FROM account WHERE id = ?", b.AccountID).Scan(&b.AccountID, &b.AccountUID)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invalid("account", "no such account")
	}
	return err
}

// resolveBriefPeople checks every linked person exists, is linked once and
// works at the brief's account; people given by UID only get their id.
func resolveBriefPeople(ctx context.Context, tx *sql.Tx, b *model.Brief) error {
	seen := make(map[int64]bool, len(b.People))
	for i := range b.People {
		p := &b.People[i]
		var account int64
		var name string
		var err error
		switch {
		case p.PersonID != 0:
			err = tx.QueryRowContext(ctx, "SELECT id, uid, account_id, name FROM person WHERE id = ?", p.PersonID).
				Scan(&p.PersonID, &p.PersonUID, &account, &name)
		case p.PersonUID != "":
			err = tx.QueryRowContext(ctx, "SELECT id, uid, account_id, name FROM person WHERE uid = ?", p.PersonUID).
				Scan(&p.PersonID, &p.PersonUID, &account, &name)
		default:
			return model.Invalid("people", "a linked person has no id")
		}
		if errors.Is(err, sql.ErrNoRows) {
			return model.Invalid("people", "no such person (%s)", personRef(*p))
		}
		if err != nil {
			return err
		}
		if account != b.AccountID {
			return model.Invalid("people", "%s is not at this brief's account", name)
		}
		if seen[p.PersonID] {
			return model.Invalid("people", "%s is linked twice", name)
		}
		seen[p.PersonID] = true
	}
	return nil
}

func personRef(p model.BriefPerson) string {
	if p.PersonID != 0 {
		return fmt.Sprintf("id %d", p.PersonID)
	}
	return strings.TrimSpace(p.PersonUID)
}

func writeBriefChecks(ctx context.Context, tx *sql.Tx, briefID int64, cs []model.Check) error {
	for _, c := range cs {
		_, err := tx.ExecContext(ctx, `INSERT INTO brief_check (brief_id, kind, state, by_name, on_date) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (brief_id, kind) DO UPDATE SET state = excluded.state, by_name = excluded.by_name, on_date = excluded.on_date`,
			briefID, c.Kind, c.State, c.By, c.On.String())
		if err != nil {
			return err
		}
	}
	return nil
}

// writeBriefPeople links people in the given order (position = index).
func writeBriefPeople(ctx context.Context, tx *sql.Tx, briefID int64, ps []model.BriefPerson) error {
	for i, p := range ps {
		_, err := tx.ExecContext(ctx, "INSERT INTO brief_person (brief_id, person_id, position, framing, opening) VALUES (?, ?, ?, ?, ?)",
			briefID, p.PersonID, i, p.Framing, p.Opening)
		if err != nil {
			return err
		}
	}
	return nil
}

func insertStageChange(ctx context.Context, tx *sql.Tx, briefID int64, h model.StageChange) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO stage_change (brief_id, from_stage, to_stage, at, note) VALUES (?, ?, ?, ?, ?)",
		briefID, h.From, h.To, ts(h.At), h.Note)
	return err
}
