package model

import (
	"errors"
	"testing"
	"time"
)

func TestParseDebriefNotes(t *testing.T) {
	now := time.Date(2026, 12, 6, 16, 0, 0, 0, time.UTC) // a Sunday
	got, err := ParseDebriefNotes(`Henrik: daughter starts school in January #personal ask: jan 10

Budget: frozen until Q2
Dana: wants the pricing one-pager before the board #insight`, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []DebriefNote{
		{Line: 1, Who: "Henrik", Text: "daughter starts school in January", Kind: NotePersonal, AskAfter: MustDate("2027-01-10")},
		{Line: 3, Who: "Budget", Text: "frozen until Q2", Kind: NoteBusiness},
		{Line: 4, Who: "Dana", Text: "wants the pricing one-pager before the board", Kind: NoteInsight},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d notes, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("note %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := got[1].WithoutWho(); n.Text != "Budget: frozen until Q2" || n.Who != "" {
		t.Errorf("WithoutWho = %+v", n)
	}
	for _, bad := range []string{"Henrik: ask: soonish", "#personal", "Dana: ask: mon"} {
		if _, err := ParseDebriefNotes(bad, now); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: err = %v, want it refused", bad, err)
		}
	}
}

func TestParseDebriefFollowUps(t *testing.T) {
	now := time.Date(2026, 12, 6, 16, 0, 0, 0, time.UTC) // a Sunday
	tests := []struct {
		line    string
		who     string
		text    string
		due     string
		promise bool
	}{
		{"promise: Henrik: send the pricing one-pager by fri", "Henrik", "send the pricing one-pager", "2026-12-11", true},
		{"Book the workshop room next week", "", "Book the workshop room", "2026-12-07", false},
		{"Call back tue 15:00", "", "Call back", "2026-12-08 15:00", false},
		{"Review the Q3 plan", "", "Review the Q3 plan", "2026-12-07", false},
		{"Dana: share the benchmark due +2w", "Dana", "share the benchmark", "2026-12-20", false},
		{"tomorrow", "", "tomorrow", "2026-12-07", false}, // the text is never only a day
	}
	for _, tt := range tests {
		got, err := ParseDebriefFollowUps(tt.line, now)
		if err != nil || len(got) != 1 {
			t.Errorf("%q: %v, %v", tt.line, got, err)
			continue
		}
		f := got[0]
		if f.Who != tt.who || f.Text != tt.text || f.Due.String() != tt.due || f.Promise != tt.promise {
			t.Errorf("%q = %+v (due %s), want who %q text %q due %s promise %v", tt.line, f, f.Due, tt.who, tt.text, tt.due, tt.promise)
		}
	}
	if _, err := ParseDebriefFollowUps("promise:", now); !errors.Is(err, ErrInvalid) {
		t.Errorf("an empty promise: %v", err)
	}
}

func TestMeetingDayAndPast(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	m := Meeting{Title: "QBR", Start: time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC), End: time.Date(2026, 12, 7, 0, 30, 0, 0, time.UTC)}
	if d := m.Day(loc); d != MustDate("2026-12-07") {
		t.Errorf("Day = %s, want the local day 2026-12-07", d)
	}
	if m.Past(time.Date(2026, 12, 7, 0, 29, 0, 0, time.UTC)) || !m.Past(time.Date(2026, 12, 7, 0, 30, 0, 0, time.UTC)) {
		t.Error("Past is wrong at the end")
	}
	all := Meeting{Title: "Offsite", AllDay: true, Start: time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)}
	if d := all.Day(loc); d != MustDate("2026-12-08") {
		t.Errorf("an all-day meeting's day = %s", d)
	}
	if err := (Meeting{Title: "x", Start: m.Start, End: m.Start.Add(-time.Minute)}).Validate(); FieldOf(err) != "end" {
		t.Errorf("an end before the start: %v", err)
	}
	if NormEmail(" MAILTO:Dana@Acme.Example ") != "dana@acme.example" {
		t.Error("NormEmail")
	}
}
