package exchange

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestReadPeopleCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []CSVPerson
	}{
		{
			name: "comma, BOM, CRLF",
			in:   "\xef\xbb\xbfName,Title,Email,Phone,Company,Department,Location,Notes\r\nDana Li,CFO,dana@acme.example,+1 555 0100,Acme,Finance,Boston,Likes numbers\r\n",
			want: []CSVPerson{{Name: "Dana Li", Title: "CFO", Email: "dana@acme.example", Phone: "+1 555 0100", Account: "Acme",
				BusinessUnit: "Finance", Location: "Boston", Notes: "Likes numbers", Line: 2}},
		},
		{
			name: "semicolon, flexible names",
			in:   "Full name;Job_Title;E-Mail;Mobile;Organisation;Business unit;City\nZoë Müller;Head of Brand, DACH;zoe@initech.example;+49 89 1;Initech;Brand;München\n",
			want: []CSVPerson{{Name: "Zoë Müller", Title: "Head of Brand, DACH", Email: "zoe@initech.example", Phone: "+49 89 1",
				Account: "Initech", BusinessUnit: "Brand", Location: "München", Line: 2}},
		},
		{
			name: "tab",
			in:   "contact\trole\temail address\n  Dana Li  \tCFO\tdana@acme.example\n",
			want: []CSVPerson{{Name: "Dana Li", Title: "CFO", Email: "dana@acme.example", Line: 2}},
		},
		{
			name: "Excel sep line",
			in:   "sep=,\nName,Notes;a;b\n\"Li; Dana\",x\n",
			want: []CSVPerson{{Name: "Li; Dana", Line: 3}},
		},
		{
			name: "Excel sep line, tab",
			in:   "sep=\t\r\nName\tEmail\r\nDana, Li\td@a.example\r\n",
			want: []CSVPerson{{Name: "Dana, Li", Email: "d@a.example", Line: 3}},
		},
		{
			name: "Outlook export",
			in: `"First Name","Middle Name","Last Name","Title","Company","Department","Job Title","Business City","Business Country/Region","Business Phone","E-mail Address","Birthday"` + "\r\n" +
				`"Ana","","de la Cruz","Ms.","Globex","Legal","General Counsel","Madrid","Spain","+34 91 000","ana@globex.example","3/7/1979"` + "\r\n",
			want: []CSVPerson{{Name: "Ana de la Cruz", Title: "General Counsel", Email: "ana@globex.example", Phone: "+34 91 000",
				Account: "Globex", BusinessUnit: "Legal", Location: "Madrid, Spain", Birthday: "3/7/1979", Line: 2}},
		},
		{
			name: "given name only, surname only",
			in:   "Given name,Surname\nCher,\n,Bono\n",
			want: []CSVPerson{{Name: "Cher", Line: 2}, {Name: "Bono", Line: 3}},
		},
		{
			name: "quoted newlines and quotes, blank rows",
			in: "Name,Notes,Email\n" +
				"Dana Li,\"Met at \"\"Summit\"\"\nTwo kids\",dana@acme.example\n" +
				",,\n" +
				"\n" +
				"Sam Roe,,sam@acme.example\n" +
				" , ,\t\n",
			want: []CSVPerson{
				{Name: "Dana Li", Notes: "Met at \"Summit\"\nTwo kids", Email: "dana@acme.example", Line: 2},
				{Name: "Sam Roe", Email: "sam@acme.example", Line: 6},
			},
		},
		{
			name: "blank line before the header, duplicate columns",
			in:   "\n\nName,Email,Email\nDana,first@a.example,second@a.example\n",
			want: []CSVPerson{{Name: "Dana", Email: "first@a.example", Line: 4}},
		},
		{
			name: "header only",
			in:   "Name,Email\n",
			want: []CSVPerson{},
		},
		{
			name: "one column, commas in the names",
			in:   "Name\n\"Li, Dana\"\nSam\n",
			want: []CSVPerson{{Name: "Li, Dana", Line: 2}, {Name: "Sam", Line: 3}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := writeTemp(t, "people.csv", []byte(tt.in))
			got, err := ReadPeopleCSV(f, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadPeopleCSVErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		limit   int64
		want    string
		tooBig  bool
		invalid bool
	}{
		{name: "field count", in: "Name,Email,Phone\nDana,d@a.example,1\nSam,s@a.example\n", want: "line 3: 2 fields, header has 3", invalid: true},
		{name: "one field", in: "Name,Email\nDana,d@a.example\nSam\n", want: "line 3: 1 field, header has 2", invalid: true},
		{name: "field count after a quoted newline", in: "Name,Notes\nDana,\"a\nb\"\nSam,x,y\n", want: "line 4: 3 fields, header has 2", invalid: true},
		{name: "no name column", in: "Email,Phone\nd@a.example,1\n", want: `line 1: no name column: expected Name, Full name or First name + Last name (the header has “Email”, “Phone”)`, invalid: true},
		{name: "empty name", in: "Name,Email\nDana,d@a.example\n ,x@a.example\n", want: "line 3: the name is empty", invalid: true},
		{name: "bare quote", in: "Name,Title\nDana,5\" display\n", want: `line 2: a " in a field that does not start with one`, invalid: true},
		{name: "unclosed quote", in: "Name,Notes\nDana,\"open\nSam,x\n", want: "line 2: a quoted field in the row starting here is not closed properly (noticed on line 3)", invalid: true},
		{name: "not UTF-8", in: "Name\nZo\xeb\n", want: "line 2: the text is not UTF-8 — save the file as UTF-8 (in Excel: CSV UTF-8)", invalid: true},
		{name: "empty file", in: "", want: "the CSV file is empty", invalid: true},
		{name: "only a BOM", in: "\xef\xbb\xbf\r\n", want: "the CSV file is empty", invalid: true},
		{name: "too large", in: "Name\n" + strings.Repeat("Dana\n", 100), limit: 100, want: "the CSV file is larger than 100 bytes", tooBig: true},
		{name: "too many columns", in: strings.Repeat("x,", MaxCSVColumns) + "Name\n", want: "the header has 501 columns", tooBig: true},
		{name: "too many rows", in: "Name\n" + strings.Repeat("a\n", MaxCSVRows+1), want: "line 100002: more than 100000 rows", tooBig: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPeopleCSV(strings.NewReader(tt.in), tt.limit)
			if err == nil {
				t.Fatalf("read %+v, want an error", got)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if errors.Is(err, ErrTooLarge) != tt.tooBig {
				t.Errorf("errors.Is(%v, ErrTooLarge) = %v", err, !tt.tooBig)
			}
			if errors.Is(err, model.ErrInvalid) != tt.invalid {
				t.Errorf("errors.Is(%v, model.ErrInvalid) = %v", err, !tt.invalid)
			}
		})
	}
}

func TestReadAccountsCSV(t *testing.T) {
	in := "Account name;Industry;Region;Countries served;Tier;Currency;Annual revenue;Potential revenue;Strategic importance;Hard to replace;Growth outlook;Description\n" +
		"Acme;Retail;EMEA;DE, AT;key;EUR;4.2m;\"6,000,000\";4;5;growing;\"Brand-led;\nlikes pilots\"\n" +
		"Globex;;;;;;;;;;;\n"
	got, err := ReadAccountsCSV(strings.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []CSVAccount{
		{Name: "Acme", Industry: "Retail", Region: "EMEA", Countries: "DE, AT", Tier: "key", Currency: "EUR", Revenue: "4.2m",
			Potential: "6,000,000", Importance: "4", Replaceability: "5", Outlook: "growing", Notes: "Brand-led;\nlikes pilots", Line: 2},
		{Name: "Globex", Line: 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	_, err = ReadAccountsCSV(strings.NewReader("Industry,Tier\nRetail,key\n"), 0)
	if err == nil || !strings.Contains(err.Error(), "no name column: expected Name, Account, Company or Account name") {
		t.Errorf("err = %v, want no name column", err)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	people := []model.Person{
		{Name: "Zoë Müller", Title: "Head of Brand, \"DACH\"", AccountName: "Initech; Inc.", BusinessUnit: "Brand",
			Email: "zoe@initech.example", Phone: "+49 89 1234", Location: "München\tCET",
			Birthday: model.Birthday{Month: time.March, Day: 7}, Stance: model.StanceSceptic, Owner: "Priya (delivery)"},
		{Name: "Dana Li", Birthday: model.Birthday{Month: time.December, Day: 3, Year: 1980}},
		{Name: "=1+1", Title: "multi\nline"},
	}
	var buf bytes.Buffer
	if err := WritePeopleCSV(&buf, people); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbfName,Title,Account,Business unit,Email,Phone,Location,Birthday,Stance,Relationship owner\r\n")) {
		t.Errorf("header = %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	gotPeople, err := ReadPeopleCSV(writeTemp(t, "people.csv", buf.Bytes()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotPeople) != len(people) {
		t.Fatalf("read %d people, want %d", len(gotPeople), len(people))
	}
	for i, p := range people {
		g := gotPeople[i]
		b, err := model.ParseBirthday(g.Birthday)
		if err != nil {
			t.Errorf("person %d: birthday %q: %v", i+1, g.Birthday, err)
		}
		got := []string{g.Name, g.Title, g.Account, g.BusinessUnit, g.Email, g.Phone, g.Location, g.Stance, g.Owner}
		want := []string{p.Name, p.Title, p.AccountName, p.BusinessUnit, p.Email, p.Phone, p.Location, string(p.Stance), p.Owner}
		if !reflect.DeepEqual(got, want) || b != p.Birthday {
			t.Errorf("person %d: got %q %v, want %q %v", i+1, got, b, want, p.Birthday)
		}
	}

	accounts := []model.Account{
		{Name: "Acme, Inc.", Tier: model.TierKey, Industry: "Retail", Region: "EMEA", Countries: "DE; AT",
			Currency: "EUR", Revenue: 420_000_050, Potential: 600_000_000, Outlook: model.OutlookGrowing,
			Importance: 4, Replaceability: 5, Notes: "Line one\nLine \"two\""},
		{Name: "Globex"},
	}
	buf.Reset()
	if err := WriteAccountsCSV(&buf, accounts); err != nil {
		t.Fatal(err)
	}
	gotAccounts, err := ReadAccountsCSV(writeTemp(t, "accounts.csv", buf.Bytes()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotAccounts) != len(accounts) {
		t.Fatalf("read %d accounts, want %d", len(gotAccounts), len(accounts))
	}
	if g := gotAccounts[0]; g.Revenue != "4200000.50" || g.Potential != "6000000" || g.Importance != "4" || g.Replaceability != "5" {
		t.Errorf("amounts and ratings: %+v", g)
	}
	for i, a := range accounts {
		g := gotAccounts[i]
		rev, err1 := model.ParseMoney(g.Revenue)
		pot, err2 := model.ParseMoney(g.Potential)
		if err1 != nil || err2 != nil || rev != a.Revenue || pot != a.Potential {
			t.Errorf("account %d: revenue %q potential %q: %v %v", i+1, g.Revenue, g.Potential, err1, err2)
		}
		got := []string{g.Name, g.Tier, g.Industry, g.Region, g.Countries, g.Currency, g.Outlook, g.Notes}
		want := []string{a.Name, string(a.Tier), a.Industry, a.Region, a.Countries, a.Currency, string(a.Outlook), a.Notes}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("account %d: got %q, want %q", i+1, got, want)
		}
	}
}

func TestPlainMoney(t *testing.T) {
	tests := []struct {
		in   model.Money
		want string
	}{{0, ""}, {1, "0.01"}, {150, "1.50"}, {100, "1"}, {420_000_050, "4200000.50"}, {model.MaxMoney, "1000000000000000"}, {-250, "-2.50"}}
	for _, tt := range tests {
		if got := plainMoney(tt.in); got != tt.want {
			t.Errorf("plainMoney(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectSeparator(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"a,b,c\n", ','},
		{"a;b;c\n1,5;2,5;3\n", ';'},
		{"a\tb\n", '\t'},
		{"\"a,b\";c\n", ';'},
		{"single\nx;y;z\n", ','},
		{"\n\r\n a;b\n", ';'},
		{"", ','},
	}
	for _, tt := range tests {
		if got := detectSeparator([]byte(tt.in)); got != tt.want {
			t.Errorf("detectSeparator(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadPeopleCSVBadRows checks that the rows that read are returned
// beside the list of those that do not, in file order, and that a quote left
// open across lines stops the read, since the rows after it are lost in it.
func TestReadPeopleCSVBadRows(t *testing.T) {
	in := "Name;Email;Notes\n" +
		"Ann;a@x.example;\n" + // 2
		"Bo;b@x.example\n" + // 3: a field short
		";c@x.example;\n" + // 4: no name
		"Cy;c\"y@x.example;\n" + // 5: a stray quote
		"Zo\xeb;z@x.example;\n" + // 6: Latin-1
		"\"Dee\";d@x.example;\"two\nlines\"\n" + // 7
		"Eve;e@x.example;;extra\n" // 9: a field too many
	got, err := ReadPeopleCSV(strings.NewReader(in), 0)
	var bad BadRows
	if !errors.As(err, &bad) || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("err = %v, want BadRows", err)
	}
	want := []CSVPerson{{Name: "Ann", Email: "a@x.example", Line: 2}, {Name: "Dee", Email: "d@x.example", Notes: "two\nlines", Line: 7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("good rows = %+v, want %+v", got, want)
	}
	var lines []int
	for _, b := range bad {
		lines = append(lines, b.Line)
	}
	if !reflect.DeepEqual(lines, []int{3, 4, 5, 6, 9}) {
		t.Errorf("bad rows at lines %v, want 3 4 5 6 9: %v", lines, err)
	}
	if want := "line 3: 2 fields, header has 3 (and 4 more bad rows)"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}

	_, err = ReadPeopleCSV(strings.NewReader("Name,Notes\nAnn,x\nBo,\"open\nCy,y\nDee,z\n"), 0)
	if errors.As(err, &bad) || !strings.Contains(err.Error(), "line 3: a quoted field in the row starting here is not closed properly") {
		t.Errorf("an open quote: %v; want an error that stops the read", err)
	}
}

func TestParseSheetBirthday(t *testing.T) {
	b := func(m time.Month, d, y int) model.Birthday { return model.Birthday{Month: m, Day: d, Year: y} }
	tests := []struct {
		in        string
		want      model.Birthday
		ambiguous bool
		err       bool
	}{
		{in: "", want: model.Birthday{}},
		{in: "1980-12-03", want: b(time.December, 3, 1980)},
		{in: "12-03", want: b(time.December, 3, 0)},
		{in: "--12-03", want: b(time.December, 3, 0)},
		{in: "dec 3", want: b(time.December, 3, 0)},
		{in: "0/0/00", want: model.Birthday{}},
		{in: "0.0.0000", want: model.Birthday{}},
		{in: "7.3.1979", want: b(time.March, 7, 1979)},
		{in: "07.03.79", want: b(time.March, 7, 0)},
		{in: "3/17/1979", want: b(time.March, 17, 1979)},
		{in: "17/3/1979", want: b(time.March, 17, 1979)},
		{in: "03-17-1979", want: b(time.March, 17, 1979)},
		{in: "3/3/1979", want: b(time.March, 3, 1979)},
		{in: "1979/03/17", want: b(time.March, 17, 1979)},
		{in: "1979.03.17", want: b(time.March, 17, 1979)},
		{in: "3/7/1979", ambiguous: true},
		{in: "3/7/79", ambiguous: true},
		{in: "31.2.1980", err: true},
		{in: "13/13/1980", err: true},
		{in: "soon", err: true},
		{in: "1/2/3/4", err: true},
	}
	for _, tt := range tests {
		got, err := ParseSheetBirthday(tt.in)
		switch {
		case tt.ambiguous || tt.err:
			if err == nil || errors.Is(err, ErrAmbiguousDate) != tt.ambiguous || !errors.Is(err, model.ErrInvalid) {
				t.Errorf("ParseSheetBirthday(%q) = %v, %v; want an error (ambiguous: %v)", tt.in, got, err, tt.ambiguous)
			}
		case err != nil || got != tt.want:
			t.Errorf("ParseSheetBirthday(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	_, err := ParseSheetBirthday("3/7/1979")
	if want := `"3/7/1979" could be 7 March or 3 July — write 1979-03-07 or 1979-07-03`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want it to say %s", err, want)
	}
}

// TestReadPeopleCSVUTF16 reads what Excel saves as "Unicode text": UTF-16
// with a byte order mark, tab separated.
func TestReadPeopleCSVUTF16(t *testing.T) {
	text := "Name\tEmail\tCompany\r\nZoë Müller\tzoe@initech.example\tInitech\r\n"
	for _, order := range []string{"LE", "BE"} {
		var b []byte
		if order == "LE" {
			b = []byte{0xFF, 0xFE}
		} else {
			b = []byte{0xFE, 0xFF}
		}
		for _, r := range text { // all in the Basic Multilingual Plane
			if order == "LE" {
				b = append(b, byte(r), byte(r>>8))
			} else {
				b = append(b, byte(r>>8), byte(r))
			}
		}
		got, err := ReadPeopleCSV(bytes.NewReader(b), 0)
		want := []CSVPerson{{Name: "Zoë Müller", Email: "zoe@initech.example", Account: "Initech", Line: 2}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("UTF-16%s: %+v, %v", order, got, err)
		}
	}
}

// A sheet rapport writes can neither drive the terminal it is shown on nor
// run as a formula in the spreadsheet it is opened in: a name imported as
// X<ESC>]2;PWNED<BEL>… is written with visible markers, and cells such as
// =HYPERLINK(…), +cmd|calc and @SUM(…) are prefixed with '. Numbers stay
// numbers, and the sheet reads back as it was.
func TestCSVCellsAreInert(t *testing.T) {
	evil := "X\x1b]2;PWNED\a\x1b]52;c;UFdORUQ=\a"
	people := []model.Person{
		{Name: evil, Title: "=HYPERLINK(\"http://x.example\",\"click\")", AccountName: "+cmd|' /C calc'!A0", Phone: "+44 20 7946 0958"},
		{Name: "@SUM(1+1)*cmd|' /C calc'!A0", Title: "-2+3", AccountName: "Acme\u202egpj.exe", Location: "\tTab first", Email: "c1\u0085@x.example"},
		{Name: "Plain", Title: "-42", AccountName: "+3.5", Location: "line one\r\nline two"},
	}
	var buf bytes.Buffer
	if err := WritePeopleCSV(&buf, people); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\x1b", "\a", "\u0085", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("the sheet holds %q raw:\n%q", bad, out)
		}
	}
	for _, want := range []string{`'=HYPERLINK(`, ",'+cmd|' /C calc'!A0,", `'@SUM(1+1)`, `'-2+3`, `'+44 20 7946 0958`, ",'\tTab first,",
		",-42,", ",+3.5,", "X␛]2;PWNED␇"} {
		if !strings.Contains(out, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, out)
		}
	}
	got, err := ReadPeopleCSV(bytes.NewReader(buf.Bytes()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Title != people[0].Title || got[0].Account != people[0].AccountName || got[1].Title != "-2+3" ||
		got[0].Phone != "+44 20 7946 0958" || got[2].Title != "-42" || got[2].Location != "line one\nline two" {
		t.Errorf("read back %+v", got)
	}
}

// Excel for Mac before 2016 ends lines with a lone CR; such a sheet reads
// as any other instead of as one header line with nothing to import.
func TestReadPeopleCSVClassicMac(t *testing.T) {
	got, err := ReadPeopleCSV(strings.NewReader("Name,Company\rDana Li,Acme\rBo Chen,Globex\r"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Name != "Bo Chen" || got[1].Account != "Globex" || got[1].Line != 3 {
		t.Errorf("read %+v", got)
	}
}
