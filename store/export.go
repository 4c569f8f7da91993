package store

import (
	"context"
	"database/sql"

	"rapport/model"
)

// Export and Import move the whole database as one document: every record
// of every kind, archived ones too, linked by uid. Export reads one
// snapshot; Import upserts by uid, so importing the same document twice
// changes nothing the second time. Both read records with the concept
// files' scanners and child loaders, and turn them into the document's form
// with their xxxDoc functions (accountDoc, personDoc, …).

// ExportSink receives an export: each kind's list begins with List (its
// key in the document: model.KeyAccounts…) and then holds its records, in
// the document's form, one Record at a time. exchange.DatasetWriter writes
// them as the JSON document.
type ExportSink interface {
	List(key string)
	Record(v any) error
}

// exportChunk is how many records an export reads before it loads the
// rows that hang off them (a touch's people, a brief's checks): memory
// follows the chunk, not the book.
const exportChunk = 1000

// ExportTo sends everything in the database to sink — every record of
// every kind, archived ones too, with the briefs' checks, people and
// history and the touches' people — read in one snapshot, linked by uid, a
// record at a time. Each kind is in creation order (created_at, then uid),
// so equal data exports to equal bytes.
func (s *Store) ExportTo(ctx context.Context, sink ExportSink) error {
	return s.read(ctx, "export", func(tx *sql.Tx) error {
		q := func(cols, from, alias string) string { return "SELECT " + cols + " FROM " + from + byCreation(alias) }
		if err := exportKind(ctx, tx, sink, model.KeyAccounts, q(accountCols, "account a", "a"), scanAccount, nil, accountDoc); err != nil {
			return err
		}
		influences := func(ps []model.Person) error { return attachInfluences(ctx, tx, ps) }
		if err := exportKind(ctx, tx, sink, model.KeyPeople, q(personCols, personFrom, "p"), scanPerson, influences, personDoc); err != nil {
			return err
		}
		if err := exportKind(ctx, tx, sink, model.KeyNotes, q(noteCols, noteFrom, "n"), scanNote, nil, noteDoc); err != nil {
			return err
		}
		touchPeople := func(ts []model.Touch) error { return attachTouchPeople(ctx, tx, ts, false) }
		if err := exportKind(ctx, tx, sink, model.KeyTouches, q(touchCols, touchFrom, "t"), scanTouch, touchPeople, touchDoc); err != nil {
			return err
		}
		if err := exportKind(ctx, tx, sink, model.KeyHealth, q(healthCols, healthFrom, "h"), scanHealth, nil, healthDoc); err != nil {
			return err
		}
		briefParts := func(bs []model.Brief) error {
			if err := attachBriefParts(ctx, tx, bs, false); err != nil {
				return err
			}
			return attachBriefHistory(ctx, tx, bs, false)
		}
		if err := exportKind(ctx, tx, sink, model.KeyBriefs, q(briefCols, briefFrom, "b"), scanBrief, briefParts, briefDoc); err != nil {
			return err
		}
		if err := exportKind(ctx, tx, sink, model.KeyFollowUps, q(followUpCols, followUpFrom, "f"), scanFollowUp, nil, followUpDoc); err != nil {
			return err
		}
		attendees := func(ms []model.Meeting) error { return attachAttendees(ctx, tx, ms, false) }
		return exportKind(ctx, tx, sink, model.KeyMeetings, q(meetingCols, meetingFrom, "m"), scanMeeting, attendees, meetingDoc)
	})
}

// exportKind sends one kind: the records of query, read a chunk at a time,
// with attach (if any) filling what hangs off each chunk, each turned into
// the document's form by doc.
func exportKind[T any](ctx context.Context, tx *sql.Tx, sink ExportSink, key, query string, scan func(scanner, ...any) (T, error),
	attach func([]T) error, doc func(T) T) error {
	sink.List(key)
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	chunk := make([]T, 0, exportChunk)
	send := func() error {
		if attach != nil {
			if err := attach(chunk); err != nil {
				return err
			}
		}
		for _, rec := range chunk {
			if err := sink.Record(doc(rec)); err != nil {
				return err
			}
		}
		clear(chunk)
		chunk = chunk[:0]
		return nil
	}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if chunk = append(chunk, v); len(chunk) == exportChunk {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return send()
}

// Export returns everything in the database, as ExportTo sends it, in
// memory: for tests and small books; a command streams with ExportTo.
func (s *Store) Export(ctx context.Context) (model.Dataset, error) {
	ds := &datasetSink{ds: model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion,
		Accounts: []model.Account{}, People: []model.Person{}, Notes: []model.Note{}, Touches: []model.Touch{},
		Health: []model.HealthCheck{}, Briefs: []model.Brief{}, FollowUps: []model.FollowUp{}, Meetings: []model.Meeting{}}}
	if err := s.ExportTo(ctx, ds); err != nil {
		return model.Dataset{}, err
	}
	return ds.ds, nil
}

// datasetSink collects an export into a model.Dataset.
type datasetSink struct{ ds model.Dataset }

func (d *datasetSink) List(string) {}

func (d *datasetSink) Record(v any) error {
	switch r := v.(type) {
	case model.Account:
		d.ds.Accounts = append(d.ds.Accounts, r)
	case model.Person:
		d.ds.People = append(d.ds.People, r)
	case model.Note:
		d.ds.Notes = append(d.ds.Notes, r)
	case model.Touch:
		d.ds.Touches = append(d.ds.Touches, r)
	case model.HealthCheck:
		d.ds.Health = append(d.ds.Health, r)
	case model.Brief:
		d.ds.Briefs = append(d.ds.Briefs, r)
	case model.FollowUp:
		d.ds.FollowUps = append(d.ds.FollowUps, r)
	case model.Meeting:
		d.ds.Meetings = append(d.ds.Meetings, r)
	}
	return nil
}

// byCreation orders the records of the table aliased as alias as the
// document lists them.
func byCreation(alias string) string {
	return " ORDER BY " + alias + ".created_at, " + alias + ".uid"
}
