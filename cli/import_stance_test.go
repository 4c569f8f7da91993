package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

// TestStanceOwnerSheetsAndCards: a person's stance and relationship owner
// go out in the people sheet and the vCards and come back from each into
// an empty database; a sheet with a stance rapport does not know names
// the row and the stances there are, and writes nothing unless the bad
// rows are skipped.
func TestStanceOwnerSheetsAndCards(t *testing.T) {
	f := newFixture(t)
	zoe := f.zoe
	zoe.Email, zoe.Stance, zoe.Owner = "zoe@acme.example", model.StanceSceptic, "Priya (delivery)"
	if _, err := f.st.UpdatePerson(f.ctx, zoe); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sheet, cards := filepath.Join(dir, "people.csv"), filepath.Join(dir, "people.vcf")
	exRun(t, f.db, "export", "--format", "csv", "--kind", "people", "--out", sheet).ok(t)
	exRun(t, f.db, "export", "--format", "vcf", "--out", cards).ok(t)
	if data := string(mustRead(t, sheet)); !strings.Contains(data, ",sceptic,Priya (delivery)\r\n") {
		t.Errorf("the sheet lacks Zoë's stance and owner:\n%s", data)
	}

	for _, file := range []string{sheet, cards} {
		db := exDB(t)
		exRun(t, db, "import", file).ok(t)
		got := exPeople(t, db)
		if z := got["Zoë Durand"]; z.Stance != model.StanceSceptic || z.Owner != "Priya (delivery)" {
			t.Errorf("%s: Zoë back with stance %q, owner %q", filepath.Base(file), z.Stance, z.Owner)
		}
		if d := got["Dana Smith"]; d.Stance != "" || d.Owner != "" {
			t.Errorf("%s: Dana back with stance %q, owner %q; she had none", filepath.Base(file), d.Stance, d.Owner)
		}
	}

	edit := filepath.Join(dir, "edit.csv")
	if err := os.WriteFile(edit, []byte("Name,Email,Company,Stance,Owner\n"+
		"Zoë Durand,zoe@acme.example,Acme Corp,Opponent,Sam\n"+
		"Dana Smith,,Acme Corp,maybe,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := exRun(t, f.db, "import", edit)
	if r.code == ExitOK {
		t.Fatalf("a sheet with an unknown stance imported:\n%s", r.stdout)
	}
	r.says(t, "line 3: stance: “maybe” is not one of supporter, neutral, sceptic, opponent")
	if z := exPeople(t, f.db)["Zoë Durand"]; z.Stance != model.StanceSceptic || z.Owner != "Priya (delivery)" {
		t.Errorf("a refused import changed Zoë: stance %q, owner %q", z.Stance, z.Owner)
	}
	exRun(t, f.db, "import", edit, "--skip-bad", "--dry-run").ok(t).
		says(t, "would change Zoë Durand at Acme Corp: owner: “Priya (delivery)” → “Sam”, stance: sceptic → opponent")
	exRun(t, f.db, "import", edit, "--skip-bad").ok(t).says(t, "line 3: stance: “maybe”")
	if z := exPeople(t, f.db)["Zoë Durand"]; z.Stance != model.StanceOpponent || z.Owner != "Sam" {
		t.Errorf("after the import Zoë has stance %q, owner %q", z.Stance, z.Owner)
	}
}
