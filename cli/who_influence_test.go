package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

// TestWhoStanceOwnerInfluence: the dossier says where a person stands,
// who on our side holds the relationship, whom they sway and who sways
// them — sanitised on a terminal, exact in --json — and leaves archived
// people out.
func TestWhoStanceOwnerInfluence(t *testing.T) {
	f := newFixture(t)
	eve := f.person(t, model.Person{AccountID: f.acme.ID, Name: "Eve\x1b]0;x\x07 Evil", Title: "CTO"})
	gone := f.person(t, model.Person{AccountID: f.acme.ID, Name: "Gil Gone"})
	f.person(t, model.Person{AccountID: f.acme.ID, Name: "Ari Boss", InfluencesIDs: []int64{f.zoe.ID}})
	f.person(t, model.Person{AccountID: f.acme.ID, Name: "Old Hand", InfluencesIDs: []int64{f.zoe.ID}})
	zoe := f.zoe
	zoe.Stance, zoe.Owner = model.StanceSceptic, "Priya (delivery)\x1b[31m"
	zoe.InfluencesIDs = []int64{f.dana.ID, gone.ID, eve.ID}
	if _, err := f.st.UpdatePerson(f.ctx, zoe); err != nil {
		t.Fatal(err)
	}
	old, err := f.st.FindPeople(f.ctx, "old hand", 1)
	if err != nil || len(old) != 1 {
		t.Fatal(old, err)
	}
	for _, id := range []int64{gone.ID, old[0].ID} {
		if err := f.st.ArchivePerson(f.ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Text", func(t *testing.T) {
		r := rapport(t, f.db, "who", "zoe")
		r.wantCode(t, ExitOK, "who zoe")
		out := r.stdout
		for _, want := range []string{
			"Stance:", "sceptic",
			"Owner:", "Priya (delivery)␛[31m",
			"Sways:", "Dana Smith, Eve␛]0;x␇ Evil\n",
			"Swayed by:", "Ari Boss\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("who zoe lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "Gil Gone") || strings.Contains(out, "Old Hand") {
			t.Errorf("an archived person is named:\n%s", out)
		}
		assertSanitised(t, out)

		// Someone who sways nobody, stands nowhere yet and is swayed by
		// nobody has none of the lines.
		r = rapport(t, f.db, "who", "daniel")
		for _, no := range []string{"Stance:", "Owner:", "Sways:", "Swayed by:"} {
			if strings.Contains(r.stdout, no) {
				t.Errorf("who daniel says %q:\n%s", no, r.stdout)
			}
		}
	})

	t.Run("JSON", func(t *testing.T) {
		p := whoJSON(t, f.db, "zoe")
		if p.Stance != "sceptic" || p.Owner != "Priya (delivery)\x1b[31m" {
			t.Errorf("stance %q, owner %q", p.Stance, p.Owner)
		}
		want := []personRefJSON{{UID: f.dana.UID, Name: "Dana Smith", Title: "Head of Marketing"},
			{UID: eve.UID, Name: "Eve\x1b]0;x\x07 Evil", Title: "CTO"}}
		if fmt.Sprint(p.Influences) != fmt.Sprint(want) {
			t.Errorf("influences = %+v, want %+v", p.Influences, want)
		}
		if len(p.InfluencedBy) != 1 || p.InfluencedBy[0].Name != "Ari Boss" {
			t.Errorf("influenced_by = %+v, want Ari Boss", p.InfluencedBy)
		}
		// Lists are lists, never null, and stance and owner are absent
		// when not set.
		r := rapport(t, f.db, "who", "daniel", "--json")
		var raw struct {
			Person map[string]json.RawMessage `json:"person"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
			t.Fatal(err)
		}
		if string(raw.Person["influences"]) != "[]" || string(raw.Person["influenced_by"]) != "[]" {
			t.Errorf("daniel: influences %s, influenced_by %s; want []", raw.Person["influences"], raw.Person["influenced_by"])
		}
		if _, ok := raw.Person["stance"]; ok {
			t.Errorf("daniel has a stance: %s", raw.Person["stance"])
		}
		if _, ok := raw.Person["owner"]; ok {
			t.Errorf("daniel has an owner: %s", raw.Person["owner"])
		}
	})

	// Someone who sways more people than the dossier names: the first
	// ones, then that there are more.
	t.Run("Many", func(t *testing.T) {
		boss := f.person(t, model.Person{AccountID: f.globx.ID, Name: "Mo Many"})
		var ids []int64
		for i := range dossierInfluence + 2 {
			p := f.person(t, model.Person{AccountID: f.globx.ID, Name: fmt.Sprintf("Sway %02d", i)})
			ids = append(ids, p.ID)
		}
		boss.InfluencesIDs = ids
		if _, err := f.st.UpdatePerson(f.ctx, boss); err != nil {
			t.Fatal(err)
		}
		r := rapport(t, f.db, "who", "mo many")
		last := fmt.Sprintf("Sway %02d", dossierInfluence-1)
		if !strings.Contains(r.stdout, "Sway 00, Sway 01") || !strings.Contains(r.stdout, last+", … and more") ||
			strings.Contains(r.stdout, fmt.Sprintf("Sway %02d", dossierInfluence)) {
			t.Errorf("who mo, swaying %d:\n%s", dossierInfluence+2, r.stdout)
		}
		if p := whoJSON(t, f.db, "mo many"); len(p.Influences) != dossierInfluence {
			t.Errorf("--json names %d people swayed, want %d", len(p.Influences), dossierInfluence)
		}
	})
}
