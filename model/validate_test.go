package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// checkField asserts that err is nil when field is "", and otherwise an
// ErrInvalid FieldError naming field.
func checkField(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Errorf("Validate() = %v, want nil", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Validate() = nil, want an error on %q", field)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("error %v is not ErrInvalid", err)
	}
	if got := FieldOf(err); got != field {
		t.Errorf("error %q names field %q, want %q", err, got, field)
	}
	if !strings.HasPrefix(err.Error(), field+": ") {
		t.Errorf("error %q should start with the field", err)
	}
}

func TestFieldError(t *testing.T) {
	err := Invalid("name", "is %d characters; the limit is %d", 300, 200)
	if err.Error() != "name: is 300 characters; the limit is 200" {
		t.Errorf("Error() = %q", err)
	}
	wrapped := errors.Join(errors.New("saving"), err)
	if !errors.Is(wrapped, ErrInvalid) || FieldOf(wrapped) != "name" {
		t.Errorf("a wrapped FieldError should still be ErrInvalid and name its field")
	}
	if FieldOf(errors.New("plain")) != "" || FieldOf(nil) != "" {
		t.Errorf("FieldOf of a plain error should be empty")
	}
}

func TestNoteValidate(t *testing.T) {
	ok := func() Note {
		return Note{AccountID: 1, Kind: NotePersonal, Text: "Her marathon is on Sunday", On: MustDate("2026-11-25")}
	}
	tests := []struct {
		name  string
		edit  func(*Note)
		field string
	}{
		{name: "OK", edit: func(*Note) {}},
		{name: "on a person by uid", edit: func(n *Note) { n.AccountID, n.PersonUID = 0, "p-1" }},
		{name: "kind unset", edit: func(n *Note) { n.Kind = "" }},
		{name: "on nothing", edit: func(n *Note) { n.AccountID = 0 }, field: "about"},
		{name: "unknown kind", edit: func(n *Note) { n.Kind = "gossip" }, field: "kind"},
		{name: "no text", edit: func(n *Note) { n.Text = "" }, field: "text"},
		{name: "blank text", edit: func(n *Note) { n.Text = " \n\t\r " }, field: "text"},
		{name: "text at limit", edit: func(n *Note) { n.Text = strings.Repeat("a", MaxLongTextLen) }},
		{name: "text too long", edit: func(n *Note) { n.Text = strings.Repeat("a", MaxLongTextLen+1) }, field: "text"},
		{name: "text not UTF-8", edit: func(n *Note) { n.Text = "caf\xe9" }, field: "text"},
		{name: "no date", edit: func(n *Note) { n.On = Date{} }, field: "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ok()
			tt.edit(&n)
			checkField(t, n.Validate(), tt.field)
		})
	}
}

func TestNoteAskDue(t *testing.T) {
	today := MustDate("2026-11-25")
	tests := []struct {
		name string
		n    Note
		want bool
	}{
		{name: "no ask-after", n: Note{}, want: false},
		{name: "from tomorrow", n: Note{AskAfter: today.AddDays(1)}, want: false},
		{name: "from today", n: Note{AskAfter: today}, want: true},
		{name: "waiting", n: Note{AskAfter: today.AddDays(-30)}, want: true},
		{name: "asked", n: Note{AskAfter: today.AddDays(-3), AskedAt: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}, want: false},
	}
	for _, tt := range tests {
		if got := tt.n.AskDue(today); got != tt.want {
			t.Errorf("%s: AskDue = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTouchValidate(t *testing.T) {
	ok := func() Touch {
		return Touch{AccountID: 1, Kind: TouchCall, On: MustDate("2026-11-25"), Summary: "Renewal call"}
	}
	tests := []struct {
		name  string
		edit  func(*Touch)
		field string
	}{
		{name: "OK", edit: func(*Touch) {}},
		{name: "account by uid", edit: func(x *Touch) { x.AccountID, x.AccountUID = 0, "a-1" }},
		{name: "no account", edit: func(x *Touch) { x.AccountID = 0 }, field: "account"},
		{name: "no kind", edit: func(x *Touch) { x.Kind = "" }, field: "kind"},
		{name: "unknown kind", edit: func(x *Touch) { x.Kind = "fax" }, field: "kind"},
		{name: "no date", edit: func(x *Touch) { x.On = Date{} }, field: "date"},
		{name: "no summary", edit: func(x *Touch) { x.Summary = "  " }, field: "summary"},
		{name: "summary at limit", edit: func(x *Touch) { x.Summary = strings.Repeat("ö", MaxShortTextLen) }},
		{name: "summary too long", edit: func(x *Touch) { x.Summary = strings.Repeat("a", MaxShortTextLen+1) }, field: "summary"},
		{name: "text too long", edit: func(x *Touch) { x.Text = strings.Repeat("a", MaxLongTextLen+1) }, field: "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := ok()
			tt.edit(&x)
			checkField(t, x.Validate(), tt.field)
		})
	}
}

func TestFollowUpValidate(t *testing.T) {
	ok := func() FollowUp {
		return FollowUp{Text: "Send the deck", Kind: KindPromise, DueOn: MustDate("2026-12-03"), DueTime: "15:00",
			Recur: Recurrence{RecurWeek, 2}}
	}
	tests := []struct {
		name  string
		edit  func(*FollowUp)
		field string
	}{
		{name: "OK", edit: func(*FollowUp) {}},
		{name: "only text and due", edit: func(f *FollowUp) { *f = FollowUp{Text: "x", DueOn: MustDate("2026-12-03")} }},
		{name: "no text", edit: func(f *FollowUp) { f.Text = "" }, field: "text"},
		{name: "blank text", edit: func(f *FollowUp) { f.Text = "\n" }, field: "text"},
		{name: "text too long", edit: func(f *FollowUp) { f.Text = strings.Repeat("a", MaxLongTextLen+1) }, field: "text"},
		{name: "unknown kind", edit: func(f *FollowUp) { f.Kind = "task" }, field: "kind"},
		{name: "no due", edit: func(f *FollowUp) { f.DueOn = Date{} }, field: "due"},
		{name: "due out of range", edit: func(f *FollowUp) { f.DueOn = NewDate(10000, 1, 1) }, field: "due"},
		{name: "due too early", edit: func(f *FollowUp) { f.DueOn = NewDate(1899, 12, 31) }, field: "due"},
		{name: "bad time", edit: func(f *FollowUp) { f.DueTime = "25:00" }, field: "time"},
		{name: "time words", edit: func(f *FollowUp) { f.DueTime = "noon" }, field: "time"},
		{name: "negative recurrence", edit: func(f *FollowUp) { f.Recur = Recurrence{RecurDay, -1} }, field: "repeat"},
		{name: "recurrence without unit", edit: func(f *FollowUp) { f.Recur = Recurrence{"", 2} }, field: "repeat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok()
			tt.edit(&f)
			checkField(t, f.Validate(), tt.field)
		})
	}
}

// A refusal says how long the text is and what the limit is, and the two
// never read the same.
func TestLimitMessages(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "name one over", err: checkName("name", strings.Repeat("é", MaxNameLen+1)), want: "name: is 201 characters; the limit is 200"},
		{name: "short one over", err: checkShort("title", strings.Repeat("a", MaxShortTextLen+1)), want: "title: is 2001 characters; the limit is 2000"},
		{name: "long well over", err: checkLong("notes", strings.Repeat("a", 3<<20)), want: "notes: is 3.0 MiB; the limit is 256.0 KiB"},
		{name: "long one byte over", err: checkLong("notes", strings.Repeat("a", MaxLongTextLen+1)), want: "notes: is just over 256.0 KiB, the limit"},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, tt.err, tt.want)
		}
	}
}
