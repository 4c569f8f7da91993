package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"rapport/model"
)

// TouchFilter selects touches: of one person, or of an account.
type TouchFilter struct {
	PersonID  int64
	AccountID int64
}

const touchCols = `t.id, t.uid, t.account_id, acc.uid, acc.name, t.kind, t.on_date, t.summary, t.text, t.message_id, t.created_at, t.updated_at`

const touchFrom = "touch t CROSS JOIN account acc ON acc.id = t.account_id"

// scanTouch reads a touch without its people (attachTouchPeople adds them).
func scanTouch(sc scanner, extra ...any) (model.Touch, error) {
	var t model.Touch
	var on, created, updated string
	dest := []any{&t.ID, &t.UID, &t.AccountID, &t.AccountUID, &t.AccountName, &t.Kind, &on, &t.Summary, &t.Text,
		&t.MessageID, &created, &updated}
	err := sc.Scan(append(dest, extra...)...)
	t.On = parseDate(on)
	t.CreatedAt, t.UpdatedAt = parseTS(created), parseTS(updated)
	return t, err
}

// touchDoc is a touch as the JSON document holds it: account and people by
// uid, no row ids or names.
func touchDoc(t model.Touch) model.Touch {
	t.ID, t.AccountID, t.PersonIDs, t.PersonNames, t.AccountName = 0, 0, nil, nil, ""
	return t
}

// A timeline of touches is newest first. An account's is read through
// touch_account; a person's through touch_person_day, which holds each
// touch's day beside the person (a trigger keeps it), so a page of someone
// with 20,000 touches reads its few rows in order rather than sorting all.
func (f TouchFilter) query() pageQuery {
	q := pageQuery{Cols: touchCols, From: touchFrom, Sort: listSort{Col: "t.on_date", Desc: true}}
	if f.PersonID != 0 {
		q.From = "touch_person tp CROSS JOIN touch t ON t.id = tp.touch_id CROSS JOIN account acc ON acc.id = t.account_id"
		q.Sort, q.ID = listSort{Col: "tp.on_date", Desc: true}, "tp.touch_id"
		q.Where = append(q.Where, "tp.person_id = ?")
		q.Args = append(q.Args, f.PersonID)
	}
	if f.AccountID != 0 {
		q.Where = append(q.Where, "t.account_id = ?")
		q.Args = append(q.Args, f.AccountID)
	}
	return q
}

// Touches returns one page of touches, newest first, each with its people.
func (s *Store) Touches(ctx context.Context, f TouchFilter, req PageReq) (Page[model.Touch], error) {
	var p Page[model.Touch]
	err := s.read(ctx, "list touches", func(tx *sql.Tx) error {
		var err error
		p, err = touches(ctx, tx, f, req)
		return err
	})
	return p, err
}

func touches(ctx context.Context, tx *sql.Tx, f TouchFilter, req PageReq) (Page[model.Touch], error) {
	p, err := queryPage(ctx, tx, f.query(), req, func(r *sql.Rows, c *Cursor) (model.Touch, error) {
		return scanTouch(r, &c.Key, &c.ID)
	})
	if err != nil {
		return p, err
	}
	return p, attachTouchPeople(ctx, tx, p.Items, false)
}

// getTouch loads one touch with its people.
func getTouch(ctx context.Context, db querier, id int64) (model.Touch, error) {
	t, err := scanTouch(db.QueryRowContext(ctx, "SELECT "+touchCols+" FROM "+touchFrom+" WHERE t.id = ?", id))
	if err != nil {
		return t, err
	}
	one := []model.Touch{t}
	err = attachTouchPeople(ctx, db, one, false)
	return one[0], err
}

// attachTouchPeople fills the people of touches, in their order, with one
// query; every reads the people of all touches (an export holds them all).
func attachTouchPeople(ctx context.Context, db querier, ts []model.Touch, every bool) error {
	if len(ts) == 0 {
		return nil
	}
	at := make(map[int64]int, len(ts))
	ids := make([]int64, len(ts))
	for i, t := range ts {
		at[t.ID], ids[i] = i, t.ID
	}
	where, args := parentsIn("tp.touch_id", ids, every)
	rows, err := db.QueryContext(ctx, `SELECT tp.touch_id, p.id, p.uid, p.name FROM touch_person tp
		JOIN person p ON p.id = tp.person_id`+where+` ORDER BY tp.touch_id, tp.position, p.uid`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var tid, pid int64
		var uid, name string
		if err := rows.Scan(&tid, &pid, &uid, &name); err != nil {
			return err
		}
		if i, ok := at[tid]; ok {
			t := &ts[i]
			t.PersonIDs = append(t.PersonIDs, pid)
			t.PersonUIDs = append(t.PersonUIDs, uid)
			t.PersonNames = append(t.PersonNames, name)
		}
	}
	return rows.Err()
}

// LogTouch saves a touch with its people and restarts each person's cadence.
// The account defaults to the first person's.
func (s *Store) LogTouch(ctx context.Context, t model.Touch, askedNotes ...int64) (model.Touch, error) {
	err := s.write(ctx, "log touch", func(tx *sql.Tx) error {
		var err error
		if t, err = s.insertTouch(ctx, tx, t, true); err != nil {
			return err
		}
		for _, id := range askedNotes {
			if err := markAsked(ctx, tx, id, true, s.stamp()); err != nil {
				return fmt.Errorf("note %d: %w", id, err)
			}
		}
		return nil
	})
	return t, err
}

func (s *Store) insertTouch(ctx context.Context, tx *sql.Tx, t model.Touch, refresh bool) (model.Touch, error) {
	if t.AccountID == 0 && len(t.PersonIDs) > 0 {
		if err := tx.QueryRowContext(ctx, "SELECT account_id FROM person WHERE id = ?", t.PersonIDs[0]).Scan(&t.AccountID); err != nil {
			return t, model.Invalid("people", "no such person")
		}
	}
	if t.On.IsZero() {
		t.On = s.today()
	}
	t.Summary = strings.TrimSpace(t.Summary)
	if err := t.Validate(); err != nil {
		return t, err
	}
	now := s.stamp()
	if t.UID == "" {
		t.UID = model.NewUID()
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = now
	}
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO touch (uid, account_id, kind, on_date, summary, text, message_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		t.UID, t.AccountID, t.Kind, t.On.String(), t.Summary, t.Text, t.MessageID, ts(t.CreatedAt), ts(t.UpdatedAt)).Scan(&t.ID)
	if err != nil {
		return t, err
	}
	for i, pid := range t.PersonIDs {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO touch_person (touch_id, person_id, position) VALUES (?, ?, ?)", t.ID, pid, i); err != nil {
			return t, err
		}
	}
	if !refresh {
		return t, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE account SET last_touch_on = max(last_touch_on, ?) WHERE id = ?", t.On.String(), t.AccountID); err != nil {
		return t, err
	}
	if len(t.PersonIDs) > 0 {
		args := make([]any, len(t.PersonIDs))
		for i, id := range t.PersonIDs {
			args[i] = id
		}
		return t, s.refreshTouchDue(ctx, tx, "id IN ("+placeholders(len(args))+")", args...)
	}
	return t, nil
}

// DeleteTouch deletes a touch and recomputes its people's cadence.
func (s *Store) DeleteTouch(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete touch %d", id), func(tx *sql.Tx) error {
		var acc int64
		if err := tx.QueryRowContext(ctx, "SELECT account_id FROM touch WHERE id = ?", id).Scan(&acc); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT person_id FROM touch_person WHERE touch_id = ?", id)
		if err != nil {
			return err
		}
		var people []any
		for rows.Next() {
			var pid int64
			if err := rows.Scan(&pid); err != nil {
				rows.Close()
				return err
			}
			people = append(people, pid)
		}
		rows.Close()
		if err := deleteRow(ctx, tx, "touch", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE account SET last_touch_on = coalesce((SELECT max(on_date) FROM touch WHERE account_id = ?), '') WHERE id = ?", acc, acc); err != nil {
			return err
		}
		if len(people) == 0 {
			return nil
		}
		return s.refreshTouchDue(ctx, tx, "id IN ("+placeholders(len(people))+")", people...)
	})
}

// Touch returns one touch with its people.
func (s *Store) Touch(ctx context.Context, id int64) (model.Touch, error) {
	return readOne(ctx, s, "touch", id, getTouch)
}

// UpdateTouch corrects a logged touch: its kind, day, summary, details and
// people. The cadence of everyone it had or has is counted again, and the
// account's last touch.
func (s *Store) UpdateTouch(ctx context.Context, t model.Touch) (model.Touch, error) {
	t.Summary = strings.TrimSpace(t.Summary)
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.write(ctx, fmt.Sprintf("update touch %d", t.ID), func(tx *sql.Tx) error {
		old, err := getTouch(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		t.UpdatedAt = s.stamp()
		if _, err := tx.ExecContext(ctx, "UPDATE touch SET kind = ?, on_date = ?, summary = ?, text = ?, updated_at = ? WHERE id = ?",
			t.Kind, t.On.String(), t.Summary, t.Text, ts(t.UpdatedAt), t.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM touch_person WHERE touch_id = ?", t.ID); err != nil {
			return err
		}
		people := map[int64]bool{}
		for i, pid := range t.PersonIDs {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO touch_person (touch_id, person_id, position) VALUES (?, ?, ?)", t.ID, pid, i); err != nil {
				return err
			}
			people[pid] = true
		}
		for _, pid := range old.PersonIDs {
			people[pid] = true
		}
		if _, err := tx.ExecContext(ctx, "UPDATE account SET last_touch_on = coalesce((SELECT max(on_date) FROM touch WHERE account_id = ?), '') WHERE id = ?",
			old.AccountID, old.AccountID); err != nil {
			return err
		}
		if len(people) == 0 {
			return nil
		}
		args := make([]any, 0, len(people))
		for pid := range people {
			args = append(args, pid)
		}
		if err := s.refreshTouchDue(ctx, tx, "id IN ("+placeholders(len(args))+")", args...); err != nil {
			return err
		}
		t, err = getTouch(ctx, tx, t.ID)
		return err
	})
	return t, err
}
