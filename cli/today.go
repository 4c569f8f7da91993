package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newTodayCmd) }

// maxAgendaDays bounds --days: a year ahead is already more than a to-do list.
const maxAgendaDays = 366

func newTodayCmd(e *env) *cobra.Command {
	var days int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "today [--days N] [--json]",
		Short: "Print the Today agenda: meetings, overdue, due, people due a touch, birthdays…",
		Long: `Print the Today agenda, as the Today pane shows it: today's meetings (a past one
not yet debriefed is marked), overdue follow-ups, those due today and in the
next N days, people due a touch (their cadence has run out), notes to ask
about, birthdays within 14 days, briefs stalled in their stage, and the key
and strategic accounts whose coverage is thin (coverage risks: one line
each, how many and the worst; rapport map ACCOUNT shows them all).

The text is plain — a summary line, then each section with its count — so it
reads well in a terminal or in a cron mail; "All clear." when there is nothing.
Each section lists at most 50 items; its count is the full total.

With --json the agenda is printed as one JSON object (exact text, not
sanitised; dates as YYYY-MM-DD):

  {"today", "days", "total",
   "counts": {"meetings", "overdue", "due_today", "upcoming", "touch_due",
              "ask_about", "birthdays", "stalled_briefs", "coverage_risks",
              "promises_due"},
   "meetings": [{"uid", "title", "start", "end", "all_day", "location",
                 "account", "debriefed", "needs_debrief",
                 "people": [{"uid", "name", "account", "email"}],
                 "others": [{"email", "name"}]}],
   "overdue", "due_today", "upcoming": [follow-up…],
   "touch_due": [person…], "ask_about": [note…],
   "birthdays": [{"on", "in_days", "person"…}], "stalled_briefs": [brief…],
   "coverage_risks": [{"account": {"uid", "name", "tier"},
                       "risks": [{"kind", "reason", "people": [{"uid", "name"}]}]}]}

Every list is present, empty as []. A meeting's start and end are RFC 3339
times in UTC; "people" are its attendees who are people in rapport,
"others" the addresses no person has. A risk's kind is one of weak-decider,
unengaged-against, no-champion, single-threaded, lost-key-person; its
accounts come worst first (docs/FORMAT.md).`,
		Example: `  rapport today
  rapport today --days 14
  rapport today --json | jq '.overdue[].text'
  # a morning mail from cron:
  0 7 * * 1-5  rapport today | mail -s "Today" me@example.com`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if days < 1 || days > maxAgendaDays {
				return usagef("--days must be 1–%d, not %d", maxAgendaDays, days)
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := st.Agenda(ctx, store.AgendaReq{Today: today(), Days: days})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, agendaToJSON(a))
			}
			return writeAgenda(e.stdout, a)
		},
	}
	cmd.Flags().IntVar(&days, "days", model.DefaultAgendaDays, "how many days ahead upcoming follow-ups reach")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text")
	return cmd
}

// writeJSON writes v as indented JSON with a final newline; text is exact
// (HTML characters are not escaped) and inert on a terminal (C1 controls
// and bidirectional overrides are \u escapes: exchange.EncodeJSON).
func writeJSON(w io.Writer, v any) error { return exchange.EncodeJSON(w, v) }

// ---- JSON ----

// agendaJSON is the JSON of `rapport today --json`.
type agendaJSON struct {
	Today     string             `json:"today"` // YYYY-MM-DD
	Days      int                `json:"days"`  // how far "upcoming" looks ahead
	Total     int                `json:"total"` // items in every section together
	Counts    agendaCountsJSON   `json:"counts"`
	Meetings  []meetingJSON      `json:"meetings"`
	Overdue   []followUpJSON     `json:"overdue"`
	DueToday  []followUpJSON     `json:"due_today"`
	Upcoming  []followUpJSON     `json:"upcoming"`
	TouchDue  []touchDueJSON     `json:"touch_due"`
	AskAbout  []noteJSON         `json:"ask_about"`
	Birthdays []birthdayJSON     `json:"birthdays"`
	Stalled   []stalledBriefJSON `json:"stalled_briefs"`
	Risks     []accountRisksJSON `json:"coverage_risks"`
}

// agendaCountsJSON are the full totals of each section (the lists hold at
// most 50 items each).
type agendaCountsJSON struct {
	Meetings    int `json:"meetings"`
	Overdue     int `json:"overdue"`
	DueToday    int `json:"due_today"`
	Upcoming    int `json:"upcoming"`
	TouchDue    int `json:"touch_due"`
	AskAbout    int `json:"ask_about"`
	Birthdays   int `json:"birthdays"`
	Stalled     int `json:"stalled_briefs"`
	Risks       int `json:"coverage_risks"` // key and strategic accounts with coverage risks
	PromisesDue int `json:"promises_due"`   // promises overdue or due today
}

// followUpJSON is a follow-up in the JSON of today and who.
type followUpJSON struct {
	UID            string `json:"uid"`
	Text           string `json:"text"`
	Kind           string `json:"kind"`           // follow-up or promise
	Due            string `json:"due"`            // YYYY-MM-DD
	Time           string `json:"time,omitempty"` // HH:MM, local
	SnoozedUntil   string `json:"snoozed_until,omitempty"`
	On             string `json:"on"`                  // the day it shows on the agenda
	DaysLate       int    `json:"days_late,omitempty"` // days past its agenda day
	Repeats        string `json:"repeats,omitempty"`   // e.g. "weekly", "every 3 months"
	FromCompletion bool   `json:"from_completion,omitempty"`
	Account        string `json:"account,omitempty"`
	Person         string `json:"person,omitempty"`
	Brief          string `json:"brief,omitempty"`
}

func followUpToJSON(f model.FollowUp, today model.Date) followUpJSON {
	j := followUpJSON{
		UID: f.UID, Text: f.Text, Kind: string(f.Kind), Due: f.DueOn.String(), Time: f.DueTime,
		SnoozedUntil: f.SnoozedUntil.String(), On: f.AgendaOn().String(), FromCompletion: f.FromCompletion,
		Account: f.AccountName, Person: f.PersonName, Brief: f.BriefTitle,
	}
	if !f.Recur.IsZero() {
		j.Repeats = f.Recur.String()
	}
	if f.Overdue(today) {
		j.DaysLate = today.DaysSince(f.AgendaOn())
	}
	return j
}

func followUpsToJSON(fs []model.FollowUp, today model.Date) []followUpJSON {
	out := make([]followUpJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, followUpToJSON(f, today))
	}
	return out
}

// touchDueJSON is a person due a touch.
type touchDueJSON struct {
	UID         string `json:"uid"`
	Name        string `json:"name"`
	Account     string `json:"account"`
	CadenceDays int    `json:"cadence_days"`
	LastTouch   string `json:"last_touch,omitempty"` // YYYY-MM-DD; absent: never touched
	DueOn       string `json:"due_on"`
	DaysOverdue int    `json:"days_overdue"` // 0: due today
}

// noteJSON is a note in the JSON of today and who.
type noteJSON struct {
	UID      string `json:"uid"`
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	On       string `json:"on"`
	AskAfter string `json:"ask_after,omitempty"`
	Asked    bool   `json:"asked,omitempty"`
	Pinned   bool   `json:"pinned,omitempty"`
	Account  string `json:"account"`
	Person   string `json:"person,omitempty"`
}

func noteToJSON(n model.Note) noteJSON {
	return noteJSON{UID: n.UID, Kind: string(n.Kind), Text: n.Text, On: n.On.String(), AskAfter: n.AskAfter.String(),
		Asked: !n.AskedAt.IsZero(), Pinned: n.Pinned, Account: n.AccountName, Person: n.PersonName}
}

func notesToJSON(ns []model.Note) []noteJSON {
	out := make([]noteJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, noteToJSON(n))
	}
	return out
}

// birthdayJSON is a birthday coming up.
type birthdayJSON struct {
	On      string `json:"on"`             // the day it falls on, YYYY-MM-DD
	InDays  int    `json:"in_days"`        // 0: today
	Turns   int    `json:"turns,omitzero"` // the age, when the year is known
	UID     string `json:"uid"`
	Name    string `json:"name"`
	Account string `json:"account"`
}

// meetingJSON is a meeting in the JSON of today and prep.
type meetingJSON struct {
	UID          string              `json:"uid"`
	Title        string              `json:"title"`
	Start        time.Time           `json:"start"`
	End          *time.Time          `json:"end,omitempty"`
	AllDay       bool                `json:"all_day,omitempty"`
	Location     string              `json:"location,omitempty"`
	Account      string              `json:"account,omitempty"`
	Debriefed    bool                `json:"debriefed"`
	NeedsDebrief bool                `json:"needs_debrief"` // it has happened and was not debriefed
	People       []meetingPersonJSON `json:"people"`
	Others       []meetingOtherJSON  `json:"others"`
}

type meetingPersonJSON struct {
	UID     string `json:"uid"`
	Name    string `json:"name"`
	Account string `json:"account,omitempty"`
	Email   string `json:"email"`
}

type meetingOtherJSON struct {
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

func meetingToJSON(m model.Meeting, now time.Time) meetingJSON {
	j := meetingJSON{UID: m.UID, Title: m.Title, Start: m.Start.UTC(), AllDay: m.AllDay, Location: m.Location, Account: m.AccountName,
		Debriefed: m.Debriefed(), NeedsDebrief: m.NeedsDebrief(now), People: []meetingPersonJSON{}, Others: []meetingOtherJSON{}}
	if !m.End.IsZero() {
		end := m.End.UTC()
		j.End = &end
	}
	for _, a := range m.Attendees {
		if a.PersonID != 0 {
			j.People = append(j.People, meetingPersonJSON{UID: a.PersonUID, Name: a.PersonName, Account: a.AccountName, Email: a.Email})
		} else {
			j.Others = append(j.Others, meetingOtherJSON{Email: a.Email, Name: a.Name})
		}
	}
	return j
}

func meetingsToJSON(ms []model.Meeting, now time.Time) []meetingJSON {
	out := make([]meetingJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, meetingToJSON(m, now))
	}
	return out
}

// stalledBriefJSON is a brief stalled in its stage.
type stalledBriefJSON struct {
	UID         string `json:"uid"`
	Title       string `json:"title"`
	Account     string `json:"account"`
	Stage       string `json:"stage"`
	Since       string `json:"since"` // the day it entered the stage, YYYY-MM-DD
	DaysInStage int    `json:"days_in_stage"`
}

// accountRisksJSON is an account with coverage risks, worst first.
type accountRisksJSON struct {
	Account mapAccountJSON `json:"account"`
	Risks   []riskJSON     `json:"risks"`
}

func agendaToJSON(a model.Agenda) agendaJSON {
	c := a.Counts
	j := agendaJSON{
		Today: a.Today.String(), Days: a.Days, Total: c.Total(),
		Counts: agendaCountsJSON{Meetings: c.Meetings, Overdue: c.Overdue, DueToday: c.DueToday, Upcoming: c.Upcoming, TouchDue: c.TouchDue,
			AskAbout: c.AskAbout, Birthdays: c.Birthdays, Stalled: c.Stalled, Risks: c.Risks, PromisesDue: c.PromisesDue},
		Meetings:  meetingsToJSON(a.Meetings, timeNow()),
		Overdue:   followUpsToJSON(a.Overdue, a.Today),
		DueToday:  followUpsToJSON(a.DueToday, a.Today),
		Upcoming:  followUpsToJSON(a.Upcoming, a.Today),
		TouchDue:  make([]touchDueJSON, 0, len(a.TouchDue)),
		AskAbout:  notesToJSON(a.AskAbout),
		Birthdays: make([]birthdayJSON, 0, len(a.Birthdays)),
		Stalled:   make([]stalledBriefJSON, 0, len(a.Stalled)),
		Risks:     make([]accountRisksJSON, 0, len(a.Risks)),
	}
	for _, p := range a.TouchDue {
		j.TouchDue = append(j.TouchDue, touchDueJSON{UID: p.UID, Name: p.Name, Account: p.AccountName,
			CadenceDays: p.Cadence(p.AccountTier), LastTouch: p.LastTouchOn.String(), DueOn: p.TouchDueOn.String(),
			DaysOverdue: max(0, model.DaysOverdue(p.TouchDueOn, a.Today))})
	}
	for _, b := range a.Birthdays {
		bj := birthdayJSON{On: b.On.String(), InDays: b.DaysUntil(a.Today), UID: b.Person.UID, Name: b.Person.Name,
			Account: b.Person.AccountName}
		if y := b.Person.Birthday.Year; y != 0 {
			bj.Turns = b.On.Year() - y
		}
		j.Birthdays = append(j.Birthdays, bj)
	}
	for _, b := range a.Stalled {
		j.Stalled = append(j.Stalled, stalledBriefJSON{UID: b.UID, Title: b.Title, Account: b.AccountName, Stage: string(b.Stage),
			Since: b.StageDay().String(), DaysInStage: b.DaysInStage(a.Today)})
	}
	for _, ar := range a.Risks {
		ac := ar.Account
		j.Risks = append(j.Risks, accountRisksJSON{Account: mapAccountJSON{UID: ac.UID, Name: ac.Name, Tier: string(ac.Tier)},
			Risks: risksToJSON(ar.Risks)})
	}
	return j
}

// ---- text ----

// longDate formats a day as "Monday 2 March 2026".
func longDate(d model.Date) string {
	return fmt.Sprintf("%s %d %s %d", d.Weekday(), d.Day(), d.Month(), d.Year())
}

// shortDate formats a day as "Thu 5 Mar".
func shortDate(d model.Date) string {
	return fmt.Sprintf("%s %d %s", d.Weekday().String()[:3], d.Day(), d.Month().String()[:3])
}

// count is n with its word: "1 day", "3 days".
func count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + termtext.Plural(n, one, many)
}

// daysWord says how far a day is: "today", "tomorrow", "in 3 days",
// "yesterday", "3 days ago".
func daysWord(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1:
		return fmt.Sprintf("in %d days", n)
	}
	return fmt.Sprintf("%d days ago", -n)
}

// table writes rows of cells, each column padded to its widest cell (in
// terminal cells), indented. Cells must be sanitised already. A row's last
// cell may hold several lines: the ones after the first are indented to
// where the cell starts, so the row still reads as one entry.
func table(w io.Writer, indent string, rows [][]string) { tableWrap(w, indent, rows, 0) }

// tableWrap is table with the last cell wrapped at word boundaries to fit
// width cells (0: no wrapping), its further lines under the cell.
func tableWrap(w io.Writer, indent string, rows [][]string, width int) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			if i < len(r)-1 {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		start := ansi.StringWidth(indent) // where the last cell starts
		var more []string
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			if i < len(r)-1 {
				b.WriteString(c)
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
				start += widths[i] + 2
				continue
			}
			if width > 0 && width-start >= 20 {
				c = ansi.Wordwrap(c, width-start, "")
			}
			first, rest, _ := strings.Cut(c, "\n")
			b.WriteString(first)
			if rest != "" {
				more = strings.Split(rest, "\n")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		for _, l := range more {
			fmt.Fprintln(w, strings.TrimRight(strings.Repeat(" ", start)+l, " "))
		}
	}
}

// joinNonEmpty joins the non-empty parts.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// followUpRow is a follow-up as a row: day, how late, text, what it is on.
func followUpRow(f model.FollowUp, today model.Date) []string {
	day := f.AgendaOn().String()
	if f.DueTime != "" {
		day += " " + termtext.SanitizeLine(f.DueTime) // free text in the file, whatever model.FollowUp allows
	}
	when := daysWord(f.AgendaOn().DaysSince(today))
	if f.Overdue(today) {
		when = count(today.DaysSince(f.AgendaOn()), "day late", "days late")
	}
	text := termtext.Clip(termtext.SanitizeLine(f.Text), 70)
	if f.Kind == model.KindPromise {
		text = "PROMISE: " + text
	}
	if !f.Recur.IsZero() {
		text += " (" + f.Recur.String() + ")"
	}
	on := joinNonEmpty(" · ", termtext.Clip(termtext.SanitizeLine(f.AccountName), 40), termtext.Clip(termtext.SanitizeLine(f.PersonName), 40), termtext.Clip(termtext.SanitizeLine(f.BriefTitle), 40))
	return []string{day, when, text, on}
}

func writeAgenda(w io.Writer, a model.Agenda) error {
	c := a.Counts
	head := "Today, " + longDate(a.Today)
	if c.Total() == 0 {
		fmt.Fprintf(w, "%s\nAll clear.\n", head)
		return nil
	}
	fmt.Fprintf(w, "%s: %s.\n", head, strings.Join(a.SummaryParts(), ", "))
	for _, sec := range model.AgendaSections {
		rows := agendaRows(a, sec)
		total := c.Of(sec)
		if total == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", sec.Title(a.Days), total)
		table(w, "  ", rows)
		if total > len(rows) {
			fmt.Fprintf(w, "  … and %d more\n", total-len(rows))
		}
	}
	return nil
}

// agendaRows are one section's rows as text columns.
func agendaRows(a model.Agenda, sec model.AgendaSection) [][]string {
	var rows [][]string
	line := termtext.SanitizeLine
	switch sec {
	case model.SectionMeetings:
		now, own := timeNow(), ownAddresses()
		for _, m := range a.Meetings {
			m = m.WithoutOwn(own)
			mark := ""
			if m.NeedsDebrief(now) {
				mark = "not debriefed"
			}
			rows = append(rows, []string{line(m.Hours(time.Local)), termtext.Clip(line(m.Title), 50), termtext.Clip(line(m.AccountName), 40),
				termtext.Clip(line(m.Who()), 70), mark})
		}
	case model.SectionOverdue, model.SectionToday, model.SectionUpcoming:
		fs := map[model.AgendaSection][]model.FollowUp{model.SectionOverdue: a.Overdue, model.SectionToday: a.DueToday, model.SectionUpcoming: a.Upcoming}[sec]
		for _, f := range fs {
			rows = append(rows, followUpRow(f, a.Today))
		}
	case model.SectionTouch:
		for _, p := range a.TouchDue {
			last := "never touched"
			if !p.LastTouchOn.IsZero() {
				last = fmt.Sprintf("last touch %s (%s)", p.LastTouchOn, daysWord(-a.Today.DaysSince(p.LastTouchOn)))
			}
			due := "due today"
			if n := model.DaysOverdue(p.TouchDueOn, a.Today); n > 0 {
				due = count(n, "day", "days") + " overdue"
			}
			rows = append(rows, []string{termtext.Clip(line(p.Name), 40), termtext.Clip(line(p.AccountName), 40),
				fmt.Sprintf("every %d days", p.Cadence(p.AccountTier)), last, due})
		}
	case model.SectionAsk:
		for _, n := range a.AskAbout {
			who := n.PersonName
			if who == "" {
				who = n.AccountName
			}
			rows = append(rows, []string{termtext.Clip(line(who), 40), termtext.Clip(line(n.AccountName), 40), termtext.Clip(line(n.Text), 70),
				"since " + n.AskAfter.String()})
		}
	case model.SectionBirthdays:
		for _, b := range a.Birthdays {
			when := daysWord(b.DaysUntil(a.Today))
			if y := b.Person.Birthday.Year; y != 0 {
				when += fmt.Sprintf(", turns %d", b.On.Year()-y)
			}
			rows = append(rows, []string{shortDate(b.On), termtext.Clip(line(b.Person.Name), 40), termtext.Clip(line(b.Person.AccountName), 40), when})
		}
	case model.SectionStalled:
		for _, b := range a.Stalled {
			rows = append(rows, []string{termtext.Clip(line(b.Title), 60), termtext.Clip(line(b.AccountName), 40), string(b.Stage),
				fmt.Sprintf("for %d days", b.DaysInStage(a.Today))})
		}
	case model.SectionRisks:
		for _, ar := range a.Risks {
			worst := ""
			if len(ar.Risks) > 0 {
				worst = termtext.Clip(line(ar.Risks[0].Reason), 90)
			}
			rows = append(rows, []string{termtext.Clip(line(ar.Account.Name), 40), count(model.RiskCount(ar.Risks), "risk", "risks"), worst})
		}
	}
	return rows
}
