package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rapport/model"
)

// TestStanceOwnerInfluences: a person's stance, owner and whom they sway
// are stored, read back in order, exported and imported unchanged; a link
// to someone at another account, or to themselves, is refused; moving a
// person drops the links left behind.
func TestStanceOwnerInfluences(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	acme, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	globex, _ := st.CreateAccount(ctx, model.Account{Name: "Globex"})
	mk := func(acc int64, name string) model.Person {
		t.Helper()
		p, err := st.CreatePerson(ctx, model.Person{AccountID: acc, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfo, cmo, it := mk(acme.ID, "Dana Whit"), mk(acme.ID, "Lee Park"), mk(acme.ID, "Bo Lind")
	far := mk(globex.ID, "Ann Far")

	p, err := st.Person(ctx, cfo.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Stance, p.Owner, p.InfluencesIDs = model.StanceSceptic, "Sam (our CEO)", []int64{it.ID, cmo.ID}
	if _, err := st.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Person(ctx, cfo.ID)
	if got.Stance != model.StanceSceptic || got.Owner != "Sam (our CEO)" || len(got.InfluencesIDs) != 2 ||
		got.InfluencesIDs[0] != it.ID || got.InfluencesUIDs[1] != cmo.UID {
		t.Fatalf("read back %+v", got)
	}
	// An update that does not name the links keeps them.
	got.InfluencesIDs = nil
	got.Title = "CFO"
	if _, err := st.UpdatePerson(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := st.Person(ctx, cfo.ID); len(again.InfluencesIDs) != 2 {
		t.Errorf("an update without links dropped them: %v", again.InfluencesIDs)
	}

	for name, ids := range map[string][]int64{"another account": {far.ID}, "themselves": {cfo.ID}} {
		bad := got
		bad.InfluencesIDs = ids
		if _, err := st.UpdatePerson(ctx, bad); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("a link to %s: err %v, want invalid", name, err)
		}
	}
	if again, _ := st.Person(ctx, cfo.ID); len(again.InfluencesIDs) != 2 {
		t.Errorf("a refused update changed the links: %v", again.InfluencesIDs)
	}

	// The document holds them by uid, and the same document imports as
	// unchanged.
	ds, err := st.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var doc model.Person
	for _, dp := range ds.People {
		if dp.UID == cfo.UID {
			doc = dp
		}
	}
	if doc.Stance != model.StanceSceptic || doc.Owner != "Sam (our CEO)" || len(doc.InfluencesUIDs) != 2 || doc.InfluencesUIDs[0] != it.UID {
		t.Fatalf("exported %+v", doc)
	}
	res, err := st.Import(ctx, ds, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.People.Updated != 0 || res.People.Created != 0 {
		t.Errorf("re-importing the export changed people: %+v", res.People)
	}

	// A document linking across accounts is refused, and writes nothing.
	for i := range ds.People {
		if ds.People[i].UID == cmo.UID {
			ds.People[i].InfluencesUIDs = []string{far.UID}
		}
	}
	if _, err := st.Import(ctx, ds, ImportOptions{}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("an import linking across accounts: err %v", err)
	}
	if p, _ := st.Person(ctx, cmo.ID); len(p.InfluencesIDs) != 0 {
		t.Errorf("a refused import wrote links: %v", p.InfluencesIDs)
	}

	// Moved to Globex, Bo is swayed by nobody at Acme any more.
	it, _ = st.Person(ctx, it.ID)
	it.AccountID = globex.ID
	if _, err := st.UpdatePerson(ctx, it); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Person(ctx, cfo.ID); len(p.InfluencesIDs) != 1 || p.InfluencesIDs[0] != cmo.ID {
		t.Errorf("after Bo moved, Dana sways %v", p.InfluencesIDs)
	}
}

// TestSnoozeAndDismiss: a snoozed cadence is not due before its day, and a
// dismissed birthday leaves Today for that year only.
func TestSnoozeAndDismiss(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	today := model.DateOf(time.Now())
	acme, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	soon := today.AddDays(3)
	p, err := st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Dana Whit", CadenceDays: 1,
		Birthday: model.Birthday{Month: soon.Month(), Day: soon.Day()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: "x", PersonIDs: []int64{p.ID}, On: today.AddDays(-5)}); err != nil {
		t.Fatal(err)
	}
	due := func() (int, int) {
		a, err := st.Agenda(ctx, AgendaReq{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		return a.Counts.TouchDue, a.Counts.Birthdays
	}
	if touch, bday := due(); touch != 1 || bday != 1 {
		t.Fatalf("before: %d due a touch, %d birthdays", touch, bday)
	}
	until := today.AddDays(10)
	got, err := st.SnoozeTouch(ctx, p.ID, until)
	if err != nil {
		t.Fatal(err)
	}
	if !got.TouchDueOn.Equal(until) || !got.TouchSnoozedUntil.Equal(until) {
		t.Errorf("snoozed: due %s, snoozed until %s", got.TouchDueOn, got.TouchSnoozedUntil)
	}
	if err := st.DismissBirthday(ctx, p.ID, soon.Year()); err != nil {
		t.Fatal(err)
	}
	if touch, bday := due(); touch != 0 || bday != 0 {
		t.Errorf("after snooze and dismiss: %d due a touch, %d birthdays", touch, bday)
	}
	// Next year's birthday is not dismissed.
	a, _ := st.Agenda(ctx, AgendaReq{Today: today.AddDays(365)})
	if a.Counts.Birthdays != 1 {
		t.Errorf("next year's birthday: %d", a.Counts.Birthdays)
	}
	// Lifting both brings them back.
	if _, err := st.SnoozeTouch(ctx, p.ID, model.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := st.DismissBirthday(ctx, p.ID, 0); err != nil {
		t.Fatal(err)
	}
	if touch, bday := due(); touch != 1 || bday != 1 {
		t.Errorf("after lifting: %d due a touch, %d birthdays", touch, bday)
	}
}

// TestPeopleFilterMatchesTitleAccountAndMarks: /cfo, /nordlicht, obrien,
// marie and /kim's kitchen find who they should; the Accounts filter reads industry and
// region.
func TestPeopleFilterMatchesTitleAccountAndMarks(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	nord, _ := st.CreateAccount(ctx, model.Account{Name: "Nordlicht Energie AG", Industry: "Utilities", Region: "DACH"})
	other, _ := st.CreateAccount(ctx, model.Account{Name: "Halcyon Foods", Industry: "Consumer goods", Region: "EMEA"})
	kims, _ := st.CreateAccount(ctx, model.Account{Name: "Kim's Kitchen Supplies"})
	for _, p := range []model.Person{
		{AccountID: kims.ID, Name: "Lee Park"},
		{AccountID: nord.ID, Name: "Henrik Sørensen", Title: "Chief Financial Officer (CFO)"},
		{AccountID: other.ID, Name: "Seán O'Brien", Title: "Buyer"},
		{AccountID: other.ID, Name: "Anne-Marie  Dubois", Title: "Head of Brand"},
	} {
		if _, err := st.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string][]string{
		"cfo": {"Henrik Sørensen"}, "nordlicht": {"Henrik Sørensen"}, "obrien": {"Seán O'Brien"}, "o'brien": {"Seán O'Brien"},
		"marie": {"Anne-Marie  Dubois"}, "anne marie": {"Anne-Marie  Dubois"}, "sorensen": {"Henrik Sørensen"},
		"kim's kitchen": {"Lee Park"}, // an account's name keeps its apostrophe
	} {
		page, err := st.People(ctx, PersonFilter{Query: q}, PageReq{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := st.CountPeople(ctx, PersonFilter{Query: q})
		if len(page.Items) != len(want) || page.Items[0].Name != want[0] || n != len(want) {
			t.Errorf("/%s: %d found (%d counted), want %v", q, len(page.Items), n, want)
		}
	}
	if p, err := st.ResolvePerson(ctx, "obrien", PersonName{}); err != nil || p.Name != "Seán O'Brien" {
		t.Errorf("ResolvePerson(obrien) = %q, %v", p.Name, err)
	}
	for q, want := range map[string]string{"utilities": "Nordlicht Energie AG", "emea": "Halcyon Foods", "consumer": "Halcyon Foods"} {
		page, _ := st.Accounts(ctx, AccountFilter{Query: q}, PageReq{Limit: 10})
		if len(page.Items) != 1 || page.Items[0].Name != want {
			t.Errorf("accounts /%s: %v", q, page.Items)
		}
	}
}

// TestQuickFindWithoutMarks: quick find finds O'Brien by "obrien" and
// Anne-Marie by "marie".
func TestQuickFindWithoutMarks(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	acc, _ := st.CreateAccount(ctx, model.Account{Name: "Halcyon Foods"})
	for _, name := range []string{"Seán O'Brien", "Anne-Marie Dubois"} {
		if _, err := st.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]string{"obrien": "Seán O'Brien", "marie": "Anne-Marie Dubois", "anne marie": "Anne-Marie Dubois"} {
		hits, err := st.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Title != want {
			t.Errorf("quick find %q: %+v", q, hits)
		}
	}
}
