package store

import (
	"context"
	"strings"
	"testing"

	"rapport/model"
)

// TestInfluenceNames: a dossier names whom a person sways, in the order
// given, and who sways them, by name; archived people are left out and
// each side stops at the limit.
func TestInfluenceNames(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	acme, _ := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	mk := func(name string, sways ...int64) model.Person {
		t.Helper()
		p, err := st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: name, Title: "T " + name, InfluencesIDs: sways})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfo, cmo, it := mk("Dana Whit"), mk("Lee Park"), mk("Bo Lind")
	mk("Zed Ames", cfo.ID)
	amy := mk("Amy Cole", cfo.ID)
	gone := mk("Gil Gone", cfo.ID)
	cfo, _ = st.Person(ctx, cfo.ID)
	cfo.InfluencesIDs = []int64{it.ID, gone.ID, cmo.ID}
	if _, err := st.UpdatePerson(ctx, cfo); err != nil {
		t.Fatal(err)
	}
	if err := st.ArchivePerson(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	names := func(ps []model.Person) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Name)
		}
		return strings.Join(s, ", ")
	}

	t.Run("OK", func(t *testing.T) {
		sways, by, err := st.InfluenceNames(ctx, cfo.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(sways); got != "Bo Lind, Lee Park" {
			t.Errorf("Dana sways %q, want Bo Lind, Lee Park (in the order given, the archived one left out)", got)
		}
		if got := names(by); got != "Amy Cole, Zed Ames" {
			t.Errorf("Dana is swayed by %q, want Amy Cole, Zed Ames (by name, the archived one left out)", got)
		}
		if len(sways) > 0 && (sways[0].ID != it.ID || sways[0].UID != it.UID || sways[0].Title != "T Bo Lind") {
			t.Errorf("first swayed = %+v", sways[0])
		}
		if len(by) > 0 && (by[0].ID != amy.ID || by[0].UID != amy.UID) {
			t.Errorf("first swayer = %+v, want Amy (%s)", by[0], amy.UID)
		}
	})

	t.Run("Limit", func(t *testing.T) {
		sways, by, err := st.InfluenceNames(ctx, cfo.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if names(sways) != "Bo Lind" || names(by) != "Amy Cole" {
			t.Errorf("limit 1: sways %q, swayed by %q", names(sways), names(by))
		}
	})

	t.Run("None", func(t *testing.T) {
		sways, by, err := st.InfluenceNames(ctx, amy.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if names(sways) != "Dana Whit" || by == nil || len(by) != 0 {
			t.Errorf("Amy: sways %q, swayed by %v (want an empty list, not nil)", names(sways), by)
		}
	})
}

// TestInfluencePlans: each side of InfluenceNames reads its own key of
// person_influence, never the whole table.
func TestInfluencePlans(t *testing.T) {
	st := openWithLargeStats(t)
	for name, c := range map[string]struct{ q, index string }{
		"sways":     {swaysSQL, "PRIMARY KEY"},
		"swayed by": {swayedBySQL, "person_influenced"},
	} {
		plan := explain(t, st, c.q, []any{1, 10})
		if !strings.Contains(plan, "SEARCH pi USING") || !strings.Contains(plan, c.index) || strings.Contains(plan, "SCAN") {
			t.Errorf("%s: plan %q, want person_influence searched through %s", name, plan, c.index)
		}
	}
}
