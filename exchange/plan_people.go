package exchange

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport/model"
)

// PersonRow is one person read from a sheet or a vCard, to plan.
type PersonRow struct {
	Line                                           int
	UID                                            string // a vCard's UID
	Name, Title, Email, Phone, Org, Unit, Location string
	Role                                           string // from a vCard rapport wrote
	Stance                                         string // as written: supporter, neutral, sceptic, opponent
	Owner                                          string // who on our side holds the relationship
	Birthday                                       model.Birthday
	BirthdayText                                   string // a sheet's, to parse
	Note                                           string
}

// SheetRows turns the rows of a people sheet into rows to plan.
func SheetRows(ps []CSVPerson) []PersonRow {
	rows := make([]PersonRow, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, PersonRow{Line: p.Line, Name: p.Name, Title: p.Title, Email: p.Email, Phone: p.Phone,
			Org: p.Account, Unit: p.BusinessUnit, Location: p.Location, BirthdayText: p.Birthday, Stance: p.Stance,
			Owner: p.Owner, Note: p.Notes})
	}
	return rows
}

// CardRows turns vCard contacts into rows to plan.
func CardRows(cs []Contact) []PersonRow {
	rows := make([]PersonRow, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, PersonRow{Line: c.Line, UID: c.UID, Name: c.Name, Title: c.Title, Email: c.Email,
			Phone: c.Phone, Org: c.Org, Unit: c.BusinessUnit, Location: c.Location, Role: c.Role, Stance: c.Stance,
			Owner: c.Owner, Birthday: c.Birthday, Note: c.Note})
	}
	return rows
}

// PeopleOptions tunes PlanPeople.
type PeopleOptions struct {
	// Account, when set, is the account of every new person (--account),
	// whatever company a row names.
	Account *AccountRef
	// Today is the date of the notes the rows add.
	Today model.Date
	// DryRun words the plan as what the import would do.
	DryRun bool
}

// PlanPeople plans an import of people. A row is matched so that
// importing the same file again adds nothing: by a vCard's UID, else by
// email, else by name within the account; a person found by UID or email
// stays on their account. The company names the account, planned when no
// stored one has that name, unless opt.Account puts everyone new on one.
// A field a row fills fills an empty one, and replaces a stored value only
// when it says something else: one that differs only in case, accents,
// spacing or punctuation ("Zoe" for "Zoë", as CRM exports drop accents)
// leaves the stored spelling alone. Empty fields leave it alone too. A
// row's note becomes a note on the person unless they have it already.
func PlanPeople(ctx context.Context, book Book, rows []PersonRow, opt PeopleOptions) (Plan, error) {
	pi := &peoplePlan{ctx: ctx, book: book, today: opt.Today, dryRun: opt.DryRun, fixed: opt.Account, accounts: map[string]*AccountRef{},
		planned: map[string]bool{}, planKey: map[string]int{}, planByID: map[int64]int{},
		noteTexts: map[string]map[string]bool{}}
	if pi.fixed != nil {
		pi.accounts[model.Fold(pi.fixed.Name)] = pi.fixed
	}
	if err := pi.index(); err != nil {
		return Plan{}, err
	}
	for _, r := range rows {
		if err := pi.row(r); err != nil {
			var bad *LineError
			if !errors.As(err, &bad) {
				return Plan{}, err
			}
			pi.plan.Bad = append(pi.plan.Bad, bad)
		}
	}
	pi.plan.Dataset.People, pi.plan.Dataset.Notes = pi.people, pi.notes
	return pi.plan, nil
}

// peoplePlan is one run of PlanPeople: rows resolved to the records to
// write, without writing.
type peoplePlan struct {
	ctx    context.Context
	book   Book
	today  model.Date
	dryRun bool
	fixed  *AccountRef // PeopleOptions.Account

	accounts map[string]*AccountRef // folded name → account, stored or planned
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

	plan Plan
}

// index reads every stored person's email, uid and name, once, for matching.
func (pi *peoplePlan) index() error {
	pi.byEmail, pi.byUID, pi.byName = map[string]int64{}, map[string]int64{}, map[string][]int64{}
	return pi.book.EachPerson(pi.ctx, func(ps []model.Person) error {
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
func (pi *peoplePlan) account(name string) (*AccountRef, error) {
	name = normSpace(name)
	fold := model.Fold(name)
	if a, ok := pi.accounts[fold]; ok {
		return a, nil
	}
	found, err := pi.book.FindAccounts(pi.ctx, name, 20)
	if err != nil {
		return nil, err
	}
	for _, a := range found {
		if model.Fold(normSpace(a.Name)) == fold {
			ref := &AccountRef{UID: a.UID, Name: a.Name, ID: a.ID}
			pi.accounts[fold] = ref
			return ref, nil
		}
	}
	return &AccountRef{UID: model.NewUID(), Name: name}, nil // planned when a row using it is good
}

// stored returns the index in the plan of a stored person, adding them.
func (pi *peoplePlan) stored(id int64) (int, error) {
	if i, ok := pi.planByID[id]; ok {
		return i, nil
	}
	p, err := pi.book.Person(pi.ctx, id)
	if err != nil {
		return 0, err
	}
	p.CreatedAt, p.UpdatedAt = time.Time{}, time.Time{} // the import keeps created_at, and stamps updated_at only on a change
	pi.people = append(pi.people, p)
	pi.isNew = append(pi.isNew, false)
	pi.planByID[id] = len(pi.people) - 1
	return len(pi.people) - 1, nil
}

// find returns who a row is: the index in the plan of the person already
// planned or stored, or -1 for someone new with the account to put them
// on.
func (pi *peoplePlan) find(r PersonRow, email string) (int, *AccountRef, error) {
	bad := func(format string, args ...any) error { return badRow(r.Line, format, args...) }
	if r.UID != "" {
		if i, ok := pi.planKey["u:"+r.UID]; ok {
			return i, nil, nil
		} else if id, ok := pi.byUID[r.UID]; ok {
			i, err := pi.stored(id)
			return i, nil, err
		}
	}
	if email != "" {
		if i, ok := pi.planKey["e:"+email]; ok {
			return i, nil, nil
		} else if id, ok := pi.byEmail[email]; ok {
			i, err := pi.stored(id)
			return i, nil, err
		}
	}
	var acc *AccountRef
	switch {
	case pi.fixed != nil:
		acc = pi.fixed
	case normSpace(r.Org) != "":
		var err error
		if acc, err = pi.account(r.Org); err != nil {
			return -1, nil, err
		}
	default:
		return -1, nil, bad("no company for %q: fill the Company column (ORG in a vCard), or give --account NAME", model.Clip(r.Name))
	}
	if i, ok := pi.planKey[nameKey("n:"+acc.UID, r.Name)]; ok {
		return i, acc, nil
	}
	if acc.ID != 0 {
		switch same := pi.byName[nameKey(strconv.FormatInt(acc.ID, 10), r.Name)]; len(same) {
		case 0:
		case 1:
			i, err := pi.stored(same[0])
			return i, acc, err
		default:
			return -1, nil, bad("%d people at %s are named %q; add an email to say which", len(same), acc.Name, model.Clip(r.Name))
		}
	}
	return -1, acc, nil
}

// row resolves one row into the plan; a problem with the row is a
// *LineError, and leaves the plan as it was.
func (pi *peoplePlan) row(r PersonRow) error {
	bad := func(format string, args ...any) error { return badRow(r.Line, format, args...) }
	r.Name = normSpace(r.Name)
	if r.Name == "" {
		return bad("the name is empty")
	}
	var remark string
	if r.BirthdayText != "" {
		b, err := ParseSheetBirthday(r.BirthdayText)
		switch {
		case errors.Is(err, ErrAmbiguousDate):
			remark = "birthday left out: " + model.Sentence(err)
		case err != nil:
			return bad("birthday: %s", model.Sentence(err))
		default:
			r.Birthday = b
		}
	}
	stance, err := parseStance(r.Stance)
	if err != nil {
		return bad("%s", model.Sentence(err))
	}
	email := strings.ToLower(strings.TrimSpace(r.Email))

	// Find who the row is: already in the plan, or stored, or new.
	idx, acc, err := pi.find(r, email)
	if err != nil {
		return err
	}

	// Apply the row to a copy, check it, then take it into the plan.
	var p model.Person
	isNew := idx < 0
	if isNew {
		p = model.Person{UID: r.UID, AccountUID: acc.UID, AccountName: acc.Name, Name: r.Name}
		if p.UID == "" || pi.byUID[p.UID] != 0 {
			p.UID = model.NewUID()
		}
	} else {
		p = pi.people[idx]
	}
	var changed []string
	set := func(field string, dst *string, v string) {
		v = strings.TrimSpace(v)
		switch {
		case v == "" || v == *dst || *dst != "" && model.SameText(v, *dst):
			// Nothing new: the stored spelling stays.
		case *dst == "" || isNew:
			*dst = v
			if !isNew {
				changed = append(changed, field+" "+model.Quote(v)+" added")
			}
		default:
			changed = append(changed, field+": "+model.Quote(*dst)+" → "+model.Quote(v))
			*dst = v
		}
	}
	set("name", &p.Name, r.Name)
	set("title", &p.Title, normSpace(r.Title))
	set("email", &p.Email, strings.TrimSpace(r.Email))
	set("phone", &p.Phone, normSpace(r.Phone))
	set("business unit", &p.BusinessUnit, normSpace(r.Unit))
	set("location", &p.Location, normSpace(r.Location))
	set("owner", &p.Owner, normSpace(r.Owner))
	if role := model.Role(strings.ToLower(normSpace(r.Role))); role != "" && role != p.Role {
		if !isNew {
			changed = append(changed, "role: "+orNone(string(p.Role))+" → "+string(role))
		}
		p.Role = role
	}
	if stance != "" && stance != p.Stance {
		if !isNew {
			changed = append(changed, "stance: "+orNone(string(p.Stance))+" → "+string(stance))
		}
		p.Stance = stance
	}
	if !r.Birthday.IsZero() && r.Birthday != p.Birthday {
		if !isNew {
			changed = append(changed, "birthday: "+orNone(p.Birthday.String())+" → "+r.Birthday.String())
		}
		p.Birthday = r.Birthday
	}
	if err := p.Validate(); err != nil {
		return bad("%s", model.Sentence(err))
	}
	var note *model.Note
	if text := strings.TrimSpace(r.Note); text != "" {
		n := model.Note{PersonUID: p.UID, AccountUID: p.AccountUID, Kind: model.NoteBusiness, Text: text, On: pi.today}
		if err := n.Validate(); err != nil {
			return bad("note: %s", model.Sentence(err))
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
		if acc.ID == 0 && !pi.planned[acc.UID] {
			pi.planned[acc.UID] = true
			pi.accounts[model.Fold(acc.Name)] = acc
			pi.plan.Dataset.Accounts = append(pi.plan.Dataset.Accounts, model.Account{UID: acc.UID, Name: acc.Name})
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
		pi.plan.Remarks = append(pi.plan.Remarks, &LineError{Line: r.Line, Reason: remark})
	}

	where := p.AccountName
	desc := fmt.Sprintf("line %d: ", r.Line)
	would := func(now, dry string) string {
		if pi.dryRun {
			return dry
		}
		return now
	}
	switch {
	case isNew:
		desc += fmt.Sprintf("%s %s at %s%s", would("new person", "would add"), p.Name, where, accNote)
	case pi.isNew[idx]:
		desc += fmt.Sprintf("same person as an earlier line, %s at %s", p.Name, where)
		if len(changed) > 0 {
			desc += ": " + strings.Join(changed, ", ")
		}
	case len(changed) > 0:
		desc += fmt.Sprintf("%s %s at %s: %s", would("update", "would change"), p.Name, where, strings.Join(changed, ", "))
	default:
		desc += fmt.Sprintf("no change to %s at %s", p.Name, where)
	}
	if note != nil {
		desc += would("; add a note", "; would add a note")
	}
	if remark != "" {
		desc += "; " + remark
	}
	pi.plan.Lines = append(pi.plan.Lines, desc)
	return nil
}

// parseStance reads a stance as a sheet or a card writes it: any case,
// and "skeptic" as American CRMs spell it. "" is no stance (the stored one
// stays).
func parseStance(s string) (model.Stance, error) {
	v := strings.ToLower(normSpace(s))
	if v == "skeptic" {
		v = string(model.StanceSceptic)
	}
	if v == "" || slices.Contains(model.Stances, model.Stance(v)) {
		return model.Stance(v), nil
	}
	names := make([]string, len(model.Stances))
	for i, st := range model.Stances {
		names[i] = string(st)
	}
	return "", model.Invalid("stance", "%s is not one of %s", model.Quote(s), strings.Join(names, ", "))
}

// orNone is a stored value for "from → to", or "none" when it was empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// hasNote reports whether the person has (or the plan gives them) a note
// with this text already, so importing a file twice adds it once.
func (pi *peoplePlan) hasNote(p model.Person, isNew bool, text string) (bool, error) {
	texts, ok := pi.noteTexts[p.UID]
	if !ok {
		texts = map[string]bool{}
		pi.noteTexts[p.UID] = texts
		if !isNew && p.ID != 0 {
			err := pi.book.EachNote(pi.ctx, p.ID, func(ns []model.Note) error {
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
