package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMatchName(t *testing.T) {
	tests := []struct {
		query, name string
		want        NameMatch
	}{
		{"zoe lindqvist", "Zoë Lindqvist", WholeMatch},
		{"  Zoë   LINDQVIST ", "Zoë Lindqvist", WholeMatch},
		{"zo", "Zoë Lindqvist", PrefixMatch},
		{"lind", "Zoë Lindqvist", PrefixMatch},
		{"qvist", "Zoë Lindqvist", NoMatch},
		{"", "Zoë Lindqvist", NoMatch},
	}
	for _, tt := range tests {
		if got := MatchName(tt.query, tt.name); got != tt.want {
			t.Errorf("MatchName(%q, %q) = %d, want %d", tt.query, tt.name, got, tt.want)
		}
	}
}

func TestPickByNameAndOne(t *testing.T) {
	people := []Person{{ID: 1, Name: "Dana Okafor"}, {ID: 2, Name: "Dan Elsewhere"}, {ID: 3, Name: "Daniel Ek"}, {ID: 4, Name: "Lee Dan"}}
	name := func(p Person) string { return p.Name }
	label := func(p Person) string { return p.Name }
	t.Run("OK", func(t *testing.T) {
		// The whole name wins over the prefixes it is also.
		got, err := One("dan elsewhere", PickByName("dan elsewhere", people, name), label, "nobody", "people")
		if err != nil || got.ID != 2 {
			t.Errorf("got %v, %v; want Dan Elsewhere", got, err)
		}
	})
	t.Run("Ambiguous", func(t *testing.T) {
		_, err := One("dan", PickByName("dan", people, name), label, "nobody", "people")
		var am *AmbiguousError
		if !errors.As(err, &am) || !errors.Is(err, ErrInvalid) || len(am.Candidates) != 4 {
			t.Fatalf("err = %v, want an ambiguity listing four", err)
		}
		if want := "“dan” matches several people: Dana Okafor, Dan Elsewhere, Daniel Ek, Lee Dan — type more of the name"; err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := One("zed", PickByName("zed", people, name), label, "nobody", "people")
		if !errors.Is(err, ErrNotFound) || err.Error() != "nobody matches “zed”" || !IsNameMiss(err) {
			t.Errorf("err = %v, want nobody matches “zed”", err)
		}
	})
}

func TestQuote(t *testing.T) {
	if got := Quote("two\nlines"); got != "“two lines”" {
		t.Errorf("Quote = %q", got)
	}
	long := Quote(strings.Repeat("é", 10000))
	if n := len([]rune(long)); n != MaxQuoted+2 || !strings.HasSuffix(long, "…”") {
		t.Errorf("a long input is quoted as %d runes: %q…", n, long[:20])
	}
}

func TestParsePastDay(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		in, want string
		future   bool
	}{
		{in: "mon", want: "2026-11-23"},
		{in: "dec 3", want: "2025-12-03"},
		{in: "yesterday", want: "2026-11-24"},
		{in: "tomorrow", future: true},
		{in: "+2w", future: true},
	}
	for _, tt := range tests {
		w, err := ParsePastDay(tt.in, now)
		var fe *FutureError
		switch {
		case tt.future && (!errors.As(err, &fe) || !errors.Is(err, ErrInvalid)):
			t.Errorf("ParsePastDay(%q) = %v, %v; want a FutureError", tt.in, w, err)
		case !tt.future && (err != nil || w.Date.String() != tt.want):
			t.Errorf("ParsePastDay(%q) = %v, %v; want %s", tt.in, w, err, tt.want)
		}
	}
	_, err := ParsePastDay("soonish", now)
	if !errors.Is(err, ErrInvalid) || !strings.HasSuffix(Sentence(err), PastHint) {
		t.Errorf("an unreadable day says %q; want the examples of days that have happened", err)
	}
}

func TestSentence(t *testing.T) {
	err := errors.Join(errors.New("store: create account: conflict: an account called Acme already exists"))
	if got := Sentence(err); got != "create account: an account called Acme already exists" {
		t.Errorf("Sentence = %q", got)
	}
	if got := Sentence(&FieldError{Field: "name", Reason: "is required"}); got != "name: is required" {
		t.Errorf("Sentence = %q", got)
	}
}

func TestAgendaSections(t *testing.T) {
	var titles []string
	for _, s := range AgendaSections {
		titles = append(titles, s.Title(7))
	}
	if got := strings.Join(titles, " | "); got != "Meetings today | Overdue | Due today | Next 7 days | People due a touch | Ask about | Birthdays | Stalled briefs | Coverage risks" {
		t.Errorf("sections = %s", got)
	}
	c := AgendaCounts{Meetings: 1, Overdue: 2, DueToday: 3, Upcoming: 4, TouchDue: 5, AskAbout: 6, Birthdays: 7, Stalled: 8, Risks: 9}
	for i, s := range AgendaSections {
		if c.Of(s) != i+1 {
			t.Errorf("%s counts %d, want %d", s.Title(7), c.Of(s), i+1)
		}
	}
}

func TestFoldNameMarks(t *testing.T) {
	for in, want := range map[string]string{
		"O'Brien": "obrien", "O’Brien": "obrien", "Anne-Marie  Dubois": "anne marie dubois", " Zoë\tLindqvist ": "zoe lindqvist",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range []struct {
		query, name string
		want        NameMatch
	}{{"obrien", "Seán O'Brien", PrefixMatch}, {"marie", "Anne-Marie Dubois", PrefixMatch}, {"anne marie dubois", "Anne-Marie Dubois", WholeMatch}} {
		if got := MatchName(c.query, c.name); got != c.want {
			t.Errorf("MatchName(%q, %q) = %v, want %v", c.query, c.name, got, c.want)
		}
	}
}
