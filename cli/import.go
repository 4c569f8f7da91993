package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
email, else by name within the account. The company (Company column, ORG in
a vCard) names the account, created when missing, unless --account NAME puts
everyone on that existing account. A person found by email stays on their
account. Fields the file fills replace what is stored; empty ones leave it
alone. A vCard's NOTE (a sheet's Notes) becomes a note on the person unless
the same note is there already; BDAY is the birthday. Accounts are matched
by name.

A bad row stops the import with "line N: reason" and nothing is written;
with --skip-bad the good rows are imported and the bad ones listed.
--dry-run shows what would be created and updated, and writes nothing.
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

	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	if o.format == "json" {
		return e.importJSON(ctx, st, in, name, limit, o)
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return fmt.Errorf("%s is larger than %s, the most rapport imports of %s", name, sizeText(int(limit)), strings.ToUpper(o.format))
	}
	if o.format == "csv" && (o.kind == "accounts" || (o.kind == "" && looksLikeAccounts(data))) {
		if o.kind == "" {
			fmt.Fprintln(e.stdout, "The sheet has account columns and no person columns: reading it as accounts (--kind people reads it as people).")
		}
		rows, err := exchange.ReadAccountsCSV(bytes.NewReader(data), limit)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return e.importAccounts(ctx, st, name, rows, o)
	}
	var rows []personRow
	if o.format == "csv" {
		ps, err := exchange.ReadPeopleCSV(bytes.NewReader(data), limit)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, p := range ps {
			rows = append(rows, personRow{line: p.Line, name: p.Name, title: p.Title, email: p.Email, phone: p.Phone,
				org: p.Account, unit: p.BusinessUnit, location: p.Location, birthdayText: p.Birthday, note: p.Notes})
		}
	} else {
		cs, err := exchange.ReadVCards(bytes.NewReader(data), limit)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, c := range cs {
			rows = append(rows, personRow{line: c.Line, uid: c.UID, name: c.Name, title: c.Title, email: c.Email,
				phone: c.Phone, org: c.Org, unit: c.BusinessUnit, birthday: c.Birthday, note: c.Note})
		}
	}
	return e.importPeople(ctx, st, name, rows, o)
}

// ---- JSON ----

func (e *env) importJSON(ctx context.Context, st *store.Store, in io.Reader, name string, limit int64, o importOpts) error {
	ds, err := exchange.ReadDataset(in, limit)
	if err != nil {
		if errors.Is(err, exchange.ErrTooLarge) {
			return fmt.Errorf("%s is larger than %s, the most rapport imports of JSON", name, sizeText(int(limit)))
		}
		return fmt.Errorf("%s: %w; nothing was imported", name, err)
	}
	res, err := st.Import(ctx, ds, store.ImportOptions{DryRun: o.dryRun})
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", name, err)
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written. It would import: %s.\n", line(name), res)
		return nil
	}
	fmt.Fprintf(e.stdout, "Imported %s: %s.\n", line(name), res)
	return nil
}

// ---- CSV and vCard: people ----

// personRow is one person read from a sheet or a vCard.
type personRow struct {
	line                                           int
	uid                                            string // a vCard's UID
	name, title, email, phone, org, unit, location string
	birthday                                       model.Birthday
	birthdayText                                   string // a sheet's, to parse
	note                                           string
}

// badRow is a row that cannot be imported, and why.
type badRow struct {
	line   int
	reason string
}

func (b badRow) String() string { return fmt.Sprintf("line %d: %s", b.line, b.reason) }

// newUID returns a random 128-bit id as 32 hex digits, as the store makes them.
func newUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

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

	accounts    map[string]*accountRef // folded name → account
	newAccounts []model.Account

	indexed bool
	byEmail map[string]int64 // lower-case email → stored person id
	byUID   map[string]int64

	people   []model.Person // to upsert; stored ones keep their uid
	isNew    []bool
	planKey  map[string]int // "e:"+email, "n:"+account uid+"\x00"+folded name, "u:"+uid → index in people
	planByID map[int64]int  // stored person id → index in people

	notes     []model.Note
	noteTexts map[string]map[string]bool // person uid → note texts stored or planned

	lines []string // what each row does, for --dry-run
	bad   []badRow
}

func (e *env) importPeople(ctx context.Context, st *store.Store, name string, rows []personRow, o importOpts) error {
	pi := &peopleImport{ctx: ctx, st: st, accounts: map[string]*accountRef{}, planKey: map[string]int{},
		planByID: map[int64]int{}, noteTexts: map[string]map[string]bool{}}
	if o.account != "" {
		a, err := resolveAccount(ctx, st, o.account)
		if err != nil {
			return err
		}
		pi.fixed = &accountRef{uid: a.UID, name: a.Name, id: a.ID}
	}
	for _, r := range rows {
		if err := pi.row(r); err != nil {
			var bad badRow
			if !errors.As(err, &bad) {
				return err
			}
			if !o.skipBad {
				return fmt.Errorf("%s: %s; nothing was imported (--skip-bad imports the good rows)", name, bad)
			}
			pi.bad = append(pi.bad, bad)
		}
	}
	ds := model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion, Accounts: pi.newAccounts,
		People: pi.people, Notes: pi.notes}
	var res store.ImportResult
	if len(ds.Accounts)+len(ds.People)+len(ds.Notes) > 0 {
		var err error
		res, err = st.Import(ctx, ds, store.ImportOptions{DryRun: o.dryRun})
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written.\n", line(name))
		for _, l := range pi.lines {
			fmt.Fprintln(e.stdout, "  "+l)
		}
		fmt.Fprintf(e.stdout, "It would import: %s.\n", res)
	} else {
		fmt.Fprintf(e.stdout, "Imported %s: %s.\n", line(name), res)
	}
	e.listBad(pi.bad)
	return nil
}

func (e *env) listBad(bad []badRow) {
	if len(bad) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "Skipped %s:\n", plural(len(bad), "bad row", "bad rows"))
	for _, b := range bad {
		fmt.Fprintln(e.stdout, "  "+line(b.String()))
	}
}

// Error makes a badRow an error, so row can return it.
func (b badRow) Error() string { return b.String() }

// index reads every stored person's email and uid, once, for matching.
func (pi *peopleImport) index() error {
	if pi.indexed {
		return nil
	}
	pi.indexed = true
	pi.byEmail, pi.byUID = map[string]int64{}, map[string]int64{}
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
		}
		return nil
	})
}

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
		if normSpace(model.Fold(a.Name)) == fold {
			ref := &accountRef{uid: a.UID, name: a.Name, id: a.ID}
			pi.accounts[fold] = ref
			return ref, nil
		}
	}
	return &accountRef{uid: newUID(), name: name}, nil // added to the plan when a row using it is good
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
	bad := func(format string, args ...any) error { return badRow{r.line, fmt.Sprintf(format, args...)} }
	r.name = normSpace(r.name)
	if r.name == "" {
		return bad("the name is empty")
	}
	if r.birthdayText != "" {
		b, err := model.ParseBirthday(r.birthdayText)
		if err != nil {
			return bad("birthday: %s", strings.TrimPrefix(err.Error(), "invalid: "))
		}
		r.birthday = b
	}
	email := strings.ToLower(strings.TrimSpace(r.email))
	if r.uid != "" || email != "" {
		if err := pi.index(); err != nil {
			return err
		}
	}

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
		key := "n:" + acc.uid + "\x00" + model.Fold(r.name)
		if i, ok := pi.planKey[key]; ok {
			idx = i
		} else if acc.id != 0 {
			found, err := pi.st.FindPeople(pi.ctx, r.name, 50)
			if err != nil {
				return err
			}
			var same []model.Person
			for _, p := range found {
				if p.AccountID == acc.id && normSpace(model.Fold(p.Name)) == model.Fold(r.name) {
					same = append(same, p)
				}
			}
			switch len(same) {
			case 0:
			case 1:
				i, err := pi.stored(same[0].ID)
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
		p = model.Person{UID: r.uid, AccountUID: acc.uid, Name: r.name}
		if p.UID == "" || pi.byUID[p.UID] != 0 {
			p.UID = newUID()
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
	if !r.birthday.IsZero() && r.birthday != p.Birthday {
		p.Birthday = r.birthday
		changed = append(changed, "birthday")
	}
	if err := p.Validate(); err != nil {
		return bad("%s", strings.TrimPrefix(err.Error(), "invalid: "))
	}
	var note *model.Note
	if text := strings.TrimSpace(r.note); text != "" {
		n := model.Note{PersonUID: p.UID, AccountUID: p.AccountUID, Kind: model.NoteBusiness, Text: text, On: today()}
		if err := n.Validate(); err != nil {
			return bad("note: %s", strings.TrimPrefix(err.Error(), "invalid: "))
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
		if acc.id == 0 {
			if _, known := pi.accounts[model.Fold(acc.name)]; !known {
				pi.accounts[model.Fold(acc.name)] = acc
				pi.newAccounts = append(pi.newAccounts, model.Account{UID: acc.uid, Name: acc.name})
				accNote = " (new account)"
			}
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
	pi.planKey["n:"+p.AccountUID+"\x00"+model.Fold(p.Name)] = idx
	if note != nil {
		pi.notes = append(pi.notes, *note)
		if pi.noteTexts[p.UID] == nil {
			pi.noteTexts[p.UID] = map[string]bool{}
		}
		pi.noteTexts[p.UID][note.Text] = true
	}

	where := p.AccountName
	if where == "" && acc != nil {
		where = acc.name
	}
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
	pi.lines = append(pi.lines, line(desc))
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

// ---- CSV: accounts ----

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

func (e *env) importAccounts(ctx context.Context, st *store.Store, name string, rows []exchange.CSVAccount, o importOpts) error {
	var out []model.Account
	var lines []string
	var bad []badRow
	seen := map[string]int{} // folded name → line
	for _, r := range rows {
		a, desc, err := accountFromRow(ctx, st, r, seen)
		if err != nil {
			var b badRow
			if !errors.As(err, &b) {
				return err
			}
			if !o.skipBad {
				return fmt.Errorf("%s: %s; nothing was imported (--skip-bad imports the good rows)", name, b)
			}
			bad = append(bad, b)
			continue
		}
		seen[model.Fold(normSpace(a.Name))] = r.Line
		out = append(out, a)
		lines = append(lines, line(desc))
	}
	var res store.ImportResult
	if len(out) > 0 {
		var err error
		res, err = st.Import(ctx, model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion, Accounts: out},
			store.ImportOptions{DryRun: o.dryRun})
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", name, err)
		}
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run of %s — nothing was written.\n", line(name))
		for _, l := range lines {
			fmt.Fprintln(e.stdout, "  "+l)
		}
		fmt.Fprintf(e.stdout, "It would import: %s.\n", res)
	} else {
		fmt.Fprintf(e.stdout, "Imported %s: %s.\n", line(name), res)
	}
	e.listBad(bad)
	return nil
}

// accountFromRow turns a sheet row into the account to write: the stored
// account of that name with the row's filled fields, or a new one.
func accountFromRow(ctx context.Context, st *store.Store, r exchange.CSVAccount, seen map[string]int) (model.Account, string, error) {
	bad := func(format string, args ...any) error { return badRow{r.Line, fmt.Sprintf(format, args...)} }
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
		if normSpace(model.Fold(f.Name)) == model.Fold(name) {
			a, isNew = f, false
			a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}
			break
		}
	}
	if isNew {
		a = model.Account{UID: newUID(), Name: name}
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
			return a, "", bad("%s: %s", m.field, strings.TrimPrefix(err.Error(), "invalid: "))
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
		return a, "", bad("%s", strings.TrimPrefix(err.Error(), "invalid: "))
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
