package store

import (
	"context"
	"errors"
	"testing"

	"rapport/model"
)

// snapBook is an account with a boss, a report, notes, a touch of both, a
// brief framed for the boss and follow-ups.
type snapBook struct {
	acme                 model.Account
	boss, report         model.Person
	note                 model.Note
	touch                model.Touch
	brief                model.Brief
	onBoss, onBrief, acc model.FollowUp
}

func fillSnapBook(t *testing.T, st *Store) snapBook {
	t.Helper()
	ctx := context.Background()
	var b snapBook
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	b.acme, err = st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	must(err)
	b.boss, err = st.CreatePerson(ctx, model.Person{AccountID: b.acme.ID, Name: "Dana Boss", Title: "CMO"})
	must(err)
	b.report, err = st.CreatePerson(ctx, model.Person{AccountID: b.acme.ID, Name: "Lee Report", ReportsToID: b.boss.ID})
	must(err)
	b.note, err = st.CreateNote(ctx, model.Note{AccountID: b.acme.ID, PersonID: b.boss.ID, Text: "Runs marathons", Kind: model.NotePersonal})
	must(err)
	b.touch, err = st.LogTouch(ctx, model.Touch{AccountID: b.acme.ID, Kind: model.TouchCall, Summary: "Kick-off", PersonIDs: []int64{b.boss.ID, b.report.ID}})
	must(err)
	nb := model.NewBrief(b.acme.ID, "Loyalty relaunch", st.Now())
	nb.People = []model.BriefPerson{{PersonID: b.boss.ID, Framing: "the brand story"}}
	b.brief, err = st.CreateBrief(ctx, nb)
	must(err)
	due := model.DateOf(st.Now()).AddDays(3)
	b.onBoss, err = st.CreateFollowUp(ctx, model.FollowUp{AccountID: b.acme.ID, PersonID: b.boss.ID, Text: "Send the deck", DueOn: due})
	must(err)
	b.onBrief, err = st.CreateFollowUp(ctx, model.FollowUp{AccountID: b.acme.ID, BriefID: b.brief.ID, Text: "Brief review", DueOn: due})
	must(err)
	b.acc, err = st.CreateFollowUp(ctx, model.FollowUp{AccountID: b.acme.ID, Text: "QBR", DueOn: due})
	must(err)
	return b
}

func TestSnapshotRestore(t *testing.T) {
	ctx := context.Background()
	t.Run("DeletedPerson", func(t *testing.T) {
		st := openTest(t)
		b := fillSnapBook(t, st)
		snap, err := st.Snapshot(ctx, HitPerson, b.boss.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.DeletePerson(ctx, b.boss.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		boss, err := st.ResolvePerson(ctx, "Dana Boss", PersonName{})
		if err != nil || boss.UID != b.boss.UID {
			t.Fatalf("the boss did not come back with their uid: %v, %v", boss, err)
		}
		report, _ := st.Person(ctx, b.report.ID)
		if report.ReportsToID != boss.ID {
			t.Errorf("the report reports to %d, want the restored boss %d", report.ReportsToID, boss.ID)
		}
		notes, _ := st.Notes(ctx, NoteFilter{PersonID: boss.ID}, PageReq{Limit: 5})
		if len(notes.Items) != 1 || notes.Items[0].UID != b.note.UID {
			t.Errorf("the boss's note is not back: %+v", notes.Items)
		}
		touch, _ := st.Touch(ctx, b.touch.ID)
		if len(touch.PersonIDs) != 2 {
			t.Errorf("the touch has %d people, want both again", len(touch.PersonIDs))
		}
		brief, _ := st.Brief(ctx, b.brief.ID)
		if len(brief.People) != 1 || brief.People[0].PersonID != boss.ID || brief.People[0].Framing != "the brand story" {
			t.Errorf("the brief's framing for the boss is not back: %+v", brief.People)
		}
		fu, _ := st.FollowUp(ctx, b.onBoss.ID)
		if fu.PersonID != boss.ID {
			t.Errorf("the follow-up is on person %d, want the boss again", fu.PersonID)
		}
	})
	t.Run("DeletedAccount", func(t *testing.T) {
		st := openTest(t)
		b := fillSnapBook(t, st)
		snap, err := st.Snapshot(ctx, HitAccount, b.acme.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteAccount(ctx, b.acme.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		n, _ := st.CountPeople(ctx, PersonFilter{})
		fus, _ := st.CountFollowUps(ctx, FollowUpFilter{})
		briefs, _ := st.CountBriefs(ctx, BriefFilter{})
		if n != 2 || fus != 3 || briefs != 1 {
			t.Errorf("after restoring the account: %d people, %d follow-ups, %d briefs; want 2, 3, 1", n, fus, briefs)
		}
	})
	t.Run("EditedBrief", func(t *testing.T) {
		st := openTest(t)
		b := fillSnapBook(t, st)
		snap, err := st.Snapshot(ctx, HitBrief, b.brief.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		why := b.brief
		why.Why = "Their members churn after the first year."
		if _, err := st.UpdateBrief(ctx, why); err != nil {
			t.Fatal(err)
		}
		if _, err := st.MoveBrief(ctx, b.brief.ID, model.StageDetermine, ""); err != nil {
			t.Fatal(err)
		}
		if err := st.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Brief(ctx, b.brief.ID)
		if got.Why != "" || got.Stage != model.StageUnderstand || len(got.History) != len(b.brief.History) {
			t.Errorf("restored brief: why %q, stage %s, %d history rows; want the brief as it was", got.Why, got.Stage, len(got.History))
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		st := openTest(t)
		if _, err := st.Snapshot(ctx, HitNote, 99, false); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("a snapshot of no note: %v", err)
		}
	})
}

func TestUpdateTouch(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	b := fillSnapBook(t, st)
	tc := b.touch
	tc.Summary, tc.Kind, tc.On, tc.PersonIDs = "Kick-off meeting", model.TouchMeeting, tc.On.AddDays(-30), []int64{b.report.ID}
	got, err := st.UpdateTouch(ctx, tc)
	if err != nil {
		t.Fatal(err)
	}
	if got.Summary != "Kick-off meeting" || got.Kind != model.TouchMeeting || len(got.PersonIDs) != 1 {
		t.Errorf("updated touch = %+v", got)
	}
	boss, _ := st.Person(ctx, b.boss.ID)
	if !boss.LastTouchOn.IsZero() {
		t.Errorf("the boss, no longer in the touch, still has a last touch on %s", boss.LastTouchOn)
	}
	report, _ := st.Person(ctx, b.report.ID)
	if !report.LastTouchOn.Equal(tc.On) {
		t.Errorf("the report's last touch is %s, want %s", report.LastTouchOn, tc.On)
	}
	tc.Summary = " "
	if _, err := st.UpdateTouch(ctx, tc); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("an empty summary: %v", err)
	}
}
