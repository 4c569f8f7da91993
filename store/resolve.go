package store

import (
	"context"
	"database/sql"
	"strconv"

	"rapport/model"
)

// The one person or account a typed name picks (model.MatchName): the
// command line's --person and --account, and the forms' name fields.

// PersonName narrows ResolvePerson.
type PersonName struct {
	AccountID int64 // only people at this account (0: anywhere)
	Except    int64 // never this person (a boss is someone else)
}

// ResolvePerson finds the one live person name picks: nobody is a
// *model.NotFoundError, several a *model.AmbiguousError listing them with
// their accounts.
func (s *Store) ResolvePerson(ctx context.Context, name string, at PersonName) (model.Person, error) {
	if err := model.CheckQuery("the name", name); err != nil {
		return model.Person{}, err
	}
	var found []model.Person
	err := s.read(ctx, "find a person", func(tx *sql.Tx) error {
		cond := "p.archived_at IS NULL AND "
		if at.AccountID != 0 {
			cond += "p.account_id = " + strconv.FormatInt(at.AccountID, 10) + " AND "
		}
		if at.Except != 0 {
			cond += "p.id <> " + strconv.FormatInt(at.Except, 10) + " AND "
		}
		var err error
		found, err = findByName(ctx, tx, "SELECT "+personCols+" FROM "+personFrom+" WHERE "+cond,
			"p.name_fold", name, model.MaxCandidates+1, scanPerson)
		return err
	})
	if err != nil {
		return model.Person{}, err
	}
	label := func(p model.Person) string { return p.Name }
	if at.AccountID == 0 {
		label = func(p model.Person) string { return p.Name + " (" + p.AccountName + ")" }
	}
	p, err := model.One(name, found, label, "nobody", "people")
	if nf, ok := err.(*model.NotFoundError); ok && at.AccountID != 0 {
		if a, aerr := s.Account(ctx, at.AccountID); aerr == nil {
			nf.Where = " at " + a.Name
		}
	}
	return p, err
}

// ResolveAccount finds the one account name picks; live leaves archived
// ones out (they take no new notes or follow-ups). Nobody is a
// *model.NotFoundError, several a *model.AmbiguousError.
func (s *Store) ResolveAccount(ctx context.Context, name string, live bool) (model.Account, error) {
	if err := model.CheckQuery("the name", name); err != nil {
		return model.Account{}, err
	}
	find := s.FindAccounts
	if live {
		find = s.FindLiveAccounts
	}
	found, err := find(ctx, name, model.MaxCandidates+1)
	if err != nil {
		return model.Account{}, err
	}
	return model.One(name, found, func(a model.Account) string { return a.Name }, "no account", "accounts")
}
