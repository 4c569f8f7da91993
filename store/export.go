package store

import (
	"context"
	"database/sql"

	"rapport/model"
)

// Export and Import move the whole database as one model.Dataset: every
// record of every kind, archived ones too, linked by uid. Export reads one
// snapshot; Import upserts by uid, so importing the same document twice
// changes nothing the second time. Both read records with the concept
// files' scanners and child loaders, and turn them into the document's form
// with their xxxDoc functions (accountDoc, personDoc, …).

// Export returns everything in the database — every record of every kind,
// archived ones too, with the briefs' checks, people and history and the
// touches' people — read in one snapshot, linked by uid. Each kind is in
// creation order (created_at, then uid), so equal data exports to equal
// bytes.
func (s *Store) Export(ctx context.Context) (model.Dataset, error) {
	ds := model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion}
	err := s.read(ctx, "export", func(tx *sql.Tx) error {
		accounts, err := readAll(ctx, tx, "account", "SELECT "+accountCols+" FROM account a"+byCreation("a"), scanAccount)
		if err != nil {
			return err
		}
		people, err := readAll(ctx, tx, "person", "SELECT "+personCols+" FROM "+personFrom+byCreation("p"), scanPerson)
		if err != nil {
			return err
		}
		notes, err := readAll(ctx, tx, "note", "SELECT "+noteCols+" FROM "+noteFrom+byCreation("n"), scanNote)
		if err != nil {
			return err
		}
		touches, err := readAll(ctx, tx, "touch", "SELECT "+touchCols+" FROM "+touchFrom+byCreation("t"), scanTouch)
		if err != nil {
			return err
		}
		if err := attachTouchPeople(ctx, tx, touches, true); err != nil {
			return err
		}
		health, err := readAll(ctx, tx, "health_check", "SELECT "+healthCols+" FROM "+healthFrom+byCreation("h"), scanHealth)
		if err != nil {
			return err
		}
		briefs, err := readAll(ctx, tx, "brief", "SELECT "+briefCols+" FROM "+briefFrom+byCreation("b"), scanBrief)
		if err != nil {
			return err
		}
		if err := attachBriefParts(ctx, tx, briefs, true); err != nil {
			return err
		}
		if err := attachBriefHistory(ctx, tx, briefs, true); err != nil {
			return err
		}
		followUps, err := readAll(ctx, tx, "follow_up", "SELECT "+followUpCols+" FROM "+followUpFrom+byCreation("f"), scanFollowUp)
		if err != nil {
			return err
		}
		ds.Accounts, ds.People, ds.Notes = docs(accounts, accountDoc), docs(people, personDoc), docs(notes, noteDoc)
		ds.Touches, ds.Health, ds.Briefs = docs(touches, touchDoc), docs(health, healthDoc), docs(briefs, briefDoc)
		ds.FollowUps = docs(followUps, followUpDoc)
		return nil
	})
	if err != nil {
		return model.Dataset{}, err
	}
	return ds, nil
}

// byCreation orders the records of the table aliased as alias as the
// document lists them.
func byCreation(alias string) string {
	return " ORDER BY " + alias + ".created_at, " + alias + ".uid"
}

// readAll runs a query of the records of a table and scans every row. The
// rows are counted first, so the slice is made once at its size rather
// than copied as it grows (hundreds of thousands of notes). It never
// returns a nil slice without an error: an empty kind is an empty list in
// the document.
func readAll[T any](ctx context.Context, db querier, table, query string, scan func(scanner, ...any) (T, error)) ([]T, error) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]T, 0, n)
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// docs turns records, in place, into the document's form.
func docs[T any](recs []T, doc func(T) T) []T {
	for i := range recs {
		recs[i] = doc(recs[i])
	}
	return recs
}
