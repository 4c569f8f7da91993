package demo

import (
	"context"
	"path/filepath"
	"testing"

	"rapport/model"
	"rapport/store"
)

// TestSmallShowsEveryRisk loads the small demo and finds every kind of
// coverage risk among its accounts on the demo's day, each naming the
// account it is at; and Today's section holds the key and strategic ones.
func TestSmallShowsEveryRisk(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "small.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := Load(ctx, st, Small, demoToday); err != nil {
		t.Fatal(err)
	}
	all, err := st.CoverageRisks(ctx, store.RiskReq{Today: demoToday})
	if err != nil {
		t.Fatal(err)
	}
	where := map[model.RiskKind][]string{}
	for _, ar := range all {
		for _, r := range ar.Risks {
			where[r.Kind] = append(where[r.Kind], ar.Account.Name)
			t.Logf("%s: %s: %s", ar.Account.Name, r.Kind, r.Reason)
		}
	}
	for _, k := range model.RiskKinds {
		if len(where[k]) == 0 {
			t.Errorf("no account of the small demo has a %s risk", k)
		}
	}
	// Thin in places, not everywhere: most accounts have a risk or two.
	if len(all) == len(smallAccounts) {
		t.Errorf("every account of the small demo has coverage risks: %d", len(all))
	}

	ag, err := st.Agenda(ctx, store.AgendaReq{Today: demoToday})
	if err != nil {
		t.Fatal(err)
	}
	if len(ag.Risks) < 3 {
		t.Errorf("Today lists %d key or strategic accounts at risk, want a few", len(ag.Risks))
	}
	for _, ar := range ag.Risks {
		if ar.Account.Tier != model.TierKey && ar.Account.Tier != model.TierStrategic {
			t.Errorf("Today lists %s, a %s account", ar.Account.Name, ar.Account.Tier)
		}
	}
}

// TestLargeStances: the large book has a realistic mix of stance, owner
// and informal influence: every stance and some people not assessed,
// champions mostly supporters and blockers against us, owners on our
// side for some, and influence lines only between live people at the
// same account.
func TestLargeStances(t *testing.T) {
	ds := Generate(Large, demoToday, Seed)
	type who struct {
		account  string
		archived bool
	}
	people := make(map[string]who, len(ds.People))
	for _, p := range ds.People {
		people[p.UID] = who{p.AccountUID, p.Archived()}
	}
	stances := map[model.Stance]int{}
	owned, sways, lines := 0, 0, 0
	champions, supporting, blockers, against := 0, 0, 0, 0
	for _, p := range ds.People {
		stances[p.Stance]++
		if p.Owner != "" {
			owned++
		}
		switch p.Role {
		case model.RoleChampion:
			champions++
			if p.Stance == model.StanceSupporter {
				supporting++
			}
		case model.RoleBlocker:
			blockers++
			if p.Stance.Against() {
				against++
			}
		}
		if len(p.InfluencesUIDs) > 0 {
			sways++
		}
		for _, uid := range p.InfluencesUIDs {
			lines++
			o, ok := people[uid]
			if !ok || o.account != p.AccountUID || o.archived || uid == p.UID {
				t.Fatalf("%s sways %s: not a live peer at the same account", p.Name, uid)
			}
		}
	}
	n := len(ds.People)
	for _, s := range append(model.Stances, "") {
		if stances[s] < n/100 {
			t.Errorf("stance %q: %d of %d people", s, stances[s], n)
		}
	}
	if supporting*10 < champions*7 || against != blockers {
		t.Errorf("%d of %d champions support us, %d of %d blockers are against", supporting, champions, against, blockers)
	}
	if owned < n/10 || owned > n/2 {
		t.Errorf("%d of %d people have an owner on our side", owned, n)
	}
	if sways < n/10 || sways > n/3 || lines < sways {
		t.Errorf("%d of %d people sway someone (%d lines)", sways, n, lines)
	}
}
