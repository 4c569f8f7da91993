package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
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
	var person, account, kind, askAfter, edit, del string
	var pin, unpin bool
	cmd := &cobra.Command{
		Use:   "note TEXT (--person NAME | --account NAME) [--kind KIND] [--ask-after DATE] [--pin]",
		Short: "Add a note to a person or an account, or correct or delete one",
		Long: `Add a dated note (today) to a person or to an account: exactly one of --person
and --account. Names match ignoring case and accents, whole name first, then a
unique prefix of the name or of a word in it; a name that matches several is
an error listing them.

KIND is one of personal, business (the default), insight or conflict.
--ask-after DATE puts the note on Today from that day as a conversation
opener ("her marathon was on Sunday"); "none" takes it off. Dates are typed
as anywhere in rapport: 2026-12-03, dec 3, fri, tomorrow, +2w, in 3 days,
end of month, and back from today: yesterday, -3d, 3 days ago. --pin keeps
the note at the top of the timeline.

  rapport note --edit UID [TEXT] [--kind KIND] [--ask-after DATE] [--pin|--unpin]
  rapport note --delete UID
--edit UID corrects a note: its text (when TEXT is given), kind, ask-after
day and pin. --delete UID deletes one. A note's uid is in
"rapport who NAME --json" (ask_about, personal_notes and recent_notes).

TEXT "-" reads the note from standard input (up to 256 KiB).`,
		Example: `  rapport note "Daughter starts university in October" --person dana --kind personal --ask-after oct 1
  rapport note "New CFO from March; budget freeze until Q2" --account acme --pin
  pbpaste | rapport note - --person "dana sm"
  rapport note --edit 3f2a9c1e-… "Daughter starts university in September" --ask-after sep 1
  rapport note --delete 3f2a9c1e-…`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if pin && unpin {
				return usagef("--pin and --unpin contradict each other: give one")
			}
			switch {
			case edit != "" && del != "":
				return usagef("--edit and --delete contradict each other: give one")
			case del != "":
				if len(args) > 0 || person != "" || account != "" || kind != "" || askAfter != "" || pin || unpin {
					return usagef("--delete takes only the note's uid")
				}
				return e.deleteNote(cmd, del)
			case edit != "":
				if person != "" || account != "" {
					return usagef("--edit changes the note itself; it stays on whom it is on (no --person or --account)")
				}
				return e.editNote(cmd, edit, args, kind, askAfter, pin, unpin)
			}
			if len(args) == 0 {
				return usagef("the note's text is missing: rapport note TEXT --person NAME (see rapport note --help)")
			}
			if unpin {
				return usagef("--unpin goes with --edit: a new note is not pinned unless --pin is given")
			}
			if (person == "") == (account == "") {
				return usagef("say whom the note is on: exactly one of --person NAME or --account NAME")
			}
			n := model.Note{Kind: model.NoteBusiness, Pinned: pin}
			if err := noteFlags(&n, kind, askAfter); err != nil {
				return err
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
			saved, err := st.CreateNote(ctx, n)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Noted on %s (uid %s).\n", termtext.SanitizeLine(name), saved.UID)
			return nil
		},
	}
	cmd.Flags().StringVar(&person, "person", "", "the person the note is on")
	cmd.Flags().StringVar(&account, "account", "", "the account the note is on")
	cmd.Flags().StringVar(&kind, "kind", "", "personal, business (default), insight or conflict")
	cmd.Flags().StringVar(&askAfter, "ask-after", "", `show the note on Today from this day, to ask about it ("none": not at all)`)
	cmd.Flags().BoolVar(&pin, "pin", false, "keep the note at the top of the timeline")
	cmd.Flags().BoolVar(&unpin, "unpin", false, "with --edit: stop pinning the note")
	cmd.Flags().StringVar(&edit, "edit", "", "correct the note with this uid")
	cmd.Flags().StringVar(&del, "delete", "", "delete the note with this uid")
	return cmd
}

// noteFlags applies --kind and --ask-after to n.
func noteFlags(n *model.Note, kind, askAfter string) error {
	if kind != "" {
		k := model.NoteKind(strings.ToLower(strings.TrimSpace(kind)))
		if !contains(model.NoteKinds, k) {
			return usagef("--kind %s: a note is one of %s", model.Quote(kind), kindNames(model.NoteKinds))
		}
		n.Kind = k
	}
	switch strings.ToLower(strings.TrimSpace(askAfter)) {
	case "":
	case "none", "never":
		n.AskAfter, n.AskedAt = model.Date{}, time.Time{}
	default:
		w, err := parseDate("ask-after", askAfter, dayAhead)
		if err != nil {
			return err
		}
		if !w.Date.Equal(n.AskAfter) {
			n.AskAfter, n.AskedAt = w.Date, time.Time{} // a new day to ask about it asks again
		}
	}
	return nil
}

// findNote finds the note --edit or --delete names by its uid.
func findNote(ctx context.Context, st *store.Store, uid string) (model.Note, error) {
	uid = strings.TrimSpace(uid)
	id, err := st.IDOf(ctx, store.HitNote, uid)
	if errors.Is(err, model.ErrNotFound) {
		return model.Note{}, fmt.Errorf("no note has the uid %s — rapport who NAME --json lists a person's notes with their uids", model.Quote(uid))
	}
	if err != nil {
		return model.Note{}, err
	}
	return st.Note(ctx, id)
}

// noteOn names whom a note is on.
func noteOn(n model.Note) string {
	if n.PersonName != "" {
		return n.PersonName
	}
	return n.AccountName
}

func (e *env) editNote(cmd *cobra.Command, uid string, args []string, kind, askAfter string, pin, unpin bool) error {
	text := ""
	if len(args) == 1 {
		var err error
		if text, err = e.readText(args[0], "the note"); err != nil {
			return err
		}
	}
	ctx := cmd.Context()
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := findNote(ctx, st, uid)
	if err != nil {
		return err
	}
	if text != "" {
		n.Text = text
	}
	if err := noteFlags(&n, kind, askAfter); err != nil {
		return err
	}
	switch {
	case pin:
		n.Pinned = true
	case unpin:
		n.Pinned = false
	}
	if _, err := st.UpdateNote(ctx, n); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Note of %s on %s saved.\n", n.On, termtext.SanitizeLine(noteOn(n)))
	return nil
}

func (e *env) deleteNote(cmd *cobra.Command, uid string) error {
	ctx := cmd.Context()
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := findNote(ctx, st, uid)
	if err != nil {
		return err
	}
	if err := st.DeleteNote(ctx, n.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Deleted the note of %s on %s: %s\n", n.On, termtext.SanitizeLine(noteOn(n)), termtext.Clip(termtext.SanitizeLine(n.Text), 60))
	return nil
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
	var people []string
	var on string
	var ml mailOpts
	cmd := &cobra.Command{
		Use:   "log KIND TEXT --person NAME [--person NAME…] [--on DATE] | log --eml FILE|- [--keep-body] [--dry-run]",
		Short: "Log a touch (call, meeting, email…) with one or more people, or a mail",
		Long: `Log an interaction with people: it restarts the contact cadence of everyone
in it. Give --person once for each (all at the same account: one touch).

KIND is one of call, meeting, email, message, qbr or deliverable (any case).
TEXT is the summary; its first line is the summary and any further lines
are kept as the touch's text. "-" reads it from standard input.
--on DATE is the day it happened (default today), typed as for any date
flag and read backwards: 2026-03-02, mar 2 (the last 2 March), yesterday,
mon (the last Monday before today), -3d, "3 days ago". A day in the future
is refused: log what happened, and set a reminder for what is planned.

--eml FILE logs a mail (one RFC 5322 message: a saved .eml, or "-" for
what mutt, neomutt or aerc pipe to a command) as one email touch: dated by
its Date, its decoded Subject as the summary, with every person whose
address is in From, To or Cc (any case). Your own addresses, given in
$RAPPORT_ME (comma-separated), are left out. --keep-body keeps the first
plain-text part, without the quoted reply below it, as the touch's text.
The same mail (by its Message-ID) is logged once: a second run says so and
writes nothing. A mail with no address of anyone in rapport is an error
listing the addresses. --dry-run shows what would be logged.`,
		Example: `  rapport log call "Walked through the renewal numbers" --person dana
  rapport log QBR "Q1 review: on track, wants a roadmap session" --person "dana sm" --person lee --on 2026-03-02
  rapport log --eml ~/Downloads/reply.eml --dry-run
  # in mutt: macro index,pager L "<pipe-message>rapport log --eml -<enter>"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if ml.file != "" {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if ml.file != "" {
				if len(people) > 0 || on != "" {
					return usagef("--eml takes the people and the day from the mail: no --person or --on")
				}
				return e.logMail(cmd.Context(), ml)
			}
			if ml.keepBody || ml.dryRun {
				return usagef("--keep-body and --dry-run go with --eml FILE")
			}
			if len(people) == 0 {
				return usagef("say whom you were in touch with: --person NAME (once for each)")
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
			var names []string
			var first model.Person
			for i, name := range people {
				p, err := resolvePerson(ctx, st, name)
				if err != nil {
					return err
				}
				if i == 0 {
					first, t.AccountID = p, p.AccountID
				}
				if p.AccountID != t.AccountID {
					return usagef("%s is at %s and %s at %s: a touch is with the people of one account — log one for each",
						termtext.SanitizeLine(first.Name), termtext.SanitizeLine(first.AccountName), termtext.SanitizeLine(p.Name), termtext.SanitizeLine(p.AccountName))
				}
				if !contains(t.PersonIDs, p.ID) {
					t.PersonIDs = append(t.PersonIDs, p.ID)
					names = append(names, termtext.SanitizeLine(p.Name))
				}
			}
			if _, err := st.LogTouch(ctx, t); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Logged %s with %s on %s.\n", kind, andList(names), t.On)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&people, "person", nil, "a person you were in touch with (required; give it once for each)")
	cmd.Flags().StringVar(&on, "on", "", "the day it happened (default today)")
	cmd.Flags().StringVar(&ml.file, "eml", "", `log this mail ("-": standard input) as an email touch`)
	cmd.Flags().BoolVar(&ml.keepBody, "keep-body", false, "with --eml: keep the mail's text, without the quoted reply")
	cmd.Flags().BoolVar(&ml.dryRun, "dry-run", false, "with --eml: show what would be logged, write nothing")
	return cmd
}

// andList joins names as a sentence does: "Dana", "Dana and Lee",
// "Dana, Lee and Sam".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
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
