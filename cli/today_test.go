package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestToday(t *testing.T) {
	t.Run("EmptyIsAllClear", func(t *testing.T) {
		db := newDB(t)
		openStore(t, db).Close()
		r := rapport(t, db, "today")
		r.wantCode(t, ExitOK, "today on an empty database")
		if !strings.Contains(r.stdout, "All clear.") {
			t.Errorf("empty agenda: want \"All clear.\", got %q", r.stdout)
		}
		r = rapport(t, db, "today", "--json")
		r.wantCode(t, ExitOK, "today --json on an empty database")
		var got map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("today --json: %v\n%s", err, r.stdout)
		}
		if got["total"] != float64(0) {
			t.Errorf("total = %v, want 0", got["total"])
		}
		// Every list is present and empty, never null.
		for _, k := range []string{"overdue", "due_today", "upcoming", "touch_due", "ask_about", "birthdays", "stalled_briefs", "coverage_risks"} {
			l, ok := got[k].([]any)
			if !ok || len(l) != 0 {
				t.Errorf("%s = %#v, want []", k, got[k])
			}
		}
	})

	f := newFixture(t)
	day := today()
	due := func(text string, on model.Date, kind model.FollowUpKind, p model.Person) {
		t.Helper()
		if _, err := f.st.CreateFollowUp(f.ctx, model.FollowUp{Text: text, Kind: kind, DueOn: on, PersonID: p.ID}); err != nil {
			t.Fatal(err)
		}
	}
	// Exact text: HTML characters, accents, quotes and a control character.
	late := "Send <pricing> & \"terms\" to Zoë \x1b]0;pwned\x07"
	due(late, day.AddDays(-3), model.KindPromise, f.zoe)
	due("Call back", day, model.KindFollowUp, f.dana)
	due("Prepare QBR", day.AddDays(3), model.KindFollowUp, f.scul)
	due("Renewal memo", day.AddDays(10), model.KindFollowUp, f.scul)
	// Touched this week: not due a touch.
	if _, err := f.st.LogTouch(f.ctx, model.Touch{Kind: model.TouchCall, On: day, Summary: "hi", PersonIDs: []int64{f.dan.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CreateNote(f.ctx, model.Note{PersonID: f.zoe.ID, Kind: model.NotePersonal, Text: "Her marathon",
		AskAfter: day.AddDays(-1)}); err != nil {
		t.Fatal(err)
	}
	b := model.NewBrief(f.acme.ID, "Loyalty pilot", time.Now().AddDate(0, -14, 0))
	if _, err := f.st.CreateBrief(f.ctx, b); err != nil {
		t.Fatal(err)
	}

	t.Run("Text", func(t *testing.T) {
		r := rapport(t, f.db, "today")
		r.wantCode(t, ExitOK, "today")
		out := r.stdout
		first := strings.SplitN(out, "\n", 2)[0]
		if !strings.HasPrefix(first, "Today, "+longDate(day)+": 1 overdue, 1 promise due, 1 due today, 1 in 7 days, 4 people to call") {
			t.Errorf("summary line = %q", first)
		}
		for _, want := range []string{"Overdue (1)", "3 days late", "PROMISE: Send <pricing>", "Due today (1)", "Call back",
			"Next 7 days (1)", "Prepare QBR", "People due a touch (4)", "Ask about (1)", "Her marathon", "Stalled briefs (1)", "Loyalty pilot",
			// Acme is a key account where nobody argues our case; Globex
			// is not key, so its gaps wait for rapport map.
			"\nCoverage risks (1)\n  Acme Corp  1 risk  no champion among 2 people\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("today text lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "Renewal memo") {
			t.Errorf("a follow-up in 10 days shows within the default 7:\n%s", out)
		}
		if strings.Contains(out, "Daniel Ng") {
			t.Errorf("a person touched today is listed as due a touch:\n%s", out)
		}
		assertSanitised(t, out)
		if !strings.Contains(out, "␛]0;pwned␇") {
			t.Errorf("control characters are not shown as markers:\n%s", out)
		}
	})

	t.Run("Days", func(t *testing.T) {
		r := rapport(t, f.db, "today", "--days", "14")
		r.wantCode(t, ExitOK, "today --days 14")
		if !strings.Contains(r.stdout, "Renewal memo") || !strings.Contains(r.stdout, "Next 14 days (2)") {
			t.Errorf("--days 14 should list the follow-up in 10 days:\n%s", r.stdout)
		}
		for _, bad := range []string{"0", "-1", "367", "x", ""} {
			r := rapport(t, f.db, "today", "--days", bad)
			r.wantCode(t, ExitUsage, "today --days "+bad)
			if strings.Contains(r.stderr, "strconv") {
				t.Errorf("--days %q: message shows Go internals: %q", bad, r.stderr)
			}
		}
	})

	t.Run("JSON", func(t *testing.T) {
		r := rapport(t, f.db, "today", "--json", "--days", "14")
		r.wantCode(t, ExitOK, "today --json")
		var got agendaJSON
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("today --json does not parse: %v\n%s", err, r.stdout)
		}
		if got.Today != day.String() || got.Days != 14 {
			t.Errorf("today, days = %q, %d", got.Today, got.Days)
		}
		c := got.Counts
		if c.Overdue != 1 || c.DueToday != 1 || c.Upcoming != 2 || c.TouchDue != 4 || c.AskAbout != 1 || c.Stalled != 1 ||
			c.Risks != 1 || c.PromisesDue != 1 {
			t.Errorf("counts = %+v", c)
		}
		if got.Total != 11 {
			t.Errorf("total = %d, want 11", got.Total)
		}
		wantRisks := []accountRisksJSON{{Account: mapAccountJSON{UID: f.acme.UID, Name: "Acme Corp", Tier: "key"},
			Risks: []riskJSON{{Kind: "no-champion", Reason: "no champion among 2 people", People: []riskWhoJSON{}}}}}
		if fmt.Sprint(got.Risks) != fmt.Sprint(wantRisks) {
			t.Errorf("coverage_risks = %+v, want %+v", got.Risks, wantRisks)
		}
		if len(got.Overdue) != 1 {
			t.Fatalf("overdue = %+v", got.Overdue)
		}
		o := got.Overdue[0]
		if o.Text != late {
			t.Errorf("JSON text is not exact: %q, want %q", o.Text, late)
		}
		if o.Kind != "promise" || o.DaysLate != 3 || o.Due != day.AddDays(-3).String() || o.Person != "Zoë Durand" ||
			o.Account != "Acme Corp" {
			t.Errorf("overdue[0] = %+v", o)
		}
		// Exact means not HTML-escaped either.
		if !strings.Contains(r.stdout, `Send <pricing> & \"terms\"`) {
			t.Errorf("JSON escapes HTML characters:\n%s", r.stdout)
		}
		if len(got.AskAbout) != 1 || got.AskAbout[0].Person != "Zoë Durand" || got.AskAbout[0].Kind != "personal" {
			t.Errorf("ask_about = %+v", got.AskAbout)
		}
		if len(got.Stalled) != 1 || got.Stalled[0].Title != "Loyalty pilot" || got.Stalled[0].DaysInStage < 400 {
			t.Errorf("stalled_briefs = %+v", got.Stalled)
		}
		for _, p := range got.TouchDue {
			if p.Name == "Daniel Ng" {
				t.Errorf("touched today but due a touch: %+v", p)
			}
		}
	})
}

// assertSanitised fails when terminal output holds a control character other
// than newline, or a bidi override.
func assertSanitised(t *testing.T, out string) {
	t.Helper()
	for i, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) {
			t.Errorf("terminal output holds control character %U at byte %d:\n%q", r, i, out)
			return
		}
	}
}

func TestTodaySnoozedAndBirthdays(t *testing.T) {
	f := newFixture(t)
	day := today()
	fu, err := f.st.CreateFollowUp(f.ctx, model.FollowUp{Text: "Chase the PO", Kind: model.KindFollowUp, DueOn: day.AddDays(-5),
		PersonID: f.dana.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SnoozeFollowUp(f.ctx, fu.ID, day.AddDays(1)); err != nil {
		t.Fatal(err)
	}
	bday := day.AddDays(3)
	f.person(t, model.Person{AccountID: f.acme.ID, Name: "Ines Birthday",
		Birthday: model.Birthday{Month: bday.Month(), Day: bday.Day(), Year: bday.Year() - 40}})

	r := rapport(t, f.db, "today", "--json")
	r.wantCode(t, ExitOK, "today --json")
	var got agendaJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Overdue) != 0 || len(got.Upcoming) != 1 {
		t.Fatalf("a snoozed follow-up: overdue %+v, upcoming %+v", got.Overdue, got.Upcoming)
	}
	u := got.Upcoming[0]
	if u.Due != day.AddDays(-5).String() || u.SnoozedUntil != day.AddDays(1).String() || u.On != day.AddDays(1).String() ||
		u.DaysLate != 0 {
		t.Errorf("snoozed follow-up = %+v", u)
	}
	if len(got.Birthdays) != 1 || got.Birthdays[0] != (birthdayJSON{On: bday.String(), InDays: 3, Turns: 40,
		UID: got.Birthdays[0].UID, Name: "Ines Birthday", Account: "Acme Corp"}) {
		t.Errorf("birthdays = %+v", got.Birthdays)
	}

	r = rapport(t, f.db, "today")
	for _, want := range []string{"Next 7 days (1)", "tomorrow  Chase the PO", "Birthdays (1)", "Ines Birthday", "in 3 days, turns 40"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("today lacks %q:\n%s", want, r.stdout)
		}
	}
}

// The file is not trusted either: a time of day edited into it by hand is
// shown sanitised.
func TestTodayUntrustedFile(t *testing.T) {
	f := newFixture(t)
	fu, err := f.st.CreateFollowUp(f.ctx, model.FollowUp{Text: "Call", Kind: model.KindFollowUp, DueOn: today(), DueTime: "09:30"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().Exec("UPDATE follow_up SET due_time = ? WHERE id = ?", "\x1b]0;pwned\x07", fu.ID); err != nil {
		t.Fatal(err)
	}
	r := rapport(t, f.db, "today")
	r.wantCode(t, ExitOK, "today")
	assertSanitised(t, r.stdout)
	for _, args := range [][]string{{"who", "zoe"}, {"today", "--days", "3"}} {
		assertSanitised(t, rapport(t, f.db, args...).stdout)
	}
}

// TestTodayCoverageRisks: a key account thin in every way is one row of
// Today — how many risks and the worst — and in --json every risk with
// the people it names, by uid.
func TestTodayCoverageRisks(t *testing.T) {
	f := newMapFixture(t)
	r := rapport(t, f.db, "today")
	r.wantCode(t, ExitOK, "today")
	if want := "\nCoverage risks (1)\n  Acme Corp  5 risks  Zoë Durand (economic buyer): relationship 2 of 5\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("today lacks %q:\n%s", want, r.stdout)
	}
	if first := strings.SplitN(r.stdout, "\n", 2)[0]; !strings.HasSuffix(first, ", 1 account at risk.") {
		t.Errorf("summary line = %q", first)
	}
	r = rapport(t, f.db, "today", "--json")
	r.wantCode(t, ExitOK, "today --json")
	var got agendaJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Counts.Risks != 1 || len(got.Risks) != 1 || got.Risks[0].Account.UID != f.acme.UID {
		t.Fatalf("coverage_risks = %+v (count %d)", got.Risks, got.Counts.Risks)
	}
	who := map[string][]riskWhoJSON{}
	for _, rk := range got.Risks[0].Risks {
		who[rk.Kind] = rk.People
	}
	for kind, want := range map[string][]riskWhoJSON{
		"weak-decider": {{f.zoe.UID, "Zoë Durand"}}, "unengaged-against": {{f.eve.UID, f.eve.Name}}, "no-champion": {},
		"single-threaded": {{f.dana.UID, "Dana Smith"}}, "lost-key-person": {{f.gil.UID, "Gil Gone"}},
	} {
		if fmt.Sprint(who[kind]) != fmt.Sprint(want) || who[kind] == nil {
			t.Errorf("%s people = %+v, want %+v", kind, who[kind], want)
		}
	}
}
