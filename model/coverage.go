package model

import (
	"fmt"
	"sort"
	"strings"
)

// Coverage risks: where an account's relationships are thin. Deals are won
// or lost by people the account manager never meets — the economic buyer
// nobody talks to, the sceptic with influence, the account that hangs on
// one contact — so each rule names who it is about and why, in one line.

// The thresholds the rules use.
const (
	WeakStrength    = 2  // a relationship this strong (1–5) or weaker is weak
	NeglectCadences = 2  // a decider untouched for more than this many cadences is neglected
	StrongInfluence = 4  // influence (1–5) this high or higher sways a decision
	ThreadDays      = 90 // single-threading is judged over the touches of these many days
)

// RiskKind names a coverage rule; the names are stable (JSON, scripts).
type RiskKind string

const (
	RiskWeakDecider      RiskKind = "weak-decider"      // a decision maker or economic buyer we are weak with, or neglect
	RiskUnengagedAgainst RiskKind = "unengaged-against" // an influential sceptic or opponent left alone
	RiskNoChampion       RiskKind = "no-champion"       // nobody at the account argues our case
	RiskSingleThreaded   RiskKind = "single-threaded"   // only one person at the account touched lately
	RiskLostKeyPerson    RiskKind = "lost-key-person"   // a key person left, and nobody else holds their role
)

// RiskKinds lists the rules, worst first: the order risks are shown in.
var RiskKinds = []RiskKind{RiskWeakDecider, RiskUnengagedAgainst, RiskNoChampion, RiskSingleThreaded, RiskLostKeyPerson}

// KeyRoles are the roles whose loss leaves a gap.
var KeyRoles = []Role{RoleDecisionMaker, RoleEconomicBuyer, RoleChampion}

// Risk is one coverage risk at an account.
type Risk struct {
	Kind   RiskKind
	Reason string   // one line: who and why
	People []Person // whom it is about (none for no-champion)
	// More is how many further risks of this kind the line stands for,
	// when a summary read only some of them ("and 40 more …"; People is
	// empty then).
	More int
}

// Count is how many risks the line stands for.
func (r Risk) Count() int { return max(r.More, 1) }

// RiskCount is how many risks the lines stand for together.
func RiskCount(risks []Risk) int {
	n := 0
	for _, r := range risks {
		n += r.Count()
	}
	return n
}

// Coverage is what the coverage rules read of one account: the people the
// rules are about, and counts of the rest. The store gathers it with a few
// targeted reads, so an account of ten thousand people costs what its
// deciders do.
type Coverage struct {
	Tier Tier
	// Live is how many live people the account has. A read on the
	// indexes counts them only where a rule asks: no champion, or one
	// person touched.
	Live int
	// Deciders are the live decision makers and economic buyers the
	// rules may name (the store reads only those past a threshold), and
	// MoreDeciders how many more of them a summary read left out.
	Deciders     []Person
	MoreDeciders int
	// Champions is how many live champions the account has (a read on the
	// indexes says 1 for any: the rule asks whether there is one).
	Champions int
	// Against are the live sceptics and opponents with StrongInfluence or
	// more (likewise those past the threshold), and MoreAgainst how many
	// more a summary read left out.
	Against     []Person
	MoreAgainst int
	// Touched are live people touched within ThreadDays (at most two are
	// needed), and TouchedCount how many there are.
	Touched      []Person
	TouchedCount int
	// Lost are the archived people with a key role, and LiveRoles how many
	// live people hold each key role (a read on the indexes: whether
	// anyone holds the roles of those who left).
	Lost      []Person
	LiveRoles map[Role]int
}

// Risks applies every rule on today, worst first.
func (c Coverage) Risks(today Date) []Risk {
	var out []Risk
	for _, p := range c.Deciders {
		cad := p.Cadence(c.Tier)
		idle := idleDays(p, today)
		var why []string
		if p.Strength != 0 && p.Strength <= WeakStrength {
			why = append(why, fmt.Sprintf("relationship %d of 5", p.Strength))
		}
		if idle > NeglectCadences*cad {
			why = append(why, untouched(p, idle, cad))
		}
		if len(why) > 0 {
			out = append(out, Risk{Kind: RiskWeakDecider, People: []Person{p},
				Reason: fmt.Sprintf("%s (%s): %s", p.Name, p.Role, strings.Join(why, "; "))})
		}
	}
	if c.MoreDeciders > 0 {
		out = append(out, Risk{Kind: RiskWeakDecider, More: c.MoreDeciders,
			Reason: fmt.Sprintf("and %d more decision makers or economic buyers weak or untouched", c.MoreDeciders)})
	}
	for _, p := range c.Against {
		if unengaged(p, c.Tier, today) {
			cad, idle := p.Cadence(c.Tier), idleDays(p, today)
			out = append(out, Risk{Kind: RiskUnengagedAgainst, People: []Person{p},
				Reason: fmt.Sprintf("%s (%s, influence %d): %s", p.Name, p.Stance, p.Influence, untouched(p, idle, cad))})
		}
	}
	if c.MoreAgainst > 0 {
		out = append(out, Risk{Kind: RiskUnengagedAgainst, More: c.MoreAgainst,
			Reason: fmt.Sprintf("and %d more influential sceptics or opponents left alone", c.MoreAgainst)})
	}
	if c.Champions == 0 && c.Live > 0 {
		out = append(out, Risk{Kind: RiskNoChampion,
			Reason: fmt.Sprintf("no champion among %d %s", c.Live, pick(c.Live, "person", "people"))})
	}
	if c.TouchedCount == 1 && len(c.Touched) > 0 && c.Live > 1 {
		p := c.Touched[0]
		out = append(out, Risk{Kind: RiskSingleThreaded, People: []Person{p},
			Reason: fmt.Sprintf("only %s touched in the last %d days", p.Name, ThreadDays)})
	}
	for _, p := range c.Lost {
		if c.LiveRoles[p.Role] == 0 {
			out = append(out, Risk{Kind: RiskLostKeyPerson, People: []Person{p},
				Reason: fmt.Sprintf("%s (%s) left; nobody else is %s", p.Name, p.Role, article(p.Role))})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return riskRank(out[i].Kind) < riskRank(out[j].Kind) })
	return out
}

// weakDecider reports whether the weak-decider rule names p, a decision
// maker or economic buyer: a weak relationship, or neglect.
func weakDecider(p Person, tier Tier, today Date) bool {
	return p.Strength != 0 && p.Strength <= WeakStrength || idleDays(p, today) > NeglectCadences*p.Cadence(tier)
}

// unengaged reports whether the unengaged-against rule names p, an
// influential sceptic or opponent: no touch within their cadence.
func unengaged(p Person, tier Tier, today Date) bool {
	return idleDays(p, today) > p.Cadence(tier)
}

// IsDecider reports whether the weak-decider rule is about people of role.
func IsDecider(r Role) bool { return r == RoleDecisionMaker || r == RoleEconomicBuyer }

// IsAgainst reports whether the unengaged-against rule is about p.
func IsAgainst(p Person) bool { return p.Stance.Against() && p.Influence >= StrongInfluence }

// CoverageOf gathers what the rules read from all the people of an account
// in name order, archived ones too: the whole account in memory, for an
// account small enough to read whole. At most summary (0: all) of the
// weak deciders, and of the sceptics left alone, are kept; the rest are
// counted.
func CoverageOf(tier Tier, people []Person, today Date, summary int) Coverage {
	c := Coverage{Tier: tier, LiveRoles: map[Role]int{}}
	since := today.AddDays(-ThreadDays)
	keep := func(list *[]Person, more *int, p Person) {
		if summary > 0 && len(*list) >= summary {
			*more++
			return
		}
		*list = append(*list, p)
	}
	for _, p := range people {
		if p.Archived() {
			if IsKeyRole(p.Role) {
				c.Lost = append(c.Lost, p)
			}
			continue
		}
		c.Live++
		if p.Role != "" {
			c.LiveRoles[p.Role]++
		}
		if p.Role == RoleChampion {
			c.Champions++
		}
		if !p.LastTouchOn.IsZero() && !p.LastTouchOn.Before(since) {
			c.TouchedCount++
			if c.TouchedCount == 1 {
				c.Touched = []Person{p}
			}
		}
		if IsDecider(p.Role) && weakDecider(p, tier, today) {
			keep(&c.Deciders, &c.MoreDeciders, p)
		}
		if IsAgainst(p) && unengaged(p, tier, today) {
			keep(&c.Against, &c.MoreAgainst, p)
		}
	}
	return c
}

// IsKeyRole reports whether losing a person of role leaves a gap.
func IsKeyRole(r Role) bool { return oneOf(r, KeyRoles) }

func riskRank(k RiskKind) int {
	for i, r := range RiskKinds {
		if r == k {
			return i
		}
	}
	return len(RiskKinds)
}

// RiskWeight orders accounts worst first: a weak decider weighs most.
func RiskWeight(risks []Risk) int {
	w := 0
	for _, r := range risks {
		w += (len(RiskKinds) - riskRank(r.Kind)) * r.Count()
	}
	return w
}

// idleDays is how long since the person was last touched, or — never
// touched — since they were added (the day their first touch fell due).
func idleDays(p Person, today Date) int {
	since := p.LastTouchOn
	if since.IsZero() {
		since = p.TouchDueOn
	}
	if since.IsZero() {
		return 0
	}
	return today.DaysSince(since)
}

func untouched(p Person, idle, cadence int) string {
	if p.LastTouchOn.IsZero() {
		return fmt.Sprintf("never touched (every %d days)", cadence)
	}
	return fmt.Sprintf("no touch in %d days (every %d)", idle, cadence)
}

// article is "a champion", "an economic buyer".
func article(r Role) string {
	if strings.ContainsRune("aeiou", rune(string(r)[0])) {
		return "an " + string(r)
	}
	return "a " + string(r)
}
