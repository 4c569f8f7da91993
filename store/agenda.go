package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rapport/model"
)

// AgendaReq asks for the Today agenda.
type AgendaReq struct {
	Today     model.Date // the day to look from; the store's today when zero
	Days      int        // how far upcoming follow-ups look ahead; model.DefaultAgendaDays when 0
	AccountID int64      // scope to one account when set
	Limit     int        // rows per section; DefaultAgendaLimit when 0
}

// DefaultAgendaLimit is how many rows each agenda section holds by default;
// the counts go on past it.
const DefaultAgendaLimit = 50

// Agenda reads the Today agenda in one snapshot. Each section is read through
// its own index and capped at req.Limit rows; its count is the full total.
// Archived accounts, people and briefs are left out, and so are follow-ups on
// archived accounts: the agenda scoped to an archived account is empty.
func (s *Store) Agenda(ctx context.Context, req AgendaReq) (model.Agenda, error) {
	if req.Today.IsZero() {
		req.Today = s.today()
	}
	if req.Days <= 0 {
		req.Days = model.DefaultAgendaDays
	}
	if req.Limit <= 0 {
		req.Limit = DefaultAgendaLimit
	}
	req.Limit = min(req.Limit, MaxPage)
	a := model.Agenda{Today: req.Today, Days: req.Days}
	what := "read agenda"
	if req.AccountID != 0 {
		what = fmt.Sprintf("read agenda of account %d", req.AccountID)
	}
	// The coverage risks (live key and strategic accounts: none when the
	// scope is archived) are read beside the rest, on a second connection:
	// on a book with an account of thousands they cost as much as all the
	// other sections together.
	type risksRead struct {
		risks []model.AccountRisks
		err   error
	}
	risksCh := make(chan risksRead, 1)
	go func() {
		risks, err := s.CoverageRisks(ctx, RiskReq{Today: req.Today, KeyOnly: true, AccountID: req.AccountID})
		risksCh <- risksRead{risks, err}
	}()
	err := s.read(ctx, what, func(tx *sql.Tx) error {
		if err := agenda(ctx, tx, req, &a); err != nil {
			return err
		}
		return s.agendaMeetings(ctx, tx, req, &a)
	})
	r := <-risksCh
	if err != nil {
		return model.Agenda{}, err
	}
	if r.err != nil {
		return model.Agenda{}, fmt.Errorf("store: coverage risks: %w", r.err)
	}
	a.Counts.Risks = len(r.risks)
	a.Risks = r.risks[:min(len(r.risks), req.Limit)]
	return a, nil
}

// agendaTrace, when set (by a test), sees every section query the agenda
// runs, so their plans can be checked.
var agendaTrace func(query string, args []any)

// agendaRow runs a one-row section query.
func agendaRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if agendaTrace != nil {
		agendaTrace(query, args)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// archivedAccounts selects the ids of archived accounts, for IN; they are
// few, and account_archived holds them.
const archivedAccounts = "SELECT id FROM account WHERE archived_at IS NOT NULL"

// onLiveAccount is the condition that col, a row's account, is not archived
// (a follow-up may have no account).
func onLiveAccount(col string) string {
	return "(" + col + " IS NULL OR " + col + " NOT IN (" + archivedAccounts + "))"
}

// agendaQuery is one section of the agenda. Its count reads the section's
// index alone: each index carries the row's account, so rows on archived
// accounts are left out without reading the rows. Its rows join what they
// show and stop at the limit.
type agendaQuery struct {
	table      string   // the section's table and alias, e.g. "follow_up f"
	where      []string // conditions on table, within the section's index
	args       []any
	accountCol string // the row's account, e.g. "f.account_id"
	index      string // the index the section's total is counted through, when the planner would not pick it

	from      string   // table with the joins the rows show
	rowWhere  []string // conditions on the joins: archived accounts and people
	cols      string
	order     string
	orderArgs []any // bound after args, for placeholders in order
}

func (q agendaQuery) and(cond string, args ...any) agendaQuery {
	q.where = append(slices.Clone(q.where), cond)
	q.args = append(slices.Clone(q.args), args...)
	return q
}

func whereSQL(conds ...[]string) string {
	all := slices.Concat(conds...)
	if len(all) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(all, " AND ")
}

// count counts the section; skipArchived (no account is archived, or the
// agenda is scoped to one that is not) saves looking for archived accounts.
func (q agendaQuery) count(ctx context.Context, tx *sql.Tx, skipArchived bool) (int, error) {
	table, where := q.table, q.where
	if q.index != "" {
		table += " INDEXED BY " + q.index
	}
	if !skipArchived {
		where = append(slices.Clone(where), onLiveAccount(q.accountCol))
	}
	var n int
	err := agendaRow(ctx, tx, "SELECT count(*) FROM "+table+whereSQL(where), q.args...).Scan(&n)
	return n, err
}

func (q agendaQuery) countInto(ctx context.Context, tx *sql.Tx, skipArchived bool, n *int) error {
	var err error
	*n, err = q.count(ctx, tx, skipArchived)
	return err
}

// section counts a section and, when it has any, reads its first rows.
func section[T any](ctx context.Context, tx *sql.Tx, q agendaQuery, skipArchived bool, limit int, rows *[]T, count *int,
	scan func(*sql.Rows) (T, error)) error {
	var err error
	if *count, err = q.count(ctx, tx, skipArchived); err != nil || *count == 0 {
		return err
	}
	return readSection(ctx, tx, q, limit, rows, scan)
}

// readSection reads up to limit rows of a section.
func readSection[T any](ctx context.Context, tx *sql.Tx, q agendaQuery, limit int, rows *[]T, scan func(*sql.Rows) (T, error)) error {
	query, args := "SELECT "+q.cols+" FROM "+q.from+whereSQL(q.where, q.rowWhere)+" ORDER BY "+q.order+" LIMIT ?",
		slices.Concat(q.args, q.orderArgs, []any{limit})
	if agendaTrace != nil {
		agendaTrace(query, args)
	}
	r, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer r.Close()
	for r.Next() {
		v, err := scan(r)
		if err != nil {
			return err
		}
		*rows = append(*rows, v)
	}
	return r.Err()
}

func agenda(ctx context.Context, tx *sql.Tx, req AgendaReq, a *model.Agenda) error {
	// Archived accounts are rare: when there are none (or the agenda is
	// scoped to a live account) nothing needs leaving out by account.
	var skipArchived bool
	if req.AccountID != 0 {
		var archived sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT archived_at FROM account WHERE id = ?", req.AccountID).Scan(&archived)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no account %d", model.ErrNotFound, req.AccountID)
		}
		if err != nil {
			return err
		}
		if archived.Valid {
			return nil // an archived account has nothing on the agenda
		}
		skipArchived = true
	} else if err := tx.QueryRowContext(ctx, "SELECT NOT EXISTS ("+archivedAccounts+")").Scan(&skipArchived); err != nil {
		return err
	}
	today := req.Today.String()
	scope := func(q agendaQuery) agendaQuery {
		if req.AccountID != 0 {
			return q.and(q.accountCol+" = ?", req.AccountID)
		}
		return q
	}

	// Follow-ups: ranges of follow_up_open (agenda_on, id, account_id), or of
	// follow_up_account (account_id, agenda_on) when scoped.
	open := scope(agendaQuery{
		table: "follow_up f", where: []string{"f.done_at IS NULL"}, accountCol: "f.account_id",
		from: followUpFrom, rowWhere: []string{"a.archived_at IS NULL"}, // NULL too when there is no account
		cols: followUpCols, order: "f.agenda_on, f.id",
	})
	scanF := func(r *sql.Rows) (model.FollowUp, error) { return scanFollowUp(r) }
	for _, sec := range []struct {
		q     agendaQuery
		rows  *[]model.FollowUp
		count *int
	}{
		{open.and("f.agenda_on < ?", today), &a.Overdue, &a.Counts.Overdue},
		{open.and("f.agenda_on = ?", today), &a.DueToday, &a.Counts.DueToday},
		{open.and("f.agenda_on > ? AND f.agenda_on <= ?", today, req.Today.AddDays(req.Days).String()), &a.Upcoming, &a.Counts.Upcoming},
	} {
		if err := section(ctx, tx, sec.q, skipArchived, req.Limit, sec.rows, sec.count, scanF); err != nil {
			return fmt.Errorf("follow-ups: %w", err)
		}
	}
	if a.Counts.Overdue+a.Counts.DueToday > 0 {
		// A literal kind lets the count read the partial index follow_up_promise.
		var err error
		a.Counts.PromisesDue, err = open.and("f.agenda_on <= ? AND f.kind = '"+string(model.KindPromise)+"'", today).count(ctx, tx, skipArchived)
		if err != nil {
			return fmt.Errorf("count promises: %w", err)
		}
	}

	// People due a touch: person_touch_due (touch_due_on, id, account_id).
	// Over the whole book most people can be due, and the planner then
	// prefers scanning the table; the index holds all the count reads, at
	// a fifth of the time. Scoped to an account, person_account is better.
	touchIndex := "person_touch_due"
	if req.AccountID != 0 {
		touchIndex = ""
	}
	touch := scope(agendaQuery{
		table: "person p", index: touchIndex, where: []string{"p.archived_at IS NULL", "p.touch_due_on > ''", "p.touch_due_on <= ?"},
		args: []any{today}, accountCol: "p.account_id",
		from: personFrom, rowWhere: []string{"acc.archived_at IS NULL"}, cols: personCols, order: "p.touch_due_on, p.id",
	})
	if err := section(ctx, tx, touch, skipArchived, req.Limit, &a.TouchDue, &a.Counts.TouchDue,
		func(r *sql.Rows) (model.Person, error) { return scanPerson(r) }); err != nil {
		return fmt.Errorf("people due a touch: %w", err)
	}

	// Notes to ask about: note_ask (ask_after, id, person_id, account_id).
	// A note on an archived person is left out too, through person_archived.
	ask := scope(agendaQuery{
		table: "note n",
		where: []string{"n.ask_after <> ''", "n.asked_at IS NULL", "n.ask_after <= ?",
			"(n.person_id IS NULL OR n.person_id NOT IN (SELECT id FROM person WHERE archived_at IS NOT NULL))"},
		args: []any{today}, accountCol: "n.account_id",
		from: noteFrom, rowWhere: []string{"acc.archived_at IS NULL"}, cols: noteCols, order: "n.ask_after, n.id",
	})
	if err := section(ctx, tx, ask, skipArchived, req.Limit, &a.AskAbout, &a.Counts.AskAbout,
		func(r *sql.Rows) (model.Note, error) { return scanNote(r) }); err != nil {
		return fmt.Errorf("notes to ask about: %w", err)
	}

	if err := birthdays(ctx, tx, req, scope, skipArchived, a); err != nil {
		return fmt.Errorf("birthdays: %w", err)
	}
	if err := stalledBriefs(ctx, tx, req, scope, skipArchived, a); err != nil {
		return fmt.Errorf("stalled briefs: %w", err)
	}
	return nil
}

// birthdays lists people whose next birthday falls within
// model.BirthdayDays, through person_birthday (bday_month, bday_day,
// account_id). The window is a range of (month, day) that may wrap past
// December; it spans at most two months, which are the index's ranges.
func birthdays(ctx context.Context, tx *sql.Tx, req AgendaReq, scope func(agendaQuery) agendaQuery, skipArchived bool, a *model.Agenda) error {
	from, to := req.Today, req.Today.AddDays(model.BirthdayDays)
	m1, d1, m2, d2 := int(from.Month()), from.Day(), int(to.Month()), to.Day()
	if m2 == 2 && d2 == 28 {
		d2 = 29 // in a common year a 29 February birthday falls on the 28th
	}
	join := " AND "
	if m2 < m1 {
		join = " OR " // Dec 25 to Jan 8
	}
	// The conditions, for the person table under alias t.
	after := func(t string) string {
		return fmt.Sprintf("(%[1]s.bday_month > ? OR (%[1]s.bday_month = ? AND %[1]s.bday_day >= ?))", t)
	}
	before := func(t string) string {
		return fmt.Sprintf("(%[1]s.bday_month < ? OR (%[1]s.bday_month = ? AND %[1]s.bday_day <= ?))", t)
	}
	// A birthday dismissed (s on Today) is gone for the year it falls in:
	// this year's in the window's first part, next year's past New Year.
	window := func(t string) []string {
		return []string{t + ".bday_month IN (?, ?)", t + ".bday_month > 0", t + ".archived_at IS NULL", "(" + after(t) + join + before(t) + ")",
			t + ".bday_dismissed_year <> CASE WHEN " + after(t) + " THEN ? ELSE ? END"}
	}
	windowArgs := []any{m1, m2, m1, m1, d1, m2, m2, d2, m1, m1, d1, from.Year(), from.Year() + 1}
	// Soonest first: this year's part of a wrapped window before next year's.
	order := func(t string) string {
		return "CASE WHEN " + after(t) + " THEN 0 ELSE 1 END, " + t + ".bday_month, " + t + ".bday_day"
	}
	orderArgs := []any{m1, m1, d1}

	q := scope(agendaQuery{table: "person p", where: window("p"), args: windowArgs, accountCol: "p.account_id"})
	if err := q.countInto(ctx, tx, skipArchived, &a.Counts.Birthdays); err != nil || a.Counts.Birthdays == 0 {
		return err
	}
	// A fortnight of birthdays in a large book is hundreds of people: pick
	// the first ids on the index alone, then read just those.
	pick := "SELECT b.id FROM person b" + whereSQL(window("b"), []string{onLiveAccount("b.account_id")})
	pickArgs := slices.Clone(windowArgs)
	if req.AccountID != 0 {
		pick += " AND b.account_id = ?"
		pickArgs = append(pickArgs, req.AccountID)
	}
	pick += " ORDER BY " + order("b") + ", b.id LIMIT ?"
	pickArgs = slices.Concat(pickArgs, orderArgs, []any{req.Limit})
	rows := agendaQuery{
		from: personFrom, where: []string{"p.id IN (" + pick + ")"}, args: pickArgs, cols: personCols,
		order: order("p") + ", p.name_fold, p.id", orderArgs: orderArgs,
	}
	var people []model.Person
	if err := readSection(ctx, tx, rows, req.Limit, &people, func(r *sql.Rows) (model.Person, error) { return scanPerson(r) }); err != nil {
		return err
	}
	for _, p := range people {
		a.Birthdays = append(a.Birthdays, model.BirthdayItem{Person: p, On: p.Birthday.Next(req.Today)})
	}
	// In a common year 29 February falls on the 28th, so sort by the day
	// itself; the sort is stable, so ties keep the query's order.
	slices.SortStableFunc(a.Birthdays, func(x, y model.BirthdayItem) int { return x.On.Compare(y.On) })
	return nil
}

// stalledBriefs lists open briefs that have sat in their stage longer than
// model.StalledAfter allows, through brief_by_stage (stage_rank,
// stage_since, id): one range per open stage.
func stalledBriefs(ctx context.Context, tx *sql.Tx, req AgendaReq, scope func(agendaQuery) agendaQuery, skipArchived bool, a *model.Agenda) error {
	var legs []string
	var legArgs []any
	a.Counts.Stalled = 0
	for _, st := range model.Stages {
		n := model.StalledAfter(st)
		if !st.Open() || n <= 0 {
			continue
		}
		// Stalled means more than n whole days since the day it entered the
		// stage: that day is before today-n. stage_since is a UTC timestamp
		// whose text starts with its day, so a text comparison does it.
		since := req.Today.AddDays(-n).String()
		// Counted a stage at a time: one range of the index each. (Put
		// together with OR, SQLite reads the whole table instead.)
		q := scope(agendaQuery{
			table: "brief b", where: []string{"b.archived_at IS NULL", "b.stage_rank = ?", "b.stage_since < ?"},
			args: []any{st.Index(), since}, accountCol: "b.account_id",
		})
		stalled, err := q.count(ctx, tx, skipArchived)
		if err != nil {
			return err
		}
		a.Counts.Stalled += stalled
		// For the rows, each stage's oldest few, read in index order (on
		// the index alone: it carries the brief's account), so only those
		// are sorted together.
		leg := "SELECT id FROM (SELECT b.id FROM brief b WHERE b.stage_rank = ? AND " +
			"b.stage_since < ? AND b.archived_at IS NULL AND " + onLiveAccount("b.account_id")
		legArgs = append(legArgs, st.Index(), since)
		if req.AccountID != 0 {
			leg += " AND b.account_id = ?"
			legArgs = append(legArgs, req.AccountID)
		}
		legs = append(legs, leg+" ORDER BY b.stage_since, b.id LIMIT ?)")
		legArgs = append(legArgs, req.Limit)
	}
	if a.Counts.Stalled == 0 {
		return nil
	}
	rows := agendaQuery{
		from: "brief b JOIN account a ON a.id = b.account_id", where: []string{"b.id IN (" + strings.Join(legs, " UNION ALL ") + ")"},
		args: legArgs, cols: "b.id, b.uid, b.account_id, a.uid, a.name, b.title, b.stage, b.stage_since, b.created_at, b.updated_at",
		order: "b.stage_since, b.id",
	}
	return readSection(ctx, tx, rows, req.Limit, &a.Stalled, func(r *sql.Rows) (model.Brief, error) {
		var b model.Brief
		var since, created, updated string
		if err := r.Scan(&b.ID, &b.UID, &b.AccountID, &b.AccountUID, &b.AccountName, &b.Title, &b.Stage, &since, &created, &updated); err != nil {
			return b, err
		}
		b.StageSince, b.CreatedAt, b.UpdatedAt = parseTS(since), parseTS(created), parseTS(updated)
		return b, nil
	})
}

// agendaMeetings reads the day's meetings, through meeting_by_start (a
// day is two short ranges of it), or meeting_by_account when scoped; an
// archived account in scope has none.
func (s *Store) agendaMeetings(ctx context.Context, tx *sql.Tx, req AgendaReq, a *model.Agenda) error {
	if req.AccountID != 0 {
		var archived bool
		if err := tx.QueryRowContext(ctx, "SELECT archived_at IS NOT NULL FROM account WHERE id = ?", req.AccountID).Scan(&archived); err != nil || archived {
			return err
		}
	}
	var err error
	a.Meetings, a.Counts.Meetings, err = s.meetingsOn(ctx, tx, req.Today, req.AccountID, req.Limit)
	if err != nil {
		return fmt.Errorf("meetings: %w", err)
	}
	return nil
}
