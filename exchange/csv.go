package exchange

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport/model"
	"rapport/termtext"
)

// Bounds on a CSV file beyond its size in bytes.
const (
	MaxCSVRows    = 100_000 // data rows, the header not counted
	MaxCSVColumns = 500
)

// CSVPerson is one row of a people sheet, each field as typed (trimmed).
type CSVPerson struct {
	Name         string // the Name column, else First name + Last name
	Title        string
	Email        string
	Phone        string
	Account      string // the company: match it to an account by name
	BusinessUnit string
	Location     string // Location, else City and Country joined
	Birthday     string // as typed: parse it with model.ParseBirthday
	Stance       string // as typed: supporter, neutral, sceptic or opponent
	Owner        string // who on our side holds the relationship
	Notes        string
	Line         int // the line the row starts on, for messages
}

// CSVAccount is one row of an accounts sheet, each field as typed (trimmed):
// parse amounts with model.ParseMoney.
type CSVAccount struct {
	Name           string
	Industry       string
	Region         string
	Countries      string
	Tier           string
	Currency       string
	Revenue        string
	Potential      string
	Outlook        string
	Importance     string // 1–5
	Replaceability string // how hard to replace, 1–5
	Notes          string
	Line           int // the line the row starts on, for messages
}

// Header names each field answers to, normalised by headerKey, in order of
// preference: Outlook's "Title" is "Mr."/"Ms.", so "Job title" wins.
var (
	personName   = []string{"name", "fullname", "contact", "contactname", "displayname"}
	personGiven  = []string{"firstname", "givenname", "given", "forename"}
	personFamily = []string{"lastname", "familyname", "family", "surname"}
	personTitle  = []string{"jobtitle", "title", "position", "role", "organizationtitle", "organization1title"}
	personEmail  = []string{"email", "emailaddress", "workemail", "businessemail", "mail", "email1value",
		"email2address", "email2value", "email3address"}
	personPhone = []string{"phone", "telephone", "phonenumber", "businessphone", "workphone", "tel", "phone1value",
		"mobile", "mobilephone", "businessphone2", "phone2value", "homephone"}
	personAccount = []string{"company", "account", "organization", "organisation", "accountname", "companyname",
		"organizationname", "organization1name"}
	personUnit     = []string{"businessunit", "department", "unit", "division", "organizationdepartment", "organization1department"}
	personLocation = []string{"location"}
	personCity     = []string{"city", "businesscity", "mailingcity", "workcity", "address1city"}
	personCountry  = []string{"country", "businesscountryregion", "countryregion", "mailingcountry", "workcountry", "address1country"}
	personBirthday = []string{"birthday", "birthdate", "dateofbirth", "bday"}
	personStance   = []string{"stance", "attitude", "sentiment"}
	// A CRM's record owner is the colleague who holds the contact.
	personOwner = []string{"relationshipowner", "owner", "contactowner", "ownername"}
	personNotes = []string{"notes", "note", "description", "comments"}

	accountName           = []string{"name", "account", "company", "accountname", "companyname", "organization", "organisation", "client"}
	accountIndustry       = []string{"industry", "sector"}
	accountRegion         = []string{"region", "territory"}
	accountCountries      = []string{"countries", "country", "countriesserved", "markets"}
	accountTier           = []string{"tier", "segment"}
	accountCurrency       = []string{"currency"}
	accountRevenue        = []string{"revenue", "annualrevenue", "currentrevenue"}
	accountPotential      = []string{"potential", "potentialrevenue"}
	accountOutlook        = []string{"outlook", "growthoutlook", "growth"}
	accountImportance     = []string{"importance", "strategicimportance"}
	accountReplaceability = []string{"hardtoreplace", "replaceability"}
	accountNotes          = []string{"notes", "note", "description", "comments"}
)

// ReadPeopleCSV reads a sheet of people, refusing more than limit bytes
// (limit ≤ 0 means DefaultReadLimit).
//
// The header row names the columns; names match ignoring case, accents,
// spaces, hyphens and underscores: Name / Full name / Contact (or First name
// + Last name, also Given name, Family name, Surname), Title / Job title /
// Position / Role, Email / E-mail / Email address, Phone / Telephone / Mobile
// / Phone number, Company / Account / Organization, Department / Business
// unit, Location / City / Country, Birthday, Stance, Relationship owner /
// Owner / Contact owner, Notes / Description. Other
// columns are ignored; Outlook's and Google's contact exports read as they
// are. The separator — comma, semicolon or tab — is the one the header line
// uses; a UTF-8 byte order mark and Excel's "sep=;" line are skipped.
//
// A header without a name column, or a file that cannot be read, is an
// error. A row whose field count differs from the header's, a row without a
// name, a row with a stray quote or text that is not UTF-8 is a bad row:
// the good rows are returned with a BadRows error that names the line of
// each bad one.
func ReadPeopleCSV(r io.Reader, limit int64) ([]CSVPerson, error) {
	s, err := readSheet(r, limit, "CSV file")
	if err != nil {
		return nil, err
	}
	bad := s.bad
	name, given, family := s.col(personName), s.col(personGiven), s.col(personFamily)
	if name < 0 && given < 0 && family < 0 {
		return nil, lineErrorf(s.headerLine, "no name column: expected Name, Full name or First name + Last name (the header has %s)", s.describeHeader())
	}
	// A sheet may have several phone or email columns (Outlook: Business,
	// Mobile, Home…): each row takes the first one it fills.
	title, emails, phones := s.col(personTitle), s.cols(personEmail), s.cols(personPhone)
	account, unit, notes := s.col(personAccount), s.col(personUnit), s.col(personNotes)
	location, city, country := s.col(personLocation), s.col(personCity), s.col(personCountry)
	birthday, stance, owner := s.col(personBirthday), s.col(personStance), s.col(personOwner)

	people := make([]CSVPerson, 0, len(s.rows))
	for _, row := range s.rows {
		p := CSVPerson{
			Name:         row.get(name),
			Title:        row.get(title),
			Email:        row.first(emails),
			Phone:        row.first(phones),
			Account:      row.get(account),
			BusinessUnit: row.get(unit),
			Location:     row.get(location),
			Birthday:     row.get(birthday),
			Stance:       row.get(stance),
			Owner:        row.get(owner),
			Notes:        row.get(notes),
			Line:         row.line,
		}
		if p.Name == "" {
			p.Name = joinNonEmpty(" ", row.get(given), row.get(family))
		}
		if p.Location == "" {
			p.Location = joinNonEmpty(", ", row.get(city), row.get(country))
		}
		if p.Name == "" {
			bad = append(bad, &LineError{Line: row.line, Reason: "the name is empty"})
			continue
		}
		people = append(people, p)
	}
	return people, orBad(sortBad(bad))
}

// ReadAccountsCSV reads a sheet of accounts, as ReadPeopleCSV reads people.
// Columns: Name / Account / Company / Account name, Industry, Region,
// Countries, Tier, Currency, Revenue / Annual revenue / Current revenue,
// Potential / Potential revenue, Outlook, Importance, Hard to replace, Notes
// / Description. Bad rows are as ReadPeopleCSV's.
func ReadAccountsCSV(r io.Reader, limit int64) ([]CSVAccount, error) {
	s, err := readSheet(r, limit, "CSV file")
	if err != nil {
		return nil, err
	}
	bad := s.bad
	name := s.col(accountName)
	if name < 0 {
		return nil, lineErrorf(s.headerLine, "no name column: expected Name, Account, Company or Account name (the header has %s)", s.describeHeader())
	}
	industry, region, countries := s.col(accountIndustry), s.col(accountRegion), s.col(accountCountries)
	tier, currency, revenue, potential := s.col(accountTier), s.col(accountCurrency), s.col(accountRevenue), s.col(accountPotential)
	outlook, importance, replaceability := s.col(accountOutlook), s.col(accountImportance), s.col(accountReplaceability)
	notes := s.col(accountNotes)

	accounts := make([]CSVAccount, 0, len(s.rows))
	for _, row := range s.rows {
		a := CSVAccount{
			Name:           row.get(name),
			Industry:       row.get(industry),
			Region:         row.get(region),
			Countries:      row.get(countries),
			Tier:           row.get(tier),
			Currency:       row.get(currency),
			Revenue:        row.get(revenue),
			Potential:      row.get(potential),
			Outlook:        row.get(outlook),
			Importance:     row.get(importance),
			Replaceability: row.get(replaceability),
			Notes:          row.get(notes),
			Line:           row.line,
		}
		if a.Name == "" {
			bad = append(bad, &LineError{Line: row.line, Reason: "the name is empty"})
			continue
		}
		accounts = append(accounts, a)
	}
	return accounts, orBad(sortBad(bad))
}

// sortBad puts bad rows in file order.
func sortBad(bad BadRows) BadRows {
	slices.SortStableFunc(bad, func(a, b *LineError) int { return cmp.Compare(a.Line, b.Line) })
	return bad
}

// sheet is a CSV file read and checked: the header, the data rows with
// the line each starts on, and the rows that could not be read.
type sheet struct {
	header     []string
	headerLine int
	columns    map[string]int // headerKey → first column with that name
	rows       []sheetRow
	bad        BadRows
}

type sheetRow struct {
	line   int
	fields []string
}

// get returns the trimmed field in column i, or "" when i < 0. A carriage
// return inside a quoted field counts as a line end.
func (r sheetRow) get(i int) string {
	if i < 0 {
		return ""
	}
	return unguard(strings.TrimSpace(strings.ReplaceAll(r.fields[i], "\r", "\n")))
}

// unguard takes off the ' that csvCell puts before a cell a spreadsheet
// would run as a formula, so a sheet rapport wrote reads back as it was.
func unguard(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@ \t\n", rune(v[1])) {
		return v[1:]
	}
	return v
}

// first returns the first of the columns the row fills, or "".
func (r sheetRow) first(cols []int) string {
	for _, i := range cols {
		if v := r.get(i); v != "" {
			return v
		}
	}
	return ""
}

// cols returns the columns of every name in names the header has, in the
// order of names.
func (s *sheet) cols(names []string) []int {
	var out []int
	for _, n := range names {
		if i, ok := s.columns[n]; ok {
			out = append(out, i)
		}
	}
	return out
}

// col returns the column of the first name in names the header has, or -1.
func (s *sheet) col(names []string) int {
	for _, n := range names {
		if i, ok := s.columns[n]; ok {
			return i
		}
	}
	return -1
}

// describeHeader lists the header's first columns for a message.
func (s *sheet) describeHeader() string {
	const n = 6
	var cols []string
	for i, h := range s.header {
		if i == n {
			cols = append(cols, "…")
			break
		}
		cols = append(cols, model.Quote(h))
	}
	if len(cols) == 0 {
		return "no columns"
	}
	return strings.Join(cols, ", ")
}

// readSheet reads a whole CSV file: separator detection, BOM, the header and
// every non-blank row, each with as many fields as the header. A row that
// cannot be read goes to bad, unless the problem may have swallowed the
// rows after it (a quoted field left open across lines): that, like a
// problem with the header, is an error.
func readSheet(r io.Reader, limit int64, what string) (*sheet, error) {
	data, err := readLimited(r, limit, what)
	if err != nil {
		return nil, err
	}
	data = stripBOM(data)
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		// Classic Mac line ends (Excel for Mac before 2016 saves them): a
		// lone CR ends each line.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}

	// Excel understands a first line "sep=;" naming the separator.
	offset := 0
	sep := rune(0)
	if first, rest, _ := bytes.Cut(data, []byte("\n")); len(first) >= 5 {
		line := strings.TrimRight(string(first), "\r")
		if len(line) == 5 && strings.EqualFold(line[:4], "sep=") && strings.ContainsRune(",;\t|", rune(line[4])) {
			sep, data, offset = rune(line[4]), rest, 1
		}
	}
	if sep == 0 {
		sep = detectSeparator(data)
	}

	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // checked below, with a better message

	s := &sheet{columns: map[string]int{}}
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			le, fatal := csvError(err, offset)
			if fatal || s.header == nil {
				return nil, le
			}
			if err := s.addBad(le); err != nil {
				return nil, err
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		line += offset
		if !allUTF8(fields) {
			if s.header == nil {
				return nil, lineErrorf(line, notUTF8)
			}
			if err := s.addBad(&LineError{Line: line, Reason: notUTF8}); err != nil {
				return nil, err
			}
			continue
		}
		if s.header == nil {
			if len(fields) > MaxCSVColumns {
				return nil, fmt.Errorf("%w: line %d: the header has %d columns; rapport reads at most %d", ErrTooLarge, line, len(fields), MaxCSVColumns)
			}
			s.header, s.headerLine = fields, line
			for i, h := range fields {
				if k := headerKey(h); k != "" {
					if _, dup := s.columns[k]; !dup {
						s.columns[k] = i
					}
				}
			}
			continue
		}
		if blank(fields) {
			continue // Excel's trailing ";;;;" rows
		}
		if len(fields) != len(s.header) {
			if err := s.addBad(&LineError{Line: line, Reason: fmt.Sprintf("%d %s, header has %d", len(fields),
				termtext.Plural(len(fields), "field", "fields"), len(s.header))}); err != nil {
				return nil, err
			}
			continue
		}
		if len(s.rows)+len(s.bad) == MaxCSVRows {
			return nil, fmt.Errorf("%w: line %d: more than %d rows; split the file", ErrTooLarge, line, MaxCSVRows)
		}
		s.rows = append(s.rows, sheetRow{line: line, fields: fields})
	}
	if s.header == nil {
		return nil, fmt.Errorf("%w: the %s is empty: expected a header row such as Name,Email,Company", model.ErrInvalid, what)
	}
	return s, nil
}

// addBad records a row that cannot be read.
func (s *sheet) addBad(le *LineError) error {
	if len(s.rows)+len(s.bad) == MaxCSVRows {
		return fmt.Errorf("%w: line %d: more than %d rows; split the file", ErrTooLarge, le.Line, MaxCSVRows)
	}
	s.bad = append(s.bad, le)
	return nil
}

func allUTF8(fields []string) bool {
	for _, f := range fields {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}

// csvError turns an encoding/csv error into one that says where and what to
// do about it. fatal is set when the rows after it cannot be trusted: a
// quoted field open across lines may have taken them in.
func csvError(err error, offset int) (le *LineError, fatal bool) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &LineError{Reason: fmt.Sprintf("read CSV: %v", err)}, true
	}
	line := pe.Line + offset
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &LineError{Line: line, Reason: `a " in a field that does not start with one — put the whole field in quotes and double the " inside ("")`}, false
	case errors.Is(pe.Err, csv.ErrQuote):
		if start := pe.StartLine + offset; start != line {
			return &LineError{Line: start, Reason: fmt.Sprintf("a quoted field in the row starting here is not closed properly "+
				"(noticed on line %d) — check its quotes; the rows after it cannot be read", line)}, true
		}
		return &LineError{Line: line, Reason: `a quoted field is not closed properly — check its quotes`}, false
	}
	return &LineError{Line: line, Reason: pe.Err.Error()}, false
}

// detectSeparator picks the separator the header line uses most: comma,
// semicolon (Excel in much of Europe) or tab. A one-column file is comma
// separated.
func detectSeparator(data []byte) rune {
	var counts [256]int
	quoted, seen := false, false // seen: the line has something in it
	for _, c := range data {
		if c == '\n' && !quoted && seen {
			break // the end of the header line
		}
		switch {
		case c == '"':
			quoted, seen = !quoted, true
		case quoted:
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
			seen = true
		case c != ' ' && c != '\r' && c != '\n':
			seen = true
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// headerKey normalises a column name: folded to lower case without accents,
// letters and digits only, so "E-mail", "E_Mail" and "email " all match.
func headerKey(h string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, model.Fold(h))
}

// blank reports whether every field is empty or white space.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// utf8BOM starts every CSV rapport writes, so Excel opens it as UTF-8
// rather than as the system's legacy code page.
const utf8BOM = "\uFEFF"

// WritePeopleCSV writes people as a CSV sheet with a header row: Name,
// Title, Account, Business unit, Email, Phone, Location, Birthday (as
// "3 Dec 1980", which model.ParseBirthday reads), Stance, Relationship
// owner. ReadPeopleCSV reads it back.
// The file starts with a UTF-8 byte order mark and uses CRLF line ends, as
// Excel expects.
func WritePeopleCSV(w io.Writer, people []model.Person) error {
	rows := [][]string{{"Name", "Title", "Account", "Business unit", "Email", "Phone", "Location", "Birthday", "Stance",
		"Relationship owner"}}
	for _, p := range people {
		rows = append(rows, []string{p.Name, p.Title, p.AccountName, p.BusinessUnit, p.Email, p.Phone, p.Location,
			p.Birthday.String(), string(p.Stance), p.Owner})
	}
	return writeCSV(w, rows)
}

// WriteAccountsCSV writes accounts as a CSV sheet with a header row: Name,
// Tier, Industry, Region, Countries, Currency, Revenue, Potential (plain
// amounts such as 1200000 or 1200000.50), Outlook, Importance, Hard to
// replace, Notes. ReadAccountsCSV reads it back.
func WriteAccountsCSV(w io.Writer, accounts []model.Account) error {
	rows := [][]string{{"Name", "Tier", "Industry", "Region", "Countries", "Currency", "Revenue", "Potential",
		"Outlook", "Importance", "Hard to replace", "Notes"}}
	for _, a := range accounts {
		rows = append(rows, []string{a.Name, string(a.Tier), a.Industry, a.Region, a.Countries, a.Currency,
			plainMoney(a.Revenue), plainMoney(a.Potential), string(a.Outlook), rating(a.Importance),
			rating(a.Replaceability), a.Notes})
	}
	return writeCSV(w, rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, row := range rows {
		for i, f := range row {
			row[i] = csvCell(f)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell makes a field safe to open in a spreadsheet and to show on a
// terminal: control characters become what the terminal shows for them
// (line breaks and tabs stay), and a cell a spreadsheet would run as a
// formula (=, +, -, @, a tab or a line break first) is prefixed with '
// unless it is a number. ReadPeopleCSV and ReadAccountsCSV take the ' off
// again.
func csvCell(f string) string {
	f = strings.ReplaceAll(strings.ReplaceAll(f, "\r\n", "\n"), "\r", "\n")
	if strings.ContainsRune(f, '\t') {
		parts := strings.Split(f, "\t")
		for i, p := range parts {
			parts[i] = termtext.Sanitize(p)
		}
		f = strings.Join(parts, "\t")
	} else {
		f = termtext.Sanitize(f)
	}
	if formulaLike(f) {
		return "'" + f
	}
	return f
}

// formulaLike reports whether a spreadsheet may read a cell as a formula:
// it starts with = + - @, a tab or a line break (or blanks before = + -
// @), and is not a number.
func formulaLike(f string) bool {
	if f == "" || isNumber(f) {
		return false
	}
	if f[0] == '\t' || f[0] == '\n' {
		return true
	}
	t := strings.TrimLeft(f, " ")
	return t != "" && strings.ContainsRune("=+-@", rune(t[0]))
}

// isNumber reports whether f is a plain decimal number: -2.50, +3, 100.
func isNumber(f string) bool {
	if f != "" && (f[0] == '+' || f[0] == '-') {
		f = f[1:]
	}
	whole, frac, _ := strings.Cut(f, ".")
	if whole == "" && frac == "" {
		return false
	}
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// plainMoney formats an amount in major units without separators, as
// spreadsheets and model.ParseMoney read it: 1200000, 1200000.5 is
// 1200000.50. Zero (unset) is empty.
func plainMoney(m model.Money) string {
	if m == 0 {
		return ""
	}
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	whole, cents := int64(m)/model.MinorPerMajor, int64(m)%model.MinorPerMajor
	if cents == 0 {
		return fmt.Sprintf("%s%d", sign, whole)
	}
	return fmt.Sprintf("%s%d.%02d", sign, whole, cents)
}

// rating formats a 1–5 rating; 0 (unset) is empty.
func rating(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// ErrAmbiguousDate is wrapped by the error ParseSheetBirthday returns for a
// date whose day and month could be either way round.
var ErrAmbiguousDate = errors.New("ambiguous date")

// ParseSheetBirthday reads a birthday as contact sheets and CRM exports
// write it: whatever model.ParseBirthday reads (1980-12-03, 12-03, dec 3),
// Google's --12-03 for a birthday without a year,
// and numeric dates with the year last — 7.3.1979 (day first, as German and
// Nordic sheets write it), 3/7/1979 or 07-03-1979. "", and Outlook's 0/0/00
// for "none", are no birthday. A two-digit year is left out rather than
// guessed.
//
// With slashes or dashes, month first (Outlook in the US) and day first
// (most of Europe) both occur: the date is read only when one of the two is
// over 12 or both are the same; otherwise the error wraps ErrAmbiguousDate,
// so the caller can leave the birthday out and say so.
func ParseSheetBirthday(s string) (model.Birthday, error) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "--"); ok && len(rest) == 5 && rest[2] == '-' {
		s = rest // --12-03: month and day, no year
	}
	b, err := model.ParseBirthday(s)
	if err == nil {
		return b, nil
	}
	sep := strings.IndexAny(s, "/.-")
	if sep < 0 {
		return model.Birthday{}, err
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return model.Birthday{}, err
	}
	if len(parts[0]) == 4 { // 1979/03/07: year, month, day
		parts = []string{parts[2], parts[1], parts[0]}
		if s[sep] != '.' {
			parts[0], parts[1] = parts[1], parts[0]
		}
	}
	var n [3]int
	for i, p := range parts {
		v, convErr := strconv.Atoi(p)
		if convErr != nil || v < 0 || len(p) > 4 || (i < 2 && len(p) > 2) {
			return model.Birthday{}, err
		}
		n[i] = v
	}
	if n == [3]int{} {
		return model.Birthday{}, nil // 0/0/00: Outlook's "no birthday"
	}
	year := n[2]
	if len(parts[2]) != 4 {
		year = 0 // 79 could be 1979 or 2079: leave it out
	}
	day, month := n[0], n[1]
	if s[sep] != '.' { // month first, unless that cannot be
		switch {
		case n[0] > 12 && n[1] <= 12:
		case n[1] > 12 && n[0] <= 12, n[0] == n[1]:
			day, month = n[1], n[0]
		default:
			return model.Birthday{}, fmt.Errorf("%w: %w: %q could be %s or %s — write %s or %s", model.ErrInvalid, ErrAmbiguousDate, model.Clip(s),
				dayMonth(n[1], n[0]), dayMonth(n[0], n[1]), isoOrMonthDay(year, n[0], n[1]), isoOrMonthDay(year, n[1], n[0]))
		}
	}
	b = model.Birthday{Month: time.Month(month), Day: day, Year: year}
	if vErr := b.Validate(); vErr != nil {
		return model.Birthday{}, vErr
	}
	return b, nil
}

// dayMonth names a day of a month for a message: "3 July".
func dayMonth(day, month int) string {
	if month < 1 || month > 12 {
		return fmt.Sprintf("%d/%d", day, month)
	}
	return fmt.Sprintf("%d %s", day, time.Month(month))
}

// isoOrMonthDay suggests an unambiguous spelling: 1979-07-03, or 07-03
// without a year.
func isoOrMonthDay(year, month, day int) string {
	if year != 0 {
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
	return fmt.Sprintf("%02d-%02d", month, day)
}
