package model

import (
	"strings"
	"testing"
)

func TestQuadrantOf(t *testing.T) {
	for _, tc := range []struct {
		infl, strength int
		want           Quadrant
	}{
		{5, 1, QuadAct}, {3, 2, QuadAct}, {0, 0, QuadWatch}, {2, 2, QuadWatch},
		{3, 3, QuadKeep}, {5, 5, QuadKeep}, {2, 3, QuadMaintain}, {1, 5, QuadMaintain},
	} {
		if got := QuadrantOf(Person{Influence: tc.infl, Strength: tc.strength}); got != tc.want {
			t.Errorf("influence %d, strength %d: %s, want %s", tc.infl, tc.strength, got.Key(), tc.want.Key())
		}
	}
}

// TestRelMapChart: the tree is in reading order, reports under their boss
// by name; someone whose boss is not on the map is a root; a reporting
// loop still shows everyone once.
func TestRelMapChart(t *testing.T) {
	m := RelMap{People: []Person{ // in name order, as the store reads them
		{ID: 3, Name: "Al", ReportsToID: 1},
		{ID: 2, Name: "Bo", ReportsToID: 1},
		{ID: 1, Name: "Cleo"},
		{ID: 4, Name: "Di", ReportsToID: 3},
		{ID: 5, Name: "Eve", ReportsToID: 99}, // boss archived: off the map
		{ID: 6, Name: "Loop A", ReportsToID: 7},
		{ID: 7, Name: "Loop B", ReportsToID: 6},
		{ID: 8, Name: "Self", ReportsToID: 8},
	}}
	var got []string
	for _, r := range m.Chart() {
		got = append(got, strings.Repeat(".", r.Depth)+r.Person.Name)
	}
	want := "Cleo .Al ..Di .Bo Eve Self Loop A .Loop B"
	if strings.Join(got, " ") != want {
		t.Errorf("chart %q\n want %q", strings.Join(got, " "), want)
	}
}

func TestRelMapLinksGridAndRisks(t *testing.T) {
	a := Person{ID: 1, Name: "Ann", Influence: 5, Strength: 1, InfluencesIDs: []int64{2, 99}}
	b := Person{ID: 2, Name: "Ben", Influence: 4, Strength: 2}
	c := Person{ID: 3, Name: "Cat", Influence: 1, Strength: 4}
	m := RelMap{People: []Person{a, b, c}, Risks: []Risk{{Kind: RiskWeakDecider, People: []Person{b}}, {Kind: RiskNoChampion}}}
	links := m.Links()
	if len(links) != 1 || links[0].From.ID != 1 || links[0].To.ID != 2 {
		t.Errorf("links %+v: want Ann → Ben only (99 is not on the map)", links)
	}
	g := m.Grid()
	if act := g[QuadAct]; len(act) != 2 || act[0].Name != "Ann" || act[1].Name != "Ben" {
		t.Errorf("act box %+v: want Ann (influence 5) then Ben", act)
	}
	if len(g[QuadMaintain]) != 1 || len(g[QuadKeep]) != 0 {
		t.Errorf("grid %+v", g)
	}
	if rs := m.RisksOf(2); len(rs) != 1 || rs[0].Kind != RiskWeakDecider {
		t.Errorf("risks of Ben %+v", rs)
	}
}

func TestSortAccountRisks(t *testing.T) {
	as := []AccountRisks{
		{Account: Account{ID: 1, Name: "Zeta"}, Risks: []Risk{{Kind: RiskLostKeyPerson}}},
		{Account: Account{ID: 2, Name: "Alpha"}, Risks: []Risk{{Kind: RiskSingleThreaded}}},
		{Account: Account{ID: 3, Name: "Mid"}, Risks: []Risk{{Kind: RiskWeakDecider}}},
		{Account: Account{ID: 4, Name: "Beta"}, Risks: []Risk{{Kind: RiskNoChampion}, {Kind: RiskLostKeyPerson}}},
	}
	SortAccountRisks(as)
	var got []string
	for _, a := range as {
		got = append(got, a.Account.Name)
	}
	if strings.Join(got, " ") != "Mid Beta Alpha Zeta" {
		t.Errorf("worst first (a weak decider outweighs two lesser risks): %v", got)
	}
}
