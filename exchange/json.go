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

// WriteDataset writes ds as rapport's JSON document: indented by two
// spaces, keys in the order of the model's fields, "<", ">" and "&" as they
// are, a newline at the end. The bytes are those of a json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false), written a record at a time,
// so a large document is never held in memory twice.
func WriteDataset(w io.Writer, ds model.Dataset) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// encode writes v as it would appear at depth 1 (a top-level value) or 2
	// (a record in a list), without the encoder's final newline.
	encode := func(v any, depth int) error {
		buf.Reset()
		enc.SetIndent(strings.Repeat("  ", depth), "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}

	bw.WriteString("{")
	v := reflect.ValueOf(ds)
	t := v.Type()
	first := true
	for i := range t.NumField() {
		name, omit := jsonName(t.Field(i))
		if name == "" || (omit && v.Field(i).IsZero()) {
			continue
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		key, _ := json.Marshal(name)
		bw.WriteString("\n  ")
		bw.Write(key)
		bw.WriteString(": ")
		f := v.Field(i)
		if f.Kind() != reflect.Slice || f.IsNil() || f.Len() == 0 {
			if err := encode(f.Interface(), 1); err != nil {
				return err
			}
			continue
		}
		bw.WriteString("[")
		for j := range f.Len() {
			if j > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			if err := encode(f.Index(j).Interface(), 2); err != nil {
				return err
			}
		}
		bw.WriteString("\n  ]")
	}
	if first {
		bw.WriteString("}\n")
	} else {
		bw.WriteString("\n}\n")
	}
	return bw.Flush()
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

// ReadDataset reads rapport's JSON document, refusing more than limit bytes
// (limit ≤ 0 means DefaultReadLimit). It reads a record at a time, so
// memory follows the records rather than the text.
//
// The document must be one JSON object with "format": "rapport" and a
// "version" this rapport reads (up to model.DatasetVersion); keys it does
// not know are skipped, so a newer rapport's optional fields do not stop an
// older one. Nothing may follow the object. A problem is reported with where
// it is: the list and position of the record ("notes[12]"), or the byte
// offset of broken JSON.
func ReadDataset(r io.Reader, limit int64) (model.Dataset, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	lr := &limitedReader{r: r, left: limit}
	dec := json.NewDecoder(bufio.NewReaderSize(lr, 256<<10))
	d := &datasetReader{dec: dec, lr: lr, limit: limit}
	ds, err := d.read()
	if err != nil {
		return model.Dataset{}, err
	}
	return ds, nil
}

// limitedReader is io.LimitReader that remembers it ran over.
type limitedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a file of exactly limit bytes from a longer one.
		var one [1]byte
		n, _ := l.r.Read(one[:])
		if n > 0 {
			l.over = true
			return 0, ErrTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

type datasetReader struct {
	dec   *json.Decoder
	lr    *limitedReader
	limit int64
}

// fail turns a decoding error into one that says what is wrong and where.
// at names the place ("notes[12]"), or is "".
func (d *datasetReader) fail(at string, err error) error {
	if d.lr.over || errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("%w: the JSON file is larger than %s; rapport reads at most that much", ErrTooLarge, byteSize(d.limit))
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var msg string
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if d.dec.InputOffset() == 0 {
			msg = "the file is empty"
		} else {
			msg = fmt.Sprintf("the file ends in the middle of the document (after byte %d) — is it cut short?", d.dec.InputOffset())
		}
		at = ""
	case errors.As(err, &se):
		msg = fmt.Sprintf("broken JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
		if d.dec.InputOffset() <= 1 || se.Offset <= 1 {
			msg = "it is not JSON (" + strings.TrimPrefix(se.Error(), "json: ") + ")"
		}
		at = ""
	case errors.As(err, &te):
		if te.Field != "" {
			msg = fmt.Sprintf("%s should be %s, not %s (at byte %d)", te.Field, jsonType(te.Type), te.Value, te.Offset)
		} else {
			msg = fmt.Sprintf("expected %s, found %s (at byte %d)", jsonType(te.Type), te.Value, te.Offset)
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

func (d *datasetReader) read() (model.Dataset, error) {
	var ds model.Dataset
	tok, err := d.dec.Token()
	if err != nil {
		return ds, d.fail("", err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return ds, fmt.Errorf("%w: it is JSON, but not an object with \"format\": %q", ErrNotDataset, model.DatasetFormat)
	}

	// The lists of the document, by key.
	lists := map[string]reflect.Value{}
	v := reflect.ValueOf(&ds).Elem()
	for i := range v.NumField() {
		if name, _ := jsonName(v.Type().Field(i)); name != "" && v.Field(i).Kind() == reflect.Slice {
			lists[name] = v.Field(i)
		}
	}

	seenFormat, seenVersion := false, false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return ds, d.fail("", err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := d.dec.Decode(&ds.Format); err != nil {
				return ds, d.fail("format", err)
			}
			if ds.Format != model.DatasetFormat {
				return ds, fmt.Errorf("%w: its \"format\" is %s, not %q", ErrNotDataset, model.Quote(ds.Format), model.DatasetFormat)
			}
			seenFormat = true
		case "version":
			if err := d.dec.Decode(&ds.Version); err != nil {
				return ds, d.fail("version", err)
			}
			switch {
			case ds.Version > model.DatasetVersion:
				return ds, fmt.Errorf("%w: it is version %d, written by a newer rapport; this one reads up to version %d — upgrade rapport",
					ErrNotDataset, ds.Version, model.DatasetVersion)
			case ds.Version < 1:
				return ds, fmt.Errorf("%w: its \"version\" is %d; versions start at 1", ErrNotDataset, ds.Version)
			}
			seenVersion = true
		default:
			list, ok := lists[key]
			if !ok {
				// A key this rapport does not know: a newer one's optional
				// field. Skip it.
				var skip json.RawMessage
				if err := d.dec.Decode(&skip); err != nil {
					return ds, d.fail(key, err)
				}
				continue
			}
			if err := d.readList(key, list); err != nil {
				if !seenFormat {
					// Keys may come in any order, but a list that does not
					// read before any "format" is likely another program's.
					return ds, fmt.Errorf("%w (no \"format\": %q before it — is this another program's JSON?)", err, model.DatasetFormat)
				}
				return ds, err
			}
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing brace
		return ds, d.fail("", err)
	}
	if !seenFormat {
		return ds, fmt.Errorf("%w: it has no \"format\": %q — is it the output of another command or program?", ErrNotDataset, model.DatasetFormat)
	}
	if !seenVersion {
		return ds, fmt.Errorf("%w: it has no \"version\"", ErrNotDataset)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		if d.lr.over {
			return ds, d.fail("", err)
		}
		return ds, fmt.Errorf("%w: something follows the document (at byte %d) — is it two files in one?", ErrNotDataset, d.dec.InputOffset())
	}
	return ds, nil
}

// readList reads a JSON array into list (a slice), a record at a time.
func (d *datasetReader) readList(key string, list reflect.Value) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.fail(key, err)
	}
	if tok == nil { // null: an empty list
		return nil
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '[' {
		return fmt.Errorf("%w: %s should be a list", ErrNotDataset, key)
	}
	elem := list.Type().Elem()
	for i := 0; d.dec.More(); i++ {
		rec := reflect.New(elem)
		if err := d.dec.Decode(rec.Interface()); err != nil {
			return d.fail(fmt.Sprintf("%s[%d]", key, i), err)
		}
		list.Set(reflect.Append(list, rec.Elem()))
	}
	if _, err := d.dec.Token(); err != nil { // the closing bracket
		return d.fail(key, err)
	}
	return nil
}
