package store

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// storedLinks is a small stored book for the link check, without a
// database: Acme (Dana, who reports to nobody, and Bo, who reports to
// Dana) and Globex (Kim), with a brief on Acme.
type storedLinks struct {
	accountIDs  map[string]int64
	accountName map[string]string // folded name → uid
	personAt    map[string]string
	personBoss  map[string]string
	briefAt     map[string]string
	asked       int // uids asked about
}

func testLinks() *storedLinks {
	return &storedLinks{
		accountIDs:  map[string]int64{"acme": 1, "globex": 2},
		accountName: map[string]string{"acme": "acme", "globex": "globex"},
		personAt:    map[string]string{"dana": "acme", "bo": "acme", "kim": "globex"},
		personBoss:  map[string]string{"bo": "dana"},
		briefAt:     map[string]string{"pilot": "acme"},
	}
}

func (l *storedLinks) accounts(_ context.Context, uids []string) (map[string]int64, error) {
	l.asked += len(uids)
	out := map[string]int64{}
	for _, uid := range uids {
		if id, ok := l.accountIDs[uid]; ok {
			out[uid] = id
		}
	}
	return out, nil
}

func (l *storedLinks) accountNames(_ context.Context, folds []string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range folds {
		if uid, ok := l.accountName[f]; ok {
			out[f] = uid
		}
	}
	return out, nil
}

func (l *storedLinks) people(_ context.Context, uids []string) (map[string]storedPerson, error) {
	l.asked += len(uids)
	out := map[string]storedPerson{}
	for i, uid := range uids {
		if acc, ok := l.personAt[uid]; ok {
			out[uid] = storedPerson{id: int64(i + 1), account: acc, boss: l.personBoss[uid]}
		}
	}
	return out, nil
}

func (l *storedLinks) briefs(_ context.Context, uids []string) (map[string]storedBrief, error) {
	l.asked += len(uids)
	out := map[string]storedBrief{}
	for i, uid := range uids {
		if acc, ok := l.briefAt[uid]; ok {
			out[uid] = storedBrief{id: int64(i + 1), account: acc}
		}
	}
	return out, nil
}

// checkImport checks a whole document as an import does, a kind at a time.
func checkImport(ds *model.Dataset, db lookup, now time.Time) error {
	ctx := context.Background()
	c := newLinkCheck(db, now)
	return errors.Join(
		c.accountBatch(ctx, ds.Accounts), c.personBatch(ctx, ds.People), c.bosses(ctx), c.noteBatch(ctx, ds.Notes),
		c.touchBatch(ctx, ds.Touches), c.healthBatch(ctx, ds.Health), c.briefBatch(ctx, ds.Briefs),
		c.followUpBatch(ctx, ds.FollowUps))
}

func TestCheckImport(t *testing.T) {
	tests := []struct {
		name  string
		ds    model.Dataset
		want  []string // parts of the message
		isErr error
	}{
		{"UnknownAccount", model.Dataset{People: []model.Person{{UID: "lee", AccountUID: "initech", Name: "Lee"}}},
			[]string{`person "Lee" (uid lee)`, `account: no account with uid "initech"`}, model.ErrInvalid},
		{"BossElsewhere", model.Dataset{People: []model.Person{{UID: "lee", AccountUID: "acme", Name: "Lee", ReportsToUID: "kim"}}},
			[]string{`person "Lee"`, "reports to: kim works at another account"}, model.ErrInvalid},
		{"LoopThroughStored", model.Dataset{People: []model.Person{{UID: "dana", AccountUID: "acme", Name: "Dana", ReportsToUID: "bo"}}},
			[]string{`person "Dana"`, "reporting loop"}, model.ErrInvalid},
		{"LoopInDocument", model.Dataset{People: []model.Person{
			{UID: "x", AccountUID: "acme", Name: "X", ReportsToUID: "y"},
			{UID: "y", AccountUID: "acme", Name: "Y", ReportsToUID: "x"},
		}}, []string{"reporting loop"}, model.ErrInvalid},
		{"NameOfStoredAccount", model.Dataset{Accounts: []model.Account{{UID: "acme-2", Name: "ACME"}}},
			[]string{`account "ACME" (uid acme-2)`, "another uid (acme)"}, model.ErrConflict},
		{"NoteOnAnotherAccount", model.Dataset{Notes: []model.Note{{UID: "n1", AccountUID: "globex", PersonUID: "dana", Text: "x", On: model.MustDate("2026-01-02")}}},
			[]string{"note", "n1", "works at account acme, not globex"}, model.ErrInvalid},
		{"FollowUpAcrossAccounts", model.Dataset{FollowUps: []model.FollowUp{{UID: "f1", Text: "Call", DueOn: model.MustDate("2026-01-02"),
			PersonUID: "kim", BriefUID: "pilot"}}},
			[]string{`follow-up "Call"`, "brief: is on another account (acme) than the follow-up (globex)"}, model.ErrInvalid},
		{"SameUIDTwice", model.Dataset{Touches: []model.Touch{
			{UID: "t1", Kind: model.TouchCall, On: model.MustDate("2026-01-02"), Summary: "A", PersonUIDs: []string{"dana"}},
			{UID: "t1", Kind: model.TouchCall, On: model.MustDate("2026-01-03"), Summary: "B", PersonUIDs: []string{"dana"}},
		}}, []string{`touch "B" (uid t1)`, "uid: appears twice among the touches"}, model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			links := testLinks()
			err := checkImport(&tt.ds, links, testNow)
			if err == nil {
				t.Fatal("the check passed")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if !errors.Is(err, tt.isErr) {
				t.Errorf("error %v is not %v", err, tt.isErr)
			}
		})
	}

	t.Run("OK", func(t *testing.T) {
		links := testLinks()
		before := maps.Clone(links.personAt)
		ds := model.Dataset{
			People: []model.Person{
				{UID: "ann", AccountUID: "globex", Name: "Ann", ReportsToUID: "kim"},
				{UID: "cy", AccountUID: "initech", Name: "Cy", ReportsToUID: "eve"}, // reports to someone later in the document
				{UID: "eve", AccountUID: "initech", Name: "Eve"},
				{UID: "bo", AccountUID: "globex", Name: "Bo"}, // moves from Acme
			},
			Accounts: []model.Account{{UID: "initech", Name: "Initech"}},
			Notes:    []model.Note{{PersonUID: "eve", Text: "Likes tea", On: model.MustDate("2026-01-02")}},
			Touches: []model.Touch{{Kind: model.TouchCall, On: model.MustDate("2026-01-02"), Summary: " Intro ",
				PersonUIDs: []string{"bo", "ann"}}},
		}
		if err := checkImport(&ds, links, testNow); err != nil {
			t.Fatal(err)
		}
		n := ds.Notes[0]
		if len(n.UID) != 32 || n.AccountUID != "initech" || n.Kind != model.NoteBusiness {
			t.Errorf("note normalised to uid %q, account %q, kind %q", n.UID, n.AccountUID, n.Kind)
		}
		if tc := ds.Touches[0]; tc.AccountUID != "globex" || tc.Summary != "Intro" {
			t.Errorf("touch normalised to account %q, summary %q: want Bo's new account, trimmed", tc.AccountUID, tc.Summary)
		}
		if !maps.Equal(links.personAt, before) {
			t.Errorf("the check changed the stored links it was given: %v", links.personAt)
		}
		// The stored book is asked about what the document names, each uid
		// once: Ann, Cy, Eve, Bo and the bosses Kim and Eve; the accounts
		// Initech and Globex.
		if links.asked > 8 {
			t.Errorf("the check asked about %d uids; the document names 8", links.asked)
		}
	})
}
