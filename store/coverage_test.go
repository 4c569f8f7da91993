package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// TestCoverageRisksFromTheStore: what the store gathers of an account
// raises each rule where it should, Today's scope keeps to key and
// strategic accounts, accounts come worst first, and the map holds the
// live people, their influence lines and the same risks.
func TestCoverageRisksFromTheStore(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	today := model.DateOf(testNow)
	acct := func(name string, tier model.Tier) model.Account {
		t.Helper()
		a, err := st.CreateAccount(ctx, model.Account{Name: name, Tier: tier})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	person := func(p model.Person) model.Person {
		t.Helper()
		p, err := st.CreatePerson(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	touch := func(daysAgo int, ps ...model.Person) {
		t.Helper()
		var ids []int64
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		if _, err := st.LogTouch(ctx, model.Touch{AccountID: ps[0].AccountID, Kind: model.TouchCall, On: today.AddDays(-daysAgo),
			Summary: "call", PersonIDs: ids}); err != nil {
			t.Fatal(err)
		}
	}

	// Thin: a weak economic buyer, an influential opponent nobody talks
	// to, no champion, one person touched, a champion who left.
	thin := acct("Thin Holdings", model.TierKey)
	buyer := person(model.Person{AccountID: thin.ID, Name: "Ada Buyer", Role: model.RoleEconomicBuyer, Strength: 1, Influence: 5})
	opp := person(model.Person{AccountID: thin.ID, Name: "Oz Opponent", Role: model.RoleBlocker, Stance: model.StanceOpponent,
		Influence: 4, ReportsToID: buyer.ID})
	person(model.Person{AccountID: thin.ID, Name: "Uma User", Role: model.RoleUser, ReportsToID: buyer.ID})
	gone := person(model.Person{AccountID: thin.ID, Name: "Cy Champion", Role: model.RoleChampion})
	if err := st.ArchivePerson(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	touch(3, buyer)
	touch(200, opp)
	op, _ := st.Person(ctx, opp.ID)
	op.InfluencesIDs = []int64{buyer.ID}
	if _, err := st.UpdatePerson(ctx, op); err != nil {
		t.Fatal(err)
	}

	// Sound: a champion, a strong decision maker, two people touched.
	sound := acct("Sound Group", model.TierStrategic)
	dm := person(model.Person{AccountID: sound.ID, Name: "Dee Maker", Role: model.RoleDecisionMaker, Strength: 4})
	ch := person(model.Person{AccountID: sound.ID, Name: "Cal Champ", Role: model.RoleChampion, Strength: 5})
	touch(2, dm, ch)

	// Growth accounts are not on Today, but are in the portfolio.
	growth := acct("Growth Co", model.TierGrowth)
	person(model.Person{AccountID: growth.ID, Name: "Gil Solo", Role: model.RoleUser})

	kinds := func(rs []model.Risk) []model.RiskKind {
		var out []model.RiskKind
		for _, r := range rs {
			out = append(out, r.Kind)
		}
		return out
	}
	key, err := st.CoverageRisks(ctx, RiskReq{Today: today, KeyOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != 1 || key[0].Account.ID != thin.ID {
		t.Fatalf("key accounts at risk: %+v, want Thin Holdings alone", key)
	}
	want := []model.RiskKind{model.RiskWeakDecider, model.RiskUnengagedAgainst, model.RiskNoChampion,
		model.RiskSingleThreaded, model.RiskLostKeyPerson}
	if got := kinds(key[0].Risks); !slices.Equal(got, want) {
		t.Errorf("risks of Thin Holdings: %v, want %v", got, want)
	}
	for _, r := range key[0].Risks {
		if r.Reason == "" {
			t.Errorf("%s has no reason", r.Kind)
		}
	}
	if r := key[0].Risks[0]; !strings.Contains(r.Reason, "Ada Buyer") || len(r.People) != 1 || r.People[0].ID != buyer.ID {
		t.Errorf("weak decider names %q %+v", r.Reason, r.People)
	}

	all, err := st.CoverageRisks(ctx, RiskReq{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Account.ID != thin.ID || all[1].Account.ID != growth.ID {
		t.Errorf("all accounts at risk, worst first: %+v", all)
	}
	scoped, err := st.CoverageRisks(ctx, RiskReq{Today: today, KeyOnly: true, AccountID: sound.ID})
	if err != nil || len(scoped) != 0 {
		t.Errorf("scoped to a sound account: %v, %v", scoped, err)
	}

	pf, err := st.Portfolio(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if pf.RiskyTotal != 2 || len(pf.Risky) != 2 || pf.Risky[0].Account.ID != thin.ID || len(pf.Risky[0].Risks) != 5 {
		t.Errorf("the portfolio's accounts at risk: %d %+v", pf.RiskyTotal, pf.Risky)
	}

	m, err := st.AccountMap(ctx, thin.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.People) != 3 || m.Account.Name != "Thin Holdings" {
		t.Fatalf("map people %d of %q, want the 3 live", len(m.People), m.Account.Name)
	}
	if links := m.Links(); len(links) != 1 || links[0].From.ID != opp.ID || links[0].To.ID != buyer.ID {
		t.Errorf("influence lines %+v", links)
	}
	chart := m.Chart()
	if chart[0].Person.ID != buyer.ID || chart[0].Depth != 0 || chart[1].Depth != 1 {
		t.Errorf("chart %+v", chart)
	}
	if got := kinds(m.Risks); !slices.Equal(got, want) {
		t.Errorf("map risks %v, want %v", got, want)
	}
	if _, err := st.AccountMap(ctx, 9999, today); err == nil {
		t.Error("the map of no account: no error")
	}
}

// TestCoverageThresholdsAtTheEdge: the store reads only the people a rule
// may name, so its thresholds must be the model's, to the day: twice the
// cadence is not yet neglect, one day more is; a person's own cadence
// beats the tier's; an opponent untouched for exactly their cadence is not
// yet left alone.
func TestCoverageThresholdsAtTheEdge(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	today := model.DateOf(testNow)
	a, err := st.CreateAccount(ctx, model.Account{Name: "Edge Co", Tier: model.TierKey}) // every 14 days
	if err != nil {
		t.Fatal(err)
	}
	add := func(p model.Person, daysAgo int) model.Person {
		t.Helper()
		p.AccountID = a.ID
		p, err := st.CreatePerson(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.LogTouch(ctx, model.Touch{AccountID: a.ID, Kind: model.TouchCall, On: today.AddDays(-daysAgo), Summary: "call",
			PersonIDs: []int64{p.ID}}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	add(model.Person{Name: "At Twice", Role: model.RoleDecisionMaker, Strength: 3}, 28)
	late := add(model.Person{Name: "Own Cadence", Role: model.RoleEconomicBuyer, Strength: 4, CadenceDays: 10}, 21)
	add(model.Person{Name: "Weak Three", Role: model.RoleDecisionMaker, Strength: 3}, 1)
	add(model.Person{Name: "Cham Pion", Role: model.RoleChampion, Strength: 5}, 2)
	add(model.Person{Name: "Just In Time", Role: model.RoleBlocker, Stance: model.StanceOpponent, Influence: 5}, 14)
	gone := add(model.Person{Name: "Over By One", Role: model.RoleBlocker, Stance: model.StanceSceptic, Influence: 4}, 15)

	// Coverage reads an account this size whole (the model's rules);
	// CoverageRisks reads on the indexes (the rules' thresholds in SQL).
	whole, err := st.Coverage(ctx, a.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	indexed, err := st.CoverageRisks(ctx, RiskReq{Today: today, AccountID: a.ID})
	if err != nil || len(indexed) != 1 {
		t.Fatalf("CoverageRisks: %v, %v", indexed, err)
	}
	want := []string{"weak-decider:" + late.Name, "unengaged-against:" + gone.Name}
	for name, risks := range map[string][]model.Risk{"whole": whole.Risks(today), "on the indexes": indexed[0].Risks} {
		var got []string
		for _, r := range risks {
			got = append(got, string(r.Kind)+":"+r.People[0].Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("risks at the edge, read %s: %v, want %v", name, got, want)
		}
	}
}

// TestCoverageSummaryOfALargeAccount: an account past wholeAccount is read
// on the indexes; a summary names the first ten weak deciders and counts
// the rest, and the map names them all.
func TestCoverageSummaryOfALargeAccount(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	today := model.DateOf(testNow)
	a, err := st.CreateAccount(ctx, model.Account{Name: "Vast", Tier: model.TierKey})
	if err != nil {
		t.Fatal(err)
	}
	const deciders = 25
	for i := range wholeAccount + 10 {
		p := model.Person{AccountID: a.ID, Name: fmt.Sprintf("Person %03d", i), Role: model.RoleUser}
		if i < deciders {
			p.Role, p.Strength = model.RoleDecisionMaker, 1
		}
		if _, err := st.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.Coverage(ctx, a.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	risks := c.Risks(today)
	if n := model.RiskCount(risks); len(c.Deciders) != riskSummary || c.MoreDeciders != deciders-riskSummary || n < deciders {
		t.Errorf("summary: %d named, %d more, %d risks in all", len(c.Deciders), c.MoreDeciders, n)
	}
	if last := risks[riskSummary]; last.More != deciders-riskSummary || !strings.Contains(last.Reason, "and 15 more") {
		t.Errorf("the summary line: %+v", last)
	}
	m, err := st.AccountMap(ctx, a.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, r := range m.Risks {
		if r.Kind == model.RiskWeakDecider {
			named++
		}
	}
	if named != deciders {
		t.Errorf("the map names %d weak deciders, want %d", named, deciders)
	}
}
