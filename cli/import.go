package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newImportCmd) }

// The largest files import reads: a JSON export of the large demo dataset
// is about a tenth of the JSON bound; contact files are far smaller.
const (
	maxImportJSON = 512 << 20
	maxImportCSV  = 64 << 20
	maxImportVCF  = 64 << 20
	maxImportICS  = 64 << 20
)

// A calendar import reads the meetings of the last month and the next
// three: what Today, the prep sheets and the debriefs need.
const (
	calendarPastDays   = 30
	calendarFutureDays = 90
)

type importOpts struct {
	format, account, kind string
	dryRun, skipBad       bool
}

func newImportCmd(e *env) *cobra.Command {
	var o importOpts
	cmd := &cobra.Command{
		Use:   "import FILE [--format json|csv|vcf|ics] [--account NAME] [--dry-run] [--skip-bad] [--kind accounts|people]",
		Short: "Import a JSON export, a CSV sheet, vCards or a calendar",
		Long: `Import records from FILE ("-" reads standard input; then give --format). The
format comes from --format or the file's extension (.json, .csv, .vcf, .ics).

  json  a rapport export (rapport export --format json): every record is
        matched by its uid, updated in place or added. All or nothing: the
        whole document is checked before anything is written.
  csv   a sheet of people (Name or First/Last name, Title, Email, Phone,
        Company, Department, Location, Birthday, Stance, Relationship owner
        or Owner, Notes — Outlook and Google contact exports read as they
        are), or of accounts with --kind accounts (Name, Tier, Industry,
        Region, Countries, Currency, Revenue, Potential, Outlook,
        Importance, Hard to replace, Notes). A sheet with account columns
        (Tier, Industry, Revenue…) and no person columns is read as
        accounts.
  vcf   vCards (3.0 and 4.0; 2.1 as far as it goes) as people.
  ics   a calendar (iCalendar, as Google, Outlook, Apple Calendar,
        Thunderbird, khal and calcurse export it): its events as meetings,
        from 30 days back to 90 days ahead. A repeating event is one
        meeting per occurrence (EXDATE and moved occurrences as the
        calendar says); a cancelled one is removed. Attendees and the
        organizer are matched to people by email, ignoring case, and the
        meeting is on the account of the first one matched. To-dos are
        left alone. Importing the file again changes nothing; a moved event
        moves. --dry-run lists the addresses no person has (your own,
        given in $RAPPORT_ME, aside).

People are matched so that importing the same file again adds nothing: by
a vCard's UID, else by email, else by name within the account. The company
(Company column, ORG in a vCard) names the account, created when missing,
unless --account NAME puts everyone new on that account (an existing one,
matched as everywhere, or else a new one of that name). A person found by
UID or email stays on their account. Fields the file fills replace what is
stored; empty ones leave it alone. A vCard's NOTE (a sheet's Notes) becomes
a note on the person unless the same note is there already; BDAY (a sheet's
Birthday) is the birthday. A birthday like 5/12/1968, which could be day or
month first, is left out and said so. A vCard rapport wrote carries the
role in decisions, location, stance and relationship owner as labelled
NOTE lines, read back as those fields. A stance (a sheet's Stance) is
supporter, neutral, sceptic (or skeptic) or opponent; any other makes the
row bad. Accounts are matched by name.

A bad row stops the import with "line N: reason" and nothing is written;
with --skip-bad the good rows are imported and the bad ones listed.
--dry-run shows what would be created and updated, and writes nothing: a
database that does not exist yet is not created (the dry run says so), and
one of an older rapport is not upgraded (the dry run uses a copy).
While an import writes, another rapport that saves (a cron remind, the
terminal interface) waits for it, saying so, instead of failing.
Files are bounded: 512 MiB of JSON, 64 MiB of CSV or vCards.`,
		Example: `  rapport import backup-2026-03-02.json --dry-run
  rapport import contacts.vcf
  rapport import "Outlook contacts.csv" --account acme --skip-bad
  rapport import accounts.csv --kind accounts
  rapport import ~/Downloads/work.ics --dry-run`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runImport(cmd.Context(), args[0], o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "json, csv, vcf or ics (default: from the file's extension)")
	cmd.Flags().StringVar(&o.account, "account", "", "csv/vcf: put every person on this account")
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "show what would change, write nothing")
	cmd.Flags().BoolVar(&o.skipBad, "skip-bad", false, "csv/vcf: import the good rows and list the bad ones")
	cmd.Flags().StringVar(&o.kind, "kind", "", "csv: people (default) or accounts")
	return cmd
}

func (e *env) runImport(ctx context.Context, path string, o importOpts) error {
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if o.format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".json":
			o.format = "json"
		case ".csv", ".tsv", ".txt":
			o.format = "csv"
		case ".vcf", ".vcard":
			o.format = "vcf"
		case ".ics", ".ical", ".ifb", ".icalendar":
			o.format = "ics"
		default:
			return usagef("cannot tell the format of %q from its name: give --format json, csv, vcf or ics", model.Clip(path))
		}
	}
	o.kind = strings.ToLower(strings.TrimSpace(o.kind))
	switch {
	case o.format != "json" && o.format != "csv" && o.format != "vcf" && o.format != "ics":
		return usagef("--format %q: use json, csv, vcf or ics", model.Clip(o.format))
	case o.format == "ics" && (o.account != "" || o.skipBad || o.kind != ""):
		return usagef("--account, --skip-bad and --kind do not apply to a calendar: its meetings go on the accounts of the people in them")
	case o.kind != "" && o.kind != "people" && o.kind != "accounts":
		return usagef("--kind %q: use people or accounts", model.Clip(o.kind))
	case o.kind != "" && o.format == "json":
		return usagef("--kind does not apply to json, which holds every kind")
	case o.kind == "accounts" && o.format == "vcf":
		return usagef("vCards are people; --kind accounts needs a CSV sheet")
	case o.format == "json" && (o.account != "" || o.skipBad):
		return usagef("--account and --skip-bad do not apply to json: a JSON import is all or nothing")
	case o.kind == "accounts" && o.account != "":
		return usagef("--account does not apply to --kind accounts")
	}
	limit := int64(maxImportJSON)
	switch o.format {
	case "csv":
		limit = maxImportCSV
	case "vcf":
		limit = maxImportVCF
	case "ics":
		limit = maxImportICS
	}

	var in io.Reader
	var file *os.File // the file to import, when it is one that can be read twice
	name := path
	if path == "-" {
		name = "standard input"
		if e.stdin == nil {
			return usagef("FILE is \"-\" but there is no standard input")
		}
		in = e.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("cannot open %s: %w", path, unwrapPathError(err))
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
		}
		if fi.IsDir() {
			return fmt.Errorf("%s is a directory, not a file to import", path)
		}
		if fi.Mode().IsRegular() {
			if fi.Size() > limit {
				return fmt.Errorf("%s is %s; rapport imports at most %s of %s", path, sizeText(int(fi.Size())), sizeText(int(limit)),
					strings.ToUpper(o.format))
			}
			file = f
		}
		in = f // a pipe (import <(…)) is read as standard input is
	}

	// Read the file before opening the database: a file that does not read
	// leaves no trace, not even a new empty database.
	if o.format == "json" {
		if file == nil {
			spool, err := spoolInput(in, limit)
			if errors.Is(err, exchange.ErrTooLarge) {
				return fmt.Errorf("%s is larger than %s, the most rapport imports of JSON", name, sizeText(int(limit)))
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			defer spool.Close()
			file = spool
		}
		fi, err := file.Stat()
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", name, unwrapPathError(err))
		}
		doc, err := exchange.OpenDataset(file, fi.Size(), limit)
		if err != nil {
			if errors.Is(err, exchange.ErrTooLarge) {
				return fmt.Errorf("%s is larger than %s, the most rapport imports of JSON", name, sizeText(int(limit)))
			}
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
		st, done, err := e.openForImport(ctx, o.dryRun)
		if err != nil {
			return err
		}
		defer done()
		return e.importJSON(ctx, st, doc, name, o)
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return fmt.Errorf("%s is larger than %s, the most rapport imports of %s", name, sizeText(int(limit)), strings.ToUpper(o.format))
	}
	if o.format == "ics" {
		now := timeNow()
		from, to := now.AddDate(0, 0, -calendarPastDays), now.AddDate(0, 0, calendarFutureDays)
		cal, err := exchange.ReadMeetings(bytes.NewReader(data), limit, from, to, time.Local)
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
		st, done, err := e.openForImport(ctx, o.dryRun)
		if err != nil {
			return err
		}
		defer done()
		return e.importCalendar(ctx, st, name, cal, from, to, o)
	}
	// readErr keeps the rows a reader could not read; any other error stops.
	var readBad []*exchange.LineError
	readErr := func(err error) error {
		if err == nil {
			return nil
		}
		var bad exchange.BadRows
		if errors.As(err, &bad) {
			readBad = append(readBad, bad...)
			return nil
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if o.format == "csv" && (o.kind == "accounts" || (o.kind == "" && exchange.LooksLikeAccounts(data))) {
		if o.kind == "" {
			fmt.Fprintln(e.stdout, "The sheet has account columns and no person columns: reading it as accounts (--kind people reads it as people).")
		}
		rows, err := exchange.ReadAccountsCSV(bytes.NewReader(data), limit)
		if err := readErr(err); err != nil {
			return err
		}
		st, done, err := e.openForImport(ctx, o.dryRun)
		if err != nil {
			return err
		}
		defer done()
		return e.importAccounts(ctx, st, name, rows, readBad, o)
	}
	var rows []exchange.PersonRow
	if o.format == "csv" {
		ps, err := exchange.ReadPeopleCSV(bytes.NewReader(data), limit)
		if err := readErr(err); err != nil {
			return err
		}
		rows = exchange.SheetRows(ps)
	} else {
		cs, err := exchange.ReadVCards(bytes.NewReader(data), limit)
		if err := readErr(err); err != nil {
			return err
		}
		rows = exchange.CardRows(cs)
	}
	st, done, err := e.openForImport(ctx, o.dryRun)
	if err != nil {
		return err
	}
	defer done()
	return e.importPeople(ctx, st, name, rows, readBad, o)
}

// openForImport opens the database to import into, and returns what to
// call when done with it. An import may start a new database. A dry run
// writes nothing, not even a migration: it reads the database read-only;
// into a database that does not exist yet it plans against an empty one in
// a temporary directory, and says that the import would create the
// database — so a mistyped --db shows; against a database of an older
// rapport it plans on an upgraded copy in a temporary directory.
func (e *env) openForImport(ctx context.Context, dryRun bool) (*store.Store, func(), error) {
	if !dryRun {
		st, err := e.open(ctx)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	}
	path, err := e.path()
	if err != nil {
		return nil, nil, err
	}
	_, statErr := os.Stat(path)
	var st *store.Store
	if statErr == nil {
		st, err = store.Open(ctx, path, store.ReadOnly(), e.notice())
		if err == nil {
			return st, func() { st.Close() }, nil
		}
		if !errors.Is(err, store.ErrOldSchema) {
			return nil, nil, err
		}
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("cannot open the database %s: %w", path, unwrapPathError(statErr))
	}
	dir, err := os.MkdirTemp("", "rapport-dry-run-")
	if err != nil {
		return nil, nil, fmt.Errorf("cannot make a scratch database for the dry run: %w", err)
	}
	if statErr == nil {
		st, err = store.ScratchCopy(ctx, path, dir, e.notice())
	} else {
		st, err = store.Open(ctx, filepath.Join(dir, "rapport.db"))
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	if statErr == nil {
		fmt.Fprintf(e.stdout, "%s is from an older rapport: the dry run uses an upgraded copy and leaves the file as it is.\n",
			termtext.SanitizeLine(path))
	} else {
		fmt.Fprintf(e.stdout, "There is no database at %s yet: the import would create it.\n", termtext.SanitizeLine(path))
	}
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}

// spoolInput copies a stream (standard input, a pipe) to a temporary file,
// at most limit bytes, so that an import can read it more than once; the
// file is gone once closed.
func spoolInput(in io.Reader, limit int64) (*os.File, error) {
	f, err := os.CreateTemp("", "rapport-import-*.json")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary copy to read: %w", unwrapPathError(err))
	}
	os.Remove(f.Name()) // the open file lives on until closed
	n, err := io.Copy(f, io.LimitReader(in, limit+1))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot read it: %w", unwrapPathError(err))
	}
	if n > limit {
		f.Close()
		return nil, fmt.Errorf("%w: it is larger than %s, the most rapport imports of JSON", exchange.ErrTooLarge, sizeText(int(limit)))
	}
	return f, nil
}

// ---- JSON ----

func (e *env) importJSON(ctx context.Context, st *store.Store, doc store.ImportSource, name string, o importOpts) error {
	res, err := st.ImportFrom(ctx, doc, store.ImportOptions{DryRun: o.dryRun})
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", name, err)
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written. It would import: %s.\n", termtext.SanitizeLine(name), importSummary(res))
		return nil
	}
	fmt.Fprintf(e.stdout, "Imported %s: %s.\n", termtext.SanitizeLine(name), importSummary(res))
	e.warn(res.Warning)
	return nil
}

// warn prints a warning, if any, to standard error.
func (e *env) warn(w string) {
	if w != "" {
		fmt.Fprintln(e.stderr, "rapport: warning: "+termtext.SanitizeLine(w))
	}
}

// ---- CSV and vCard ----

// storeBook is the stored book as exchange's planner reads it.
type storeBook struct{ st *store.Store }

func (b storeBook) EachPerson(ctx context.Context, fn func([]model.Person) error) error {
	return eachPage(func(after *store.Cursor) (store.Page[model.Person], error) {
		return b.st.People(ctx, store.PersonFilter{Archived: true}, store.PageReq{After: after, Limit: store.MaxPage})
	}, fn)
}

func (b storeBook) Person(ctx context.Context, id int64) (model.Person, error) {
	return b.st.Person(ctx, id)
}

func (b storeBook) EachNote(ctx context.Context, personID int64, fn func([]model.Note) error) error {
	return eachPage(func(after *store.Cursor) (store.Page[model.Note], error) {
		return b.st.Notes(ctx, store.NoteFilter{PersonID: personID}, store.PageReq{After: after, Limit: store.MaxPage})
	}, fn)
}

func (b storeBook) FindAccounts(ctx context.Context, name string, limit int) ([]model.Account, error) {
	return b.st.FindAccounts(ctx, name, limit)
}

func (e *env) importPeople(ctx context.Context, st *store.Store, name string, rows []exchange.PersonRow,
	readBad []*exchange.LineError, o importOpts) error {
	opt := exchange.PeopleOptions{Today: today(), DryRun: o.dryRun}
	if o.account != "" {
		ref, err := namedAccount(ctx, st, o.account)
		if err != nil {
			return err
		}
		opt.Account = ref
	}
	p, err := exchange.PlanPeople(ctx, storeBook{st}, rows, opt)
	if err != nil {
		return err
	}
	p.Bad = append(readBad, p.Bad...)
	return e.finish(ctx, st, name, p, o)
}

func (e *env) importAccounts(ctx context.Context, st *store.Store, name string, rows []exchange.CSVAccount,
	readBad []*exchange.LineError, o importOpts) error {
	p, err := exchange.PlanAccounts(ctx, storeBook{st}, rows)
	if err != nil {
		return err
	}
	p.Bad = append(readBad, p.Bad...)
	return e.finish(ctx, st, name, p, o)
}

// namedAccount finds the account --account names as the other commands do
// (whole name, else a unique prefix of the name or a word in it); when
// none matches, the import creates an account of that name.
func namedAccount(ctx context.Context, st *store.Store, name string) (*exchange.AccountRef, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil, usagef("--account needs a name")
	}
	if err := model.CheckQuery("--account", name); err != nil {
		return nil, usageError{err}
	}
	found, err := st.FindAccounts(ctx, name, model.MaxCandidates+1)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return &exchange.AccountRef{UID: model.NewUID(), Name: name}, nil
	case 1:
		a := found[0]
		return &exchange.AccountRef{UID: a.UID, Name: a.Name, ID: a.ID}, nil
	}
	if _, err := resolveAccount(ctx, st, name); err != nil {
		return nil, err // lists the candidates
	}
	return nil, fmt.Errorf("%q matches several accounts — say which", model.Clip(name))
}

// rowText says where a bad row is and what is wrong with it.
func rowText(r *exchange.LineError) string {
	if r.Card > 0 {
		return fmt.Sprintf("line %d (card %d): %s", r.Line, r.Card, r.Reason)
	}
	return fmt.Sprintf("line %d: %s", r.Line, r.Reason)
}

// byLine sorts rows in file order.
func byLine(rows []*exchange.LineError) []*exchange.LineError {
	slices.SortStableFunc(rows, func(a, b *exchange.LineError) int { return cmp.Compare(a.Line, b.Line) })
	return rows
}

// maxListed is how many bad rows an import lists; a file where most rows
// are bad says so in the count.
const maxListed = 50

// finish writes the plan (or, with --dry-run, shows it) and reports. A bad
// row stops everything unless --skip-bad is given: nothing is written and
// the error names the first bad row in the file.
func (e *env) finish(ctx context.Context, st *store.Store, name string, p exchange.Plan, o importOpts) error {
	bad := byLine(p.Bad)
	if len(bad) > 0 && !o.skipBad {
		more := ""
		if len(bad) > 1 {
			more = fmt.Sprintf(" (and %s)", count(len(bad)-1, "more bad row", "more bad rows"))
		}
		if o.dryRun {
			e.showPlan(name, p.Lines)
			e.listRows("Bad rows", bad)
			return fmt.Errorf("%s: %s%s; the import would stop there and write nothing (--skip-bad imports the good rows)", name, rowText(bad[0]), more)
		}
		return fmt.Errorf("%s: %s%s; nothing was imported (--skip-bad imports the good rows)", name, rowText(bad[0]), more)
	}
	var res store.ImportResult
	if len(p.Dataset.Accounts)+len(p.Dataset.People)+len(p.Dataset.Notes) > 0 {
		p.Dataset.Format, p.Dataset.Version = model.DatasetFormat, model.DatasetVersion
		var err error
		if res, err = st.Import(ctx, p.Dataset, store.ImportOptions{DryRun: o.dryRun}); err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
	}
	if o.dryRun {
		e.showPlan(name, p.Lines)
		fmt.Fprintf(e.stdout, "It would import: %s.\n", importSummary(res))
	} else {
		fmt.Fprintf(e.stdout, "Imported %s: %s.\n", termtext.SanitizeLine(name), importSummary(res))
		e.warn(res.Warning)
	}
	if o.dryRun {
		e.listRows("Bad rows it would skip", bad)
		e.listRows("Rows it would import with something left out", byLine(p.Remarks))
		return nil
	}
	e.listRows("Skipped bad rows", bad)
	e.listRows("Imported with something left out", byLine(p.Remarks))
	return nil
}

func (e *env) showPlan(name string, lines []string) {
	fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written.\n", termtext.SanitizeLine(name))
	for _, l := range lines {
		fmt.Fprintln(e.stdout, "  "+termtext.SanitizeLine(l))
	}
}

// listRows lists rows under a heading, at most maxListed of them.
func (e *env) listRows(heading string, rows []*exchange.LineError) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "%s (%d):\n", heading, len(rows))
	for i, r := range rows {
		if i == maxListed {
			fmt.Fprintf(e.stdout, "  … and %d more\n", len(rows)-maxListed)
			break
		}
		fmt.Fprintln(e.stdout, "  "+termtext.SanitizeLine(rowText(r)))
	}
}
