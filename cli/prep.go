package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newPrepCmd) }

func newPrepCmd(e *env) *cobra.Command {
	var next, asMD, asJSON bool
	var out string
	cmd := &cobra.Command{
		Use:   "prep QUERY|--next [--md|--json] [--out FILE]",
		Short: "Meeting prep: what matters about the people you are about to meet",
		Long: `Print the prep sheet for a meeting, a person or an account: for each person met,
what matters in the thirty seconds before — what to open with (notes to ask
about), open promises and follow-ups to them (late ones first), the briefs
they are on with the framing prepared for them and the stage, what they need
to show and how they like information, the last two touches, conflicts of
the last year and a birthday within 14 days; then the account's health
trend, coverage risks and open briefs.

QUERY is a person, else an account, matched as everywhere (ignoring case and
accents, the whole name first, then a unique prefix). For an account the
sheet is about its four most influential people. --next is the next meeting
(one under way, or the first to start) with its attendees.

--md prints it as Markdown (an internal document: framings and risks are for
you, not the client), --json as exact JSON. --out FILE writes it to a new
file instead (never over one that exists).`,
		Example: `  rapport prep --next
  rapport prep henrik
  rapport prep nordlicht --md --out ~/prep-nordlicht.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if next {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.MinimumNArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if asMD && asJSON {
				return usagef("--md and --json contradict each other: give one")
			}
			query := strings.Join(args, " ")
			if !next {
				if err := model.CheckQuery("QUERY", query); err != nil {
					return usageError{err}
				}
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			req, err := prepFor(ctx, st, query, next)
			if err != nil {
				return err
			}
			req.Today = today()
			p, err := st.Prep(ctx, req)
			if err != nil {
				return err
			}
			if asJSON { // exact: every address
				return e.emit(out, true, func(w io.Writer) error { return writeJSON(w, prepToJSON(p, timeNow())) })
			}
			p = p.WithoutOwn(ownAddresses())
			switch {
			case asMD:
				return e.emit(out, false, func(w io.Writer) error {
					_, err := io.WriteString(w, exchange.PrepMarkdown(p, time.Local))
					return err
				})
			}
			return e.emit(out, false, func(w io.Writer) error { return writePrep(w, p) })
		},
	}
	cmd.Flags().BoolVar(&next, "next", false, "the next meeting")
	cmd.Flags().BoolVar(&asMD, "md", false, "print Markdown")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&out, "out", "", "write to this new file instead of printing")
	return cmd
}

// prepFor finds what a prep sheet is for: the next meeting, else a person,
// else an account the query names.
func prepFor(ctx context.Context, st *store.Store, query string, next bool) (store.PrepReq, error) {
	if next {
		m, err := st.NextMeeting(ctx, timeNow())
		if errors.Is(err, model.ErrNotFound) {
			return store.PrepReq{}, errors.New("no meeting is under way or to come — import your calendar (rapport import FILE.ics)")
		}
		return store.PrepReq{MeetingID: m.ID}, err
	}
	p, err := st.ResolvePerson(ctx, query, store.PersonName{})
	if err == nil {
		return store.PrepReq{PersonID: p.ID}, nil
	}
	if !errors.Is(err, model.ErrNotFound) {
		return store.PrepReq{}, err // several people: the message lists them
	}
	a, aerr := st.ResolveAccount(ctx, query, false)
	if aerr == nil {
		return store.PrepReq{AccountID: a.ID}, nil
	}
	if errors.Is(aerr, model.ErrNotFound) {
		return store.PrepReq{}, fmt.Errorf("no person or account matches %s", model.Quote(query))
	}
	return store.PrepReq{}, aerr
}

// writePrep writes a prep sheet as plain text: the same lines as the
// screen shows, a label column and the facts; a line that warns starts
// with "!".
func writePrep(w io.Writer, p model.Prep) error {
	line := termtext.SanitizeLine
	fmt.Fprintf(w, "Prep: %s\n", line(p.Title))
	if m := p.Meeting; m != nil {
		day := model.DateOf(m.Start.In(time.Local))
		if m.AllDay {
			day = model.DateOf(m.Start)
		}
		fmt.Fprintln(w, joinNonEmpty(" · ", shortDate(day)+" "+m.Hours(time.Local), line(m.Location), line(m.AccountName)))
	}
	rows := func(ls []model.PrepLine) {
		var rs [][]string
		for _, l := range ls {
			text := line(l.Text)
			if l.Warn {
				text = "! " + text
			}
			rs = append(rs, []string{l.Label, text})
		}
		table(w, "  ", rs)
	}
	for _, pp := range p.People {
		name, facts := pp.Head()
		fmt.Fprintf(w, "\n%s\n", joinNonEmpty(" — ", line(name), line(strings.Join(facts, " · "))))
		if ls := pp.Lines(p.Today); len(ls) > 0 {
			rows(ls)
		} else {
			fmt.Fprintln(w, "  Nothing noted yet.")
		}
	}
	if len(p.Others) > 0 {
		var names []string
		for _, a := range p.Others {
			names = append(names, line(a.Label()))
		}
		fmt.Fprintf(w, "\nAlso invited: %s\n", strings.Join(names, ", "))
	}
	if a := p.Account; a != nil {
		fmt.Fprintf(w, "\n%s\n", line(a.Account.Name))
		if ls := a.Lines(p.Today); len(ls) > 0 {
			rows(ls)
		}
	}
	return nil
}

// prepJSON is the JSON of rapport prep.
type prepJSON struct {
	Title   string             `json:"title"`
	Today   string             `json:"today"`
	Meeting *meetingJSON       `json:"meeting,omitempty"`
	People  []prepPersonJSON   `json:"people"`
	Others  []meetingOtherJSON `json:"others"`
	Account *prepAccountJSON   `json:"account,omitempty"`
}

type prepPersonJSON struct {
	UID         string          `json:"uid"`
	Name        string          `json:"name"`
	Title       string          `json:"title,omitempty"`
	Role        string          `json:"role,omitempty"`
	Stance      string          `json:"stance,omitempty"`
	Account     string          `json:"account"`
	NeedsToShow string          `json:"needs_to_show,omitempty"`
	ReceiveInfo string          `json:"receive_info,omitempty"`
	Birthday    string          `json:"birthday,omitempty"` // the day, when within 14 days
	AskAbout    []noteJSON      `json:"ask_about"`
	Promises    []followUpJSON  `json:"promises"`
	FollowUps   []followUpJSON  `json:"follow_ups"`
	MoreOpen    int             `json:"more_open,omitempty"` // open ones past those listed
	Briefs      []prepBriefJSON `json:"briefs"`
	Touches     []prepTouchJSON `json:"last_touches"`
	Conflicts   []noteJSON      `json:"conflicts"`
}

type prepBriefJSON struct {
	UID     string `json:"uid"`
	Title   string `json:"title"`
	Stage   string `json:"stage"`
	Framing string `json:"framing,omitempty"`
}

type prepTouchJSON struct {
	UID     string `json:"uid"`
	Kind    string `json:"kind"`
	On      string `json:"on"`
	Summary string `json:"summary"`
}

type prepAccountJSON struct {
	UID        string           `json:"uid"`
	Name       string           `json:"name"`
	Health     []prepHealthJSON `json:"health"`
	Risks      []prepRiskJSON   `json:"risks"`
	Briefs     []prepBriefJSON  `json:"open_briefs"`
	MoreBriefs int              `json:"more_briefs,omitempty"`
}

type prepHealthJSON struct {
	On           string `json:"on"`
	Satisfaction *int   `json:"satisfaction,omitempty"`
}

type prepRiskJSON struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

func prepToJSON(p model.Prep, now time.Time) prepJSON {
	j := prepJSON{Title: p.Title, Today: p.Today.String(), People: []prepPersonJSON{}, Others: []meetingOtherJSON{}}
	if p.Meeting != nil {
		m := meetingToJSON(*p.Meeting, now)
		j.Meeting = &m
	}
	for _, pp := range p.People {
		pe := pp.Person
		pj := prepPersonJSON{UID: pe.UID, Name: pe.Name, Title: pe.Title, Role: string(pe.Role), Stance: string(pe.Stance),
			Account: pe.AccountName, NeedsToShow: pe.NeedsToShow, ReceiveInfo: pe.ReceiveInfo, Birthday: pp.Birthday.String(),
			AskAbout: notesToJSON(pp.AskAbout), Promises: followUpsToJSON(pp.Promises, p.Today),
			FollowUps: followUpsToJSON(pp.FollowUps, p.Today), MoreOpen: pp.MoreOpen, Briefs: []prepBriefJSON{},
			Touches: []prepTouchJSON{}, Conflicts: notesToJSON(pp.Conflicts)}
		for _, b := range pp.Briefs {
			pj.Briefs = append(pj.Briefs, prepBriefJSON{UID: b.Brief.UID, Title: b.Brief.Title, Stage: string(b.Brief.Stage), Framing: b.Framing})
		}
		for _, t := range pp.Touches {
			pj.Touches = append(pj.Touches, prepTouchJSON{UID: t.UID, Kind: string(t.Kind), On: t.On.String(), Summary: t.Summary})
		}
		j.People = append(j.People, pj)
	}
	for _, a := range p.Others {
		j.Others = append(j.Others, meetingOtherJSON{Email: a.Email, Name: a.Name})
	}
	if a := p.Account; a != nil {
		aj := &prepAccountJSON{UID: a.Account.UID, Name: a.Account.Name, Health: []prepHealthJSON{}, Risks: []prepRiskJSON{},
			Briefs: []prepBriefJSON{}, MoreBriefs: a.MoreBriefs}
		for _, h := range a.Health {
			aj.Health = append(aj.Health, prepHealthJSON{On: h.On.String(), Satisfaction: h.Satisfaction})
		}
		for _, r := range a.Risks {
			aj.Risks = append(aj.Risks, prepRiskJSON{Kind: string(r.Kind), Reason: r.Reason})
		}
		for _, b := range a.Briefs {
			aj.Briefs = append(aj.Briefs, prepBriefJSON{UID: b.UID, Title: b.Title, Stage: string(b.Stage)})
		}
		j.Account = aj
	}
	return j
}
