package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

func TestNote(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		f := newFixture(t)
		r := rapport(t, f.db, "note", "Daughter starts university", "--person", "zoe", "--kind", "Personal", "--ask-after", "+2w")
		r.wantCode(t, ExitOK, "note --person")
		if !strings.HasPrefix(r.stdout, "Noted on Zoë Durand (uid ") {
			t.Errorf("stdout = %q", r.stdout)
		}
		ns := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})
		if len(ns) != 1 {
			t.Fatalf("%d notes on Zoë, want 1", len(ns))
		}
		n := ns[0]
		if n.Text != "Daughter starts university" || n.Kind != model.NotePersonal || n.On != today() ||
			n.AskAfter != today().AddDays(14) || n.AccountID != f.acme.ID {
			t.Errorf("note = %+v", n)
		}

		r = rapport(t, f.db, "note", "New CFO from March", "--account", "acme")
		r.wantCode(t, ExitOK, "note --account")
		ns = f.notes(t, store.NoteFilter{AccountID: f.acme.ID})
		if len(ns) != 2 {
			t.Fatalf("%d notes on Acme, want 2", len(ns))
		}
		var onAccount model.Note
		for _, n := range ns {
			if n.PersonID == 0 {
				onAccount = n
			}
		}
		if onAccount.Text != "New CFO from March" || onAccount.Kind != model.NoteBusiness || !onAccount.AskAfter.IsZero() {
			t.Errorf("account note = %+v", onAccount)
		}

		// "-" reads standard input; the final newline is not part of the note.
		r = rapportIn(t, f.db, "line one\nline two\n", "note", "-", "--person", "dana smith", "--kind", "insight")
		r.wantCode(t, ExitOK, "note - (stdin)")
		ns = f.notes(t, store.NoteFilter{PersonID: f.dana.ID})
		if len(ns) != 1 || ns[0].Text != "line one\nline two" || ns[0].Kind != model.NoteInsight {
			t.Errorf("notes from stdin = %+v", ns)
		}
	})

	t.Run("Usage", func(t *testing.T) {
		f := newFixture(t)
		for _, tc := range []struct {
			args []string
			msg  string
		}{
			{[]string{"note", "", "--person", "zoe"}, "empty"},
			{[]string{"note", " \n\t ", "--person", "zoe"}, "empty"},
			{[]string{"note", "x"}, "--person NAME or --account NAME"},
			{[]string{"note", "x", "--person", "zoe", "--account", "acme"}, "exactly one"},
			{[]string{"note", "x", "--person", "zoe", "--kind", "gossip"}, "personal, business, insight, conflict"},
			{[]string{"note", "x", "--person", "zoe", "--ask-after", "someday"}, "try 2026-12-03"},
			{[]string{"note", "--person", "zoe"}, "see rapport note --help"},
			{[]string{"note", "a", "b", "--person", "zoe"}, "see rapport note --help"},
			{[]string{"note", "\xff\xfe", "--person", "zoe"}, "UTF-8"},
		} {
			r := rapport(t, f.db, tc.args...)
			r.wantCode(t, ExitUsage, strings.Join(tc.args, " "))
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("%q: stderr %q lacks %q", tc.args, r.stderr, tc.msg)
			}
		}
		r := rapportIn(t, f.db, "\n\n", "note", "-", "--person", "zoe")
		r.wantCode(t, ExitUsage, "note - with blank stdin")
		if n := f.notes(t, store.NoteFilter{AccountID: f.acme.ID}); len(n) != 0 {
			t.Errorf("refused notes were stored: %+v", n)
		}
	})

	t.Run("TooLong", func(t *testing.T) {
		f := newFixture(t)
		mb := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
		r := rapport(t, f.db, "note", mb, "--person", "zoe")
		r.wantCode(t, ExitUsage, "note of 1 MiB")
		if !strings.Contains(r.stderr, "1.0 MiB") || !strings.Contains(r.stderr, "256 KiB") {
			t.Errorf("1 MiB note: stderr %q should give its size and the limit", r.stderr)
		}
		r = rapportIn(t, f.db, mb, "note", "-", "--person", "zoe")
		r.wantCode(t, ExitUsage, "note of 1 MiB on stdin")
		if !strings.Contains(r.stderr, "256 KiB") {
			t.Errorf("1 MiB note on stdin: stderr %q should give the limit", r.stderr)
		}
		if n := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID}); len(n) != 0 {
			t.Errorf("a refused note was stored")
		}
		// Exactly at the limit is fine, and stored whole.
		max := strings.Repeat("x", model.MaxLongTextLen)
		rapportIn(t, f.db, max, "note", "-", "--person", "zoe").wantCode(t, ExitOK, "note at the limit")
		if n := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID}); len(n) != 1 || len(n[0].Text) != model.MaxLongTextLen {
			t.Errorf("a note at the limit was not stored whole")
		}
	})

	t.Run("ControlCharacters", func(t *testing.T) {
		f := newFixture(t)
		text := "Call\x1b]52;c;ZXZpbA==\x07 her\x1b[2J back\r\nbell\x07 tab\there \u202eevil\x00"
		r := rapport(t, f.db, "note", text, "--person", "zoe", "--ask-after", "today")
		r.wantCode(t, ExitOK, "note with control characters")
		ns := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})
		if len(ns) != 1 || ns[0].Text != text {
			t.Fatalf("the note was not stored as typed: %+v", ns)
		}
		for _, args := range [][]string{{"who", "zoe"}, {"today"}} {
			r := rapport(t, f.db, args...)
			r.wantCode(t, ExitOK, args[0])
			assertSanitised(t, r.stdout)
			if !strings.Contains(r.stdout, "Call␛]52;c;ZXZpbA==␇ her␛[2J back") {
				t.Errorf("%s: the note is not shown with markers:\n%s", args[0], r.stdout)
			}
		}
		r = rapport(t, f.db, "who", "zoe", "--json")
		var got struct {
			Person dossierJSON `json:"person"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got.Person.AskAbout) != 1 ||
			got.Person.AskAbout[0].Text != text {
			t.Errorf("who --json is not exact: %v %+v", err, got.Person.AskAbout)
		}
	})
}

func TestLog(t *testing.T) {
	f := newFixture(t)
	day := today()

	// Never touched: due a touch from the day she was added.
	if p := whoJSON(t, f.db, "zoe"); !p.TouchDue || p.LastTouch != "" {
		t.Fatalf("before: touch_due %v, last %q", p.TouchDue, p.LastTouch)
	}
	r := rapport(t, f.db, "log", "CALL", "Walked through the renewal numbers\nShe wants a roadmap session.", "--person", "zoe")
	r.wantCode(t, ExitOK, "log call")
	if r.stdout != "Logged call with Zoë Durand on "+day.String()+".\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	p := whoJSON(t, f.db, "zoe")
	if p.TouchDue || p.LastTouch != day.String() || p.TouchDueOn != day.AddDays(14).String() {
		t.Errorf("after a call today: touch_due %v, last %q, due on %q", p.TouchDue, p.LastTouch, p.TouchDueOn)
	}
	if len(p.Touches) != 1 || p.Touches[0].Kind != "call" || p.Touches[0].Summary != "Walked through the renewal numbers" ||
		p.Touches[0].Text != "She wants a roadmap session." {
		t.Errorf("touches = %+v", p.Touches)
	}
	// The cadence reset shows in the text dossier and on Today.
	r = rapport(t, f.db, "who", "zoe")
	if !strings.Contains(r.stdout, "last touch "+day.String()+" (today)") {
		t.Errorf("who after a touch today:\n%s", r.stdout)
	}
	if strings.Contains(rapport(t, f.db, "today").stdout, "Zoë") {
		t.Errorf("Zoë is still due a touch after the call")
	}

	t.Run("On", func(t *testing.T) {
		r := rapport(t, f.db, "log", "meeting", "Lunch", "--person", "dana smith", "--on", "-40d")
		r.wantCode(t, ExitOK, "log --on -40d")
		p := whoJSON(t, f.db, "dana smith")
		if p.LastTouch != day.AddDays(-40).String() || !p.TouchDue || p.DaysOverdue != 26 {
			t.Errorf("touch 40 days ago on a 14-day cadence: last %q, due %v, overdue %d", p.LastTouch, p.TouchDue, p.DaysOverdue)
		}
		// A later touch resets the cadence; an earlier one does not undo it.
		rapport(t, f.db, "log", "email", "Follow-up", "--person", "dana smith", "--on", "yesterday").wantCode(t, ExitOK, "log --on yesterday")
		rapport(t, f.db, "log", "email", "Old", "--person", "dana smith", "--on", "3 days ago").wantCode(t, ExitOK, "log --on 3 days ago")
		p = whoJSON(t, f.db, "dana smith")
		if p.LastTouch != day.AddDays(-1).String() || p.TouchDue {
			t.Errorf("after yesterday's email: last %q, due %v", p.LastTouch, p.TouchDue)
		}
		// Relative days go back as far as their mirror goes ahead; months
		// by the calendar.
		for _, tc := range []struct {
			on   string
			want model.Date
		}{
			{"-3d", day.AddDays(-3)},
			{"-2w", day.AddDays(-14)},
			{"2 weeks ago", day.AddDays(-14)},
			{"-1m", day.AddMonths(-1)},
			{"3 months ago", day.AddMonths(-3)},
			{"-1y", day.AddMonths(-12)},
			{"today", day},
		} {
			if d, err := parsePastDay("on", tc.on); err != nil || d != tc.want {
				t.Errorf("--on %q = %s, %v; want %s", tc.on, d, err, tc.want)
			}
		}
		// A weekday is the last one before today.
		for _, wd := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
			d, err := parsePastDay("on", wd)
			if err != nil {
				t.Fatalf("--on %s: %v", wd, err)
			}
			if !d.Before(day) || d.Before(day.AddDays(-7)) || !strings.HasPrefix(strings.ToLower(d.Weekday().String()), wd) {
				t.Errorf("--on %s = %s (%s), want the last %s before today %s", wd, d, d.Weekday(), wd, day)
			}
		}
	})

	t.Run("Usage", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			msg  string
		}{
			{[]string{"log", "ring", "x", "--person", "zoe"}, "call, meeting, email, message, qbr, deliverable"},
			{[]string{"log", "call", "x"}, "--person NAME"},
			{[]string{"log", "call", "", "--person", "zoe"}, "empty"},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "tomorrow"}, "in the future"},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "+3d"}, "in the future"},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "soonish"}, `--on: can't read "soonish" as a date — try today, yesterday, mon, -3d, 3 days ago, mar 2 or 2026-03-02`},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "a while ago"}, `--on: can't read "a while ago" as a date — try today, yesterday, mon`},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "-99999d"}, `--on: "-99999d" is too far back — at most 10000 days`},
			{[]string{"log", "call", "x", "--person", "zoe", "--on", "2026-02-30"}, "February 2026 has no day 30"},
			{[]string{"log", "call", "--person", "zoe"}, "see rapport log --help"},
		} {
			r := rapport(t, f.db, tc.args...)
			r.wantCode(t, ExitUsage, strings.Join(tc.args, " "))
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("%q: stderr %q lacks %q", tc.args, r.stderr, tc.msg)
			}
		}
		r := rapport(t, f.db, "log", "call", "x", "--person", "dana")
		r.wantCode(t, ExitRuntime, "log --person dana (two Danas)")
	})
}

// whoJSON returns the dossier `who QUERY --json` prints for one person.
func whoJSON(t *testing.T, db, query string) dossierJSON {
	t.Helper()
	r := rapport(t, db, "who", query, "--json")
	r.wantCode(t, ExitOK, "who "+query)
	var got struct {
		Person *dossierJSON `json:"person"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.Person == nil {
		t.Fatalf("who %q --json: %v\n%s", query, err, r.stdout)
	}
	return *got.Person
}

func TestRemind(t *testing.T) {
	f := newFixture(t)
	day := today()
	last := func(t *testing.T) model.FollowUp {
		t.Helper()
		all := f.followUps(t, store.FollowUpFilter{})
		if len(all) == 0 {
			t.Fatal("no follow-ups")
		}
		newest := all[0]
		for _, fu := range all {
			if fu.ID > newest.ID {
				newest = fu
			}
		}
		return newest
	}

	t.Run("Due", func(t *testing.T) {
		for _, tc := range []struct {
			due  string
			want model.Date
			time string
		}{
			{"+2w", day.AddDays(14), ""},
			{"+3d", day.AddDays(3), ""},
			{"in 3 days", day.AddDays(3), ""},
			{"tomorrow", day.AddDays(1), ""},
			{"tomorrow 9:30", day.AddDays(1), "09:30"},
			{"today", day, ""},
			{"end of month", day.EndOfMonth(), ""},
			{"2030-01-31", model.NewDate(2030, 1, 31), ""},
		} {
			r := rapport(t, f.db, "remind", "Send the proposal", "--due", tc.due)
			r.wantCode(t, ExitOK, "remind --due "+tc.due)
			fu := last(t)
			if fu.DueOn != tc.want || fu.DueTime != tc.time || fu.Kind != model.KindFollowUp || !fu.Recur.IsZero() {
				t.Errorf("--due %q: due %s %q kind %s, want %s %q", tc.due, fu.DueOn, fu.DueTime, fu.Kind, tc.want, tc.time)
			}
			if !strings.HasPrefix(r.stdout, "Reminder set for "+tc.want.String()) {
				t.Errorf("--due %q: stdout %q", tc.due, r.stdout)
			}
		}
	})

	t.Run("Links", func(t *testing.T) {
		rapport(t, f.db, "remind", "Send the renewal proposal", "--due", "fri", "--person", "zoe", "--promise").
			wantCode(t, ExitOK, "remind --person --promise")
		fu := last(t)
		if fu.Kind != model.KindPromise || fu.PersonID != f.zoe.ID || fu.AccountID != f.acme.ID {
			t.Errorf("promise = %+v", fu)
		}
		rapport(t, f.db, "remind", "Account plan", "--due", "+1m", "--account", "glob").wantCode(t, ExitOK, "remind --account")
		if fu := last(t); fu.AccountID != f.globx.ID || fu.PersonID != 0 {
			t.Errorf("account follow-up = %+v", fu)
		}
		r := rapport(t, f.db, "remind", "x", "--due", "fri", "--person", "zoe", "--account", "globex")
		r.wantCode(t, ExitRuntime, "remind with a person of another account")
		if !strings.Contains(r.stderr, "Zoë Durand is at Acme Corp") {
			t.Errorf("stderr = %q", r.stderr)
		}
		r = rapport(t, f.db, "remind", "x", "--due", "fri", "--person", "dana")
		r.wantCode(t, ExitRuntime, "remind --person dana (two Danas)")
		if !strings.Contains(r.stderr, "Dana Scully (Globex), Dana Smith (Acme Corp)") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})

	t.Run("Every", func(t *testing.T) {
		rapport(t, f.db, "remind", "Quarterly review", "--due", "end of month", "--account", "acme", "--every", "quarterly").
			wantCode(t, ExitOK, "remind --every quarterly")
		fu := last(t)
		if fu.Recur.String() != "quarterly" || fu.FromCompletion {
			t.Errorf("recurrence = %q from completion %v", fu.Recur, fu.FromCompletion)
		}
		rapport(t, f.db, "remind", "Call Dana", "--due", "+1w", "--person", "dana sm", "--every", "every 2 weeks", "--from-completion").
			wantCode(t, ExitOK, "remind --every --from-completion")
		fu = last(t)
		if fu.Recur.String() != "every 2 weeks" || !fu.FromCompletion {
			t.Errorf("recurrence = %q from completion %v", fu.Recur, fu.FromCompletion)
		}
		// Completing it spawns the next, counted from today.
		_, next, err := f.st.CompleteFollowUp(f.ctx, fu.ID)
		if err != nil || next == nil || next.DueOn != day.AddDays(14) {
			t.Errorf("complete: next %+v, err %v; want due %s", next, err, day.AddDays(14))
		}
	})

	t.Run("Usage", func(t *testing.T) {
		before := len(f.followUps(t, store.FollowUpFilter{}))
		for _, tc := range []struct {
			args []string
			msg  string
		}{
			{[]string{"remind", "x"}, "--due DATE (e.g."},
			{[]string{"remind", "x", "--due", "someday"}, `--due: can't read "someday" as a date — try 2026-12-03`},
			{[]string{"remind", "x", "--due", "2026-02-30"}, "--due: February 2026 has no day 30"},
			{[]string{"remind", "x", "--due", "+99999d"}, "--due"},
			{[]string{"remind", "x", "--due", "fri", "--every", "sometimes"}, "try daily, weekly"},
			{[]string{"remind", "x", "--due", "fri", "--from-completion"}, "only makes sense with --every"},
			{[]string{"remind", "", "--due", "fri"}, "empty"},
			{[]string{"remind", "--due", "fri"}, "see rapport remind --help"},
		} {
			r := rapport(t, f.db, tc.args...)
			r.wantCode(t, ExitUsage, strings.Join(tc.args, " "))
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("%q: stderr %q lacks %q", tc.args, r.stderr, tc.msg)
			}
		}
		if after := len(f.followUps(t, store.FollowUpFilter{})); after != before {
			t.Errorf("refused reminders were stored: %d follow-ups, had %d", after, before)
		}
	})
}

// parsePastDay on fixed days: months back by the calendar, weekdays strictly
// before today, dates without a year in the last twelve months.
func TestParsePastDay(t *testing.T) {
	defer func(now func() time.Time) { timeNow = now }(timeNow)
	for _, tc := range []struct{ today, on, want string }{
		{"2026-03-31", "-1m", "2026-02-28"},
		{"2028-03-31", "1 month ago", "2028-02-29"},
		{"2026-03-31", "-4w", "2026-03-03"},
		{"2026-03-02", "mon", "2026-02-23"}, // a Monday: last week's
		{"2026-03-03", "mon", "2026-03-02"},
		{"2026-03-02", "sun", "2026-03-01"},
		{"2026-03-02", "mar 2", "2026-03-02"},
		{"2026-03-02", "mar 3", "2025-03-03"},
		{"2026-03-02", "12-25", "2025-12-25"},
		{"2026-03-02", "yesterday", "2026-03-01"},
		{"2026-03-02", "2026-01-15", "2026-01-15"},
	} {
		now := model.MustDate(tc.today).Time(time.Local).Add(10 * time.Hour)
		timeNow = func() time.Time { return now }
		got, err := parsePastDay("on", tc.on)
		if err != nil || got.String() != tc.want {
			t.Errorf("on %s, --on %q = %s, %v; want %s", tc.today, tc.on, got, err, tc.want)
		}
	}
	timeNow = func() time.Time { return model.MustDate("2026-03-02").Time(time.Local).Add(10 * time.Hour) }
	for _, on := range []string{"2026-03-03", "tomorrow", "+1d", "next week", "in 2 days"} {
		if d, err := parsePastDay("on", on); err == nil {
			t.Errorf("--on %q = %s; a day after today should be refused", on, d)
		}
	}
}

// setClock makes the command line's clock read now for the rest of the test.
func setClock(t *testing.T, now time.Time) {
	t.Helper()
	old := timeNow
	timeNow = func() time.Time { return now }
	t.Cleanup(func() { timeNow = old })
}

// Every date flag reads dates through one parser: the same words give the
// same day, whichever flag they are typed to. Only a day that could be on
// either side of today differs: ahead for --due and --ask-after, back for
// --on.
func TestDateFlagsShareOneParser(t *testing.T) {
	now := time.Date(2026, 3, 4, 15, 4, 0, 0, time.Local) // a Wednesday
	setClock(t, now)
	day := model.DateOf(now)
	senses := map[string]dateSense{"due": dayAhead, "ask-after": dayAhead, "on": dayPast}
	for _, tc := range []struct {
		in   string
		want model.Date
		time string
	}{
		{"today", day, ""},
		{"yesterday", day.AddDays(-1), ""},
		{"Yesterday", day.AddDays(-1), ""},
		{"yday", day.AddDays(-1), ""},
		{"-3d", day.AddDays(-3), ""},
		{"-2w", day.AddDays(-14), ""},
		{"-1m", model.MustDate("2026-02-04"), ""},
		{"3 days ago", day.AddDays(-3), ""},
		{"a week ago", day.AddDays(-7), ""},
		{"2026-02-20", model.MustDate("2026-02-20"), ""},
		{"1999-01-01", model.MustDate("1999-01-01"), ""},
		{"yesterday 15:00", day.AddDays(-1), "15:00"},
		{"yesterday at 9am", day.AddDays(-1), "09:00"},
		{"-3d 9:30", day.AddDays(-3), "09:30"},
		{"2 days ago at 3:30pm", day.AddDays(-2), "15:30"},
		{"today 9:00", day, "09:00"},
	} {
		for flag, sense := range senses {
			w, err := parseDate(flag, tc.in, sense)
			got := ""
			if w.HasTime {
				got = fmt.Sprintf("%02d:%02d", w.Hour, w.Minute)
			}
			if err != nil || w.Date != tc.want || got != tc.time {
				t.Errorf("--%s %q = %s %q, %v; want %s %q", flag, tc.in, w.Date, got, err, tc.want, tc.time)
			}
		}
	}
	// Days that could be either way: ahead for what is planned, back for
	// what has happened.
	for _, tc := range []struct{ in, ahead, past string }{
		{"fri", "2026-03-06", "2026-02-27"},
		{"wed", "2026-03-11", "2026-02-25"},
		{"mar 2", "2027-03-02", "2026-03-02"},
		{"12-25", "2026-12-25", "2025-12-25"},
	} {
		if w, err := parseDate("due", tc.in, dayAhead); err != nil || w.Date.String() != tc.ahead {
			t.Errorf("--due %q = %s, %v; want %s", tc.in, w.Date, err, tc.ahead)
		}
		if w, err := parseDate("on", tc.in, dayPast); err != nil || w.Date.String() != tc.past {
			t.Errorf("--on %q = %s, %v; want %s", tc.in, w.Date, err, tc.past)
		}
	}
	// Mistakes name the flag and say what went wrong.
	for _, tc := range []struct{ in, msg string }{
		{"someday", `--due: can't read "someday" as a date — try 2026-12-03`},
		{"yesterday soon", `--due: can't read "yesterday soon" as a date — try`},
		{"yesterday 3", `--due: can't read "yesterday 3" as a date`},
		{"yesterday dec 3", `--due: can't read "yesterday dec 3" as a date`},
		{"yesterday 15:00 16:00", `--due: can't read "yesterday 15:00 16:00" as a date`},
		{"yesterday 25:00", `--due: "25:00" is not a time of day — the hour is 0–23`},
		{"-3x", `--due: can't read "-3x" as a date — try`},
		{"-99999d", `--due: "-99999d" is too far back — at most 10000 days`},
		{"a while ago", `--due: can't read "a while ago" as a date — try`},
		{"1899-12-31", "--due: year 1899 is out of range 1900–9999"},
		{strings.Repeat("yesterday ", 10), "too long for a date"},
	} {
		_, err := parseDate("due", tc.in, dayAhead)
		var ue usageError
		if err == nil || !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("--due %q: error %v, want a usage error with %q", tc.in, err, tc.msg)
		}
	}

	// Through the command line: each flag takes "yesterday".
	f := newFixture(t)
	rapport(t, f.db, "note", "Her marathon", "--person", "zoe", "--ask-after", "yesterday").wantCode(t, ExitOK, "note --ask-after yesterday")
	if ns := f.notes(t, storeNotesOf(f.zoe)); len(ns) != 1 || ns[0].AskAfter != day.AddDays(-1) {
		t.Errorf("note --ask-after yesterday: %+v", ns)
	}
	rapport(t, f.db, "log", "call", "Caught up", "--person", "zoe", "--on", "yesterday 15:00").wantCode(t, ExitOK, "log --on yesterday 15:00")
	if p := whoJSON(t, f.db, "zoe"); p.LastTouch != day.AddDays(-1).String() {
		t.Errorf("log --on yesterday 15:00: last touch %q", p.LastTouch)
	}
	rapport(t, f.db, "remind", "Send the deck", "--due", "yesterday").wantCode(t, ExitOK, "remind --due yesterday")
}

// A reminder due before now is set, and its confirmation says it is
// already overdue.
func TestRemindOverdue(t *testing.T) {
	now := time.Date(2026, 3, 4, 15, 4, 0, 0, time.Local)
	setClock(t, now)
	f := newFixture(t)
	for _, tc := range []struct {
		due, want string
		on        model.Date
	}{
		{"yesterday", "Reminder set for 2026-03-03 — already 1 day overdue.\n", model.MustDate("2026-03-03")},
		{"-3d", "Reminder set for 2026-03-01 — already 3 days overdue.\n", model.MustDate("2026-03-01")},
		{"1999-01-01", "Reminder set for 1999-01-01 — already 9,924 days overdue.\n", model.MustDate("1999-01-01")},
		{"2 days ago 9:00", "Reminder set for 2026-03-02 09:00 — already 2 days overdue.\n", model.MustDate("2026-03-02")},
		{"9:00", "Reminder set for 2026-03-04 09:00 — already past: it is 15:04 now.\n", model.MustDate("2026-03-04")},
		{"today 15:03", "Reminder set for 2026-03-04 15:03 — already past: it is 15:04 now.\n", model.MustDate("2026-03-04")},
		// Not late: later today, the current minute, today without a
		// time, and tomorrow.
		{"today 15:04", "Reminder set for 2026-03-04 15:04.\n", model.MustDate("2026-03-04")},
		{"17:00", "Reminder set for 2026-03-04 17:00.\n", model.MustDate("2026-03-04")},
		{"today", "Reminder set for 2026-03-04.\n", model.MustDate("2026-03-04")},
		{"tomorrow 8:00", "Reminder set for 2026-03-05 08:00.\n", model.MustDate("2026-03-05")},
	} {
		r := rapport(t, f.db, "remind", "Send the deck", "--due", tc.due, "--person", "zoe")
		r.wantCode(t, ExitOK, "remind --due "+tc.due)
		if r.stdout != tc.want {
			t.Errorf("--due %q: stdout %q, want %q", tc.due, r.stdout, tc.want)
		}
		fus := f.followUps(t, store.FollowUpFilter{PersonID: f.zoe.ID})
		newest := fus[0]
		for _, fu := range fus {
			if fu.ID > newest.ID {
				newest = fu
			}
		}
		if newest.DueOn != tc.on {
			t.Errorf("--due %q: stored due %s, want %s", tc.due, newest.DueOn, tc.on)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 9924: "9,924", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestArchivedAccountTakesNothingNew: --account that names only an archived
// account is refused, saying so, and nothing is written; a live account
// beside it with a like name is still found.
func TestArchivedAccountTakesNothingNew(t *testing.T) {
	f := newFixture(t)
	gone := f.account(t, model.Account{Name: "Initech Holdings"})
	if err := f.st.ArchiveAccount(f.ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"note", "Quarterly figures are in", "--account", "initech"},
		{"remind", "Call about the renewal", "--due", "tomorrow", "--account", "initech"},
	} {
		r := rapport(t, f.db, args...)
		if r.code == ExitOK || !strings.Contains(r.stderr, `“Initech Holdings” is archived; restore it in rapport before adding to it`) {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if fs := f.followUps(t, store.FollowUpFilter{Done: true, Archived: true}); len(fs) != 0 {
		t.Errorf("a reminder was written on the archived account: %+v", fs)
	}
	// An archived account with the very name does not hide a live one
	// the name starts.
	f.account(t, model.Account{Name: "Initech Labs"})
	r := rapport(t, f.db, "note", "Lab tour booked", "--account", "initech holdings")
	if r.code == ExitOK {
		t.Errorf("the archived account by its whole name took a note")
	}
	f.account(t, model.Account{Name: "Initech"})
	if err := f.st.ArchiveAccount(f.ctx, mustAccount(t, f, "Initech").ID, true); err != nil {
		t.Fatal(err)
	}
	r = rapport(t, f.db, "note", "Lab tour booked", "--account", "initech")
	r.wantCode(t, ExitOK, "note on the live account beside an archived one of the very name")
}

func mustAccount(t *testing.T, f *fixture, name string) model.Account {
	t.Helper()
	as, err := f.st.FindAccounts(f.ctx, name, 1)
	if err != nil || len(as) != 1 {
		t.Fatalf("account %q: %v %v", name, as, err)
	}
	return as[0]
}

// A note can be corrected, pinned and deleted by its uid (who --json shows
// it), from the shell.
func TestNoteEditDeletePin(t *testing.T) {
	f := newFixture(t)
	rapport(t, f.db, "note", "Daugther starts univeristy", "--person", "zoe", "--kind", "personal").wantCode(t, ExitOK, "note")
	ns := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})
	if len(ns) != 1 {
		t.Fatalf("%d notes", len(ns))
	}
	uid := ns[0].UID
	r := rapport(t, f.db, "who", "zoe", "--json")
	if !strings.Contains(r.stdout, `"uid": "`+uid+`"`) {
		t.Fatalf("who --json does not show the note's uid %s:\n%s", uid, r.stdout)
	}
	t.Run("OK", func(t *testing.T) {
		r := rapport(t, f.db, "note", "--edit", uid, "Daughter starts university", "--ask-after", "+2w", "--pin")
		r.wantCode(t, ExitOK, "note --edit")
		n := f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})[0]
		if n.Text != "Daughter starts university" || !n.Pinned || n.AskAfter.IsZero() || n.Kind != model.NotePersonal || n.UID != uid {
			t.Errorf("edited note = %+v", n)
		}
		if !strings.Contains(r.stdout, "on Zoë Durand saved") {
			t.Errorf("stdout = %q", r.stdout)
		}
		rapport(t, f.db, "note", "--edit", uid, "--unpin", "--ask-after", "none").wantCode(t, ExitOK, "note --edit --unpin")
		n = f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})[0]
		if n.Pinned || !n.AskAfter.IsZero() || n.Text != "Daughter starts university" {
			t.Errorf("unpinned note = %+v", n)
		}
		rapport(t, f.db, "note", "Budget freeze until Q2", "--account", "acme", "--pin").wantCode(t, ExitOK, "note --pin")
		if an := f.notes(t, store.NoteFilter{AccountID: f.acme.ID}); len(an) == 0 || !an[0].Pinned {
			t.Errorf("note --pin did not pin: %+v", an)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			msg  string
		}{
			{[]string{"note", "--edit", uid, "--pin", "--unpin"}, "contradict"},
			{[]string{"note", "--edit", uid, "--delete", uid}, "contradict"},
			{[]string{"note", "--delete", uid, "x"}, "--delete takes only the note's uid"},
			{[]string{"note", "--edit", uid, "--person", "zoe"}, "no --person or --account"},
			{[]string{"note", "--edit", uid, "--kind", "gossip"}, "a note is one of"},
		} {
			r := rapport(t, f.db, tc.args...)
			r.wantCode(t, ExitUsage, strings.Join(tc.args, " "))
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("%q: stderr %q lacks %q", tc.args, r.stderr, tc.msg)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		r := rapport(t, f.db, "note", "--delete", strings.Repeat("nope", 40))
		r.wantCode(t, ExitRuntime, "note --delete of no note")
		if !strings.Contains(r.stderr, "no note has the uid") || len(r.stderr) > 200 {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		r := rapport(t, f.db, "note", "--delete", uid)
		r.wantCode(t, ExitOK, "note --delete")
		if len(f.notes(t, store.NoteFilter{PersonID: f.zoe.ID})) != 0 || !strings.Contains(r.stdout, "Deleted the note") {
			t.Errorf("note --delete: %q", r.stdout)
		}
	})
}

// One touch with several people: everyone's cadence restarts.
func TestLogSeveralPeople(t *testing.T) {
	f := newFixture(t)
	r := rapport(t, f.db, "log", "meeting", "Roadmap session", "--person", "zoe", "--person", "dana smith", "--person", "zoe")
	r.wantCode(t, ExitOK, "log with two people")
	if r.stdout != "Logged meeting with Zoë Durand and Dana Smith on "+today().String()+".\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	ts, err := f.st.Touches(f.ctx, store.TouchFilter{AccountID: f.acme.ID}, store.PageReq{Limit: 5})
	if err != nil || len(ts.Items) != 1 || len(ts.Items[0].PersonIDs) != 2 {
		t.Fatalf("touches = %+v, %v; want one with two people", ts.Items, err)
	}
	for _, p := range []model.Person{f.zoe, f.dana} {
		if got, _ := f.st.Person(f.ctx, p.ID); !got.LastTouchOn.Equal(today()) {
			t.Errorf("%s's last touch is %s", p.Name, got.LastTouchOn)
		}
	}
	r = rapport(t, f.db, "log", "call", "x", "--person", "zoe", "--person", "bob")
	r.wantCode(t, ExitUsage, "log with people of two accounts")
	if !strings.Contains(r.stderr, "a touch is with the people of one account") {
		t.Errorf("stderr = %q", r.stderr)
	}
}
