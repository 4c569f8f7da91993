package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// ---- calendars (import FILE.ics) and your own addresses ----

// ownAddresses are the addresses of the user ($RAPPORT_ME, comma- or
// space-separated), which match no person: the organizer of most meetings
// and the sender of most mail.
func ownAddresses() map[string]bool { return model.OwnAddresses(os.Getenv("RAPPORT_ME")) }

// importCalendar writes (or, with --dry-run, counts) a calendar's
// meetings and says what changed; the dry run lists the addresses no
// person has, with what to do about them.
func (e *env) importCalendar(ctx context.Context, st *store.Store, name string, cal exchange.CalendarFile, from, to time.Time, o importOpts) error {
	res, err := st.SaveMeetings(ctx, store.CalendarChange{Meetings: cal.Meetings, Sources: cal.Sources, Cancelled: cal.Cancelled, From: from, To: to},
		o.dryRun)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", name, err)
	}
	me := ownAddresses()
	var unmatched []model.Attendee
	for _, a := range res.Unmatched {
		if !me[a.Email] {
			unmatched = append(unmatched, a)
		}
	}
	what := meetingSummary(res)
	switch {
	case o.dryRun:
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written. It would import: %s.\n", termtext.SanitizeLine(name), what)
	case !res.Changed():
		fmt.Fprintf(e.stdout, "Imported %s: no change (%s).\n", termtext.SanitizeLine(name), what)
	default:
		fmt.Fprintf(e.stdout, "Imported %s: %s.\n", termtext.SanitizeLine(name), what)
	}
	if len(cal.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "Events left out (%d):\n", len(cal.Skipped))
		for i, s := range cal.Skipped {
			if i == maxListed {
				fmt.Fprintf(e.stdout, "  … and %d more\n", len(cal.Skipped)-maxListed)
				break
			}
			fmt.Fprintln(e.stdout, "  "+termtext.SanitizeLine(s))
		}
	}
	if len(unmatched) == 0 {
		return nil
	}
	if !o.dryRun {
		fmt.Fprintf(e.stdout, "Matched to nobody: %s (rapport import %s --dry-run lists them).\n",
			count(len(unmatched), "address", "addresses"), termtext.SanitizeLine(quoteArg(name)))
		return nil
	}
	fmt.Fprintf(e.stdout, "Addresses no person has (%d):\n", len(unmatched))
	for i, a := range unmatched {
		if i == maxListed {
			fmt.Fprintf(e.stdout, "  … and %d more\n", len(unmatched)-maxListed)
			break
		}
		line := a.Email
		if a.Name != "" {
			line = a.Name + " <" + a.Email + ">"
		}
		fmt.Fprintln(e.stdout, "  "+termtext.SanitizeLine(line))
	}
	fmt.Fprintln(e.stdout, "To match them, import the people (rapport import people.vcf) or add the email to a person;"+
		" your own addresses go in $RAPPORT_ME. Import the calendar again after: it picks them up.")
	return nil
}

// meetingSummary says what a calendar import did: "meetings: 12 new,
// 1 moved, 3 unchanged, 2 removed".
func meetingSummary(r store.MeetingImport) string {
	var bits []string
	for _, b := range []struct {
		n    int
		word string
	}{{r.Created, "new"}, {r.Updated, "changed"}, {r.Unchanged, "unchanged"}, {r.Removed, "removed"}} {
		if b.n > 0 {
			bits = append(bits, fmt.Sprintf("%d %s", b.n, b.word))
		}
	}
	if len(bits) == 0 {
		return "no meetings in the 30 days back and 90 ahead"
	}
	return "meetings: " + strings.Join(bits, ", ")
}

// quoteArg quotes a file name for a command line when it needs it.
func quoteArg(s string) string {
	if s == "" || strings.ContainsAny(s, " \t'\"$`\\*?[]{}()<>|&;#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
