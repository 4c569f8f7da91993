package exchange

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// book is a Book in memory: Acme with Dana (who has a note) and two Sam
// Lees, and Globex with Kim.
type book struct {
	accounts []model.Account
	people   []model.Person
	notes    map[int64][]model.Note
}

func testBook() book {
	acme := model.Account{ID: 1, UID: "acme", Name: "Acme", Tier: model.TierKey}
	globex := model.Account{ID: 2, UID: "globex", Name: "Globex"}
	at := func(p model.Person, a model.Account) model.Person {
		p.AccountID, p.AccountUID, p.AccountName = a.ID, a.UID, a.Name
		return p
	}
	return book{
		accounts: []model.Account{acme, globex},
		people: []model.Person{
			at(model.Person{ID: 10, UID: "dana", Name: "Dana Whit", Email: "Dana@Acme.example", Title: "CFO"}, acme),
			at(model.Person{ID: 11, UID: "sam1", Name: "Sam Lee"}, acme),
			at(model.Person{ID: 12, UID: "sam2", Name: "Sam Lee"}, acme),
			at(model.Person{ID: 20, UID: "kim", Name: "Kim Ode"}, globex),
		},
		notes: map[int64][]model.Note{10: {{Text: "Likes early calls "}}},
	}
}

func (b book) EachPerson(_ context.Context, fn func([]model.Person) error) error { return fn(b.people) }

func (b book) Person(_ context.Context, id int64) (model.Person, error) {
	for _, p := range b.people {
		if p.ID == id {
			return p, nil
		}
	}
	return model.Person{}, model.ErrNotFound
}

func (b book) EachNote(_ context.Context, id int64, fn func([]model.Note) error) error {
	return fn(b.notes[id])
}

func (b book) FindAccounts(_ context.Context, name string, limit int) ([]model.Account, error) {
	var whole, prefix []model.Account
	q := model.Fold(name)
	for _, a := range b.accounts {
		switch f := model.Fold(a.Name); {
		case f == q:
			whole = append(whole, a)
		case strings.HasPrefix(f, q) || strings.Contains(f, " "+q):
			prefix = append(prefix, a)
		}
	}
	if len(whole) > 0 {
		return whole, nil
	}
	return prefix[:min(limit, len(prefix))], nil
}

var planToday = model.MustDate("2026-03-02")

func TestPlanPeople(t *testing.T) {
	ctx := context.Background()
	rows := []PersonRow{
		{Line: 2, Name: "Dana  Whit", Email: "dana@acme.example", Title: "Chief Financial Officer", Note: "Likes early calls"},
		{Line: 3, Name: "Ravi Shah", Org: "Initech", Note: "Met at the fair"},
		{Line: 4, Name: "Mo Ali", Org: "initech", BirthdayText: "5/12/1968"},
		{Line: 5, Name: "Sam Lee", Org: "ACME"},
		{Line: 6, Name: "Kim Ode", Org: "Globex", Phone: "+47 555 0100"},
		{Line: 7, Name: "Nobody Inc"},
		{Line: 8, Name: "Ravi Shah", Org: "Initech", Email: "ravi@initech.example"},
		{Line: 9, Name: " "},
	}
	p, err := PlanPeople(ctx, testBook(), rows, PeopleOptions{Today: planToday})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 2: update Dana Whit at Acme: title: “CFO” → “Chief Financial Officer”", // matched in any case; the stored email's case stays
		"line 3: new person Ravi Shah at Initech (new account); add a note",
		`line 4: new person Mo Ali at Initech; birthday left out: ambiguous date: "5/12/1968" could be 12 May or 5 December — write 1968-05-12 or 1968-12-05`,
		"line 6: update Kim Ode at Globex: phone “+47 555 0100” added",
		"line 8: same person as an earlier line, Ravi Shah at Initech: email “ravi@initech.example” added",
	}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	var bad []string
	for _, b := range p.Bad {
		bad = append(bad, b.Error())
	}
	wantBad := []string{
		`line 5: 2 people at Acme are named "Sam Lee"; add an email to say which`,
		`line 7: no company for "Nobody Inc": fill the Company column (ORG in a vCard), or give --account NAME`,
		"line 9: the name is empty",
	}
	if !slices.Equal(bad, wantBad) {
		t.Errorf("bad rows:\n%s\nwant:\n%s", strings.Join(bad, "\n"), strings.Join(wantBad, "\n"))
	}
	if len(p.Remarks) != 1 || p.Remarks[0].Line != 4 {
		t.Errorf("remarks = %v, want the left-out birthday of line 4", p.Remarks)
	}

	ds := p.Dataset
	if len(ds.Accounts) != 1 || ds.Accounts[0].Name != "Initech" || len(ds.Accounts[0].UID) != 32 {
		t.Fatalf("accounts to write = %+v, want Initech once, with a new uid", ds.Accounts)
	}
	if len(ds.People) != 4 {
		t.Fatalf("people to write = %d, want Dana, Ravi, Mo and Kim", len(ds.People))
	}
	dana := ds.People[0]
	if dana.UID != "dana" || dana.Title != "Chief Financial Officer" || dana.Email != "Dana@Acme.example" || !dana.CreatedAt.IsZero() {
		t.Errorf("Dana to write = %+v: the stored person with the row's title, the stored email, no timestamps", dana)
	}
	if ravi := ds.People[1]; ravi.AccountUID != ds.Accounts[0].UID || ravi.Email != "ravi@initech.example" {
		t.Errorf("Ravi to write = %+v: on the new account, with the email of line 8", ravi)
	}
	if len(ds.Notes) != 1 || ds.Notes[0].Text != "Met at the fair" || ds.Notes[0].PersonUID != ds.People[1].UID ||
		!ds.Notes[0].On.Equal(planToday) {
		t.Errorf("notes to write = %+v: Ravi's only (Dana has hers), dated today", ds.Notes)
	}
}

func TestPlanPeopleOneAccount(t *testing.T) {
	ctx := context.Background()
	rows := []PersonRow{
		{Line: 2, Name: "Ann Berg", Org: "Globex"},
		{Line: 3, Name: "Kim Ode", Org: "Somewhere else"}, // new: names match within the account only
		{Line: 4, UID: "kim", Name: "Kim Ode", Title: "COO"},
	}
	fixed := &AccountRef{UID: "fresh", Name: "Fresh Co"}
	p, err := PlanPeople(ctx, testBook(), rows, PeopleOptions{Account: fixed, Today: planToday})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 2: new person Ann Berg at Fresh Co (new account)",
		"line 3: new person Kim Ode at Fresh Co",
		"line 4: update Kim Ode at Globex: title “COO” added",
	}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Dataset.Accounts) != 1 || p.Dataset.Accounts[0].UID != "fresh" {
		t.Errorf("accounts to write = %+v, want Fresh Co once", p.Dataset.Accounts)
	}
}

// failingBook fails every read, as a database that went away.
type failingBook struct{ book }

var errGone = errors.New("the database went away")

func (failingBook) Person(context.Context, int64) (model.Person, error) {
	return model.Person{}, errGone
}

func TestPlanPeopleBookFails(t *testing.T) {
	rows := []PersonRow{{Line: 2, Name: "Dana Whit", Email: "dana@acme.example"}}
	if _, err := PlanPeople(context.Background(), failingBook{testBook()}, rows, PeopleOptions{}); !errors.Is(err, errGone) {
		t.Errorf("plan with a failing book: %v, want the book's error, not a bad row", err)
	}
}

func TestPlanAccounts(t *testing.T) {
	rows := []CSVAccount{
		{Line: 2, Name: "ACME", Tier: "Growth", Revenue: "1,200,000"},
		{Line: 3, Name: "Initech", Industry: "Software", Importance: "4"},
		{Line: 4, Name: "acme"},
		{Line: 5, Name: "Globex", Revenue: "lots"},
		{Line: 6, Name: "Hooli", Replaceability: "five"},
		{Line: 7, Name: "Globex"},
	}
	p, err := PlanAccounts(context.Background(), testBook(), rows)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"line 2: update Acme: tier, revenue", "line 3: new account Initech", "line 7: no change to Globex"}
	if !slices.Equal(p.Lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(p.Lines, "\n"), strings.Join(want, "\n"))
	}
	var bad []string
	for _, b := range p.Bad {
		bad = append(bad, b.Error())
	}
	if len(bad) != 3 || !strings.Contains(bad[0], `line 4: "acme" is already on line 2`) ||
		!strings.HasPrefix(bad[1], "line 5: revenue: ") || bad[2] != `line 6: hard to replace: "five" is not a number 1–5` {
		t.Errorf("bad rows = %q", bad)
	}
	if a := p.Dataset.Accounts[0]; a.UID != "acme" || a.Tier != model.TierGrowth || !a.CreatedAt.IsZero() {
		t.Errorf("Acme to write = %+v", a)
	}
}

func TestLooksLikeAccounts(t *testing.T) {
	for header, want := range map[string]bool{
		"Name,Tier,Industry,Revenue\n":             true,
		"\xef\xbb\xbfsep=;\nName;Annual revenue\n": true,
		"Name,Email,Company\n":                     false,
		"Name,Tier,Email\n":                        false,
		"Name,Notes\n":                             false,
	} {
		if got := LooksLikeAccounts([]byte(header)); got != want {
			t.Errorf("LooksLikeAccounts(%q) = %v, want %v", header, got, want)
		}
	}
}
