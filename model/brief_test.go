package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var briefT0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("X", 3600))

// briefIn returns a brief with a why, standing in stage s since briefT0.
func briefIn(s Stage) Brief {
	b := NewBrief(1, "Loyalty pilot", briefT0)
	b.Why = "Their churn is up; a pilot shows we can help."
	b.Stage = s
	return b
}

// signAll clears every check, signing the even ones and waiving the odd ones.
func signAll(b *Brief) {
	for i := range b.Checks {
		if i%2 == 0 {
			b.Checks[i] = Check{Kind: b.Checks[i].Kind, State: CheckSigned, By: "Ana", On: MustDate("2026-03-01")}
		} else {
			b.Checks[i] = Check{Kind: b.Checks[i].Kind, State: CheckNotNeeded}
		}
	}
}

func TestNewBrief(t *testing.T) {
	b := NewBrief(7, "Loyalty pilot", briefT0)
	if b.AccountID != 7 || b.Title != "Loyalty pilot" || b.Stage != StageUnderstand || !b.StageSince.Equal(briefT0) {
		t.Errorf("NewBrief = %+v", b)
	}
	if want := []StageChange{{To: StageUnderstand, At: briefT0}}; !reflect.DeepEqual(b.History, want) {
		t.Errorf("History = %+v, want %+v", b.History, want)
	}
	if got := b.PendingChecks(); !reflect.DeepEqual(got, CheckKinds) {
		t.Errorf("PendingChecks = %v, want all four", got)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("a new brief should be valid: %v", err)
	}
}

func TestStageNextPrev(t *testing.T) {
	tests := []struct {
		s          Stage
		next, prev Stage
		open       bool
		index      int
	}{
		{StageUnderstand, StageDetermine, "", true, 0},
		{StageDetermine, StageCreate, StageUnderstand, true, 1},
		{StageCreate, StageChecks, StageDetermine, true, 2},
		{StageChecks, StageActivate, StageCreate, true, 3},
		{StageActivate, StageDone, StageChecks, true, 4},
		{StageDone, "", StageActivate, false, 5}, // a done brief can be taken back to activate
		{StageDropped, "", "", false, 6},         // a dropped brief stays out of the flow
		{"bogus", "", "", true, -1},
		{"", "", "", true, -1},
	}
	for _, tt := range tests {
		if got := tt.s.Next(); got != tt.next {
			t.Errorf("%q.Next() = %q, want %q", tt.s, got, tt.next)
		}
		if got := tt.s.Prev(); got != tt.prev {
			t.Errorf("%q.Prev() = %q, want %q", tt.s, got, tt.prev)
		}
		if got := tt.s.Open(); got != tt.open {
			t.Errorf("%q.Open() = %v, want %v", tt.s, got, tt.open)
		}
		if got := tt.s.Index(); got != tt.index {
			t.Errorf("%q.Index() = %d, want %d", tt.s, got, tt.index)
		}
	}
}

func TestBriefMoveTo(t *testing.T) {
	at := briefT0.Add(40 * 24 * time.Hour)
	tests := []struct {
		name   string
		b      func() Brief
		to     Stage
		reason string
		want   []string // in the error; nil means the move is allowed
		field  string   // the FieldError's field, when it is one
	}{
		// Leaving the first stage needs a why.
		{name: "no why", b: func() Brief { b := briefIn(StageUnderstand); b.Why = ""; return b }, to: StageDetermine,
			want: []string{"why", string(StageUnderstand)}},
		{name: "blank why", b: func() Brief { b := briefIn(StageUnderstand); b.Why = " \n\t"; return b }, to: StageDetermine,
			want: []string{"why"}},
		{name: "no why, jumping ahead", b: func() Brief { b := briefIn(StageUnderstand); b.Why = ""; signAll(&b); return b }, to: StageActivate,
			want: []string{"why"}},
		{name: "with a why", b: func() Brief { return briefIn(StageUnderstand) }, to: StageDetermine},
		{name: "back to the first stage without a why", b: func() Brief { b := briefIn(StageDetermine); b.Why = ""; return b }, to: StageUnderstand},
		{name: "back a stage", b: func() Brief { return briefIn(StageChecks) }, to: StageCreate},
		{name: "into checks with checks pending", b: func() Brief { return briefIn(StageCreate) }, to: StageChecks},

		// Activation waits for the four sign-offs.
		{name: "activate, all pending", b: func() Brief { return briefIn(StageChecks) }, to: StageActivate,
			want: []string{"brand, strategy, legal, translation checks are not signed"}},
		{name: "activate, all cleared", b: func() Brief { b := briefIn(StageChecks); signAll(&b); return b }, to: StageActivate},
		{name: "activate, skipping checks", b: func() Brief { return briefIn(StageCreate) }, to: StageActivate,
			want: []string{"cannot activate"}},
		{name: "done, skipping activate", b: func() Brief { return briefIn(StageChecks) }, to: StageDone,
			want: []string{"cannot activate"}},
		{name: "done from activate", b: func() Brief { b := briefIn(StageActivate); signAll(&b); return b }, to: StageDone},
		{name: "back to activate from done", b: func() Brief { b := briefIn(StageDone); signAll(&b); return b }, to: StageActivate},

		// Dropping needs a reason, from any stage, and no why.
		{name: "drop without a reason", b: func() Brief { return briefIn(StageCreate) }, to: StageDropped,
			want: []string{"why the brief is dropped"}, field: "reason"},
		{name: "drop with a blank reason", b: func() Brief { return briefIn(StageCreate) }, to: StageDropped, reason: " \t ",
			want: []string{"dropped"}, field: "reason"},
		{name: "drop from the first stage without a why", b: func() Brief { b := briefIn(StageUnderstand); b.Why = ""; return b },
			to: StageDropped, reason: "budget moved to 2027"},
		{name: "drop from checks", b: func() Brief { return briefIn(StageChecks) }, to: StageDropped, reason: "  no budget\n"}, // kept trimmed
		{name: "drop from activate", b: func() Brief { return briefIn(StageActivate) }, to: StageDropped, reason: "client reorganised"},
		{name: "drop when done", b: func() Brief { return briefIn(StageDone) }, to: StageDropped, reason: "never launched"},

		// Nowhere to go.
		{name: "already there", b: func() Brief { return briefIn(StageCreate) }, to: StageCreate, want: []string{"already", string(StageCreate)}},
		{name: "already dropped", b: func() Brief { return briefIn(StageDropped) }, to: StageDropped, reason: "again", want: []string{"already"}},
		{name: "unknown stage", b: func() Brief { return briefIn(StageCreate) }, to: "shipped", want: []string{"unknown stage", "shipped"}},
		{name: "empty stage", b: func() Brief { return briefIn(StageCreate) }, to: "", want: []string{"unknown stage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.b()
			before := tt.b()
			canErr := b.CanMove(tt.to)
			err := b.MoveTo(tt.to, at, tt.reason)
			if tt.want == nil {
				if canErr != nil || err != nil {
					t.Fatalf("CanMove = %v, MoveTo = %v; want the move allowed", canErr, err)
				}
				want := append(before.History, StageChange{From: before.Stage, To: tt.to, At: at, Note: strings.TrimSpace(tt.reason)})
				if b.Stage != tt.to || !b.StageSince.Equal(at) || !reflect.DeepEqual(b.History, want) {
					t.Errorf("after the move: stage %q since %v, history %+v; want %q since %v, history %+v",
						b.Stage, b.StageSince, b.History, tt.to, at, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("MoveTo(%q) = nil, want an error saying %q", tt.to, tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q should say %q", err, w)
				}
			}
			if got := FieldOf(err); got != tt.field {
				t.Errorf("error names field %q, want %q", got, tt.field)
			}
			if tt.field == "" && (canErr == nil || canErr.Error() != err.Error()) {
				t.Errorf("CanMove = %v, MoveTo = %v; want the same refusal", canErr, err)
			}
			if !reflect.DeepEqual(b, before) {
				t.Errorf("a refused move changed the brief:\n got %+v\nwant %+v", b, before)
			}
		})
	}
}

// The refusal names exactly the checks that still block activation.
func TestBriefActivateNamesUnsignedChecks(t *testing.T) {
	for mask := 0; mask < 1<<len(CheckKinds); mask++ {
		b := briefIn(StageChecks)
		var pending []string
		for i, k := range CheckKinds {
			switch {
			case mask&(1<<i) != 0:
				pending = append(pending, string(k))
			case i%2 == 0:
				b.Checks[i] = Check{Kind: k, State: CheckSigned, By: "Ana", On: MustDate("2026-03-01")}
			default:
				b.Checks[i] = Check{Kind: k, State: CheckNotNeeded}
			}
		}
		err := b.CanMove(StageActivate)
		if len(pending) == 0 {
			if err != nil {
				t.Errorf("all cleared: %v", err)
			}
			continue
		}
		if err == nil {
			t.Errorf("pending %v: activation allowed", pending)
			continue
		}
		verb := "checks are"
		if len(pending) == 1 {
			verb = "check is"
		}
		want := "cannot activate: " + strings.Join(pending, ", ") + " " + verb + " not signed or marked not needed"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("pending %v: error %q, want it to say %q", pending, err, want)
		}
		got := b.PendingChecks()
		if len(got) != len(pending) {
			t.Errorf("PendingChecks = %v, want %v", got, pending)
		}
	}
}

// A check missing from the list is pending, and does not block when waived.
func TestBriefCheckAbsent(t *testing.T) {
	b := briefIn(StageChecks)
	b.Checks = []Check{{Kind: CheckLegal, State: CheckNotNeeded}}
	if got := b.Check(CheckBrand); got.State != CheckPending || got.Kind != CheckBrand {
		t.Errorf("Check(brand) = %+v, want pending", got)
	}
	if got, want := b.PendingChecks(), []CheckKind{CheckBrand, CheckStrategy, CheckTranslation}; !reflect.DeepEqual(got, want) {
		t.Errorf("PendingChecks = %v, want %v", got, want)
	}
}

// A brief walked through every stage keeps a dated record of each move.
func TestBriefFullFlow(t *testing.T) {
	b := NewBrief(1, "Loyalty pilot", briefT0)
	b.Why = "Churn is up."
	day := func(n int) time.Time { return briefT0.AddDate(0, 0, n) }
	moves := []struct {
		to  Stage
		day int
	}{{StageDetermine, 10}, {StageCreate, 25}, {StageChecks, 70}, {StageActivate, 140}, {StageDone, 200}}
	for i, m := range moves {
		if m.to == StageActivate {
			signAll(&b)
		}
		if err := b.MoveTo(m.to, day(m.day), ""); err != nil {
			t.Fatalf("move %d to %q: %v", i, m.to, err)
		}
		if got := b.DaysInStage(DateOf(day(m.day + 3))); got != 3 {
			t.Errorf("%q: DaysInStage three days in = %d", m.to, got)
		}
	}
	if len(b.History) != len(moves)+1 {
		t.Fatalf("history has %d entries, want %d", len(b.History), len(moves)+1)
	}
	for i, m := range moves {
		h := b.History[i+1]
		if h.From != b.History[i].To || h.To != m.to || !h.At.Equal(day(m.day)) {
			t.Errorf("history %d = %+v, want %q → %q at %v", i+1, h, b.History[i].To, m.to, day(m.day))
		}
	}
	if err := b.MoveTo(b.Stage.Next(), day(300), ""); err == nil {
		t.Errorf("a done brief moved on to %q", b.Stage)
	}
}

func TestStalledAfter(t *testing.T) {
	want := map[Stage]int{StageUnderstand: 30, StageDetermine: 30, StageCreate: 45, StageChecks: 21, StageActivate: 60, StageDone: 0, StageDropped: 0, "bogus": 0}
	for s, n := range want {
		if got := StalledAfter(s); got != n {
			t.Errorf("StalledAfter(%q) = %d, want %d", s, got, n)
		}
	}
}

func TestBriefStalled(t *testing.T) {
	since := DateOf(briefT0)
	for _, s := range Stages {
		n := StalledAfter(s)
		b := briefIn(s)
		tests := []struct {
			days int
			want bool
		}{{0, false}, {n, false}, {n + 1, s.Open()}, {1000, s.Open()}}
		for _, tt := range tests {
			today := since.AddDays(tt.days)
			if got := b.DaysInStage(today); got != tt.days {
				t.Errorf("%q: DaysInStage after %d days = %d", s, tt.days, got)
			}
			if got := b.Stalled(today); got != tt.want {
				t.Errorf("%q after %d days (limit %d): Stalled = %v, want %v", s, tt.days, n, got, tt.want)
			}
		}
	}
	var b Brief
	b.Stage = StageCreate
	if b.Stalled(since.AddDays(1000)) || b.DaysInStage(since) != 0 {
		t.Errorf("a brief with no stage date should not count as stalled")
	}
}

// Days in a stage count calendar days where the move was made, not 24-hour
// spans: a move late in the evening was that day.
func TestBriefDaysInStageCalendarDays(t *testing.T) {
	b := briefIn(StageCreate)
	b.StageSince = time.Date(2026, 3, 1, 23, 50, 0, 0, time.FixedZone("X", 3600))
	if got := b.DaysInStage(MustDate("2026-03-02")); got != 1 {
		t.Errorf("DaysInStage = %d, want 1", got)
	}
}

func TestBriefCompleteness(t *testing.T) {
	eight := "one two three four five six seven eight"
	seven := "one two three four five six seven"
	tests := []struct {
		name string
		b    Brief
		want Completeness
	}{
		{name: "empty", b: Brief{},
			want: Completeness{Missing: []string{"who", "what", "where", "when", "why"}, Total: 5}},
		{name: "blank counts as missing", b: Brief{Who: " ", What: "\n\t", Where: eight, When: eight, Why: eight},
			want: Completeness{Missing: []string{"who", "what"}, Done: 3, Total: 5}},
		{name: "thin below ThinWords", b: Brief{Who: seven, What: "one", Where: eight, When: eight + " nine", Why: seven},
			want: Completeness{Thin: []string{"what", "why"}, Done: 3, Total: 5}},
		{name: "who, where and when thin below ThinShortWords", b: Brief{Who: "Dana", What: eight, Where: "one two", When: "one two three", Why: eight},
			want: Completeness{Thin: []string{"who", "where"}, Done: 3, Total: 5}},
		{name: "words split on any space", b: Brief{Who: "one\ntwo\tthree  four five six seven eight", What: eight, Where: eight, When: eight, Why: eight},
			want: Completeness{Done: 5, Total: 5}},
		{name: "invalid UTF-8 still counts", b: Brief{Who: "one two\xff three four five six seven eight", What: eight, Where: eight, When: eight, Why: eight},
			want: Completeness{Done: 5, Total: 5}},
		{name: "framings", b: Brief{Who: eight, What: eight, Where: eight, When: eight, Why: eight, People: []BriefPerson{
			{PersonUID: "p-1", Name: "Dana Kim", Framing: "Numbers first, one page."},
			{PersonUID: "p-2", Name: "Lee Park"},
			{PersonUID: "p-3", Framing: "  \n "},
		}}, want: Completeness{Unframed: []string{"Lee Park", "p-3"}, Done: 6, Total: 8}},
		{name: "all parts", b: Brief{Who: eight, What: eight, Where: eight, When: eight, Why: eight, People: []BriefPerson{
			{PersonUID: "p-1", Framing: "x"}}}, want: Completeness{Done: 6, Total: 6}},
		{name: "openings are optional", b: Brief{Who: eight, What: eight, Where: eight, When: eight, Why: eight, People: []BriefPerson{
			{PersonUID: "p-1", Framing: "x"}, {PersonUID: "p-2", Framing: "y", Opening: "Dear Lee,"}}},
			want: Completeness{Done: 7, Total: 7}},
		{name: "an opening is not a framing", b: Brief{Who: eight, What: eight, Where: eight, When: eight, Why: eight, People: []BriefPerson{
			{PersonUID: "p-1", Name: "Lee Park", Opening: "Dear Lee,"}}},
			want: Completeness{Unframed: []string{"Lee Park"}, Done: 5, Total: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Completeness(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Completeness() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestBriefValidate(t *testing.T) {
	long := strings.Repeat("a", MaxLongTextLen+1)
	tests := []struct {
		name  string
		edit  func(*Brief)
		field string
	}{
		{name: "OK", edit: func(*Brief) {}},
		{name: "account by uid", edit: func(b *Brief) { b.AccountID, b.AccountUID = 0, "a-1" }},
		{name: "no checks at all", edit: func(b *Brief) { b.Checks = nil }},
		{name: "no title", edit: func(b *Brief) { b.Title = "" }, field: "title"},
		{name: "blank title", edit: func(b *Brief) { b.Title = "  " }, field: "title"},
		{name: "title at limit", edit: func(b *Brief) { b.Title = strings.Repeat("ß", MaxNameLen) }},
		{name: "title too long", edit: func(b *Brief) { b.Title = strings.Repeat("a", MaxNameLen+1) }, field: "title"},
		{name: "no account", edit: func(b *Brief) { b.AccountID = 0 }, field: "account"},
		{name: "unknown stage", edit: func(b *Brief) { b.Stage = "shipped" }, field: "stage"},
		{name: "who too long", edit: func(b *Brief) { b.Who = long }, field: "who"},
		{name: "what too long", edit: func(b *Brief) { b.What = long }, field: "what"},
		{name: "where too long", edit: func(b *Brief) { b.Where = long }, field: "where"},
		{name: "when too long", edit: func(b *Brief) { b.When = long }, field: "when"},
		{name: "why too long", edit: func(b *Brief) { b.Why = long }, field: "why"},
		{name: "value to the client too long", edit: func(b *Brief) { b.ValueClient = long }, field: "value to the client"},
		{name: "value to us too long", edit: func(b *Brief) { b.ValueUs = long }, field: "value to us"},
		{name: "why at limit", edit: func(b *Brief) { b.Why = long[1:] }},
		{name: "framing too long", edit: func(b *Brief) { b.People = []BriefPerson{{PersonUID: "p-1", Framing: long}} }, field: "framing"},
		{name: "opening at limit", edit: func(b *Brief) { b.People = []BriefPerson{{PersonUID: "p-1", Opening: long[1:]}} }},
		{name: "opening too long", edit: func(b *Brief) { b.People = []BriefPerson{{PersonUID: "p-1", Opening: long}} }, field: "opening"},
		{name: "unknown check", edit: func(b *Brief) { b.Checks = append(b.Checks, Check{Kind: "finance", State: CheckPending}) }, field: "checks"},
		{name: "repeated check", edit: func(b *Brief) { b.Checks = append(b.Checks, Check{Kind: CheckLegal, State: CheckNotNeeded}) }, field: "checks"},
		{name: "signed without who", edit: func(b *Brief) { b.Checks[0] = Check{Kind: CheckBrand, State: CheckSigned, On: MustDate("2026-03-01")} },
			field: "brand check"},
		{name: "signed by blank", edit: func(b *Brief) { b.Checks[2] = Check{Kind: CheckLegal, State: CheckSigned, By: "  "} },
			field: "legal check"},
		{name: "signer too long", edit: func(b *Brief) {
			b.Checks[1] = Check{Kind: CheckStrategy, State: CheckSigned, By: strings.Repeat("a", MaxShortTextLen+1)}
		}, field: "strategy check"},
		{name: "unknown check state", edit: func(b *Brief) { b.Checks[3].State = "maybe" }, field: "translation check"},
		{name: "why needed past the first stage", edit: func(b *Brief) { b.Stage, b.Why = StageCreate, "" }, field: "why"},
		{name: "why needed when done", edit: func(b *Brief) { b.Stage, b.Why = StageDone, " " }, field: "why"},
		{name: "no why when dropped", edit: func(b *Brief) { b.Stage, b.Why = StageDropped, "" }},
		{name: "no why in the first stage", edit: func(b *Brief) { b.Why = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := briefIn(StageUnderstand)
			signAll(&b)
			tt.edit(&b)
			checkField(t, b.Validate(), tt.field)
		})
	}
}

func TestBriefPersonOpening(t *testing.T) {
	b := Brief{People: []BriefPerson{{PersonID: 3, Name: "Dana", Opening: "Dear Dana,"}, {PersonID: 4, Name: "Lee", Opening: " \n "}}}
	for _, tt := range []struct {
		id             int64
		linked, opened bool
	}{{3, true, true}, {4, true, false}, {5, false, false}} {
		p, ok := b.Person(tt.id)
		if ok != tt.linked || p.HasOpening() != tt.opened || (ok && p.PersonID != tt.id) {
			t.Errorf("Person(%d) = %+v, %v; want linked %v, opening %v", tt.id, p, ok, tt.linked, tt.opened)
		}
	}
}

func TestBriefStays(t *testing.T) {
	day := func(d string, hour int) time.Time {
		return time.Date(2026, 1, 1, hour, 0, 0, 0, time.Local).AddDate(0, 0, MustDate(d).DaysSince(MustDate("2026-01-01")))
	}
	today := MustDate("2026-03-01")
	tests := []struct {
		name    string
		history []StageChange
		want    []StageStay
	}{
		{name: "none"},
		{name: "only begun", history: []StageChange{{To: StageUnderstand, At: day("2026-02-20", 9)}},
			want: []StageStay{{Stage: StageUnderstand, On: MustDate("2026-02-20"), Days: 9, Now: true}}},
		{name: "a move a stage", history: []StageChange{
			{To: StageUnderstand, At: day("2026-01-01", 9)},
			{From: StageUnderstand, To: StageDetermine, At: day("2026-01-15", 9)},
			{From: StageDetermine, To: StageCreate, At: day("2026-02-15", 17), Note: "scope agreed"},
		}, want: []StageStay{
			{Stage: StageUnderstand, On: MustDate("2026-01-01"), Days: 14},
			{From: StageUnderstand, Stage: StageDetermine, On: MustDate("2026-01-15"), Days: 31},
			{From: StageDetermine, Stage: StageCreate, On: MustDate("2026-02-15"), Days: 14, Now: true, Note: "scope agreed"},
		}},
		{name: "back and forth on one day is one move", history: []StageChange{
			{To: StageUnderstand, At: day("2026-01-01", 9)},
			{From: StageUnderstand, To: StageDetermine, At: day("2026-01-10", 9)},
			{From: StageDetermine, To: StageCreate, At: day("2026-01-10", 10)},
			{From: StageCreate, To: StageDetermine, At: day("2026-01-10", 11)},
			{From: StageDetermine, To: StageCreate, At: day("2026-01-10", 12), Note: "for real"},
		}, want: []StageStay{
			{Stage: StageUnderstand, On: MustDate("2026-01-01"), Days: 9},
			{From: StageUnderstand, Stage: StageCreate, On: MustDate("2026-01-10"), Days: 50, Now: true, Note: "for real"},
		}},
		{name: "a day that ends where it began moved nothing", history: []StageChange{
			{To: StageUnderstand, At: day("2026-01-01", 9)},
			{From: StageUnderstand, To: StageDetermine, At: day("2026-01-10", 9)},
			{From: StageDetermine, To: StageCreate, At: day("2026-02-01", 9)},
			{From: StageCreate, To: StageDetermine, At: day("2026-02-01", 9)},
		}, want: []StageStay{
			{Stage: StageUnderstand, On: MustDate("2026-01-01"), Days: 9},
			{From: StageUnderstand, Stage: StageDetermine, On: MustDate("2026-01-10"), Days: 50, Now: true},
		}},
		{name: "moved on the day it began", history: []StageChange{
			{To: StageUnderstand, At: day("2026-02-01", 9)},
			{From: StageUnderstand, To: StageDetermine, At: day("2026-02-01", 10)},
		}, want: []StageStay{{Stage: StageDetermine, On: MustDate("2026-02-01"), Days: 28, Now: true}}},
		{name: "dropped and reopened", history: []StageChange{
			{To: StageUnderstand, At: day("2026-01-01", 9)},
			{From: StageUnderstand, To: StageDropped, At: day("2026-01-05", 9), Note: "budget frozen"},
			{From: StageDropped, To: StageUnderstand, At: day("2026-02-05", 9)},
		}, want: []StageStay{
			{Stage: StageUnderstand, On: MustDate("2026-01-01"), Days: 4},
			{From: StageUnderstand, Stage: StageDropped, On: MustDate("2026-01-05"), Days: 31, Note: "budget frozen"},
			{From: StageDropped, Stage: StageUnderstand, On: MustDate("2026-02-05"), Days: 24, Now: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Brief{History: tt.history}.Stays(today)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Stays =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
	if got := (Brief{History: []StageChange{{To: StageCreate, At: day("2026-02-01", 9)}}}).Stays(Date{}); got[0].Days != 0 {
		t.Errorf("without a today the last stay has %d days, want 0", got[0].Days)
	}
}
