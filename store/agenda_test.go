package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// agendaData is a small book of business on the test clock's day
// (Wednesday 4 March 2026), with something for and against every section.
type agendaData struct {
	acme, globex, old model.Account
	dana, eli, fay    model.Person
}

func agendaFixture(t *testing.T, s *Store) agendaData {
	t.Helper()
	ctx := context.Background()
	var d agendaData
	d.acme = fuAccount(t, s, "Acme")
	d.globex = fuAccount(t, s, "Globex")
	d.old = fuAccount(t, s, "Old Corp")

	// People. Dana was added ten days ago and never touched: due since then.
	d.dana = fuPerson(t, s, model.Person{AccountID: d.acme.ID, Name: "Dana", CreatedAt: fuNow.AddDate(0, 0, -10),
		Birthday: model.Birthday{Month: time.March, Day: 10}})
	// Eli was called today; a key account's cadence is 14 days.
	d.eli = fuPerson(t, s, model.Person{AccountID: d.acme.ID, Name: "Eli", Birthday: model.Birthday{Month: time.March, Day: 30}})
	if _, err := s.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: "Catch-up", PersonIDs: []int64{d.eli.ID}}); err != nil {
		t.Fatal(err)
	}
	// Fay was added today: due today.
	d.fay = fuPerson(t, s, model.Person{AccountID: d.globex.ID, Name: "Fay", Birthday: model.Birthday{Month: time.March, Day: 4, Year: 1980}})
	gus := fuPerson(t, s, model.Person{AccountID: d.acme.ID, Name: "Gus", CreatedAt: fuNow.AddDate(0, 0, -30),
		Birthday: model.Birthday{Month: time.March, Day: 5}})
	hal := fuPerson(t, s, model.Person{AccountID: d.old.ID, Name: "Hal", CreatedAt: fuNow.AddDate(0, 0, -30),
		Birthday: model.Birthday{Month: time.March, Day: 6}})

	// Notes to ask about.
	for _, n := range []model.Note{
		{PersonID: d.dana.ID, Kind: model.NotePersonal, Text: "Marathon on Sunday", AskAfter: model.MustDate("2026-03-02")},
		{AccountID: d.globex.ID, Text: "New CFO starts", AskAfter: fuToday},
		{PersonID: d.dana.ID, Text: "Holiday next month", AskAfter: model.MustDate("2026-03-10")},
		{PersonID: d.dana.ID, Text: "Daughter's exam", AskAfter: model.MustDate("2026-03-01"), AskedAt: fuNow},
		{PersonID: d.dana.ID, Text: "Plain note"},
		{PersonID: gus.ID, Text: "Gus's move", AskAfter: model.MustDate("2026-03-01")},
		{PersonID: hal.ID, Text: "Hal's promotion", AskAfter: model.MustDate("2026-03-01")},
	} {
		if _, err := s.CreateNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}

	// Briefs: stalled after 30 days in understand needs, 45 in create, 21
	// in checks.
	fuBrief(t, s, d.acme.ID, "Checks for 30 days", model.StageChecks, 30, false)
	fuBrief(t, s, d.globex.ID, "Understanding for 31 days", model.StageUnderstand, 31, false)
	fuBrief(t, s, d.acme.ID, "Understanding for 30 days", model.StageUnderstand, 30, false)
	fuBrief(t, s, d.acme.ID, "Creating for 10 days", model.StageCreate, 10, false)
	fuBrief(t, s, d.acme.ID, "Done long ago", model.StageDone, 400, false)
	fuBrief(t, s, d.acme.ID, "Archived and stuck", model.StageChecks, 100, true)
	fuBrief(t, s, d.old.ID, "On an archived account", model.StageChecks, 100, false)

	// Follow-ups.
	day := func(n int) model.Date { return fuToday.AddDays(n) }
	for _, f := range []model.FollowUp{
		{Text: "overdue promise", DueOn: day(-12), Kind: model.KindPromise, AccountID: d.globex.ID},
		{Text: "overdue call", DueOn: day(-3), PersonID: d.dana.ID},
		{Text: "overdue unlinked", DueOn: day(-1)},
		{Text: "today promise", DueOn: fuToday, Kind: model.KindPromise, PersonID: d.dana.ID},
		{Text: "today call", DueOn: fuToday, PersonID: d.fay.ID},
		{Text: "upcoming tomorrow", DueOn: day(1), AccountID: d.acme.ID},
		{Text: "upcoming in a week", DueOn: day(7), AccountID: d.globex.ID},
		{Text: "too far", DueOn: day(8), AccountID: d.acme.ID},
		{Text: "snoozed past today", DueOn: day(-5), SnoozedUntil: day(2), AccountID: d.acme.ID},
		{Text: "on the archived account", DueOn: day(-2), AccountID: d.old.ID},
		{Text: "on an archived person", DueOn: day(-2), PersonID: gus.ID},
	} {
		fuCreate(t, s, f)
	}
	done := fuCreate(t, s, model.FollowUp{Text: "done overdue", DueOn: day(-4), AccountID: d.acme.ID})
	if _, _, err := s.CompleteFollowUp(ctx, done.ID); err != nil {
		t.Fatal(err)
	}

	if err := s.ArchivePerson(ctx, gus.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveAccount(ctx, d.old.ID, true); err != nil {
		t.Fatal(err)
	}
	return d
}

func personNames(ps []model.Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func noteTexts(ns []model.Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

func briefTitles(bs []model.Brief) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Title
	}
	return out
}

func birthdayNames(bs []model.BirthdayItem) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Person.Name + " " + b.On.String()
	}
	return out
}

func wantList(t *testing.T, section string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", section, got, want)
	}
}

func TestAgenda(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	d := agendaFixture(t, s)

	t.Run("OK", func(t *testing.T) {
		a, err := s.Agenda(ctx, AgendaReq{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Today != fuToday || a.Days != model.DefaultAgendaDays {
			t.Errorf("today %s, days %d", a.Today, a.Days)
		}
		// A follow-up on an archived person stays: only its account's
		// archiving hides it.
		wantList(t, "overdue", fuTexts(a.Overdue), []string{"overdue promise", "overdue call", "on an archived person", "overdue unlinked"})
		wantList(t, "due today", fuTexts(a.DueToday), []string{"today promise", "today call"})
		wantList(t, "upcoming", fuTexts(a.Upcoming), []string{"upcoming tomorrow", "snoozed past today", "upcoming in a week"})
		wantList(t, "touch due", personNames(a.TouchDue), []string{"Dana", "Fay"})
		wantList(t, "ask about", noteTexts(a.AskAbout), []string{"Marathon on Sunday", "New CFO starts"})
		wantList(t, "birthdays", birthdayNames(a.Birthdays), []string{"Fay 2026-03-04", "Dana 2026-03-10"})
		wantList(t, "stalled", briefTitles(a.Stalled), []string{"Understanding for 31 days", "Checks for 30 days"})

		if f := a.Overdue[1]; f.PersonName != "Dana" || f.AccountName != "Acme" {
			t.Errorf("overdue row links: person %q account %q", f.PersonName, f.AccountName)
		}
		if p := a.TouchDue[0]; p.TouchDueOn != fuToday.AddDays(-10) || !p.LastTouchOn.IsZero() {
			t.Errorf("Dana, never touched, due %s (last touch %s); want the day she was added", p.TouchDueOn, p.LastTouchOn)
		}
		if n := a.AskAbout[0]; n.PersonName != "Dana" || n.AccountName != "Acme" || !n.AskDue(a.Today) {
			t.Errorf("ask-about row: person %q account %q", n.PersonName, n.AccountName)
		}
		if n := a.AskAbout[1]; n.PersonName != "" || n.AccountName != "Globex" {
			t.Errorf("account note row: person %q account %q", n.PersonName, n.AccountName)
		}
		for _, b := range a.Stalled {
			if !b.Stalled(a.Today) || b.AccountName == "" || b.UID == "" {
				t.Errorf("stalled brief %q: stalled %v, account %q", b.Title, b.Stalled(a.Today), b.AccountName)
			}
		}
		want := model.AgendaCounts{Overdue: 4, DueToday: 2, Upcoming: 3, TouchDue: 2, AskAbout: 2, Birthdays: 2, Stalled: 2, Risks: 2, PromisesDue: 2}
		if a.Counts != want {
			t.Errorf("counts %+v\n  want %+v", a.Counts, want)
		}
		if got := a.Summary(); got != "4 overdue · 2 promises due · 2 due today · 3 in 7 days · 2 people to call · 2 to ask about · 2 birthdays · 2 stalled · 2 accounts at risk" {
			t.Errorf("summary %q", got)
		}
	})

	t.Run("Days", func(t *testing.T) {
		a, err := s.Agenda(ctx, AgendaReq{Days: 8})
		if err != nil {
			t.Fatal(err)
		}
		wantList(t, "upcoming", fuTexts(a.Upcoming), []string{"upcoming tomorrow", "snoozed past today", "upcoming in a week", "too far"})
	})

	t.Run("Limit", func(t *testing.T) {
		a, err := s.Agenda(ctx, AgendaReq{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range []struct {
			name        string
			rows, count int
		}{
			{"overdue", len(a.Overdue), a.Counts.Overdue}, {"today", len(a.DueToday), a.Counts.DueToday},
			{"upcoming", len(a.Upcoming), a.Counts.Upcoming}, {"touch", len(a.TouchDue), a.Counts.TouchDue},
			{"ask", len(a.AskAbout), a.Counts.AskAbout}, {"birthdays", len(a.Birthdays), a.Counts.Birthdays},
			{"stalled", len(a.Stalled), a.Counts.Stalled},
		} {
			if sec.rows != 1 || sec.count < 2 {
				t.Errorf("%s: %d rows, count %d; want 1 row of more", sec.name, sec.rows, sec.count)
			}
		}
		wantList(t, "first overdue", fuTexts(a.Overdue), []string{"overdue promise"})
		wantList(t, "first stalled", briefTitles(a.Stalled), []string{"Understanding for 31 days"})
	})

	t.Run("AccountScope", func(t *testing.T) {
		a, err := s.Agenda(ctx, AgendaReq{AccountID: d.globex.ID})
		if err != nil {
			t.Fatal(err)
		}
		wantList(t, "overdue", fuTexts(a.Overdue), []string{"overdue promise"})
		wantList(t, "due today", fuTexts(a.DueToday), []string{"today call"})
		wantList(t, "upcoming", fuTexts(a.Upcoming), []string{"upcoming in a week"})
		wantList(t, "touch due", personNames(a.TouchDue), []string{"Fay"})
		wantList(t, "ask about", noteTexts(a.AskAbout), []string{"New CFO starts"})
		wantList(t, "birthdays", birthdayNames(a.Birthdays), []string{"Fay 2026-03-04"})
		wantList(t, "stalled", briefTitles(a.Stalled), []string{"Understanding for 31 days"})
		if a.Counts.PromisesDue != 1 || a.Counts.Overdue != 1 {
			t.Errorf("counts %+v", a.Counts)
		}
	})

	t.Run("ArchivedAccountScope", func(t *testing.T) {
		a, err := s.Agenda(ctx, AgendaReq{AccountID: d.old.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Empty() || a.Today != fuToday {
			t.Errorf("agenda of an archived account: %+v", a.Counts)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.Agenda(ctx, AgendaReq{AccountID: 9999}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("agenda of a missing account: %v, want ErrNotFound", err)
		}
	})

	t.Run("NoneArchived", func(t *testing.T) {
		// With no archived account the counts take a shorter way; they
		// must agree with the rows.
		if err := s.ArchiveAccount(ctx, d.old.ID, false); err != nil {
			t.Fatal(err)
		}
		defer s.ArchiveAccount(ctx, d.old.ID, true)
		a, err := s.Agenda(ctx, AgendaReq{})
		if err != nil {
			t.Fatal(err)
		}
		wantList(t, "overdue", fuTexts(a.Overdue), []string{"overdue promise", "overdue call", "on the archived account", "on an archived person", "overdue unlinked"})
		wantList(t, "touch due", personNames(a.TouchDue), []string{"Hal", "Dana", "Fay"})
		wantList(t, "ask about", noteTexts(a.AskAbout), []string{"Hal's promotion", "Marathon on Sunday", "New CFO starts"})
		wantList(t, "birthdays", birthdayNames(a.Birthdays), []string{"Fay 2026-03-04", "Hal 2026-03-06", "Dana 2026-03-10"})
		wantList(t, "stalled", briefTitles(a.Stalled), []string{"On an archived account", "Understanding for 31 days", "Checks for 30 days"})
		want := model.AgendaCounts{Overdue: 5, DueToday: 2, Upcoming: 3, TouchDue: 3, AskAbout: 3, Birthdays: 3, Stalled: 3, Risks: 3, PromisesDue: 2}
		if a.Counts != want {
			t.Errorf("counts %+v\n  want %+v", a.Counts, want)
		}
	})

	t.Run("Later", func(t *testing.T) {
		// Two weeks on, Eli's cadence has run out and the first brief
		// in create is still not stalled.
		a, err := s.Agenda(ctx, AgendaReq{Today: fuToday.AddDays(14)})
		if err != nil {
			t.Fatal(err)
		}
		wantList(t, "touch due", personNames(a.TouchDue), []string{"Dana", "Fay", "Eli"})
		wantList(t, "birthdays", birthdayNames(a.Birthdays), []string{"Eli 2026-03-30"})
	})

	t.Run("Empty", func(t *testing.T) {
		e := fuOpen(t)
		a, err := e.Agenda(ctx, AgendaReq{})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Empty() || a.Summary() != "All clear — nothing due, nobody waiting." {
			t.Errorf("empty agenda: %+v, %q", a.Counts, a.Summary())
		}
	})
}

func TestAgendaBirthdays(t *testing.T) {
	ctx := context.Background()
	s := fuOpen(t)
	acc := fuAccount(t, s, "Acme")
	for _, p := range []struct {
		name  string
		month time.Month
		day   int
	}{
		{"Dec 20", time.December, 20}, {"Dec 24", time.December, 24}, {"Dec 25", time.December, 25},
		{"Dec 31", time.December, 31}, {"Jan 1", time.January, 1}, {"Jan 3", time.January, 3},
		{"Jan 8", time.January, 8}, {"Jan 9", time.January, 9}, {"Feb 14", time.February, 14},
		{"Feb 28", time.February, 28}, {"Feb 29", time.February, 29}, {"Mar 1", time.March, 1},
	} {
		fuPerson(t, s, model.Person{AccountID: acc.ID, Name: p.name, Birthday: model.Birthday{Month: p.month, Day: p.day}})
	}
	fuPerson(t, s, model.Person{AccountID: acc.ID, Name: "No birthday"})

	for _, tt := range []struct {
		name  string
		today string
		want  []string
	}{
		{"YearWrap", "2026-12-25", []string{"Dec 25 2026-12-25", "Dec 31 2026-12-31", "Jan 1 2027-01-01", "Jan 3 2027-01-03", "Jan 8 2027-01-08"}},
		{"LastDayOfYear", "2026-12-31", []string{"Dec 31 2026-12-31", "Jan 1 2027-01-01", "Jan 3 2027-01-03", "Jan 8 2027-01-08", "Jan 9 2027-01-09"}},
		{"CommonYearFeb29", "2027-02-14", []string{"Feb 14 2027-02-14", "Feb 28 2027-02-28", "Feb 29 2027-02-28"}},
		{"LeapYearFeb29", "2028-02-16", []string{"Feb 28 2028-02-28", "Feb 29 2028-02-29", "Mar 1 2028-03-01"}},
		{"None", "2026-06-01", []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := s.Agenda(ctx, AgendaReq{Today: model.MustDate(tt.today)})
			if err != nil {
				t.Fatal(err)
			}
			wantList(t, "birthdays", birthdayNames(a.Birthdays), tt.want)
			if a.Counts.Birthdays != len(tt.want) {
				t.Errorf("count %d, want %d", a.Counts.Birthdays, len(tt.want))
			}
		})
	}
}
