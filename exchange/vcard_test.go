package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// writeTemp writes data to a file in a fresh temporary directory and opens it.
func writeTemp(t *testing.T, name string, data []byte) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// crlf turns a test literal's line ends into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestReadVCardsSample(t *testing.T) {
	// A vCard 3.0 export as Apple Contacts writes it, with a fold inside "ë",
	// escaped commas and semicolons, a preferred e-mail that is not the first
	// and a birthday without a year; then a 4.0 card with URIs and no FN.
	sample := crlf("BEGIN:VCARD\n" +
		"VERSION:3.0\n" +
		"PRODID:-//Apple Inc.//macOS 15.0//EN\n" +
		"N:Müller;Zoë;;Dr.;\n" +
		"FN:Zo\xc3\n" +
		" \xab Müller\n" +
		"ORG:Initech\\, Inc.;Brand \\; Marketing;\n" +
		"TITLE:Head of Brand\\, DACH\n" +
		"item1.EMAIL;type=INTERNET;type=HOME:zoe@home.example\n" +
		"item2.EMAIL;type=INTERNET;type=WORK;type=pref:zoe@initech.example\n" +
		"TEL;type=CELL;type=VOICE;type=pref:+49 89 1234 5678\n" +
		"TEL;type=WORK:+49 89 0000\n" +
		"BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-07\n" +
		"NOTE:Ran the Munich marathon in 3:41\\; two kids\\, both at uni.\\nAsks a\n" +
		"	bout the dog.\n" +
		"UID:0A1B-2C3D\n" +
		"END:VCARD\n" +
		"\n" +
		"BEGIN:VCARD\n" +
		"VERSION:4.0\n" +
		"N:Li;Dana;;;\n" +
		"EMAIL;PREF=1:mailto:dana@acme.example\n" +
		"TEL;VALUE=uri;TYPE=work:tel:+1-555-0100\n" +
		"BDAY:19801203T000000Z\n" +
		"UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\n" +
		"END:VCARD\n" +
		"BEGIN:VCARD\n" +
		"VERSION:2.1\n" +
		"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ch=C3=A2teau;Ren=C3=A9\n" +
		"TEL;CELL:+33 6 12 34 56 78\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Caf=E9 au lait, long text that =\n" +
		"continues here\n" +
		"BDAY:--1224\n" +
		"END:VCARD\n")
	f := writeTemp(t, "contacts.vcf", []byte(sample))
	got, err := ReadVCards(f, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := []Contact{
		{
			UID: "0A1B-2C3D", Name: "Zoë Müller", Org: "Initech, Inc.", BusinessUnit: "Brand ; Marketing",
			Title: "Head of Brand, DACH", Email: "zoe@initech.example", Phone: "+49 89 1234 5678",
			Note:     "Ran the Munich marathon in 3:41; two kids, both at uni.\nAsks about the dog.",
			Birthday: model.Birthday{Month: time.March, Day: 7}, Line: 1,
		},
		{
			UID: "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", Name: "Dana Li",
			Email: "dana@acme.example", Phone: "+1-555-0100",
			Birthday: model.Birthday{Month: time.December, Day: 3, Year: 1980}, Line: 19,
		},
		{
			Name: "René Château", Phone: "+33 6 12 34 56 78",
			Note:     "Café au lait, long text that continues here",
			Birthday: model.Birthday{Month: time.December, Day: 24}, Line: 27,
		},
	}
	if len(got) != len(want) {
		t.Fatalf("read %d contacts, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("contact %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
}

func TestReadVCardsErrors(t *testing.T) {
	card := func(body string) string { return "BEGIN:VCARD\nVERSION:3.0\n" + body + "END:VCARD\n" }
	tests := []struct {
		name  string
		in    string
		limit int64
		want  string
	}{
		{"not a vCard", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", 0, `line 1: expected BEGIN:VCARD, found “BEGIN:VCALENDAR” — is this a vCard file?`},
		{"text after a card", card("FN:A\n") + "oops\n", 0, `line 5: “oops” is outside any card`},
		{"no END", card("FN:A\n") + "BEGIN:VCARD\nFN:B\n", 0, "line 5 (card 2): the card has no END:VCARD"},
		{"BEGIN inside", "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\n", 0, "line 1 (card 1): the card has no END:VCARD before the next BEGIN:VCARD on line 3 (and 1 more bad row)"},
		{"not a property", card("FN:A\nthis is not a property\n"), 0, `line 4 (card 1): “this is not a property” is not a property like NAME:value`},
		{"bad birthday", card("FN:A\n") + card("FN:B\nEMAIL:b@example.com\nBDAY:dec 3\n"), 0, `line 9 (card 2): BDAY “dec 3” is not a date like 1980-12-03, 19801203 or --12-03`},
		{"impossible birthday", card("FN:A\nBDAY:--02-30\n"), 0, `line 4 (card 1): BDAY “--02-30”`},
		{"no name", card("FN:A\n") + card("EMAIL:x@example.com\n"), 0, "line 5 (card 2): the card has no name (FN or N)"},
		{"blank name", card("FN: \nN:;;;;\n"), 0, "line 1 (card 1): the card has no name"},
		{"not UTF-8", card("FN:Zo\xeb\n"), 0, "line 3 (card 1): the text is not UTF-8"},
		{"too large", card("FN:" + strings.Repeat("a", 100) + "\n"), 64, "larger than 64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadVCards(strings.NewReader(tt.in), tt.limit)
			if err == nil {
				t.Fatalf("read %+v, want an error", got)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if tt.limit > 0 {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("error %v is not ErrTooLarge", err)
				}
			} else if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("error %v is not model.ErrInvalid", err)
			}
		})
	}
}

// TestReadVCardsBadCards checks that the cards that read are returned beside
// the list of those that do not, each named by line and number.
func TestReadVCardsBadCards(t *testing.T) {
	in := "BEGIN:VCARD\nFN:Ann\nEND:VCARD\n" + // 1
		"BEGIN:VCARD\nFN:Bad\nBDAY:soon\nEND:VCARD\n" + // 4
		"BEGIN:VCARD\nFN:Cut short\n" + // 8
		"BEGIN:VCARD\nFN:Cy\nnot a property\nEND:VCARD\n" + // 10
		"BEGIN:VCARD\nN:Dee;Dora;;;\nEND:VCARD\n" + // 14
		"BEGIN:VCARD\nEMAIL:x@example.com\nEND:VCARD\n" // 17
	got, err := ReadVCards(strings.NewReader(in), 0)
	var bad BadRows
	if !errors.As(err, &bad) {
		t.Fatalf("err = %v, want BadRows", err)
	}
	var names []string
	for _, c := range got {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "Ann,Dora Dee" {
		t.Errorf("good cards = %q, want Ann and Dora Dee", names)
	}
	var where []string
	for _, b := range bad {
		where = append(where, fmt.Sprintf("%d/%d", b.Line, b.Card))
	}
	if strings.Join(where, " ") != "6/2 8/3 12/4 17/6" {
		t.Errorf("bad cards at %v, want 6/2 8/3 12/4 17/6 (line/card): %v", where, err)
	}
	if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "and 3 more bad rows") {
		t.Errorf("error %q", err)
	}
}

func TestReadVCardsEmpty(t *testing.T) {
	for _, in := range []string{"", "\r\n\r\n", "\xef\xbb\xbf"} {
		got, err := ReadVCards(strings.NewReader(in), 0)
		if err != nil || len(got) != 0 {
			t.Errorf("ReadVCards(%q) = %v, %v; want nothing, no error", in, got, err)
		}
	}
}

func TestWriteVCardsRoundTrip(t *testing.T) {
	people := []model.Person{
		{
			UID: "p-zoe", Name: "Zoë Müller", Title: "Head of Brand, DACH; acting CMO", AccountName: "Initech; Inc.",
			BusinessUnit: "Brand, Marketing", Email: "zoe@initech.example", Phone: "+49 89 1234 5678",
			Role: model.RoleChampion, Location: "Munich (CET)", Stance: model.StanceSupporter, Owner: "Priya (delivery)",
			Birthday: model.Birthday{Month: time.March, Day: 7},
		},
		{
			UID: "p-ludwig", Name: "Ludwig van Beethoven", AccountName: "Bonn Orchestra",
			Birthday: model.Birthday{Month: time.December, Day: 16, Year: 1970},
		},
		{UID: "p-madonna", Name: "Madonna", Title: `C:\New\n, \; done`},
		{Name: "A very long name " + strings.Repeat("Ærøskøbing ", 12), Title: strings.Repeat("Vice president, ", 8)},
	}
	var buf bytes.Buffer
	if err := WriteVCards(&buf, people); err != nil {
		t.Fatal(err)
	}
	unfoldContent(t, buf.Bytes()) // CRLF, 75 octets, whole characters
	f := writeTemp(t, "people.vcf", buf.Bytes())
	got, err := ReadVCards(f, 0)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(got) != len(people) {
		t.Fatalf("read %d contacts, want %d", len(got), len(people))
	}
	for i, p := range people {
		want := Contact{
			UID: p.UID, Name: oneLine(p.Name), Org: p.AccountName, BusinessUnit: p.BusinessUnit,
			Title: strings.TrimSpace(p.Title), Email: p.Email, Phone: p.Phone, Birthday: p.Birthday, Line: got[i].Line,
		}
		if i == 0 { // read back from the NOTE of a card rapport wrote
			want.Role, want.Location, want.Stance, want.Owner = "champion", "Munich (CET)", "supporter", "Priya (delivery)"
		}
		if got[i] != want {
			t.Errorf("person %d:\n got %+v\nwant %+v", i+1, got[i], want)
		}
	}
	for _, s := range []string{"VERSION:3.0\r\n", "N:Müller;Zoë;;;\r\n", "N:van Beethoven;Ludwig;;;\r\n", "N:;Madonna;;;\r\n",
		"BDAY:--03-07\r\n", "BDAY:1970-12-16\r\n", `ORG:Initech\; Inc.;Brand\, Marketing`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct{ in, given, family string }{
		{"Dana Li", "Dana", "Li"},
		{"Zoë Anna Müller", "Zoë Anna", "Müller"},
		{"Ludwig van Beethoven", "Ludwig", "van Beethoven"},
		{"Ana de la Cruz", "Ana", "de la Cruz"},
		{"Madonna", "Madonna", ""},
		{"de Gaulle", "de", "Gaulle"}, // a lone particle stays the given name
		{"", "", ""},
	}
	for _, tt := range tests {
		g, f := splitName(tt.in)
		if g != tt.given || f != tt.family {
			t.Errorf("splitName(%q) = %q, %q; want %q, %q", tt.in, g, f, tt.given, tt.family)
		}
	}
}

func TestParseVCardBirthday(t *testing.T) {
	tests := []struct {
		in, omit string
		want     model.Birthday
		ok       bool
	}{
		{"1980-12-03", "", model.Birthday{Month: 12, Day: 3, Year: 1980}, true},
		{"19801203", "", model.Birthday{Month: 12, Day: 3, Year: 1980}, true},
		{"--1203", "", model.Birthday{Month: 12, Day: 3}, true},
		{"--12-03", "", model.Birthday{Month: 12, Day: 3}, true},
		{"1980-12-03T10:00:00Z", "", model.Birthday{Month: 12, Day: 3, Year: 1980}, true},
		{"1604-12-03", "1604", model.Birthday{Month: 12, Day: 3}, true},
		{"1604-12-03", "", model.Birthday{Month: 12, Day: 3}, true}, // out of range year dropped
		{"--02-29", "", model.Birthday{Month: 2, Day: 29}, true},
		{"1981-02-29", "", model.Birthday{}, false},
		{"--13-01", "", model.Birthday{}, false},
		{"1980-12", "", model.Birthday{}, false},
		{"dec 3", "", model.Birthday{}, false},
		{"--1a03", "", model.Birthday{}, false},
		{"", "", model.Birthday{}, false},
	}
	for _, tt := range tests {
		got, ok := parseVCardBirthday(tt.in, tt.omit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseVCardBirthday(%q, %q) = %v, %v; want %v, %v", tt.in, tt.omit, got, ok, tt.want, tt.ok)
		}
	}
}
