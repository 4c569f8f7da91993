package store

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"rapport/model"
)

// stored links of a small book, for checkImport without a database: Acme
// (Dana, who reports to nobody, and Bo, who reports to Dana) and Globex
// (Kim), with a brief on Acme.
func testLinks() storedLinks {
	return storedLinks{
		accounts:    map[string]int64{"acme": 1, "globex": 2},
		accountName: map[string]string{"acme": "acme", "globex": "globex"},
		personAt:    map[string]string{"dana": "acme", "bo": "acme", "kim": "globex"},
		personBoss:  map[string]string{"bo": "dana"},
		briefAt:     map[string]string{"pilot": "acme"},
	}
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
			_, err := checkImport(&tt.ds, links, testNow)
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
		order, err := checkImport(&ds, links, testNow)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, i := range order {
			names = append(names, ds.People[i].Name)
		}
		if got := strings.Join(names, " "); got != "Ann Eve Cy Bo" {
			t.Errorf("people are written in the order %s, want bosses first: Ann Eve Cy Bo", got)
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
	})
}
