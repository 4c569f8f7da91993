package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rapport/model"
)

// FollowUpFilter selects follow-ups for a list. Lists are sorted by the day
// each shows on the agenda (model.FollowUp.AgendaOn), then by id.
type FollowUpFilter struct {
	AccountID int64
	PersonID  int64
	BriefID   int64
	Done      bool   // include done ones too (they sort by agenda day among the open ones)
	Query     string // part of the text; ASCII letters match in any case
	// Before keeps those whose agenda day is before this day (zero: no
	// bound). Counted with the rest of the filter, it is where a day
	// starts in the list: the list shown with done ones opens at today.
	Before model.Date
	// Archived includes follow-ups on archived accounts, which are left out
	// unless the list is scoped to that account (AccountID).
	Archived bool
}

const followUpCols = `f.id, f.uid, f.text, f.kind, f.due_on, f.due_time, coalesce(f.account_id, 0), coalesce(a.uid, ''),
	coalesce(a.name, ''), coalesce(f.person_id, 0), coalesce(p.uid, ''), coalesce(p.name, ''), coalesce(f.brief_id, 0),
	coalesce(b.uid, ''), coalesce(b.title, ''), f.recurrence, f.from_completion, f.snoozed_until, f.done_at,
	f.created_at, f.updated_at`

const followUpFrom = `follow_up f LEFT JOIN account a ON a.id = f.account_id LEFT JOIN person p ON p.id = f.person_id
	LEFT JOIN brief b ON b.id = f.brief_id`

// followUpSort is the agenda order; follow_up_open (agenda_on, id) serves it.
var followUpSort = listSort{Col: "f.agenda_on"}

func scanFollowUp(sc scanner, extra ...any) (model.FollowUp, error) {
	var f model.FollowUp
	var due, recur, snoozed, created, updated string
	var done sql.NullString
	dest := []any{&f.ID, &f.UID, &f.Text, &f.Kind, &due, &f.DueTime, &f.AccountID, &f.AccountUID,
		&f.AccountName, &f.PersonID, &f.PersonUID, &f.PersonName, &f.BriefID,
		&f.BriefUID, &f.BriefTitle, &recur, &f.FromCompletion, &snoozed, &done,
		&created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return f, err
	}
	f.DueOn, f.SnoozedUntil = parseDate(due), parseDate(snoozed)
	f.Recur, _ = model.ParseRecurrence(recur) // written by String, so it reads back; anything else does not repeat
	f.DoneAt = parseTSNull(done)
	f.CreatedAt, f.UpdatedAt = parseTS(created), parseTS(updated)
	return f, nil
}

// followUpDoc is a follow-up as the JSON document holds it: links by uid,
// no row ids or names.
func followUpDoc(f model.FollowUp) model.FollowUp {
	f.ID, f.AccountID, f.PersonID, f.BriefID = 0, 0, 0, 0
	f.AccountName, f.PersonName, f.BriefTitle = "", "", ""
	return f
}

// countQuery counts what query lists; only the account join (archived
// accounts) changes the count.
func (f FollowUpFilter) countQuery() pageQuery {
	q := f.query()
	q.From = "follow_up f LEFT JOIN account a ON a.id = f.account_id"
	return q
}

func (f FollowUpFilter) query() pageQuery {
	q := pageQuery{Cols: followUpCols, From: followUpFrom, Sort: followUpSort}
	if !f.Done {
		q.Where = append(q.Where, "f.done_at IS NULL")
	}
	if f.AccountID != 0 {
		q.Where = append(q.Where, "f.account_id = ?")
		q.Args = append(q.Args, f.AccountID)
	} else if !f.Archived {
		q.Where = append(q.Where, "a.archived_at IS NULL") // also true when there is no account
	}
	if f.PersonID != 0 {
		q.Where = append(q.Where, "f.person_id = ?")
		q.Args = append(q.Args, f.PersonID)
	}
	if f.BriefID != 0 {
		q.Where = append(q.Where, "f.brief_id = ?")
		q.Args = append(q.Args, f.BriefID)
	}
	if !f.Before.IsZero() {
		q.Where = append(q.Where, "f.agenda_on < ?")
		q.Args = append(q.Args, f.Before.String())
	}
	if q2 := strings.TrimSpace(f.Query); q2 != "" {
		// No folded copy of the text is kept: SQLite's LIKE ignores the case
		// of ASCII letters, which is enough for reminders.
		w, arg := containsFold("f.text", q2)
		q.Where = append(q.Where, w)
		q.Args = append(q.Args, arg)
	}
	return q
}

// FollowUps returns one page of follow-ups, by agenda day then id.
func (s *Store) FollowUps(ctx context.Context, f FollowUpFilter, req PageReq) (Page[model.FollowUp], error) {
	var p Page[model.FollowUp]
	err := s.read(ctx, "list follow-ups", func(tx *sql.Tx) error {
		var err error
		p, err = queryPage(ctx, tx, f.query(), req, func(r *sql.Rows, c *Cursor) (model.FollowUp, error) {
			return scanFollowUp(r, &c.Key, &c.ID)
		})
		return err
	})
	return p, err
}

// CountFollowUps counts the follow-ups a filter selects.
func (s *Store) CountFollowUps(ctx context.Context, f FollowUpFilter) (int, error) {
	var n int
	err := s.read(ctx, "count follow-ups", func(tx *sql.Tx) error {
		var err error
		n, err = f.countQuery().count(ctx, tx)
		return err
	})
	return n, err
}

// FollowUp returns one follow-up.
func (s *Store) FollowUp(ctx context.Context, id int64) (model.FollowUp, error) {
	return readOne(ctx, s, "follow-up", id, getFollowUp)
}

func getFollowUp(ctx context.Context, db querier, id int64) (model.FollowUp, error) {
	return scanFollowUp(db.QueryRowContext(ctx, "SELECT "+followUpCols+" FROM "+followUpFrom+" WHERE f.id = ?", id))
}

// CreateFollowUp saves a new follow-up. A follow-up linked to a person or a
// brief but no account is on their account.
func (s *Store) CreateFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error) {
	err := s.write(ctx, "create follow-up", func(tx *sql.Tx) error {
		var err error
		if f, err = s.insertFollowUp(ctx, tx, f); err != nil {
			return err
		}
		f, err = getFollowUp(ctx, tx, f.ID)
		return err
	})
	return f, err
}

// insertFollowUp validates and inserts a follow-up, keeping a UID, creation,
// update and done times that are given (an import keeps them).
func (s *Store) insertFollowUp(ctx context.Context, tx *sql.Tx, f model.FollowUp) (model.FollowUp, error) {
	if f.Kind == "" {
		f.Kind = model.KindFollowUp
	}
	if err := f.Validate(); err != nil {
		return f, err
	}
	if err := resolveFollowUpLinks(ctx, tx, &f, true); err != nil {
		return f, err
	}
	if !f.SnoozedUntil.IsZero() && !f.SnoozedUntil.InRange() {
		return f, model.Invalid("snoozed until", "year %d is out of range", f.SnoozedUntil.Year())
	}
	now := s.stamp()
	if f.UID == "" {
		f.UID = model.NewUID()
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = now
	}
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO follow_up (uid, text, kind, due_on, due_time, account_id, person_id, brief_id,
		recurrence, from_completion, snoozed_until, agenda_on, done_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		f.UID, f.Text, f.Kind, f.DueOn.String(), f.DueTime, nullID(f.AccountID), nullID(f.PersonID), nullID(f.BriefID),
		f.Recur.String(), f.FromCompletion, f.SnoozedUntil.String(), f.AgendaOn().String(), tsNull(f.DoneAt),
		ts(f.CreatedAt), ts(f.UpdatedAt)).Scan(&f.ID)
	return f, err
}

// resolveFollowUpLinks checks the linked account, person and brief exist,
// takes the account from the person or brief when none is given, and refuses
// links to two different accounts. With byUID, links given only by uid (as an
// import gives them) are looked up; an edit goes by ids alone, so clearing an
// id unlinks even when the row's uid is still set.
func resolveFollowUpLinks(ctx context.Context, tx *sql.Tx, f *model.FollowUp, byUID bool) error {
	uids := []struct {
		id         *int64
		uid, table string
	}{{&f.AccountID, f.AccountUID, "account"}, {&f.PersonID, f.PersonUID, "person"}, {&f.BriefID, f.BriefUID, "brief"}}
	for _, l := range uids {
		if !byUID || *l.id != 0 || l.uid == "" {
			continue
		}
		if err := tx.QueryRowContext(ctx, "SELECT id FROM "+l.table+" WHERE uid = ?", l.uid).Scan(l.id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.Invalid(l.table, "no %s with uid %s", l.table, l.uid)
			}
			return err
		}
	}
	if f.AccountID != 0 {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM account WHERE id = ?", f.AccountID).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.Invalid("account", "no such account")
			}
			return err
		}
	}
	for _, l := range []struct {
		id    int64
		table string
	}{{f.PersonID, "person"}, {f.BriefID, "brief"}} {
		if l.id == 0 {
			continue
		}
		var acc int64
		if err := tx.QueryRowContext(ctx, "SELECT account_id FROM "+l.table+" WHERE id = ?", l.id).Scan(&acc); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.Invalid(l.table, "no such %s", l.table)
			}
			return err
		}
		switch f.AccountID {
		case 0:
			f.AccountID = acc
		case acc:
		default:
			return model.Invalid(l.table, "is on another account than the follow-up")
		}
	}
	return nil
}

// UpdateFollowUp saves an edited follow-up. Its done time stays (Complete and
// Reopen change it). A new due day replaces an old snooze unless the edit
// sets the snooze too: the day typed last is the one the user means.
func (s *Store) UpdateFollowUp(ctx context.Context, f model.FollowUp) (model.FollowUp, error) {
	err := s.write(ctx, fmt.Sprintf("update follow-up %d", f.ID), func(tx *sql.Tx) error {
		if f.Kind == "" {
			f.Kind = model.KindFollowUp
		}
		if err := f.Validate(); err != nil {
			return err
		}
		old, err := getFollowUp(ctx, tx, f.ID)
		if err != nil {
			return err
		}
		if err := resolveFollowUpLinks(ctx, tx, &f, false); err != nil {
			return err
		}
		if !f.SnoozedUntil.IsZero() && !f.SnoozedUntil.InRange() {
			return model.Invalid("snoozed until", "year %d is out of range", f.SnoozedUntil.Year())
		}
		if !f.DueOn.Equal(old.DueOn) && f.SnoozedUntil.Equal(old.SnoozedUntil) {
			f.SnoozedUntil = model.Date{}
		}
		_, err = tx.ExecContext(ctx, `UPDATE follow_up SET text = ?, kind = ?, due_on = ?, due_time = ?, account_id = ?,
			person_id = ?, brief_id = ?, recurrence = ?, from_completion = ?, snoozed_until = ?, agenda_on = ?, updated_at = ?
			WHERE id = ?`,
			f.Text, f.Kind, f.DueOn.String(), f.DueTime, nullID(f.AccountID), nullID(f.PersonID), nullID(f.BriefID),
			f.Recur.String(), f.FromCompletion, f.SnoozedUntil.String(), f.AgendaOn().String(), ts(s.stamp()), f.ID)
		if err != nil {
			return err
		}
		f, err = getFollowUp(ctx, tx, f.ID)
		return err
	})
	return f, err
}

// DeleteFollowUp deletes a follow-up for good.
func (s *Store) DeleteFollowUp(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete follow-up %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "follow_up", id)
	})
}

// CompleteFollowUp marks a follow-up done. One that recurs is replaced by its
// next occurrence (model.FollowUp.Next), created in the same transaction and
// returned as next; next is nil when it does not recur. Keep next's id to
// undo with ReopenFollowUp.
func (s *Store) CompleteFollowUp(ctx context.Context, id int64) (done model.FollowUp, next *model.FollowUp, err error) {
	err = s.write(ctx, fmt.Sprintf("complete follow-up %d", id), func(tx *sql.Tx) error {
		f, err := getFollowUp(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.Done() {
			return fmt.Errorf("%w: it was done already, on %s", model.ErrInvalid, model.DateOf(f.DoneAt.In(s.loc)))
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, "UPDATE follow_up SET done_at = ?, updated_at = ? WHERE id = ?", ts(now), ts(now), id); err != nil {
			return err
		}
		if n, ok := f.Next(s.today()); ok && n.DueOn.InRange() {
			n, err = s.insertFollowUp(ctx, tx, n)
			if err != nil {
				return fmt.Errorf("create the next one: %w", err)
			}
			if n, err = getFollowUp(ctx, tx, n.ID); err != nil {
				return err
			}
			next = &n
		}
		done, err = getFollowUp(ctx, tx, id)
		return err
	})
	if err != nil {
		return model.FollowUp{}, nil, err
	}
	return done, next, nil
}

// ReopenFollowUp undoes CompleteFollowUp: the follow-up is open again and the
// occurrence completing it created (spawnedID; 0 for none) is deleted, unless
// it has been completed in the meantime.
func (s *Store) ReopenFollowUp(ctx context.Context, id int64, spawnedID int64) error {
	return s.write(ctx, fmt.Sprintf("reopen follow-up %d", id), func(tx *sql.Tx) error {
		var done sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT done_at FROM follow_up WHERE id = ?", id).Scan(&done); err != nil {
			return err
		}
		if !done.Valid {
			return fmt.Errorf("%w: it is not done", model.ErrInvalid)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE follow_up SET done_at = NULL, updated_at = ? WHERE id = ?", ts(s.stamp()), id); err != nil {
			return err
		}
		if spawnedID == 0 || spawnedID == id {
			return nil
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM follow_up WHERE id = ? AND done_at IS NULL", spawnedID)
		return err
	})
}

// SnoozeFollowUp hides an open follow-up from the agenda until a day (the
// zero Date wakes it). It returns the snooze it replaced, so snoozing back to
// that undoes it.
func (s *Store) SnoozeFollowUp(ctx context.Context, id int64, until model.Date) (previous model.Date, err error) {
	err = s.write(ctx, fmt.Sprintf("snooze follow-up %d", id), func(tx *sql.Tx) error {
		if !until.IsZero() && !until.InRange() {
			return model.Invalid("snooze", "year %d is out of range", until.Year())
		}
		var due, snoozed string
		var done sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT due_on, snoozed_until, done_at FROM follow_up WHERE id = ?", id).Scan(&due, &snoozed, &done); err != nil {
			return err
		}
		if done.Valid {
			return fmt.Errorf("%w: it is done; reopen it first", model.ErrInvalid)
		}
		previous = parseDate(snoozed)
		f := model.FollowUp{DueOn: parseDate(due), SnoozedUntil: until}
		_, err := tx.ExecContext(ctx, "UPDATE follow_up SET snoozed_until = ?, agenda_on = ?, updated_at = ? WHERE id = ?",
			until.String(), f.AgendaOn().String(), ts(s.stamp()), id)
		return err
	})
	if err != nil {
		return model.Date{}, err
	}
	return previous, nil
}
