package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newMapCmd) }

// mapFormats are the forms rapport map prints.
var mapFormats = []string{"text", "md", "json", "dot"}

func newMapCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "map ACCOUNT [--format text|md|json|dot]",
		Short: "An account's relationship map: coverage risks, org chart, influence and the grid",
		Long: `Print an account's relationship map: where its coverage is thin (coverage
risks, worst first: a decider we are weak with or neglect, an influential
sceptic or opponent left alone, no champion, only one person touched in 90
days, a key person who left with nobody in their role), the org chart as a
tree (each person's title, role, influence, relationship strength, stance
and days since the last touch), who sways whom outside the reporting line,
and everyone on the grid of influence × relationship strength.

ACCOUNT is matched as everywhere (ignoring case and accents, the whole name
first, then a unique prefix); archived accounts are found too. Every live
person at the account is on the map, however many.

  text  for the terminal (the default); plain when piped
  md    Markdown, to read or paste
  json  exact JSON, described in docs/FORMAT.md
  dot   a Graphviz digraph: rapport map ACCOUNT --format dot | dot -Tsvg > map.svg
        (solid edges: boss → report; dashed: who sways whom; filled by stance)`,
		Example: `  rapport map nordlicht
  rapport map "castellan logistics" --format md > castellan.md
  rapport map nordlicht --format dot | dot -Tsvg > nordlicht.svg
  rapport map nordlicht --format json | jq '.risks[].kind'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "md", "json", "dot":
			default:
				return usagef("--format %q: use %s", model.Clip(format), orList(mapFormats))
			}
			query, err := queryArg(args, "ACCOUNT", "map needs an account's name")
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := mapAccount(ctx, st, query)
			if err != nil {
				return err
			}
			m, err := st.AccountMap(ctx, a.ID, today())
			if err != nil {
				return err
			}
			switch format {
			case "json": // exact
				return e.emit("", true, func(w io.Writer) error { return writeJSON(w, mapToJSON(m)) })
			case "dot": // escaped and sanitised as it is written
				return e.emit("", true, func(w io.Writer) error {
					_, err := io.WriteString(w, exchange.RelMapDOT(m))
					return err
				})
			case "md":
				return e.emit("", false, func(w io.Writer) error {
					_, err := io.WriteString(w, exchange.RelMapMarkdown(m))
					return err
				})
			}
			return e.emit("", false, func(w io.Writer) error { return writeMap(w, m, termWidth(e.stdout)) })
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, md, json or dot")
	return cmd
}

// mapAccount finds the account a name picks, archived ones too. A name
// that picks no account but one person says whose account to ask for.
func mapAccount(ctx context.Context, st *store.Store, query string) (model.Account, error) {
	a, err := st.ResolveAccount(ctx, query, false)
	if !errors.Is(err, model.ErrNotFound) {
		return a, err // found, or several: the message lists them
	}
	if p, perr := st.ResolvePerson(ctx, query, store.PersonName{}); perr == nil {
		return a, fmt.Errorf("%w — %s is a person at %s: rapport map %s", err, model.Quote(p.Name), model.Quote(p.AccountName),
			shellQuote(p.AccountName))
	}
	return a, err
}

// ---- JSON ----

// mapJSON is the JSON of rapport map --format json (docs/FORMAT.md).
type mapJSON struct {
	Account mapAccountJSON  `json:"account"`
	Today   string          `json:"today"`
	People  []mapPersonJSON `json:"people"`
	Links   []mapLinkJSON   `json:"links"`
	Risks   []riskJSON      `json:"risks"`
}

type mapAccountJSON struct {
	UID      string `json:"uid"`
	Name     string `json:"name"`
	Tier     string `json:"tier,omitempty"`
	Archived bool   `json:"archived,omitempty"`
}

type mapPersonJSON struct {
	UID            string   `json:"uid"`
	Name           string   `json:"name"`
	Title          string   `json:"title,omitempty"`
	Role           string   `json:"role,omitempty"`
	Influence      int      `json:"influence,omitempty"` // 1–5; absent: not assessed
	Strength       int      `json:"strength,omitempty"`  // relationship strength 1–5
	Stance         string   `json:"stance,omitempty"`
	Owner          string   `json:"owner,omitempty"`
	ReportsTo      string   `json:"reports_to,omitempty"` // the boss's uid, when the boss is on the map
	Influences     []string `json:"influences"`           // uids of the people on the map they sway
	LastTouchOn    string   `json:"last_touch_on,omitempty"`
	DaysSinceTouch *int     `json:"days_since_touch,omitempty"` // absent: never touched
	Quadrant       string   `json:"quadrant"`                   // act, keep-close, keep-informed, allies
}

type mapLinkJSON struct {
	Kind string `json:"kind"` // reports-to (from the boss to the report) or influences (from who sways)
	From string `json:"from"`
	To   string `json:"to"`
}

// riskJSON is a coverage risk in the JSON of map and today.
type riskJSON struct {
	Kind   string        `json:"kind"` // weak-decider, unengaged-against, no-champion, single-threaded, lost-key-person
	Reason string        `json:"reason"`
	People []riskWhoJSON `json:"people"`
	// More: in a summary (today --json), the line stands for this many
	// further risks of its kind, and names nobody.
	More int `json:"more,omitempty"`
}

type riskWhoJSON struct {
	UID  string `json:"uid,omitempty"`
	Name string `json:"name"`
}

func risksToJSON(rs []model.Risk) []riskJSON {
	out := make([]riskJSON, 0, len(rs))
	for _, r := range rs {
		j := riskJSON{Kind: string(r.Kind), Reason: r.Reason, People: make([]riskWhoJSON, 0, len(r.People)), More: r.More}
		for _, p := range r.People {
			j.People = append(j.People, riskWhoJSON{UID: p.UID, Name: p.Name})
		}
		out = append(out, j)
	}
	return out
}

func mapToJSON(m model.RelMap) mapJSON {
	a := m.Account
	j := mapJSON{Account: mapAccountJSON{UID: a.UID, Name: a.Name, Tier: string(a.Tier), Archived: a.Archived()},
		Today: m.Today.String(), People: make([]mapPersonJSON, 0, len(m.People)), Links: []mapLinkJSON{}}
	uids := make(map[int64]string, len(m.People))
	for _, p := range m.People {
		uids[p.ID] = p.UID
	}
	for _, p := range m.People {
		pj := mapPersonJSON{UID: p.UID, Name: p.Name, Title: p.Title, Role: string(p.Role), Influence: p.Influence,
			Strength: p.Strength, Stance: string(p.Stance), Owner: p.Owner, Influences: []string{},
			LastTouchOn: p.LastTouchOn.String(), Quadrant: model.QuadrantOf(p).Key()}
		if boss, ok := uids[p.ReportsToID]; ok && p.ReportsToID != p.ID {
			pj.ReportsTo = boss
			j.Links = append(j.Links, mapLinkJSON{Kind: "reports-to", From: boss, To: p.UID})
		}
		if days, ok := m.IdleDays(p); ok {
			pj.DaysSinceTouch = &days
		}
		j.People = append(j.People, pj)
	}
	at := make(map[int64]int, len(m.People))
	for i, p := range m.People {
		at[p.ID] = i
	}
	for _, l := range m.Links() {
		j.People[at[l.From.ID]].Influences = append(j.People[at[l.From.ID]].Influences, l.To.UID)
		j.Links = append(j.Links, mapLinkJSON{Kind: "influences", From: l.From.UID, To: l.To.UID})
	}
	j.Risks = risksToJSON(m.Risks)
	return j
}

// ---- text ----

// writeMap writes the map as text: the account, its coverage risks, the
// org chart as an indented tree, the influence lines and the grid. With a
// width (a terminal) each person's line is wrapped to it, further lines
// under the name, and the grid is drawn two boxes across when they fit;
// without (piped) nothing is wrapped or cut.
func writeMap(w io.Writer, m model.RelMap, width int) error {
	line := termtext.SanitizeLine
	fit := func(s string) string {
		if width > 0 {
			return termtext.Clip(s, width)
		}
		return s
	}
	fmt.Fprintln(w, fit("Relationship map: "+line(m.Account.Name)))
	fmt.Fprintln(w, fit(line(exchange.MapSummary(m))))

	fmt.Fprintf(w, "\nCoverage risks (%d)\n", len(m.Risks))
	if len(m.Risks) == 0 {
		fmt.Fprintln(w, "  None found.")
	}
	rows := make([][]string, 0, len(m.Risks))
	for _, r := range m.Risks {
		rows = append(rows, []string{string(r.Kind), line(r.Reason)})
	}
	tableWrap(w, "  ", rows, width)

	fmt.Fprintf(w, "\nOrg chart (%s)\n", count(len(m.People), "person", "people"))
	if len(m.People) == 0 {
		fmt.Fprintln(w, "  Nobody at the account yet.")
	}
	atRisk := map[int64]bool{}
	for _, r := range m.Risks {
		for _, p := range r.People {
			atRisk[p.ID] = true
		}
	}
	marked := false // someone on the chart is named by a risk (one who left is not on it)
	for _, row := range m.Chart() {
		p := row.Person
		indent := strings.Repeat("  ", row.Depth+1)
		if width > 0 && len(indent) > width/3 {
			// A deep line keeps its depth as a number rather than
			// pushing the names off the screen.
			indent = strings.Repeat(" ", width/3-(width/3)%2) + fmt.Sprintf("[%d] ", row.Depth)
		}
		mark := "  "
		if atRisk[p.ID] {
			mark, marked = "! ", true
		}
		facts := exchange.MapFacts(m, p)
		for i := range facts {
			facts[i] = line(facts[i])
		}
		text := joinNonEmpty(", ", line(p.Name), line(p.Title)) + " — " + strings.Join(facts, " · ")
		prefix := strings.TrimSuffix(indent, "  ") + mark
		room := width - termtext.Width(prefix)
		if width == 0 || room < 20 {
			fmt.Fprintln(w, fit(prefix+text))
			continue
		}
		// Wrapped rather than cut, so the days since the last touch stay
		// in sight; further lines sit under the name.
		first, rest, _ := strings.Cut(ansi.Wordwrap(text, room, ""), "\n")
		fmt.Fprintln(w, fit(prefix+first)) // a word longer than the room is cut
		if rest != "" {
			for _, l := range strings.Split(ansi.Wordwrap(rest, room-2, ""), "\n") {
				fmt.Fprintln(w, fit(strings.Repeat(" ", termtext.Width(prefix)+2)+l))
			}
		}
	}
	if marked {
		fmt.Fprintln(w, "  (! a coverage risk names them)")
	}

	links := m.Links()
	fmt.Fprintf(w, "\nInfluence (%d)\n", len(links))
	if len(links) == 0 {
		fmt.Fprintln(w, "  No one is recorded as swaying anyone.")
	}
	for _, l := range links {
		fmt.Fprintln(w, fit("  "+line(l.From.Name)+" → "+line(l.To.Name)))
	}

	fmt.Fprintln(w, "\nInfluence × relationship")
	writeGrid(w, m.Grid(), width)
	return nil
}

// gridGap separates the grid's two columns.
const gridGap = "   "

// writeGrid writes the four boxes of the grid: on a terminal wide enough,
// two across (high influence on top, weak relationships on the left), each
// box's names wrapped to its column; otherwise one under another, the
// names on one line each box.
func writeGrid(w io.Writer, grid map[model.Quadrant][]model.Person, width int) {
	box := func(q model.Quadrant) (title, names string) {
		ps := grid[q]
		list := make([]string, 0, len(ps))
		for _, p := range ps {
			list = append(list, termtext.SanitizeLine(p.Name))
		}
		names = strings.Join(list, ", ")
		if names == "" {
			names = "—"
		}
		return fmt.Sprintf("%s (%d)", q.Title(), len(ps)), names
	}
	col := (width - 2 - len(gridGap)) / 2
	if width == 0 || col < 24 {
		for _, q := range model.Quadrants {
			title, names := box(q)
			fmt.Fprintf(w, "  %s\n", title)
			if width > 0 {
				block(w, "    ", names, width)
			} else {
				fmt.Fprintf(w, "    %s\n", names)
			}
		}
		return
	}
	lines := func(q model.Quadrant) []string {
		title, names := box(q)
		out := strings.Split(ansi.Wordwrap(title, col, ""), "\n")
		for _, l := range strings.Split(ansi.Wordwrap(names, col-2, ""), "\n") {
			out = append(out, "  "+l)
		}
		return out
	}
	for r, row := range [][2]model.Quadrant{{model.QuadAct, model.QuadKeep}, {model.QuadWatch, model.QuadMaintain}} {
		if r > 0 {
			fmt.Fprintln(w)
		}
		left, right := lines(row[0]), lines(row[1])
		for i := range max(len(left), len(right)) {
			var l, rt string
			if i < len(left) {
				l = termtext.Clip(left[i], col)
			}
			if i < len(right) {
				rt = termtext.Clip(right[i], col)
			}
			fmt.Fprintln(w, strings.TrimRight("  "+termtext.Fit(l, col)+gridGap+rt, " "))
		}
	}
}
