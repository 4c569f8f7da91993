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

// riskScope says which accounts' coverage to gather: a condition on the
// account table (alias a) and its arguments.
type riskScope struct {
	where string
	args  []any
	one   bool // a single account: its first few need no window
}

// oneAccount is the scope of a single account, archived or not.
func oneAccount(id int64) riskScope { return riskScope{where: "a.id = ?", args: []any{id}, one: true} }

// keyAccounts are the live key and strategic accounts, or just one of them.
func keyAccounts(accountID int64) riskScope {
	s := riskScope{where: "a.archived_at IS NULL AND a.tier IN ('" + string(model.TierKey) + "', '" + string(model.TierStrategic) + "')"}
	if accountID != 0 {
		s.where += " AND a.id = ?"
		s.args = []any{accountID}
	}
	return s
}

// riskSummary is how many weak deciders, and how many sceptics left alone,
// a summary of an account's risks names (Coverage, CoverageRisks: Today,
// the dossiers, the portfolio, prep sheets); the rest are counted in one
// line. The map (AccountMap) names them all.
const riskSummary = 10

// wholeAccount is the most people (archived ones too) an account may
// have for Coverage to read it whole rather than on the indexes: one query of a few hundred short rows is cheaper than the
// indexes' several.
const wholeAccount = 300

// liveAccounts are every live account.
var liveAccounts = riskScope{where: "a.archived_at IS NULL"}

// Coverage gathers what the coverage rules read of one account
// (model.Coverage) on today, as a summary (riskSummary): a handful of
// reads, each on the index person_coverage, so an account of ten thousand
// people costs an index range.
func (s *Store) Coverage(ctx context.Context, accountID int64, today model.Date) (model.Coverage, error) {
	if today.IsZero() {
		today = s.today()
	}
	var c model.Coverage
	err := s.read(ctx, fmt.Sprintf("read coverage of account %d", accountID), func(tx *sql.Tx) error {
		var tier model.Tier
		if err := tx.QueryRowContext(ctx, "SELECT tier FROM account WHERE id = ?", accountID).Scan(&tier); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: no account %d", model.ErrNotFound, accountID)
			}
			return err
		}
		// An account of a usual size is read whole, in one query, and the
		// model gathers what the rules read; a larger one on the indexes.
		// Its size first, on the index alone, stopping past the mark.
		var size int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM person p WHERE p.account_id = ? LIMIT ?)",
			accountID, wholeAccount+1).Scan(&size); err != nil {
			return err
		}
		if size <= wholeAccount {
			ps, err := readWhereArgs(ctx, tx, "SELECT "+mapCols+" FROM person p WHERE p.account_id = ? AND (p.archived_at IS NULL OR p.role IN ("+
				inList(model.KeyRoles...)+")) ORDER BY p.name_fold, p.id", scanMapPerson, accountID)
			if err != nil {
				return err
			}
			c = model.CoverageOf(tier, ps, today, riskSummary)
			return nil
		}
		all, err := coverages(ctx, tx, oneAccount(accountID), today, riskSummary)
		if err != nil {
			return err
		}
		got, ok := all[accountID]
		if !ok {
			return fmt.Errorf("%w: no account %d", model.ErrNotFound, accountID)
		}
		c = got.Coverage
		return nil
	})
	return c, err
}

// RiskReq asks which accounts have coverage risks.
type RiskReq struct {
	Today     model.Date // the store's today when zero
	KeyOnly   bool       // only live key and strategic accounts (Today's section)
	AccountID int64      // only this account, when set
}

// CoverageRisks reads every account in scope that has a coverage risk,
// each as a summary (riskSummary), worst first (model.RiskWeight), then by
// name.
func (s *Store) CoverageRisks(ctx context.Context, req RiskReq) ([]model.AccountRisks, error) {
	var out []model.AccountRisks
	err := s.read(ctx, "read coverage risks", func(tx *sql.Tx) error {
		var err error
		out, err = coverageRisks(ctx, tx, req, s.today())
		return err
	})
	return out, err
}

func coverageRisks(ctx context.Context, tx *sql.Tx, req RiskReq, today model.Date) ([]model.AccountRisks, error) {
	if req.Today.IsZero() {
		req.Today = today
	}
	scope := liveAccounts
	switch {
	case req.KeyOnly:
		scope = keyAccounts(req.AccountID)
	case req.AccountID != 0:
		scope = oneAccount(req.AccountID)
	}
	all, err := coverages(ctx, tx, scope, req.Today, riskSummary)
	if err != nil {
		return nil, err
	}
	var out []model.AccountRisks
	for _, ac := range all {
		if risks := ac.Coverage.Risks(req.Today); len(risks) > 0 {
			out = append(out, model.AccountRisks{Account: ac.Account, Risks: risks})
		}
	}
	model.SortAccountRisks(out)
	return out, nil
}

// accountCoverage is an account and what the rules read of it.
type accountCoverage struct {
	Account  model.Account
	Coverage model.Coverage
}

// coverages gathers model.Coverage for every account in scope, with one
// read per kind of fact across all of them: the accounts, the live people
// counted by role, the deciders, the influential sceptics and opponents, the
// people touched lately, and the key people archived.
//
// With perAccount above 0 it is a summary: of the people past a rule's
// threshold it reads the first perAccount of each account (by name) and
// counts the rest (Coverage.MoreDeciders, MoreAgainst), so Today and the
// dossiers cost the same for an account of ten thousand.
func coverages(ctx context.Context, tx *sql.Tx, scope riskScope, today model.Date, perAccount int) (map[int64]*accountCoverage, error) {
	out := map[int64]*accountCoverage{}
	rows, err := tx.QueryContext(ctx, "SELECT a.id, a.uid, a.name, a.tier FROM account a WHERE "+scope.where, scope.args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a model.Account
		if err := rows.Scan(&a.ID, &a.UID, &a.Name, &a.Tier); err != nil {
			rows.Close()
			return nil, err
		}
		out[a.ID] = &accountCoverage{Account: a, Coverage: model.Coverage{Tier: a.Tier, LiveRoles: map[model.Role]int{}}}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	inScope := "p.account_id IN (SELECT a.id FROM account a WHERE " + scope.where + ")"

	// Whether each account has a live champion: one step into
	// person_coverage per account.
	rows, err = tx.QueryContext(ctx, "SELECT a.id FROM account a WHERE "+scope.where+" AND EXISTS (SELECT 1 FROM person p INDEXED BY person_coverage"+
		" WHERE p.account_id = a.id AND p.archived_at IS NULL AND p.role = '"+string(model.RoleChampion)+"')", scope.args...)
	if err != nil {
		return nil, fmt.Errorf("champions: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		if ac := out[id]; ac != nil {
			ac.Coverage.Champions = 1 // at least one: all the rule asks
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	// The people the rules may name, each read with what the rules say of
	// them. The rules' thresholds are applied here too, so a large account
	// returns the few at risk, not all its deciders; the model's rules
	// then decide (model.Coverage.Risks), on the same thresholds.
	people := func(what, table, cond string, more []any, limit int, into func(*model.Coverage, model.Person), left func(*model.Coverage, int)) error {
		from := " FROM " + table + " JOIN account pa ON pa.id = p.account_id WHERE " + cond + " AND " + inScope
		args := append(slices.Clone(more), scope.args...)
		if limit <= 0 {
			ps, err := readWhereArgs(ctx, tx, "SELECT "+mapCols+from+" ORDER BY p.name_fold, p.id", scanMapPerson, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			for _, p := range ps {
				if ac := out[p.AccountID]; ac != nil {
					into(&ac.Coverage, p)
				}
			}
			return nil
		}
		// One pass on the index: the first limit of each account by name,
		// each with how many the account has; then those few read by id.
		// For one account, its first few and its count need no window.
		q := "SELECT id, account_id, total FROM (SELECT p.id, p.account_id, row_number() OVER " +
			"(PARTITION BY p.account_id ORDER BY p.name_fold, p.id) AS n, count(*) OVER (PARTITION BY p.account_id) AS total" + from +
			") WHERE n <= ?"
		qargs := append(slices.Clone(args), limit)
		if scope.one {
			q = "SELECT p.id, p.account_id, (SELECT count(*)" + from + ")" + from + " ORDER BY p.name_fold, p.id LIMIT ?"
			qargs = slices.Concat(args, args, []any{limit})
		}
		rows, err := tx.QueryContext(ctx, q, qargs...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		var ids []any
		totals := map[int64]int{}
		for rows.Next() {
			var id, acc int64
			var total int
			if err := rows.Scan(&id, &acc, &total); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
			totals[acc] = total
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		ps, err := readWhereArgs(ctx, tx, "SELECT "+mapCols+" FROM person p WHERE p.id IN ("+placeholders(len(ids))+") ORDER BY p.name_fold, p.id",
			scanMapPerson, ids...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		read := map[int64]int{}
		for _, p := range ps {
			if ac := out[p.AccountID]; ac != nil {
				into(&ac.Coverage, p)
				read[p.AccountID]++
			}
		}
		for acc, total := range totals {
			if ac := out[acc]; ac != nil && total > read[acc] {
				left(&ac.Coverage, total-read[acc])
			}
		}
		return nil
	}
	deciders := inList(model.RoleDecisionMaker, model.RoleEconomicBuyer)
	// Live people past a threshold are found on an index alone (their
	// count, and which come first by name), then read by id: deciders on
	// person_coverage, sceptics and opponents on person_stance.
	const live = "person p INDEXED BY person_coverage"
	neglected, nargs := idleOver(today, model.NeglectCadences)
	if err := people("deciders", live, "p.archived_at IS NULL AND p.role IN ("+deciders+") AND (p.strength BETWEEN 1 AND ? OR "+neglected+")",
		append([]any{model.WeakStrength}, nargs...), perAccount,
		func(c *model.Coverage, p model.Person) { c.Deciders = append(c.Deciders, p) },
		func(c *model.Coverage, n int) { c.MoreDeciders = n }); err != nil {
		return nil, err
	}
	alone, aargs := idleOver(today, 1)
	if err := people("sceptics and opponents", "person p INDEXED BY person_stance", "p.archived_at IS NULL AND p.stance IN ("+inList(model.StanceSceptic, model.StanceOpponent)+
		") AND p.stance <> '' AND p.influence >= ? AND "+alone, append([]any{model.StrongInfluence}, aargs...), perAccount,
		func(c *model.Coverage, p model.Person) { c.Against = append(c.Against, p) },
		func(c *model.Coverage, n int) { c.MoreAgainst = n }); err != nil {
		return nil, err
	}
	lost := func(c *model.Coverage, p model.Person) { c.Lost = append(c.Lost, p) }
	// The key people archived are read whole: few, and only those whose
	// role nobody holds now are a gap.
	if err := people("key people archived", "person p", "p.archived_at IS NOT NULL AND p.role IN ("+inList(model.KeyRoles...)+")", nil, 0, lost,
		func(c *model.Coverage, n int) {}); err != nil {
		return nil, err
	}
	// A key person who left is a gap when nobody live holds their role:
	// whether anyone does is one step into person_coverage.
	for id, ac := range out {
		c := &ac.Coverage
		gaps := c.Lost[:0]
		for _, p := range c.Lost {
			if _, asked := c.LiveRoles[p.Role]; !asked {
				var held int
				if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM person p INDEXED BY person_coverage WHERE p.account_id = ? AND"+
					" p.archived_at IS NULL AND p.role = ?)", id, p.Role).Scan(&held); err != nil {
					return nil, fmt.Errorf("who holds the role of a key person who left: %w", err)
				}
				c.LiveRoles[p.Role] = held
			}
			if c.LiveRoles[p.Role] == 0 {
				gaps = append(gaps, p)
			}
		}
		c.Lost = gaps
	}

	// People touched lately: how many, on the index alone, and who when it
	// is one (then min(id) is theirs).
	rows, err = tx.QueryContext(ctx, "SELECT p.account_id, count(*), min(p.id) FROM person p INDEXED BY person_touched WHERE p.archived_at IS NULL AND p.last_touch_on >= ? AND "+
		inScope+" GROUP BY p.account_id", append([]any{today.AddDays(-model.ThreadDays).String()}, scope.args...)...)
	if err != nil {
		return nil, fmt.Errorf("people touched: %w", err)
	}
	ones := map[int64]int64{} // person → account, for the accounts with one
	for rows.Next() {
		var id, one int64
		var n int
		if err := rows.Scan(&id, &n, &one); err != nil {
			rows.Close()
			return nil, err
		}
		if ac := out[id]; ac != nil {
			ac.Coverage.TouchedCount = n
			if n == 1 {
				ones[one] = id
			}
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for pid, aid := range ones {
		one := model.Person{ID: pid, AccountID: aid}
		if err := tx.QueryRowContext(ctx, "SELECT uid, name FROM person WHERE id = ?", pid).Scan(&one.UID, &one.Name); err != nil {
			return nil, fmt.Errorf("the one person touched: %w", err)
		}
		out[aid].Coverage.Touched = []model.Person{one}
	}

	// How many live people an account has matters to two rules only: no
	// champion ("among N people"), and one person touched (when there are
	// others). Only those accounts are counted.
	for id, ac := range out {
		if c := &ac.Coverage; c.Champions == 0 || c.TouchedCount == 1 {
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM person p INDEXED BY person_coverage WHERE p.account_id = ? AND p.archived_at IS NULL",
				id).Scan(&c.Live); err != nil {
				return nil, fmt.Errorf("people: %w", err)
			}
		}
	}
	return out, nil
}

// mapCols are what the map and the coverage rules read of a person: a
// few columns and no joins, so an account of ten thousand reads fast.
const mapCols = `p.id, p.uid, p.account_id, p.name, p.title, p.role, p.influence, p.strength, p.stance, p.owner,
	coalesce(p.reports_to_id, 0), p.cadence_days, p.last_touch_on, p.touch_due_on, p.archived_at`

func scanMapPerson(sc scanner, _ ...any) (model.Person, error) {
	var p model.Person
	var lastTouch, due string
	var archived sql.NullString
	if err := sc.Scan(&p.ID, &p.UID, &p.AccountID, &p.Name, &p.Title, &p.Role, &p.Influence, &p.Strength, &p.Stance, &p.Owner,
		&p.ReportsToID, &p.CadenceDays, &lastTouch, &due, &archived); err != nil {
		return p, err
	}
	p.LastTouchOn, p.TouchDueOn = parseDate(lastTouch), parseDate(due)
	p.ArchivedAt = parseTSNull(archived)
	return p, nil
}

// idleOver is the condition that a person (p, at account pa) has gone
// untouched on today for more than times their cadence: since their last
// touch, or — never touched — since the day they were added (model's
// idleDays); neither known, never. With the tier's cadence the last day
// that is still in time is a constant per tier, compared as text; only a
// person's own cadence asks SQLite for a date.
func idleOver(today model.Date, times int) (string, []any) {
	since := "CASE WHEN p.last_touch_on <> '' THEN p.last_touch_on ELSE p.touch_due_on END"
	cond := "(" + since + ") <> '' AND (" + since + ") < CASE WHEN p.cadence_days > 0 THEN date(?, '-' || (? * p.cadence_days) || ' days') ELSE CASE pa.tier"
	args := []any{today.String(), times}
	for _, t := range model.Tiers {
		cond += fmt.Sprintf(" WHEN '%s' THEN ?", t)
		args = append(args, today.AddDays(-times*model.DefaultCadence(t)).String())
	}
	cond += " ELSE ? END END"
	args = append(args, today.AddDays(-times*model.DefaultCadence("")).String())
	return cond, args
}

// inList is a literal SQL list of words the model defines (never user text).
func inList[T ~string](words ...T) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(string(w), "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

// AccountMap reads an account's relationship map in one snapshot: its
// live people by name with whom they sway, and its coverage risks on
// today (the store's today when zero). Each person holds what the map
// shows (mapCols): no account name, contact details or notes.
func (s *Store) AccountMap(ctx context.Context, accountID int64, today model.Date) (model.RelMap, error) {
	if today.IsZero() {
		today = s.today()
	}
	m := model.RelMap{Today: today}
	err := s.read(ctx, fmt.Sprintf("read the map of account %d", accountID), func(tx *sql.Tx) error {
		var err error
		if m.Account, err = getAccount(ctx, tx, accountID); err != nil {
			return err
		}
		m.People, err = readWhereArgs(ctx, tx, "SELECT "+mapCols+" FROM person p"+
			" WHERE p.account_id = ? AND p.archived_at IS NULL ORDER BY p.name_fold, p.id", scanMapPerson, accountID)
		if err != nil {
			return fmt.Errorf("people: %w", err)
		}
		at := make(map[int64]int, len(m.People))
		for i, p := range m.People {
			at[p.ID] = i
		}
		rows, err := tx.QueryContext(ctx, `SELECT pi.person_id, pi.influences_id FROM person_influence pi
			JOIN person p ON p.id = pi.person_id WHERE p.account_id = ? AND p.archived_at IS NULL
			ORDER BY pi.person_id, pi.position`, accountID)
		if err != nil {
			return fmt.Errorf("influence: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var from, to int64
			if err := rows.Scan(&from, &to); err != nil {
				return err
			}
			if i, ok := at[from]; ok {
				m.People[i].InfluencesIDs = append(m.People[i].InfluencesIDs, to)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// The rules read the people on the map, and the key people who left.
		lost, err := readWhereArgs(ctx, tx, "SELECT "+mapCols+" FROM person p WHERE p.account_id = ? AND p.archived_at IS NOT NULL AND p.role IN ("+
			inList(model.KeyRoles...)+") ORDER BY p.name_fold, p.id", scanMapPerson, accountID)
		if err != nil {
			return fmt.Errorf("key people who left: %w", err)
		}
		m.Risks = model.CoverageOf(m.Account.Tier, append(slices.Clone(m.People), lost...), today, 0).Risks(today)
		return nil
	})
	return m, err
}
