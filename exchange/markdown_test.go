package exchange

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exchange -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got %q\nwant %q\n(run with -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// headings lists the ATX headings of a Markdown document, in order.
func headings(doc string) []string {
	var out []string
	fenced := false
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

var (
	mdToday = model.MustDate("2026-11-25")
	mdAt    = func(s string) time.Time {
		t, err := time.Parse(time.DateTime, s)
		if err != nil {
			panic(err)
		}
		return t
	}
)

func testBrief() model.Brief {
	return model.Brief{
		UID: "b1", Title: "Loyalty programme, relaunched", AccountName: "Acme Retail",
		Why: "Members spend 3× more, but sign-ups fell 20% this year.\n" +
			"# not a heading\n" +
			"---\n" +
			"\n" +
			"- a list the user typed\n" +
			"- stays a list\n" +
			"```not a fence",
		Who:         "Marketing and CRM teams.",
		Where:       "DACH stores and the app.",
		When:        "Pilot in Q1, roll-out by summer.",
		What:        "",
		ValueClient: "More repeat visits.",
		ValueUs:     "A three-year platform contract.",
		TargetOn:    model.MustDate("2027-03-01"),
		Stage:       model.StageChecks,
		StageSince:  mdAt("2026-11-02 09:00:00"),
		Checks: []model.Check{
			{Kind: model.CheckBrand, State: model.CheckSigned, By: "Lee Park", On: model.MustDate("2026-11-02")},
			{Kind: model.CheckStrategy, State: model.CheckNotNeeded},
			{Kind: model.CheckLegal, State: model.CheckPending},
		},
		People: []model.BriefPerson{
			{PersonUID: "p1", Name: "Dana Li", Title: "CFO", Role: model.RoleEconomicBuyer,
				Framing: "Numbers first: payback in 14 months.\nOne page."},
			{PersonUID: "p2", Name: "Zoë Müller", Title: "Head of Brand", Role: model.RoleChampion},
			{PersonUID: "p3"},
		},
		History: []model.StageChange{
			{To: model.StageUnderstand, At: mdAt("2026-06-01 10:00:00")},
			{From: model.StageUnderstand, To: model.StageDetermine, At: mdAt("2026-07-15 10:00:00")},
			{From: model.StageDetermine, To: model.StageCreate, At: mdAt("2026-09-01 10:00:00")},
			{From: model.StageCreate, To: model.StageChecks, At: mdAt("2026-11-02 09:00:00"), Note: "deck approved"},
		},
	}
}

func TestAccountMarkdown(t *testing.T) {
	sat := func(v int) *int { return &v }
	rev := func(m model.Money) *model.Money { return &m }
	d := AccountDossier{
		Today: mdToday,
		Account: model.Account{
			Name: "Acme Retail", Tier: model.TierKey, Currency: "EUR", Revenue: 420_000_000, Potential: 600_000_000,
			Outlook: model.OutlookGrowing, Importance: 4, Replaceability: 5, Industry: "Retail", Region: "EMEA",
			Countries: "DE, AT, CH", Brand: "Family-owned since 1921.\n## Proud of it", Direction: "Online first by 2028.",
			LastTouchOn: model.MustDate("2026-11-20"),
		},
		People: []model.Person{
			{Name: "Dana Li", Title: "CFO", BusinessUnit: "Finance", Role: model.RoleEconomicBuyer, Influence: 5, Strength: 3,
				ReceiveInfo: "Numbers first, one page", NeedsToShow: "Cost savings", LastTouchOn: model.MustDate("2026-11-24")},
			{Name: "Sam Roe"},
			{Name: "Gone Person", ArchivedAt: mdAt("2026-01-01 00:00:00")},
		},
		Briefs: []model.Brief{
			testBrief(),
			{Title: "Old idea", Stage: model.StageDropped},
			{Title: "Data sharing", Stage: model.StageCreate, StageSince: mdAt("2026-08-01 00:00:00")},
		},
		FollowUps: []model.FollowUp{
			{Text: "Quarterly review", DueOn: model.MustDate("2026-12-10")},
			{Text: "Send the pilot numbers", Kind: model.KindPromise, DueOn: model.MustDate("2026-11-20"), PersonName: "Dana Li"},
			{Text: "Done already", DueOn: model.MustDate("2026-11-01"), DoneAt: mdAt("2026-11-01 12:00:00")},
			{Text: "Call at three", DueOn: model.MustDate("2026-12-10"), DueTime: "09:00"},
		},
		Notes: []model.Note{
			{On: model.MustDate("2026-10-01"), Kind: model.NoteBusiness, Text: "Budget cycle starts in October."},
			{On: model.MustDate("2026-11-22"), Kind: model.NotePersonal, PersonName: "Dana Li", Text: "Ran the marathon.\n# Time: 3:41"},
		},
		Touches: []model.Touch{
			{On: model.MustDate("2026-11-24"), Kind: model.TouchCall, Summary: "Pilot scope", PersonNames: []string{"Dana Li", "Sam Roe"}},
		},
		Health: []model.HealthCheck{
			{On: model.MustDate("2026-06-30"), Satisfaction: sat(8)},
			{On: model.MustDate("2026-09-30"), Satisfaction: sat(6), Revenue: rev(410_000_000), Note: "price increase"},
		},
		Risks: []model.Risk{
			{Kind: model.RiskWeakDecider, Reason: "Dana Li (economic buyer): no touch in 40 days (every 14)"},
			{Kind: model.RiskNoChampion, Reason: "no champion among 2 people"},
		},
	}
	got := AccountMarkdown(d)

	wantHeadings := []string{
		"# Acme Retail", "## Priority score " + points(d.Account.Priority().Score) + " of 100", "## Brand and values", "## Direction",
		"## People", "## Coverage risks", "## Open briefs", "## Open follow-ups", "## Recent notes", "## Recent touches", "## Health",
	}
	if h := headings(got); strings.Join(h, "|") != strings.Join(wantHeadings, "|") {
		t.Errorf("headings:\n got %q\nwant %q", h, wantHeadings)
	}
	for _, want := range []string{
		"- **Revenue:** EUR 4,200,000\n- **Potential revenue:** EUR 6,000,000\n",
		"- **Strategic importance:** 4/5\n- **Hard to replace:** 5/5\n",
		"- **Last touch:** 2026-11-20 (5 days ago)\n",
		"- current revenue (4.2m): ",
		"\\## Proud of it",
		"- **Dana Li**, CFO, Finance — economic buyer; influence 5/5; relationship 3/5; last touch 2026-11-24 (yesterday)\n" +
			"  - How they like information: Numbers first, one page\n  - What they need to show: Cost savings\n",
		"- **Sam Roe** — no touch yet\n",
		"## Coverage risks\n\n- **weak-decider:** Dana Li (economic buyer): no touch in 40 days (every 14)\n" +
			"- **no-champion:** no champion among 2 people\n\n## Open briefs",
		"- **Loyalty programme, relaunched** — checks, for 23 days (stalled)\n- **Data sharing** — create, for 116 days (stalled)\n\n",
		"- 2026-11-20 — **Promise:** Send the pilot numbers (Dana Li) — **overdue**\n" +
			"- 2026-12-10 — Quarterly review\n- 2026-12-10 09:00 — Call at three\n\n",
		"- 2026-11-22 · personal · Dana Li: Ran the marathon.  \n  \\# Time: 3:41\n- 2026-10-01 · business: Budget cycle",
		"- 2026-11-24 · call · Dana Li, Sam Roe: Pilot scope\n",
		"- 2026-09-30: satisfaction 6/10 · revenue EUR 4,100,000 — price increase\n- 2026-06-30: satisfaction 8/10\n",
		model.ScoreFormula[:20],
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, absent := range []string{"Gone Person", "Old idea", "Done already"} {
		if strings.Contains(got, absent) {
			t.Errorf("output shows %q", absent)
		}
	}
}

func TestPortfolioMarkdown(t *testing.T) {
	ds := []AccountDossier{
		{Today: mdToday, Account: model.Account{Name: "Acme", Tier: model.TierKey, Currency: "EUR", Revenue: 420_000_000}},
		{Today: mdToday, Account: model.Account{Name: "Globex"}},
	}
	got := PortfolioMarkdown(ds)
	for _, want := range []string{
		"# Portfolio\n\n2 accounts, as of 2026-11-25.\n\n",
		"1. **Acme** · key · EUR 4,200,000 · score ",
		"2. **Globex** · score 5\n",
		"## Acme\n", "### Priority score", "### People\n\n_No people yet._\n", "### Coverage risks\n\n_No coverage risks._\n", "## Globex\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, model.ScoreFormula[:20]); n != 1 {
		t.Errorf("the formula shows %d times, want once", n)
	}
	if got := PortfolioMarkdown(nil); got != "# Portfolio\n\n0 accounts.\n" {
		t.Errorf("empty portfolio = %q", got)
	}
}

func TestEscapeBlockLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"# heading", `\# heading`},
		{"###### six", `\###### six`},
		{"####### seven is text", "####### seven is text"},
		{"#hashtag", "#hashtag"},
		{"#", `\#`},
		{"   # indented", `   \# indented`},
		{"    # code", "    # code"},
		{"---", `\---`},
		{"-", `\-`},
		{"===", `\===`},
		{"* * *", `\* * *`},
		{"**bold**", "**bold**"},
		{"___", `\___`},
		{"__init__", "__init__"},
		{"- item", "- item"},
		{"1. item", "1. item"},
		{"> quote", "> quote"},
		{"```go", "\\```go"},
		{"~~~", `\~~~`},
		{"<div>", `\<div>`},
		{"<!-- x", `\<!-- x`},
		{"<3 it", "<3 it"},
		{"[ref]: http://x", `\[ref]: http://x`},
		{"[link](http://x)", "[link](http://x)"},
	}
	for _, tt := range tests {
		if got := escapeBlockLine(tt.in); got != tt.want {
			t.Errorf("escapeBlockLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeInlineStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dana Li", "Dana Li"},
		{"- Dana", `\- Dana`},
		{"+ Dana", `\+ Dana`},
		{"> Dana", `\> Dana`},
		{"-Dana", "-Dana"},
		{"1. Dana", `1\. Dana`},
		{"2026) plan", `2026\) plan`},
		{"3.5 stars", "3.5 stars"},
		{"# Dana", `\# Dana`},
	}
	for _, tt := range tests {
		if got := escapeInlineStart(tt.in); got != tt.want {
			t.Errorf("escapeInlineStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeHeading(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dana", "Dana"},
		{"C#", "C#"},
		{"Team #", `Team \#`},
		{"##", `\##`},
		{"Plan ##", `Plan \##`},
	}
	for _, tt := range tests {
		if got := escapeHeading(tt.in); got != tt.want {
			t.Errorf("escapeHeading(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBlockLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" \n\t\n", nil},
		{"one", []string{"one"}},
		{"one\ntwo", []string{"one  ", "two"}},
		{"\n\none  \n\ntwo\n\n", []string{"one", "", "two"}},
		{"one\n  \n\n\t\ntwo\n  ", []string{"one", "", "two"}},
		{"a\r\nb\x1b[31m", []string{"a  ", "b\uFFFD[31m"}},
	}
	for _, tt := range tests {
		got := blockLines(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("blockLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
