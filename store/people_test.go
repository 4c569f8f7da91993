package store

import (
	"context"
	"testing"

	"rapport/model"
)

// TestMovePerson: a person moved to another account, by an edit or by an
// import, takes their notes along, loses the reports left behind and gets
// the new account's cadence.
func TestMovePerson(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*Store, model.Account, model.Person, model.Person, model.Note) {
		st := openTest(t)
		from, err := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
		if err != nil {
			t.Fatal(err)
		}
		to, err := st.CreateAccount(ctx, model.Account{Name: "Globex", Tier: model.TierMaintain})
		if err != nil {
			t.Fatal(err)
		}
		boss, err := st.CreatePerson(ctx, model.Person{AccountID: from.ID, Name: "Dana Whit"})
		if err != nil {
			t.Fatal(err)
		}
		report, err := st.CreatePerson(ctx, model.Person{AccountID: from.ID, Name: "Bo Lind", ReportsToID: boss.ID})
		if err != nil {
			t.Fatal(err)
		}
		n, err := st.CreateNote(ctx, model.Note{PersonID: boss.ID, Text: "Likes early calls"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: "Intro", PersonIDs: []int64{boss.ID}}); err != nil {
			t.Fatal(err)
		}
		if boss, err = st.Person(ctx, boss.ID); err != nil {
			t.Fatal(err)
		}
		if want := model.DateOf(testNow).AddDays(14); !boss.TouchDueOn.Equal(want) {
			t.Fatalf("touch due %s before the move, want %s", boss.TouchDueOn, want)
		}
		return st, to, boss, report, n
	}
	check := func(t *testing.T, st *Store, to model.Account, boss, report model.Person, n model.Note) {
		t.Helper()
		b, err := st.Person(ctx, boss.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.AccountID != to.ID {
			t.Errorf("moved person is at account %d, want %d", b.AccountID, to.ID)
		}
		if want := model.DateOf(testNow).AddDays(90); !b.TouchDueOn.Equal(want) {
			t.Errorf("moved person's touch is due %s, want %s (the new account's cadence)", b.TouchDueOn, want)
		}
		if got, _ := st.Note(ctx, n.ID); got.AccountID != to.ID {
			t.Errorf("their note is on account %d, want %d", got.AccountID, to.ID)
		}
		if r, _ := st.Person(ctx, report.ID); r.ReportsToID != 0 {
			t.Errorf("the report left behind still reports to %d", r.ReportsToID)
		}
	}

	t.Run("UpdatePerson", func(t *testing.T) {
		st, to, boss, report, n := setup(t)
		boss.AccountID = to.ID
		if _, err := st.UpdatePerson(ctx, boss); err != nil {
			t.Fatal(err)
		}
		check(t, st, to, boss, report, n)
	})
	t.Run("Import", func(t *testing.T) {
		st, to, boss, report, n := setup(t)
		p, err := st.Person(ctx, boss.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.AccountUID = to.UID
		res, err := st.Import(ctx, model.Dataset{People: []model.Person{p}}, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.People.Updated != 1 {
			t.Errorf("import = %+v, want one person updated", res)
		}
		check(t, st, to, boss, report, n)
	})
}
