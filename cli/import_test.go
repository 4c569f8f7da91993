package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// The tests of import, export and backup run the real command line on real
// files: the sheets and address books in testdata/exchange, and what
// rapport itself writes.

// exResult is what one run of rapport printed and returned.
type exResult struct {
	code           int
	stdout, stderr string
}

// exRun runs rapport with args on the database db ("" for none). An error
// must be one line on stderr; success prints nothing there.
func exRun(t *testing.T, db string, args ...string) exResult {
	t.Helper()
	if db != "" {
		args = append([]string{"--db", db}, args...)
	}
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb)
	r := exResult{code: code, stdout: out.String(), stderr: errb.String()}
	if code != ExitOK {
		if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "rapport: ") {
			t.Errorf("rapport %q: exit %d, want one line on stderr, got %q", args, code, r.stderr)
		}
	} else if r.stderr != "" {
		t.Errorf("rapport %q: exit 0 with stderr %q", args, r.stderr)
	}
	// Text from the database or a file never reaches the terminal raw. A
	// document on standard output (a CSV or calendar) may have CRLF and tabs.
	for _, s := range []string{r.stdout, r.stderr} {
		if i := strings.IndexFunc(s, func(c rune) bool { return c < 0x20 && !strings.ContainsRune("\n\r\t", c) || c == 0x7f }); i >= 0 {
			t.Errorf("rapport %q wrote a control character: …%q…", args, s[max(0, i-40):min(len(s), i+40)])
		}
	}
	if strings.ContainsAny(r.stderr, "\r\t") {
		t.Errorf("rapport %q: stderr %q", args, r.stderr)
	}
	return r
}

// ok fails the test unless the run succeeded.
func (r exResult) ok(t *testing.T) exResult {
	t.Helper()
	if r.code != ExitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return r
}

// says fails the test unless the output has every part.
func (r exResult) says(t *testing.T, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.stdout+r.stderr, p) {
			t.Errorf("output lacks %q:\n%s%s", p, r.stdout, r.stderr)
		}
	}
}

// exData is the path of a file in testdata/exchange.
func exData(name string) string { return filepath.Join("testdata", "exchange", name) }

// exDB is the path of a new database in a temporary directory.
func exDB(t *testing.T) string { return filepath.Join(t.TempDir(), "rapport.db") }

// exStore opens db for a look at what the command line did.
func exStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// exPeople returns every person (archived too) by name.
func exPeople(t *testing.T, db string) map[string]model.Person {
	t.Helper()
	st := exStore(t, db)
	ds, err := st.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	accounts := map[string]string{}
	for _, a := range ds.Accounts {
		accounts[a.UID] = a.Name
	}
	out := map[string]model.Person{}
	for _, p := range ds.People {
		if _, dup := out[p.Name]; dup {
			t.Errorf("%s is in the database twice", p.Name)
		}
		p.AccountName = accounts[p.AccountUID]
		out[p.Name] = p
	}
	st.Close()
	return out
}

// exCounts counts the records of each kind in db.
func exCounts(t *testing.T, db string) [3]int {
	t.Helper()
	st := exStore(t, db)
	ds, err := st.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return [3]int{len(ds.Accounts), len(ds.People), len(ds.Notes)}
}

// exNotes returns the texts of the notes on the person named.
func exNotes(t *testing.T, db, person string) []string {
	t.Helper()
	st := exStore(t, db)
	ds, err := st.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	uid := ""
	for _, p := range ds.People {
		if p.Name == person {
			uid = p.UID
		}
	}
	var out []string
	for _, n := range ds.Notes {
		if n.PersonUID == uid && uid != "" {
			out = append(out, n.Text)
		}
	}
	return out
}

// TestImportCRMSheets imports the contact sheets CRMs and mail programs
// export — Outlook's (every field quoted, CRLF, a note across two lines,
// 0/0/00 for no birthday, several phone columns), a European Excel one
// (BOM, semicolons, "Full name", "Mailing City", 7.3.1979) and Google's —
// then imports them again and finds nothing to add.
func TestImportCRMSheets(t *testing.T) {
	db := exDB(t)
	r := exRun(t, db, "import", exData("outlook.csv")).ok(t)
	r.says(t, "accounts: 2 new · people: 4 new · notes: 2 new",
		`line 2: birthday left out: ambiguous date: "5/12/1968" could be 12 May or 5 December`)
	people := exPeople(t, db)
	ingrid := people["Ingrid Ødegaard"]
	if ingrid.Title != "Chief Executive Officer" || ingrid.Email != "ingrid.odegaard@nordlicht.example" ||
		ingrid.Phone != "+49 201 555 0100" || ingrid.BusinessUnit != "Board" || ingrid.Location != "Essen, Germany" ||
		ingrid.AccountName != "Nordlicht Energie AG" || !ingrid.Birthday.IsZero() {
		t.Errorf("Ingrid from Outlook = %+v", ingrid)
	}
	if lena := people["Lena Müller"]; lena.Title != `Category manager, "energy"` || lena.AccountName != "Nordlicht Energie AG" {
		t.Errorf("Lena from Outlook = %+v", lena)
	}
	if kwame := people["Kwame Mensah"]; kwame.AccountName != "Tamarind Foods Ltd" || kwame.Phone != "+233 30 555 0103" {
		t.Errorf("Kwame from Outlook = %+v", kwame)
	}
	if notes := exNotes(t, db, "José Álvarez"); len(notes) != 1 || notes[0] != "Runs marathons.\nAsk about Berlin." {
		t.Errorf("José's notes = %q, want the Notes column as one note", notes)
	}

	exRun(t, db, "import", exData("crm-excel.csv")).ok(t).says(t, "people: 3 new")
	people = exPeople(t, db)
	zoe := people["Zoë Ødegård"]
	if zoe.Title != "Head of Brand, DACH" || zoe.Location != "München, Germany" || zoe.AccountName != "Nordlicht Energie AG" ||
		zoe.Birthday != (model.Birthday{Month: time.March, Day: 7, Year: 1979}) {
		t.Errorf("Zoë from the Excel sheet = %+v", zoe)
	}
	if ana := people["Ana de la Cruz"]; ana.Title != "General Counsel; Legal" || ana.AccountName != "Globex Iberia" {
		t.Errorf("Ana from the Excel sheet = %+v", ana)
	}

	// Google Contacts: "Organization Name", "E-mail 1 - Value", --MM-DD.
	exRun(t, db, "import", exData("google.csv")).ok(t).says(t, "accounts: 1 new · people: 2 new · notes: 1 new")
	people = exPeople(t, db)
	if priya := people["Priya Nair"]; priya.AccountName != "Helios Pharma" || priya.Title != "Head of Market Access" ||
		priya.BusinessUnit != "Market Access" || priya.Email != "priya@helios.example" || priya.Phone != "+44 20 5555 0500" ||
		priya.Location != "London, United Kingdom" || priya.Birthday != (model.Birthday{Month: time.August, Day: 14}) {
		t.Errorf("Priya from Google = %+v", priya)
	}
	if owen := people["Owen Hughes"]; owen.Email != "owen@home.example" || owen.Phone != "+44 7700 900123" ||
		owen.Birthday != (model.Birthday{Month: time.February, Day: 27, Year: 1982}) {
		t.Errorf("Owen from Google = %+v (the first filled email and phone columns)", owen)
	}

	before := exCounts(t, db)
	if before != [3]int{4, 9, 3} {
		t.Errorf("accounts, people, notes = %v, want 4, 9, 3", before)
	}

	// Again: matched by email, else (Tom Becker has none) by name within the account.
	exRun(t, db, "import", exData("outlook.csv")).ok(t).says(t, "people: 4 unchanged.")
	exRun(t, db, "import", exData("crm-excel.csv")).ok(t).says(t, "people: 3 unchanged.")
	exRun(t, db, "import", exData("google.csv")).ok(t).says(t, "people: 2 unchanged.")
	if after := exCounts(t, db); after != before {
		t.Errorf("importing the sheets again changed the counts from %v to %v", before, after)
	}
}

// TestImportVCards imports an Apple Contacts export (vCard 3.0: a line
// folded inside a character, escapes, item groups, a birthday without a
// year) and a vCard 4.0 file (tel: URIs, PREF, --MMDD), then again.
func TestImportVCards(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "import", exData("contacts-3.0.vcf")).ok(t).says(t, "accounts: 2 new · people: 2 new · notes: 1 new")
	exRun(t, db, "import", exData("contacts-4.0.vcf")).ok(t).says(t, "accounts: 1 new · people: 2 new · notes: 1 new")
	people := exPeople(t, db)
	haruki := people["Haruki Nakamura"]
	if haruki.AccountName != "Sakura Robotics, K.K." || haruki.BusinessUnit != "R&D" || haruki.Title != "VP Engineering; Robotics" ||
		haruki.Email != "haruki@sakura.example" || haruki.Phone != "+81 3 5555 0300" ||
		haruki.Birthday != (model.Birthday{Month: time.November, Day: 23}) || haruki.UID != "9B8A7C6D-1111-2222-3333-444455556666" {
		t.Errorf("Haruki from vCard 3.0 = %+v", haruki)
	}
	want := "Loves jazz kissa in Shimokitazawa, ask about his new LP.\nDaughter starts university in April — 大学."
	if notes := exNotes(t, db, "Haruki Nakamura"); len(notes) != 1 || notes[0] != want {
		t.Errorf("Haruki's notes = %q, want the NOTE unfolded and unescaped: %q", notes, want)
	}
	if ingrid := people["Ingrid Ødegaard"]; ingrid.Birthday != (model.Birthday{Month: time.May, Day: 12, Year: 1968}) ||
		ingrid.BusinessUnit != "Board" || ingrid.Phone != "+49 201 555 0100" {
		t.Errorf("Ingrid from vCard 3.0 = %+v", ingrid)
	}
	amara := people["Amara Okafor"]
	if amara.Email != "amara.okafor@tamarind.example" || amara.Phone != "+234-1-555-0400" || amara.Title != "Head of Procurement" ||
		amara.Birthday != (model.Birthday{Month: time.April, Day: 15}) || amara.AccountName != "Tamarind Foods Ltd" {
		t.Errorf("Amara from vCard 4.0 = %+v", amara)
	}
	if kwame := people["Kwame Mensah"]; kwame.Birthday != (model.Birthday{Month: time.September, Day: 1, Year: 1975}) ||
		kwame.BusinessUnit != "Finance" || kwame.AccountName != "Tamarind Foods Ltd" {
		t.Errorf("Kwame from vCard 4.0 = %+v", kwame)
	}
	before := exCounts(t, db)

	exRun(t, db, "import", exData("contacts-3.0.vcf")).ok(t).says(t, "people: 2 unchanged.")
	exRun(t, db, "import", exData("contacts-4.0.vcf")).ok(t).says(t, "people: 2 unchanged.")
	if after := exCounts(t, db); after != before {
		t.Errorf("importing the vCards again changed the counts from %v to %v", before, after)
	}

	// A card whose email changed is still the same person: its UID says so.
	b, err := os.ReadFile(exData("contacts-3.0.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "moved.vcf")
	if err := os.WriteFile(moved, bytes.ReplaceAll(b, []byte("haruki@sakura.example"), []byte("h.nakamura@sakura.example")), 0o600); err != nil {
		t.Fatal(err)
	}
	exRun(t, db, "import", moved).ok(t).says(t, "people: 1 updated, 1 unchanged")
	if p := exPeople(t, db)["Haruki Nakamura"]; p.Email != "h.nakamura@sakura.example" {
		t.Errorf("Haruki's email after the update = %q", p.Email)
	}
	if after := exCounts(t, db); after != before {
		t.Errorf("a card with a new email changed the counts from %v to %v", before, after)
	}
}

// TestImportAccountFlag puts everyone on the account --account names,
// creating it when no account matches.
func TestImportAccountFlag(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "import", exData("contacts-4.0.vcf"), "--account", "Brand New Co").ok(t).
		says(t, "accounts: 1 new · people: 2 new")
	people := exPeople(t, db)
	if people["Amara Okafor"].AccountName != "Brand New Co" || people["Kwame Mensah"].AccountName != "Brand New Co" {
		t.Errorf("people not on the new account: %+v", people)
	}
	// A unique prefix names an existing account, as everywhere else.
	exRun(t, db, "import", exData("crm-excel.csv"), "--account", "brand").ok(t).says(t, "people: 3 new")
	if p := exPeople(t, db)["Ana de la Cruz"]; p.AccountName != "Brand New Co" {
		t.Errorf("Ana is at %q, want Brand New Co (--account wins over the Account column)", p.AccountName)
	}
	if c := exCounts(t, db); c[0] != 1 {
		t.Errorf("%d accounts, want 1: the sheet's companies are not created with --account", c[0])
	}
	exRun(t, db, "import", exData("outlook.csv"), "--account", "Brand Old Co").ok(t)
	r := exRun(t, db, "import", exData("outlook.csv"), "--account", "brand")
	if r.code != ExitRuntime {
		t.Fatalf("an ambiguous --account: exit %d", r.code)
	}
	r.says(t, `“brand” matches several accounts: Brand New Co, Brand Old Co — type more of the name`)
}

// TestImportDryRun shows what an import would do and writes nothing.
func TestImportDryRun(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "import", exData("contacts-3.0.vcf")).ok(t)
	before := exCounts(t, db)
	r := exRun(t, db, "import", exData("outlook.csv"), "--dry-run").ok(t)
	r.says(t, "Dry run of", "nothing was written",
		"line 2: would change Ingrid Ødegaard at Nordlicht Energie AG: location “Essen, Germany” added; would add a note",
		"line 3: would add José Álvarez at Nordlicht Energie AG; would add a note",
		"line 6: would add Kwame Mensah at Tamarind Foods Ltd (new account)",
		"It would import: accounts: 1 new · people: 3 new, 1 updated · notes: 2 new.",
		"Rows it would import with something left out (2):")
	if strings.Contains(r.stdout, "Imported") {
		t.Errorf("a dry run says something was imported:\n%s", r.stdout)
	}
	if after := exCounts(t, db); after != before {
		t.Errorf("a dry run changed the counts from %v to %v", before, after)
	}
	exRun(t, db, "import", exData("accounts.csv"), "--dry-run").ok(t).
		says(t, "line 2: update Nordlicht Energie AG: industry, region, countries, notes, tier, outlook, currency, revenue, potential, importance, hard to replace",
			"line 4: new account Globex Iberia", "It would import: accounts: 1 new, 1 updated.")
	if after := exCounts(t, db); after != before {
		t.Errorf("a dry run changed the counts from %v to %v", before, after)
	}
}

// TestImportBadRows: a bad row stops the import with its line and reason
// and nothing is written; --skip-bad imports the good rows and lists the
// bad ones.
func TestImportBadRows(t *testing.T) {
	db := exDB(t)
	r := exRun(t, db, "import", exData("people-bad.csv"))
	if r.code != ExitRuntime {
		t.Fatalf("exit %d, want 1", r.code)
	}
	r.says(t, "people-bad.csv: line 3: the name is empty (and 2 more bad rows); nothing was imported (--skip-bad imports the good rows)")
	if c := exCounts(t, db); c != [3]int{} {
		t.Errorf("a refused import wrote %v", c)
	}
	r = exRun(t, db, "import", exData("people-bad.csv"), "--dry-run")
	if r.code != ExitRuntime {
		t.Fatalf("dry run of a bad file: exit %d, want 1", r.code)
	}
	r.says(t, "Bad rows (3):", "line 4: email:", "line 5: 2 fields, header has 3", "the import would stop there and write nothing")

	exRun(t, db, "import", exData("people-bad.csv"), "--skip-bad").ok(t).says(t,
		"accounts: 1 new · people: 2 new", "Skipped bad rows (3):", "  line 3: the name is empty",
		`  line 4: email: "not-an-address" is not an address like dana@example.com`, "  line 5: 2 fields, header has 3")
	if people := exPeople(t, db); len(people) != 2 || people["Priya Nair"].Email != "priya@helios.example" || people["Eli Stone"].UID == "" {
		t.Errorf("people after --skip-bad: %v", people)
	}
	exRun(t, db, "import", exData("people-bad.csv"), "--skip-bad").ok(t).says(t, "people: 2 unchanged.")

	// A bad card, and a bad account row.
	vcf := filepath.Join(t.TempDir(), "bad.vcf")
	os.WriteFile(vcf, []byte("BEGIN:VCARD\r\nFN:Good Card\r\nORG:Helios Pharma\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bad Card\r\nBDAY:someday\r\nEND:VCARD\r\n"), 0o600)
	exRun(t, db, "import", vcf).says(t, `line 7 (card 2): BDAY “someday” is not a date`, "nothing was imported")
	exRun(t, db, "import", vcf, "--skip-bad").ok(t).says(t, "people: 1 new", "Skipped bad rows (1):")
	csv := filepath.Join(t.TempDir(), "accounts.csv")
	os.WriteFile(csv, []byte("Name,Tier,Revenue\nGood Co,key,1m\nBad Co,platinum,\nWorse Co,,lots\n"), 0o600)
	exRun(t, db, "import", csv, "--kind", "accounts").says(t, "line 3: tier: must be one of key, strategic, growth, maintain (and 1 more bad row)")
	exRun(t, db, "import", csv, "--kind", "accounts", "--skip-bad").ok(t).says(t, "accounts: 1 new", "line 4: revenue:")
}

// TestImportAccountsSheet imports accounts with their amounts, ratings and
// notes, and again without change.
func TestImportAccountsSheet(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "import", exData("accounts.csv")).ok(t).says(t, "reading it as accounts", "accounts: 2 new.")
	st := exStore(t, db)
	as, err := st.FindAccounts(context.Background(), "Nordlicht Energie AG", 1)
	if err != nil || len(as) != 1 {
		t.Fatal(as, err)
	}
	a := as[0]
	if a.Industry != "Utilities" || a.Countries != "DE, AT, CH" || a.Tier != model.TierKey || a.Currency != "EUR" ||
		a.Revenue != 4_200_000_00 || a.Potential != 9_000_000_00 || a.Outlook != model.OutlookGrowing || a.Importance != 5 ||
		a.Replaceability != 4 || a.Notes != "Fiscal year ends in March.\nProcurement is in Essen." {
		t.Errorf("Nordlicht from the sheet = %+v", a)
	}
	st.Close()
	exRun(t, db, "import", exData("accounts.csv")).ok(t).says(t, "accounts: 2 unchanged.")
}

// TestImportBadFiles: files that are not what they claim get one clear line
// and exit 1, never a panic, and leave no database behind.
func TestImportBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	src := exDB(t)
	exRun(t, src, "demo").ok(t)
	export := filepath.Join(dir, "export.json")
	exRun(t, src, "export", "--format", "json", "--out", export).ok(t)
	doc, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	today := filepath.Join(dir, "today.json")
	os.WriteFile(today, []byte(exRun(t, src, "today", "--json").ok(t).stdout), 0o600)

	tests := []struct {
		name string
		args []string
		want string
		code int
	}{
		{"NotJSON", []string{write("contacts.json", "Name,Email\nDana,d@a.example\n")}, "contacts.json: not a rapport JSON export: it is not JSON", 1},
		{"Truncated", []string{write("cut.json", string(doc[:len(doc)/3]))}, "the file ends in the middle of the document", 1},
		{"NewerVersion", []string{write("v9.json", strings.Replace(string(doc), `"version": 1`, `"version": 9`, 1))},
			"it is version 9, written by a newer rapport; this one reads up to version 1 — upgrade rapport", 1},
		{"WrongKind", []string{today}, `it has no "format": "rapport" — is it the output of another command or program?`, 1},
		{"Empty", []string{write("empty.json", "")}, "the file is empty", 1},
		{"Binary", []string{write("junk.json", "\x00\x01\x02PK\x03\x04")}, "it is not JSON", 1},
		{"BadRecord", []string{write("bad.json", strings.Replace(string(doc), `"tier": "key"`, `"tier": "platinum"`, 1))},
			"tier: must be one of key, strategic, growth, maintain; nothing was imported", 1},
		{"JSONAsVCard", []string{export, "--format", "vcf"}, "line 1: expected BEGIN:VCARD, found", 1},
		{"VCardAsCSV", []string{exData("contacts-3.0.vcf"), "--format", "csv"}, "no name column", 1},
		{"CSVNoName", []string{write("x.csv", "Email,Phone\nd@a.example,1\n")}, `line 1: no name column: expected Name, Full name or First name + Last name (the header has “Email”, “Phone”)`, 1},
		{"CSVOpenQuote", []string{write("q.csv", "Name,Notes\nAnn,x\nBo,\"open\nCy,y\n")}, "line 3: a quoted field in the row starting here is not closed properly", 1},
		{"Missing", []string{filepath.Join(dir, "nope.csv")}, "cannot open", 1},
		{"Directory", []string{dir, "--format", "csv"}, "is a directory", 1},
		{"UnknownExtension", []string{write("x.xlsx", "PK")}, "cannot tell the format", 2},
		{"JSONSkipBad", []string{export, "--skip-bad"}, "do not apply to json", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "fresh.db")
			r := exRun(t, db, append([]string{"import"}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			r.says(t, tt.want)
			if _, err := os.Stat(db); err == nil && tt.name != "BadRecord" {
				t.Errorf("a file that does not read left a database behind")
			}
			if tt.name == "BadRecord" {
				if c := exCounts(t, db); c != [3]int{} {
					t.Errorf("a refused JSON import wrote %v", c)
				}
			}
		})
	}
}

// TestImportControlCharacters: text with terminal escapes is stored as
// written, and never reaches the terminal raw.
func TestImportControlCharacters(t *testing.T) {
	db := exDB(t)
	csv := filepath.Join(t.TempDir(), "esc.csv")
	os.WriteFile(csv, []byte("Name,Company,Notes\n\"Eve \x1b]0;pwned\x07Evil\",\"Acme\x1b[2J\",\"bell\x07\"\n"), 0o600)
	exRun(t, db, "import", csv, "--dry-run").ok(t)
	exRun(t, db, "import", csv).ok(t)
	people := exPeople(t, db)
	p, ok := people["Eve \x1b]0;pwned\x07Evil"]
	if !ok || p.AccountName != "Acme\x1b[2J" {
		t.Errorf("stored people = %v; want the name and company as written", people)
	}
	if n := exNotes(t, db, p.Name); len(n) != 1 || n[0] != "bell\x07" {
		t.Errorf("note = %q", n)
	}
	exRun(t, db, "import", csv).ok(t).says(t, "people: 1 unchanged.")
}

// An export that drops accents (or changes case, spacing or punctuation)
// never renames anyone; it fills what is empty, and a real change says what
// it changes from and to.
func TestImportKeepsStoredSpelling(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "import", exData("contacts-3.0.vcf")).ok(t)
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ingrid, err := st.ResolvePerson(context.Background(), "ingrid", store.PersonName{})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(t.TempDir(), "crm.csv")
	body := "Name,Company,Title,Phone\n" +
		"ingrid  odegaard," + ingrid.AccountName + "," + strings.ToUpper(ingrid.Title) + ",+47 555 0199\n"
	if err := os.WriteFile(csv, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r := exRun(t, db, "import", csv, "--dry-run").ok(t)
	r.says(t, "would change Ingrid Ødegaard", "phone: “"+ingrid.Phone+"” → “+47 555 0199”")
	if strings.Contains(r.stdout, "name:") || strings.Contains(r.stdout, "title:") {
		t.Errorf("a spelling of the same name or title is a change:\n%s", r.stdout)
	}
	exRun(t, db, "import", csv).ok(t)
	st, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after, _ := st.Person(context.Background(), ingrid.ID)
	if after.Name != ingrid.Name || after.Title != ingrid.Title || after.Phone != "+47 555 0199" {
		t.Errorf("after the import: %q, %q, %q; want the stored name and title, the new phone", after.Name, after.Title, after.Phone)
	}
}
