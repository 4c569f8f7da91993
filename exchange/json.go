package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"rapport/model"
)

// rapport's JSON document is a model.Dataset: {"format": "rapport",
// "version": 1, "accounts": [...], "people": [...], ...}. docs/FORMAT.md
// describes every field.

// The document's lists, by key (model.KeyAccounts…).
const (
	KeyAccounts  = model.KeyAccounts
	KeyPeople    = model.KeyPeople
	KeyNotes     = model.KeyNotes
	KeyTouches   = model.KeyTouches
	KeyHealth    = model.KeyHealth
	KeyBriefs    = model.KeyBriefs
	KeyFollowUps = model.KeyFollowUps
	KeyMeetings  = model.KeyMeetings
)

// DatasetWriter writes rapport's JSON document a record at a time, so an
// export never holds the book in memory: indented by two spaces, keys in
// the order of the model's fields, "<", ">" and "&" as they are, C1
// controls and bidirectional overrides as \u escapes (EscapeJSON), a
// newline at the end. Give the lists in the document's order (List, then
// its records), then Close.
type DatasetWriter struct {
	bw     *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	inList bool
	empty  bool // the open list has no record yet
	err    error
}

// NewDatasetWriter starts a document of the current format and version.
func NewDatasetWriter(w io.Writer) *DatasetWriter {
	d := &DatasetWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	d.enc = json.NewEncoder(&d.buf)
	d.enc.SetEscapeHTML(false)
	d.bw.WriteString("{")
	d.key(true, "format")
	d.value(model.DatasetFormat, 1)
	d.key(false, "version")
	d.value(model.DatasetVersion, 1)
	return d
}

func (d *DatasetWriter) key(first bool, name string) {
	if !first {
		d.bw.WriteString(",")
	}
	k, _ := json.Marshal(name)
	d.bw.WriteString("\n  ")
	d.bw.Write(k)
	d.bw.WriteString(": ")
}

// value writes v as it appears at depth 1 (a top-level value) or 2 (a
// record in a list), without the encoder's final newline.
func (d *DatasetWriter) value(v any, depth int) {
	if d.err != nil {
		return
	}
	d.buf.Reset()
	d.enc.SetIndent(strings.Repeat("  ", depth), "  ")
	if err := d.enc.Encode(v); err != nil {
		d.err = err
		return
	}
	_, d.err = d.bw.Write(EscapeJSON(bytes.TrimSuffix(d.buf.Bytes(), []byte("\n"))))
}

// List starts the list key, closing the one before.
func (d *DatasetWriter) List(key string) {
	d.endList()
	d.key(false, key)
	d.bw.WriteString("[")
	d.inList, d.empty = true, true
}

// Null writes key as null: what json.Encoder writes for a nil list.
func (d *DatasetWriter) Null(key string) {
	d.endList()
	d.key(false, key)
	d.bw.WriteString("null")
}

func (d *DatasetWriter) endList() {
	if !d.inList {
		return
	}
	if d.empty {
		d.bw.WriteString("]")
	} else {
		d.bw.WriteString("\n  ]")
	}
	d.inList = false
}

// Record writes one record of the open list.
func (d *DatasetWriter) Record(v any) error {
	if d.err != nil {
		return d.err
	}
	if !d.empty {
		d.bw.WriteString(",")
	}
	d.empty = false
	d.bw.WriteString("\n    ")
	d.value(v, 2)
	return d.err
}

// Close ends the document and flushes it.
func (d *DatasetWriter) Close() error {
	d.endList()
	d.bw.WriteString("\n}\n")
	if d.err != nil {
		return d.err
	}
	return d.bw.Flush()
}

// WriteDataset writes ds as rapport's JSON document (see DatasetWriter).
// The bytes are those of a json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false), but for the escapes of EscapeJSON, which read back
// as the same text. ds's format and version are written as rapport's.
func WriteDataset(w io.Writer, ds model.Dataset) error {
	d := NewDatasetWriter(w)
	v := reflect.ValueOf(ds)
	for i := range v.NumField() {
		name, _ := jsonName(v.Type().Field(i))
		f := v.Field(i)
		if name == "" || f.Kind() != reflect.Slice {
			continue
		}
		if f.IsNil() {
			d.Null(name)
			continue
		}
		d.List(name)
		for j := range f.Len() {
			if err := d.Record(f.Index(j).Interface()); err != nil {
				return err
			}
		}
	}
	return d.Close()
}

// EncodeJSON writes v as indented JSON with a final newline, as the
// commands' --json prints it: text is exact ("<", ">" and "&" as they are)
// and safe on a terminal (EscapeJSON).
func EncodeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(EscapeJSON(b.Bytes()))
	return err
}

// EscapeJSON rewrites, in JSON text, the characters encoding/json leaves
// as they are but a terminal acts on or that disguise text: C1 controls
// (U+0080–U+009F) and bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) become \u escapes. They can only occur inside strings,
// where an escape reads back as the same character: the JSON means exactly
// what it meant. b is returned as it is when there is nothing to escape.
func EscapeJSON(b []byte) []byte {
	i := unsafeAt(b, 0)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	last := 0
	for i >= 0 {
		r, size := unsafeRune(b[i:])
		out = append(out, b[last:i]...)
		out = fmt.Appendf(out, `\u%04X`, r)
		last = i + size
		i = unsafeAt(b, last)
	}
	return append(out, b[last:]...)
}

// unsafeAt returns the index of the first character EscapeJSON rewrites at
// or after from, or -1.
func unsafeAt(b []byte, from int) int {
	for i := from; i < len(b); i++ {
		if c := b[i]; c == 0xC2 || c == 0xE2 {
			if r, _ := unsafeRune(b[i:]); r != 0 {
				return i
			}
		}
	}
	return -1
}

// unsafeRune decodes the character at the start of b if EscapeJSON
// rewrites it, else returns 0.
func unsafeRune(b []byte) (rune, int) {
	switch {
	case len(b) >= 2 && b[0] == 0xC2 && b[1] >= 0x80 && b[1] <= 0x9F: // U+0080–U+009F
		return rune(b[1]), 2
	case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && b[2] >= 0xAA && b[2] <= 0xAE: // U+202A–U+202E
		return 0x2000 + rune(b[2]-0x80), 3
	case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x81 && b[2] >= 0xA6 && b[2] <= 0xA9: // U+2066–U+2069
		return 0x2040 + rune(b[2]-0x80), 3
	}
	return 0, 0
}

// jsonName returns the key of a struct field in JSON ("" when the field is
// left out) and whether it has omitempty.
func jsonName(f reflect.StructField) (name string, omitEmpty bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(","+opts+",", ",omitempty,")
}

// ErrNotDataset is wrapped by the error ReadDataset returns for input that
// is not a rapport JSON document: not JSON, cut short, another program's
// JSON, or a version this rapport does not read.
var ErrNotDataset = errors.New("not a rapport JSON export")

// ReadDataset reads a whole rapport JSON document into memory, refusing
// more than limit bytes (limit ≤ 0 means DefaultReadLimit): for small
// documents and tests; an import reads a file with OpenDataset.
func ReadDataset(r io.Reader, limit int64) (model.Dataset, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return model.Dataset{}, fmt.Errorf("%w: %v", ErrNotDataset, err)
	}
	doc, err := OpenDataset(bytes.NewReader(data), int64(len(data)), limit)
	if err != nil {
		return model.Dataset{}, err
	}
	ds := model.Dataset{Format: doc.format, Version: doc.version}
	err = errors.Join(
		collect(doc, KeyAccounts, &ds.Accounts), collect(doc, KeyPeople, &ds.People), collect(doc, KeyNotes, &ds.Notes),
		collect(doc, KeyTouches, &ds.Touches), collect(doc, KeyHealth, &ds.Health), collect(doc, KeyBriefs, &ds.Briefs),
		collect(doc, KeyFollowUps, &ds.FollowUps), collect(doc, KeyMeetings, &ds.Meetings))
	if err != nil {
		return model.Dataset{}, firstErr(err)
	}
	return ds, nil
}

// firstErr is the first of the errors errors.Join put together.
func firstErr(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()[0]
	}
	return err
}

// collect reads the list key into *list; a list the document lacks or
// gives as null stays nil.
func collect[T any](doc *Document, key string, list *[]T) error {
	if s, ok := doc.lists[key]; !ok || s.null {
		return nil
	}
	*list = []T{}
	return Each(doc, key, func(v *T) error {
		*list = append(*list, *v)
		return nil
	})
}

// Document is a rapport JSON document in a file, read as a stream: opening
// it checks the whole document and finds its lists, and Each (or a method
// per kind) then reads one list, a record at a time, as often as needed —
// so memory follows a record, not the file.
type Document struct {
	r       io.ReaderAt
	size    int64
	format  string
	version int
	lists   map[string]listAt
}

// listAt is where a list's value starts (its "[") in the file.
type listAt struct {
	at   int64
	null bool
}

// Header returns the document's format and version.
func (d *Document) Header() (format string, version int) { return d.format, d.version }

// OpenDataset checks a rapport JSON document of size bytes in r, refusing
// more than limit bytes (limit ≤ 0 means DefaultReadLimit), and finds its
// lists. A UTF-8 byte order mark, as Windows tools write, is skipped.
//
// The document must be one JSON object with "format": "rapport" and a
// "version" this rapport reads (up to model.DatasetVersion); keys it does
// not know are skipped, so a newer rapport's optional fields do not stop an
// older one, and keys may come in any order. Nothing may follow the object.
// A problem is reported with where it is: the list and position of the
// record ("notes[12]"), or the byte offset of broken JSON.
func OpenDataset(r io.ReaderAt, size, limit int64) (*Document, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	if size > limit {
		return nil, fmt.Errorf("%w: the JSON file is larger than %s; rapport reads at most that much", ErrTooLarge, byteSize(limit))
	}
	var start int64
	var bom [3]byte
	if n, _ := r.ReadAt(bom[:], 0); n == 3 && bom == [3]byte{0xEF, 0xBB, 0xBF} {
		start = 3
	}
	doc := &Document{r: r, size: size, lists: map[string]listAt{}}
	dec := json.NewDecoder(bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 256<<10))
	d := &docReader{dec: dec, base: start}
	if err := d.scan(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// Each calls fn with each record of the list key (KeyNotes…), decoded into
// a new T, in document order, stopping at fn's first error. A list the
// document lacks is empty.
func Each[T any](doc *Document, key string, fn func(*T) error) error {
	l, ok := doc.lists[key]
	if !ok || l.null {
		return nil
	}
	dec := json.NewDecoder(bufio.NewReaderSize(io.NewSectionReader(doc.r, l.at, doc.size-l.at), 256<<10))
	d := &docReader{dec: dec, base: l.at}
	if _, err := dec.Token(); err != nil { // the opening bracket, found by OpenDataset
		return d.fail(key, err)
	}
	for i := 0; dec.More(); i++ {
		var rec T
		if err := dec.Decode(&rec); err != nil {
			return d.fail(fmt.Sprintf("%s[%d]", key, i), err)
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// The records of each kind, for an import (store.ImportSource).

// Accounts calls fn with each account of the document.
func (d *Document) Accounts(fn func(*model.Account) error) error { return Each(d, KeyAccounts, fn) }

// People calls fn with each person of the document.
func (d *Document) People(fn func(*model.Person) error) error { return Each(d, KeyPeople, fn) }

// Notes calls fn with each note of the document.
func (d *Document) Notes(fn func(*model.Note) error) error { return Each(d, KeyNotes, fn) }

// Touches calls fn with each touch of the document.
func (d *Document) Touches(fn func(*model.Touch) error) error { return Each(d, KeyTouches, fn) }

// Health calls fn with each health check of the document.
func (d *Document) Health(fn func(*model.HealthCheck) error) error { return Each(d, KeyHealth, fn) }

// Briefs calls fn with each brief of the document.
func (d *Document) Briefs(fn func(*model.Brief) error) error { return Each(d, KeyBriefs, fn) }

// FollowUps calls fn with each follow-up of the document.
func (d *Document) FollowUps(fn func(*model.FollowUp) error) error { return Each(d, KeyFollowUps, fn) }

// Meetings calls fn with each meeting of the document.
func (d *Document) Meetings(fn func(*model.Meeting) error) error { return Each(d, KeyMeetings, fn) }

// docReader reads a document, or a list of it, with offsets counted from
// base in the file.
type docReader struct {
	dec  *json.Decoder
	base int64
}

// offset is the decoder's position in the file.
func (d *docReader) offset() int64 { return d.base + d.dec.InputOffset() }

// fail turns a decoding error into one that says what is wrong and where.
// at names the place ("notes[12]"), or is "".
func (d *docReader) fail(at string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var msg string
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if d.offset() == d.base && d.base <= 3 {
			msg = "the file is empty"
		} else {
			msg = fmt.Sprintf("the file ends in the middle of the document (after byte %d) — is it cut short?", d.offset())
		}
		at = ""
	case errors.As(err, &se):
		msg = fmt.Sprintf("broken JSON at byte %d: %s", d.base+se.Offset, strings.TrimPrefix(se.Error(), "json: "))
		if d.base <= 3 && (d.dec.InputOffset() <= 1 || se.Offset <= 1) {
			msg = "it is not JSON (" + strings.TrimPrefix(se.Error(), "json: ") + ")"
		}
		at = ""
	case errors.As(err, &te):
		if te.Field != "" {
			msg = fmt.Sprintf("%s should be %s, not %s (at byte %d)", te.Field, jsonType(te.Type), te.Value, d.base+te.Offset)
		} else {
			msg = fmt.Sprintf("expected %s, found %s (at byte %d)", jsonType(te.Type), te.Value, d.base+te.Offset)
		}
	default:
		msg = strings.TrimPrefix(strings.TrimPrefix(err.Error(), "json: "), "invalid: ")
	}
	if at == "format" || at == "version" {
		return fmt.Errorf("%w: %s: %s", ErrNotDataset, at, msg)
	}
	if at != "" {
		// The document reads, but a record in it does not.
		return fmt.Errorf("%w: %s: %s", model.ErrInvalid, at, msg)
	}
	return fmt.Errorf("%w: %s", ErrNotDataset, msg)
}

// jsonType names a Go type as the JSON it reads: a string, a number…
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// datasetLists are the document's lists, by key.
var datasetLists = map[string]bool{KeyAccounts: true, KeyPeople: true, KeyNotes: true, KeyTouches: true, KeyHealth: true,
	KeyBriefs: true, KeyFollowUps: true, KeyMeetings: true}

// scan reads the whole document once: its format and version, where each
// list starts, and that every record is a JSON object.
func (d *docReader) scan(doc *Document) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.fail("", err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return fmt.Errorf("%w: it is JSON, but not an object with \"format\": %q", ErrNotDataset, model.DatasetFormat)
	}
	seenFormat, seenVersion := false, false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return d.fail("", err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := d.dec.Decode(&doc.format); err != nil {
				return d.fail("format", err)
			}
			if doc.format != model.DatasetFormat {
				return fmt.Errorf("%w: its \"format\" is %s, not %q", ErrNotDataset, model.Quote(doc.format), model.DatasetFormat)
			}
			seenFormat = true
		case "version":
			if err := d.dec.Decode(&doc.version); err != nil {
				return d.fail("version", err)
			}
			switch {
			case doc.version > model.DatasetVersion:
				return fmt.Errorf("%w: it is version %d, written by a newer rapport; this one reads up to version %d — upgrade rapport",
					ErrNotDataset, doc.version, model.DatasetVersion)
			case doc.version < 1:
				return fmt.Errorf("%w: its \"version\" is %d; versions start at 1", ErrNotDataset, doc.version)
			}
			seenVersion = true
		default:
			if !datasetLists[key] {
				// A key this rapport does not know: a newer one's optional
				// field. Skip it.
				if err := d.skip(key); err != nil {
					return err
				}
				continue
			}
			if _, twice := doc.lists[key]; twice {
				return fmt.Errorf("%w: the list %q appears twice — is it two documents in one?", ErrNotDataset, key)
			}
			l, err := d.scanList(key)
			if err != nil {
				if !seenFormat {
					// Keys may come in any order, but a list that does not
					// read before any "format" is likely another program's.
					return fmt.Errorf("%w (no \"format\": %q before it — is this another program's JSON?)", err, model.DatasetFormat)
				}
				return err
			}
			doc.lists[key] = l
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing brace
		return d.fail("", err)
	}
	if !seenFormat {
		return fmt.Errorf("%w: it has no \"format\": %q — is it the output of another command or program?", ErrNotDataset, model.DatasetFormat)
	}
	if !seenVersion {
		return fmt.Errorf("%w: it has no \"version\"", ErrNotDataset)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: something follows the document (at byte %d) — is it two files in one?", ErrNotDataset, d.offset())
	}
	return nil
}

// skip reads past a value of a key this rapport does not know, a part at
// a time, so a large one is never held whole.
func (d *docReader) skip(key string) error {
	depth := 0
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return d.fail(key, err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// scanList reads past a list, checking that each record is an object, and
// returns where it starts.
func (d *docReader) scanList(key string) (listAt, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return listAt{}, d.fail(key, err)
	}
	if tok == nil { // null: an empty list
		return listAt{null: true}, nil
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '[' {
		return listAt{}, fmt.Errorf("%w: %s should be a list", ErrNotDataset, key)
	}
	l := listAt{at: d.offset() - 1}
	for i := 0; d.dec.More(); i++ {
		var rec struct{}
		if err := d.dec.Decode(&rec); err != nil {
			return listAt{}, d.fail(fmt.Sprintf("%s[%d]", key, i), err)
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing bracket
		return listAt{}, d.fail(key, err)
	}
	return l, nil
}
