package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"rapport/model"
)

// unfoldContent checks the physical lines of an iCalendar or vCard file —
// CRLF ends, at most 75 octets, whole UTF-8 characters — and returns the
// logical lines.
func unfoldContent(t *testing.T, data []byte) []string {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end with CRLF: %q", s[max(0, len(s)-20):])
	}
	physical := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var logical []string
	for i, l := range physical {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(logical) == 0 {
				t.Fatalf("line %d continues nothing", i+1)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	return logical
}

// todos parses the VTODOs of an iCalendar file: for each, property name (with
// parameters) to raw value.
func todos(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	var out []map[string]string
	var cur map[string]string
	for _, l := range unfoldContent(t, data) {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", l)
		}
		switch {
		case l == "BEGIN:VTODO":
			cur = map[string]string{}
		case l == "END:VTODO":
			out = append(out, cur)
			cur = nil
		case cur != nil:
			if _, dup := cur[name]; dup {
				t.Errorf("property %s repeated", name)
			}
			cur[name] = value
		}
	}
	return out
}

func TestWriteICS(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 30, 0, 0, time.FixedZone("CET", 3600))
	created := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	fus := []model.FollowUp{
		{
			UID: "f1", Text: "Send the pricing deck", Kind: model.KindPromise,
			DueOn: model.MustDate("2026-12-03"), DueTime: "15:00",
			AccountName: "Acme", PersonName: "Dana Li", BriefTitle: "Loyalty, relaunched",
			CreatedAt: created, UpdatedAt: created,
		},
		{
			UID: "f2", Text: "Quarterly check-in", Kind: model.KindFollowUp,
			DueOn: model.MustDate("2026-12-10"), AccountName: "Globex",
			Recur: model.Recurrence{Unit: model.RecurMonth, Every: 3}, FromCompletion: true,
		},
		{UID: "f3", Text: "Already done", DueOn: model.MustDate("2026-11-01"), DoneAt: created},
		{
			UID: "f4", Text: "Ask; about, the \\ marathon\nand her new role", DueOn: model.MustDate("2026-11-20"),
			SnoozedUntil: model.MustDate("2026-11-27"), PersonName: "Zoë Müller",
			Recur: model.Recurrence{Unit: model.RecurWeek, Every: 2},
		},
		{
			UID: "f5", Text: strings.Repeat("Über-Zoë’s Ærøskøbing 東京 offer 😀, ", 6), DueOn: model.MustDate("2026-12-24"),
			AccountName: "Müller & Söhne",
		},
	}
	path := filepath.Join(t.TempDir(), "follow-ups.ics")
	var buf bytes.Buffer
	if err := WriteICS(&buf, fus, now); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	lines := unfoldContent(t, data)
	if lines[0] != "BEGIN:VCALENDAR" {
		t.Errorf("first line = %q", lines[0])
	}
	// The calendar's own properties, before its first to-do, in any order.
	first := slices.Index(lines, "BEGIN:VTODO")
	for _, want := range []string{"VERSION:2.0", "PRODID:-//rapport//rapport//EN", "CALSCALE:GREGORIAN"} {
		if i := slices.Index(lines, want); i < 0 || i > first {
			t.Errorf("the calendar has no %s before its to-dos", want)
		}
	}
	// What rapport writes, a calendar library reads back.
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("the calendar does not read back: %v", err)
	}
	if n := len(cal.Children); n != 4 {
		t.Errorf("read back %d to-dos", n)
	} else if sum, _ := cal.Children[2].Props.Text(ical.PropSummary); sum != "Ask; about, the \\ marathon — Zoë Müller" {
		t.Errorf("summary read back = %q", sum)
	}
	if last := lines[len(lines)-1]; last != "END:VCALENDAR" {
		t.Errorf("last line = %q, want END:VCALENDAR", last)
	}

	got := todos(t, data)
	if len(got) != 4 {
		t.Fatalf("%d to-dos, want 4 (the done one left out)", len(got))
	}
	tests := []struct {
		todo   int
		prop   string
		want   string // raw value; "-" means absent
		escape bool   // compare the unescaped value
	}{
		{0, "UID", "f1@rapport", false},
		{0, "DTSTAMP", "20261125T093000Z", false},
		{0, "CREATED", "20261101T080000Z", false},
		{0, "DTSTART", "20261203T150000", false},
		{0, "DUE", "20261203T150000", false},
		{0, "DTSTART;VALUE=DATE", "-", false},
		{0, "SUMMARY", "Send the pricing deck — Acme / Dana Li", true},
		{0, "DESCRIPTION", "Brief: Loyalty, relaunched", true},
		{0, "CATEGORIES", "PROMISE", false},
		{0, "PRIORITY", "1", false},
		{0, "STATUS", "NEEDS-ACTION", false},
		{0, "RRULE", "-", false},

		{1, "UID", "f2@rapport", false},
		{1, "DTSTART;VALUE=DATE", "20261210", false},
		{1, "DUE;VALUE=DATE", "20261210", false},
		{1, "SUMMARY", "Quarterly check-in — Globex", true},
		{1, "CATEGORIES", "FOLLOW-UP", false},
		{1, "PRIORITY", "-", false},
		{1, "RRULE", "FREQ=MONTHLY;INTERVAL=3", false},
		{1, "DESCRIPTION", "Repeats quarterly, counted from when it is done.", true},
		{1, "CREATED", "-", false},

		{2, "UID", "f4@rapport", false},
		{2, "DTSTART;VALUE=DATE", "20261127", false}, // the snoozed-until day
		{2, "SUMMARY", `Ask\; about\, the \\ marathon — Zoë Müller`, false},
		{2, "DESCRIPTION", "Ask; about, the \\ marathon\nand her new role\nRepeats every 2 weeks.\nDue 2026-11-20, snoozed until 2026-11-27.", true},
		{2, "RRULE", "FREQ=WEEKLY;INTERVAL=2", false},

		{3, "SUMMARY", strings.TrimSpace(strings.Repeat("Über-Zoë’s Ærøskøbing 東京 offer 😀, ", 6)) + " — Müller & Söhne", true},
		{3, "DESCRIPTION", "-", false},
	}
	for _, tt := range tests {
		v, ok := got[tt.todo][tt.prop]
		switch {
		case tt.want == "-":
			if ok {
				t.Errorf("to-do %d: %s = %q, want it absent", tt.todo, tt.prop, v)
			}
		case !ok:
			t.Errorf("to-do %d: no %s", tt.todo, tt.prop)
		default:
			if tt.escape {
				v = unescapeText(v)
			}
			if v != tt.want {
				t.Errorf("to-do %d: %s = %q, want %q", tt.todo, tt.prop, v, tt.want)
			}
		}
	}
}

func TestWriteICSEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, []model.FollowUp{{UID: "f3", Text: "Already done", DueOn: model.MustDate("2026-11-01"), DoneAt: time.Now()}},
		time.Now()); err != nil {
		t.Fatal(err)
	}
	lines := unfoldContent(t, buf.Bytes())
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" || slices.ContainsFunc(lines, func(l string) bool {
		return strings.HasPrefix(l, "BEGIN:") && l != "BEGIN:VCALENDAR"
	}) {
		t.Errorf("a calendar of nothing open:\n%s", buf.String())
	}
}

func TestWriteICSBadTime(t *testing.T) {
	fus := []model.FollowUp{{UID: "f1", Text: "x", DueOn: model.MustDate("2026-12-03"), DueTime: "3pm"}}
	var buf bytes.Buffer
	err := WriteICS(&buf, fus, time.Now())
	if err == nil || !strings.Contains(err.Error(), `follow-up f1: due time "3pm" is not a time like 15:00`) {
		t.Errorf("err = %v, want one naming the due time", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes before failing", buf.Len())
	}
}

func TestFoldLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"short", "SUMMARY:hi"},
		{"exactly 75", "SUMMARY:" + strings.Repeat("a", 67)},
		{"76", "SUMMARY:" + strings.Repeat("a", 68)},
		{"long ASCII", "DESCRIPTION:" + strings.Repeat("abcdefghij", 40)},
		{"two-byte", "SUMMARY:" + strings.Repeat("ë", 100)},
		{"three-byte at the edge", "SUMMARY:" + strings.Repeat("a", 66) + strings.Repeat("—", 50)},
		{"four-byte", "SUMMARY:x" + strings.Repeat("😀", 60)},
		{"mixed", "DESCRIPTION:" + strings.Repeat("Zoë Müller — 東京 😀 ", 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := foldLine(tt.in)
			lines := unfoldContent(t, []byte(out))
			if len(lines) != 1 || lines[0] != tt.in {
				t.Errorf("unfolded = %q, want %q", lines, tt.in)
			}
			physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			if len(tt.in) > 75 && len(physical) < 2 {
				t.Errorf("a %d-octet line was not folded", len(tt.in))
			}
			// Folding packs lines: only the last may be much shorter than 75.
			for i, l := range physical[:len(physical)-1] {
				if len(l) < 72 {
					t.Errorf("physical line %d is only %d octets", i+1, len(l))
				}
			}
		})
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"tab\there", "tab\there"},
		{"bell\a esc\x1b[2J", "bell\uFFFD esc\uFFFD[2J"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"Zoë, Müller", `Zoë\, Müller`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
