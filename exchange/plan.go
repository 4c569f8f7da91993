package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/model"
)

// A contacts import (a sheet of people or accounts, a vCard file) is
// planned before anything is written: each row is matched against the
// stored book and turned into the records to create or update. The plan
// is a document for the store's Import, a line per row saying what it
// does, and the rows that cannot be imported. The planner reads the book
// only through a Book, so it is tested without a database.

// Book is what planning an import needs to know of the stored book; the
// command line backs it with the store. An error from it (the database
// failed) stops the plan.
type Book interface {
	// EachPerson calls fn with every stored person, archived ones too, a
	// batch at a time.
	EachPerson(ctx context.Context, fn func([]model.Person) error) error
	// Person returns a stored person, as the store lists them (with their
	// account's uid and name).
	Person(ctx context.Context, id int64) (model.Person, error)
	// EachNote calls fn with every note on a stored person, a batch at a
	// time.
	EachNote(ctx context.Context, personID int64, fn func([]model.Note) error) error
	// FindAccounts returns at most limit accounts, archived ones too, that a
	// name picks: those of that whole name (any case or accents), else those
	// whose name, or a word of it, starts with it.
	FindAccounts(ctx context.Context, name string, limit int) ([]model.Account, error)
}

// Plan is what an import of contacts would do.
type Plan struct {
	Dataset model.Dataset // the records to write, for the store's Import
	Lines   []string      // what each good row does, in file order, for a dry run (not sanitised)
	Bad     []*LineError  // rows that cannot be imported
	Remarks []*LineError  // rows imported with something left out
}

// AccountRef is an account people are put on: stored (ID set), or new in
// this import.
type AccountRef struct {
	UID, Name string
	ID        int64 // 0: new
}

// badRow is the error a row's checks return: the row cannot be imported.
func badRow(line int, format string, args ...any) error {
	return &LineError{Line: line, Reason: fmt.Sprintf(format, args...)}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// PlanAccounts plans an import of a sheet of accounts: each row updates the
// stored account of its name (with the fields the row fills) or adds one.
func PlanAccounts(ctx context.Context, book Book, rows []CSVAccount) (Plan, error) {
	var p Plan
	seen := map[string]int{} // folded name → line
	for _, r := range rows {
		a, desc, err := accountFromRow(ctx, book, r, seen)
		if err != nil {
			var bad *LineError
			if !errors.As(err, &bad) {
				return p, err
			}
			p.Bad = append(p.Bad, bad)
			continue
		}
		seen[model.Fold(normSpace(a.Name))] = r.Line
		p.Dataset.Accounts = append(p.Dataset.Accounts, a)
		p.Lines = append(p.Lines, desc)
	}
	return p, nil
}

// accountFromRow turns a sheet row into the account to write: the stored
// account of that name with the row's filled fields, or a new one.
func accountFromRow(ctx context.Context, book Book, r CSVAccount, seen map[string]int) (model.Account, string, error) {
	bad := func(format string, args ...any) error { return badRow(r.Line, format, args...) }
	name := normSpace(r.Name)
	if name == "" {
		return model.Account{}, "", bad("the name is empty")
	}
	if l, ok := seen[model.Fold(name)]; ok {
		return model.Account{}, "", bad("%q is already on line %d", model.Clip(name), l)
	}
	var a model.Account
	isNew := true
	found, err := book.FindAccounts(ctx, name, 20)
	if err != nil {
		return a, "", err
	}
	for _, f := range found {
		if model.Fold(normSpace(f.Name)) == model.Fold(name) {
			a, isNew = f, false
			a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{} // the import keeps created_at, and stamps updated_at only on a change
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
		v, err := model.ParseMoneyIn(m.v, a.Currency)
		if err != nil {
			return a, "", bad("%s: %s", m.field, model.Sentence(err))
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
			return a, "", bad("%s: %q is not a number 1–5", n.field, model.Clip(n.v))
		}
		if v != *n.dst {
			*n.dst, changed = v, append(changed, n.field)
		}
	}
	if err := a.Validate(); err != nil {
		return a, "", bad("%s", model.Sentence(err))
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

// LooksLikeAccounts reports whether a sheet's header has account columns
// (tier, industry, revenue…) and no person columns: a sheet of accounts
// given without saying so.
func LooksLikeAccounts(data []byte) bool {
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
