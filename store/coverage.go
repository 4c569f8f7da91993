package store

import (
	"context"
	"database/sql"
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
}

// oneAccount is the scope of a single account, archived or not.
func oneAccount(id int64) riskScope { return riskScope{where: "a.id = ?", args: []any{id}} }

// keyAccounts are the live key and strategic accounts, or just one of them.
func keyAccounts(accountID int64) riskScope {
	s := riskScope{where: "a.archived_at IS NULL AND a.tier IN ('" + string(model.TierKey) + "', '" + string(model.TierStrategic) + "')"}
	if accountID != 0 {
		s.where += " AND a.id = ?"
		s.args = []any{accountID}
	}
	return s
}

// liveAccounts are every live account.
var liveAccounts = riskScope{where: "a.archived_at IS NULL"}

// Coverage gathers what the coverage rules read of one account
// (model.Coverage) on today: a handful of reads that each take the people
// they are about, so an account of ten thousand people costs what its
// deciders do.
func (s *Store) Coverage(ctx context.Context, accountID int64, today model.Date) (model.Coverage, error) {
	if today.IsZero() {
		today = s.today()
	}
	var c model.Coverage
	err := s.read(ctx, fmt.Sprintf("read coverage of account %d", accountID), func(tx *sql.Tx) error {
		all, err := coverages(ctx, tx, oneAccount(accountID), today)
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
// worst first (model.RiskWeight), then by name.
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
	all, err := coverages(ctx, tx, scope, req.Today)
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
func coverages(ctx context.Context, tx *sql.Tx, scope riskScope, today model.Date) (map[int64]*accountCoverage, error) {
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
	args := func(more ...any) []any { return append(slices.Clone(scope.args), more...) }

	// Live people, counted by role.
	rows, err = tx.QueryContext(ctx, "SELECT p.account_id, p.role, count(*) FROM person p WHERE p.archived_at IS NULL AND "+inScope+
		" GROUP BY p.account_id, p.role", args()...)
	if err != nil {
		return nil, fmt.Errorf("people by role: %w", err)
	}
	for rows.Next() {
		var id int64
		var role model.Role
		var n int
		if err := rows.Scan(&id, &role, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if ac := out[id]; ac != nil {
			ac.Coverage.Live += n
			if role != "" {
				ac.Coverage.LiveRoles[role] = n
			}
			if role == model.RoleChampion {
				ac.Coverage.Champions = n
			}
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	// The people the rules name, each read with what the rules say of them.
	people := func(what string, cond string, more []any, into func(*model.Coverage, model.Person)) error {
		q := "SELECT " + mapCols + " FROM person p WHERE " + cond + " AND " + inScope + " ORDER BY p.name_fold, p.id"
		ps, err := readWhereArgs(ctx, tx, q, scanMapPerson, append(more, scope.args...)...)
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
	deciders := inList(model.RoleDecisionMaker, model.RoleEconomicBuyer)
	if err := people("deciders", "p.archived_at IS NULL AND p.role IN ("+deciders+")", nil,
		func(c *model.Coverage, p model.Person) { c.Deciders = append(c.Deciders, p) }); err != nil {
		return nil, err
	}
	if err := people("sceptics and opponents", "p.archived_at IS NULL AND p.stance IN ("+inList(model.StanceSceptic, model.StanceOpponent)+
		") AND p.influence >= ?", []any{model.StrongInfluence},
		func(c *model.Coverage, p model.Person) { c.Against = append(c.Against, p) }); err != nil {
		return nil, err
	}
	if err := people("key people archived", "p.archived_at IS NOT NULL AND p.role IN ("+inList(model.KeyRoles...)+")", nil,
		func(c *model.Coverage, p model.Person) { c.Lost = append(c.Lost, p) }); err != nil {
		return nil, err
	}

	// People touched lately: how many, and who (id, uid, name) when it is
	// one: then each min() is theirs.
	rows, err = tx.QueryContext(ctx, "SELECT p.account_id, count(*), min(p.id), min(p.uid), min(p.name) FROM person p WHERE p.archived_at IS NULL AND p.last_touch_on >= ? AND "+
		inScope+" GROUP BY p.account_id", append([]any{today.AddDays(-model.ThreadDays).String()}, scope.args...)...)
	if err != nil {
		return nil, fmt.Errorf("people touched: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var one model.Person
		var n int
		if err := rows.Scan(&id, &n, &one.ID, &one.UID, &one.Name); err != nil {
			return nil, err
		}
		if ac := out[id]; ac != nil {
			ac.Coverage.TouchedCount = n
			one.AccountID = id
			ac.Coverage.Touched = []model.Person{one}
		}
	}
	return out, rows.Err()
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
		all, err := coverages(ctx, tx, oneAccount(accountID), today)
		if err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
		if ac := all[accountID]; ac != nil {
			m.Risks = ac.Coverage.Risks(today)
		}
		return nil
	})
	return m, err
}
