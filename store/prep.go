package store

import (
	"context"
	"database/sql"
	"fmt"

	"rapport/model"
)

// PrepReq asks for a prep sheet: of a meeting, a person or an account
// (exactly one of the ids).
type PrepReq struct {
	MeetingID, PersonID, AccountID int64
	Today                          model.Date // the store's today when zero
}

// Prep reads a prep sheet in one snapshot: for a meeting, its people (the
// attendees who are people, live ones) and its account; for a person,
// them and their account; for an account, its most influential people and
// itself. Each part is read through an index and bounded (model.Prep*).
func (s *Store) Prep(ctx context.Context, req PrepReq) (model.Prep, error) {
	if req.Today.IsZero() {
		req.Today = s.today()
	}
	p := model.Prep{Today: req.Today}
	var accountID int64
	err := s.read(ctx, "prep sheet", func(tx *sql.Tx) error {
		var people []model.Person
		switch {
		case req.MeetingID != 0:
			m, err := getMeeting(ctx, tx, req.MeetingID)
			if err != nil {
				return fmt.Errorf("meeting %d: %w", req.MeetingID, err)
			}
			p.Meeting, p.Title, accountID = &m, m.Title, m.AccountID
			seen := map[int64]bool{}
			for _, a := range m.Attendees {
				if a.PersonID == 0 || seen[a.PersonID] {
					if a.PersonID == 0 {
						p.Others = append(p.Others, a)
					}
					continue
				}
				seen[a.PersonID] = true
				pe, err := getPerson(ctx, tx, a.PersonID)
				if err != nil {
					return err
				}
				if pe.Archived() || len(people) == model.PrepPeople {
					a.PersonName = pe.Name
					p.Others = append(p.Others, a)
					continue
				}
				people = append(people, pe)
				if accountID == 0 {
					accountID = pe.AccountID
				}
			}
		case req.PersonID != 0:
			pe, err := getPerson(ctx, tx, req.PersonID)
			if err != nil {
				return fmt.Errorf("person %d: %w", req.PersonID, err)
			}
			people, p.Title, accountID = []model.Person{pe}, pe.Name, pe.AccountID
		case req.AccountID != 0:
			a, err := getAccount(ctx, tx, req.AccountID)
			if err != nil {
				return fmt.Errorf("account %d: %w", req.AccountID, err)
			}
			p.Title, accountID = a.Name, a.ID
			rows, err := tx.QueryContext(ctx, "SELECT "+personCols+" FROM "+personFrom+
				` WHERE p.account_id = ? AND p.archived_at IS NULL ORDER BY p.influence DESC, p.strength DESC, p.name_fold, p.id LIMIT ?`,
				a.ID, model.PrepKeyPeople)
			if err != nil {
				return err
			}
			for rows.Next() {
				pe, err := scanPerson(rows)
				if err != nil {
					rows.Close()
					return err
				}
				people = append(people, pe)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: a prep sheet is for a meeting, a person or an account", model.ErrInvalid)
		}
		for _, pe := range people {
			pp, err := prepPerson(ctx, tx, pe, req.Today)
			if err != nil {
				return fmt.Errorf("%s: %w", model.Quote(pe.Name), err)
			}
			p.People = append(p.People, pp)
		}
		if accountID == 0 {
			return nil
		}
		pa, err := prepAccount(ctx, tx, accountID)
		if err != nil {
			return err
		}
		p.Account = &pa
		return nil
	})
	if err != nil {
		return model.Prep{}, err
	}
	if p.Account != nil {
		risks, err := s.accountRisks(ctx, accountID, req.Today)
		if err != nil {
			return model.Prep{}, fmt.Errorf("store: coverage of account %d: %w", accountID, err)
		}
		p.Account.Risks = risks
	}
	return p, nil
}

// accountRisks are the coverage risks a prep sheet shows for an account:
// the coverage rules (model.Coverage.Risks) on what Coverage gathers.
func (s *Store) accountRisks(ctx context.Context, accountID int64, today model.Date) ([]model.Risk, error) {
	c, err := s.Coverage(ctx, accountID, today)
	return c.Risks(today), err
}

// prepPerson reads what a prep sheet says of one person.
func prepPerson(ctx context.Context, tx *sql.Tx, pe model.Person, today model.Date) (model.PrepPerson, error) {
	pp := model.PrepPerson{Person: pe}
	var err error
	pp.AskAbout, err = readWhereArgs(ctx, tx, "SELECT "+noteCols+" FROM "+noteFrom+
		` WHERE n.person_id = ? AND n.ask_after <> '' AND n.ask_after <= ? AND n.asked_at IS NULL ORDER BY n.ask_after, n.id LIMIT ?`,
		scanNote, pe.ID, today.String(), model.PrepAskAbout)
	if err != nil {
		return pp, fmt.Errorf("notes to ask about: %w", err)
	}
	open := func(kind model.FollowUpKind) ([]model.FollowUp, error) {
		return readWhereArgs(ctx, tx, "SELECT "+followUpCols+" FROM "+followUpFrom+
			` WHERE f.person_id = ? AND f.done_at IS NULL AND f.kind = ? ORDER BY f.agenda_on, f.id LIMIT ?`,
			scanFollowUp, pe.ID, kind, model.PrepOpen)
	}
	if pp.Promises, err = open(model.KindPromise); err != nil {
		return pp, fmt.Errorf("promises: %w", err)
	}
	if pp.FollowUps, err = open(model.KindFollowUp); err != nil {
		return pp, fmt.Errorf("follow-ups: %w", err)
	}
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM follow_up WHERE person_id = ? AND done_at IS NULL", pe.ID).Scan(&total); err != nil {
		return pp, err
	}
	pp.MoreOpen = total - len(pp.Promises) - len(pp.FollowUps)
	briefs, err := listBriefs(ctx, tx, BriefFilter{PersonID: pe.ID, Open: true}, PageReq{Limit: model.PrepBriefs})
	if err != nil {
		return pp, fmt.Errorf("briefs: %w", err)
	}
	for _, b := range briefs.Items {
		pb := model.PrepBrief{Brief: b}
		for _, bp := range b.People {
			if bp.PersonID == pe.ID {
				pb.Framing = bp.Framing
			}
		}
		pp.Briefs = append(pp.Briefs, pb)
	}
	ts, err := touches(ctx, tx, TouchFilter{PersonID: pe.ID}, PageReq{Limit: model.PrepTouches})
	if err != nil {
		return pp, fmt.Errorf("touches: %w", err)
	}
	pp.Touches = ts.Items
	pp.Conflicts, err = readWhereArgs(ctx, tx, "SELECT "+noteCols+" FROM "+noteFrom+
		` WHERE n.person_id = ? AND n.kind = ? AND n.on_date >= ? ORDER BY n.on_date DESC, n.id DESC LIMIT ?`,
		scanNote, pe.ID, model.NoteConflict, today.AddDays(-model.PrepConflictDays).String(), model.PrepConflicts)
	if err != nil {
		return pp, fmt.Errorf("conflicts: %w", err)
	}
	if pe.Birthday.Month != 0 {
		if next := pe.Birthday.Next(today); next.DaysSince(today) <= model.BirthdayDays {
			pp.Birthday = next
		}
	}
	return pp, nil
}

// prepAccount reads what a prep sheet says of an account: its health
// trend and its open briefs (the coverage risks come after, from
// accountRisks).
func prepAccount(ctx context.Context, tx *sql.Tx, id int64) (model.PrepAccount, error) {
	a, err := getAccount(ctx, tx, id)
	if err != nil {
		return model.PrepAccount{}, fmt.Errorf("account %d: %w", id, err)
	}
	pa := model.PrepAccount{Account: a}
	if pa.Health, err = healthChecks(ctx, tx, id, model.PrepHealth); err != nil {
		return pa, fmt.Errorf("health: %w", err)
	}
	briefs, err := queryPage(ctx, tx, BriefFilter{AccountID: id, Open: true}.query(), PageReq{Limit: model.PrepBriefs},
		func(r *sql.Rows, c *Cursor) (model.Brief, error) { return scanBrief(r, &c.Key, &c.ID) })
	if err != nil {
		return pa, fmt.Errorf("briefs: %w", err)
	}
	pa.Briefs = briefs.Items
	n, err := BriefFilter{AccountID: id, Open: true}.countQuery().count(ctx, tx)
	if err != nil {
		return pa, err
	}
	pa.MoreBriefs = n - len(pa.Briefs)
	return pa, nil
}

// readWhereArgs reads the records a query with any arguments selects.
func readWhereArgs[T any](ctx context.Context, db querier, query string, scan func(scanner, ...any) (T, error), args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
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
	return out, rows.Err()
}
