package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"rapport/model"
)

// Portfolio is the shape of the whole book of accounts: how concentrated the
// revenue is, how it splits by tier and region, which accounts could become
// key, whose satisfaction fell and where new opportunities were opened.
// Archived accounts are left out.
type Portfolio struct {
	Accounts     int
	TotalRevenue model.Money
	// TopShare is the share (0..1) of revenue held by the top 20% of
	// accounts by revenue: TopCount = ceil(20% of Accounts), at least 1.
	TopShare float64
	TopCount int
	// ByTier has one row per tier in model.Tiers order, then a row for
	// accounts without a tier when there are any.
	ByTier []TierRow
	// ByRegion has the largest regions by revenue first, at most
	// MaxPortfolioRegions rows; the rest are summed into a row "other".
	ByRegion []RegionRow
	// Rising are non-key accounts with potential above revenue, the most
	// headroom (potential − revenue) first, at most MaxPortfolioList.
	Rising []model.Account
	// Falling are accounts whose latest satisfaction is below their
	// previous entry, the largest drop first, at most MaxPortfolioList;
	// FallingTotal counts them all.
	Falling      []SatisfactionDrop
	FallingTotal int
	// NewBriefs counts briefs created this calendar quarter (of today) per
	// account, most first, at most MaxPortfolioList.
	NewBriefs []BriefCount
	// Risky are the accounts with coverage risks, by number of risks (the
	// worst first, model.SortAccountRisks), at most MaxPortfolioList;
	// RiskyTotal counts them all.
	Risky      []model.AccountRisks
	RiskyTotal int
	// Currencies are the distinct currencies among accounts. With more than
	// one, amounts are summed as entered, without conversion.
	Currencies []string
}

// TierRow is the accounts of one tier (Tier "" is accounts without one).
type TierRow struct {
	Tier     model.Tier
	Accounts int
	Revenue  model.Money
}

// RegionRow is the accounts of one region (Region "" is accounts without
// one; "other" sums the regions past the first MaxPortfolioRegions−1).
type RegionRow struct {
	Region   string
	Accounts int
	Revenue  model.Money
}

// SatisfactionDrop is an account whose latest satisfaction (To, on On) is
// below the entry before it (From).
type SatisfactionDrop struct {
	Account  model.Account
	From, To int
	On       model.Date
}

// BriefCount is how many briefs were opened on an account.
type BriefCount struct {
	Account model.Account
	Count   int
}

// Limits of the portfolio lists.
const (
	MaxPortfolioRegions = 12
	MaxPortfolioList    = 10
	// RegionOther names the row summing the smaller regions.
	RegionOther = "other"
)

// Portfolio computes the portfolio figures as of today, in one snapshot.
func (s *Store) Portfolio(ctx context.Context, today model.Date) (Portfolio, error) {
	var p Portfolio
	err := s.read(ctx, "portfolio", func(tx *sql.Tx) error {
		steps := []func(context.Context, *sql.Tx, *Portfolio) error{
			portfolioTotals, portfolioTiers, portfolioRegions, portfolioRising, portfolioFalling,
			func(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
				return s.portfolioBriefs(ctx, tx, p, today)
			},
			func(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
				risky, err := coverageRisks(ctx, tx, RiskReq{Today: today}, today)
				if err != nil {
					return fmt.Errorf("coverage risks: %w", err)
				}
				slices.SortStableFunc(risky, func(x, y model.AccountRisks) int { return model.RiskCount(y.Risks) - model.RiskCount(x.Risks) })
				p.RiskyTotal = len(risky)
				p.Risky = risky[:min(len(risky), MaxPortfolioList)]
				return nil
			},
		}
		for _, step := range steps {
			if err := step(ctx, tx, &p); err != nil {
				return err
			}
		}
		return nil
	})
	return p, err
}

func portfolioTotals(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
	var total int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(revenue), 0) FROM account WHERE archived_at IS NULL`).
		Scan(&p.Accounts, &total); err != nil {
		return err
	}
	p.TotalRevenue = model.Money(total)
	if p.Accounts == 0 {
		return nil
	}
	p.TopCount = max((p.Accounts*20+99)/100, 1)
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(revenue), 0) FROM
		(SELECT revenue FROM account WHERE archived_at IS NULL ORDER BY revenue DESC, id LIMIT ?)`, p.TopCount).
		Scan(&top); err != nil {
		return err
	}
	if total > 0 {
		p.TopShare = float64(top) / float64(total)
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT upper(trim(currency)) AS c FROM account
		WHERE archived_at IS NULL AND trim(currency) <> '' ORDER BY c`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return err
		}
		p.Currencies = append(p.Currencies, c)
	}
	return rows.Err()
}

func portfolioTiers(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
	rows, err := tx.QueryContext(ctx, `SELECT tier, count(*), coalesce(sum(revenue), 0) FROM account
		WHERE archived_at IS NULL GROUP BY tier`)
	if err != nil {
		return err
	}
	defer rows.Close()
	byTier := map[model.Tier]TierRow{}
	for rows.Next() {
		var r TierRow
		var rev int64
		if err := rows.Scan(&r.Tier, &r.Accounts, &rev); err != nil {
			return err
		}
		r.Revenue = model.Money(rev)
		byTier[r.Tier] = r
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range model.Tiers {
		r := byTier[t]
		r.Tier = t
		p.ByTier = append(p.ByTier, r)
	}
	if r, ok := byTier[""]; ok && r.Accounts > 0 {
		p.ByTier = append(p.ByTier, r)
	}
	return nil
}

func portfolioRegions(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
	// Regions are free text: "EMEA" and "emea " are one region, shown as
	// first typed.
	rows, err := tx.QueryContext(ctx, `SELECT min(trim(region)), count(*), coalesce(sum(revenue), 0) AS rev FROM account
		WHERE archived_at IS NULL GROUP BY trim(region) COLLATE NOCASE
		ORDER BY rev DESC, count(*) DESC, trim(region) COLLATE NOCASE`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var all []RegionRow
	for rows.Next() {
		var r RegionRow
		var rev int64
		if err := rows.Scan(&r.Region, &r.Accounts, &rev); err != nil {
			return err
		}
		r.Revenue = model.Money(rev)
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(all) > MaxPortfolioRegions {
		other := RegionRow{Region: RegionOther}
		for _, r := range all[MaxPortfolioRegions-1:] {
			other.Accounts += r.Accounts
			other.Revenue += r.Revenue
		}
		all = append(all[:MaxPortfolioRegions-1:MaxPortfolioRegions-1], other)
	}
	p.ByRegion = all
	return nil
}

func portfolioRising(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+accountCols+` FROM account a
		WHERE a.archived_at IS NULL AND a.tier <> 'key' AND a.potential > a.revenue
		ORDER BY a.potential - a.revenue DESC, a.score DESC, a.id LIMIT ?`, MaxPortfolioList)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return err
		}
		p.Rising = append(p.Rising, a)
	}
	return rows.Err()
}

func portfolioFalling(ctx context.Context, tx *sql.Tx, p *Portfolio) error {
	// Per account, its newest satisfaction entry (cur) and the entry before
	// it (prev), each found by walking the health_account index backwards.
	// A window function (ROW_NUMBER/LEAD over PARTITION BY account_id) reads
	// the same but sorts the whole series: ~50 ms on 10,000 entries against
	// ~2 ms for this.
	rows, err := tx.QueryContext(ctx, `SELECT `+accountCols+`, d.prev, d.sat, d.on_date FROM (
			SELECT cur.account_id, cur.satisfaction AS sat, cur.on_date,
				(SELECT p.satisfaction FROM health_check p
					WHERE p.account_id = cur.account_id AND p.satisfaction IS NOT NULL
						AND (p.on_date < cur.on_date OR (p.on_date = cur.on_date AND p.id < cur.id))
					ORDER BY p.on_date DESC, p.id DESC LIMIT 1) AS prev
			FROM account a0
			JOIN health_check cur ON cur.id = (SELECT h.id FROM health_check h
				WHERE h.account_id = a0.id AND h.satisfaction IS NOT NULL
				ORDER BY h.on_date DESC, h.id DESC LIMIT 1)
			WHERE a0.archived_at IS NULL
		) d
		JOIN account a ON a.id = d.account_id
		WHERE d.sat < d.prev
		ORDER BY d.prev - d.sat DESC, d.on_date DESC, a.name_fold`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d SatisfactionDrop
		var on string
		a, err := scanAccount(rows, &d.From, &d.To, &on)
		if err != nil {
			return err
		}
		d.Account, d.On = a, parseDate(on)
		p.FallingTotal++
		if len(p.Falling) < MaxPortfolioList {
			p.Falling = append(p.Falling, d)
		}
	}
	return rows.Err()
}

func (s *Store) portfolioBriefs(ctx context.Context, tx *sql.Tx, p *Portfolio, today model.Date) error {
	start, next := today.Quarter()
	// created_at is a UTC timestamp; the quarter runs in local days.
	from, until := ts(start.Time(s.loc)), ts(next.Time(s.loc))
	rows, err := tx.QueryContext(ctx, `SELECT `+accountCols+`, n FROM
		(SELECT b.account_id, count(*) AS n FROM brief b
			WHERE b.created_at >= ? AND b.created_at < ? AND b.archived_at IS NULL
			GROUP BY b.account_id) c
		JOIN account a ON a.id = c.account_id
		WHERE a.archived_at IS NULL
		ORDER BY n DESC, a.name_fold LIMIT ?`, from, until, MaxPortfolioList)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var bc BriefCount
		a, err := scanAccount(rows, &bc.Count)
		if err != nil {
			return err
		}
		bc.Account = a
		p.NewBriefs = append(p.NewBriefs, bc)
	}
	return rows.Err()
}

// MixedCurrencies reports whether amounts of different currencies are summed.
func (p Portfolio) MixedCurrencies() bool { return len(p.Currencies) > 1 }
