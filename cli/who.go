package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newWhoCmd) }

// whoCandidates is how many people `who` lists when a query matches several.
const whoCandidates = 50

// How much of a person's history the dossier shows.
const (
	dossierNotes     = 5   // personal notes, and other recent notes
	dossierAskWindow = 100 // recent notes searched for open ask-abouts
	dossierTouches   = 5
	dossierFollowUps = 20
	dossierReports   = 20 // direct reports named, then how many more
	dossierInfluence = 20 // people named on each side of the informal map
)

func newWhoCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "who QUERY [--json]",
		Short: "Show a person's dossier, for the minute before a call",
		Long: `Show a person's dossier: who they are (title, account, business unit), their
role in decisions, influence and relationship strength, how long they have
been at the client and their career there, how they like to receive
information and what they need to show internally, their contact cadence and
the days since the last touch (with a due or overdue marker), where they
stand toward us (stance) and who on our side holds the relationship
(owner), the notes to ask about, recent personal and other notes, the last
touches, open follow-ups, the open briefs they are part of with the framing
prepared for them, whom they report to and who reports to them, and whom
they sway outside the reporting line and who sways them.

QUERY matches names ignoring case and accents ("zoe" finds "Zoë"): the whole
name first, then a unique prefix of the name or of any word in it. When
several people match, they are listed with their accounts (up to 50) and the
command still exits 0; nobody matching is an error (exit 1).

On a terminal each note is cut to one line; piped or redirected, notes are
printed whole, their further lines indented under the first.

With --json the output is exact JSON: {"person": {…}} with the dossier for
one match, or {"candidates": [{"uid", "name", "title", "account"}…]} for
several. A dossier names the first 20 direct reports (direct_reports) and
counts them all (direct_reports_count); it names the first 20 people they
sway (influences, in the order given) and the first 20 who sway them
(influenced_by, by name), archived people left out.`,
		Example: `  rapport who dana
  rapport who "dana sm"
  rapport who zoe --json | jq .person.receive_info`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			query, err := queryArg(args, "the query", "who needs a name to look for")
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ps, err := st.FindPeople(ctx, query, whoCandidates+1)
			if err != nil {
				return err
			}
			switch len(ps) {
			case 0:
				return &model.NotFoundError{Query: query, Who: "nobody"}
			case 1:
				d, err := loadDossier(ctx, st, ps[0], today())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(e.stdout, struct {
						Person dossierJSON `json:"person"`
					}{d.json()})
				}
				// On a terminal a note is clipped to one line of the
				// layout; piped or redirected it is printed whole.
				d.write(e.stdout, !isTerminal(e.stdout), termWidth(e.stdout))
				return nil
			}
			more := len(ps) > whoCandidates
			ps = ps[:min(len(ps), whoCandidates)]
			if asJSON {
				c := make([]candidateJSON, 0, len(ps))
				for _, p := range ps {
					c = append(c, candidateJSON{UID: p.UID, Name: p.Name, Title: p.Title, Account: p.AccountName})
				}
				return writeJSON(e.stdout, struct {
					Candidates []candidateJSON `json:"candidates"`
					More       bool            `json:"more,omitempty"` // more people match than are listed
				}{c, more})
			}
			fmt.Fprintf(e.stdout, "%d people match %s — say which:\n", len(ps), termtext.SanitizeLine(model.Quote(query)))
			rows := make([][]string, 0, len(ps))
			for _, p := range ps {
				rows = append(rows, []string{termtext.Clip(termtext.SanitizeLine(p.Name), 40), termtext.Clip(termtext.SanitizeLine(p.Title), 40), termtext.Clip(termtext.SanitizeLine(p.AccountName), 40)})
			}
			table(e.stdout, "  ", rows)
			if more {
				fmt.Fprintln(e.stdout, "  … and more; type more of the name")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text")
	return cmd
}

// candidateJSON is one of several people a query matches.
type candidateJSON struct {
	UID     string `json:"uid"`
	Name    string `json:"name"`
	Title   string `json:"title,omitempty"`
	Account string `json:"account"`
}

// dossier is everything `who` shows about one person.
type dossier struct {
	today         model.Date
	p             model.Person
	boss          *model.Person
	reports       []model.Person // the first dossierReports, by name
	reportCount   int            // all of them
	askAbout      []model.Note
	personal      []model.Note
	recent        []model.Note
	touches       []model.Touch
	followUps     []model.FollowUp
	moreFollowUps bool
	briefs        []model.Brief  // the first open ones
	briefCount    int            // all of them
	sways         []model.Person // whom they sway, the first dossierInfluence (id, uid, name, title)
	swayedBy      []model.Person // who sways them, the first dossierInfluence
	moreSways     bool           // they sway more than are named
	moreSwayedBy  bool
}

func loadDossier(ctx context.Context, st *store.Store, p model.Person, today model.Date) (*dossier, error) {
	d := &dossier{today: today, p: p}
	if p.ReportsToID != 0 {
		boss, err := st.Person(ctx, p.ReportsToID)
		if err != nil {
			return nil, err
		}
		d.boss = &boss
	}
	mine := store.PersonFilter{ReportsTo: p.ID}
	reports, err := st.People(ctx, mine, store.PageReq{Limit: dossierReports})
	if err != nil {
		return nil, err
	}
	d.reports, d.reportCount = reports.Items, len(reports.Items)
	if d.reportCount == dossierReports {
		if d.reportCount, err = st.CountPeople(ctx, mine); err != nil {
			return nil, err
		}
	}
	notes, err := st.Notes(ctx, store.NoteFilter{PersonID: p.ID}, store.PageReq{Limit: dossierAskWindow})
	if err != nil {
		return nil, err
	}
	// Ask about: notes whose ask-after day has come and that are not yet
	// asked (as on Today). One whose day is still ahead is an ordinary note.
	askNow := func(n model.Note) bool {
		return !n.AskAfter.IsZero() && !n.AskAfter.After(today) && n.AskedAt.IsZero()
	}
	for _, n := range notes.Items {
		switch {
		case askNow(n):
			d.askAbout = append(d.askAbout, n)
		case n.Kind == model.NotePersonal:
			if len(d.personal) < dossierNotes {
				d.personal = append(d.personal, n)
			}
		default:
			if len(d.recent) < dossierNotes {
				d.recent = append(d.recent, n)
			}
		}
	}
	if len(d.personal) < dossierNotes && len(notes.Items) == dossierAskWindow {
		// Personal notes further back than the recent window.
		pn, err := st.Notes(ctx, store.NoteFilter{PersonID: p.ID, Kind: model.NotePersonal}, store.PageReq{Limit: dossierNotes})
		if err != nil {
			return nil, err
		}
		d.personal = d.personal[:0]
		for _, n := range pn.Items {
			if !askNow(n) {
				d.personal = append(d.personal, n)
			}
		}
	}
	touches, err := st.Touches(ctx, store.TouchFilter{PersonID: p.ID}, store.PageReq{Limit: dossierTouches})
	if err != nil {
		return nil, err
	}
	d.touches = touches.Items
	fus, err := st.FollowUps(ctx, store.FollowUpFilter{PersonID: p.ID, Archived: true}, store.PageReq{Limit: dossierFollowUps + 1})
	if err != nil {
		return nil, err
	}
	d.followUps = fus.Items
	if len(d.followUps) > dossierFollowUps {
		d.followUps, d.moreFollowUps = d.followUps[:dossierFollowUps], true
	}
	if d.briefs, err = st.PersonBriefs(ctx, p.ID); err != nil {
		return nil, err
	}
	d.briefCount = len(d.briefs)
	if d.briefCount == store.PersonBriefsLimit {
		if d.briefCount, err = st.CountBriefs(ctx, store.BriefFilter{PersonID: p.ID, Open: true}); err != nil {
			return nil, err
		}
	}
	// One more than are named, to say that there are more.
	if d.sways, d.swayedBy, err = st.InfluenceNames(ctx, p.ID, dossierInfluence+1); err != nil {
		return nil, err
	}
	if len(d.sways) > dossierInfluence {
		d.sways, d.moreSways = d.sways[:dossierInfluence], true
	}
	if len(d.swayedBy) > dossierInfluence {
		d.swayedBy, d.moreSwayedBy = d.swayedBy[:dossierInfluence], true
	}
	return d, nil
}

// framing returns the framing written for the person on a brief.
func framing(b model.Brief, personID int64) string {
	for _, bp := range b.People {
		if bp.PersonID == personID {
			return bp.Framing
		}
	}
	return ""
}

// touchStatus describes the cadence: days since the last touch and whether
// a touch is due.
func (d *dossier) touchStatus() (since int, touched bool, overdue int, due bool) {
	p := d.p
	if !p.LastTouchOn.IsZero() {
		since, touched = d.today.DaysSince(p.LastTouchOn), true
	}
	if !p.TouchDueOn.IsZero() && !p.TouchDueOn.After(d.today) {
		due, overdue = true, model.DaysOverdue(p.TouchDueOn, d.today)
	}
	return
}

// ---- JSON ----

// dossierJSON is the JSON of `rapport who QUERY --json` for one person.
type dossierJSON struct {
	UID              string `json:"uid"`
	Name             string `json:"name"`
	Title            string `json:"title,omitempty"`
	Account          string `json:"account"`
	AccountTier      string `json:"account_tier,omitempty"`
	BusinessUnit     string `json:"business_unit,omitempty"`
	Location         string `json:"location,omitempty"`
	Email            string `json:"email,omitempty"`
	Phone            string `json:"phone,omitempty"`
	Role             string `json:"role,omitempty"`
	Influence        int    `json:"influence,omitempty"` // 1–5
	Strength         int    `json:"strength,omitempty"`  // relationship strength 1–5
	AtClientSince    string `json:"at_client_since,omitempty"`
	CareerHistory    string `json:"career_history,omitempty"`
	PreferredChannel string `json:"preferred_channel,omitempty"`
	ReceiveInfo      string `json:"receive_info,omitempty"`  // how they like to receive information
	NeedsToShow      string `json:"needs_to_show,omitempty"` // what they need to show internally
	Birthday         string `json:"birthday,omitempty"`      // e.g. "3 Dec" or "3 Dec 1980"
	Stance           string `json:"stance,omitempty"`        // supporter, neutral, sceptic, opponent; absent: not assessed
	Owner            string `json:"owner,omitempty"`         // who on our side holds the relationship

	CadenceDays    int    `json:"cadence_days"`
	LastTouch      string `json:"last_touch,omitempty"` // YYYY-MM-DD; absent: never touched
	DaysSinceTouch *int   `json:"days_since_touch,omitempty"`
	TouchDueOn     string `json:"touch_due_on,omitempty"`
	TouchDue       bool   `json:"touch_due"`              // due (or overdue) for a touch today
	DaysOverdue    int    `json:"days_overdue,omitempty"` // days past the touch due day

	ReportsTo          *personRefJSON  `json:"reports_to,omitempty"`
	DirectReports      []personRefJSON `json:"direct_reports"`       // the first 20, by name
	DirectReportsCount int             `json:"direct_reports_count"` // all of them
	Influences         []personRefJSON `json:"influences"`           // whom they sway, the first 20 in the order given
	InfluencedBy       []personRefJSON `json:"influenced_by"`        // who sways them, the first 20 by name
	AskAbout           []noteJSON      `json:"ask_about"`
	PersonalNotes      []noteJSON      `json:"personal_notes"`
	RecentNotes        []noteJSON      `json:"recent_notes"`
	Touches            []touchJSON     `json:"touches"`
	FollowUps          []followUpJSON  `json:"follow_ups"`   // open ones, by day
	Briefs             []personBrief   `json:"briefs"`       // the first 50 open briefs they are part of
	BriefsCount        int             `json:"briefs_count"` // all of them
}

// personRefJSON names a person.
type personRefJSON struct {
	UID   string `json:"uid"`
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

// personRefs names people: a list, empty rather than null.
func personRefs(ps []model.Person) []personRefJSON {
	out := make([]personRefJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, personRefJSON{UID: p.UID, Name: p.Name, Title: p.Title})
	}
	return out
}

// touchJSON is a logged touch.
type touchJSON struct {
	UID     string   `json:"uid"`
	Kind    string   `json:"kind"`
	On      string   `json:"on"`
	Summary string   `json:"summary"`
	Text    string   `json:"text,omitempty"`
	People  []string `json:"people"`
}

// personBrief is a brief as the person's dossier shows it: with the framing
// written for them.
type personBrief struct {
	UID         string `json:"uid"`
	Title       string `json:"title"`
	Account     string `json:"account"`
	Stage       string `json:"stage"`
	DaysInStage int    `json:"days_in_stage"`
	TargetOn    string `json:"target_on,omitempty"`
	Framing     string `json:"framing,omitempty"`
}

func (d *dossier) json() dossierJSON {
	p := d.p
	j := dossierJSON{
		UID: p.UID, Name: p.Name, Title: p.Title, Account: p.AccountName, AccountTier: string(p.AccountTier),
		BusinessUnit: p.BusinessUnit, Location: p.Location, Email: p.Email, Phone: p.Phone, Role: string(p.Role),
		Influence: p.Influence, Strength: p.Strength, AtClientSince: p.AtClientSince.String(), CareerHistory: p.CareerHistory,
		PreferredChannel: p.PreferredChannel, ReceiveInfo: p.ReceiveInfo, NeedsToShow: p.NeedsToShow,
		Birthday: p.Birthday.String(), Stance: string(p.Stance), Owner: p.Owner,
		CadenceDays: p.Cadence(p.AccountTier), LastTouch: p.LastTouchOn.String(),
		TouchDueOn:    p.TouchDueOn.String(),
		DirectReports: make([]personRefJSON, 0, len(d.reports)), DirectReportsCount: d.reportCount,
		AskAbout:      notesToJSON(d.askAbout),
		PersonalNotes: notesToJSON(d.personal),
		RecentNotes:   notesToJSON(d.recent),
		Touches:       make([]touchJSON, 0, len(d.touches)),
		FollowUps:     followUpsToJSON(d.followUps, d.today),
		Briefs:        make([]personBrief, 0, len(d.briefs)), BriefsCount: d.briefCount,
	}
	since, touched, overdue, due := d.touchStatus()
	if touched {
		j.DaysSinceTouch = &since
	}
	j.TouchDue, j.DaysOverdue = due, overdue
	if d.boss != nil {
		j.ReportsTo = &personRefJSON{UID: d.boss.UID, Name: d.boss.Name, Title: d.boss.Title}
	}
	for _, r := range d.reports {
		j.DirectReports = append(j.DirectReports, personRefJSON{UID: r.UID, Name: r.Name, Title: r.Title})
	}
	j.Influences, j.InfluencedBy = personRefs(d.sways), personRefs(d.swayedBy)
	for _, t := range d.touches {
		people := t.PersonNames
		if people == nil {
			people = []string{}
		}
		j.Touches = append(j.Touches, touchJSON{UID: t.UID, Kind: string(t.Kind), On: t.On.String(), Summary: t.Summary,
			Text: t.Text, People: people})
	}
	for _, b := range d.briefs {
		j.Briefs = append(j.Briefs, personBrief{UID: b.UID, Title: b.Title, Account: b.AccountName, Stage: string(b.Stage),
			DaysInStage: b.DaysInStage(d.today), TargetOn: b.TargetOn.String(), Framing: framing(b, p.ID)})
	}
	return j
}

// ---- text ----

// block writes multi-line user text, sanitised, each line indented.
// With width (0: none) each line is wrapped at word boundaries to fit.
func block(w io.Writer, indent, text string, width int) {
	text = strings.TrimRight(termtext.Sanitize(strings.ReplaceAll(text, "\r\n", "\n")), "\n ")
	if room := width - ansi.StringWidth(indent); width > 0 && room >= 20 {
		text = ansi.Wordwrap(text, room, "")
	}
	for _, l := range strings.Split(text, "\n") {
		fmt.Fprintln(w, strings.TrimRight(indent+l, " "))
	}
}

// wholeText is user text, sanitised, for the last cell of a table row:
// whole, its lines kept (table indents them under the cell) but not its
// blank ones, which in the dossier would read as the end of a section
// (--json has the text exactly).
func wholeText(s string) string {
	s = termtext.Sanitize(strings.ReplaceAll(s, "\r\n", "\n"))
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimRight(l, " "); strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// nameList names people on one line, sanitised, saying when there are more.
func nameList(ps []model.Person, more bool) string {
	if len(ps) == 0 {
		return ""
	}
	names := make([]string, 0, len(ps)+1)
	for _, p := range ps {
		names = append(names, termtext.SanitizeLine(p.Name))
	}
	if more {
		names = append(names, "… and more")
	}
	return strings.Join(names, ", ")
}

// write writes the dossier as text. With whole, notes are printed whole,
// their lines indented under the note; without, each is clipped to a line.
func (d *dossier) write(w io.Writer, whole bool, width int) {
	p := d.p
	fmt.Fprintln(w, joinNonEmpty(" — ", termtext.SanitizeLine(p.Name), termtext.SanitizeLine(p.Title)))
	fmt.Fprintln(w, joinNonEmpty(" · ", termtext.SanitizeLine(p.AccountName), termtext.SanitizeLine(p.BusinessUnit), termtext.SanitizeLine(p.Location)))

	var facts [][]string
	fact := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			facts = append(facts, []string{label, value})
		}
	}
	var decision []string
	if p.Role != "" {
		decision = append(decision, termtext.SanitizeLine(string(p.Role)))
	}
	if p.Influence > 0 {
		decision = append(decision, fmt.Sprintf("influence %d/5", p.Influence))
	}
	if p.Strength > 0 {
		decision = append(decision, fmt.Sprintf("relationship %d/5", p.Strength))
	}
	fact("Role", strings.Join(decision, " · "))
	fact("Stance", termtext.SanitizeLine(string(p.Stance)))
	fact("Owner", termtext.SanitizeLine(p.Owner))
	if !p.AtClientSince.IsZero() {
		years := d.today.DaysSince(p.AtClientSince) / 365
		since := p.AtClientSince.String()
		if years > 0 {
			since += fmt.Sprintf(" (%s)", count(years, "year", "years"))
		}
		fact("At client since", since)
	}
	fact("Email", termtext.SanitizeLine(p.Email))
	fact("Phone", termtext.SanitizeLine(p.Phone))
	fact("Prefers", termtext.SanitizeLine(p.PreferredChannel))
	if !p.Birthday.IsZero() {
		next := p.Birthday.Next(d.today)
		fact("Birthday", fmt.Sprintf("%s (%s)", p.Birthday, daysWord(next.DaysSince(d.today))))
	}
	cadence := fmt.Sprintf("every %d days", p.Cadence(p.AccountTier))
	since, touched, overdue, due := d.touchStatus()
	if touched {
		cadence += fmt.Sprintf(" · last touch %s (%s)", p.LastTouchOn, daysWord(-since))
	} else {
		cadence += " · never touched"
	}
	switch {
	case due && overdue > 0:
		cadence += fmt.Sprintf(" · OVERDUE by %s", count(overdue, "day", "days"))
	case due:
		cadence += " · DUE today"
	case !p.TouchDueOn.IsZero():
		cadence += " · next due " + p.TouchDueOn.String()
	}
	fact("Cadence", cadence)
	if d.boss != nil {
		fact("Reports to", joinNonEmpty(", ", termtext.SanitizeLine(d.boss.Name), termtext.SanitizeLine(d.boss.Title)))
	}
	if len(d.reports) > 0 {
		names := make([]string, 0, len(d.reports))
		for _, r := range d.reports {
			names = append(names, termtext.SanitizeLine(r.Name))
		}
		if more := d.reportCount - len(d.reports); more > 0 {
			names = append(names, fmt.Sprintf("… and %d more", more))
		}
		fact("Direct reports", strings.Join(names, ", "))
	}
	fact("Sways", nameList(d.sways, d.moreSways))
	fact("Swayed by", nameList(d.swayedBy, d.moreSwayedBy))
	if len(facts) > 0 {
		fmt.Fprintln(w)
		for i := range facts {
			facts[i][0] += ":"
		}
		tableWrap(w, "", facts, width)
	}

	text := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		block(w, "  ", body, width)
	}
	text("Career history", p.CareerHistory)
	text("How they like information", p.ReceiveInfo)
	text("What they need to show", p.NeedsToShow)

	notes := func(title string, ns []model.Note, withKind bool) {
		if len(ns) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		rows := make([][]string, 0, len(ns))
		for _, n := range ns {
			day := n.On.String()
			if title == "Ask about" {
				day = n.AskAfter.String()
			}
			row := []string{day}
			if withKind {
				row = append(row, string(n.Kind))
			}
			text := termtext.Clip(termtext.SanitizeLine(n.Text), 90)
			if whole {
				text = wholeText(n.Text)
			}
			rows = append(rows, append(row, text))
		}
		tableWrap(w, "  ", rows, width)
	}
	notes("Ask about", d.askAbout, false)
	notes("Personal notes", d.personal, false)
	notes("Recent notes", d.recent, true)

	if len(d.touches) > 0 {
		fmt.Fprintln(w, "\nLast touches")
		rows := make([][]string, 0, len(d.touches))
		for _, t := range d.touches {
			var others []string
			for i, name := range t.PersonNames {
				if t.PersonIDs[i] != p.ID {
					others = append(others, termtext.SanitizeLine(name))
				}
			}
			with := ""
			if len(others) > 0 {
				with = "with " + termtext.Clip(strings.Join(others, ", "), 50)
			}
			rows = append(rows, []string{t.On.String(), string(t.Kind), termtext.Clip(termtext.SanitizeLine(t.Summary), 70), with})
		}
		tableWrap(w, "  ", rows, width)
	}
	if len(d.followUps) > 0 {
		title := fmt.Sprintf("Open follow-ups (%d)", len(d.followUps))
		if d.moreFollowUps {
			title = fmt.Sprintf("Open follow-ups (first %d)", len(d.followUps))
		}
		fmt.Fprintf(w, "\n%s\n", title)
		rows := make([][]string, 0, len(d.followUps))
		for _, f := range d.followUps {
			r := followUpRow(f, d.today)
			rows = append(rows, r[:3])
		}
		tableWrap(w, "  ", rows, width)
	}
	if len(d.briefs) > 0 {
		if d.briefCount > len(d.briefs) {
			fmt.Fprintf(w, "\nBriefs (the first %d of %d)\n", len(d.briefs), d.briefCount)
		} else {
			fmt.Fprintf(w, "\nBriefs (%d)\n", len(d.briefs))
		}
		for _, b := range d.briefs {
			fmt.Fprintf(w, "  %s — %s, %s in stage\n", termtext.Clip(termtext.SanitizeLine(b.Title), 70), b.Stage, count(b.DaysInStage(d.today), "day", "days"))
			if f := framing(b, p.ID); strings.TrimSpace(f) != "" {
				fmt.Fprintln(w, "    Framing for them:")
				block(w, "      ", f, width)
			}
		}
	}
}
