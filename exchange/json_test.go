package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// jsonDataset has a record of every kind, with text that JSON escapes.
func jsonDataset() model.Dataset {
	d := model.MustDate
	at := time.Date(2026, 3, 2, 9, 30, 0, 123e6, time.UTC)
	sat, rev := 7, model.Money(120_000_00)
	return model.Dataset{
		Format: model.DatasetFormat, Version: model.DatasetVersion,
		Accounts: []model.Account{
			{UID: "a1", Name: "Acme <R&D>", Tier: model.TierKey, Revenue: 4_200_000_00, Notes: "Line one\nline \"two\"\ttab",
				CreatedAt: at, UpdatedAt: at},
			{UID: "a2", Name: "Zoë & Søn", ArchivedAt: at, CreatedAt: at, UpdatedAt: at},
		},
		People: []model.Person{{UID: "p1", AccountUID: "a1", Name: "Dana Li", ReportsToUID: "", Birthday: model.Birthday{Month: 12, Day: 3},
			CreatedAt: at, UpdatedAt: at}},
		Notes:   []model.Note{{UID: "n1", AccountUID: "a1", PersonUID: "p1", Kind: model.NotePersonal, Text: "\u2028 and \x1b[31m", On: d("2026-03-01"), CreatedAt: at, UpdatedAt: at}},
		Touches: []model.Touch{{UID: "t1", AccountUID: "a1", Kind: model.TouchCall, On: d("2026-03-01"), Summary: "Call", PersonUIDs: []string{"p1"}, CreatedAt: at, UpdatedAt: at}},
		Health:  []model.HealthCheck{{UID: "h1", AccountUID: "a1", On: d("2026-03-01"), Satisfaction: &sat, Revenue: &rev, CreatedAt: at, UpdatedAt: at}},
		Briefs: []model.Brief{{UID: "b1", AccountUID: "a1", Title: "Pilot", Stage: model.StageCreate, StageSince: at, Checks: model.DefaultChecks(),
			People:  []model.BriefPerson{{PersonUID: "p1", Framing: "Numbers first"}},
			History: []model.StageChange{{To: model.StageUnderstand, At: at}}, CreatedAt: at, UpdatedAt: at}},
		FollowUps: []model.FollowUp{{UID: "f1", Text: "Send deck", Kind: model.KindPromise, DueOn: d("2026-03-05"),
			Recur: model.Recurrence{Unit: model.RecurWeek, Every: 2}, CreatedAt: at, UpdatedAt: at}},
	}
}

// encoderBytes is the document as one json.Encoder call writes it.
func encoderBytes(t *testing.T, ds model.Dataset) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ds); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteDataset(t *testing.T) {
	for _, tt := range []struct {
		name string
		ds   model.Dataset
	}{
		{"full", jsonDataset()},
		{"empty lists", model.Dataset{Format: model.DatasetFormat, Version: 1, Accounts: []model.Account{}, People: []model.Person{},
			Notes: []model.Note{}, Touches: []model.Touch{}, Health: []model.HealthCheck{}, Briefs: []model.Brief{}, FollowUps: []model.FollowUp{}}},
		{"nil lists", model.Dataset{Format: model.DatasetFormat, Version: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := WriteDataset(&got, tt.ds); err != nil {
				t.Fatal(err)
			}
			if want := encoderBytes(t, tt.ds); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("WriteDataset differs from json.Encoder:\n%s\nwant\n%s", got.Bytes(), want)
			}
		})
	}
	var b bytes.Buffer
	if err := WriteDataset(&b, jsonDataset()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"{\n  \"format\": \"rapport\",\n  \"version\": 1,\n  \"accounts\": [\n    {\n      \"uid\": \"a1\",",
		`"name": "Acme <R&D>"`, `"Zoë & Søn"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("document lacks %q", want)
		}
	}
}

func TestReadDataset(t *testing.T) {
	ds := jsonDataset()
	var b bytes.Buffer
	if err := WriteDataset(&b, ds); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	got, err := ReadDataset(strings.NewReader(doc), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ds) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, ds)
	}

	t.Run("KeysInAnyOrder", func(t *testing.T) {
		// jq -S sorts the keys; unknown keys (a newer rapport's) are skipped.
		in := `{"accounts": [{"uid": "a1", "name": "Acme", "created_at": "2026-03-02T09:30:00Z", "updated_at": "2026-03-02T09:30:00Z", "colour": "red"}],
			"extra": {"x": [1, 2]}, "format": "rapport", "notes": null, "version": 1}`
		got, err := ReadDataset(strings.NewReader(in), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Accounts) != 1 || got.Accounts[0].Name != "Acme" || got.Notes != nil {
			t.Errorf("read %+v", got)
		}
	})

	tests := []struct {
		name, in string
		limit    int64
		want     string
		is       error
	}{
		{"Empty", "", 0, "the file is empty", ErrNotDataset},
		{"Blank", " \n", 0, "the file is empty", ErrNotDataset},
		{"NotJSON", "Name,Email\nDana,d@a.example\n", 0, "it is not JSON", ErrNotDataset},
		{"VCard", "BEGIN:VCARD\r\n", 0, "it is not JSON", ErrNotDataset},
		{"Array", `[{"format": "rapport"}]`, 0, `it is JSON, but not an object with "format": "rapport"`, ErrNotDataset},
		{"OtherJSON", `{"today": "2026-03-02", "overdue": []}`, 0, `it has no "format": "rapport"`, ErrNotDataset},
		{"OtherFormat", `{"format": "vcard-json", "version": 1}`, 0, `its "format" is “vcard-json”, not "rapport"`, ErrNotDataset},
		{"NewerVersion", `{"format": "rapport", "version": 2, "accounts": []}`, 0, "it is version 2, written by a newer rapport; this one reads up to version 1", ErrNotDataset},
		{"NoVersion", `{"format": "rapport", "accounts": []}`, 0, `it has no "version"`, ErrNotDataset},
		{"ZeroVersion", `{"format": "rapport", "version": 0}`, 0, `its "version" is 0`, ErrNotDataset},
		{"VersionText", `{"format": "rapport", "version": "1"}`, 0, "version: expected a number, found string", ErrNotDataset},
		{"Truncated", doc[:len(doc)/2], 0, "the file ends in the middle of the document", ErrNotDataset},
		{"Broken", strings.Replace(doc, `"kind": "call",`, `"kind": "call"`, 1), 0, "broken JSON at byte", ErrNotDataset},
		{"Trailing", doc + "{}\n", 0, "something follows the document", ErrNotDataset},
		{"TooLarge", doc, int64(len(doc) - 1), "the JSON file is larger than", ErrTooLarge},
		{"ListTwice", `{"format": "rapport", "version": 1, "notes": [], "notes": []}`, 0, `the list "notes" appears twice`, ErrNotDataset},
		{"ListNotList", `{"format": "rapport", "version": 1, "notes": {}}`, 0, "notes should be a list", ErrNotDataset},
		{"BadDate", strings.Replace(doc, `"on": "2026-03-01"`, `"on": "2026-13-01"`, 1), 0, `notes[0]: "2026-13-01" is not a date`, model.ErrInvalid},
		{"BadType", strings.Replace(doc, `"revenue_minor": 420000000`, `"revenue_minor": "4.2m"`, 1), 0, "accounts[0]: revenue_minor should be a number, not string", model.ErrInvalid},
		{"BadRecurrence", strings.Replace(doc, `"every 2 weeks"`, `"now and then"`, 1), 0, "follow_ups[0]:", model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadDataset(strings.NewReader(tt.in), tt.limit)
			if err == nil {
				t.Fatalf("read %+v, want an error", got)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
		})
	}
	// A file of exactly the limit reads.
	if _, err := ReadDataset(strings.NewReader(doc), int64(len(doc))); err != nil {
		t.Errorf("a document of exactly the limit: %v", err)
	}
}

// FuzzReadDataset checks that ReadDataset never panics on any input, and
// that what it reads writes back to a document that reads the same.
func FuzzReadDataset(f *testing.F) {
	var b bytes.Buffer
	if err := WriteDataset(&b, jsonDataset()); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{b.String(), "", "{}", `{"format":"rapport","version":1,"notes":[{}]}`, "[", `{"format":"rapport"`, "null"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDataset(bytes.NewReader(data), 1<<16)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteDataset(&out, ds); err != nil {
			t.Fatal(err)
		}
		again, err := ReadDataset(bytes.NewReader(out.Bytes()), 0)
		if err != nil {
			t.Fatalf("reading what WriteDataset wrote: %v\n%s", err, out.Bytes())
		}
		var out2 bytes.Buffer
		if err := WriteDataset(&out2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("a second round trip changed the document:\n%q\n%q", out.Bytes(), out2.Bytes())
		}
	})
}

// JSON output is exact and still inert on a terminal: C1 controls and
// bidirectional overrides, which encoding/json writes raw, are \u escapes
// that read back as the same text.
func TestEscapeJSON(t *testing.T) {
	text := "a\u0085b\u009bc\u202ed\u2066e\u2069f\u202ag — Zoë \u200f"
	ds := jsonDataset()
	ds.Notes[0].Text = text
	var b bytes.Buffer
	if err := WriteDataset(&b, ds); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"\u0085", "\u009b", "\u202e", "\u2066", "\u2069", "\u202a"} {
		if strings.Contains(b.String(), raw) {
			t.Errorf("the document holds %U raw", []rune(raw)[0])
		}
	}
	for _, esc := range []string{`\u0085`, `\u009B`, `\u202E`, `\u2066`, `\u2069`, `\u202A`, "Zoë"} {
		if !strings.Contains(b.String(), esc) {
			t.Errorf("the document lacks %s", esc)
		}
	}
	got, err := ReadDataset(&b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes[0].Text != text || !reflect.DeepEqual(got, ds) {
		t.Errorf("read back %q, want %q", got.Notes[0].Text, text)
	}
	var out bytes.Buffer
	if err := EncodeJSON(&out, map[string]string{"name": text}); err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back["name"] != text || strings.Contains(out.String(), "\u202e") {
		t.Errorf("EncodeJSON wrote %q (%v)", out.String(), err)
	}
	if plain := []byte(`{"a": "Zoë"}`); &EscapeJSON(plain)[0] != &plain[0] {
		t.Error("EscapeJSON copied text with nothing to escape")
	}
}

// A document saved by a Windows tool starts with a UTF-8 byte order mark;
// it reads as the same document without one.
func TestReadDatasetBOM(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDataset(&b, jsonDataset()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDataset(strings.NewReader("\ufeff"+b.String()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, jsonDataset()) {
		t.Errorf("read %+v", got)
	}
}

// A document read as a stream reads each list as often as asked, in any
// order, whatever the order of its keys.
func TestOpenDataset(t *testing.T) {
	in := `{"notes": [{"uid": "n1", "text": "one"}, {"uid": "n2", "text": "two"}], "format": "rapport",
		"extra": {"deep": [[1], {"x": null}]}, "accounts": [{"uid": "a1", "name": "Acme"}], "version": 1}`
	doc, err := OpenDataset(strings.NewReader(in), int64(len(in)), 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		var uids []string
		doc.Accounts(func(a *model.Account) error { uids = append(uids, a.UID); return nil })
		doc.Notes(func(n *model.Note) error { uids = append(uids, n.UID); return nil })
		doc.People(func(p *model.Person) error { uids = append(uids, p.UID); return nil })
		if strings.Join(uids, " ") != "a1 n1 n2" {
			t.Errorf("read %v", uids)
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := doc.Notes(func(*model.Note) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("a visitor's error: %v after %d", err, n)
	}
}
