package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// briefClock is a fixed clock the test moves forward by hand.
type briefClock struct{ t time.Time }

func (c *briefClock) now() time.Time          { return c.t }
func (c *briefClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// briefWorld is a store with two accounts: Acme (Dana, Lee) and Globex (Zoë).
type briefWorld struct {
	s            *Store
	clock        *briefClock
	acme, globex model.Account
	dana, lee    model.Person
	zoe          model.Person
}

func newBriefWorld(t *testing.T) *briefWorld {
	t.Helper()
	ctx := context.Background()
	w := &briefWorld{clock: &briefClock{t: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)}}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"), WithClock(w.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w.s = s
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.acme, err = s.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	must(err)
	w.globex, err = s.CreateAccount(ctx, model.Account{Name: "Globex"})
	must(err)
	w.dana, err = s.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Dana Whit", Title: "CMO", Role: model.RoleChampion})
	must(err)
	w.lee, err = s.CreatePerson(ctx, model.Person{AccountID: w.acme.ID, Name: "Lee Park", Title: "CFO", Role: model.RoleEconomicBuyer})
	must(err)
	w.zoe, err = s.CreatePerson(ctx, model.Person{AccountID: w.globex.ID, Name: "Zoë Adler", Role: model.RoleDecisionMaker})
	must(err)
	return w
}

func historyText(hs []model.StageChange) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = fmt.Sprintf("%s→%s@%s", h.From, h.To, ts(h.At))
		if h.Note != "" {
			out[i] += " (" + h.Note + ")"
		}
	}
	return out
}

func peopleText(ps []model.BriefPerson) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d/%s/%s/%s/%s: %s", p.PersonID, p.PersonUID, p.Name, p.Title, p.Role, p.Framing)
	}
	return out
}

func checksText(cs []model.Check) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%s %s %s %s", c.Kind, c.State, c.By, c.On)
	}
	return out
}

func titles(bs []model.Brief) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Title
	}
	return out
}

func TestCreateBrief(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		w := newBriefWorld(t)
		day := 24 * time.Hour
		start := w.clock.t.Add(-40 * day)
		in := model.Brief{
			AccountID: w.acme.ID, Title: "Loyalty relaunch",
			Who: "marketing leadership", What: "a relaunched loyalty programme", Where: "EMEA retail",
			When: "before the summer season", Why: "churn among members rose 12% last year",
			TargetOn: model.MustDate("2026-06-01"), ValueClient: "retention", ValueUs: "a three-year renewal",
			Stage: model.StageCreate, StageSince: start.Add(30 * day),
			// Lee first: people keep the order given, not name order.
			People: []model.BriefPerson{
				{PersonID: w.lee.ID, Framing: "payback in 14 months"},
				{PersonID: w.dana.ID, Framing: "the brand story"},
			},
			Checks: []model.Check{{Kind: model.CheckLegal, State: model.CheckSigned, By: "Ana", On: model.MustDate("2026-02-20")}},
			History: []model.StageChange{
				{To: model.StageUnderstand, At: start},
				{From: model.StageUnderstand, To: model.StageDetermine, At: start.Add(10 * day)},
				{From: model.StageDetermine, To: model.StageCreate, At: start.Add(30 * day), Note: "agreed with Dana"},
			},
		}
		got, err := w.s.CreateBrief(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if in.People[0].PersonUID != "" {
			t.Error("CreateBrief changed the caller's people")
		}
		b, err := w.s.Brief(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.ID == 0 || len(b.UID) != 32 || b.AccountUID != w.acme.UID || b.AccountName != "Acme" {
			t.Errorf("ids: id %d uid %q account %q %q", b.ID, b.UID, b.AccountUID, b.AccountName)
		}
		if b.Title != in.Title || b.Who != in.Who || b.What != in.What || b.Where != in.Where || b.When != in.When ||
			b.Why != in.Why || b.TargetOn != in.TargetOn || b.ValueClient != in.ValueClient || b.ValueUs != in.ValueUs {
			t.Errorf("fields: got %+v", b)
		}
		if b.Stage != model.StageCreate || !b.StageSince.Equal(in.StageSince) {
			t.Errorf("stage: %q since %v", b.Stage, b.StageSince)
		}
		if !b.CreatedAt.Equal(w.clock.t) || !b.UpdatedAt.Equal(w.clock.t) {
			t.Errorf("stamps: %v %v", b.CreatedAt, b.UpdatedAt)
		}
		wantPeople := []string{
			fmt.Sprintf("%d/%s/Lee Park/CFO/economic buyer: payback in 14 months", w.lee.ID, w.lee.UID),
			fmt.Sprintf("%d/%s/Dana Whit/CMO/champion: the brand story", w.dana.ID, w.dana.UID),
		}
		if got := peopleText(b.People); !slices.Equal(got, wantPeople) {
			t.Errorf("people:\n got %q\nwant %q", got, wantPeople)
		}
		wantChecks := []string{"brand pending  ", "strategy pending  ", "legal signed Ana 2026-02-20", "translation pending  "}
		if got := checksText(b.Checks); !slices.Equal(got, wantChecks) {
			t.Errorf("checks:\n got %q\nwant %q", got, wantChecks)
		}
		if got, want := historyText(b.History), historyText(in.History); !slices.Equal(got, want) {
			t.Errorf("history:\n got %q\nwant %q", got, want)
		}
		if got.UID != b.UID || len(got.History) != 3 || len(got.People) != 2 {
			t.Errorf("CreateBrief returned %+v, Brief reads %+v", got, b)
		}
	})

	t.Run("Defaults", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Idea"})
		if err != nil {
			t.Fatal(err)
		}
		if b.Stage != model.StageUnderstand || !b.StageSince.Equal(w.clock.t) {
			t.Errorf("stage %q since %v", b.Stage, b.StageSince)
		}
		want := []string{"brand pending  ", "strategy pending  ", "legal pending  ", "translation pending  "}
		if got := checksText(b.Checks); !slices.Equal(got, want) {
			t.Errorf("checks %q", got)
		}
		if got, want := historyText(b.History), []string{"→understand needs@" + ts(w.clock.t)}; !slices.Equal(got, want) {
			t.Errorf("history %q, want %q", got, want)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		w := newBriefWorld(t)
		for _, tc := range []struct {
			name  string
			b     model.Brief
			field string
		}{
			{"no title", model.Brief{AccountID: w.acme.ID}, "title"},
			{"no account", model.Brief{Title: "x"}, "account"},
			{"unknown account", model.Brief{AccountID: 999, Title: "x"}, "account"},
			{"past first stage without why", model.Brief{AccountID: w.acme.ID, Title: "x", Stage: model.StageCreate}, "why"},
			{"person of another account", model.Brief{AccountID: w.acme.ID, Title: "x",
				People: []model.BriefPerson{{PersonID: w.dana.ID}, {PersonID: w.zoe.ID}}}, "people"},
			{"person twice", model.Brief{AccountID: w.acme.ID, Title: "x",
				People: []model.BriefPerson{{PersonID: w.dana.ID}, {PersonUID: w.dana.UID}}}, "people"},
			{"unknown person", model.Brief{AccountID: w.acme.ID, Title: "x", People: []model.BriefPerson{{PersonID: 999}}}, "people"},
			{"signed without who", model.Brief{AccountID: w.acme.ID, Title: "x",
				Checks: []model.Check{{Kind: model.CheckBrand, State: model.CheckSigned}}}, "brand check"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.s.CreateBrief(ctx, tc.b)
				if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != tc.field {
					t.Fatalf("err %v (field %q), want ErrInvalid on %q", err, model.FieldOf(err), tc.field)
				}
			})
		}
		if n, err := w.s.CountBriefs(ctx, BriefFilter{Archived: true}); err != nil || n != 0 {
			t.Errorf("refused briefs were saved: %d, %v", n, err)
		}
	})

	t.Run("ByUID", func(t *testing.T) {
		// The importer names the account and people by UID only.
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountUID: w.globex.UID, Title: "Pilot",
			People: []model.BriefPerson{{PersonUID: w.zoe.UID, Framing: "short"}}})
		if err != nil {
			t.Fatal(err)
		}
		if b.AccountID != w.globex.ID || len(b.People) != 1 || b.People[0].PersonID != w.zoe.ID || b.People[0].Name != "Zoë Adler" {
			t.Errorf("got %+v", b)
		}
	})
}

func TestBrief(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := w.s.Brief(ctx, 999)
		if !errors.Is(err, model.ErrNotFound) || !strings.Contains(err.Error(), "brief 999") {
			t.Fatalf("err %v", err)
		}
	})
}

func TestUpdateBrief(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty", Why: "churn",
			People: []model.BriefPerson{{PersonID: w.dana.ID, Framing: "brand"}, {PersonID: w.lee.ID, Framing: "money"}},
			Checks: []model.Check{{Kind: model.CheckBrand, State: model.CheckSigned, By: "Ana"}}})
		if err != nil {
			t.Fatal(err)
		}
		created := b.CreatedAt
		w.clock.advance(48 * time.Hour)

		b.Title = "Loyalty relaunch"
		b.What = "a relaunch"
		b.People = []model.BriefPerson{{PersonID: w.lee.ID, Framing: "payback in 14 months"}}
		b.Stage = model.StageActivate // ignored: stages move through MoveBrief
		b.Checks = []model.Check{{Kind: model.CheckLegal, State: model.CheckNotNeeded}}
		got, err := w.s.UpdateBrief(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Loyalty relaunch" || got.What != "a relaunch" || got.Stage != model.StageUnderstand {
			t.Errorf("got %q %q %q", got.Title, got.What, got.Stage)
		}
		if !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(w.clock.t) {
			t.Errorf("stamps %v %v", got.CreatedAt, got.UpdatedAt)
		}
		if len(got.People) != 1 || got.People[0].PersonID != w.lee.ID || got.People[0].Framing != "payback in 14 months" {
			t.Errorf("people %q", peopleText(got.People))
		}
		// Brand keeps its sign-off (and date); legal is dated today.
		want := []string{"brand signed Ana 2026-03-02", "strategy pending  ", "legal not needed  " + w.s.today().String(), "translation pending  "}
		if got := checksText(got.Checks); !slices.Equal(got, want) {
			t.Errorf("checks:\n got %q\nwant %q", got, want)
		}
		if len(got.History) != 1 {
			t.Errorf("history %q", historyText(got.History))
		}
		if found, _ := w.s.Briefs(ctx, BriefFilter{Query: "relaunch"}, PageReq{}); len(found.Items) != 1 {
			t.Errorf("title_fold not updated: %q", titles(found.Items))
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty", Why: "churn",
			People: []model.BriefPerson{{PersonID: w.dana.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		if b, err = w.s.MoveBrief(ctx, b.ID, model.StageDetermine, ""); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			edit  func(*model.Brief)
			field string
		}{
			{"emptying the why past the first stage", func(b *model.Brief) { b.Why = " " }, "why"},
			{"person of another account", func(b *model.Brief) { b.People = append(b.People, model.BriefPerson{PersonID: w.zoe.ID}) }, "people"},
			{"moving to an account its people are not at", func(b *model.Brief) { b.AccountID, b.AccountUID = w.globex.ID, "" }, "people"},
			{"no title", func(b *model.Brief) { b.Title = "" }, "title"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := b
				e.People = slices.Clone(b.People)
				tc.edit(&e)
				_, err := w.s.UpdateBrief(ctx, e)
				if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != tc.field {
					t.Fatalf("err %v, want ErrInvalid on %q", err, tc.field)
				}
			})
		}
		stored, err := w.s.Brief(ctx, b.ID)
		if err != nil || stored.Why != "churn" || stored.AccountID != w.acme.ID || len(stored.People) != 1 {
			t.Errorf("a refused update changed the brief: %+v, %v", stored, err)
		}
	})
}

func TestMoveBrief(t *testing.T) {
	ctx := context.Background()
	day := 24 * time.Hour

	t.Run("OK", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty"})
		if err != nil {
			t.Fatal(err)
		}
		wantHistory := []string{"→understand needs@" + ts(w.clock.t)}

		// No why: the brief stays in its first stage.
		_, err = w.s.MoveBrief(ctx, b.ID, model.StageDetermine, "")
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "write the why") || strings.HasPrefix(err.Error(), "store:") {
			t.Fatalf("move without why: %v", err)
		}
		b.Why = "members churn"
		if b, err = w.s.UpdateBrief(ctx, b); err != nil {
			t.Fatal(err)
		}

		for _, to := range []model.Stage{model.StageDetermine, model.StageCreate, model.StageChecks} {
			w.clock.advance(10 * day)
			got, err := w.s.MoveBrief(ctx, b.ID, to, "")
			if err != nil {
				t.Fatalf("move to %s: %v", to, err)
			}
			wantHistory = append(wantHistory, fmt.Sprintf("%s→%s@%s", got.History[len(got.History)-2].To, to, ts(w.clock.t)))
			if got.Stage != to || !got.StageSince.Equal(w.clock.t) || !got.UpdatedAt.Equal(w.clock.t) {
				t.Errorf("after move to %s: %q since %v", to, got.Stage, got.StageSince)
			}
		}

		// Activation waits for the four sign-offs and says which are missing.
		_, err = w.s.MoveBrief(ctx, b.ID, model.StageActivate, "")
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "brand, strategy, legal, translation checks are not signed") {
			t.Fatalf("activate with no checks: %v", err)
		}
		for _, c := range []model.Check{
			{Kind: model.CheckBrand, State: model.CheckSigned, By: "Ana"},
			{Kind: model.CheckStrategy, State: model.CheckNotNeeded},
			{Kind: model.CheckLegal, State: model.CheckSigned, By: "Legal team", On: model.MustDate("2026-03-01")},
		} {
			if _, err := w.s.SetCheck(ctx, b.ID, c); err != nil {
				t.Fatalf("set %s: %v", c.Kind, err)
			}
		}
		_, err = w.s.MoveBrief(ctx, b.ID, model.StageActivate, "")
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "translation check is not signed") || strings.Contains(err.Error(), "brand") {
			t.Fatalf("activate with translation pending: %v", err)
		}
		_, err = w.s.SetCheck(ctx, b.ID, model.Check{Kind: model.CheckTranslation, State: model.CheckSigned})
		if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != "translation check" {
			t.Fatalf("signed without who: %v", err)
		}
		got, err := w.s.SetCheck(ctx, b.ID, model.Check{Kind: model.CheckTranslation, State: model.CheckSigned, By: "Jo"})
		if err != nil {
			t.Fatal(err)
		}
		today := w.s.today().String()
		wantChecks := []string{"brand signed Ana " + today, "strategy not needed  " + today, "legal signed Legal team 2026-03-01", "translation signed Jo " + today}
		if got := checksText(got.Checks); !slices.Equal(got, wantChecks) {
			t.Errorf("checks:\n got %q\nwant %q", got, wantChecks)
		}

		w.clock.advance(3 * day)
		got, err = w.s.MoveBrief(ctx, b.ID, model.StageActivate, "")
		if err != nil {
			t.Fatal(err)
		}
		wantHistory = append(wantHistory, "checks→activate@"+ts(w.clock.t))
		w.clock.advance(100 * day)
		got, err = w.s.MoveBrief(ctx, b.ID, model.StageDone, "")
		if err != nil {
			t.Fatal(err)
		}
		wantHistory = append(wantHistory, "activate→done@"+ts(w.clock.t))
		stored, err := w.s.Brief(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h := historyText(stored.History); !slices.Equal(h, wantHistory) {
			t.Errorf("history:\n got %q\nwant %q", h, wantHistory)
		}
		if stored.Stage != model.StageDone || !stored.StageSince.Equal(w.clock.t) || got.Stage != model.StageDone {
			t.Errorf("stage %q since %v", stored.Stage, stored.StageSince)
		}
	})

	t.Run("Dropped", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.s.MoveBrief(ctx, b.ID, model.StageDropped, "  ")
		if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != "reason" {
			t.Fatalf("drop without reason: %v", err)
		}
		w.clock.advance(day)
		got, err := w.s.MoveBrief(ctx, b.ID, model.StageDropped, "budget frozen ")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"→understand needs@" + ts(b.StageSince), "understand needs→dropped@" + ts(w.clock.t) + " (budget frozen)"}
		if h := historyText(got.History); got.Stage != model.StageDropped || !slices.Equal(h, want) {
			t.Errorf("stage %q history %q", got.Stage, h)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		w := newBriefWorld(t)
		b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty"})
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range []model.Stage{model.StageUnderstand, "nowhere"} {
			if _, err := w.s.MoveBrief(ctx, b.ID, to, ""); !errors.Is(err, model.ErrInvalid) {
				t.Errorf("move to %q: %v", to, err)
			}
		}
		if stored, _ := w.s.Brief(ctx, b.ID); len(stored.History) != 1 {
			t.Errorf("a refused move was recorded: %q", historyText(stored.History))
		}
	})
}

func TestBriefErrNotFound(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"Brief", func() error { _, err := w.s.Brief(ctx, 999); return err }},
		{"UpdateBrief", func() error {
			_, err := w.s.UpdateBrief(ctx, model.Brief{ID: 999, AccountID: w.acme.ID, Title: "x"})
			return err
		}},
		{"MoveBrief", func() error { _, err := w.s.MoveBrief(ctx, 999, model.StageDropped, "x"); return err }},
		{"SetCheck", func() error {
			_, err := w.s.SetCheck(ctx, 999, model.Check{Kind: model.CheckLegal, State: model.CheckNotNeeded})
			return err
		}},
		{"ArchiveBrief", func() error { return w.s.ArchiveBrief(ctx, 999, true) }},
		{"DeleteBrief", func() error { return w.s.DeleteBrief(ctx, 999) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !errors.Is(err, model.ErrNotFound) || !strings.Contains(err.Error(), "brief 999") {
				t.Fatalf("err %v, want ErrNotFound naming brief 999", err)
			}
		})
	}
}

func TestArchiveDeleteBrief(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty", People: []model.BriefPerson{{PersonID: w.dana.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	count := func(f BriefFilter) int {
		t.Helper()
		n, err := w.s.CountBriefs(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := w.s.ArchiveBrief(ctx, b.ID, true); err != nil {
		t.Fatal(err)
	}
	if count(BriefFilter{}) != 0 || count(BriefFilter{Archived: true}) != 1 {
		t.Error("an archived brief is listed, or lost")
	}
	if got, _ := w.s.PersonBriefs(ctx, w.dana.ID); len(got) != 0 {
		t.Error("an archived brief is in the dossier")
	}
	if got, _ := w.s.Brief(ctx, b.ID); got.ArchivedAt.IsZero() {
		t.Error("ArchivedAt not set")
	}
	if err := w.s.ArchiveBrief(ctx, b.ID, false); err != nil || count(BriefFilter{}) != 1 {
		t.Errorf("restore: %v", err)
	}
	if err := w.s.DeleteBrief(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Brief(ctx, b.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleted brief: %v", err)
	}
	var left int
	if err := w.s.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM brief_check) + (SELECT count(*) FROM brief_person)
		+ (SELECT count(*) FROM stage_change)`).Scan(&left); err != nil || left != 0 {
		t.Errorf("rows left after delete: %d, %v", left, err)
	}
}

func TestBriefsPaging(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	base := w.clock.t.Add(-1000 * time.Hour)
	type key struct {
		rank  int
		since time.Time
		id    int64
	}
	var want []key
	// Stages and times repeat so several briefs share a stage and a time:
	// the id breaks those ties.
	err := w.s.write(ctx, "seed briefs", func(tx *sql.Tx) error {
		for i := range 250 {
			st := model.Stages[i%len(model.Stages)]
			b, err := w.s.insertBrief(ctx, tx, model.Brief{AccountID: w.acme.ID, Title: fmt.Sprintf("Brief %03d", i), Why: "why",
				Stage: st, StageSince: base.Add(time.Duration(i%17) * time.Hour)})
			if err != nil {
				return err
			}
			want = append(want, key{st.Index(), b.StageSince, b.ID})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), a.since.Compare(b.since), cmp.Compare(a.id, b.id))
	})
	wantIDs := make([]int64, len(want))
	for i, k := range want {
		wantIDs[i] = k.id
	}
	const limit = 40

	check := func(t *testing.T, got []int64, pages int) {
		t.Helper()
		if pages != 7 {
			t.Errorf("%d pages, want 7", pages)
		}
		if !slices.Equal(got, wantIDs) {
			t.Errorf("ids out of order or repeated:\n got %v\nwant %v", got, wantIDs)
		}
	}

	t.Run("After", func(t *testing.T) {
		var got []int64
		req := PageReq{Limit: limit}
		pages := 0
		for {
			p, err := w.s.Briefs(ctx, BriefFilter{}, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) == 0 {
				break
			}
			pages++
			for i, b := range p.Items {
				if p.Cursors[i].ID != b.ID || len(b.Checks) != 4 {
					t.Fatalf("row %d: cursor %v, %d checks", b.ID, p.Cursors[i], len(b.Checks))
				}
				got = append(got, b.ID)
			}
			req.After = &p.Cursors[len(p.Cursors)-1]
		}
		check(t, got, pages)
	})

	t.Run("Before", func(t *testing.T) {
		var got []int64
		req := PageReq{Last: true, Limit: limit}
		pages := 0
		for {
			p, err := w.s.Briefs(ctx, BriefFilter{}, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) == 0 {
				break
			}
			pages++
			ids := make([]int64, len(p.Items))
			for i, b := range p.Items {
				ids[i] = b.ID
			}
			got = append(ids, got...)
			req = PageReq{Before: &p.Cursors[0], Limit: limit}
		}
		check(t, got, pages)
	})

	t.Run("CountBriefs", func(t *testing.T) {
		if n, err := w.s.CountBriefs(ctx, BriefFilter{}); err != nil || n != 250 {
			t.Errorf("count %d, %v", n, err)
		}
	})
}

func TestBriefsFilter(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	create := func(b model.Brief) model.Brief {
		t.Helper()
		got, err := w.s.CreateBrief(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		w.clock.advance(time.Minute)
		return got
	}
	// Created in an order that differs from the list's, which is by stage.
	create(model.Brief{AccountID: w.acme.ID, Title: "Old rebrand", Why: "w", Stage: model.StageDone,
		People: []model.BriefPerson{{PersonID: w.lee.ID}}})
	create(model.Brief{AccountID: w.acme.ID, Title: "Data platform migration", Why: "w", Stage: model.StageCreate,
		People: []model.BriefPerson{{PersonID: w.lee.ID, Framing: "cost"}, {PersonID: w.dana.ID, Framing: "speed"}}})
	create(model.Brief{AccountID: w.acme.ID, Title: "Loyalty relaunch",
		People: []model.BriefPerson{{PersonID: w.dana.ID, Framing: "the brand story"}}})
	create(model.Brief{AccountID: w.globex.ID, Title: "Zoë's pilot", Why: "w", Stage: model.StageChecks,
		People: []model.BriefPerson{{PersonID: w.zoe.ID}}})
	create(model.Brief{AccountID: w.globex.ID, Title: "Dropped 100% idea", Why: "w", Stage: model.StageDropped})
	archived := create(model.Brief{AccountID: w.acme.ID, Title: "Archived pilot", Why: "w", Stage: model.StageDetermine,
		People: []model.BriefPerson{{PersonID: w.dana.ID}}})
	if err := w.s.ArchiveBrief(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name string
		f    BriefFilter
		want []string
	}{
		{"all", BriefFilter{}, []string{"Loyalty relaunch", "Data platform migration", "Zoë's pilot", "Old rebrand", "Dropped 100% idea"}},
		{"archived too", BriefFilter{Archived: true}, []string{"Loyalty relaunch", "Archived pilot", "Data platform migration", "Zoë's pilot", "Old rebrand", "Dropped 100% idea"}},
		{"account", BriefFilter{AccountID: w.acme.ID}, []string{"Loyalty relaunch", "Data platform migration", "Old rebrand"}},
		{"stage", BriefFilter{Stage: model.StageCreate}, []string{"Data platform migration"}},
		{"open", BriefFilter{Open: true}, []string{"Loyalty relaunch", "Data platform migration", "Zoë's pilot"}},
		{"account and open", BriefFilter{AccountID: w.globex.ID, Open: true}, []string{"Zoë's pilot"}},
		{"person", BriefFilter{PersonID: w.dana.ID}, []string{"Loyalty relaunch", "Data platform migration"}},
		{"person, open", BriefFilter{PersonID: w.lee.ID, Open: true}, []string{"Data platform migration"}},
		{"query any case", BriefFilter{Query: "PILOT"}, []string{"Zoë's pilot"}},
		{"query without accents", BriefFilter{Query: "zoe"}, []string{"Zoë's pilot"}},
		{"query wildcard is literal", BriefFilter{Query: "0%"}, []string{"Dropped 100% idea"}},
		{"query underscore is literal", BriefFilter{Query: "_"}, []string{}},
		{"nothing", BriefFilter{AccountID: w.globex.ID, Stage: model.StageCreate}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := w.s.Briefs(ctx, tc.f, PageReq{})
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(p.Items); !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			n, err := w.s.CountBriefs(ctx, tc.f)
			if err != nil || n != len(tc.want) {
				t.Errorf("CountBriefs = %d, %v; want %d", n, err, len(tc.want))
			}
		})
	}

	t.Run("rows carry account, people and checks", func(t *testing.T) {
		p, err := w.s.Briefs(ctx, BriefFilter{Stage: model.StageCreate}, PageReq{})
		if err != nil || len(p.Items) != 1 {
			t.Fatal(len(p.Items), err)
		}
		b := p.Items[0]
		want := []string{
			fmt.Sprintf("%d/%s/Lee Park/CFO/economic buyer: cost", w.lee.ID, w.lee.UID),
			fmt.Sprintf("%d/%s/Dana Whit/CMO/champion: speed", w.dana.ID, w.dana.UID),
		}
		if got := peopleText(b.People); !slices.Equal(got, want) {
			t.Errorf("people %q", got)
		}
		if b.AccountName != "Acme" || b.Why != "w" || len(b.Checks) != 4 || len(b.PendingChecks()) != 4 || b.History != nil {
			t.Errorf("row %+v", b)
		}
	})

	t.Run("PersonBriefs", func(t *testing.T) {
		got, err := w.s.PersonBriefs(ctx, w.dana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Loyalty relaunch", "Data platform migration"}; !slices.Equal(titles(got), want) {
			t.Fatalf("got %q, want %q", titles(got), want)
		}
		for _, b := range got {
			i := slices.IndexFunc(b.People, func(p model.BriefPerson) bool { return p.PersonID == w.dana.ID })
			if i < 0 || b.People[i].Framing == "" {
				t.Errorf("%s: Dana's framing missing: %q", b.Title, peopleText(b.People))
			}
		}
		if got, err := w.s.PersonBriefs(ctx, 999); err != nil || len(got) != 0 {
			t.Errorf("unknown person: %v, %v", got, err)
		}
	})
}

// TestBriefOpenings: the opening written to each linked person is kept
// beside their framing, read back everywhere a brief's people are, replaced
// with the people on update, and carried by export and import.
func TestBriefOpenings(t *testing.T) {
	ctx := context.Background()
	w := newBriefWorld(t)
	b, err := w.s.CreateBrief(ctx, model.Brief{AccountID: w.acme.ID, Title: "Loyalty", Why: "churn",
		People: []model.BriefPerson{
			{PersonID: w.dana.ID, Framing: "the brand story", Opening: "Dana, this is the story your brand has been waiting for."},
			{PersonID: w.lee.ID, Framing: "payback in 14 months"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	openings := func(ps []model.BriefPerson) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name+": "+p.Opening)
		}
		return out
	}
	want := []string{"Dana Whit: Dana, this is the story your brand has been waiting for.", "Lee Park: "}

	t.Run("OK", func(t *testing.T) {
		got, err := w.s.Brief(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o := openings(got.People); !slices.Equal(o, want) {
			t.Errorf("Brief: openings %q, want %q", o, want)
		}
		if got.People[0].Framing != "the brand story" {
			t.Errorf("framing %q", got.People[0].Framing)
		}
		page, err := w.s.Briefs(ctx, BriefFilter{}, PageReq{})
		if err != nil || len(page.Items) != 1 || !slices.Equal(openings(page.Items[0].People), want) {
			t.Errorf("Briefs: %v, %v", page.Items, err)
		}
		mine, err := w.s.PersonBriefs(ctx, w.dana.ID)
		if err != nil || len(mine) != 1 || !slices.Equal(openings(mine[0].People), want) {
			t.Errorf("PersonBriefs: %v, %v", mine, err)
		}
	})

	t.Run("Update", func(t *testing.T) {
		e, err := w.s.Brief(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.People[1].Opening = "Lee, the numbers first."
		e.People[0].Opening = ""
		got, err := w.s.UpdateBrief(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		if o, want := openings(got.People), []string{"Dana Whit: ", "Lee Park: Lee, the numbers first."}; !slices.Equal(o, want) {
			t.Errorf("after update: openings %q, want %q", o, want)
		}
		e.People[0].Opening = strings.Repeat("a", model.MaxLongTextLen+1)
		if _, err := w.s.UpdateBrief(ctx, e); !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != "opening" {
			t.Errorf("a too long opening: %v", err)
		}
	})

	t.Run("Transfer", func(t *testing.T) {
		doc, err := w.s.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Briefs) != 1 || doc.Briefs[0].People[1].Opening != "Lee, the numbers first." {
			t.Fatalf("export: %+v", doc.Briefs)
		}
		if again, err := w.s.Import(ctx, doc, ImportOptions{}); err != nil || again.Briefs.Updated != 0 {
			t.Fatalf("re-import of the export: %+v, %v; want nothing updated", again.Briefs, err)
		}
		doc.Briefs[0].People[1].Opening = "Lee, here is the payback, month by month."
		res, err := w.s.Import(ctx, doc, ImportOptions{})
		if err != nil || res.Briefs.Updated != 1 {
			t.Fatalf("import of a changed opening: %+v, %v; want one brief updated", res.Briefs, err)
		}
		got, err := w.s.Brief(ctx, b.ID)
		if err != nil || got.People[1].Opening != "Lee, here is the payback, month by month." {
			t.Errorf("after import: %q, %v", openings(got.People), err)
		}
	})
}
