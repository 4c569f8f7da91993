package exchange

import (
	"strings"
	"testing"

	"rapport/internal/graphviztest"

	"rapport/model"
)

// testMap is an account with a boss, two reports (one of them a sceptic
// named in a risk), someone who reports to nobody on the map, an
// influence line, and names that would break a careless document.
func testMap() model.RelMap {
	day := model.MustDate("2026-05-04")
	ceo := model.Person{ID: 1, UID: "u-ceo", Name: "Dana \"DJ\" Okafor", Title: "CEO", Role: model.RoleDecisionMaker,
		Influence: 5, Strength: 4, Stance: model.StanceSupporter, Owner: "Sam (our CEO)", LastTouchOn: day.AddDays(-9)}
	cfo := model.Person{ID: 2, UID: "u-cfo", Name: `Henrik \N Sørensen`, Title: "CFO\nFinance", Role: model.RoleEconomicBuyer,
		Influence: 5, Strength: 2, Stance: model.StanceSceptic, ReportsToID: 1, LastTouchOn: day}
	it := model.Person{ID: 3, UID: "u-it", Name: "Rafael\x1b]0;pwned\x07 Duarte", Role: model.RoleBlocker, Influence: 4, Strength: 1,
		Stance: model.StanceOpponent, ReportsToID: 1, InfluencesIDs: []int64{2, 99}}
	lone := model.Person{ID: 4, UID: "u-lone", Name: "*Ana* _Costa_", Influence: 2, Strength: 4, ReportsToID: 42,
		LastTouchOn: day.AddDays(-1)}
	return model.RelMap{
		Account: model.Account{UID: "a1", Name: "Castellan \"Logistics\"", Tier: model.TierStrategic},
		People:  []model.Person{lone, ceo, cfo, it}, // by name, as the store reads them
		Today:   day,
		Risks: []model.Risk{
			{Kind: model.RiskWeakDecider, People: []model.Person{cfo}, Reason: cfo.Name + " (economic buyer): relationship 2 of 5"},
			{Kind: model.RiskNoChampion, Reason: "no champion among 4 people"},
		},
	}
}

func TestRelMapMarkdown(t *testing.T) {
	got := RelMapMarkdown(testMap())
	wantHeadings := []string{`# Relationship map: Castellan "Logistics"`, "## Coverage risks", "## Org chart", "## Influence",
		"## Influence × relationship", "### Act — high influence, weak relationship (2)",
		"### Keep close — high influence, strong relationship (1)", "### Keep informed — low influence, weak relationship (0)",
		"### Allies — low influence, strong relationship (1)"}
	if h := headings(got); strings.Join(h, "|") != strings.Join(wantHeadings, "|") {
		t.Errorf("headings:\n got %q\nwant %q", h, wantHeadings)
	}
	for _, want := range []string{
		"strategic account · 4 people · as of 2026-05-04.\n",
		"- **weak-decider:** Henrik \\\\N Sørensen (economic buyer): relationship 2 of 5\n- **no-champion:** no champion among 4 people\n",
		// The chart: the boss, their reports under them by name, then
		// the one whose boss is not on the map.
		"- **\\*Ana\\* \\_Costa\\_** — influence 2/5; relationship 4/5; touched yesterday\n" +
			"- **Dana \"DJ\" Okafor**, CEO — decision maker; influence 5/5; relationship 4/5; supporter; touched 9 days ago; held by Sam (our CEO)\n" +
			"  - **Henrik \\\\N Sørensen**, CFO Finance — economic buyer; influence 5/5; relationship 2/5; sceptic; touched today\n" +
			"  - **Rafael\uFFFD]0;pwned\uFFFD Duarte** — blocker; influence 4/5; relationship 1/5; opponent; never touched\n",
		"- Rafael\uFFFD]0;pwned\uFFFD Duarte → Henrik \\\\N Sørensen\n",
		"### Keep informed — low influence, weak relationship (0)\n\n_Nobody._\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("map lacks %q:\n%s", want, got)
		}
	}
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("control characters reach the document:\n%q", got)
	}

	empty := RelMapMarkdown(model.RelMap{Account: model.Account{Name: "Empty"}})
	for _, want := range []string{"0 people.", "_No coverage risks._", "_No people yet._", "_No one is recorded as swaying anyone._"} {
		if !strings.Contains(empty, want) {
			t.Errorf("an empty map lacks %q:\n%s", want, empty)
		}
	}
}

func TestRelMapDOT(t *testing.T) {
	m := testMap()
	got := RelMapDOT(m)
	g := parseDOT(t, got)
	if len(g.nodes) != 4 {
		t.Errorf("nodes = %v, want the 4 people", g.nodes)
	}
	wantEdges := []string{"p1->p2 solid", "p1->p3 solid", "p3->p2 dashed"}
	if strings.Join(g.edges, "|") != strings.Join(wantEdges, "|") {
		t.Errorf("edges = %q, want %q (boss → report solid, influence dashed, nobody off the map)", g.edges, wantEdges)
	}
	for id, want := range map[string]string{
		"p1": `Dana "DJ" Okafor` + "\nCEO\ndecision maker",
		"p2": `Henrik \N Sørensen` + "\nCFO ⏎ Finance\neconomic buyer",
		"p3": "Rafael␛]0;pwned␇ Duarte\nblocker",
		"p4": "*Ana* _Costa_",
	} {
		if l := g.nodes[id]["label"]; l != want {
			t.Errorf("%s label = %q, want %q", id, l, want)
		}
	}
	for id, want := range map[string]string{"p1": StanceColour(model.StanceSupporter), "p2": StanceColour(model.StanceSceptic),
		"p3": StanceColour(model.StanceOpponent), "p4": "#ffffff"} {
		if c := g.nodes[id]["fillcolor"]; c != want {
			t.Errorf("%s fill = %q, want %q", id, c, want)
		}
	}
	if g.nodes["p2"]["penwidth"] == "" || g.nodes["p1"]["penwidth"] != "" {
		t.Errorf("only the person a risk names is outlined: %v", g.nodes)
	}
	if g.nodes["p2"]["id"] != "u-cfo" {
		t.Errorf("p2 id = %q, want its uid", g.nodes["p2"]["id"])
	}
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("control characters reach the graph:\n%q", got)
	}
	graphviztest.Render(t, got)
	graphviztest.Render(t, RelMapDOT(model.RelMap{Account: model.Account{Name: `\`}}))
}

// dotGraph is what parseDOT reads of a graph: node attributes by node, and
// edges as "from->to style".
type dotGraph struct {
	nodes map[string]map[string]string
	edges []string
}

// parseDOT reads the subset of DOT that RelMapDOT writes — one statement a
// line: a digraph header, graph/node/edge defaults, nodes with attributes
// and edges — failing on anything else, on an unterminated or badly
// escaped string, and on an edge to a node that was not declared.
func parseDOT(t *testing.T, src string) dotGraph {
	t.Helper()
	g := dotGraph{nodes: map[string]map[string]string{}}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "digraph ") || !strings.HasSuffix(lines[0], " {") || lines[len(lines)-1] != "}" {
		t.Fatalf("not a digraph:\n%s", src)
	}
	if _, rest := dotString(t, strings.TrimPrefix(lines[0], "digraph ")); rest != " {" {
		t.Fatalf("header %q", lines[0])
	}
	for _, l := range lines[1 : len(lines)-1] {
		l = strings.TrimPrefix(l, "  ")
		if !strings.HasSuffix(l, ";") {
			t.Fatalf("statement without ';': %q", l)
		}
		l = strings.TrimSuffix(l, ";")
		head, attrs := l, map[string]string{}
		if i := strings.Index(l, " ["); i >= 0 {
			head = l[:i]
			attrs = dotAttrs(t, l[i+2:])
		}
		switch from, to, isEdge := strings.Cut(head, " -> "); {
		case head == "graph" || head == "node" || head == "edge":
		case isEdge:
			for _, id := range []string{from, to} {
				if _, ok := g.nodes[id]; !ok {
					t.Fatalf("edge %q to an undeclared node", l)
				}
			}
			style := attrs["style"]
			if style == "" {
				style = "solid"
			}
			g.edges = append(g.edges, from+"->"+to+" "+style)
		case strings.Trim(head, "p0123456789") == "" && strings.HasPrefix(head, "p"):
			g.nodes[head] = attrs
		default:
			t.Fatalf("unexpected statement %q", l)
		}
	}
	return g
}

// dotAttrs reads "k=v, k="v"]" into a map, unescaping quoted values.
func dotAttrs(t *testing.T, s string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for {
		k, rest, ok := strings.Cut(s, "=")
		if !ok {
			t.Fatalf("attribute without '=': %q", s)
		}
		var v string
		if strings.HasPrefix(rest, `"`) {
			v, rest = dotString(t, rest)
		} else {
			i := strings.IndexAny(rest, ",]")
			if i < 0 {
				t.Fatalf("unterminated attributes: %q", s)
			}
			v, rest = rest[:i], rest[i:]
		}
		out[k] = v
		switch {
		case rest == "]":
			return out
		case strings.HasPrefix(rest, ", "):
			s = rest[2:]
		default:
			t.Fatalf("bad attribute list at %q", rest)
		}
	}
}

// dotString reads a quoted DOT string at the start of s as Graphviz
// shows it — \n a line break, \\ a backslash, \" a quote — and returns
// the rest; any other escape fails, since Graphviz would read \N, \G…
// as the node's or graph's name.
func dotString(t *testing.T, s string) (string, string) {
	t.Helper()
	if !strings.HasPrefix(s, `"`) {
		t.Fatalf("not a string: %q", s)
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), s[i+1:]
		case '\\':
			if i+1 == len(s) {
				break
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case '\\', '"':
				b.WriteByte(s[i])
			default:
				t.Fatalf("escape \\%c in %q", s[i], s)
			}
		case '\n', '\r':
			t.Fatalf("raw line break in %q", s)
		default:
			b.WriteByte(c)
		}
	}
	t.Fatalf("unterminated string: %q", s)
	return "", ""
}

func TestDOTQuote(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       `"plain"`,
		`a "b" c`:     `"a \"b\" c"`,
		`back\slash`:  `"back\\slash"`,
		`\N \G \L`:    `"\\N \\G \\L"`,
		"two\nlines":  `"two\nlines"`,
		"tab\there":   `"tab here"`,
		"esc\x1b[2J":  "\"esc\uFFFD[2J\"",
		`ends with \`: `"ends with \\"`,
	} {
		if got := dotQuote(in); got != want {
			t.Errorf("dotQuote(%q) = %s, want %s", in, got, want)
		}
	}
	if got := dotLine("a\x1b]0;x\x07 \u202eb\n c"); got != "a␛]0;x␇ �b ⏎ c" {
		t.Errorf("dotLine = %q", got)
	}
}
