package exchange

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// TestReadPeopleCSVStanceOwner: the stance and owner columns are found
// under the names sheets and CRM exports give them.
func TestReadPeopleCSVStanceOwner(t *testing.T) {
	for header, row := range map[string]string{
		"Name,Company,Stance,Relationship owner":  "Dana Whit,Acme,Sceptic,Priya (delivery)",
		"Full name;Company;Attitude;Owner":        "Dana Whit;Acme;Sceptic;Priya (delivery)",
		"Name\tAccount\tsentiment\tContact Owner": "Dana Whit\tAcme\tSceptic\tPriya (delivery)",
	} {
		got, err := ReadPeopleCSV(writeTemp(t, "people.csv", []byte(header+"\r\n"+row+"\r\n")), 0)
		if err != nil {
			t.Fatalf("%s: %v", header, err)
		}
		if len(got) != 1 || got[0].Stance != "Sceptic" || got[0].Owner != "Priya (delivery)" {
			t.Errorf("%s: read %+v", header, got)
		}
	}
}

// TestPlanPeopleStanceOwner: a sheet's stance and owner fill or change a
// person's, any case and "skeptic" as well; an empty cell leaves the
// stored one; a stance rapport does not know makes that row bad, saying
// which stances there are, and the other rows go ahead.
func TestPlanPeopleStanceOwner(t *testing.T) {
	ctx := context.Background()
	b := testBook()
	b.people[3].Stance, b.people[3].Owner = model.StanceSupporter, "Sam" // Kim Ode
	sheet := "Name,Email,Company,Stance,Relationship owner\r\n" +
		"Dana Whit,dana@acme.example,Acme,Sceptic,Priya (delivery)\r\n" +
		"Ravi Shah,,Initech,skeptic,\r\n" +
		"Mo Ali,,Initech,maybe,Sam\r\n" +
		"Kim Ode,,Globex,,\r\n" +
		"Ann Ode,,Globex,OPPONENT,Lee\r\n"
	rows, err := ReadPeopleCSV(writeTemp(t, "people.csv", []byte(sheet)), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanPeople(ctx, b, SheetRows(rows), PeopleOptions{Today: planToday})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 2: update Dana Whit at Acme: owner “Priya (delivery)” added, stance: none → sceptic",
		"line 3: new person Ravi Shah at Initech (new account)",
		"line 5: no change to Kim Ode at Globex",
		"line 6: new person Ann Ode at Globex",
	}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Bad) != 1 || p.Bad[0].Error() != "line 4: stance: “maybe” is not one of supporter, neutral, sceptic, opponent" {
		t.Errorf("bad rows = %v, want line 4's stance", p.Bad)
	}
	got := map[string]model.Person{}
	for _, q := range p.Dataset.People {
		got[q.Name] = q
	}
	for name, w := range map[string]struct {
		stance model.Stance
		owner  string
	}{
		"Dana Whit": {model.StanceSceptic, "Priya (delivery)"},
		"Ravi Shah": {model.StanceSceptic, ""},
		"Kim Ode":   {model.StanceSupporter, "Sam"},
		"Ann Ode":   {model.StanceOpponent, "Lee"},
	} {
		if q, ok := got[name]; !ok || q.Stance != w.stance || q.Owner != w.owner {
			t.Errorf("%s to write: stance %q, owner %q; want %q, %q", name, q.Stance, q.Owner, w.stance, w.owner)
		}
	}
	if _, ok := got["Mo Ali"]; ok {
		t.Errorf("the bad row is in the plan")
	}
}

// TestVCardStanceOwner: a card rapport wrote carries the stance and owner
// in labelled NOTE lines, which plan back onto the person; another
// address book's card keeps such lines as its note, and a stance rapport
// does not know, in one of its own cards, makes the card bad.
func TestVCardStanceOwner(t *testing.T) {
	ctx := context.Background()
	people := []model.Person{
		{UID: "p-lee", Name: "Lee Park", AccountName: "Acme", Stance: model.StanceOpponent, Owner: "Sam (our CEO)"},
		{UID: "p-bo", Name: "Bo Lind", AccountName: "Acme"},
	}
	var buf strings.Builder
	if err := WriteVCards(&buf, people); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `NOTE:Stance: opponent\nRelationship owner: Sam (our CEO)`+"\r\n") {
		t.Errorf("the card lacks the stance and owner lines:\n%s", buf.String())
	}
	cs, err := ReadVCards(writeTemp(t, "people.vcf", []byte(buf.String())), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Stance != "opponent" || cs[0].Owner != "Sam (our CEO)" || cs[0].Note != "" ||
		cs[1].Stance != "" || cs[1].Owner != "" {
		t.Fatalf("read back %+v", cs)
	}
	p, err := PlanPeople(ctx, testBook(), CardRows(cs), PeopleOptions{Today: planToday})
	if err != nil || len(p.Bad) != 0 || len(p.Dataset.People) != 2 {
		t.Fatalf("plan: %v, bad %v, %d people", err, p.Bad, len(p.Dataset.People))
	}
	if lee := p.Dataset.People[0]; lee.Stance != model.StanceOpponent || lee.Owner != "Sam (our CEO)" || len(p.Dataset.Notes) != 0 {
		t.Errorf("Lee to write: %+v, notes %+v", lee, p.Dataset.Notes)
	}

	foreign := crlf("BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\nFN:Ann Ode\nORG:Acme\n" +
		"NOTE:Stance: sceptic\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:3.0\nPRODID:" + ProductID + "\nFN:Mo Ali\nORG:Acme\nNOTE:Stance: hostile\nEND:VCARD\n")
	cs, err = ReadVCards(writeTemp(t, "mixed.vcf", []byte(foreign)), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Stance != "" || cs[0].Note != "Stance: sceptic" || cs[1].Stance != "hostile" {
		t.Fatalf("read %+v", cs)
	}
	p, err = PlanPeople(ctx, testBook(), CardRows(cs), PeopleOptions{Today: planToday})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Bad) != 1 || p.Bad[0].Error() != "line 8: stance: “hostile” is not one of supporter, neutral, sceptic, opponent" {
		t.Errorf("bad = %v, want the second card's stance", p.Bad)
	}
	if len(p.Dataset.People) != 1 || p.Dataset.People[0].Stance != "" || len(p.Dataset.Notes) != 1 {
		t.Errorf("Ann to write: %+v, notes %+v (her note kept as a note, no stance)", p.Dataset.People, p.Dataset.Notes)
	}
}
