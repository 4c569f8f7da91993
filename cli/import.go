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
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

func init() { subcommands = append(subcommands, newImportCmd) }

// The largest files import reads: a JSON export of the large demo dataset
// is about a tenth of the JSON bound; contact files are far smaller.
const (
	maxImportJSON = 512 << 20
	maxImportCSV  = 64 << 20
	maxImportVCF  = 64 << 20
)

type importOpts struct {
	format, account, kind string
	dryRun, skipBad       bool
}

func newImportCmd(e *env) *cobra.Command {
	var o importOpts
	cmd := &cobra.Command{
		Use:   "import FILE [--format json|csv|vcf] [--account NAME] [--dry-run] [--skip-bad] [--kind accounts|people]",
		Short: "Import a JSON export, a CSV sheet or vCards",
		Long: `Import records from FILE ("-" reads standard input; then give --format). The
format comes from --format or the file's extension (.json, .csv, .vcf).

  json  a rapport export (rapport export --format json): every record is
        matched by its uid, updated in place or added. All or nothing: the
        whole document is checked before anything is written.
  csv   a sheet of people (Name or First/Last name, Title, Email, Phone,
        Company, Department, Location, Birthday, Notes — Outlook and Google
        contact exports read as they are), or of accounts with --kind
        accounts (Name, Tier, Industry, Region, Countries, Currency, Revenue,
        Potential, Outlook, Importance, Hard to replace, Notes). A sheet with
        account columns (Tier, Industry, Revenue…) and no person columns is
        read as accounts.
  vcf   vCards (3.0 and 4.0; 2.1 as far as it goes) as people.

People are matched so that importing the same file again adds nothing: by
a vCard's UID, else by email, else by name within the account. The company
(Company column, ORG in a vCard) names the account, created when missing,
unless --account NAME puts everyone new on that account (an existing one,
matched as everywhere, or else a new one of that name). A person found by
UID or email stays on their account. Fields the file fills replace what is
stored; empty ones leave it alone. A vCard's NOTE (a sheet's Notes) becomes
a note on the person unless the same note is there already; BDAY (a sheet's
Birthday) is the birthday. A birthday like 5/12/1968, which could be day or
month first, is left out and said so. Accounts are matched by name.

A bad row stops the import with "line N: reason" and nothing is written;
with --skip-bad the good rows are imported and the bad ones listed.
--dry-run shows what would be created and updated, and writes nothing: a
database that does not exist yet is not created (the dry run says so).
Files are bounded: 512 MiB of JSON, 64 MiB of CSV or vCards.`,
		Example: `  rapport import backup-2026-03-02.json --dry-run
  rapport import contacts.vcf
  rapport import "Outlook contacts.csv" --account acme --skip-bad
  rapport import accounts.csv --kind accounts`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runImport(cmd.Context(), args[0], o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "json, csv or vcf (default: from the file's extension)")
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
		default:
			return usagef("cannot tell the format of %q from its name: give --format json, csv or vcf", path)
		}
	}
	o.kind = strings.ToLower(strings.TrimSpace(o.kind))
	switch {
	case o.format != "json" && o.format != "csv" && o.format != "vcf":
		return usagef("--format %q: use json, csv or vcf", o.format)
	case o.kind != "" && o.kind != "people" && o.kind != "accounts":
		return usagef("--kind %q: use people or accounts", o.kind)
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
	}

	var in io.Reader
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
		if fi.Size() > limit {
			return fmt.Errorf("%s is %s; rapport imports at most %s of %s", path, sizeText(int(fi.Size())), sizeText(int(limit)),
				strings.ToUpper(o.format))
		}
		in = f
	}

	// Read the file before opening the database: a file that does not read
	// leaves no trace, not even a new empty database.
	if o.format == "json" {
		ds, err := exchange.ReadDataset(in, limit)
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
		return e.importJSON(ctx, st, ds, name, o)
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return fmt.Errorf("%s is larger than %s, the most rapport imports of %s", name, sizeText(int(limit)), strings.ToUpper(o.format))
	}
	// readErr keeps the rows a reader could not read; any other error stops.
	var readBad []badRow
	readErr := func(err error) error {
		if err == nil {
			return nil
		}
		var bad exchange.BadRows
		if errors.As(err, &bad) {
			for _, b := range bad {
				readBad = append(readBad, badRow{line: b.Line, card: b.Card, reason: b.Reason})
			}
			return nil
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if o.format == "csv" && (o.kind == "accounts" || (o.kind == "" && looksLikeAccounts(data))) {
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
	var rows []personRow
	if o.format == "csv" {
		ps, err := exchange.ReadPeopleCSV(bytes.NewReader(data), limit)
		if err := readErr(err); err != nil {
			return err
		}
		for _, p := range ps {
			rows = append(rows, personRow{line: p.Line, name: p.Name, title: p.Title, email: p.Email, phone: p.Phone,
				org: p.Account, unit: p.BusinessUnit, location: p.Location, birthdayText: p.Birthday, note: p.Notes})
		}
	} else {
		cs, err := exchange.ReadVCards(bytes.NewReader(data), limit)
		if err := readErr(err); err != nil {
			return err
		}
		for _, c := range cs {
			rows = append(rows, personRow{line: c.Line, uid: c.UID, name: c.Name, title: c.Title, email: c.Email,
				phone: c.Phone, org: c.Org, unit: c.BusinessUnit, location: c.Location, role: c.Role, birthday: c.Birthday,
				note: c.Note})
		}
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
// writes nothing: into a database that does not exist yet it plans against
// an empty one in a temporary directory, removed afterwards, and says that
// the import would create the database — so a mistyped --db shows.
func (e *env) openForImport(ctx context.Context, dryRun bool) (*store.Store, func(), error) {
	if dryRun {
		path, err := e.path()
		if err != nil {
			return nil, nil, err
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			dir, err := os.MkdirTemp("", "rapport-dry-run-")
			if err != nil {
				return nil, nil, fmt.Errorf("cannot make a scratch database for the dry run: %w", err)
			}
			st, err := store.Open(ctx, filepath.Join(dir, "rapport.db"))
			if err != nil {
				os.RemoveAll(dir)
				return nil, nil, err
			}
			fmt.Fprintf(e.stdout, "There is no database at %s yet: the import would create it.\n", line(path))
			return st, func() { st.Close(); os.RemoveAll(dir) }, nil
		}
	}
	st, err := e.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// ---- JSON ----

func (e *env) importJSON(ctx context.Context, st *store.Store, ds model.Dataset, name string, o importOpts) error {
	res, err := st.Import(ctx, ds, store.ImportOptions{DryRun: o.dryRun})
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", name, err)
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written. It would import: %s.\n", line(name), importSummary(res))
		return nil
	}
	fmt.Fprintf(e.stdout, "Imported %s: %s.\n", line(name), importSummary(res))
	e.warn(res.Warning)
	return nil
}

// warn prints a warning, if any, to standard error.
func (e *env) warn(w string) {
	if w != "" {
		fmt.Fprintln(e.stderr, "rapport: warning: "+line(w))
	}
}

// ---- CSV and vCard: the rows ----

// personRow is one person read from a sheet or a vCard.
type personRow struct {
	line                                           int
	uid                                            string // a vCard's UID
	name, title, email, phone, org, unit, location string
	role                                           string // from a vCard rapport wrote
	birthday                                       model.Birthday
	birthdayText                                   string // a sheet's, to parse
	note                                           string
}

// badRow is a row that cannot be imported, or a remark on one, and why.
type badRow struct {
	line   int
	card   int // the vCard's number, or 0
	reason string
}

func (b badRow) String() string {
	if b.card > 0 {
		return fmt.Sprintf("line %d (card %d): %s", b.line, b.card, b.reason)
	}
	return fmt.Sprintf("line %d: %s", b.line, b.reason)
}

// Error makes a badRow an error, so a row's checks can return it.
func (b badRow) Error() string { return b.String() }

// byLine sorts rows in file order.
func byLine(rows []badRow) []badRow {
	slices.SortStableFunc(rows, func(a, b badRow) int { return cmp.Compare(a.line, b.line) })
	return rows
}

// maxListed is how many bad rows an import lists; a file where most rows
// are bad says so in the count.
const maxListed = 50

// plan is what a sheet or vCard import will do: the document to write, a
// line per row for --dry-run, the bad rows and the remarks.
type plan struct {
	ds      model.Dataset
	lines   []string
	bad     []badRow
	remarks []badRow // rows imported with something left out
}

// finish writes the plan (or, with --dry-run, shows it) and reports. A bad
// row stops everything unless --skip-bad is given: nothing is written and
// the error names the first bad row in the file.
func (e *env) finish(ctx context.Context, st *store.Store, name string, p plan, o importOpts) error {
	bad := byLine(p.bad)
	if len(bad) > 0 && !o.skipBad {
		more := ""
		if len(bad) > 1 {
			more = fmt.Sprintf(" (and %s)", plural(len(bad)-1, "more bad row", "more bad rows"))
		}
		if o.dryRun {
			e.showPlan(name, p.lines)
			e.listRows("Bad rows", bad)
			return fmt.Errorf("%s: %s%s; the import would stop there and write nothing (--skip-bad imports the good rows)", name, bad[0], more)
		}
		return fmt.Errorf("%s: %s%s; nothing was imported (--skip-bad imports the good rows)", name, bad[0], more)
	}
	var res store.ImportResult
	if len(p.ds.Accounts)+len(p.ds.People)+len(p.ds.Notes) > 0 {
		p.ds.Format, p.ds.Version = model.DatasetFormat, model.DatasetVersion
		var err error
		if res, err = st.Import(ctx, p.ds, store.ImportOptions{DryRun: o.dryRun}); err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
	}
	if o.dryRun {
		e.showPlan(name, p.lines)
		fmt.Fprintf(e.stdout, "It would import: %s.\n", importSummary(res))
	} else {
		fmt.Fprintf(e.stdout, "Imported %s: %s.\n", line(name), importSummary(res))
		e.warn(res.Warning)
	}
	e.listRows("Skipped bad rows", bad)
	e.listRows("Imported with something left out", byLine(p.remarks))
	return nil
}

func (e *env) showPlan(name string, lines []string) {
	fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written.\n", line(name))
	for _, l := range lines {
		fmt.Fprintln(e.stdout, "  "+l)
	}
}

// listRows lists rows under a heading, at most maxListed of them.
func (e *env) listRows(heading string, rows []badRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "%s (%d):\n", heading, len(rows))
	for i, r := range rows {
		if i == maxListed {
			fmt.Fprintf(e.stdout, "  … and %d more\n", len(rows)-maxListed)
			break
		}
		fmt.Fprintln(e.stdout, "  "+line(r.String()))
	}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// reason is an error's message without the "invalid: " of model errors.
func reason(err error) string { return strings.ReplaceAll(err.Error(), "invalid: ", "") }

// ---- people ----

// accountRef is an account people are put on: stored, or new in this import.
type accountRef struct {
	uid, name string
	id        int64 // 0: new
}

// peopleImport resolves rows to the records to write, without writing.
type peopleImport struct {
	ctx   context.Context
	st    *store.Store
	fixed *accountRef // --account

	accounts map[string]*accountRef // folded name → account, stored or planned
	planned  map[string]bool        // uids of the accounts the plan creates

	// Every stored person (archived ones too), to match rows against.
	byEmail map[string]int64 // lower-case email → id
	byUID   map[string]int64
	byName  map[string][]int64 // account id + "\x00" + folded name → ids

	people   []model.Person // to upsert; stored ones keep their uid
	isNew    []bool
	planKey  map[string]int // "e:"+email, "n:"+account uid+"\x00"+folded name, "u:"+uid → index in people
	planByID map[int64]int  // stored person id → index in people

	notes     []model.Note
	noteTexts map[string]map[string]bool // person uid → note texts stored or planned

	plan plan
}

func (e *env) importPeople(ctx context.Context, st *store.Store, name string, rows []personRow, readBad []badRow, o importOpts) error {
	pi := &peopleImport{ctx: ctx, st: st, accounts: map[string]*accountRef{}, planned: map[string]bool{},
		planKey: map[string]int{}, planByID: map[int64]int{}, noteTexts: map[string]map[string]bool{}}
	pi.plan.bad = readBad
	if o.account != "" {
		ref, err := pi.namedAccount(o.account)
		if err != nil {
			return err
		}
		pi.fixed = ref
	}
	if err := pi.index(); err != nil {
		return err
	}
	for _, r := range rows {
		if err := pi.row(r); err != nil {
			var bad badRow
			if !errors.As(err, &bad) {
				return err
			}
			pi.plan.bad = append(pi.plan.bad, bad)
		}
	}
	pi.plan.ds.People, pi.plan.ds.Notes = pi.people, pi.notes
	return e.finish(ctx, st, name, pi.plan, o)
}

// namedAccount finds the account --account names as the other commands do
// (whole name, else a unique prefix of the name or a word in it); when
// none matches, the import creates an account of that name.
func (pi *peopleImport) namedAccount(name string) (*accountRef, error) {
	name = normSpace(name)
	if name == "" {
		return nil, usagef("--account needs a name")
	}
	found, err := pi.st.FindAccounts(pi.ctx, name, maxCandidates+1)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		ref := &accountRef{uid: model.NewUID(), name: name}
		pi.accounts[model.Fold(name)] = ref
		return ref, nil
	case 1:
		a := found[0]
		ref := &accountRef{uid: a.UID, name: a.Name, id: a.ID}
		pi.accounts[model.Fold(a.Name)] = ref
		return ref, nil
	}
	if _, err := resolveAccount(pi.ctx, pi.st, name); err != nil {
		return nil, err // lists the candidates
	}
	return nil, fmt.Errorf("%q matches several accounts — say which", name)
}

// index reads every stored person's email, uid and name, once, for matching.
func (pi *peopleImport) index() error {
	pi.byEmail, pi.byUID, pi.byName = map[string]int64{}, map[string]int64{}, map[string][]int64{}
	return eachPage(func(after *store.Cursor) (store.Page[model.Person], error) {
		return pi.st.People(pi.ctx, store.PersonFilter{Archived: true}, store.PageReq{After: after, Limit: store.MaxPage})
	}, func(ps []model.Person) error {
		for _, p := range ps {
			if p.Email != "" {
				if _, dup := pi.byEmail[strings.ToLower(p.Email)]; !dup {
					pi.byEmail[strings.ToLower(p.Email)] = p.ID
				}
			}
			pi.byUID[p.UID] = p.ID
			key := nameKey(strconv.FormatInt(p.AccountID, 10), p.Name)
			pi.byName[key] = append(pi.byName[key], p.ID)
		}
		return nil
	})
}

// nameKey is the key of a name within an account.
func nameKey(account, name string) string { return account + "\x00" + model.Fold(normSpace(name)) }

// account finds the account a company name names: stored (the whole name,
// any case or accents), else one to create. It creates nothing.
func (pi *peopleImport) account(name string) (*accountRef, error) {
	name = normSpace(name)
	fold := model.Fold(name)
	if a, ok := pi.accounts[fold]; ok {
		return a, nil
	}
	found, err := pi.st.FindAccounts(pi.ctx, name, 20)
	if err != nil {
		return nil, err
	}
	for _, a := range found {
		if model.Fold(normSpace(a.Name)) == fold {
			ref := &accountRef{uid: a.UID, name: a.Name, id: a.ID}
			pi.accounts[fold] = ref
			return ref, nil
		}
	}
	return &accountRef{uid: model.NewUID(), name: name}, nil // planned when a row using it is good
}

// stored returns the index in the plan of a stored person, adding them.
func (pi *peopleImport) stored(id int64) (int, error) {
	if i, ok := pi.planByID[id]; ok {
		return i, nil
	}
	p, err := pi.st.Person(pi.ctx, id)
	if err != nil {
		return 0, err
	}
	p.CreatedAt, p.UpdatedAt = time.Time{}, time.Time{} // the import keeps created_at, and stamps updated_at only on a change
	pi.people = append(pi.people, p)
	pi.isNew = append(pi.isNew, false)
	pi.planByID[id] = len(pi.people) - 1
	return len(pi.people) - 1, nil
}

// row resolves one row into the plan; a problem with the row is a badRow,
// and leaves the plan as it was.
func (pi *peopleImport) row(r personRow) error {
	bad := func(format string, args ...any) error {
		return badRow{line: r.line, reason: fmt.Sprintf(format, args...)}
	}
	r.name = normSpace(r.name)
	if r.name == "" {
		return bad("the name is empty")
	}
	var remark string
	if r.birthdayText != "" {
		b, err := exchange.ParseSheetBirthday(r.birthdayText)
		switch {
		case errors.Is(err, exchange.ErrAmbiguousDate):
			remark = "birthday left out: " + reason(err)
		case err != nil:
			return bad("birthday: %s", reason(err))
		default:
			r.birthday = b
		}
	}
	email := strings.ToLower(strings.TrimSpace(r.email))

	// Find who the row is: already in the plan, or stored, or new.
	idx := -1
	var acc *accountRef
	if r.uid != "" {
		if i, ok := pi.planKey["u:"+r.uid]; ok {
			idx = i
		} else if id, ok := pi.byUID[r.uid]; ok {
			i, err := pi.stored(id)
			if err != nil {
				return err
			}
			idx = i
		}
	}
	if idx < 0 && email != "" {
		if i, ok := pi.planKey["e:"+email]; ok {
			idx = i
		} else if id, ok := pi.byEmail[email]; ok {
			i, err := pi.stored(id)
			if err != nil {
				return err
			}
			idx = i
		}
	}
	if idx < 0 {
		switch {
		case pi.fixed != nil:
			acc = pi.fixed
		case normSpace(r.org) != "":
			var err error
			if acc, err = pi.account(r.org); err != nil {
				return err
			}
		default:
			return bad("no company for %q: fill the Company column (ORG in a vCard), or give --account NAME", r.name)
		}
		if i, ok := pi.planKey[nameKey("n:"+acc.uid, r.name)]; ok {
			idx = i
		} else if acc.id != 0 {
			switch same := pi.byName[nameKey(strconv.FormatInt(acc.id, 10), r.name)]; len(same) {
			case 0:
			case 1:
				i, err := pi.stored(same[0])
				if err != nil {
					return err
				}
				idx = i
			default:
				return bad("%d people at %s are named %q; add an email to say which", len(same), acc.name, r.name)
			}
		}
	}

	// Apply the row to a copy, check it, then take it into the plan.
	var p model.Person
	isNew := idx < 0
	if isNew {
		p = model.Person{UID: r.uid, AccountUID: acc.uid, AccountName: acc.name, Name: r.name}
		if p.UID == "" || pi.byUID[p.UID] != 0 {
			p.UID = model.NewUID()
		}
	} else {
		p = pi.people[idx]
	}
	var changed []string
	set := func(field string, dst *string, v string) {
		v = strings.TrimSpace(v)
		if v != "" && v != *dst {
			*dst = v
			changed = append(changed, field)
		}
	}
	set("name", &p.Name, r.name)
	set("title", &p.Title, normSpace(r.title))
	set("email", &p.Email, strings.TrimSpace(r.email))
	set("phone", &p.Phone, normSpace(r.phone))
	set("business unit", &p.BusinessUnit, normSpace(r.unit))
	set("location", &p.Location, normSpace(r.location))
	if role := model.Role(strings.ToLower(normSpace(r.role))); role != "" && role != p.Role {
		p.Role = role
		changed = append(changed, "role")
	}
	if !r.birthday.IsZero() && r.birthday != p.Birthday {
		p.Birthday = r.birthday
		changed = append(changed, "birthday")
	}
	if err := p.Validate(); err != nil {
		return bad("%s", reason(err))
	}
	var note *model.Note
	if text := strings.TrimSpace(r.note); text != "" {
		n := model.Note{PersonUID: p.UID, AccountUID: p.AccountUID, Kind: model.NoteBusiness, Text: text, On: today()}
		if err := n.Validate(); err != nil {
			return bad("note: %s", reason(err))
		}
		has, err := pi.hasNote(p, isNew, text)
		if err != nil {
			return err
		}
		if !has {
			note = &n
		}
	}

	// The row is good: take it.
	accNote := ""
	if isNew {
		if acc.id == 0 && !pi.planned[acc.uid] {
			pi.planned[acc.uid] = true
			pi.accounts[model.Fold(acc.name)] = acc
			pi.plan.ds.Accounts = append(pi.plan.ds.Accounts, model.Account{UID: acc.uid, Name: acc.name})
			accNote = " (new account)"
		}
		pi.people = append(pi.people, p)
		pi.isNew = append(pi.isNew, true)
		idx = len(pi.people) - 1
	} else {
		pi.people[idx] = p
	}
	pi.planKey["u:"+p.UID] = idx
	if p.Email != "" {
		pi.planKey["e:"+strings.ToLower(p.Email)] = idx
	}
	pi.planKey[nameKey("n:"+p.AccountUID, p.Name)] = idx
	if note != nil {
		pi.notes = append(pi.notes, *note)
		if pi.noteTexts[p.UID] == nil {
			pi.noteTexts[p.UID] = map[string]bool{}
		}
		pi.noteTexts[p.UID][note.Text] = true
	}
	if remark != "" {
		pi.plan.remarks = append(pi.plan.remarks, badRow{line: r.line, reason: remark})
	}

	where := p.AccountName
	desc := fmt.Sprintf("line %d: ", r.line)
	switch {
	case isNew:
		desc += fmt.Sprintf("new person %s at %s%s", p.Name, where, accNote)
	case pi.isNew[idx]:
		desc += fmt.Sprintf("same person as an earlier line, %s at %s", p.Name, where)
		if len(changed) > 0 {
			desc += ": " + strings.Join(changed, ", ")
		}
	case len(changed) > 0:
		desc += fmt.Sprintf("update %s at %s: %s", p.Name, where, strings.Join(changed, ", "))
	default:
		desc += fmt.Sprintf("no change to %s at %s", p.Name, where)
	}
	if note != nil {
		desc += "; add a note"
	}
	if remark != "" {
		desc += "; " + remark
	}
	pi.plan.lines = append(pi.plan.lines, line(desc))
	return nil
}

// hasNote reports whether the person has (or the plan gives them) a note
// with this text already, so importing a file twice adds it once.
func (pi *peopleImport) hasNote(p model.Person, isNew bool, text string) (bool, error) {
	texts, ok := pi.noteTexts[p.UID]
	if !ok {
		texts = map[string]bool{}
		pi.noteTexts[p.UID] = texts
		if !isNew && p.ID != 0 {
			err := eachPage(func(after *store.Cursor) (store.Page[model.Note], error) {
				return pi.st.Notes(pi.ctx, store.NoteFilter{PersonID: p.ID}, store.PageReq{After: after, Limit: store.MaxPage})
			}, func(ns []model.Note) error {
				for _, n := range ns {
					texts[strings.TrimSpace(n.Text)] = true
				}
				return nil
			})
			if err != nil {
				return false, err
			}
		}
	}
	return texts[text], nil
}

// ---- accounts ----

// looksLikeAccounts reports whether a sheet's header has account columns
// (tier, industry, revenue…) and no person columns.
func looksLikeAccounts(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(first)), []byte("sep=")) {
		first, _, _ = bytes.Cut(rest, []byte("\n"))
	}
	var cols []string
	for _, f := range strings.FieldsFunc(string(first), func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
		cols = append(cols, strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' || r == '_' || r == '"' || r == '\r' {
				return -1
			}
			return r
		}, model.Fold(f)))
	}
	accountish, personish := false, false
	for _, c := range cols {
		switch c {
		case "tier", "industry", "revenue", "potential", "outlook", "importance", "hardtoreplace", "sector", "annualrevenue":
			accountish = true
		case "email", "emailaddress", "firstname", "lastname", "jobtitle", "title", "phone", "company", "account",
			"organization", "organisation", "mobile", "telephone":
			personish = true
		}
	}
	return accountish && !personish
}

func (e *env) importAccounts(ctx context.Context, st *store.Store, name string, rows []exchange.CSVAccount, readBad []badRow, o importOpts) error {
	p := plan{bad: readBad}
	seen := map[string]int{} // folded name → line
	for _, r := range rows {
		a, desc, err := accountFromRow(ctx, st, r, seen)
		if err != nil {
			var b badRow
			if !errors.As(err, &b) {
				return err
			}
			p.bad = append(p.bad, b)
			continue
		}
		seen[model.Fold(normSpace(a.Name))] = r.Line
		p.ds.Accounts = append(p.ds.Accounts, a)
		p.lines = append(p.lines, line(desc))
	}
	return e.finish(ctx, st, name, p, o)
}

// accountFromRow turns a sheet row into the account to write: the stored
// account of that name with the row's filled fields, or a new one.
func accountFromRow(ctx context.Context, st *store.Store, r exchange.CSVAccount, seen map[string]int) (model.Account, string, error) {
	bad := func(format string, args ...any) error {
		return badRow{line: r.Line, reason: fmt.Sprintf(format, args...)}
	}
	name := normSpace(r.Name)
	if name == "" {
		return model.Account{}, "", bad("the name is empty")
	}
	if l, ok := seen[model.Fold(name)]; ok {
		return model.Account{}, "", bad("%q is already on line %d", name, l)
	}
	var a model.Account
	isNew := true
	found, err := st.FindAccounts(ctx, name, 20)
	if err != nil {
		return a, "", err
	}
	for _, f := range found {
		if model.Fold(normSpace(f.Name)) == model.Fold(name) {
			a, isNew = f, false
			a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}
			break
		}
	}
	if isNew {
		a = model.Account{UID: model.NewUID(), Name: name}
	}
	var changed []string
	setS := func(field string, dst *string, v string) {
		if v = normSpace(v); v != "" && v != *dst {
			*dst, changed = v, append(changed, field)
		}
	}
	setS("industry", &a.Industry, r.Industry)
	setS("region", &a.Region, r.Region)
	setS("countries", &a.Countries, r.Countries)
	if v := strings.TrimSpace(r.Notes); v != "" && v != a.Notes {
		a.Notes, changed = v, append(changed, "notes")
	}
	if v := strings.ToLower(normSpace(r.Tier)); v != "" && model.Tier(v) != a.Tier {
		a.Tier, changed = model.Tier(v), append(changed, "tier")
	}
	if v := strings.ToLower(normSpace(r.Outlook)); v != "" && model.Outlook(v) != a.Outlook {
		a.Outlook, changed = model.Outlook(v), append(changed, "outlook")
	}
	if v := strings.ToUpper(normSpace(r.Currency)); v != "" && v != a.Currency {
		a.Currency, changed = v, append(changed, "currency")
	}
	for _, m := range []struct {
		field string
		dst   *model.Money
		v     string
	}{{"revenue", &a.Revenue, r.Revenue}, {"potential", &a.Potential, r.Potential}} {
		if strings.TrimSpace(m.v) == "" {
			continue
		}
		v, err := model.ParseMoney(m.v)
		if err != nil {
			return a, "", bad("%s: %s", m.field, reason(err))
		}
		if v != *m.dst {
			*m.dst, changed = v, append(changed, m.field)
		}
	}
	for _, n := range []struct {
		field string
		dst   *int
		v     string
	}{{"importance", &a.Importance, r.Importance}, {"hard to replace", &a.Replaceability, r.Replaceability}} {
		if strings.TrimSpace(n.v) == "" {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(n.v))
		if err != nil {
			return a, "", bad("%s: %q is not a number 1–5", n.field, n.v)
		}
		if v != *n.dst {
			*n.dst, changed = v, append(changed, n.field)
		}
	}
	if err := a.Validate(); err != nil {
		return a, "", bad("%s", reason(err))
	}
	desc := fmt.Sprintf("line %d: ", r.Line)
	switch {
	case isNew:
		desc += "new account " + name
	case len(changed) > 0:
		desc += fmt.Sprintf("update %s: %s", a.Name, strings.Join(changed, ", "))
	default:
		desc += "no change to " + a.Name
	}
	return a, desc, nil
}
