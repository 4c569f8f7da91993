package store

import (
	"context"
	"database/sql"
	"fmt"

	"rapport/model"
)

// A snapshot is a record as the JSON document holds it — linked by uid —
// taken before a change so the change can be undone: Restore writes it
// back as an import does, matching by uid, so an edited record returns to
// what it was and a deleted one returns with its uid, its children and its
// links.

// Kinds of record a snapshot holds beyond quick find's: a touch and a
// health check.
const (
	HitTouch   HitKind = 6
	HitHealth  HitKind = 7
	HitMeeting HitKind = 8
)

// Snapshot returns the record kind/id as a document. With deep it also
// holds everything that deleting the record takes with it or unlinks (an
// account's people, notes, touches, health checks, briefs and follow-ups;
// a person's notes and touches, the briefs they are on, their follow-ups
// and the people who report to them; a brief's follow-ups), so Restore
// after a delete brings all of it back.
func (s *Store) Snapshot(ctx context.Context, kind HitKind, id int64, deep bool) (model.Dataset, error) {
	var ds model.Dataset
	err := s.read(ctx, "snapshot", func(tx *sql.Tx) error {
		return snapshot(ctx, tx, &ds, kind, id, deep)
	})
	if err != nil {
		return model.Dataset{}, err
	}
	ds.Format, ds.Version = model.DatasetFormat, model.DatasetVersion
	return ds, nil
}

func snapshot(ctx context.Context, tx *sql.Tx, ds *model.Dataset, kind HitKind, id int64, deep bool) error {
	notes := func(where string) error {
		ns, err := readWhere(ctx, tx, "SELECT "+noteCols+" FROM "+noteFrom+" WHERE "+where, scanNote, id)
		ds.Notes = append(ds.Notes, docs(ns, noteDoc)...)
		return err
	}
	touches := func(where string) error {
		ts, err := readWhere(ctx, tx, "SELECT "+touchCols+" FROM "+touchFrom+" WHERE "+where, scanTouch, id)
		if err == nil {
			err = attachTouchPeople(ctx, tx, ts, false)
		}
		ds.Touches = append(ds.Touches, docs(ts, touchDoc)...)
		return err
	}
	briefs := func(where string) error {
		bs, err := readWhere(ctx, tx, "SELECT "+briefCols+" FROM "+briefFrom+" WHERE "+where, scanBrief, id)
		if err == nil {
			err = attachBriefParts(ctx, tx, bs, false)
		}
		if err == nil {
			err = attachBriefHistory(ctx, tx, bs, false)
		}
		ds.Briefs = append(ds.Briefs, docs(bs, briefDoc)...)
		return err
	}
	followUps := func(where string) error {
		fs, err := readWhere(ctx, tx, "SELECT "+followUpCols+" FROM "+followUpFrom+" WHERE "+where, scanFollowUp, id)
		ds.FollowUps = append(ds.FollowUps, docs(fs, followUpDoc)...)
		return err
	}
	people := func(where string) error {
		ps, err := readWhere(ctx, tx, "SELECT "+personCols+" FROM "+personFrom+" WHERE "+where, scanPerson, id)
		if err == nil {
			err = attachInfluences(ctx, tx, ps)
		}
		ds.People = append(ds.People, docs(ps, personDoc)...)
		return err
	}
	var steps []func() error
	switch kind {
	case HitAccount:
		steps = append(steps, func() error {
			a, err := getAccount(ctx, tx, id)
			ds.Accounts = append(ds.Accounts, accountDoc(a))
			return err
		})
		if deep {
			steps = append(steps,
				func() error { return people("p.account_id = ?") },
				func() error { return notes("n.account_id = ?") },
				func() error { return touches("t.account_id = ?") },
				func() error {
					hs, err := readWhere(ctx, tx, "SELECT "+healthCols+" FROM "+healthFrom+" WHERE h.account_id = ?", scanHealth, id)
					ds.Health = append(ds.Health, docs(hs, healthDoc)...)
					return err
				},
				func() error { return briefs("b.account_id = ?") },
				func() error { return followUps("f.account_id = ?") })
		}
	case HitPerson:
		steps = append(steps, func() error { return people("p.id = ?") })
		if deep {
			steps = append(steps,
				func() error { return people("p.reports_to_id = ?") },
				func() error { return notes("n.person_id = ?") },
				func() error { return touches("t.id IN (SELECT touch_id FROM touch_person WHERE person_id = ?)") },
				func() error { return briefs("b.id IN (SELECT brief_id FROM brief_person WHERE person_id = ?)") },
				func() error { return followUps("f.person_id = ?") })
		}
	case HitBrief:
		steps = append(steps, func() error { return briefs("b.id = ?") })
		if deep {
			steps = append(steps, func() error { return followUps("f.brief_id = ?") })
		}
	case HitNote:
		steps = append(steps, func() error { return notes("n.id = ?") })
	case HitTouch:
		steps = append(steps, func() error { return touches("t.id = ?") })
	case HitHealth:
		steps = append(steps, func() error {
			h, err := getHealth(ctx, tx, id)
			ds.Health = append(ds.Health, healthDoc(h))
			return err
		})
	case HitFollowUp:
		steps = append(steps, func() error { return followUps("f.id = ?") })
	case HitMeeting:
		steps = append(steps, func() error {
			m, err := getMeeting(ctx, tx, id)
			if err == nil {
				ds.Meetings = append(ds.Meetings, meetingDoc(m))
			}
			return err
		})
	default:
		return fmt.Errorf("%w: no snapshot of a %s", model.ErrInvalid, kind)
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return err
		}
		if i == 0 && ds.Total() == 0 { // the record itself is gone
			return fmt.Errorf("%s %d: %w", kind, id, model.ErrNotFound)
		}
	}
	return nil
}

// readWhere reads the records a query with one argument selects.
func readWhere[T any](ctx context.Context, db querier, query string, scan func(scanner, ...any) (T, error), arg any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Restore writes a snapshot back, in one transaction: each record is
// matched by uid, so one that was edited since returns to what the
// snapshot holds and one deleted since is created again with its uid, its
// children and its links.
func (s *Store) Restore(ctx context.Context, ds model.Dataset) error {
	_, err := s.Import(ctx, ds, ImportOptions{})
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	return nil
}

// IDOf returns the row id of the record of kind with uid. Undo finds a
// record by uid: one written back by Restore has a new row id.
func (s *Store) IDOf(ctx context.Context, kind HitKind, uid string) (int64, error) {
	table := map[HitKind]string{HitAccount: "account", HitPerson: "person", HitBrief: "brief", HitNote: "note",
		HitFollowUp: "follow_up", HitTouch: "touch", HitHealth: "health_check", HitMeeting: "meeting"}[kind]
	if table == "" {
		return 0, fmt.Errorf("store: %w: no %s by uid", model.ErrInvalid, kind)
	}
	var id int64
	err := s.read(ctx, "find "+kind.String(), func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE uid = ?", uid).Scan(&id)
	})
	return id, err
}

// docs turns records, in place, into the document's form.
func docs[T any](recs []T, doc func(T) T) []T {
	for i := range recs {
		recs[i] = doc(recs[i])
	}
	return recs
}
