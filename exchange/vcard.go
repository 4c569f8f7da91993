package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/charmap"

	"rapport/model"
	"rapport/termtext"
)

// Contact is a person read from a vCard, fields as the card has them (trimmed).
type Contact struct {
	UID          string // the card's UID, e.g. "urn:uuid:…", or ""
	Name         string // FN, else "Given Family" from N
	Org          string // the first component of ORG: the company
	BusinessUnit string // the second component of ORG: the department
	Title        string
	Email        string // the preferred EMAIL, else the first
	Phone        string // the preferred TEL, else the first
	Note         string // the NOTEs, separated by blank lines
	Birthday     model.Birthday
	// Read back from the NOTE of a card rapport wrote (PRODID ProductID),
	// which holds them as "Role in decisions: …", "Location: …", "Stance: …"
	// and "Relationship owner: …" lines.
	Role     string
	Location string
	Stance   string // as written: check it before use
	Owner    string // who on our side holds the relationship
	Line     int    // the line of the card's BEGIN:VCARD, for messages
}

// ReadVCards reads the contacts of a vCard file (versions 3.0 and 4.0; 2.1
// as far as it goes, quoted-printable included), refusing more than limit
// bytes (limit ≤ 0 means DefaultReadLimit).
//
// Folded lines and escapes are decoded and the text is kept as UTF-8. BDAY
// may be 1980-12-03, 19801203, --12-03 or --1203 (with or without a time);
// a year before 1900 is dropped, as Apple writes 1604 for "no year".
//
// A file that does not start with BEGIN:VCARD is an error. A card that
// cannot be read — a line that is not a property, no END:VCARD, a bad BDAY,
// no name (FN or N) — is a bad card: the good ones are returned with a
// BadRows error that names the line and number of each bad one.
func ReadVCards(r io.Reader, limit int64) ([]Contact, error) {
	data, err := readLimited(r, limit, "vCard file")
	if err != nil {
		return nil, err
	}
	cards, bad, err := splitCards(stripBOM(data))
	if err != nil {
		return nil, err
	}
	contacts := make([]Contact, 0, len(cards))
	for _, rc := range cards {
		c, err := rc.contact()
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				return nil, err
			}
			bad = append(bad, le)
			continue
		}
		contacts = append(contacts, c)
	}
	return contacts, orBad(sortBad(bad))
}

// rawCard is one card's content lines, unfolded and checked. go-vcard
// parses each line's name and parameters; the value it sees is an index into
// values, so that the raw text is unescaped once, here, where escaped and
// unescaped semicolons can still be told apart.
type rawCard struct {
	number int        // 1-based
	line   int        // line of BEGIN:VCARD
	props  []string   // content lines between BEGIN and END, values replaced by their index
	values []rawValue // the values as written
	bad    *LineError // the first problem found while splitting, if any
}

// rawValue is a property value as written, with the line it starts on.
type rawValue struct {
	line int
	text string
}

// logicalLine is a content line after unfolding, with the line it starts on.
type logicalLine struct {
	line int
	text string
}

// unfold joins folded lines (a line starting with a space or tab continues
// the one before) and quoted-printable soft line breaks (vCard 2.1: a QP
// value ending in "=" continues on the next line). Blank lines are dropped.
func unfold(data []byte) []logicalLine {
	var out []logicalLine
	var cur []byte // the logical line being built
	start := 0     // its first line; 0 when there is none
	qp := 0        // whether it is quoted-printable: 0 unknown, 1 no, 2 yes
	flush := func() {
		if start > 0 {
			out = append(out, logicalLine{line: start, text: string(cur)})
		}
		cur, start, qp = cur[:0], 0, 0
	}
	for n := 1; len(data) > 0; n++ {
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if start > 0 {
			if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
				cur = append(cur, l[1:]...)
				continue
			}
			if len(cur) > 0 && cur[len(cur)-1] == '=' {
				if qp == 0 {
					qp = 1
					if isQuotedPrintable(string(cur)) {
						qp = 2
					}
				}
				if qp == 2 {
					cur = append(cur[:len(cur)-1], l...)
					continue
				}
			}
		}
		flush()
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		cur, start = append(cur, l...), n
	}
	flush()
	return out
}

// splitCards groups the content lines into cards and checks their shape.
// A card with a problem goes to bad; a file that does not start with a card
// is an error.
func splitCards(data []byte) (cards []*rawCard, bad BadRows, err error) {
	var cur *rawCard
	number := 0
	begin := func(line int) {
		number++
		cur = &rawCard{number: number, line: line}
	}
	// spoil marks the current card bad with its first problem.
	spoil := func(line int, format string, args ...any) {
		if cur.bad == nil {
			cur.bad = &LineError{Line: line, Card: cur.number, Reason: fmt.Sprintf(format, args...)}
		}
	}
	end := func() {
		if cur.bad != nil {
			bad = append(bad, cur.bad)
		} else {
			cards = append(cards, cur)
		}
		cur = nil
	}
	for _, ll := range unfold(data) {
		name, params, value, ok := splitContentLine(ll.text)
		isBegin := ok && name == "BEGIN" && strings.EqualFold(strings.TrimSpace(value), "VCARD")
		switch {
		case cur == nil && isBegin:
			begin(ll.line)
		case cur == nil && number == 0:
			return nil, nil, lineErrorf(ll.line, "expected BEGIN:VCARD, found %s — is this a vCard file?", model.Quote(ll.text))
		case cur == nil:
			bad = append(bad, &LineError{Line: ll.line, Reason: fmt.Sprintf("%s is outside any card (after an END:VCARD, before a BEGIN:VCARD)", model.Quote(ll.text))})
		case !ok:
			spoil(ll.line, "%s is not a property like NAME:value", model.Quote(ll.text))
		case isBegin:
			spoil(cur.line, "the card has no END:VCARD before the next BEGIN:VCARD on line %d", ll.line)
			end()
			begin(ll.line)
		case name == "END":
			if !strings.EqualFold(strings.TrimSpace(value), "VCARD") {
				spoil(ll.line, "END:%s inside a vCard", termtext.Clip(termtext.SanitizeLine(value), model.MaxQuoted))
				continue
			}
			end()
		default:
			cur.props = append(cur.props, name+normalizeParams(params)+":"+strconv.Itoa(len(cur.values)))
			cur.values = append(cur.values, rawValue{line: ll.line, text: value})
		}
	}
	if cur != nil {
		spoil(cur.line, "the card has no END:VCARD")
		end()
	}
	return cards, bad, nil
}

// splitContentLine splits "group.NAME;PARAMS:value" into the upper-case
// name (group dropped), the parameters (with their leading ";") and the value.
// ok is false when the line is not a content line.
func splitContentLine(s string) (name, params, value string, ok bool) {
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return "", "", "", false
	}
	name = s[:i]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		if !isToken(name[:dot]) {
			return "", "", "", false
		}
		name = name[dot+1:]
	}
	if !isToken(name) {
		return "", "", "", false
	}
	rest := s[i:]
	// The value starts at the first colon outside a quoted parameter value.
	quoted := false
	for j := 0; j < len(rest); j++ {
		switch rest[j] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return strings.ToUpper(name), rest[:j], rest[j+1:], true
			}
		}
	}
	return "", "", "", false
}

// isToken reports whether s is a property or group name: letters, digits
// and hyphens.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// normalizeParams turns bare parameters (vCard 2.1 and sloppy 3.0 writers:
// "TEL;CELL:…") into TYPE parameters, which go-vcard reads; it would
// otherwise take "CELL" as a name and lose the value.
func normalizeParams(params string) string {
	if params == "" {
		return ""
	}
	var b strings.Builder
	for _, p := range splitUnquoted(params[1:], ';') {
		if p == "" {
			continue
		}
		b.WriteByte(';')
		if !strings.Contains(p, "=") {
			b.WriteString("TYPE=")
		}
		b.WriteString(p)
	}
	return b.String()
}

// splitUnquoted splits s at sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// isQuotedPrintable reports whether a content line's parameters say its
// value is quoted-printable.
func isQuotedPrintable(line string) bool {
	_, params, _, ok := splitContentLine(line)
	return ok && strings.Contains(strings.ToUpper(params), "QUOTED-PRINTABLE")
}

// contact decodes the card with go-vcard and picks out the fields rapport
// keeps.
func (rc *rawCard) contact() (Contact, error) {
	var src strings.Builder
	src.WriteString("BEGIN:VCARD\r\n")
	for _, p := range rc.props {
		src.WriteString(p)
		src.WriteString("\r\n")
	}
	src.WriteString("END:VCARD\r\n")
	card, err := vcard.NewDecoder(strings.NewReader(src.String())).Decode()
	if err != nil {
		return Contact{}, &LineError{Line: rc.line, Card: rc.number, Reason: strings.TrimPrefix(err.Error(), "vcard: ")}
	}

	c := Contact{Line: rc.line}
	var firstErr error
	// decode returns a field's value, decoded but still escaped, or "".
	decode := func(f *vcard.Field) string {
		if f == nil || firstErr != nil {
			return ""
		}
		v, err := rc.decode(f)
		if err != nil {
			firstErr = rc.errAt(f, err.Error())
		}
		return v
	}
	text := func(f *vcard.Field) string { return strings.TrimSpace(unescapeText(decode(f))) }
	structured := func(f *vcard.Field) []string {
		v := decode(f)
		if strings.TrimSpace(v) == "" {
			return nil
		}
		parts := splitStructured(v)
		for i := range parts {
			parts[i] = strings.TrimSpace(unescapeText(parts[i]))
		}
		return parts
	}

	c.UID = text(card.Get(vcard.FieldUID))
	c.Name = text(card.Preferred(vcard.FieldFormattedName))
	if n := structured(card.Preferred(vcard.FieldName)); c.Name == "" && n != nil {
		// N is Family;Given;Additional;Prefix;Suffix.
		var given string
		if len(n) > 1 {
			given = n[1]
		}
		c.Name = strings.TrimSpace(given + " " + n[0])
	}
	if org := structured(card.Preferred(vcard.FieldOrganization)); org != nil {
		c.Org = org[0]
		if len(org) > 1 {
			c.BusinessUnit = org[1]
		}
	}
	c.Title = text(card.Preferred(vcard.FieldTitle))
	c.Email = trimScheme(text(card.Preferred(vcard.FieldEmail)), "mailto:")
	c.Phone = trimScheme(text(card.Preferred(vcard.FieldTelephone)), "tel:")
	ours := text(card.Get(vcard.FieldProductID)) == ProductID
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		v := text(f)
		if ours {
			v = c.fieldsFromNote(v)
		}
		if v != "" {
			notes = append(notes, v)
		}
	}
	c.Note = strings.Join(notes, "\n\n")
	if f := card.Get(vcard.FieldBirthday); f != nil && !strings.EqualFold(f.Params.Get("VALUE"), "text") {
		if v := text(f); v != "" {
			b, ok := parseVCardBirthday(v, f.Params.Get("X-APPLE-OMIT-YEAR"))
			if !ok {
				return Contact{}, rc.errAt(f, fmt.Sprintf("BDAY %s is not a date like 1980-12-03, 19801203 or --12-03", model.Quote(v)))
			}
			c.Birthday = b
		}
	}
	if firstErr != nil {
		return Contact{}, firstErr
	}
	if c.Name == "" {
		return Contact{}, &LineError{Line: rc.line, Card: rc.number, Reason: "the card has no name (FN or N)"}
	}
	return c, nil
}

// Labels of the lines WriteVCards puts in a NOTE for what a vCard has no
// property for.
const (
	noteRole     = "Role in decisions: "
	noteLocation = "Location: "
	noteStance   = "Stance: "
	noteOwner    = "Relationship owner: "
)

// fieldsFromNote takes the lines WriteVCards writes in a NOTE back into
// the contact's fields, and returns the rest of the note.
func (c *Contact) fieldsFromNote(note string) string {
	var rest []string
	for _, l := range strings.Split(note, "\n") {
		switch {
		case strings.HasPrefix(l, noteRole) && c.Role == "":
			c.Role = strings.TrimSpace(strings.TrimPrefix(l, noteRole))
		case strings.HasPrefix(l, noteLocation) && c.Location == "":
			c.Location = strings.TrimSpace(strings.TrimPrefix(l, noteLocation))
		case strings.HasPrefix(l, noteStance) && c.Stance == "":
			c.Stance = strings.TrimSpace(strings.TrimPrefix(l, noteStance))
		case strings.HasPrefix(l, noteOwner) && c.Owner == "":
			c.Owner = strings.TrimSpace(strings.TrimPrefix(l, noteOwner))
		default:
			rest = append(rest, l)
		}
	}
	return strings.TrimSpace(strings.Join(rest, "\n"))
}

// value returns the raw value behind a field go-vcard parsed.
func (rc *rawCard) value(f *vcard.Field) rawValue {
	i, err := strconv.Atoi(f.Value)
	if err != nil || i < 0 || i >= len(rc.values) {
		return rawValue{line: rc.line} // not one of ours; cannot happen
	}
	return rc.values[i]
}

// errAt builds an error at the line where field f starts.
func (rc *rawCard) errAt(f *vcard.Field, reason string) error {
	return &LineError{Line: rc.value(f).line, Card: rc.number, Reason: reason}
}

// decode returns a field's value with quoted-printable and a Latin-1 or
// Windows-1252 charset decoded (vCard 2.1), checked to be UTF-8, still
// escaped.
func (rc *rawCard) decode(f *vcard.Field) (string, error) {
	v := rc.value(f).text
	if strings.EqualFold(f.Params.Get("ENCODING"), "QUOTED-PRINTABLE") || f.Params.HasType("quoted-printable") {
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v)))
		if err != nil {
			return "", fmt.Errorf("bad quoted-printable text: %v", err)
		}
		v = string(b)
	}
	if !utf8.ValidString(v) {
		switch strings.ToUpper(f.Params.Get("CHARSET")) {
		case "ISO-8859-1", "LATIN1", "WINDOWS-1252", "CP1252":
			s, err := charmap.Windows1252.NewDecoder().String(v)
			if err != nil {
				return "", fmt.Errorf("bad %s text", f.Params.Get("CHARSET"))
			}
			v = s
		default:
			return "", fmt.Errorf("%s", notUTF8)
		}
	}
	return v, nil
}

// splitStructured splits a structured value (N, ORG) at semicolons that are
// not escaped.
func splitStructured(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unescapeText undoes text escapes: \\ \; \, \: and \n or \N. A backslash
// before anything else is kept, as written.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch n := s[i+1]; n {
			case '\\', ';', ',', ':':
				c = n
				i++
			case 'n', 'N':
				c = '\n'
				i++
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// trimScheme drops a URI scheme (tel:, mailto:) from a vCard 4.0 value —
// every copy of it, so reading what WriteVCards wrote gives the same value.
func trimScheme(s, scheme string) string {
	for len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
		s = strings.TrimSpace(s[len(scheme):])
	}
	return s
}

// parseVCardBirthday reads a BDAY value: 1980-12-03, 19801203, --12-03 or
// --1203, each optionally followed by a time. A year equal to omitYear
// (Apple's X-APPLE-OMIT-YEAR) or outside the years rapport accepts is
// dropped. ok is false when it is not such a date.
func parseVCardBirthday(v, omitYear string) (b model.Birthday, ok bool) {
	if i := strings.IndexByte(v, 'T'); i >= 0 {
		v = v[:i]
	}
	digits := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	var ys, ms, ds string
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		ys, ms, ds = v[:4], v[5:7], v[8:]
	case len(v) == 8 && !strings.HasPrefix(v, "--"):
		ys, ms, ds = v[:4], v[4:6], v[6:]
	case len(v) == 7 && strings.HasPrefix(v, "--") && v[4] == '-':
		ms, ds = v[2:4], v[5:]
	case len(v) == 6 && strings.HasPrefix(v, "--"):
		ms, ds = v[2:4], v[4:]
	default:
		return model.Birthday{}, false
	}
	m, ok1 := digits(ms)
	d, ok2 := digits(ds)
	if !ok1 || !ok2 {
		return model.Birthday{}, false
	}
	b = model.Birthday{Month: time.Month(m), Day: d}
	if ys != "" {
		y, ok := digits(ys)
		if !ok {
			return model.Birthday{}, false
		}
		if ys != omitYear && y >= model.MinYear && y <= model.MaxYear {
			b.Year = y
		}
	}
	if b.Validate() != nil {
		return model.Birthday{}, false
	}
	return b, true
}

// WriteVCards writes people as vCard 3.0, the version every common address
// book reads (Outlook and Android still read 4.0 poorly or not at all).
//
// Each card has UID (the person's uid), FN, N (split best-effort: the last
// word is the family name, with particles such as "van" or "de"), ORG
// (account; business unit), TITLE, EMAIL, TEL, BDAY (1980-12-03, or --12-03
// without a year) and a NOTE with what a vCard has no property for: the
// role in decisions, the location, the stance and the relationship owner,
// a labelled line each, which address books show and ReadVCards reads back.
// Lines are folded at 75 octets and end in CRLF.
func WriteVCards(w io.Writer, people []model.Person) error {
	lw := &lineWriter{w: w}
	for _, p := range people {
		lw.prop("BEGIN", "VCARD")
		lw.prop("VERSION", "3.0")
		lw.prop("PRODID", ProductID)
		if p.UID != "" {
			lw.text("UID", p.UID)
		}
		name := oneLine(p.Name)
		lw.text("FN", name)
		given, family := splitName(name)
		lw.prop("N", escapeText(family)+";"+escapeText(given)+";;;")
		if org, unit := oneLine(p.AccountName), oneLine(p.BusinessUnit); org != "" || unit != "" {
			v := escapeText(org)
			if unit != "" {
				v += ";" + escapeText(unit)
			}
			lw.prop("ORG", v)
		}
		if t := oneLine(p.Title); t != "" {
			lw.text("TITLE", t)
		}
		if e := oneLine(p.Email); e != "" {
			lw.text("EMAIL;TYPE=INTERNET,WORK", e)
		}
		if t := oneLine(p.Phone); t != "" {
			lw.text("TEL;TYPE=WORK,VOICE", t)
		}
		if b := p.Birthday; !b.IsZero() && b.Validate() == nil {
			if b.Year != 0 {
				lw.prop("BDAY", fmt.Sprintf("%04d-%02d-%02d", b.Year, int(b.Month), b.Day))
			} else {
				lw.prop("BDAY", fmt.Sprintf("--%02d-%02d", int(b.Month), b.Day))
			}
		}
		var note []string
		if r := oneLine(string(p.Role)); r != "" {
			note = append(note, noteRole+r)
		}
		if l := oneLine(p.Location); l != "" {
			note = append(note, noteLocation+l)
		}
		if st := oneLine(string(p.Stance)); st != "" {
			note = append(note, noteStance+st)
		}
		if o := oneLine(p.Owner); o != "" {
			note = append(note, noteOwner+o)
		}
		if len(note) > 0 {
			lw.text("NOTE", strings.Join(note, "\n"))
		}
		lw.prop("END", "VCARD")
	}
	return lw.err
}

// nameParticles start a family name: "Ludwig van Beethoven", "Ana de la Cruz".
var nameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"la": true, "le": true, "da": true, "di": true, "du": true, "dos": true, "das": true,
	"ter": true, "ten": true, "zu": true, "af": true, "al": true, "bin": true, "ibn": true,
}

// splitName splits a full name into given and family names, best-effort:
// the family name is the last word with any lower-case particles before it.
// A single word is a given name.
func splitName(name string) (given, family string) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name, ""
	}
	i := len(words) - 1
	for i > 1 && nameParticles[words[i-1]] {
		i--
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}
