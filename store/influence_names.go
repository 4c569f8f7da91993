package store

import (
	"context"
	"database/sql"
	"fmt"

	"rapport/model"
)

// The informal map around one person, as a dossier names it. Each side is
// read through its own key of person_influence: whom they sway through the
// primary key (person_id, …), who sways them through person_influenced
// (influences_id, …). Archived people are left out: they are no longer
// there to sway anyone.
const (
	swaysSQL = `SELECT o.id, o.uid, o.name, o.title FROM person_influence pi
		JOIN person o ON o.id = pi.influences_id
		WHERE pi.person_id = ? AND o.archived_at IS NULL
		ORDER BY pi.position LIMIT ?`
	swayedBySQL = `SELECT o.id, o.uid, o.name, o.title FROM person_influence pi
		JOIN person o ON o.id = pi.person_id
		WHERE pi.influences_id = ? AND o.archived_at IS NULL
		ORDER BY o.name_fold, o.id LIMIT ?`
)

// InfluenceNames returns whom a person sways, in the order they were
// given, and who sways them, by name: at most limit of each. Only the
// id, uid, name and title of each person are filled.
func (s *Store) InfluenceNames(ctx context.Context, personID int64, limit int) (sways, swayedBy []model.Person, err error) {
	err = s.read(ctx, fmt.Sprintf("influence of person %d", personID), func(tx *sql.Tx) error {
		var err error
		if sways, err = influenceRefs(ctx, tx, swaysSQL, personID, limit); err != nil {
			return err
		}
		swayedBy, err = influenceRefs(ctx, tx, swayedBySQL, personID, limit)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return sways, swayedBy, nil
}

func influenceRefs(ctx context.Context, tx *sql.Tx, q string, personID int64, limit int) ([]model.Person, error) {
	rows, err := tx.QueryContext(ctx, q, personID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Person{}
	for rows.Next() {
		var p model.Person
		if err := rows.Scan(&p.ID, &p.UID, &p.Name, &p.Title); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
