package store

import (
	"context"
	"database/sql"
	"fmt"

	"rapport/model"
)

// AddHealthCheck records a dated satisfaction score and/or revenue figure.
func (s *Store) AddHealthCheck(ctx context.Context, h model.HealthCheck) (model.HealthCheck, error) {
	err := s.write(ctx, "record health check", func(tx *sql.Tx) error {
		var err error
		h, err = s.insertHealth(ctx, tx, h)
		return err
	})
	return h, err
}

func (s *Store) insertHealth(ctx context.Context, tx *sql.Tx, h model.HealthCheck) (model.HealthCheck, error) {
	if h.On.IsZero() {
		h.On = s.today()
	}
	if err := h.Validate(); err != nil {
		return h, err
	}
	now := s.stamp()
	if h.UID == "" {
		h.UID = model.NewUID()
	}
	if h.CreatedAt.IsZero() {
		h.CreatedAt = now
	}
	if h.UpdatedAt.IsZero() {
		h.UpdatedAt = now
	}
	var rev any
	if h.Revenue != nil {
		rev = int64(*h.Revenue)
	}
	var sat any
	if h.Satisfaction != nil {
		sat = *h.Satisfaction
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO health_check (uid, account_id, on_date, satisfaction, revenue, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, h.UID, h.AccountID, h.On.String(), sat, rev, h.Note,
		ts(h.CreatedAt), ts(h.UpdatedAt)).Scan(&h.ID)
	return h, err
}

// HealthChecks returns an account's health series, oldest first (the last
// limit entries).
func (s *Store) HealthChecks(ctx context.Context, accountID int64, limit int) ([]model.HealthCheck, error) {
	var out []model.HealthCheck
	err := s.read(ctx, fmt.Sprintf("health of account %d", accountID), func(tx *sql.Tx) error {
		var err error
		out, err = healthChecks(ctx, tx, accountID, limit)
		return err
	})
	return out, err
}

const healthCols = `h.id, h.uid, h.account_id, a.uid, h.on_date, h.satisfaction, h.revenue, h.note, h.created_at, h.updated_at`

const healthFrom = "health_check h JOIN account a ON a.id = h.account_id"

func scanHealth(sc scanner, extra ...any) (model.HealthCheck, error) {
	var h model.HealthCheck
	var on, created, updated string
	var sat, rev sql.NullInt64
	dest := []any{&h.ID, &h.UID, &h.AccountID, &h.AccountUID, &on, &sat, &rev, &h.Note, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return h, err
	}
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
	return h, nil
}

// healthDoc is a health check as the JSON document holds it: its account
// by uid, no row ids.
func healthDoc(h model.HealthCheck) model.HealthCheck {
	h.ID, h.AccountID = 0, 0
	return h
}

func getHealth(ctx context.Context, db querier, id int64) (model.HealthCheck, error) {
	return scanHealth(db.QueryRowContext(ctx, "SELECT "+healthCols+" FROM "+healthFrom+" WHERE h.id = ?", id))
}

func healthChecks(ctx context.Context, db querier, accountID int64, limit int) ([]model.HealthCheck, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+healthCols+` FROM (SELECT id, uid, account_id, on_date, satisfaction, revenue, note, created_at, updated_at FROM health_check WHERE account_id = ?
		ORDER BY on_date DESC, id DESC LIMIT ?) h JOIN account a ON a.id = h.account_id ORDER BY h.on_date, h.id`, accountID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.HealthCheck
	for rows.Next() {
		h, err := scanHealth(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// DeleteHealthCheck deletes one health check.
func (s *Store) DeleteHealthCheck(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete health check %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "health_check", id)
	})
}
