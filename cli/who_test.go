package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

func TestWho(t *testing.T) {
	f := newFixture(t)
	day := today()
	if _, err := f.st.CreateNote(f.ctx, model.Note{PersonID: f.zoe.ID, Kind: model.NotePersonal,
		Text: "Ran the Berlin marathon\x1b[2J\x1b]0;owned\x07 — ask how it went", AskAfter: day}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CreateNote(f.ctx, model.Note{PersonID: f.zoe.ID, Kind: model.NoteBusiness, Text: "Budget freeze until Q2"}); err != nil {
		t.Fatal(err)
	}
	// Not to ask about yet: her son's exams are next month.
	if _, err := f.st.CreateNote(f.ctx, model.Note{PersonID: f.zoe.ID, Kind: model.NotePersonal, Text: "Son's final exams",
		AskAfter: day.AddDays(30)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.LogTouch(f.ctx, model.Touch{Kind: model.TouchMeeting, On: day.AddDays(-20), Summary: "Kick-off",
		PersonIDs: []int64{f.zoe.ID, f.dana.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CreateFollowUp(f.ctx, model.FollowUp{Text: "Send the deck", Kind: model.KindPromise, DueOn: day.AddDays(2),
		PersonID: f.zoe.ID}); err != nil {
		t.Fatal(err)
	}

	t.Run("Text", func(t *testing.T) {
		r := rapport(t, f.db, "who", "zoe")
		r.wantCode(t, ExitOK, "who zoe")
		out := r.stdout
		if !strings.HasPrefix(out, "Zoë Durand — CFO\nAcme Corp\n") {
			t.Errorf("dossier head:\n%s", out)
		}
		for _, want := range []string{"Role:", "economic buyer", "every 14 days", "last touch " + day.AddDays(-20).String(),
			"20 days ago", "OVERDUE by 6 days", "Numbers first, one page", "Cost savings to the board", "Ask about",
			"Berlin marathon", "Recent notes", "Budget freeze", "Last touches", "Kick-off", "with Dana Smith",
			"Open follow-ups (1)", "PROMISE: Send the deck"} {
			if !strings.Contains(out, want) {
				t.Errorf("who text lacks %q:\n%s", want, out)
			}
		}
		if ask, _, _ := strings.Cut(out[strings.Index(out, "Ask about"):], "Personal notes"); strings.Contains(ask, "exams") {
			t.Errorf("a note to ask about in a month is under Ask about:\n%s", out)
		}
		if !strings.Contains(out, "Personal notes") {
			t.Errorf("no personal notes:\n%s", out)
		}
		assertSanitised(t, out)
		if !strings.Contains(out, "marathon␛[2J␛]0;owned␇ — ask") {
			t.Errorf("control characters not shown as markers:\n%s", out)
		}
	})

	t.Run("JSON", func(t *testing.T) {
		r := rapport(t, f.db, "who", "zoe", "--json")
		r.wantCode(t, ExitOK, "who zoe --json")
		var got struct {
			Person dossierJSON `json:"person"`
		}
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("who --json does not parse: %v\n%s", err, r.stdout)
		}
		p := got.Person
		if p.UID != f.zoe.UID || p.Name != "Zoë Durand" || p.Account != "Acme Corp" || p.Role != "economic buyer" ||
			p.ReceiveInfo != f.zoe.ReceiveInfo || p.NeedsToShow != f.zoe.NeedsToShow || p.CadenceDays != 14 {
			t.Errorf("person = %+v", p)
		}
		if p.LastTouch != day.AddDays(-20).String() || p.DaysSinceTouch == nil || *p.DaysSinceTouch != 20 || !p.TouchDue ||
			p.DaysOverdue != 6 {
			t.Errorf("cadence: last %q, since %v, due %v, overdue %d", p.LastTouch, p.DaysSinceTouch, p.TouchDue, p.DaysOverdue)
		}
		if len(p.AskAbout) != 1 || p.AskAbout[0].Text != "Ran the Berlin marathon\x1b[2J\x1b]0;owned\x07 — ask how it went" {
			t.Errorf("ask_about is not exact: %+v", p.AskAbout)
		}
		if len(p.PersonalNotes) != 1 || p.PersonalNotes[0].Text != "Son's final exams" {
			t.Errorf("personal_notes = %+v, want the note whose ask-after day has not come", p.PersonalNotes)
		}
		if len(p.RecentNotes) != 1 || len(p.Touches) != 1 || len(p.FollowUps) != 1 {
			t.Errorf("recent notes %d, touches %d, follow-ups %d; want 1 each", len(p.RecentNotes), len(p.Touches), len(p.FollowUps))
		}
		if len(p.Touches) == 1 && strings.Join(p.Touches[0].People, ",") != "Zoë Durand,Dana Smith" {
			t.Errorf("touch people = %q", p.Touches[0].People)
		}
	})

	t.Run("ReportsTo", func(t *testing.T) {
		r := rapport(t, f.db, "who", "bob")
		r.wantCode(t, ExitOK, "who bob")
		if !strings.Contains(r.stdout, "Reports to:") || !strings.Contains(r.stdout, "Dana Scully, COO") {
			t.Errorf("who bob lacks his manager:\n%s", r.stdout)
		}
		r = rapport(t, f.db, "who", "scully")
		if !strings.Contains(r.stdout, "Direct reports:") || !strings.Contains(r.stdout, "Bob Stone") {
			t.Errorf("who scully lacks her report:\n%s", r.stdout)
		}
	})

	// A boss with more reports than the dossier names: the first by name,
	// then how many more, and the JSON counts them all.
	t.Run("ManyReports", func(t *testing.T) {
		for i := range dossierReports + 5 {
			if _, err := f.st.CreatePerson(f.ctx, model.Person{AccountID: f.scul.AccountID, Name: fmt.Sprintf("Aide %02d", i),
				ReportsToID: f.scul.ID}); err != nil {
				t.Fatal(err)
			}
		}
		r := rapport(t, f.db, "who", "scully")
		if !strings.Contains(r.stdout, "Aide 00, Aide 01") || strings.Contains(r.stdout, "Bob Stone") ||
			!strings.Contains(r.stdout, "Aide 19, … and 6 more") {
			t.Errorf("who scully with %d reports:\n%s", dossierReports+6, r.stdout)
		}
		r = rapport(t, f.db, "who", "scully", "--json")
		var got struct {
			Person dossierJSON `json:"person"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Person.DirectReports) != dossierReports || got.Person.DirectReportsCount != dossierReports+6 {
			t.Errorf("direct reports %d of %d, want %d of %d", len(got.Person.DirectReports), got.Person.DirectReportsCount,
				dossierReports, dossierReports+6)
		}
	})

	// A person in more open briefs than the dossier reads: the count says
	// how many there are.
	t.Run("ManyBriefs", func(t *testing.T) {
		for i := range store.PersonBriefsLimit + 1 {
			b := model.NewBrief(f.scul.AccountID, fmt.Sprintf("Brief %02d", i), time.Now())
			b.People = []model.BriefPerson{{PersonID: f.bob.ID, Framing: "lead with cost"}}
			if _, err := f.st.CreateBrief(f.ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		r := rapport(t, f.db, "who", "bob")
		if !strings.Contains(r.stdout, fmt.Sprintf("Briefs (the first %d of %d)", store.PersonBriefsLimit, store.PersonBriefsLimit+1)) {
			t.Errorf("who bob in %d briefs:\n%s", store.PersonBriefsLimit+1, r.stdout)
		}
		r = rapport(t, f.db, "who", "bob", "--json")
		var got struct {
			Person dossierJSON `json:"person"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Person.Briefs) != store.PersonBriefsLimit || got.Person.BriefsCount != store.PersonBriefsLimit+1 {
			t.Errorf("briefs %d of %d", len(got.Person.Briefs), got.Person.BriefsCount)
		}
	})

	t.Run("Candidates", func(t *testing.T) {
		r := rapport(t, f.db, "who", "dana")
		r.wantCode(t, ExitOK, "who dana")
		want := "2 people match “dana” — say which:\n" +
			"  Dana Scully  COO                Globex\n" +
			"  Dana Smith   Head of Marketing  Acme Corp\n"
		if r.stdout != want {
			t.Errorf("who dana:\n%s\nwant:\n%s", r.stdout, want)
		}
		r = rapport(t, f.db, "who", "dana", "--json")
		r.wantCode(t, ExitOK, "who dana --json")
		var got struct {
			Candidates []candidateJSON `json:"candidates"`
		}
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("who dana --json: %v\n%s", err, r.stdout)
		}
		if len(got.Candidates) != 2 || got.Candidates[0] != (candidateJSON{UID: f.scul.UID, Name: "Dana Scully", Title: "COO",
			Account: "Globex"}) || got.Candidates[1].Name != "Dana Smith" || got.Candidates[1].Account != "Acme Corp" {
			t.Errorf("candidates = %+v", got.Candidates)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		r := rapport(t, f.db, "who", "nobody")
		r.wantCode(t, ExitRuntime, "who nobody")
		if r.stdout != "" || !strings.Contains(r.stderr, `nobody matches “nobody”`) {
			t.Errorf("who nobody: stdout %q, stderr %q", r.stdout, r.stderr)
		}
		r = rapport(t, f.db, "who", "nobody", "--json")
		r.wantCode(t, ExitRuntime, "who nobody --json")
		if r.stdout != "" {
			t.Errorf("who nobody --json printed %q", r.stdout)
		}
	})

	t.Run("Usage", func(t *testing.T) {
		rapport(t, f.db, "who").wantCode(t, ExitUsage, "who without a query")
		rapport(t, f.db, "who", "  ").wantCode(t, ExitUsage, "who with a blank query")
	})

	t.Run("Archived", func(t *testing.T) {
		g := newFixture(t)
		if err := g.st.ArchivePerson(g.ctx, g.dan.ID, true); err != nil {
			t.Fatal(err)
		}
		rapport(t, g.db, "who", "daniel").wantCode(t, ExitRuntime, "who on an archived person")
	})

	t.Run("HostileName", func(t *testing.T) {
		g := newFixture(t)
		g.person(t, model.Person{AccountID: g.acme.ID, Name: "Eve\x1b]0;x\x07 Evil\u202e", Title: "CTO\r\x1b[1A"})
		r := rapport(t, g.db, "who", "eve")
		r.wantCode(t, ExitOK, "who eve")
		assertSanitised(t, r.stdout)
		r = rapport(t, g.db, "who", "e")
		assertSanitised(t, r.stdout)
		r = rapport(t, g.db, "who", "eve", "--json")
		var got struct {
			Person dossierJSON `json:"person"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.Person.Name != "Eve\x1b]0;x\x07 Evil\u202e" ||
			got.Person.Title != "CTO\r\x1b[1A" {
			t.Errorf("who eve --json is not exact: %v %+v", err, got.Person)
		}
	})
}

// Names given to who, --person and --account match by one rule:
// ignoring case and accents, the whole name first, then a unique prefix of
// the name or of any word in it; an ambiguous name lists the candidates.
func TestNameMatching(t *testing.T) {
	f := newFixture(t)
	f.person(t, model.Person{AccountID: f.acme.ID, Name: "Dan"})
	who := func(q string) string {
		t.Helper()
		r := rapport(t, f.db, "who", q, "--json")
		if r.code != ExitOK {
			return "-"
		}
		var got struct {
			Person     *dossierJSON    `json:"person"`
			Candidates []candidateJSON `json:"candidates"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("who %q --json: %v", q, err)
		}
		if got.Person != nil {
			return got.Person.Name
		}
		var names []string
		for _, c := range got.Candidates {
			names = append(names, c.Name)
		}
		return strings.Join(names, "|")
	}
	for _, tc := range []struct{ query, want string }{
		{"zoe", "Zoë Durand"},
		{"ZOË", "Zoë Durand"},
		{"Zoe\u0308", "Zoë Durand"}, // decomposed: e + combining diaeresis
		{"zoe durand", "Zoë Durand"},
		{"  ZOE   DURAND ", "Zoë Durand"},
		{"durand", "Zoë Durand"}, // a word of the name
		{"dur", "Zoë Durand"},
		{"zoe d", "Zoë Durand"},
		{"dan", "Dan"}, // the whole name beats prefixes of Dana and Daniel
		{"dana", "Dana Scully|Dana Smith"},
		{"dana s", "Dana Scully|Dana Smith"},
		{"dana sm", "Dana Smith"},
		{"dani", "Daniel Ng"},
		{"ng", "Daniel Ng"},
		{"smith", "Dana Smith"},
		{"ana", "-"}, // the middle of a word is not a match
		{"urand", "-"},
		{"%", "-"}, // LIKE wildcards are literal
		{"_an", "-"},
	} {
		if got := who(tc.query); got != tc.want {
			t.Errorf("who %q = %q, want %q", tc.query, got, tc.want)
		}
	}

	t.Run("PersonFlag", func(t *testing.T) {
		r := rapport(t, f.db, "note", "x", "--person", "dana")
		r.wantCode(t, ExitRuntime, "note --person dana (two Danas)")
		if !strings.Contains(r.stderr, "Dana Scully (Globex), Dana Smith (Acme Corp)") {
			t.Errorf("ambiguous --person does not list the candidates with their accounts: %q", r.stderr)
		}
		r = rapport(t, f.db, "note", "x", "--person", "nobody")
		r.wantCode(t, ExitRuntime, "note --person nobody")
		if !strings.Contains(r.stderr, `nobody matches “nobody”`) {
			t.Errorf("unknown --person: %q", r.stderr)
		}
		rapport(t, f.db, "note", "x", "--person", "zoe").wantCode(t, ExitOK, "note --person zoe")
		rapport(t, f.db, "note", "x", "--person", "DANA SM").wantCode(t, ExitOK, "note --person \"DANA SM\"")
		if n := f.notes(t, storeNotesOf(f.dana)); len(n) != 1 {
			t.Errorf("Dana Smith has %d notes, want 1", len(n))
		}
	})

	t.Run("AccountFlag", func(t *testing.T) {
		f.account(t, model.Account{Name: "Acme Logistics"})
		f.account(t, model.Account{Name: "Société Générale"})
		for _, tc := range []struct {
			name string
			code int
			msg  string
		}{
			{"acme corp", ExitOK, ""},
			{"ACME CORP", ExitOK, ""},
			{"glob", ExitOK, ""},
			{"societe", ExitOK, ""},
			{"generale", ExitOK, ""},
			{"acme", ExitRuntime, "Acme Corp, Acme Logistics"},
			{"initech", ExitRuntime, `no account matches “initech”`},
		} {
			r := rapport(t, f.db, "note", "x", "--account", tc.name)
			r.wantCode(t, tc.code, "note --account "+tc.name)
			if tc.msg != "" && !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("--account %q: stderr %q lacks %q", tc.name, r.stderr, tc.msg)
			}
		}
	})
}

// Piped or redirected, `who` prints notes whole: a long note is not cut,
// and a note's further lines are indented under its text, so each note is
// still one entry. (On a terminal it is cut to a line: tty_linux_test.go.)
func TestWhoPipedNotesWhole(t *testing.T) {
	f := newFixture(t)
	long := "Dana is drawing up the shortlist for the loyalty programme pilot and wants our case studies from retail and travel before the steering committee meets"
	multi := "Budget review:\r\n  capex frozen until Q2\n\n\topex unchanged   \nask again in April\n"
	for _, n := range []model.Note{
		{PersonID: f.zoe.ID, Kind: model.NoteBusiness, Text: long},
		{PersonID: f.zoe.ID, Kind: model.NoteInsight, Text: multi},
		{PersonID: f.zoe.ID, Kind: model.NotePersonal, Text: "Ran the Berlin marathon \x1b[2J in 3:41"},
	} {
		if _, err := f.st.CreateNote(f.ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	r := rapport(t, f.db, "who", "zoe")
	r.wantCode(t, ExitOK, "who zoe, piped")
	out := r.stdout
	if strings.Contains(out, "…") {
		t.Errorf("a note was cut on a pipe:\n%s", out)
	}
	day := today().String()
	for _, want := range []string{
		"  " + day + "  business  " + long + "\n",
		"  " + day + "  insight   Budget review:\n" +
			"                          capex frozen until Q2\n" +
			"                            opex unchanged\n" +
			"                        ask again in April\n",
		"  " + day + "  Ran the Berlin marathon ␛[2J in 3:41\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("piped who lacks %q:\n%s", want, out)
		}
	}
	assertSanitised(t, out)
	// The blank line inside the note is not printed: it would read as the
	// end of the section.
	if strings.Contains(out, "Budget review:\n\n") || strings.Contains(out, "Q2\n\n") {
		t.Errorf("a blank line inside a note reached the dossier:\n%s", out)
	}
}

// TestWhoWrapsAtWords: on a terminal of 80 columns the dossier's long
// lines wrap at word boundaries, never inside a word, and no line is
// wider than the terminal.
func TestWhoWrapsAtWords(t *testing.T) {
	f := newFixture(t)
	long := "Dana is drawing up the shortlist for the loyalty programme pilot and wants our case studies from retail and travel"
	p, _ := f.st.Person(f.ctx, f.zoe.ID)
	p.ReceiveInfo = long + " before the steering committee meets in the spring."
	if _, err := f.st.UpdatePerson(f.ctx, p); err != nil {
		t.Fatal(err)
	}
	d, err := loadDossier(f.ctx, f.st, p, today())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	d.write(&b, false, 80)
	out := b.String()
	words := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("a line of %d cells: %q", w, l)
		}
		for _, w := range strings.Fields(l) {
			words[w] = true
		}
	}
	for _, w := range strings.Fields(p.ReceiveInfo) {
		if !words[w] {
			t.Errorf("the word %q was broken:\n%s", w, out)
		}
	}
}
