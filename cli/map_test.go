package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/internal/graphviztest"

	"rapport/demo"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// mapFixture is the fixture with Acme made thin in every way the coverage
// rules look for: a CFO we are weak with, an influential sceptic left
// alone for 100 days, a champion who left (so no champion), and only Dana
// touched lately (Ari, new, never). Ari is the boss; Zoë reports to Ari;
// Eve sways Zoë.
type mapFixture struct {
	*fixture
	ari, eve, gil model.Person
}

func newMapFixture(t *testing.T) *mapFixture {
	t.Helper()
	f := &mapFixture{fixture: newFixture(t)}
	f.account(t, model.Account{Name: "Acme Labs", Tier: model.TierGrowth})
	f.ari = f.person(t, model.Person{AccountID: f.acme.ID, Name: "Ari Boss", Title: "CEO", Role: model.RoleDecisionMaker,
		Influence: 5, Strength: 4, Stance: model.StanceSupporter, Owner: "Sam (our CEO)"})
	f.eve = f.person(t, model.Person{AccountID: f.acme.ID, Name: "Eve\x1b]0;x\x07 Evil", Title: "CTO", Role: model.RoleInfluencer,
		Influence: 4, Strength: 2, Stance: model.StanceSceptic, InfluencesIDs: []int64{f.zoe.ID}})
	f.gil = f.person(t, model.Person{AccountID: f.acme.ID, Name: "Gil Gone", Role: model.RoleChampion, Influence: 4, Strength: 5})
	if err := f.st.ArchivePerson(f.ctx, f.gil.ID, true); err != nil {
		t.Fatal(err)
	}
	zoe := f.zoe
	zoe.ReportsToID, zoe.Strength, zoe.Influence, zoe.Stance = f.ari.ID, 2, 5, model.StanceNeutral
	var err error
	if f.zoe, err = f.st.UpdatePerson(f.ctx, zoe); err != nil {
		t.Fatal(err)
	}
	day := today()
	for _, tc := range []struct {
		p  model.Person
		on model.Date
	}{{f.dana, day.AddDays(-3)}, {f.eve, day.AddDays(-100)}} {
		if _, err := f.st.LogTouch(f.ctx, model.Touch{Kind: model.TouchCall, On: tc.on, Summary: "catch-up", PersonIDs: []int64{tc.p.ID}}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestMap(t *testing.T) {
	f := newMapFixture(t)

	t.Run("Text", func(t *testing.T) {
		r := rapport(t, f.db, "map", "acme", "corp")
		r.wantCode(t, ExitOK, "map acme corp")
		out := r.stdout
		for _, want := range []string{
			"Relationship map: Acme Corp\nkey account · 4 people · as of " + today().String() + "\n",
			"\nCoverage risks (5)\n  weak-decider       Zoë Durand (economic buyer): relationship 2 of 5",
			"\n  unengaged-against  Eve␛]0;x␇ Evil (sceptic, influence 4): no touch in 100 days (every 14)\n",
			"\n  no-champion        no champion among 4 people\n",
			"\n  single-threaded    only Dana Smith touched in the last 90 days\n",
			"\n  lost-key-person    Gil Gone (champion) left; nobody else is a champion\n",
			// The tree: bosses first by name, reports indented under them;
			// a person a risk names is marked.
			"\nOrg chart (4 people)\n" +
				"  Ari Boss, CEO — decision maker · influence 5/5 · relationship 4/5 · supporter · never touched · held by Sam (our CEO)\n" +
				"  ! Zoë Durand, CFO — economic buyer · influence 5/5 · relationship 2/5 · neutral · never touched\n" +
				"! Dana Smith, Head of Marketing — touched 3 days ago\n" +
				"! Eve␛]0;x␇ Evil, CTO — influencer · influence 4/5 · relationship 2/5 · sceptic · touched 100 days ago\n",
			"\nInfluence (1)\n  Eve␛]0;x␇ Evil → Zoë Durand\n",
			"\nInfluence × relationship\n  Act — high influence, weak relationship (2)\n    Zoë Durand, Eve␛]0;x␇ Evil\n" +
				"  Keep close — high influence, strong relationship (1)\n    Ari Boss\n" +
				"  Keep informed — low influence, weak relationship (1)\n    Dana Smith\n" +
				"  Allies — low influence, strong relationship (0)\n    —\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("map lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "Gil Gone,") {
			t.Errorf("a person who left is on the chart:\n%s", out)
		}
		assertSanitised(t, out)
	})

	t.Run("Names", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			code int
			want []string
		}{
			{[]string{"acme"}, ExitRuntime, []string{"“acme” matches several accounts: Acme Corp, Acme Labs"}},
			{[]string{"zoe"}, ExitRuntime, []string{"no account matches “zoe” — “Zoë Durand” is a person at “Acme Corp”: rapport map 'Acme Corp'"}},
			{[]string{"nobody"}, ExitRuntime, []string{"no account matches “nobody”"}},
			{[]string{"globex", "--format", "svg"}, ExitUsage, []string{`--format "svg": use text, md, json or dot`}},
			{[]string{}, ExitUsage, []string{"missing an argument"}},
		} {
			r := rapport(t, f.db, append([]string{"map"}, tc.args...)...)
			r.wantCode(t, tc.code, fmt.Sprint("map ", tc.args))
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("map %q: stderr %q lacks %q", tc.args, r.stderr, w)
				}
			}
		}
		if r := rapport(t, newDB(t), "map", "acme"); r.code != ExitRuntime || !strings.Contains(r.stderr, "no database") {
			t.Errorf("map on a missing file: %+v", r)
		}
	})

	t.Run("JSON", func(t *testing.T) {
		r := rapport(t, f.db, "map", "Acme Corp", "--format", "json")
		r.wantCode(t, ExitOK, "map --format json")
		got := decodeMapJSON(t, r.stdout)
		if got.Account.Name != "Acme Corp" || got.Account.Tier != "key" || got.Account.UID != f.acme.UID || got.Today != today().String() {
			t.Errorf("account = %+v, today %s", got.Account, got.Today)
		}
		byName := map[string]mapPersonJSON{}
		for _, p := range got.People {
			byName[p.Name] = p
		}
		eve := "Eve\x1b]0;x\x07 Evil" // exact
		if len(got.People) != 4 || byName[eve].UID != f.eve.UID {
			t.Fatalf("people = %+v", got.People)
		}
		zoe := byName["Zoë Durand"]
		if zoe.ReportsTo != f.ari.UID || zoe.Quadrant != "act" || zoe.Strength != 2 || zoe.Stance != "neutral" ||
			zoe.DaysSinceTouch != nil || zoe.LastTouchOn != "" || len(zoe.Influences) != 0 {
			t.Errorf("zoe = %+v", zoe)
		}
		if e := byName[eve]; !slices.Equal(e.Influences, []string{f.zoe.UID}) || e.DaysSinceTouch == nil || *e.DaysSinceTouch != 100 ||
			e.LastTouchOn != today().AddDays(-100).String() {
			t.Errorf("eve = %+v", e)
		}
		if a := byName["Ari Boss"]; a.Owner != "Sam (our CEO)" || a.Quadrant != "keep-close" || a.ReportsTo != "" {
			t.Errorf("ari = %+v", a)
		}
		wantLinks := []mapLinkJSON{{"reports-to", f.ari.UID, f.zoe.UID}, {"influences", f.eve.UID, f.zoe.UID}}
		if !slices.Equal(got.Links, wantLinks) {
			t.Errorf("links = %+v, want %+v", got.Links, wantLinks)
		}
		var kinds []string
		for _, rk := range got.Risks {
			kinds = append(kinds, rk.Kind)
		}
		if want := []string{"weak-decider", "unengaged-against", "no-champion", "single-threaded", "lost-key-person"}; !slices.Equal(kinds, want) {
			t.Fatalf("risk kinds = %q, want %q", kinds, want)
		}
		for i, want := range [][]riskWhoJSON{{{f.zoe.UID, "Zoë Durand"}}, {{f.eve.UID, eve}}, {}, {{f.dana.UID, "Dana Smith"}},
			{{f.gil.UID, "Gil Gone"}}} {
			if !slices.Equal(got.Risks[i].People, want) {
				t.Errorf("%s people = %+v, want %+v", kinds[i], got.Risks[i].People, want)
			}
		}
		if !strings.Contains(r.stdout, `"reason": "Eve\u001b]0;x\u0007 Evil (sceptic, influence 4)`) {
			t.Errorf("a reason is not exact JSON:\n%s", r.stdout)
		}
	})

	t.Run("Markdown", func(t *testing.T) {
		r := rapport(t, f.db, "map", "acme corp", "--format", "md")
		r.wantCode(t, ExitOK, "map --format md")
		for _, want := range []string{"# Relationship map: Acme Corp\n", "## Coverage risks\n\n- **weak-decider:** Zoë Durand",
			"- **Ari Boss**, CEO — decision maker;", "  - **Zoë Durand**, CFO", "- Eve\uFFFD]0;x\uFFFD Evil → Zoë Durand\n"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("md lacks %q:\n%s", want, r.stdout)
			}
		}
		assertSanitised(t, r.stdout)
	})

	t.Run("DOT", func(t *testing.T) {
		r := rapport(t, f.db, "map", "acme corp", "--format", "dot")
		r.wantCode(t, ExitOK, "map --format dot")
		out := r.stdout
		assertSanitised(t, out)
		for _, want := range []string{fmt.Sprintf("p%d -> p%d;", f.ari.ID, f.zoe.ID),
			fmt.Sprintf("p%d -> p%d [style=dashed", f.eve.ID, f.zoe.ID), `label="Eve␛]0;x␇ Evil\nCTO\ninfluencer"`} {
			if !strings.Contains(out, want) {
				t.Errorf("dot lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "Gil Gone") {
			t.Errorf("a person who left is drawn:\n%s", out)
		}
		graphviztest.Render(t, out)
	})

	t.Run("Empty", func(t *testing.T) {
		r := rapport(t, f.db, "map", "acme labs")
		r.wantCode(t, ExitOK, "map acme labs")
		for _, want := range []string{"growth account · 0 people", "Coverage risks (0)\n  None found.", "Nobody at the account yet."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("empty map lacks %q:\n%s", want, r.stdout)
			}
		}
		for _, format := range []string{"md", "json", "dot"} {
			r := rapport(t, f.db, "map", "acme labs", "--format", format)
			r.wantCode(t, ExitOK, "map acme labs --format "+format)
			if format == "json" {
				if got := decodeMapJSON(t, r.stdout); len(got.People) != 0 || got.People == nil || got.Links == nil || got.Risks == nil {
					t.Errorf("empty lists must be [], not null:\n%s", r.stdout)
				}
			}
			if format == "dot" {
				graphviztest.Render(t, r.stdout)
			}
		}
	})
}

// TestMapTerminal: on a terminal the chart's lines are wrapped to its
// width and the grid is drawn two boxes across, names wrapped in their
// column; a narrow one stacks the boxes.
func TestMapTerminal(t *testing.T) {
	f := newMapFixture(t)
	m, err := f.st.AccountMap(f.ctx, f.acme.ID, today())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := writeMap(&b, m, 70); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, l := range strings.Split(out, "\n") {
		if w := termtext.Width(l); w > 70 {
			t.Errorf("line of %d cells on a 70-cell terminal: %q", w, l)
		}
	}
	for _, want := range []string{
		// A person's line wraps under their name rather than losing
		// the days since the last touch.
		"  Ari Boss, CEO — decision maker · influence 5/5 · relationship 4/5 ·\n" +
			"    supporter · never touched · held by Sam (our CEO)\n" +
			"  ! Zoë Durand, CFO — economic buyer · influence 5/5 · relationship\n" +
			"      2/5 · neutral · never touched\n",
		"  Act — high influence, weak         Keep close — high influence,\n" +
			"  relationship (2)                   strong relationship (1)\n" +
			"    Zoë Durand, Eve␛]0;x␇ Evil         Ari Boss\n" +
			"\n" +
			"  Keep informed — low influence,     Allies — low influence, strong\n" +
			"  weak relationship (1)              relationship (0)\n" +
			"    Dana Smith                         —\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("70 cells: lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := writeMap(&b, m, 40); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "  Act — high influence, weak relationship (2)\n    Zoë Durand, Eve␛]0;x␇ Evil\n") {
		t.Errorf("40 cells: the grid is not stacked:\n%s", b.String())
	}
}

// TestMapThousands: an account of thousands of people is mapped whole —
// every person on the chart, in the JSON and in the graph — and deep
// reporting lines stay on the screen.
func TestMapThousands(t *testing.T) {
	const n = 3000
	db := newDB(t)
	st := openStore(t, db)
	day := today()
	ds := model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion,
		Accounts: []model.Account{{UID: "acc-big", Name: "Globus Worldwide", Tier: model.TierKey}}}
	for i := range n {
		p := model.Person{UID: fmt.Sprintf("p%05d", i), AccountUID: "acc-big", Name: fmt.Sprintf("Person %05d", i),
			Influence: 1 + i%5, Strength: 1 + (i/5)%5, Role: model.RoleUser}
		switch {
		case i == 0:
			p.Role = model.RoleDecisionMaker
		case i < 200: // a reporting chain two hundred deep
			p.ReportsToUID = fmt.Sprintf("p%05d", i-1)
		default:
			p.ReportsToUID = fmt.Sprintf("p%05d", i%200)
		}
		if i%7 == 0 && i > 0 {
			p.InfluencesUIDs = []string{fmt.Sprintf("p%05d", (i*31+1)%n)} // never themselves: odd, n even
		}
		ds.People = append(ds.People, p)
	}
	if _, err := st.Import(t.Context(), ds, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := rapport(t, db, "map", "globus", "--format", "json")
	r.wantCode(t, ExitOK, "map --format json")
	t.Logf("map --format json of %d people: %v", n, time.Since(start))
	got := decodeMapJSON(t, r.stdout)
	reports := 0
	for _, l := range got.Links {
		if l.Kind == "reports-to" {
			reports++
		}
	}
	if len(got.People) != n || reports != n-1 {
		t.Errorf("people %d, reporting links %d; want %d and %d", len(got.People), reports, n, n-1)
	}

	r = rapport(t, db, "map", "globus")
	r.wantCode(t, ExitOK, "map")
	chart := r.stdout[strings.Index(r.stdout, "Org chart"):strings.Index(r.stdout, "\nInfluence (")]
	if lines := strings.Count(chart, " Person "); lines != n {
		t.Errorf("chart has %d lines, want %d", lines, n)
	}
	r = rapport(t, db, "map", "globus", "--format", "dot")
	r.wantCode(t, ExitOK, "map --format dot")
	if nodes := strings.Count(r.stdout, " [id="); nodes != n {
		t.Errorf("graph has %d nodes, want %d", nodes, n)
	}

	m, err := st.AccountMap(t.Context(), 1, day)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := writeMap(&b, m, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "[199] ") {
		t.Errorf("the 200th of a chain shows no depth:\n%s", b.String()[:2000])
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if w := termtext.Width(l); w > 80 {
			t.Fatalf("line of %d cells on an 80-cell terminal: %q", w, l)
		}
	}
}

// decodeMapJSON parses map's JSON strictly: a field the type does not
// know is an error.
func decodeMapJSON(t *testing.T, s string) mapJSON {
	t.Helper()
	var got mapJSON
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("map --format json does not parse: %v\n%s", err, s)
	}
	return got
}

// TestMapFormatDoc: the example in docs/FORMAT.md is map's JSON as it is,
// every field known.
func TestMapFormatDoc(t *testing.T) {
	doc := string(mustRead(t, filepath.Join("..", "docs", "FORMAT.md")))
	sec := strings.Index(doc, "## The relationship map")
	if sec < 0 {
		t.Fatal("docs/FORMAT.md has no section on the relationship map")
	}
	doc = doc[sec:]
	start := strings.Index(doc, "```json\n")
	end := strings.Index(doc[start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no JSON example in the relationship map's section")
	}
	got := decodeMapJSON(t, doc[start+8:start+8+end])
	if len(got.People) == 0 || len(got.Links) == 0 || len(got.Risks) == 0 || len(got.Risks[0].People) == 0 {
		t.Errorf("the example leaves a list empty: %+v", got)
	}
	for _, kind := range model.RiskKinds {
		if !strings.Contains(doc, "`"+string(kind)+"`") {
			t.Errorf("the section does not name the risk kind %s", kind)
		}
	}
	for _, q := range model.Quadrants {
		if !strings.Contains(doc, "`"+q.Key()+"`") {
			t.Errorf("the section does not name the quadrant %s", q.Key())
		}
	}
}

// TestMapSmallDemo maps every account of the small demo: the graph of
// each renders with Graphviz, and the JSON of each parses and names each
// risk's kind and the people it is about; across the book every kind of
// risk shows.
func TestMapSmallDemo(t *testing.T) {
	db := newDB(t)
	rapport(t, db, "demo").wantCode(t, ExitOK, "demo")
	kinds := map[string]bool{}
	for _, a := range demo.Generate(demo.Small, today(), demo.Seed).Accounts {
		r := rapport(t, db, "map", a.Name, "--format", "dot")
		r.wantCode(t, ExitOK, "map "+a.Name+" --format dot")
		graphviztest.Render(t, r.stdout)

		r = rapport(t, db, "map", a.Name, "--format", "json")
		r.wantCode(t, ExitOK, "map "+a.Name+" --format json")
		got := decodeMapJSON(t, r.stdout)
		if got.Account.Name != a.Name || len(got.People) < 4 {
			t.Errorf("%s: account %+v with %d people", a.Name, got.Account, len(got.People))
		}
		live := map[string]string{}
		for _, p := range got.People {
			live[p.UID] = p.Name
		}
		for _, rk := range got.Risks {
			kinds[rk.Kind] = true
			if !slices.Contains(model.RiskKinds, model.RiskKind(rk.Kind)) || rk.Reason == "" {
				t.Errorf("%s: risk %+v", a.Name, rk)
			}
			if (len(rk.People) == 0) != (rk.Kind == string(model.RiskNoChampion)) {
				t.Errorf("%s: %s names %+v", a.Name, rk.Kind, rk.People)
			}
			for _, p := range rk.People {
				_, onMap := live[p.UID]
				if p.UID == "" || p.Name == "" || !strings.Contains(rk.Reason, p.Name) || onMap == (rk.Kind == string(model.RiskLostKeyPerson)) {
					t.Errorf("%s: %s names %+v (on the map: %v)", a.Name, rk.Kind, p, onMap)
				}
			}
		}
		for _, format := range []string{"text", "md"} {
			r := rapport(t, db, "map", a.Name, "--format", format)
			r.wantCode(t, ExitOK, "map "+a.Name+" --format "+format)
			assertSanitised(t, r.stdout)
			marked := false
			for _, l := range strings.Split(r.stdout, "\n") {
				marked = marked || strings.HasPrefix(strings.TrimLeft(l, " "), "! ")
			}
			if format == "text" && marked != strings.Contains(r.stdout, "(! a coverage risk names them)") {
				t.Errorf("%s: the mark's legend without a mark, or a mark without it:\n%s", a.Name, r.stdout)
			}
		}
	}
	for _, k := range model.RiskKinds {
		if !kinds[string(k)] {
			t.Errorf("no account of the small demo maps a %s risk", k)
		}
	}
}
