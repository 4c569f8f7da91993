package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"rapport/model"
)

// fuNow is the fixed clock of the follow-up and agenda tests: Wednesday
// 4 March 2026, noon local time (noon keeps the UTC day the local one).
var fuNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.Local)

var fuToday = model.MustDate("2026-03-04")

func fuOpen(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), WithClock(func() time.Time { return fuNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fuAccount(t *testing.T, s *Store, name string) model.Account {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), model.Account{Name: name, Tier: model.TierKey})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func fuPerson(t *testing.T, s *Store, p model.Person) model.Person {
	t.Helper()
	p, err := s.CreatePerson(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func fuCreate(t *testing.T, s *Store, f model.FollowUp) model.FollowUp {
	t.Helper()
	f, err := s.CreateFollowUp(context.Background(), f)
	if err != nil {
		t.Fatalf("create follow-up %q: %v", f.Text, err)
	}
	return f
}

// fuBrief inserts a brief with plain SQL (briefs have their own tests), in a
// stage since a number of days before the test clock.
func fuBrief(t *testing.T, s *Store, accountID int64, title string, stage model.Stage, daysInStage int, archived bool) int64 {
	t.Helper()
	now := ts(fuNow)
	var arch any
	if archived {
		arch = now
	}
	var id int64
	err := s.DB().QueryRow(`INSERT INTO brief (uid, account_id, title, title_fold, stage, stage_rank, stage_since, archived_at,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		model.NewUID(), accountID, title, model.Fold(title), stage, stage.Index(), ts(fuNow.AddDate(0, 0, -daysInStage)), arch,
		now, now).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCreateFollowUp(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	acme := fuAccount(t, s, "Acme")
	globex := fuAccount(t, s, "Globex")
	dana := fuPerson(t, s, model.Person{AccountID: acme.ID, Name: "Dana Scully"})
	brief := fuBrief(t, s, globex.ID, "Loyalty programme", model.StageCreate, 3, false)

	t.Run("OK", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Send the QBR deck", DueOn: model.MustDate("2026-03-06"), DueTime: "15:00",
			PersonID: dana.ID, Recur: model.Recurrence{Unit: model.RecurWeek, Every: 2}, FromCompletion: true})
		if f.ID == 0 || f.UID == "" || !f.CreatedAt.Equal(fuNow.UTC()) || !f.UpdatedAt.Equal(fuNow.UTC()) {
			t.Errorf("id %d, uid %q, created %v, updated %v", f.ID, f.UID, f.CreatedAt, f.UpdatedAt)
		}
		if f.Kind != model.KindFollowUp {
			t.Errorf("kind = %q, want follow-up by default", f.Kind)
		}
		if f.AccountID != acme.ID || f.AccountName != "Acme" || f.AccountUID != acme.UID || f.PersonName != "Dana Scully" || f.PersonUID != dana.UID {
			t.Errorf("links = account %d %q %q, person %q %q; want the person's account", f.AccountID, f.AccountName, f.AccountUID, f.PersonName, f.PersonUID)
		}
		got, err := s.FollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Recur.String() != "every 2 weeks" || !got.FromCompletion || got.DueString() != "2026-03-06 15:00" || got.Done() {
			t.Errorf("read back %+v", got)
		}
		var agendaOn, recur string
		if err := s.DB().QueryRow("SELECT agenda_on, recurrence FROM follow_up WHERE id = ?", f.ID).Scan(&agendaOn, &recur); err != nil {
			t.Fatal(err)
		}
		if agendaOn != "2026-03-06" || recur != "every 2 weeks" {
			t.Errorf("agenda_on %q, recurrence %q", agendaOn, recur)
		}
	})

	t.Run("BriefAccount", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Chase legal", DueOn: fuToday, BriefID: brief, Kind: model.KindPromise})
		if f.AccountID != globex.ID || f.BriefTitle != "Loyalty programme" || f.Kind != model.KindPromise {
			t.Errorf("account %d, brief %q, kind %q", f.AccountID, f.BriefTitle, f.Kind)
		}
	})

	t.Run("NoLinks", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Renew certification", DueOn: fuToday})
		if f.AccountID != 0 || f.AccountName != "" || f.PersonID != 0 {
			t.Errorf("links %+v", f)
		}
	})

	t.Run("KeepsImported", func(t *testing.T) {
		created := time.Date(2025, 1, 2, 3, 4, 5, 6e6, time.UTC)
		done := created.Add(48 * time.Hour)
		var f model.FollowUp
		err := s.write(ctx, "import", func(tx *sql.Tx) error {
			var err error
			f, err = s.insertFollowUp(ctx, tx, model.FollowUp{UID: "imported-1", Text: "Old one", DueOn: model.MustDate("2025-01-05"),
				AccountUID: acme.UID, PersonUID: dana.UID, CreatedAt: created, UpdatedAt: done, DoneAt: done})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.FollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.UID != "imported-1" || !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(done) || !got.DoneAt.Equal(done) ||
			got.AccountID != acme.ID || got.PersonID != dana.ID {
			t.Errorf("imported read back as %+v", got)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tt := range []struct {
			name  string
			f     model.FollowUp
			field string
		}{
			{"no text", model.FollowUp{Text: "  ", DueOn: fuToday}, "text"},
			{"no due", model.FollowUp{Text: "x"}, "due"},
			{"bad kind", model.FollowUp{Text: "x", DueOn: fuToday, Kind: "task"}, "kind"},
			{"bad time", model.FollowUp{Text: "x", DueOn: fuToday, DueTime: "25:00"}, "time"},
			{"no such person", model.FollowUp{Text: "x", DueOn: fuToday, PersonID: 9999}, "person"},
			{"no such account", model.FollowUp{Text: "x", DueOn: fuToday, AccountID: 9999}, "account"},
			{"no such brief", model.FollowUp{Text: "x", DueOn: fuToday, BriefID: 9999}, "brief"},
			{"person elsewhere", model.FollowUp{Text: "x", DueOn: fuToday, AccountID: globex.ID, PersonID: dana.ID}, "person"},
			{"brief elsewhere", model.FollowUp{Text: "x", DueOn: fuToday, PersonID: dana.ID, BriefID: brief}, "brief"},
		} {
			_, err := s.CreateFollowUp(ctx, tt.f)
			if !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != tt.field {
				t.Errorf("%s: err = %v (field %q), want ErrInvalid on %q", tt.name, err, model.FieldOf(err), tt.field)
			}
		}
	})
}

func TestFollowUp(t *testing.T) {
	s := fuOpen(t)
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.FollowUp(context.Background(), 42)
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestUpdateFollowUp(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	acme := fuAccount(t, s, "Acme")
	dana := fuPerson(t, s, model.Person{AccountID: acme.ID, Name: "Dana"})
	f := fuCreate(t, s, model.FollowUp{Text: "Call", DueOn: model.MustDate("2026-03-01"), PersonID: dana.ID})

	t.Run("OK", func(t *testing.T) {
		later := fuNow.Add(time.Hour)
		s.now = func() time.Time { return later }
		defer func() { s.now = func() time.Time { return fuNow } }()
		f.Text, f.PersonID, f.Kind = "Call about renewal", 0, ""
		got, err := s.UpdateFollowUp(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != "Call about renewal" || got.PersonID != 0 || got.AccountID != acme.ID || got.Kind != model.KindFollowUp {
			t.Errorf("updated %+v", got)
		}
		if got.UID != f.UID || !got.CreatedAt.Equal(f.CreatedAt) || !got.UpdatedAt.Equal(later.UTC()) {
			t.Errorf("uid %q created %v updated %v", got.UID, got.CreatedAt, got.UpdatedAt)
		}
		f = got
	})

	t.Run("NewDueDropsSnooze", func(t *testing.T) {
		if _, err := s.SnoozeFollowUp(ctx, f.ID, model.MustDate("2026-03-20")); err != nil {
			t.Fatal(err)
		}
		f, _ = s.FollowUp(ctx, f.ID)
		f.DueOn = model.MustDate("2026-03-10")
		got, err := s.UpdateFollowUp(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !got.SnoozedUntil.IsZero() || got.AgendaOn() != model.MustDate("2026-03-10") {
			t.Errorf("snoozed until %s, agenda on %s; want the new due day", got.SnoozedUntil, got.AgendaOn())
		}
		var agendaOn string
		s.DB().QueryRow("SELECT agenda_on FROM follow_up WHERE id = ?", f.ID).Scan(&agendaOn)
		if agendaOn != "2026-03-10" {
			t.Errorf("agenda_on = %q", agendaOn)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.UpdateFollowUp(ctx, model.FollowUp{ID: 999, Text: "x", DueOn: fuToday})
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		g := f
		g.Text = ""
		if _, err := s.UpdateFollowUp(ctx, g); !errors.Is(err, model.ErrInvalid) || model.FieldOf(err) != "text" {
			t.Errorf("err = %v, want ErrInvalid on text", err)
		}
	})
}

func TestDeleteFollowUp(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	f := fuCreate(t, s, model.FollowUp{Text: "Call", DueOn: fuToday})
	t.Run("OK", func(t *testing.T) {
		if err := s.DeleteFollowUp(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FollowUp(ctx, f.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		err := s.DeleteFollowUp(ctx, f.ID)
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}

// fuTexts lists the texts of follow-ups.
func fuTexts(fs []model.FollowUp) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Text
	}
	return out
}

func TestFollowUps(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	acme := fuAccount(t, s, "Acme")
	old := fuAccount(t, s, "Old Corp")
	dana := fuPerson(t, s, model.Person{AccountID: acme.ID, Name: "Dana"})

	// 23 open follow-ups over 8 days, several on one day, so pages split
	// inside a day and the id breaks the tie.
	var want []model.FollowUp
	for i := range 23 {
		f := model.FollowUp{Text: fmt.Sprintf("item %02d", i), DueOn: fuToday.AddDays(7 - i%8)}
		if i%3 == 0 {
			f.PersonID = dana.ID
		}
		want = append(want, fuCreate(t, s, f))
	}
	slices.SortStableFunc(want, func(a, b model.FollowUp) int {
		if c := a.AgendaOn().Compare(b.AgendaOn()); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	done := fuCreate(t, s, model.FollowUp{Text: "Done PAPERWORK", DueOn: fuToday.AddDays(2), AccountID: acme.ID})
	if _, _, err := s.CompleteFollowUp(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
	archived := fuCreate(t, s, model.FollowUp{Text: "On an archived account", DueOn: fuToday, AccountID: old.ID})
	if err := s.ArchiveAccount(ctx, old.ID, true); err != nil {
		t.Fatal(err)
	}

	t.Run("Forwards", func(t *testing.T) {
		var got []model.FollowUp
		req := PageReq{Limit: 5}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			p, err := s.FollowUps(ctx, FollowUpFilter{}, req)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, p.Items...)
			if len(p.Items) < 5 {
				break
			}
			req = PageReq{After: &p.Cursors[len(p.Cursors)-1], Limit: 5}
		}
		if !slices.Equal(fuTexts(got), fuTexts(want)) {
			t.Errorf("pages forwards:\n got %v\nwant %v", fuTexts(got), fuTexts(want))
		}
	})

	t.Run("Backwards", func(t *testing.T) {
		var got []model.FollowUp
		req := PageReq{Last: true, Limit: 5}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			p, err := s.FollowUps(ctx, FollowUpFilter{}, req)
			if err != nil {
				t.Fatal(err)
			}
			got = append(slices.Clone(p.Items), got...)
			if len(p.Items) < 5 {
				break
			}
			req = PageReq{Before: &p.Cursors[0], Limit: 5}
		}
		if !slices.Equal(fuTexts(got), fuTexts(want)) {
			t.Errorf("pages backwards:\n got %v\nwant %v", fuTexts(got), fuTexts(want))
		}
	})

	t.Run("Rows", func(t *testing.T) {
		p, err := s.FollowUps(ctx, FollowUpFilter{PersonID: dana.ID}, PageReq{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 8 {
			t.Fatalf("%d of Dana's follow-ups, want 8", len(p.Items))
		}
		for _, f := range p.Items {
			if f.PersonName != "Dana" || f.AccountName != "Acme" || f.PersonUID != dana.UID || f.AccountUID != acme.UID {
				t.Errorf("row %q links: %q %q", f.Text, f.PersonName, f.AccountName)
			}
		}
	})

	for _, tt := range []struct {
		name string
		f    FollowUpFilter
		want int
	}{
		{"All", FollowUpFilter{}, 23},
		{"Done", FollowUpFilter{Done: true}, 24},
		{"Account", FollowUpFilter{AccountID: acme.ID}, 8},
		{"AccountDone", FollowUpFilter{AccountID: acme.ID, Done: true}, 9},
		{"ArchivedAccountScoped", FollowUpFilter{AccountID: old.ID}, 1},
		{"Archived", FollowUpFilter{Archived: true}, 24},
		{"Query", FollowUpFilter{Query: "ITEM 1"}, 10},
		{"QueryDone", FollowUpFilter{Query: "paperwork", Done: true}, 1},
		{"QueryWildcard", FollowUpFilter{Query: "%"}, 0},
		{"BriefNone", FollowUpFilter{BriefID: 77}, 0},
		{"Before", FollowUpFilter{Before: fuToday.AddDays(3)}, 8},
		{"BeforeDone", FollowUpFilter{Before: fuToday.AddDays(3), Done: true}, 9},
	} {
		t.Run("Filter"+tt.name, func(t *testing.T) {
			n, err := s.CountFollowUps(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.FollowUps(ctx, tt.f, PageReq{})
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.want || len(p.Items) != tt.want {
				t.Errorf("count %d, rows %d, want %d", n, len(p.Items), tt.want)
			}
		})
	}

	t.Run("DoneSortsAmongOpen", func(t *testing.T) {
		p, err := s.FollowUps(ctx, FollowUpFilter{AccountID: acme.ID, Done: true}, PageReq{})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(p.Items, func(f model.FollowUp) bool { return f.ID == done.ID })
		if i < 0 || !p.Items[i].Done() {
			t.Fatalf("done one missing: %v", fuTexts(p.Items))
		}
		for j := 1; j < len(p.Items); j++ {
			if p.Items[j].AgendaOn().Before(p.Items[j-1].AgendaOn()) {
				t.Errorf("out of order at %d: %v", j, fuTexts(p.Items))
			}
		}
	})
	_ = archived
}

func TestCompleteFollowUp(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	acme := fuAccount(t, s, "Acme")
	weekly := model.Recurrence{Unit: model.RecurWeek, Every: 1}
	monday := model.MustDate("2026-03-02") // two days before the clock's Wednesday

	t.Run("FromDueDate", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Weekly report", DueOn: monday, DueTime: "09:00", Recur: weekly, AccountID: acme.ID, Kind: model.KindPromise})
		done, next, err := s.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !done.Done() || !done.DoneAt.Equal(fuNow.UTC()) {
			t.Errorf("done at %v", done.DoneAt)
		}
		if next == nil {
			t.Fatal("no next one for a weekly follow-up")
		}
		if next.DueOn != model.MustDate("2026-03-09") || next.ID == f.ID || next.Done() {
			t.Errorf("next due %s (id %d, done %v), want 2026-03-09", next.DueOn, next.ID, next.Done())
		}
		if next.Text != f.Text || next.Kind != model.KindPromise || next.DueTime != "09:00" || next.Recur != weekly ||
			next.AccountID != acme.ID || next.AccountName != "Acme" || next.UID == f.UID {
			t.Errorf("next = %+v", *next)
		}

		t.Run("Reopen", func(t *testing.T) {
			if err := s.ReopenFollowUp(ctx, f.ID, next.ID); err != nil {
				t.Fatal(err)
			}
			got, err := s.FollowUp(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Done() {
				t.Error("still done after reopen")
			}
			if _, err := s.FollowUp(ctx, next.ID); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("spawned one after reopen: %v, want deleted", err)
			}
			if n, _ := s.CountFollowUps(ctx, FollowUpFilter{Done: true, Query: "weekly report"}); n != 1 {
				t.Errorf("%d weekly reports after undo, want 1", n)
			}
		})
	})

	t.Run("FromCompletion", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Water the plant", DueOn: monday, Recur: weekly, FromCompletion: true})
		_, next, err := s.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if next == nil || next.DueOn != model.MustDate("2026-03-11") || !next.FromCompletion {
			t.Fatalf("next = %+v, want due 2026-03-11 (a week after completion)", next)
		}
	})

	t.Run("NotRecurring", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Once", DueOn: monday})
		done, next, err := s.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if next != nil || !done.Done() {
			t.Errorf("next %+v, done %v", next, done.Done())
		}

		t.Run("ErrInvalid", func(t *testing.T) {
			_, _, err := s.CompleteFollowUp(ctx, f.ID)
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("completing twice: %v, want ErrInvalid", err)
			}
			want := fmt.Sprintf("store: complete follow-up %d: invalid: it was done already, on 2026-03-04", f.ID)
			if err == nil || err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})

		t.Run("ReopenErrInvalid", func(t *testing.T) {
			if err := s.ReopenFollowUp(ctx, f.ID, 0); err != nil {
				t.Fatal(err)
			}
			if err := s.ReopenFollowUp(ctx, f.ID, 0); !errors.Is(err, model.ErrInvalid) {
				t.Errorf("reopening an open one: %v, want ErrInvalid", err)
			}
		})
	})

	t.Run("ReopenKeepsCompletedNext", func(t *testing.T) {
		f := fuCreate(t, s, model.FollowUp{Text: "Daily check", DueOn: monday, Recur: model.Recurrence{Unit: model.RecurDay, Every: 1}})
		_, next, err := s.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.CompleteFollowUp(ctx, next.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.ReopenFollowUp(ctx, f.ID, next.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := s.FollowUp(ctx, next.ID); err != nil || !got.Done() {
			t.Errorf("completed next one: %v, %v; want kept", got.Done(), err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, _, err := s.CompleteFollowUp(ctx, 999); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("complete: %v, want ErrNotFound", err)
		}
		if err := s.ReopenFollowUp(ctx, 999, 0); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("reopen: %v, want ErrNotFound", err)
		}
	})
}

func TestSnoozeFollowUp(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	f := fuCreate(t, s, model.FollowUp{Text: "Overdue call", DueOn: model.MustDate("2026-03-01")})
	overdue := func() []string {
		a, err := s.Agenda(ctx, AgendaReq{})
		if err != nil {
			t.Fatal(err)
		}
		return fuTexts(a.Overdue)
	}
	if got := overdue(); !slices.Equal(got, []string{"Overdue call"}) {
		t.Fatalf("overdue before snooze: %v", got)
	}

	t.Run("OK", func(t *testing.T) {
		prev, err := s.SnoozeFollowUp(ctx, f.ID, model.MustDate("2026-03-06"))
		if err != nil {
			t.Fatal(err)
		}
		if !prev.IsZero() {
			t.Errorf("previous = %s, want none", prev)
		}
		if got := overdue(); len(got) != 0 {
			t.Errorf("overdue after snooze: %v", got)
		}
		a, _ := s.Agenda(ctx, AgendaReq{})
		if !slices.Equal(fuTexts(a.Upcoming), []string{"Overdue call"}) {
			t.Errorf("upcoming after snooze: %v", fuTexts(a.Upcoming))
		}
		got, _ := s.FollowUp(ctx, f.ID)
		if got.SnoozedUntil != model.MustDate("2026-03-06") || got.DueOn != model.MustDate("2026-03-01") {
			t.Errorf("snoozed until %s, due %s", got.SnoozedUntil, got.DueOn)
		}

		// Snoozing again reports the snooze it replaced…
		prev, err = s.SnoozeFollowUp(ctx, f.ID, model.MustDate("2026-03-10"))
		if err != nil || prev != model.MustDate("2026-03-06") {
			t.Errorf("previous = %s, %v; want 2026-03-06", prev, err)
		}
		// …so undo is snoozing back, twice, to where it was.
		if _, err := s.SnoozeFollowUp(ctx, f.ID, prev); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SnoozeFollowUp(ctx, f.ID, model.Date{}); err != nil {
			t.Fatal(err)
		}
		if got := overdue(); !slices.Equal(got, []string{"Overdue call"}) {
			t.Errorf("overdue after undoing the snooze: %v", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.SnoozeFollowUp(ctx, 999, fuToday); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		g := fuCreate(t, s, model.FollowUp{Text: "Done already", DueOn: fuToday})
		if _, _, err := s.CompleteFollowUp(ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SnoozeFollowUp(ctx, g.ID, fuToday.AddDays(1)); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("snoozing a done one: %v, want ErrInvalid", err)
		}
		if _, err := s.SnoozeFollowUp(ctx, f.ID, model.NewDate(12000, 1, 1)); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("snoozing to year 12000: %v, want ErrInvalid", err)
		}
	})
}

// TestFollowUpsTwoProcesses writes from two handles on one file, as the TUI
// and a cron `rapport remind` would: every write lands, none fails busy.
func TestFollowUpsTwoProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	var stores []*Store
	for range 2 {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	const perStore, workers = 100, 5
	var wg sync.WaitGroup
	errs := make(chan error, 2*perStore)
	for si, s := range stores {
		for w := range workers {
			wg.Go(func() {
				for i := range perStore / workers {
					_, err := s.CreateFollowUp(ctx, model.FollowUp{Text: fmt.Sprintf("store %d worker %d item %d", si, w, i), DueOn: fuToday})
					if err != nil {
						errs <- err
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i, s := range stores {
		n, err := s.CountFollowUps(ctx, FollowUpFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n != 2*perStore {
			t.Errorf("store %d counts %d follow-ups, want %d", i, n, 2*perStore)
		}
	}
	var distinct int
	if err := stores[0].DB().QueryRow("SELECT count(DISTINCT text) FROM follow_up").Scan(&distinct); err != nil {
		t.Fatal(err)
	}
	if distinct != 2*perStore {
		t.Errorf("%d distinct follow-ups, want %d", distinct, 2*perStore)
	}
}
