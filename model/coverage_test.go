package model

import (
	"strings"
	"testing"
	"time"
)

func TestCoverageRisks(t *testing.T) {
	today := MustDate("2026-12-06")
	ago := func(n int) Date { return today.AddDays(-n) }
	dana := Person{ID: 1, Name: "Dana", Role: RoleDecisionMaker, Strength: 4, LastTouchOn: ago(10)}
	lee := Person{ID: 2, Name: "Lee", Role: RoleEconomicBuyer, Strength: 3, LastTouchOn: ago(20)}
	sam := Person{ID: 3, Name: "Sam", Role: RoleBlocker, Stance: StanceOpponent, Influence: 5, LastTouchOn: ago(5)}
	healthy := Coverage{Tier: TierKey, Live: 6, Deciders: []Person{dana, lee}, Champions: 1, Against: []Person{sam},
		Touched: []Person{dana, lee}, TouchedCount: 4, LiveRoles: map[Role]int{RoleDecisionMaker: 1, RoleEconomicBuyer: 1, RoleChampion: 1}}
	tests := []struct {
		name   string
		edit   func(c *Coverage)
		kinds  []RiskKind
		reason string // in the first risk's reason
	}{
		{name: "healthy", edit: func(*Coverage) {}},
		{name: "weak decider", edit: func(c *Coverage) { c.Deciders[1].Strength = 2 },
			kinds: []RiskKind{RiskWeakDecider}, reason: "Lee (economic buyer): relationship 2 of 5"},
		{name: "strength 3 is not weak", edit: func(c *Coverage) { c.Deciders[1].Strength = 3 }},
		{name: "neglected decider", edit: func(c *Coverage) { c.Deciders[0].LastTouchOn = ago(29) }, // key: every 14 days
			kinds: []RiskKind{RiskWeakDecider}, reason: "Dana (decision maker): no touch in 29 days (every 14)"},
		{name: "twice the cadence is not yet neglect", edit: func(c *Coverage) { c.Deciders[0].LastTouchOn = ago(28) }},
		{name: "never touched decider", edit: func(c *Coverage) {
			c.Deciders[0].LastTouchOn, c.Deciders[0].TouchDueOn = Date{}, ago(40)
		}, kinds: []RiskKind{RiskWeakDecider}, reason: "never touched"},
		{name: "unengaged opponent", edit: func(c *Coverage) { c.Against[0].LastTouchOn = ago(15) },
			kinds: []RiskKind{RiskUnengagedAgainst}, reason: "Sam (opponent, influence 5): no touch in 15 days (every 14)"},
		{name: "more weak deciders than a summary reads", edit: func(c *Coverage) { c.MoreDeciders = 40 },
			kinds: []RiskKind{RiskWeakDecider}, reason: "and 40 more decision makers or economic buyers"},
		{name: "more opponents than a summary reads", edit: func(c *Coverage) { c.MoreAgainst = 3 },
			kinds: []RiskKind{RiskUnengagedAgainst}, reason: "and 3 more influential sceptics"},
		{name: "no champion", edit: func(c *Coverage) { c.Champions = 0 },
			kinds: []RiskKind{RiskNoChampion}, reason: "no champion among 6 people"},
		{name: "single-threaded", edit: func(c *Coverage) { c.TouchedCount, c.Touched = 1, []Person{dana} },
			kinds: []RiskKind{RiskSingleThreaded}, reason: "only Dana touched in the last 90 days"},
		{name: "one person is not a thread", edit: func(c *Coverage) {
			*c = Coverage{Tier: TierKey, Live: 1, Champions: 1, Touched: []Person{dana}, TouchedCount: 1}
		}},
		{name: "lost champion", edit: func(c *Coverage) {
			c.Lost = []Person{{Name: "Henrik", Role: RoleChampion}}
			c.LiveRoles[RoleChampion] = 0
		}, kinds: []RiskKind{RiskLostKeyPerson}, reason: "Henrik (champion) left; nobody else is a champion"},
		{name: "lost but covered", edit: func(c *Coverage) { c.Lost = []Person{{Name: "Henrik", Role: RoleChampion}} }},
		{name: "worst first", edit: func(c *Coverage) {
			c.Champions = 0
			c.Deciders[0].Strength = 1
		}, kinds: []RiskKind{RiskWeakDecider, RiskNoChampion}, reason: "Dana (decision maker): relationship 1 of 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := healthy
			c.Deciders = append([]Person(nil), healthy.Deciders...)
			c.Against = append([]Person(nil), healthy.Against...)
			c.LiveRoles = map[Role]int{}
			for k, v := range healthy.LiveRoles {
				c.LiveRoles[k] = v
			}
			tt.edit(&c)
			risks := c.Risks(today)
			var kinds []RiskKind
			for _, r := range risks {
				kinds = append(kinds, r.Kind)
			}
			if strings.Join(kindStrings(kinds), ",") != strings.Join(kindStrings(tt.kinds), ",") {
				t.Fatalf("risks = %v, want %v", kinds, tt.kinds)
			}
			if tt.reason != "" && !strings.Contains(risks[0].Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", risks[0].Reason, tt.reason)
			}
		})
	}
}

func kindStrings(ks []RiskKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func TestStanceAndInfluencesValidate(t *testing.T) {
	p := Person{ID: 4, UID: "p4", AccountID: 1, Name: "Sam"}
	for _, tt := range []struct {
		edit  func(*Person)
		field string
	}{
		{edit: func(p *Person) { p.Stance = StanceSceptic }},
		{edit: func(p *Person) { p.Stance = "hostile" }, field: "stance"},
		{edit: func(p *Person) { p.InfluencesIDs = []int64{5, 6} }},
		{edit: func(p *Person) { p.InfluencesIDs = []int64{4} }, field: "influences"},
		{edit: func(p *Person) { p.InfluencesUIDs = []string{"p4"} }, field: "influences"},
		{edit: func(p *Person) { p.Owner = strings.Repeat("x", MaxShortTextLen+1) }, field: "owner"},
	} {
		q := p
		tt.edit(&q)
		if got := FieldOf(q.Validate()); got != tt.field {
			t.Errorf("%+v: field %q, want %q", q, got, tt.field)
		}
	}
	if !StanceOpponent.Against() || StanceNeutral.Against() {
		t.Error("Against is wrong")
	}
}

// TestCoverageOf: gathered from an account's people, the rules name the
// same risks as from what the store's indexes gather; archived people
// only count as key people who left.
func TestCoverageOf(t *testing.T) {
	today := MustDate("2026-12-06")
	ago := func(n int) Date { return today.AddDays(-n) }
	people := []Person{
		{ID: 1, Name: "Dana", Role: RoleDecisionMaker, Strength: 4, LastTouchOn: ago(10)},
		{ID: 2, Name: "Lee", Role: RoleEconomicBuyer, Strength: 2, LastTouchOn: ago(3)},
		{ID: 3, Name: "Sam", Role: RoleBlocker, Stance: StanceOpponent, Influence: 5, LastTouchOn: ago(20)},
		{ID: 4, Name: "Cy", Role: RoleChampion, ArchivedAt: ago(30).Time(time.UTC)},
		{ID: 5, Name: "Uma", Role: RoleUser, LastTouchOn: ago(5)},
	}
	c := CoverageOf(TierKey, people, today, 0)
	var got []string
	for _, r := range c.Risks(today) {
		got = append(got, string(r.Kind))
	}
	if want := "weak-decider unengaged-against no-champion lost-key-person"; strings.Join(got, " ") != want {
		t.Errorf("risks %v, want %s", got, want)
	}
	if c.Live != 4 || c.TouchedCount != 4 || len(c.Lost) != 1 {
		t.Errorf("gathered %+v", c)
	}
	if s := CoverageOf(TierKey, people, today, 1); len(s.Deciders) != 1 || s.MoreDeciders != 0 {
		t.Errorf("summary of one: %d named, %d more", len(s.Deciders), s.MoreDeciders)
	}
}
