package store

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"rapport/model"
)

func k(n int64) model.Money { return model.Money(n * 1000 * model.MinorPerMajor) }

func TestPortfolio(t *testing.T) {
	ctx := context.Background()
	st := openTest(t) // today is 2026-11-25: Q4 runs from 1 October
	today := model.DateOf(testNow)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acct := func(a model.Account) model.Account {
		t.Helper()
		a, err := st.CreateAccount(ctx, a)
		must(err)
		return a
	}
	// Ten accounts; the two largest hold 800k of 1m.
	a := acct(model.Account{Name: "Alpha", Tier: model.TierKey, Region: "EMEA", Currency: "EUR", Revenue: k(400), Potential: k(5000)})
	b := acct(model.Account{Name: "Beta", Tier: model.TierStrategic, Region: "emea ", Currency: "USD", Revenue: k(400), Potential: k(1000)})
	c := acct(model.Account{Name: "Gamma", Tier: model.TierGrowth, Region: "APAC", Revenue: k(25), Potential: k(500)})
	d := acct(model.Account{Name: "Delta", Tier: model.TierGrowth, Region: "APAC", Revenue: k(25), Potential: k(100)})
	acct(model.Account{Name: "Epsilon", Tier: model.TierMaintain, Revenue: k(25), Potential: k(25)})
	for i := range 5 {
		acct(model.Account{Name: fmt.Sprintf("Small %d", i), Revenue: k(25)})
	}
	gone := acct(model.Account{Name: "Gone", Tier: model.TierGrowth, Region: "LATAM", Currency: "GBP", Revenue: k(9000), Potential: k(99000)})

	sat := func(acc model.Account, on string, v int) {
		t.Helper()
		_, err := st.AddHealthCheck(ctx, model.HealthCheck{AccountID: acc.ID, On: model.MustDate(on), Satisfaction: &v})
		must(err)
	}
	// Alpha fell 8 → 5; a later revenue-only entry does not hide it.
	sat(a, "2026-10-01", 8)
	sat(a, "2026-11-01", 5)
	rev := k(410)
	_, err := st.AddHealthCheck(ctx, model.HealthCheck{AccountID: a.ID, On: model.MustDate("2026-11-10"), Revenue: &rev})
	must(err)
	// Beta rose, Gamma has one entry, Delta fell twice on one day (by entry order).
	sat(b, "2026-10-01", 5)
	sat(b, "2026-11-01", 7)
	sat(c, "2026-11-01", 3)
	sat(d, "2026-11-02", 9)
	sat(d, "2026-11-02", 6)
	sat(gone, "2026-10-01", 9)
	sat(gone, "2026-11-01", 1)

	brief := func(acc model.Account, created time.Time) {
		t.Helper()
		_, err := st.CreateBrief(ctx, model.Brief{AccountID: acc.ID, Title: "Idea", CreatedAt: created})
		must(err)
	}
	brief(a, time.Time{}) // now
	brief(a, time.Date(2026, 10, 2, 9, 0, 0, 0, time.Local))
	brief(a, time.Date(2026, 9, 20, 9, 0, 0, 0, time.Local)) // last quarter
	brief(b, time.Date(2026, 11, 3, 9, 0, 0, 0, time.Local))
	brief(gone, time.Time{})
	must(st.ArchiveAccount(ctx, gone.ID, true))

	p, err := st.Portfolio(ctx, today)
	must(err)

	if p.Accounts != 10 || p.TotalRevenue != k(1000) {
		t.Errorf("accounts %d revenue %v, want 10 and 1m", p.Accounts, p.TotalRevenue.Short())
	}
	if p.TopCount != 2 || math.Abs(p.TopShare-0.8) > 1e-9 {
		t.Errorf("top %d hold %.3f, want 2 and 0.8", p.TopCount, p.TopShare)
	}
	wantTiers := []TierRow{
		{model.TierKey, 1, k(400)}, {model.TierStrategic, 1, k(400)}, {model.TierGrowth, 2, k(50)},
		{model.TierMaintain, 1, k(25)}, {"", 5, k(125)},
	}
	if fmt.Sprint(p.ByTier) != fmt.Sprint(wantTiers) {
		t.Errorf("by tier %v, want %v", p.ByTier, wantTiers)
	}
	wantRegions := []RegionRow{{"EMEA", 2, k(800)}, {"", 6, k(150)}, {"APAC", 2, k(50)}}
	if fmt.Sprint(p.ByRegion) != fmt.Sprint(wantRegions) {
		t.Errorf("by region %v, want %v", p.ByRegion, wantRegions)
	}
	var rising []string
	for _, r := range p.Rising {
		rising = append(rising, r.Name)
	}
	if fmt.Sprint(rising) != "[Beta Gamma Delta]" {
		t.Errorf("rising %v, want [Beta Gamma Delta] (no key account, most headroom first)", rising)
	}
	var falling []string
	for _, f := range p.Falling {
		falling = append(falling, fmt.Sprintf("%s %d→%d %s", f.Account.Name, f.From, f.To, f.On))
	}
	if want := "[Delta 9→6 2026-11-02 Alpha 8→5 2026-11-01]"; fmt.Sprint(falling) != want {
		t.Errorf("falling %v, want %v", falling, want)
	}
	var briefs []string
	for _, bc := range p.NewBriefs {
		briefs = append(briefs, fmt.Sprintf("%s %d", bc.Account.Name, bc.Count))
	}
	if fmt.Sprint(briefs) != "[Alpha 2 Beta 1]" {
		t.Errorf("new briefs %v, want [Alpha 2 Beta 1]", briefs)
	}
	if fmt.Sprint(p.Currencies) != "[EUR USD]" || !p.MixedCurrencies() {
		t.Errorf("currencies %v", p.Currencies)
	}
}

func TestPortfolioEmptyAndRegionsOther(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	p, err := st.Portfolio(ctx, model.DateOf(testNow))
	if err != nil || p.Accounts != 0 || p.TopShare != 0 || len(p.Rising)+len(p.Falling)+len(p.NewBriefs)+len(p.ByRegion) != 0 {
		t.Fatalf("empty portfolio %+v, %v", p, err)
	}
	if len(p.ByTier) != len(model.Tiers) {
		t.Errorf("by tier %v, want one row per tier", p.ByTier)
	}
	for i := range 15 {
		_, err := st.CreateAccount(ctx, model.Account{Name: fmt.Sprintf("A%02d", i), Region: fmt.Sprintf("R%02d", i), Revenue: k(int64(100 - i))})
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err = st.Portfolio(ctx, model.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ByRegion) != MaxPortfolioRegions {
		t.Fatalf("%d regions, want %d", len(p.ByRegion), MaxPortfolioRegions)
	}
	last := p.ByRegion[MaxPortfolioRegions-1]
	if p.ByRegion[0].Region != "R00" || last.Region != RegionOther || last.Accounts != 4 || last.Revenue != k(89+88+87+86) {
		t.Errorf("regions %v", p.ByRegion)
	}
	if p.TopCount != 3 || p.Currencies != nil {
		t.Errorf("top count %d currencies %v", p.TopCount, p.Currencies)
	}
}

// TestPortfolioLarge checks the figures of a large book: 1,000 accounts,
// 10,000 briefs and 10,000 health entries. How fast they come is
// BenchmarkPortfolio's business (go test -bench Portfolio ./store/).
func TestPortfolioLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large data set")
	}
	ctx := context.Background()
	st := openTest(t)
	fillPortfolioBook(t, st)
	p, err := st.Portfolio(ctx, model.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if p.Accounts != 1000 || len(p.Rising) != MaxPortfolioList || len(p.NewBriefs) != MaxPortfolioList || len(p.Falling) == 0 {
		t.Errorf("unexpected figures: %d accounts, %d rising, %d new briefs, %d falling", p.Accounts, len(p.Rising), len(p.NewBriefs), len(p.Falling))
	}
}

// BenchmarkPortfolio measures the figures of the large book of
// TestPortfolioLarge; they should take a few milliseconds.
func BenchmarkPortfolio(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "r.db"), WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	fillPortfolioBook(b, st)
	if _, err := st.Portfolio(ctx, model.DateOf(testNow)); err != nil { // warm the cache
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := st.Portfolio(ctx, model.DateOf(testNow)); err != nil {
			b.Fatal(err)
		}
	}
}

// fillPortfolioBook writes 1,000 accounts, 10,000 briefs and 10,000 health
// entries straight into the tables.
func fillPortfolioBook(tb testing.TB, st *Store) {
	tb.Helper()
	now := ts(testNow)
	for _, q := range []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
		INSERT INTO account (uid, name, name_fold, region, tier, revenue, potential, created_at, updated_at)
		SELECT 'a' || i, 'Account ' || i, 'account ' || i, 'R' || (i % 30),
			CASE i % 5 WHEN 0 THEN 'key' WHEN 1 THEN 'strategic' WHEN 2 THEN 'growth' WHEN 3 THEN 'maintain' ELSE '' END,
			(i * 7919) % 100000 * 100, (i * 104729) % 300000 * 100, ?1, ?1 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		INSERT INTO brief (uid, account_id, title, title_fold, stage, stage_rank, stage_since, created_at, updated_at)
		SELECT 'b' || i, 1 + i % 1000, 'Brief', 'brief', 'understand needs', 0, ?1,
			strftime('%Y-%m-%dT%H:%M:%fZ', ?1, '-' || (i % 365) || ' days'), ?1 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		INSERT INTO health_check (uid, account_id, on_date, satisfaction, created_at, updated_at)
		SELECT 'h' || i, 1 + i % 1000, date('2026-01-01', '+' || (i / 1000) || ' days'), (i * 31) % 11, ?1, ?1 FROM n`,
	} {
		if _, err := st.DB().ExecContext(context.Background(), q, now); err != nil {
			tb.Fatal(err)
		}
	}
}
