package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// AccountSort is an order of the accounts list.
type AccountSort int

const (
	SortPriority  AccountSort = iota // highest score first
	SortRevenue                      // largest current revenue first
	SortPotential                    // largest potential first
	SortLastTouch                    // longest without a touch first
	SortName                         // A to Z
)

// AccountSorts lists every sort, in the order a list steps through them.
var AccountSorts = []AccountSort{SortPriority, SortRevenue, SortPotential, SortLastTouch, SortName}

func (s AccountSort) String() string {
	return [...]string{"priority", "revenue", "potential", "last touch", "name"}[s]
}

func (s AccountSort) order() listSort {
	switch s {
	case SortRevenue:
		return listSort{"a.revenue", true}
	case SortPotential:
		return listSort{"a.potential", true}
	case SortLastTouch:
		return listSort{"a.last_touch_on", false}
	case SortName:
		return listSort{"a.name_fold", false}
	}
	return listSort{"a.score", true}
}

// AccountFilter selects accounts for a list.
type AccountFilter struct {
	Query    string // part of the name, industry or region, any case or accents
	Sort     AccountSort
	Archived bool // include archived accounts
	IDs      []int64
}

const accountCols = `a.id, a.uid, a.name, a.industry, a.region, a.countries, a.tier, a.currency, a.revenue, a.potential,
	a.outlook, a.importance, a.replaceability, a.brand, a.direction, a.notes, a.score, a.last_touch_on,
	a.archived_at, a.created_at, a.updated_at`

func scanAccount(sc scanner, extra ...any) (model.Account, error) {
	var a model.Account
	var lastTouch, created, updated string
	var archived sql.NullString
	dest := []any{&a.ID, &a.UID, &a.Name, &a.Industry, &a.Region, &a.Countries, &a.Tier, &a.Currency, &a.Revenue, &a.Potential,
		&a.Outlook, &a.Importance, &a.Replaceability, &a.Brand, &a.Direction, &a.Notes, &a.Score, &lastTouch,
		&archived, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return a, err
	}
	a.LastTouchOn = parseDate(lastTouch)
	a.ArchivedAt = parseTSNull(archived)
	a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
	return a, nil
}

// accountDoc is an account as the JSON document holds it: no row id, and
// nothing the store derives from the rest (score, last touch).
func accountDoc(a model.Account) model.Account {
	a.ID, a.Score, a.LastTouchOn = 0, 0, model.Date{}
	return a
}

func (f AccountFilter) query() pageQuery {
	q := pageQuery{Cols: accountCols, From: "account a", Sort: f.Sort.order()}
	if !f.Archived {
		q.Where = append(q.Where, "a.archived_at IS NULL")
	}
	if f.Query != "" {
		// The name, the industry or the region: /retail and /emea find
		// accounts too. A book has hundreds of accounts, not millions:
		// folding their industry and region as they are read is cheap.
		nameW, nameArg := containsFolded("a.name_fold", model.Fold(f.Query))
		otherW, otherArg := containsFolded("rapport_fold_name(a.industry || ' ' || a.region)", model.FoldName(f.Query))
		q.Where = append(q.Where, "("+nameW+" OR "+otherW+")")
		q.Args = append(q.Args, nameArg, otherArg)
	}
	if len(f.IDs) > 0 {
		q.Where = append(q.Where, "a.id IN ("+placeholders(len(f.IDs))+")")
		for _, id := range f.IDs {
			q.Args = append(q.Args, id)
		}
	}
	return q
}

// countQuery counts what query lists: the live accounts through
// account_by_name, which holds every column the count reads.
func (f AccountFilter) countQuery() pageQuery {
	q := f.query()
	if !f.Archived && len(f.IDs) == 0 {
		q.From = "account a INDEXED BY account_by_name"
	}
	return q
}

// Accounts returns one page of accounts.
func (s *Store) Accounts(ctx context.Context, f AccountFilter, req PageReq) (Page[model.Account], error) {
	p, err := queryPage(ctx, s.db, f.query(), req, func(r *sql.Rows, c *Cursor) (model.Account, error) {
		return scanAccount(r, &c.Key, &c.ID)
	})
	if err != nil {
		return p, fmt.Errorf("store: list accounts: %w", mapErr(err))
	}
	return p, nil
}

// CountAccounts counts the accounts a filter selects.
func (s *Store) CountAccounts(ctx context.Context, f AccountFilter) (int, error) {
	n, err := f.countQuery().count(ctx, s.db)
	if err != nil {
		return 0, fmt.Errorf("store: count accounts: %w", mapErr(err))
	}
	return n, nil
}

// Account returns one account.
func (s *Store) Account(ctx context.Context, id int64) (model.Account, error) {
	a, err := getAccount(ctx, s.db, id)
	if err != nil {
		return a, fmt.Errorf("store: account %d: %w", id, mapErr(err))
	}
	return a, nil
}

func getAccount(ctx context.Context, db querier, id int64) (model.Account, error) {
	return scanAccount(db.QueryRowContext(ctx, "SELECT "+accountCols+" FROM account a WHERE a.id = ?", id))
}

// CreateAccount saves a new account. A name already taken (in any case or
// accents) is refused with ErrConflict naming the account that has it.
func (s *Store) CreateAccount(ctx context.Context, a model.Account) (model.Account, error) {
	err := s.write(ctx, "create account", func(tx *sql.Tx) error {
		var err error
		a, err = s.insertAccount(ctx, tx, a)
		return err
	})
	return a, err
}

func (s *Store) insertAccount(ctx context.Context, tx *sql.Tx, a model.Account) (model.Account, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	if err := nameFree(ctx, tx, a.Name, 0); err != nil {
		return a, err
	}
	now := s.stamp()
	if a.UID == "" {
		a.UID = model.NewUID()
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = now
	}
	a.Score = a.Priority().Score
	err := tx.QueryRowContext(ctx, `INSERT INTO account (uid, name, name_fold, industry, region, countries, tier, currency,
		revenue, potential, outlook, importance, replaceability, brand, direction, notes, score, archived_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.UID, a.Name, model.Fold(a.Name), a.Industry, a.Region, a.Countries, a.Tier, a.Currency,
		a.Revenue, a.Potential, a.Outlook, a.Importance, a.Replaceability, a.Brand, a.Direction, a.Notes, a.Score,
		tsNull(a.ArchivedAt), ts(a.CreatedAt), ts(a.UpdatedAt)).Scan(&a.ID)
	return a, err
}

// nameFree refuses a name another account (not id) already has.
func nameFree(ctx context.Context, tx *sql.Tx, name string, id int64) error {
	var other string
	var archived sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT name, archived_at FROM account WHERE name_fold = ? AND id <> ?", model.Fold(name), id).Scan(&other, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	where := ""
	if archived.Valid {
		where = " (archived)"
	}
	return fmt.Errorf("%w: an account named %q already exists%s", model.ErrConflict, model.Clip(other), where)
}

// UpdateAccount saves an edited account. A changed tier moves the touch due
// dates of the account's people who follow the tier's cadence.
func (s *Store) UpdateAccount(ctx context.Context, a model.Account) (model.Account, error) {
	err := s.write(ctx, fmt.Sprintf("update account %d", a.ID), func(tx *sql.Tx) error {
		if err := a.Validate(); err != nil {
			return err
		}
		if err := nameFree(ctx, tx, a.Name, a.ID); err != nil {
			return err
		}
		old, err := getAccount(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		a.UID, a.CreatedAt, a.ArchivedAt = old.UID, old.CreatedAt, old.ArchivedAt
		a.UpdatedAt = s.stamp()
		a.Score = a.Priority().Score
		a.LastTouchOn = old.LastTouchOn
		_, err = tx.ExecContext(ctx, `UPDATE account SET name = ?, name_fold = ?, industry = ?, region = ?, countries = ?, tier = ?,
			currency = ?, revenue = ?, potential = ?, outlook = ?, importance = ?, replaceability = ?, brand = ?, direction = ?,
			notes = ?, score = ?, updated_at = ? WHERE id = ?`,
			a.Name, model.Fold(a.Name), a.Industry, a.Region, a.Countries, a.Tier, a.Currency, a.Revenue, a.Potential,
			a.Outlook, a.Importance, a.Replaceability, a.Brand, a.Direction, a.Notes, a.Score, ts(a.UpdatedAt), a.ID)
		if err != nil {
			return err
		}
		if old.Tier != a.Tier {
			return s.refreshTouchDue(ctx, tx, "account_id = ?", a.ID)
		}
		return nil
	})
	return a, err
}

// ArchiveAccount archives (or, with archived false, restores) an account.
func (s *Store) ArchiveAccount(ctx context.Context, id int64, archived bool) error {
	return s.write(ctx, fmt.Sprintf("archive account %d", id), func(tx *sql.Tx) error {
		return setArchived(ctx, tx, "account", id, archived, s.stamp())
	})
}

// DeleteAccount deletes an account and everything on it, for good.
func (s *Store) DeleteAccount(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete account %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "account", id)
	})
}

func setArchived(ctx context.Context, tx *sql.Tx, table string, id int64, archived bool, now time.Time) error {
	var v any
	if archived {
		v = ts(now)
	}
	res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET archived_at = ?, updated_at = ? WHERE id = ?", v, ts(now), id)
	if err != nil {
		return err
	}
	return mustAffect(res)
}

func deleteRow(ctx context.Context, tx *sql.Tx, table string, id int64) error {
	res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return err
	}
	return mustAffect(res)
}

func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return model.ErrNotFound
	}
	return nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

// Position is where a row stands in a sorted list: how many rows come
// before it, and its cursor, so a list can open a page right at it (quick
// find jumps to an item among 20,000 without reading the rows before it).
type Position struct {
	Index  int
	Cursor Cursor
}

// AccountPosition returns where an account stands in the list a filter
// selects; ErrNotFound when the filter leaves it out.
func (s *Store) AccountPosition(ctx context.Context, f AccountFilter, id int64) (Position, error) {
	p, err := f.query().position(ctx, s.db, id)
	if err != nil {
		return p, fmt.Errorf("store: position of account %d: %w", id, mapErr(err))
	}
	return p, nil
}

// position finds a row's sort key, then counts the rows ordered before it
// (an index range, not a scan of the rows).
func (q pageQuery) position(ctx context.Context, db querier, id int64) (Position, error) {
	idc := idCol(q.From)
	where := append(append([]string(nil), q.Where...), idc+" = ?")
	args := append(append([]any(nil), q.Args...), id)
	var key any
	err := db.QueryRowContext(ctx, "SELECT "+q.Sort.Col+" FROM "+q.From+" WHERE "+strings.Join(where, " AND "), args...).Scan(&key)
	if err != nil {
		return Position{}, err
	}
	op := "<"
	if q.Sort.Desc {
		op = ">"
	}
	before := q
	before.Where = append(append([]string(nil), q.Where...), fmt.Sprintf("(%s, %s) %s (?, ?)", q.Sort.Col, idc, op))
	before.Args = append(append([]any(nil), q.Args...), key, id)
	n, err := before.count(ctx, db)
	return Position{Index: n, Cursor: Cursor{Key: key, ID: id}}, err
}
