package exchange

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"rapport/model"
)

// FuzzReadPeopleCSV checks that ReadPeopleCSV never panics, that what it
// returns is sound, and that writing it and reading it again gives it back.
func FuzzReadPeopleCSV(f *testing.F) {
	seeds := []string{
		"Name,Email\nDana Li,dana@acme.example\n",
		"\xef\xbb\xbfName;Title;Company\r\nZoë Müller;Head of Brand;Initech\r\n",
		"First name\tLast name\tE-mail\nAna\tde la Cruz\tana@globex.example\n",
		"sep=;\nName;Notes\n\"Li; Dana\";\"Met at \"\"Summit\"\"\nTwo kids\"\n",
		"Name,Notes\nDana,\"open\nSam,x\n",
		"Name,Title\nDana,5\" display\n",
		"Name,Email,Phone\nDana,d@a.example\n",
		"Email\nx@y.example\n",
		"Name\n\r\n,\n\"\"\n",
		"Full name,City,Country\nDana,Boston,US\n",
		"",
		"\"",
		"Name\n\"a\rb\"\n",
		"Name,Email\nDana,d@a.example\nSam\n\"Li\"x,y\nBo,b\"x\nZoe,z\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		people, err := ReadPeopleCSV(bytes.NewReader(data), 1<<16)
		var bad BadRows
		if errors.As(err, &bad) {
			checkBadRows(t, bad)
		} else if err != nil {
			return
		}
		in := make([]model.Person, len(people))
		for i, p := range people {
			if p.Name == "" || p.Line < 1 || (i > 0 && p.Line <= people[i-1].Line) {
				t.Fatalf("row %d: %+v", i, p)
			}
			for _, s := range []string{p.Name, p.Title, p.Email, p.Phone, p.Account, p.BusinessUnit, p.Location, p.Birthday, p.Notes} {
				if !utf8.ValidString(s) || s != strings.TrimSpace(s) || strings.Contains(s, "\r") {
					t.Fatalf("row %d: field %q is not trimmed UTF-8", i, s)
				}
			}
			in[i] = model.Person{Name: p.Name, Title: p.Title, Email: p.Email, Phone: p.Phone,
				AccountName: p.Account, BusinessUnit: p.BusinessUnit, Location: p.Location}
		}
		var buf bytes.Buffer
		if err := WritePeopleCSV(&buf, in); err != nil {
			t.Fatal(err)
		}
		again, err := ReadPeopleCSV(&buf, 0)
		if err != nil {
			t.Fatalf("reading what WritePeopleCSV wrote: %v\n%q", err, buf.String())
		}
		if len(again) != len(people) {
			t.Fatalf("wrote %d people, read %d", len(people), len(again))
		}
		for i, p := range people {
			a := again[i]
			p.Notes, p.Birthday, p.Line, a.Line = "", "", 0, 0
			if a != p {
				t.Fatalf("row %d changed in a round trip:\n got %+v\nwant %+v", i, a, p)
			}
		}
	})
}

// FuzzReadVCards checks that ReadVCards never panics, that what it returns is
// sound, and that writing it as vCards and reading it again gives it back.
func FuzzReadVCards(f *testing.F) {
	seeds := []string{
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nN:Müller;Zoë;;;\r\nORG:Initech\\, Inc.;Brand\r\nEMAIL;TYPE=pref:z@i.example\r\nBDAY:--0307\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\nVERSION:4.0\nN:Li;Dana;;;\nTEL;VALUE=uri:tel:+1-555\nBDAY:19801203\nNOTE:a\\nb\\;c\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Ch=E2teau;Ren=\n=E9\nTEL;CELL:+33\nEND:VCARD\n",
		"BEGIN:VCARD\nFN:Zo\n \xc3\xab\nitem1.EMAIL;type=\"a,b\":x@y\nEND:VCARD\n",
		"BEGIN:VCARD\nFN:A\nBDAY:1604-12-03\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-12-03\nEND:VCARD\n",
		"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\n",
		"BEGIN:VCARD\nFN:A\n",
		"BEGIN:VCARD\nEND:VCARD\n",
		"BEGIN:VCARD\nFN;X=\"unterminated:A\nEND:VCARD\n",
		"BEGIN:VCARD\nFN:C:\\\\New\\N\nTITLE:x\\\\;y\nEND:VCARD\n",
		"BEGIN:VCARD\nPRODID:" + ProductID + "\nFN:A\nNOTE:Role in decisions: champion\\nLocation: Oslo\\nLikes tea\nEND:VCARD\n",
		"BEGIN:VCARD\nFN:A\nEND:VCARD\njunk\nBEGIN:VCARD\nFN:B\nBDAY:x\nEND:VCARD\nBEGIN:VCARD\nFN:C\n",
		"hello",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		contacts, err := ReadVCards(bytes.NewReader(data), 1<<16)
		var bad BadRows
		if errors.As(err, &bad) {
			checkBadRows(t, bad)
		} else if err != nil {
			return
		}
		in := make([]model.Person, len(contacts))
		for i, c := range contacts {
			if c.Name == "" || c.Line < 1 || c.Birthday.Validate() != nil {
				t.Fatalf("contact %d: %+v", i, c)
			}
			for _, s := range []string{c.UID, c.Name, c.Org, c.BusinessUnit, c.Title, c.Email, c.Phone, c.Note} {
				if !utf8.ValidString(s) || s != strings.TrimSpace(s) {
					t.Fatalf("contact %d: field %q is not trimmed UTF-8", i, s)
				}
			}
			in[i] = model.Person{UID: c.UID, Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone,
				AccountName: c.Org, BusinessUnit: c.BusinessUnit, Birthday: c.Birthday, Role: model.Role(c.Role), Location: c.Location}
		}
		var buf bytes.Buffer
		if err := WriteVCards(&buf, in); err != nil {
			t.Fatal(err)
		}
		again, err := ReadVCards(&buf, 0)
		if err != nil {
			t.Fatalf("reading what WriteVCards wrote: %v\n%q", err, buf.String())
		}
		if len(again) != len(contacts) {
			t.Fatalf("wrote %d contacts, read %d", len(contacts), len(again))
		}
		for i, c := range contacts {
			// The writer puts one-line fields on one line and replaces
			// control characters; the UID and birthday go through as they are.
			want := Contact{
				UID: strings.TrimSpace(replaceControls(c.UID)), Name: oneLine(c.Name), Org: oneLine(c.Org),
				BusinessUnit: oneLine(c.BusinessUnit), Title: oneLine(c.Title), Email: oneLine(c.Email),
				Phone: oneLine(c.Phone), Birthday: c.Birthday, Role: oneLine(c.Role), Location: oneLine(c.Location),
			}
			got := again[i]
			got.Note, got.Line = "", 0
			if got != want {
				t.Fatalf("contact %d changed in a round trip:\n got %+v\nwant %+v\n%s", i, got, want, buf.String())
			}
		}
	})
}

// checkBadRows checks the list of bad rows a reader returns beside the good
// ones: not empty, in file order, each with a line and a reason.
func checkBadRows(t *testing.T, bad BadRows) {
	t.Helper()
	if len(bad) == 0 {
		t.Fatal("BadRows error with no rows")
	}
	for i, b := range bad {
		if b.Line < 1 || b.Reason == "" || (i > 0 && b.Line < bad[i-1].Line) {
			t.Fatalf("bad row %d: %+v", i, b)
		}
	}
}
