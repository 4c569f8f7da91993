package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/termtext"
)

// Quick capture from the shell: note, log, remind.

func init() { subcommands = append(subcommands, newNoteCmd, newLogCmd, newRemindCmd) }

func kindNames[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, k := range all {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func newNoteCmd(e *env) *cobra.Command {
	var person, account, kind, askAfter string
	cmd := &cobra.Command{
		Use:   "note TEXT (--person NAME | --account NAME) [--kind KIND] [--ask-after DATE]",
		Short: "Add a note to a person or an account",
		Long: `Add a dated note (today) to a person or to an account: exactly one of --person
and --account. Names match ignoring case and accents, whole name first, then a
unique prefix of the name or of a word in it; a name that matches several is
an error listing them.

KIND is one of personal, business (the default), insight or conflict.
--ask-after DATE puts the note on Today from that day as a conversation
opener ("her marathon was on Sunday"). Dates are typed as anywhere in
rapport: 2026-12-03, dec 3, fri, tomorrow, +2w, in 3 days, end of month,
and back from today: yesterday, -3d, 3 days ago.

TEXT "-" reads the note from standard input (up to 256 KiB).`,
		Example: `  rapport note "Daughter starts university in October" --person dana --kind personal --ask-after oct 1
  rapport note "New CFO from March; budget freeze until Q2" --account acme
  pbpaste | rapport note - --person "dana sm"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (person == "") == (account == "") {
				return usagef("say whom the note is on: exactly one of --person NAME or --account NAME")
			}
			n := model.Note{Kind: model.NoteBusiness}
			if kind != "" {
				k := model.NoteKind(strings.ToLower(strings.TrimSpace(kind)))
				if !contains(model.NoteKinds, k) {
					return usagef("--kind %q: a note is one of %s", model.Clip(kind), kindNames(model.NoteKinds))
				}
				n.Kind = k
			}
			if askAfter != "" {
				w, err := parseDate("ask-after", askAfter, dayAhead)
				if err != nil {
					return err
				}
				n.AskAfter = w.Date
			}
			text, err := e.readText(args[0], "the note")
			if err != nil {
				return err
			}
			n.Text = text
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			var name string
			if person != "" {
				p, err := resolvePerson(ctx, st, person)
				if err != nil {
					return err
				}
				n.PersonID, n.AccountID, name = p.ID, p.AccountID, p.Name
			} else {
				a, err := resolveAccount(ctx, st, account)
				if err != nil {
					return err
				}
				n.AccountID, name = a.ID, a.Name
			}
			n.On = today()
			if _, err := st.CreateNote(ctx, n); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Noted on %s.\n", termtext.SanitizeLine(name))
			return nil
		},
	}
	cmd.Flags().StringVar(&person, "person", "", "the person the note is on")
	cmd.Flags().StringVar(&account, "account", "", "the account the note is on")
	cmd.Flags().StringVar(&kind, "kind", "", "personal, business (default), insight or conflict")
	cmd.Flags().StringVar(&askAfter, "ask-after", "", "show the note on Today from this day, to ask about it")
	return cmd
}

func contains[T comparable](all []T, v T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

func newLogCmd(e *env) *cobra.Command {
	var person, on string
	cmd := &cobra.Command{
		Use:   "log KIND TEXT --person NAME [--on DATE]",
		Short: "Log a touch (call, meeting, email…) with a person",
		Long: `Log an interaction with a person: it restarts their contact cadence.

KIND is one of call, meeting, email, message, qbr or deliverable (any case).
TEXT is the summary; its first line is the summary and any further lines
are kept as the touch's text. "-" reads it from standard input.
--on DATE is the day it happened (default today), typed as for any date
flag and read backwards: 2026-03-02, mar 2 (the last 2 March), yesterday,
mon (the last Monday before today), -3d, "3 days ago". A day in the future
is refused: log what happened, and set a reminder for what is planned.`,
		Example: `  rapport log call "Walked through the renewal numbers" --person dana
  rapport log QBR "Q1 review: on track, wants a roadmap session" --person "dana sm" --on 2026-03-02`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if person == "" {
				return usagef("say whom you were in touch with: --person NAME")
			}
			kind := model.TouchKind(strings.ToLower(strings.TrimSpace(args[0])))
			if !contains(model.TouchKinds, kind) {
				return usagef("%q is not a kind of touch: use one of %s", model.Clip(args[0]), kindNames(model.TouchKinds))
			}
			t := model.Touch{Kind: kind, On: today()}
			if on != "" {
				d, err := parsePastDay("on", on)
				if err != nil {
					return err
				}
				t.On = d
			}
			text, err := e.readText(args[1], "the summary")
			if err != nil {
				return err
			}
			t.Summary, t.Text = splitSummary(text)
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			p, err := resolvePerson(ctx, st, person)
			if err != nil {
				return err
			}
			t.PersonIDs = []int64{p.ID}
			t.AccountID = p.AccountID
			if _, err := st.LogTouch(ctx, t); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Logged %s with %s on %s.\n", kind, termtext.SanitizeLine(p.Name), t.On)
			return nil
		},
	}
	cmd.Flags().StringVar(&person, "person", "", "the person you were in touch with (required)")
	cmd.Flags().StringVar(&on, "on", "", "the day it happened (default today)")
	return cmd
}

// splitSummary splits a touch's text into a one-line summary and the rest.
func splitSummary(text string) (summary, rest string) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	first, more, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if r := []rune(first); len(r) > model.MaxShortTextLen {
		return string(r[:model.MaxShortTextLen-1]) + "…", text
	}
	if strings.TrimSpace(more) == "" {
		return first, ""
	}
	return first, strings.TrimSpace(more)
}

func newRemindCmd(e *env) *cobra.Command {
	var due, account, person, every string
	var fromCompletion, promise bool
	cmd := &cobra.Command{
		Use:   "remind TEXT --due DATE [--account NAME] [--person NAME] [--every SPEC] [--from-completion] [--promise]",
		Short: "Set a follow-up (a reminder), optionally recurring",
		Long: `Set a follow-up due on DATE, optionally linked to an account and a person (a
person links their account too).

DATE is typed as anywhere in rapport: 2026-12-03, 12-03, dec 3, today,
tomorrow, fri, next week, in 3 days, +3d, +2w, +1m, end of month, and back
from today: yesterday, -3d, 3 days ago; a time may follow ("fri 15:00").
A day already past is accepted — to record something already late — and
the confirmation says how overdue it is.
--every SPEC repeats it: daily, weekly, fortnightly, monthly, quarterly,
yearly, or "every N days|weeks|months|years"; each repeat is counted from the
due date, or with --from-completion from the day it is done.
--promise marks something you told the client you would do: promises are
shown apart, and in a warning colour when late.

Safe to run from cron while the terminal interface is open on the same file.`,
		Example: `  rapport remind "Send the renewal proposal" --due fri --person dana --promise
  rapport remind "Account plan review" --due "end of month" --account acme --every quarterly
  rapport remind "Call Dana" --due "tomorrow 9:30" --person dana --every "every 2 weeks" --from-completion`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if due == "" {
				return usagef("say when: --due DATE (e.g. --due fri, --due +2w, --due 2026-12-03)")
			}
			w, err := parseDate("due", due, dayAhead)
			if err != nil {
				return err
			}
			f := model.FollowUp{Kind: model.KindFollowUp, DueOn: w.Date, FromCompletion: fromCompletion}
			if w.HasTime {
				f.DueTime = fmt.Sprintf("%02d:%02d", w.Hour, w.Minute)
			}
			if promise {
				f.Kind = model.KindPromise
			}
			if every != "" {
				r, err := model.ParseRecurrence(every)
				if err != nil {
					return usagef("--every: %s", model.Sentence(err))
				}
				f.Recur = r
			}
			if fromCompletion && f.Recur.IsZero() {
				return usagef("--from-completion only makes sense with --every")
			}
			text, err := e.readText(args[0], "the reminder")
			if err != nil {
				return err
			}
			f.Text = text
			ctx := cmd.Context()
			st, err := e.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if account != "" {
				a, err := resolveAccount(ctx, st, account)
				if err != nil {
					return err
				}
				f.AccountID = a.ID
			}
			if person != "" {
				p, err := resolvePerson(ctx, st, person)
				if err != nil {
					return err
				}
				if f.AccountID != 0 && p.AccountID != f.AccountID {
					return fmt.Errorf("%s is at %s, not at the account given with --account", p.Name, p.AccountName)
				}
				f.PersonID = p.ID
			}
			saved, err := st.CreateFollowUp(ctx, f)
			if err != nil {
				return err
			}
			// A day already past is allowed — something already late is
			// worth recording — but the confirmation says so.
			if late := overdueNote(w, timeNow()); late != "" {
				fmt.Fprintf(e.stdout, "Reminder set for %s — %s.\n", termtext.SanitizeLine(saved.DueString()), late)
				return nil
			}
			fmt.Fprintf(e.stdout, "Reminder set for %s.\n", termtext.SanitizeLine(saved.DueString()))
			return nil
		},
	}
	cmd.Flags().StringVar(&due, "due", "", "when it is due (required)")
	cmd.Flags().StringVar(&account, "account", "", "the account it is about")
	cmd.Flags().StringVar(&person, "person", "", "the person it is about")
	cmd.Flags().StringVar(&every, "every", "", "repeat: daily, weekly, monthly, quarterly, yearly, every N days|weeks|months")
	cmd.Flags().BoolVar(&fromCompletion, "from-completion", false, "count each repeat from the day it is done")
	cmd.Flags().BoolVar(&promise, "promise", false, "something you promised the client")
	return cmd
}
