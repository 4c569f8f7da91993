package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rapport/model"
)

// PersonSort is an order of the people list.
type PersonSort int

const (
	PeopleByName      PersonSort = iota // A to Z
	PeopleByLastTouch                   // longest without a touch first
	PeopleByTouchDue                    // most overdue for a touch first
)

func (s PersonSort) String() string { return [...]string{"name", "last touch", "touch due"}[s] }

func (s PersonSort) order() listSort {
	switch s {
	case PeopleByLastTouch:
		return listSort{"p.last_touch_on", false}
	case PeopleByTouchDue:
		return listSort{"p.touch_due_on", false}
	}
	return listSort{"p.name_fold", false}
}

// PersonFilter selects people for a list.
type PersonFilter struct {
	Query     string // part of the name, title or account name, any case, accents or marks
	AccountID int64
	ReportsTo int64 // only the direct reports of this person
	Sort      PersonSort
	Archived  bool
}

const personCols = `p.id, p.uid, p.account_id, acc.uid, acc.name, acc.tier, p.name, p.title, p.business_unit, p.location,
	p.email, p.phone, coalesce(p.reports_to_id, 0), coalesce(boss.uid, ''), p.role, p.influence, p.strength, p.at_client_since,
	p.career_history, p.preferred_channel, p.cadence_days, p.receive_info, p.needs_to_show, p.bday_month, p.bday_day,
	p.bday_year, p.last_touch_on, p.touch_due_on, p.stance, p.owner, p.touch_snoozed_until, p.bday_dismissed_year,
	p.archived_at, p.created_at, p.updated_at`

const personFrom = "person p CROSS JOIN account acc ON acc.id = p.account_id LEFT JOIN person boss ON boss.id = p.reports_to_id"

func scanPerson(sc scanner, extra ...any) (model.Person, error) {
	var p model.Person
	var since, lastTouch, due, snoozed, created, updated string
	var archived sql.NullString
	dest := []any{&p.ID, &p.UID, &p.AccountID, &p.AccountUID, &p.AccountName, &p.AccountTier, &p.Name, &p.Title, &p.BusinessUnit,
		&p.Location, &p.Email, &p.Phone, &p.ReportsToID, &p.ReportsToUID, &p.Role, &p.Influence, &p.Strength, &since,
		&p.CareerHistory, &p.PreferredChannel, &p.CadenceDays, &p.ReceiveInfo, &p.NeedsToShow, &p.Birthday.Month,
		&p.Birthday.Day, &p.Birthday.Year, &lastTouch, &due, &p.Stance, &p.Owner, &snoozed, &p.BirthdayDismissed,
		&archived, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return p, err
	}
	p.AtClientSince, p.TouchSnoozedUntil = parseDate(since), parseDate(snoozed)
	p.LastTouchOn, p.TouchDueOn = parseDate(lastTouch), parseDate(due)
	p.ArchivedAt = parseTSNull(archived)
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return p, nil
}

// personDoc is a person as the JSON document holds them: links by uid, no
// row ids, nothing the store derives (account name and tier, last touch,
// touch due day).
func personDoc(p model.Person) model.Person {
	p.ID, p.AccountID, p.ReportsToID, p.InfluencesIDs = 0, 0, 0, nil
	p.AccountName, p.AccountTier, p.LastTouchOn, p.TouchDueOn = "", "", model.Date{}, model.Date{}
	return p
}

func (f PersonFilter) query() pageQuery {
	q := pageQuery{Cols: personCols, From: personFrom, Sort: f.Sort.order()}
	if !f.Archived {
		q.Where = append(q.Where, "p.archived_at IS NULL")
	}
	if f.AccountID != 0 {
		q.Where = append(q.Where, "p.account_id = ?")
		q.Args = append(q.Args, f.AccountID)
	}
	if f.ReportsTo != 0 {
		q.Where = append(q.Where, "p.reports_to_id = ?")
		q.Args = append(q.Args, f.ReportsTo)
	}
	if f.Query != "" {
		// The name, the title or the account: /nordlicht and /cfo find
		// people too. The accounts that match are found once, so a count
		// reads person_filter alone.
		// A person's name and title are folded as names are (no
		// apostrophes, hyphens part words); an account's name keeps them.
		var ors []string
		for _, c := range []struct{ col, fold string }{
			{"p.name_fold", model.FoldName(f.Query)}, {"p.title_fold", model.FoldName(f.Query)}, {"fa.name_fold", model.Fold(f.Query)},
		} {
			w, arg := containsFolded(c.col, c.fold)
			if c.col == "fa.name_fold" {
				w = "p.account_id IN (SELECT fa.id FROM account fa WHERE " + w + ")"
			}
			ors = append(ors, w)
			q.Args = append(q.Args, arg)
		}
		q.Where = append(q.Where, "("+strings.Join(ors, " OR ")+")")
	}
	return q
}

// countQuery counts what query lists. The joins do not change the count;
// the whole book is counted through the name index, which holds every
// column a count reads, at a tenth of the pages of the table (SQLite would
// scan the table).
func (f PersonFilter) countQuery() pageQuery {
	q := f.query()
	q.From = "person p"
	switch {
	case f.Query != "" && !f.Archived && f.AccountID == 0 && f.ReportsTo == 0:
		q.From = "person p INDEXED BY person_filter" // every column the filter reads
	case !f.Archived && f.AccountID == 0 && f.ReportsTo == 0:
		q.From = "person p INDEXED BY person_by_name"
	}
	return q
}

// People returns one page of people.
func (s *Store) People(ctx context.Context, f PersonFilter, req PageReq) (Page[model.Person], error) {
	p, err := queryPage(ctx, s.db, f.query(), req, func(r *sql.Rows, c *Cursor) (model.Person, error) {
		return scanPerson(r, &c.Key, &c.ID)
	})
	if err != nil {
		return p, fmt.Errorf("store: list people: %w", mapErr(err))
	}
	return p, nil
}

// CountPeople counts the people a filter selects.
func (s *Store) CountPeople(ctx context.Context, f PersonFilter) (int, error) {
	n, err := f.countQuery().count(ctx, s.db)
	if err != nil {
		return 0, fmt.Errorf("store: count people: %w", mapErr(err))
	}
	return n, nil
}

// PersonPosition returns where a person stands in the list a filter
// selects; ErrNotFound when the filter leaves them out.
func (s *Store) PersonPosition(ctx context.Context, f PersonFilter, id int64) (Position, error) {
	q := f.query()
	q.From = "person p" // the joins change neither the order nor the rows
	if f.Query != "" {
		q.From = "person p NOT INDEXED CROSS JOIN account acc ON acc.id = p.account_id" // the filter reads the account's name
	}
	p, err := q.position(ctx, s.db, id)
	if err != nil {
		return p, fmt.Errorf("store: position of person %d: %w", id, mapErr(err))
	}
	return p, nil
}

// Person returns one person.
func (s *Store) Person(ctx context.Context, id int64) (model.Person, error) {
	p, err := getPerson(ctx, s.db, id)
	if err != nil {
		return p, fmt.Errorf("store: person %d: %w", id, mapErr(err))
	}
	return p, nil
}

func getPerson(ctx context.Context, db querier, id int64) (model.Person, error) {
	p, err := scanPerson(db.QueryRowContext(ctx, "SELECT "+personCols+" FROM "+personFrom+" WHERE p.id = ?", id))
	if err != nil {
		return p, err
	}
	ps := []model.Person{p}
	err = attachInfluences(ctx, db, ps)
	return ps[0], err
}

// attachInfluences fills whom each person sways, by id and uid, in order
// (an empty list, not nil, for none: the person was read whole).
func attachInfluences(ctx context.Context, db querier, ps []model.Person) error {
	if len(ps) == 0 {
		return nil
	}
	at := make(map[int64]int, len(ps))
	ids := make([]any, len(ps))
	for i := range ps {
		at[ps[i].ID] = i
		ids[i] = ps[i].ID
		ps[i].InfluencesIDs, ps[i].InfluencesUIDs = []int64{}, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT pi.person_id, pi.influences_id, o.uid FROM person_influence pi
		JOIN person o ON o.id = pi.influences_id WHERE pi.person_id IN (`+placeholders(len(ids))+`)
		ORDER BY pi.person_id, pi.position`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pid, oid int64
		var uid string
		if err := rows.Scan(&pid, &oid, &uid); err != nil {
			return err
		}
		p := &ps[at[pid]]
		p.InfluencesIDs = append(p.InfluencesIDs, oid)
		p.InfluencesUIDs = append(p.InfluencesUIDs, uid)
	}
	return rows.Err()
}

// setInfluences replaces whom a person sways: people at their own account,
// not themselves, each once, in the order given.
func setInfluences(ctx context.Context, tx *sql.Tx, personID, accountID int64, ids []int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM person_influence WHERE person_id = ?", personID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for pos, id := range ids {
		if id == personID {
			return model.Invalid("influences", "a person does not sway themselves")
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		var acc int64
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT account_id, name FROM person WHERE id = ?", id).Scan(&acc, &name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.Invalid("influences", "no person %d", id)
			}
			return err
		}
		if acc != accountID {
			return model.Invalid("influences", "%s is at another account: influence is mapped within one account", model.Quote(name))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO person_influence (person_id, influences_id, position) VALUES (?, ?, ?)",
			personID, id, pos); err != nil {
			return err
		}
	}
	return nil
}

// SnoozeTouch snoozes a person's cadence: no touch is due before until (a
// holiday, leave). A zero day lifts the snooze.
func (s *Store) SnoozeTouch(ctx context.Context, id int64, until model.Date) (model.Person, error) {
	var p model.Person
	err := s.write(ctx, fmt.Sprintf("snooze person %d", id), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE person SET touch_snoozed_until = ?, updated_at = ? WHERE id = ?",
			until.String(), ts(s.stamp()), id); err != nil {
			return err
		}
		if err := s.refreshTouchDue(ctx, tx, "id = ?", id); err != nil {
			return err
		}
		var err error
		p, err = getPerson(ctx, tx, id)
		return err
	})
	return p, err
}

// DismissBirthday clears a person's birthday from Today for year (0: shows
// it again).
func (s *Store) DismissBirthday(ctx context.Context, id int64, year int) error {
	return s.write(ctx, fmt.Sprintf("dismiss birthday of person %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE person SET bday_dismissed_year = ?, updated_at = ? WHERE id = ?", year, ts(s.stamp()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("person %d: %w", id, model.ErrNotFound)
		}
		return nil
	})
}

// AccountPeople returns every current person of an account, by name, read
// a page at a time: for an export, which holds them all. Screens read what
// they show: a page of People with PersonFilter.AccountID, a boss's reports
// with PersonFilter.ReportsTo, the top of the org chart with OrgChart.
func (s *Store) AccountPeople(ctx context.Context, accountID int64) ([]model.Person, error) {
	var out []model.Person
	req := PageReq{Limit: MaxPage}
	for {
		p, err := s.People(ctx, PersonFilter{AccountID: accountID}, req)
		if err != nil {
			return nil, fmt.Errorf("store: people of account %d: %w", accountID, err)
		}
		out = append(out, p.Items...)
		if len(p.Items) < req.Limit {
			return out, nil
		}
		req.After = &p.Cursors[len(p.Cursors)-1]
	}
}

// CreatePerson saves a new person on an account.
func (s *Store) CreatePerson(ctx context.Context, p model.Person) (model.Person, error) {
	err := s.write(ctx, "create person", func(tx *sql.Tx) error {
		var err error
		if p, err = s.insertPerson(ctx, tx, p); err != nil {
			return err
		}
		p, err = getPerson(ctx, tx, p.ID)
		return err
	})
	return p, err
}

func (s *Store) insertPerson(ctx context.Context, tx *sql.Tx, p model.Person) (model.Person, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	if err := checkReportsTo(ctx, tx, p); err != nil {
		return p, err
	}
	now := s.stamp()
	if p.UID == "" {
		p.UID = model.NewUID()
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO person (uid, account_id, name, name_fold, title, title_fold, business_unit,
		location, email, phone, reports_to_id, role, influence, strength, at_client_since, career_history, preferred_channel,
		cadence_days, receive_info, needs_to_show, bday_month, bday_day, bday_year, stance, owner, touch_snoozed_until,
		bday_dismissed_year, archived_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.UID, p.AccountID, p.Name, model.FoldName(p.Name), p.Title, model.FoldName(p.Title), p.BusinessUnit, p.Location,
		p.Email, p.Phone, nullID(p.ReportsToID), p.Role, p.Influence, p.Strength, p.AtClientSince.String(), p.CareerHistory,
		p.PreferredChannel, p.CadenceDays, p.ReceiveInfo, p.NeedsToShow, int(p.Birthday.Month), p.Birthday.Day, p.Birthday.Year,
		p.Stance, p.Owner, p.TouchSnoozedUntil.String(), p.BirthdayDismissed,
		tsNull(p.ArchivedAt), ts(p.CreatedAt), ts(p.UpdatedAt)).Scan(&p.ID)
	if err != nil {
		return p, err
	}
	if err := setInfluences(ctx, tx, p.ID, p.AccountID, p.InfluencesIDs); err != nil {
		return p, err
	}
	return p, s.refreshTouchDue(ctx, tx, "id = ?", p.ID)
}

// checkReportsTo keeps the org chart within one account and free of loops.
func checkReportsTo(ctx context.Context, tx *sql.Tx, p model.Person) error {
	if p.ReportsToID == 0 {
		return nil
	}
	boss := p.ReportsToID
	for i := 0; boss != 0 && i < 1000; i++ {
		if boss == p.ID && p.ID != 0 {
			return model.Invalid("reports to", "that would make a reporting loop")
		}
		var acc int64
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT account_id, reports_to_id FROM person WHERE id = ?", boss).Scan(&acc, &next); err != nil {
			return model.Invalid("reports to", "no such person")
		}
		if i == 0 && acc != p.AccountID {
			return model.Invalid("reports to", "must be someone at the same account")
		}
		boss = next.Int64
	}
	return nil
}

// UpdatePerson saves an edited person. Moving them to another account moves
// their notes with them.
func (s *Store) UpdatePerson(ctx context.Context, p model.Person) (model.Person, error) {
	err := s.write(ctx, fmt.Sprintf("update person %d", p.ID), func(tx *sql.Tx) error {
		if err := p.Validate(); err != nil {
			return err
		}
		old, err := getPerson(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := checkReportsTo(ctx, tx, p); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE person SET account_id = ?, name = ?, name_fold = ?, title = ?, title_fold = ?,
			business_unit = ?, location = ?, email = ?, phone = ?, reports_to_id = ?, role = ?, influence = ?, strength = ?,
			at_client_since = ?, career_history = ?, preferred_channel = ?, cadence_days = ?, receive_info = ?, needs_to_show = ?,
			bday_month = ?, bday_day = ?, bday_year = ?, stance = ?, owner = ?, touch_snoozed_until = ?, bday_dismissed_year = ?,
			updated_at = ? WHERE id = ?`,
			p.AccountID, p.Name, model.FoldName(p.Name), p.Title, model.FoldName(p.Title), p.BusinessUnit, p.Location, p.Email,
			p.Phone, nullID(p.ReportsToID), p.Role, p.Influence, p.Strength, p.AtClientSince.String(), p.CareerHistory,
			p.PreferredChannel, p.CadenceDays, p.ReceiveInfo, p.NeedsToShow, int(p.Birthday.Month), p.Birthday.Day,
			p.Birthday.Year, p.Stance, p.Owner, p.TouchSnoozedUntil.String(), p.BirthdayDismissed, ts(s.stamp()), p.ID)
		if err != nil {
			return err
		}
		if old.AccountID != p.AccountID {
			if err := personMoved(ctx, tx, p.ID, p.AccountID); err != nil {
				return err
			}
		}
		if p.InfluencesIDs != nil { // nil: left as they are
			if err := setInfluences(ctx, tx, p.ID, p.AccountID, p.InfluencesIDs); err != nil {
				return err
			}
		}
		if err := s.refreshTouchDue(ctx, tx, "id = ?", p.ID); err != nil {
			return err
		}
		p, err = getPerson(ctx, tx, p.ID)
		return err
	})
	return p, err
}

// execer runs a statement: a *sql.Tx, or the prepared statements of an
// import.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// personMoved brings what hangs off a person to the account they have just
// been moved to (their row already says accountID): their notes move with
// them, and nobody left at the old account reports to them any more. The
// caller recomputes their touch due day, which the new account's tier may
// change. UpdatePerson and Import both move people through it.
func personMoved(ctx context.Context, db execer, personID, accountID int64) error {
	if _, err := db.ExecContext(ctx, "UPDATE note SET account_id = ? WHERE person_id = ?", accountID, personID); err != nil {
		return err
	}
	// Whom they sway, and who sways them, stays at the old account.
	if _, err := db.ExecContext(ctx, `DELETE FROM person_influence WHERE (person_id = ?1 AND influences_id IN
		(SELECT id FROM person WHERE account_id <> ?2)) OR (influences_id = ?1 AND person_id IN
		(SELECT id FROM person WHERE account_id <> ?2))`, personID, accountID); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "UPDATE person SET reports_to_id = NULL WHERE reports_to_id = ? AND account_id <> ?",
		personID, accountID)
	return err
}

// ArchivePerson archives (or restores) a person.
func (s *Store) ArchivePerson(ctx context.Context, id int64, archived bool) error {
	return s.write(ctx, fmt.Sprintf("archive person %d", id), func(tx *sql.Tx) error {
		return setArchived(ctx, tx, "person", id, archived, s.stamp())
	})
}

// DeletePerson deletes a person and their notes, for good.
func (s *Store) DeletePerson(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete person %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "person", id)
	})
}

// refreshTouchDue recomputes last touch and touch due day (model.TouchDue)
// for the people a WHERE clause on the person table (unqualified columns)
// selects.
func (s *Store) refreshTouchDue(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.cadence_days, a.tier, p.created_at, p.touch_snoozed_until,
		coalesce((SELECT max(tp.on_date) FROM touch_person tp WHERE tp.person_id = p.id), '')
		FROM person p JOIN account a ON a.id = p.account_id WHERE p.id IN (SELECT id FROM person WHERE `+where+`)`, args...)
	if err != nil {
		return err
	}
	type due struct {
		id        int64
		last, due string
	}
	var all []due
	for rows.Next() {
		var p model.Person
		var tier model.Tier
		var created, snoozed, last string
		if err := rows.Scan(&p.ID, &p.CadenceDays, &tier, &created, &snoozed, &last); err != nil {
			rows.Close()
			return err
		}
		added := model.DateOf(parseTS(created).In(s.loc))
		d := model.TouchDue(parseDate(last), added, p.Cadence(tier))
		if until := parseDate(snoozed); until.After(d) {
			d = until // snoozed: not due before then
		}
		all = append(all, due{p.ID, last, d.String()})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range all {
		if _, err := tx.ExecContext(ctx, "UPDATE person SET last_touch_on = ?, touch_due_on = ? WHERE id = ?", d.last, d.due, d.id); err != nil {
			return err
		}
	}
	return nil
}

// FindPeople returns the people a name query picks, by the rule every
// command uses: the whole name (any case, any accents) first; else those
// whose name, or a word of it, starts with the query.
func (s *Store) FindPeople(ctx context.Context, query string, limit int) ([]model.Person, error) {
	var out []model.Person
	err := s.read(ctx, "find people", func(tx *sql.Tx) error {
		var err error
		out, err = findByName(ctx, tx, "SELECT "+personCols+" FROM "+personFrom+" WHERE p.archived_at IS NULL AND ",
			"p.name_fold", query, limit, scanPerson)
		return err
	})
	return out, err
}

// FindAccounts is FindPeople for accounts, archived ones included (an
// import matches them, and names are unique across both).
func (s *Store) FindAccounts(ctx context.Context, query string, limit int) ([]model.Account, error) {
	return s.findAccounts(ctx, query, limit, "")
}

// FindLiveAccounts is FindAccounts without the archived ones: the accounts
// that take new notes, touches and follow-ups.
func (s *Store) FindLiveAccounts(ctx context.Context, query string, limit int) ([]model.Account, error) {
	return s.findAccounts(ctx, query, limit, "a.archived_at IS NULL AND ")
}

func (s *Store) findAccounts(ctx context.Context, query string, limit int, live string) ([]model.Account, error) {
	var out []model.Account
	err := s.read(ctx, "find accounts", func(tx *sql.Tx) error {
		var err error
		out, err = findByName(ctx, tx, "SELECT "+accountCols+" FROM account a WHERE "+live,
			"a.name_fold", query, limit, scanAccount)
		return err
	})
	return out, err
}

// findByName finds by a folded name column: a person's is folded by
// model.FoldName (apostrophes and hyphens too), an account's by model.Fold
// with its spaces collapsed (its fold is unique, and stays as it was).
func findByName[T any](ctx context.Context, db querier, base, col, query string, limit int, scan func(scanner, ...any) (T, error)) ([]T, error) {
	q := strings.Join(strings.Fields(model.Fold(query)), " ")
	if col == "p.name_fold" {
		q = model.FoldName(query)
	}
	if q == "" {
		return nil, nil
	}
	run := func(cond string, args ...any) ([]T, error) {
		return readWhereArgs(ctx, db, base+cond+" ORDER BY "+col+" LIMIT ?", scan, append(args, limit)...)
	}
	exact, err := run(col+" = ?", q)
	if err != nil || len(exact) > 0 {
		return exact, err
	}
	e := likeEscape(q)
	return run("("+col+` LIKE ? ESCAPE '\' OR `+col+` LIKE ? ESCAPE '\')`, e+"%", "% "+e+"%")
}
