package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"rapport/model"
)

// NoteFilter selects notes: on one person, or on an account (including its
// people's notes). Pinned notes come first, then newest first.
type NoteFilter struct {
	PersonID  int64
	AccountID int64
	Kind      model.NoteKind
}

const noteCols = `n.id, n.uid, n.account_id, acc.uid, acc.name, coalesce(n.person_id, 0), coalesce(p.uid, ''), coalesce(p.name, ''),
	n.kind, n.text, n.on_date, n.ask_after, n.asked_at, n.pinned, n.created_at, n.updated_at`

const noteFrom = "note n CROSS JOIN account acc ON acc.id = n.account_id LEFT JOIN person p ON p.id = n.person_id"

func scanNote(sc scanner, extra ...any) (model.Note, error) {
	var n model.Note
	var on, ask, created, updated string
	var asked sql.NullString
	dest := []any{&n.ID, &n.UID, &n.AccountID, &n.AccountUID, &n.AccountName, &n.PersonID, &n.PersonUID, &n.PersonName,
		&n.Kind, &n.Text, &on, &ask, &asked, &n.Pinned, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return n, err
	}
	n.On, n.AskAfter = parseDate(on), parseDate(ask)
	n.AskedAt = parseTSNull(asked)
	n.CreatedAt, n.UpdatedAt = parseTS(created), parseTS(updated)
	return n, nil
}

// noteDoc is a note as the JSON document holds it: links by uid, no row
// ids or names.
func noteDoc(n model.Note) model.Note {
	n.ID, n.AccountID, n.PersonID, n.PersonName, n.AccountName = 0, 0, 0, "", ""
	return n
}

// A timeline of notes is pinned first, then newest first: the columns are
// the tails of the note_person, note_person_kind and note_account indexes,
// so a page of a person with 50,000 notes reads its dozen rows, not all.
func (f NoteFilter) query() pageQuery {
	q := pageQuery{Cols: noteCols, From: noteFrom, Lead: "n.pinned", Sort: listSort{"n.on_date", true}}
	if f.PersonID != 0 {
		q.Where = append(q.Where, "n.person_id = ?")
		q.Args = append(q.Args, f.PersonID)
	}
	if f.AccountID != 0 {
		q.Where = append(q.Where, "n.account_id = ?")
		q.Args = append(q.Args, f.AccountID)
	}
	if f.Kind != "" {
		q.Where = append(q.Where, "n.kind = ?")
		q.Args = append(q.Args, f.Kind)
	}
	return q
}

// Notes returns one page of a timeline of notes.
func (s *Store) Notes(ctx context.Context, f NoteFilter, req PageReq) (Page[model.Note], error) {
	p, err := queryPage(ctx, s.db, f.query(), req, func(r *sql.Rows, c *Cursor) (model.Note, error) {
		return scanNote(r, &c.Lead, &c.Key, &c.ID)
	})
	if err != nil {
		return p, fmt.Errorf("store: list notes: %w", mapErr(err))
	}
	return p, nil
}

// Note returns one note.
func (s *Store) Note(ctx context.Context, id int64) (model.Note, error) {
	n, err := getNote(ctx, s.db, id)
	if err != nil {
		return n, fmt.Errorf("store: note %d: %w", id, mapErr(err))
	}
	return n, nil
}

func getNote(ctx context.Context, db querier, id int64) (model.Note, error) {
	return scanNote(db.QueryRowContext(ctx, "SELECT "+noteCols+" FROM "+noteFrom+" WHERE n.id = ?", id))
}

// CreateNote saves a note. A note on a person is also on their account. The
// date defaults to today.
func (s *Store) CreateNote(ctx context.Context, n model.Note) (model.Note, error) {
	err := s.write(ctx, "add note", func(tx *sql.Tx) error {
		var err error
		n, err = s.insertNote(ctx, tx, n)
		return err
	})
	return n, err
}

func (s *Store) insertNote(ctx context.Context, tx *sql.Tx, n model.Note) (model.Note, error) {
	if n.PersonID != 0 {
		if err := tx.QueryRowContext(ctx, "SELECT account_id FROM person WHERE id = ?", n.PersonID).Scan(&n.AccountID); err != nil {
			return n, model.Invalid("person", "no such person")
		}
	}
	if n.Kind == "" {
		n.Kind = model.NoteBusiness
	}
	if n.On.IsZero() {
		n.On = s.today()
	}
	if err := n.Validate(); err != nil {
		return n, err
	}
	now := s.stamp()
	if n.UID == "" {
		n.UID = model.NewUID()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = now
	}
	if n.UpdatedAt.IsZero() {
		n.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO note (uid, account_id, person_id, kind, text, on_date, ask_after, asked_at, pinned,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		n.UID, n.AccountID, nullID(n.PersonID), n.Kind, n.Text, n.On.String(), n.AskAfter.String(), tsNull(n.AskedAt),
		n.Pinned, ts(n.CreatedAt), ts(n.UpdatedAt)).Scan(&n.ID)
	return n, err
}

// UpdateNote saves an edited note's kind, text, dates and pin.
func (s *Store) UpdateNote(ctx context.Context, n model.Note) (model.Note, error) {
	err := s.write(ctx, fmt.Sprintf("update note %d", n.ID), func(tx *sql.Tx) error {
		if err := n.Validate(); err != nil {
			return err
		}
		n.UpdatedAt = s.stamp()
		res, err := tx.ExecContext(ctx, `UPDATE note SET kind = ?, text = ?, on_date = ?, ask_after = ?, asked_at = ?, pinned = ?,
			updated_at = ? WHERE id = ?`, n.Kind, n.Text, n.On.String(), n.AskAfter.String(), tsNull(n.AskedAt), n.Pinned,
			ts(n.UpdatedAt), n.ID)
		if err != nil {
			return err
		}
		return mustAffect(res)
	})
	return n, err
}

// PinNote pins a note to the top of its timeline, or unpins it.
func (s *Store) PinNote(ctx context.Context, id int64, pinned bool) error {
	return s.write(ctx, fmt.Sprintf("pin note %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE note SET pinned = ?, updated_at = ? WHERE id = ?", pinned, ts(s.stamp()), id)
		if err != nil {
			return err
		}
		return mustAffect(res)
	})
}

// MarkNoteAsked takes an ask-about note off Today (or, with asked false, puts
// it back).
func (s *Store) MarkNoteAsked(ctx context.Context, id int64, asked bool) error {
	return s.write(ctx, fmt.Sprintf("mark note %d asked", id), func(tx *sql.Tx) error {
		return markAsked(ctx, tx, id, asked, s.stamp())
	})
}

func markAsked(ctx context.Context, tx *sql.Tx, id int64, asked bool, now time.Time) error {
	var v any
	if asked {
		v = ts(now)
	}
	res, err := tx.ExecContext(ctx, "UPDATE note SET asked_at = ?, updated_at = ? WHERE id = ?", v, ts(now), id)
	if err != nil {
		return err
	}
	return mustAffect(res)
}

// DeleteNote deletes a note for good.
func (s *Store) DeleteNote(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete note %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "note", id)
	})
}
