package model

import (
	"cmp"
	"slices"
)

// AccountRisks is an account and its coverage risks, worst first.
type AccountRisks struct {
	Account Account
	Risks   []Risk
}

// SortAccountRisks orders accounts worst first: by RiskWeight, then by
// number of risks, then by name.
func SortAccountRisks(as []AccountRisks) {
	slices.SortStableFunc(as, func(x, y AccountRisks) int {
		if c := cmp.Compare(RiskWeight(y.Risks), RiskWeight(x.Risks)); c != 0 {
			return c
		}
		if c := cmp.Compare(RiskCount(y.Risks), RiskCount(x.Risks)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(FoldName(x.Account.Name), FoldName(y.Account.Name)), cmp.Compare(x.Account.ID, y.Account.ID))
	})
}

// The relationship map's grid splits people at these marks: influence and
// relationship strength (1–5) this high or higher are high and strong;
// unassessed (0) counts as low and weak, which is what it is until known.
const (
	GridInfluence = 3
	GridStrength  = 3
)

// Quadrant is a box of the map's grid of influence × relationship strength.
type Quadrant int

const (
	QuadAct      Quadrant = iota // high influence, weak relationship: where to act
	QuadKeep                     // high influence, strong relationship: keep close
	QuadWatch                    // low influence, weak relationship: keep informed
	QuadMaintain                 // low influence, strong relationship: allies to use
)

// Quadrants lists the boxes in reading order: top row (high influence)
// weak then strong, bottom row likewise.
var Quadrants = []Quadrant{QuadAct, QuadKeep, QuadWatch, QuadMaintain}

// Title names the box.
func (q Quadrant) Title() string {
	switch q {
	case QuadAct:
		return "Act — high influence, weak relationship"
	case QuadKeep:
		return "Keep close — high influence, strong relationship"
	case QuadWatch:
		return "Keep informed — low influence, weak relationship"
	case QuadMaintain:
		return "Allies — low influence, strong relationship"
	}
	return ""
}

// Short names the box in a few words, for a narrow column.
func (q Quadrant) Short() string {
	return [...]string{"Act · high infl, weak rel", "Keep close · high infl, strong rel", "Keep informed · low infl, weak rel",
		"Allies · low infl, strong rel"}[q]
}

// Key is the box's stable name (JSON).
func (q Quadrant) Key() string {
	return [...]string{"act", "keep-close", "keep-informed", "allies"}[q]
}

// QuadrantOf places a person on the grid.
func QuadrantOf(p Person) Quadrant {
	high, strong := p.Influence >= GridInfluence, p.Strength >= GridStrength
	switch {
	case high && !strong:
		return QuadAct
	case high:
		return QuadKeep
	case !strong:
		return QuadWatch
	}
	return QuadMaintain
}

// RelMap is an account's relationship map: its live people, whom they
// sway, and its coverage risks on Today.
type RelMap struct {
	Account Account
	People  []Person // live people in name order (as the store reads them), InfluencesIDs filled
	Risks   []Risk
	Today   Date
}

// ChartRow is one person in the org chart and how deep under the top.
type ChartRow struct {
	Person Person
	Depth  int
}

// Chart is the org chart as a tree in reading order: the people with no
// boss on the map first, each followed by their reports, depth-first;
// siblings keep the map's order (by name). A reporting loop is broken where it closes, so
// everyone appears exactly once.
func (m RelMap) Chart() []ChartRow {
	byID := make(map[int64]int, len(m.People))
	for i, p := range m.People {
		byID[p.ID] = i
	}
	reports := map[int64][]int{}
	var roots []int
	for i, p := range m.People {
		if _, ok := byID[p.ReportsToID]; ok && p.ReportsToID != p.ID {
			reports[p.ReportsToID] = append(reports[p.ReportsToID], i)
		} else {
			roots = append(roots, i)
		}
	}
	out := make([]ChartRow, 0, len(m.People))
	seen := make([]bool, len(m.People))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		out = append(out, ChartRow{Person: m.People[i], Depth: depth})
		for _, k := range reports[m.People[i].ID] {
			walk(k, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	// People in a reporting loop with no way in from a root: start the
	// loop at its first person by name.
	var rest []int
	for i := range m.People {
		if !seen[i] {
			rest = append(rest, i)
		}
	}
	for _, i := range rest {
		walk(i, 0)
	}
	return out
}

// Link is an informal influence line: From sways To.
type Link struct{ From, To Person }

// Links are the influence lines between people on the map, in the order
// of the people who sway and then of whom they sway.
func (m RelMap) Links() []Link {
	byID := make(map[int64]Person, len(m.People))
	for _, p := range m.People {
		byID[p.ID] = p
	}
	var out []Link
	for _, p := range m.People {
		for _, id := range p.InfluencesIDs {
			if to, ok := byID[id]; ok {
				out = append(out, Link{From: p, To: to})
			}
		}
	}
	return out
}

// Grid places everyone on the map in the boxes of influence × strength,
// each box by influence (highest first), then weakest relationship; ties
// keep the map's order (by name, as the store reads it).
func (m RelMap) Grid() map[Quadrant][]Person {
	out := map[Quadrant][]Person{}
	for _, p := range m.People {
		q := QuadrantOf(p)
		out[q] = append(out[q], p)
	}
	for _, ps := range out {
		slices.SortStableFunc(ps, func(a, b Person) int {
			return cmp.Or(cmp.Compare(b.Influence, a.Influence), cmp.Compare(a.Strength, b.Strength))
		})
	}
	return out
}

// IdleDays is how many days since the person was last touched on the map's
// day, and false when they never were.
func (m RelMap) IdleDays(p Person) (int, bool) {
	if p.LastTouchOn.IsZero() {
		return 0, false
	}
	return m.Today.DaysSince(p.LastTouchOn), true
}

// RisksOf are the risks that name the person.
func (m RelMap) RisksOf(id int64) []Risk {
	var out []Risk
	for _, r := range m.Risks {
		for _, p := range r.People {
			if p.ID == id {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
