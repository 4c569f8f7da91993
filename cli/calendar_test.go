package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// calFixture is a book with the people the calendar and mail fixtures
// (exchange/testdata) invite: Henrik and Zoë at Nordlicht, Ingrid at
// Meridian. Its clock is Tuesday 1 December 2026, 09:00 UTC.
func calFixture(t *testing.T) *fixture {
	t.Helper()
	setClock(t, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	f := &fixture{db: newDB(t), ctx: t.Context()}
	f.st = openStore(t, f.db)
	nord := f.account(t, model.Account{Name: "Nordlicht Energie AG", Tier: model.TierKey})
	mer := f.account(t, model.Account{Name: "Meridian Health Group", Tier: model.TierStrategic})
	f.person(t, model.Person{AccountID: nord.ID, Name: "Henrik Sørensen", Title: "CFO", Email: "henrik.sorensen@nordlicht-energie.example",
		NeedsToShow: "Payback within 18 months"})
	f.person(t, model.Person{AccountID: nord.ID, Name: "Zoë Lindqvist", Email: "zoe.lindqvist@nordlicht-energie.example"})
	f.person(t, model.Person{AccountID: mer.ID, Name: "Ingrid Ødegaard", Email: "ingrid.odegaard@meridian-health.example"})
	return f
}

func calendarFile(name string) string {
	return filepath.Join("..", "exchange", "testdata", "calendar", name)
}

// meetingsOn lists the titles and UTC hours of a day's meetings.
func (f *fixture) meetingsOn(t *testing.T, day string) []string {
	t.Helper()
	ms, err := f.st.MeetingsOn(f.ctx, model.MustDate(day))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Title+" "+m.Hours(time.UTC))
	}
	return out
}

// TestImportCalendar: a Google export with a weekly RRULE, an EXDATE, a
// moved occurrence, a TZID zone, an all-day event, a cancelled event and
// a to-do imports the right occurrences; a second import changes nothing;
// a moved event moves; today --json shows the meeting with its people.
func TestImportCalendar(t *testing.T) {
	f := calFixture(t)
	google := calendarFile("google.ics")

	dry := rapport(t, f.db, "import", google, "--dry-run")
	dry.wantCode(t, ExitOK, "dry run")
	for _, want := range []string{"nothing was written", "It would import: meetings: 15 new.", "Addresses no person has (1):",
		"Alex Morgan <alex.morgan@ourfirm.example>", "rapport import people.vcf"} {
		if !strings.Contains(dry.stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry.stdout)
		}
	}
	if got := f.meetingsOn(t, "2026-12-01"); len(got) != 0 {
		t.Fatalf("the dry run wrote meetings: %v", got)
	}

	first := rapport(t, f.db, "import", google)
	first.wantCode(t, ExitOK, "import")
	if !strings.Contains(first.stdout, "meetings: 15 new.") || !strings.Contains(first.stdout, "Matched to nobody: 1 address") {
		t.Errorf("import says:\n%s", first.stdout)
	}
	for day, want := range map[string]string{
		"2026-11-24": "Nordlicht weekly sync 14:00–15:00", // 15:00 in Berlin
		"2026-12-01": "Nordlicht weekly sync 14:00–15:00",
		"2026-12-08": "",                                          // moved to the 9th
		"2026-12-09": "Nordlicht weekly sync (moved) 10:00–11:00", // the override
		"2026-12-10": "Nordlicht partner day (Hamburg) all day",
		"2026-12-11": "", // the Halcyon catch-up is cancelled
		"2026-12-15": "", // EXDATE
		"2026-12-22": "Nordlicht weekly sync 14:00–15:00",
		"2027-02-23": "Nordlicht weekly sync 14:00–15:00",
		"2027-03-09": "", // past the 90 days
		"2026-10-27": "", // before the 30 days
	} {
		got := strings.Join(f.meetingsOn(t, day), "; ")
		if got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}

	again := rapport(t, f.db, "import", google)
	again.wantCode(t, ExitOK, "second import")
	if !strings.Contains(again.stdout, "no change (meetings: 15 unchanged)") {
		t.Errorf("a second import says:\n%s", again.stdout)
	}

	// The calendar moves the moved occurrence again, to the afternoon.
	data := strings.Replace(string(mustRead(t, google)), "DTSTART;TZID=Europe/Berlin:20261209T110000", "DTSTART;TZID=Europe/Berlin:20261209T160000", 1)
	data = strings.Replace(data, "DTEND;TZID=Europe/Berlin:20261209T120000", "DTEND;TZID=Europe/Berlin:20261209T170000", 1)
	moved := filepath.Join(t.TempDir(), "moved.ics")
	if err := os.WriteFile(moved, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	rapport(t, f.db, "import", moved).wantCode(t, ExitOK, "import of the moved event")
	if got := strings.Join(f.meetingsOn(t, "2026-12-09"), "; "); got != "Nordlicht weekly sync (moved) 15:00–16:00" {
		t.Errorf("after the move: %q", got)
	}

	today := rapport(t, f.db, "today", "--json")
	today.wantCode(t, ExitOK, "today --json")
	var a struct {
		Counts struct {
			Meetings int `json:"meetings"`
		} `json:"counts"`
		Meetings []meetingJSON `json:"meetings"`
	}
	if err := json.Unmarshal([]byte(today.stdout), &a); err != nil {
		t.Fatal(err)
	}
	if a.Counts.Meetings != 1 || len(a.Meetings) != 1 {
		t.Fatalf("today's meetings: %+v", a)
	}
	m := a.Meetings[0]
	if m.Title != "Nordlicht weekly sync" || m.Account != "Nordlicht Energie AG" || len(m.People) != 2 || m.People[0].Name != "Henrik Sørensen" ||
		m.People[1].Name != "Zoë Lindqvist" || len(m.Others) != 1 || m.Others[0].Email != "alex.morgan@ourfirm.example" ||
		!m.Start.Equal(time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)) || m.NeedsDebrief {
		t.Errorf("today's meeting = %+v", m)
	}
	text := rapport(t, f.db, "today")
	if !strings.Contains(text.stdout, "Meetings today (1)") || !strings.Contains(text.stdout, "Henrik Sørensen, Zoë Lindqvist +1") {
		t.Errorf("today says:\n%s", text.stdout)
	}
}

// TestImportCalendarOthers: khal's one-calendar-per-event files and
// Outlook's Windows zone names; your own address is not listed as
// unmatched.
func TestImportCalendarOthers(t *testing.T) {
	f := calFixture(t)
	t.Setenv("RAPPORT_ME", "Alex.Morgan@ourfirm.example, alex@home.example")
	dry := rapport(t, f.db, "import", calendarFile("outlook.ics"), "--dry-run")
	if !strings.Contains(dry.stdout, "outside@elsewhere.example") || strings.Contains(dry.stdout, "alex.morgan") {
		t.Errorf("dry run of the Outlook file:\n%s", dry.stdout)
	}
	rapport(t, f.db, "import", calendarFile("outlook.ics")).wantCode(t, ExitOK, "outlook")
	if got := strings.Join(f.meetingsOn(t, "2026-12-14"), "; "); got != "Meridian QBR 09:00–10:30" {
		t.Errorf("the Outlook meeting (10:00 W. Europe Standard Time): %q", got)
	}
	rapport(t, f.db, "import", calendarFile("khal.ics")).wantCode(t, ExitOK, "khal")
	for day, want := range map[string]string{
		"2026-12-07": "QBR with Nordlicht 09:00–10:30",
		"2026-12-08": "Weekly sync with Henrik 14:00–15:00",
		"2026-12-09": "Nordlicht offsite all day",
	} {
		if got := strings.Join(f.meetingsOn(t, day), "; "); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
	if r := rapport(t, f.db, "import", calendarFile("khal.ics"), "--account", "x"); r.code != ExitUsage {
		t.Errorf("--account with a calendar: exit %d", r.code)
	}
	bad := filepath.Join(t.TempDir(), "not.ics")
	os.WriteFile(bad, []byte("BEGIN:VCARD\r\nEND:VCARD\r\n"), 0o600)
	if r := rapport(t, f.db, "import", bad); r.code != ExitRuntime || !strings.Contains(r.stderr, "not an iCalendar file") {
		t.Errorf("a vCard named .ics: %d %s", r.code, r.stderr)
	}
}

// TestLogMail: a mail with an RFC 2047 subject, a multipart body and three
// recipients logs one touch with the two people rapport knows; a second run
// logs nothing.
func TestLogMail(t *testing.T) {
	f := calFixture(t)
	setClock(t, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	t.Setenv("RAPPORT_ME", "alex.morgan@ourfirm.example")
	eml := filepath.Join("..", "exchange", "testdata", "mail", "reply.eml")

	dry := rapport(t, f.db, "log", "--eml", eml, "--dry-run")
	dry.wantCode(t, ExitOK, "dry run")
	if !strings.Contains(dry.stdout, "It would log an email on 2026-12-04 with Henrik Sørensen and Zoë Lindqvist") {
		t.Errorf("dry run says:\n%s", dry.stdout)
	}
	touches := func() []model.Touch {
		t.Helper()
		p, err := f.st.Touches(f.ctx, store.TouchFilter{}, store.PageReq{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return p.Items
	}
	if n := len(touches()); n != 0 {
		t.Fatalf("the dry run logged %d touches", n)
	}

	first := rapportIn(t, f.db, string(mustRead(t, eml)), "log", "--eml", "-", "--keep-body")
	first.wantCode(t, ExitOK, "log --eml -")
	want := "Logged an email on 2026-12-04 with Henrik Sørensen and Zoë Lindqvist: Re: Pricing for the driver loyalty pilot — next steps.\n" +
		"Not in rapport: procurement@nordlicht-energie.example.\n"
	if first.stdout != want {
		t.Errorf("log says:\n%s\nwant:\n%s", first.stdout, want)
	}
	ts := touches()
	if len(ts) != 1 {
		t.Fatalf("%d touches", len(ts))
	}
	tc := ts[0]
	if tc.Kind != model.TouchEmail || len(tc.PersonNames) != 2 || tc.MessageID != "20261204151502.GA4821@mail.nordlicht-energie.example" ||
		!strings.Contains(tc.Text, "Zoë will take them to the board") || strings.Contains(tc.Text, "please find the pricing") {
		t.Errorf("touch = %+v", tc)
	}
	henrik, _ := f.st.ResolvePerson(f.ctx, "henrik", store.PersonName{})
	if !henrik.LastTouchOn.Equal(model.MustDate("2026-12-04")) {
		t.Errorf("Henrik's last touch = %s", henrik.LastTouchOn)
	}

	again := rapport(t, f.db, "log", "--eml", eml)
	again.wantCode(t, ExitOK, "second log")
	if !strings.Contains(again.stdout, "Already logged on 2026-12-04") || len(touches()) != 1 {
		t.Errorf("a second run says %q and leaves %d touches", again.stdout, len(touches()))
	}

	stranger := strings.NewReplacer("nordlicht-energie.example", "elsewhere.example", "Nordlicht-Energie.example", "elsewhere.example", "GA4821", "GA4822").Replace(string(mustRead(t, eml)))
	miss := rapportIn(t, f.db, stranger, "log", "--eml", "-")
	if miss.code != ExitRuntime || !strings.Contains(miss.stderr, "no person has any of its addresses: henrik.sorensen@elsewhere.example, "+
		"zoe.lindqvist@elsewhere.example, procurement@elsewhere.example") {
		t.Errorf("a mail of strangers: %d %s", miss.code, miss.stderr)
	}
	if r := rapport(t, f.db, "log", "--eml", eml, "--person", "henrik"); r.code != ExitUsage {
		t.Errorf("--eml with --person: exit %d", r.code)
	}
	if r := rapport(t, f.db, "log", "call", "x", "--person", "henrik", "--keep-body"); r.code != ExitUsage {
		t.Errorf("--keep-body without --eml: exit %d", r.code)
	}
}

// TestPrepCommand: the prep sheet of the next meeting, of a person as
// JSON, of an account as Markdown written to a file.
func TestPrepCommand(t *testing.T) {
	f := calFixture(t)
	setClock(t, time.Date(2026, 12, 1, 13, 30, 0, 0, time.UTC)) // half an hour before the sync
	rapport(t, f.db, "import", calendarFile("google.ics")).wantCode(t, ExitOK, "import")
	henrik, _ := f.st.ResolvePerson(f.ctx, "henrik", store.PersonName{})
	if _, err := f.st.CreateFollowUp(f.ctx, model.FollowUp{PersonID: henrik.ID, Kind: model.KindPromise, Text: "Send the pricing one-pager",
		DueOn: model.MustDate("2026-11-28")}); err != nil {
		t.Fatal(err)
	}

	next := rapport(t, f.db, "prep", "--next")
	next.wantCode(t, ExitOK, "prep --next")
	for _, want := range []string{"Prep: Nordlicht weekly sync\n", "Tue 1 Dec 14:00–15:00 · Teams · Nordlicht Energie AG",
		"Henrik Sørensen, CFO — Nordlicht Energie AG", "Promised       ! 3d late — Send the pricing one-pager",
		"Needs to show  Payback within 18 months", "Also invited: Alex Morgan"} {
		if !strings.Contains(next.stdout, want) {
			t.Errorf("prep --next lacks %q:\n%s", want, next.stdout)
		}
	}

	t.Setenv("RAPPORT_ME", "alex.morgan@ourfirm.example")
	if r := rapport(t, f.db, "prep", "--next"); strings.Contains(r.stdout, "Also invited") {
		t.Errorf("your own address is among those also invited:\n%s", r.stdout)
	}

	js := rapport(t, f.db, "prep", "henrik", "--json")
	js.wantCode(t, ExitOK, "prep --json")
	var p struct {
		Title  string `json:"title"`
		People []struct {
			Name     string `json:"name"`
			Promises []struct {
				Text     string `json:"text"`
				DaysLate int    `json:"days_late"`
			} `json:"promises"`
		} `json:"people"`
		Account struct {
			Name string `json:"name"`
		} `json:"account"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p.Title != "Henrik Sørensen" || len(p.People) != 1 || len(p.People[0].Promises) != 1 || p.People[0].Promises[0].DaysLate != 3 ||
		p.Account.Name != "Nordlicht Energie AG" {
		t.Errorf("prep --json = %+v", p)
	}

	out := filepath.Join(t.TempDir(), "prep.md")
	rapport(t, f.db, "prep", "nordlicht", "--md", "--out", out).wantCode(t, ExitOK, "prep --md --out")
	md := string(mustRead(t, out))
	if !strings.HasPrefix(md, "# Prep: Nordlicht Energie AG") || !strings.Contains(md, "## Henrik Sørensen, CFO") {
		t.Errorf("the Markdown:\n%s", md)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	if r := rapport(t, f.db, "prep", "nordlicht", "--md", "--out", out); r.code != ExitRuntime {
		t.Errorf("writing over the file: exit %d", r.code)
	}
	if r := rapport(t, f.db, "prep", "nobody-at-all"); r.code != ExitRuntime || !strings.Contains(r.stderr, "no person or account matches") {
		t.Errorf("prep of nobody: %d %s", r.code, r.stderr)
	}
	if r := rapport(t, f.db, "prep"); r.code != ExitUsage {
		t.Errorf("prep without a query: exit %d", r.code)
	}
}
