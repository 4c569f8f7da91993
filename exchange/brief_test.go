package exchange

import (
	"regexp"
	"strings"
	"testing"

	"rapport/model"
)

// versionsBrief is testBrief with people ids, an opening for Dana, and a
// history that went back and forth on one day.
func versionsBrief() model.Brief {
	b := testBrief()
	b.People[0].PersonID, b.People[1].PersonID, b.People[2].PersonID = 11, 12, 13
	b.People[0].Opening = "Dana, you asked for a programme that pays for itself.\nHere it is, with the numbers first."
	b.History = []model.StageChange{
		{To: model.StageUnderstand, At: mdAt("2026-06-01 10:00:00")},
		{From: model.StageUnderstand, To: model.StageDetermine, At: mdAt("2026-07-15 10:00:00")},
		{From: model.StageDetermine, To: model.StageCreate, At: mdAt("2026-09-01 10:00:00")},
		{From: model.StageCreate, To: model.StageChecks, At: mdAt("2026-10-20 09:00:00")},
		{From: model.StageChecks, To: model.StageCreate, At: mdAt("2026-10-20 09:05:00")},
		{From: model.StageCreate, To: model.StageChecks, At: mdAt("2026-11-02 08:00:00")},
		{From: model.StageChecks, To: model.StageCreate, At: mdAt("2026-11-02 08:30:00")},
		{From: model.StageCreate, To: model.StageChecks, At: mdAt("2026-11-02 09:00:00"), Note: "deck approved"},
	}
	return b
}

// internalWords are what a client-safe version never holds: the value to
// us, the framings, roles, stances, checks and the stage history — unless
// the text meant for the client says them itself (the fixture's why says
// "the user typed").
func internalWords(b model.Brief) []string {
	said := strings.Join([]string{b.Title, b.AccountName, b.Why, b.Who, b.What, b.Where, b.When, b.ValueClient}, "\n")
	for _, p := range b.People {
		said += "\n" + p.Name + "\n" + p.Title + "\n" + p.Opening
	}
	var out []string
	for _, w := range allInternalWords(b) {
		if len(leaks(said, []string{w})) == 0 {
			out = append(out, w)
		}
	}
	return out
}

// allInternalWords are internalWords, whatever the client text says.
func allInternalWords(b model.Brief) []string {
	words := []string{"Value to us", "Stage history", "Checks", "Framing", "INTERNAL", "Internal", "influence",
		"supporter", "neutral", "sceptic", "opponent"}
	for _, r := range model.Roles {
		words = append(words, string(r))
	}
	for _, s := range model.Stages {
		words = append(words, "**Stage:**", "→ "+string(s))
	}
	if v := strings.TrimSpace(b.ValueUs); v != "" {
		words = append(words, v)
	}
	for _, p := range b.People {
		for _, l := range strings.Split(p.Framing, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				words = append(words, l)
			}
		}
	}
	return words
}

// leaks returns the internal words doc holds, each matched as whole words
// ignoring case ("user" is not in "users").
func leaks(doc string, words []string) []string {
	var out []string
	for _, w := range words {
		re := regexp.MustCompile(`(?i)(^|\W)` + regexp.QuoteMeta(w) + `($|\W)`)
		if re.MatchString(doc) {
			out = append(out, w)
		}
	}
	return out
}

func TestBriefClient(t *testing.T) {
	b := versionsBrief()
	got := BriefClient(b, mdToday)
	golden(t, "brief-client.golden.md", got)

	want := []string{"# Loyalty programme, relaunched", "## Why", "## Who", "## Where", "## When", "## The value for Acme Retail"}
	if h := headings(got); strings.Join(h, "|") != strings.Join(want, "|") {
		t.Errorf("headings (the what is not written, so left out):\n got %q\nwant %q", h, want)
	}
	for _, s := range []string{
		"**Prepared for:** Acme Retail\n\n## Why\n",
		"- Dana Li, CFO\n- Zoë Müller, Head of Brand\n- p3\n",
		"Pilot in Q1, roll-out by summer.\n\n**Target date:** 2027-03-01\n",
		"More repeat visits.\n",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("client version lacks %q", s)
		}
	}
	if l := leaks(got, internalWords(b)); len(l) > 0 {
		t.Errorf("client version holds internal words %q:\n%s", l, got)
	}
	if strings.Contains(got, "Dana, you asked") {
		t.Error("the client version holds a person's opening")
	}
}

func TestBriefFor(t *testing.T) {
	b := versionsBrief()
	got, opened := BriefFor(b, 11, mdToday)
	if !opened {
		t.Fatal("Dana's opening was not used")
	}
	golden(t, "brief-for.golden.md", got)
	if !strings.HasPrefix(got, "# Loyalty programme, relaunched\n\n**Prepared for:** Dana Li, Acme Retail\n\n"+
		"Dana, you asked for a programme that pays for itself.  \nHere it is, with the numbers first.\n\n## Why\n") {
		t.Errorf("Dana's version does not open with her opening:\n%s", got)
	}
	if l := leaks(got, internalWords(b)); len(l) > 0 {
		t.Errorf("Dana's version holds internal words %q:\n%s", l, got)
	}
	client := BriefClient(b, mdToday)
	if got[strings.Index(got, "## Why"):] != client[strings.Index(client, "## Why"):] {
		t.Error("after the opening, Dana's version is not the client's")
	}

	for _, id := range []int64{12, 99} { // Zoë has no opening; 99 is not linked
		md, opened := BriefFor(b, id, mdToday)
		if opened || md != client {
			t.Errorf("BriefFor(%d): opened %v; want the client version, not opened", id, opened)
		}
	}
}

func TestBriefInternal(t *testing.T) {
	b := versionsBrief()
	got := BriefInternal(b, mdToday)
	golden(t, "brief-internal.golden.md", got)

	want := []string{
		"# Loyalty programme, relaunched",
		"## Why", "## Who", "## What", "## Where", "## When",
		"## Value to the client", "## Value to us", "## Checks", "## Stage history",
		"## For Dana Li", "### Framing", "### Opening",
		"## For Zoë Müller", "### Framing", "### Opening",
		"## For p3", "### Framing", "### Opening",
	}
	if h := headings(got); strings.Join(h, "|") != strings.Join(want, "|") {
		t.Errorf("headings:\n got %q\nwant %q", h, want)
	}
	for _, s := range []string{
		"# Loyalty programme, relaunched\n\n**Internal — do not send.**",
		"**Account:** Acme Retail · **Stage:** checks, for 23 days · **Target date:** 2027-03-01\n",
		"A three-year platform contract.\n",
		"- Dana Li — CFO, economic buyer\n",
		"- Brand: signed by Lee Park on 2026-11-02\n",
		// The back and forth of 20 October is no move; that of 2 November one.
		"## Stage history\n\n" +
			"- 2026-06-01: understand needs, 44 days\n" +
			"- 2026-07-15: understand needs → determine solution, 48 days\n" +
			"- 2026-09-01: determine solution → create, 62 days\n" +
			"- 2026-11-02: create → checks, 23 days so far — deck approved\n\n",
		"### Framing\n\nNumbers first: payback in 14 months.  \nOne page.\n\n### Opening\n\nDana, you asked",
		"## For Zoë Müller\n\n_Head of Brand · champion_\n\n### Framing\n\n_No framing yet._\n\n### Opening\n\n_No opening yet: their version is the client's._\n",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("internal version lacks %q", s)
		}
	}
}

func TestBriefStageHistoryEnds(t *testing.T) {
	b := model.Brief{Title: "Done deal", Stage: model.StageDone, History: []model.StageChange{
		{To: model.StageUnderstand, At: mdAt("2026-01-01 10:00:00")},
		{From: model.StageUnderstand, To: model.StageDone, At: mdAt("2026-02-01 10:00:00")},
	}}
	got := BriefInternal(b, mdToday)
	if !strings.Contains(got, "- 2026-01-01: understand needs, 31 days\n- 2026-02-01: understand needs → done\n") {
		t.Errorf("a done brief counts days in done:\n%s", got)
	}
	b.History = append(b.History[:1], model.StageChange{From: model.StageUnderstand, To: model.StageDetermine, At: mdAt("2026-11-25 08:00:00")})
	if got := BriefInternal(b, mdToday); !strings.Contains(got, "- 2026-11-25: understand needs → determine solution, since today\n") {
		t.Errorf("a move today:\n%s", got)
	}
}

func TestBriefVersionsEmpty(t *testing.T) {
	if got := BriefClient(model.Brief{}, model.Date{}); got != "# Untitled brief\n" {
		t.Errorf("an empty brief for the client = %q", got)
	}
	got := BriefInternal(model.Brief{}, model.Date{})
	for _, want := range []string{"# Untitled brief\n", "## Why\n\n_Not written yet._\n", "- Legal: pending\n", "_No stage changes recorded._"} {
		if !strings.Contains(got, want) {
			t.Errorf("internal version lacks %q:\n%s", want, got)
		}
	}
}

// TestBriefVersions: the versions a preview cycles, their labels, and the
// files they are written to, each name once.
func TestBriefVersions(t *testing.T) {
	b := versionsBrief()
	b.Title = "Zoë's Q3 relaunch!"
	b.People = append(b.People, model.BriefPerson{PersonID: 14, Name: "Dana  LI", Opening: "Hi Dana,"})
	var labels, names []string
	for _, f := range BriefFiles(b, mdToday) {
		labels = append(labels, f.Version.Label())
		names = append(names, f.Name)
		if f.Markdown != f.Version.Markdown(b, mdToday) {
			t.Errorf("%s: the file is not the version", f.Name)
		}
		if f.Version.ClientSafe() != (f.Version.Audience != ForInternal) {
			t.Errorf("%s: client-safe %v", f.Name, f.Version.ClientSafe())
		}
		if f.Version.ClientSafe() {
			if l := leaks(f.Markdown, internalWords(b)); len(l) > 0 {
				t.Errorf("%s holds internal words %q", f.Name, l)
			}
		}
	}
	wantLabels := []string{"client-safe", "for Dana Li · client-safe", "for Zoë Müller · client-safe, no opening yet",
		"for p3 · client-safe, no opening yet", "for Dana LI · client-safe", "INTERNAL — do not send"}
	if strings.Join(labels, "|") != strings.Join(wantLabels, "|") {
		t.Errorf("labels:\n got %q\nwant %q", labels, wantLabels)
	}
	wantNames := []string{"zoes-q3-relaunch.md", "zoes-q3-relaunch-for-dana-li.md", "zoes-q3-relaunch-for-zoe-muller.md",
		"zoes-q3-relaunch-for-p3.md", "zoes-q3-relaunch-for-dana-li-2.md", "zoes-q3-relaunch-internal.md"}
	if strings.Join(names, "|") != strings.Join(wantNames, "|") {
		t.Errorf("file names:\n got %q\nwant %q", names, wantNames)
	}
}

func TestBriefSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë's Q3 relaunch!":        "zoes-q3-relaunch",
		"  Brand refresh — 2027 ":   "brand-refresh-2027",
		"Ørsted / Åse":              "orsted-ase",
		"":                          "brief",
		"!!!":                       "brief",
		"日本語":                       "brief",
		strings.Repeat("word ", 30): strings.TrimSuffix(strings.Repeat("word-", 12), "-"),
	} {
		if got := BriefSlug(in); got != want {
			t.Errorf("BriefSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
