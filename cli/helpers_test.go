package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

// result is what one run of rapport printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// rapport runs the real command line on db with args, standard input empty.
func rapport(t *testing.T, db string, args ...string) result {
	t.Helper()
	return rapportIn(t, db, "", args...)
}

// rapportIn is rapport with stdin as standard input.
func rapportIn(t *testing.T, db, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	if db != "" {
		args = append([]string{"--db", db}, args...)
	}
	var in io.Reader = strings.NewReader(stdin)
	code := Run(args, in, &out, &errb)
	r := result{code: code, stdout: out.String(), stderr: errb.String()}
	// Errors are one line on stderr, and only errors go there.
	if code != ExitOK {
		if r.stderr == "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
			t.Errorf("rapport %q: exit %d, want one line on stderr, got %q", args, code, r.stderr)
		}
		if !strings.HasPrefix(r.stderr, "rapport: ") {
			t.Errorf("rapport %q: stderr %q does not start with \"rapport: \"", args, r.stderr)
		}
	} else if r.stderr != "" {
		t.Errorf("rapport %q: exit 0 but stderr %q", args, r.stderr)
	}
	return r
}

// wantCode fails the test unless r exited with code.
func (r result) wantCode(t *testing.T, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", what, r.code, code, r.stdout, r.stderr)
	}
}

// fixture is a database with a few accounts and people, open in the test.
type fixture struct {
	db    string
	st    *store.Store
	ctx   context.Context
	acme  model.Account
	globx model.Account
	zoe   model.Person // Zoë Durand, Acme
	dana  model.Person // Dana Smith, Acme
	scul  model.Person // Dana Scully, Globex
	dan   model.Person // Daniel Ng, Globex
	bob   model.Person // Bob Stone, Globex, reports to Dana Scully
}

// newDB returns the path of a database file in a fresh temporary directory
// (not created yet).
func newDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "rapport.db")
}

// openStore opens db in the test, closing it at the end.
func openStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{db: newDB(t), ctx: context.Background()}
	f.st = openStore(t, f.db)
	f.acme = f.account(t, model.Account{Name: "Acme Corp", Tier: model.TierKey})
	f.globx = f.account(t, model.Account{Name: "Globex", Tier: model.TierGrowth})
	f.zoe = f.person(t, model.Person{AccountID: f.acme.ID, Name: "Zoë Durand", Title: "CFO", Role: model.RoleEconomicBuyer,
		ReceiveInfo: "Numbers first, one page", NeedsToShow: "Cost savings to the board"})
	f.dana = f.person(t, model.Person{AccountID: f.acme.ID, Name: "Dana Smith", Title: "Head of Marketing"})
	f.scul = f.person(t, model.Person{AccountID: f.globx.ID, Name: "Dana Scully", Title: "COO"})
	f.dan = f.person(t, model.Person{AccountID: f.globx.ID, Name: "Daniel Ng"})
	f.bob = f.person(t, model.Person{AccountID: f.globx.ID, Name: "Bob Stone", ReportsToID: f.scul.ID})
	return f
}

func (f *fixture) account(t *testing.T, a model.Account) model.Account {
	t.Helper()
	a, err := f.st.CreateAccount(f.ctx, a)
	if err != nil {
		t.Fatalf("create account %s: %v", a.Name, err)
	}
	return a
}

func (f *fixture) person(t *testing.T, p model.Person) model.Person {
	t.Helper()
	p, err := f.st.CreatePerson(f.ctx, p)
	if err != nil {
		t.Fatalf("create person %s: %v", p.Name, err)
	}
	p, err = f.st.Person(f.ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// followUps returns every follow-up in the database, done ones too.
func (f *fixture) followUps(t *testing.T, fl store.FollowUpFilter) []model.FollowUp {
	t.Helper()
	fl.Done, fl.Archived = true, true
	p, err := f.st.FollowUps(f.ctx, fl, store.PageReq{Limit: store.MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

// notes returns the notes on a person or account, newest first.
func (f *fixture) notes(t *testing.T, fl store.NoteFilter) []model.Note {
	t.Helper()
	p, err := f.st.Notes(f.ctx, fl, store.PageReq{Limit: store.MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

// storeNotesOf is the filter of a person's notes.
func storeNotesOf(p model.Person) store.NoteFilter { return store.NoteFilter{PersonID: p.ID} }
