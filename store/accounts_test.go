package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

func TestAccounts(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)

	t.Run("OK", func(t *testing.T) {
		a, err := st.CreateAccount(ctx, model.Account{Name: "Zoë Industries", Tier: model.TierKey, Revenue: 420000000, Currency: "EUR", Importance: 5})
		if err != nil {
			t.Fatal(err)
		}
		if a.UID == "" || a.ID == 0 || a.Score == 0 || !a.CreatedAt.Equal(testNow) {
			t.Errorf("created %+v", a)
		}
		got, err := st.Account(ctx, a.ID)
		if err != nil || got.Name != "Zoë Industries" || got.Revenue != 420000000 || got.Score != a.Priority().Score {
			t.Errorf("read back %+v, %v", got, err)
		}
		got.Industry = "Retail"
		if _, err := st.UpdateAccount(ctx, got); err != nil {
			t.Fatal(err)
		}
		if again, _ := st.Account(ctx, a.ID); again.Industry != "Retail" {
			t.Errorf("industry = %q", again.Industry)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := st.CreateAccount(ctx, model.Account{Name: "ZOE industries"})
		if !errors.Is(err, model.ErrConflict) || !strings.Contains(err.Error(), "Zoë Industries") {
			t.Errorf("err = %v, want a conflict naming Zoë Industries", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := st.CreateAccount(ctx, model.Account{Name: "  "})
		if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != "name" {
			t.Errorf("err = %v, want invalid name", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := st.Account(ctx, 9999); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("err = %v", err)
		}
		if err := st.ArchiveAccount(ctx, 9999, true); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("archive err = %v", err)
		}
	})
}

func TestAccountsSortPageFilter(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	const n = 230
	for i := 0; i < n; i++ {
		_, err := st.CreateAccount(ctx, model.Account{
			Name: fmt.Sprintf("Client %03d", i), Revenue: model.Money((i * 7919 % n) * 100000), Potential: model.Money(i * 50000),
			Importance: 1 + i%5, Tier: model.Tiers[i%4],
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, sort := range AccountSorts {
		t.Run(sort.String(), func(t *testing.T) {
			f := AccountFilter{Sort: sort}
			var all []model.Account
			var req PageReq
			for {
				req.Limit = 40
				p, err := st.Accounts(ctx, f, req)
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, p.Items...)
				if len(p.Items) < 40 {
					break
				}
				c := p.Cursors[len(p.Cursors)-1]
				req = PageReq{After: &c}
			}
			if len(all) != n {
				t.Fatalf("paged %d accounts, want %d", len(all), n)
			}
			seen := map[int64]bool{}
			for i, a := range all {
				if seen[a.ID] {
					t.Fatalf("%s seen twice", a.Name)
				}
				seen[a.ID] = true
				if i == 0 {
					continue
				}
				prev := all[i-1]
				var ordered bool
				switch sort {
				case SortPriority:
					ordered = prev.Score >= a.Score
				case SortRevenue:
					ordered = prev.Revenue >= a.Revenue
				case SortPotential:
					ordered = prev.Potential >= a.Potential
				case SortLastTouch:
					ordered = !prev.LastTouchOn.After(a.LastTouchOn)
				case SortName:
					ordered = model.Fold(prev.Name) <= model.Fold(a.Name)
				}
				if !ordered {
					t.Fatalf("%s before %s breaks the %s order", prev.Name, a.Name, sort)
				}
			}
			// Backwards from the end gives the same rows reversed.
			last, err := st.Accounts(ctx, f, PageReq{Last: true, Limit: 40})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := last.Items[len(last.Items)-1].ID, all[n-1].ID; got != want {
				t.Errorf("last page ends with %d, want %d", got, want)
			}
			c := last.Cursors[0]
			before, _ := st.Accounts(ctx, f, PageReq{Before: &c, Limit: 40})
			if len(before.Items) != 40 || before.Items[39].ID != all[n-41].ID {
				t.Errorf("page before the last does not join it")
			}
		})
	}
	t.Run("Filter", func(t *testing.T) {
		f := AccountFilter{Query: "client 01"}
		cnt, _ := st.CountAccounts(ctx, f)
		p, _ := st.Accounts(ctx, f, PageReq{Limit: 100})
		if cnt != 10 || len(p.Items) != 10 {
			t.Errorf("filter: count %d, rows %d, want 10", cnt, len(p.Items))
		}
		p, _ = st.Accounts(ctx, AccountFilter{Query: "100%"}, PageReq{})
		if len(p.Items) != 0 {
			t.Errorf("a %% in the filter is a wildcard: %d rows", len(p.Items))
		}
	})
	t.Run("Archived", func(t *testing.T) {
		p, _ := st.Accounts(ctx, AccountFilter{Query: "client 000"}, PageReq{})
		if err := st.ArchiveAccount(ctx, p.Items[0].ID, true); err != nil {
			t.Fatal(err)
		}
		if cnt, _ := st.CountAccounts(ctx, AccountFilter{}); cnt != n-1 {
			t.Errorf("count without archived = %d", cnt)
		}
		if cnt, _ := st.CountAccounts(ctx, AccountFilter{Archived: true}); cnt != n {
			t.Errorf("count with archived = %d", cnt)
		}
	})
}

func TestPeopleTouchesAndCadence(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	acc, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	boss, err := st.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Dana Kessler", Role: model.RoleDecisionMaker})
	if err != nil {
		t.Fatal(err)
	}
	zoe, err := st.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Zoë Brandt", ReportsToID: boss.ID})
	if err != nil {
		t.Fatal(err)
	}
	today := model.DateOf(testNow)
	if !zoe.TouchDueOn.Equal(today) || zoe.AccountName != "Acme" || zoe.ReportsToUID != boss.UID {
		t.Errorf("new person: due %s account %q boss %q", zoe.TouchDueOn, zoe.AccountName, zoe.ReportsToUID)
	}
	t.Run("TouchRestartsCadence", func(t *testing.T) {
		if _, err := st.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: "QBR prep", PersonIDs: []int64{zoe.ID, boss.ID}}); err != nil {
			t.Fatal(err)
		}
		z, _ := st.Person(ctx, zoe.ID)
		if !z.LastTouchOn.Equal(today) || !z.TouchDueOn.Equal(today.AddDays(14)) {
			t.Errorf("after touch: last %s due %s", z.LastTouchOn, z.TouchDueOn)
		}
		a, _ := st.Account(ctx, acc.ID)
		if !a.LastTouchOn.Equal(today) {
			t.Errorf("account last touch %s", a.LastTouchOn)
		}
		// A tier change moves the due day of people on the tier's cadence.
		a.Tier = model.TierMaintain
		st.UpdateAccount(ctx, a)
		z, _ = st.Person(ctx, zoe.ID)
		if !z.TouchDueOn.Equal(today.AddDays(90)) {
			t.Errorf("after tier change: due %s", z.TouchDueOn)
		}
	})
	t.Run("ReportsToLoopRefused", func(t *testing.T) {
		b, _ := st.Person(ctx, boss.ID)
		b.ReportsToID = zoe.ID
		if _, err := st.UpdatePerson(ctx, b); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("loop: err = %v", err)
		}
	})
	t.Run("FindPeople", func(t *testing.T) {
		for q, want := range map[string]int{"zoe": 1, "ZOË BRANDT": 1, "brandt": 1, "dana": 1, "nobody": 0, "a": 0} {
			got, err := st.FindPeople(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if q == "a" {
				continue
			}
			if len(got) != want {
				t.Errorf("FindPeople(%q) = %d people, want %d", q, len(got), want)
			}
		}
	})
	t.Run("Notes", func(t *testing.T) {
		for i, text := range []string{"first", "second", "pinned one", "third"} {
			n := model.Note{PersonID: zoe.ID, Text: text, Kind: model.NotePersonal, On: today.AddDays(-10 + i), Pinned: text == "pinned one"}
			if _, err := st.CreateNote(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
		p, err := st.Notes(ctx, NoteFilter{PersonID: zoe.ID}, PageReq{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range p.Items {
			got = append(got, n.Text)
		}
		if strings.Join(got, ",") != "pinned one,third,second,first" {
			t.Errorf("timeline = %v", got)
		}
		if p.Items[0].AccountID != acc.ID {
			t.Errorf("a person's note is not on their account")
		}
		if _, err := st.CreateNote(ctx, model.Note{PersonID: zoe.ID, Text: strings.Repeat("x", model.MaxLongTextLen+1)}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("oversized note: err = %v", err)
		}
	})
	t.Run("Search", func(t *testing.T) {
		st.CreateNote(ctx, model.Note{PersonID: boss.ID, Text: "Her marathon in Berlin went well", Kind: model.NotePersonal})
		hits, err := st.Search(ctx, "zoe", 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Kind != HitPerson || hits[0].Title != "Zoë Brandt" || hits[0].Match != MatchPrefix {
			t.Fatalf("search zoe = %+v", hits)
		}
		hits, _ = st.Search(ctx, "marath", 50)
		if len(hits) != 1 || hits[0].Kind != HitNote || hits[0].Match != MatchText || !strings.Contains(hits[0].Text, "marathon") {
			t.Errorf("search marath = %+v", hits)
		}
		hits, _ = st.Search(ctx, "dana kessler", 50)
		if len(hits) == 0 || hits[0].Match != MatchExact {
			t.Errorf("exact name = %+v", hits)
		}
		if hits, err := st.Search(ctx, `"*) OR (`, 50); err != nil || len(hits) != 0 {
			t.Errorf("punctuation query: %v %v", hits, err)
		}
	})
}
