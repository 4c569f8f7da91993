package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var briefNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// TestBriefMoves walks every stage to every other: the why gates leaving
// the first stage, the four checks gate activate and done, dropped is
// always open and needs a reason.
func TestBriefMoves(t *testing.T) {
	cleared := DefaultChecks()
	for i := range cleared {
		cleared[i] = Check{Kind: cleared[i].Kind, State: CheckSigned, By: "Ann"}
	}
	cleared[3].State, cleared[3].By = CheckNotNeeded, ""
	for _, from := range Stages {
		for _, to := range Stages {
			for _, c := range []struct {
				name   string
				why    string
				checks []Check
			}{{"bare", "", DefaultChecks()}, {"why", "Because members churn.", DefaultChecks()}, {"why and checks", "Because.", cleared}} {
				b := Brief{Title: "x", AccountID: 1, Stage: from, Why: c.why, Checks: c.checks}
				err := b.CanMove(to)
				var want string
				switch {
				case to == from:
					want = "already in"
				case to == StageDropped:
				case to != StageUnderstand && c.why == "":
					want = "write the why"
				case to.Index() >= StageActivate.Index() && c.name != "why and checks":
					want = "cannot activate: brand, strategy, legal, translation checks are not signed"
				}
				if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, ErrInvalid)) {
					t.Errorf("%s → %s (%s): %v, want %q", from, to, c.name, err, want)
				}
			}
		}
	}
}

func TestBriefFlowMoveTo(t *testing.T) {
	b := NewBrief(1, "Kiosks", briefNow)
	b.Why = "Queues lose them sales."
	if err := b.MoveTo(StageDetermine, briefNow.Add(24*time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if err := b.MoveTo(StageDropped, briefNow.Add(48*time.Hour), "  "); err == nil || FieldOf(err) != "reason" {
		t.Fatalf("drop without a reason: %v", err)
	}
	if err := b.MoveTo(StageDropped, briefNow.Add(48*time.Hour), " budget cut "); err != nil {
		t.Fatal(err)
	}
	want := []StageChange{
		{To: StageUnderstand, At: briefNow},
		{From: StageUnderstand, To: StageDetermine, At: briefNow.Add(24 * time.Hour)},
		{From: StageDetermine, To: StageDropped, At: briefNow.Add(48 * time.Hour), Note: "budget cut"},
	}
	if !reflect.DeepEqual(b.History, want) || b.Stage != StageDropped || !b.StageSince.Equal(briefNow.Add(48*time.Hour)) {
		t.Fatalf("after the moves: stage %q since %v, history %+v", b.Stage, b.StageSince, b.History)
	}
	if got := b.DaysInStage(DateOf(briefNow.Add(10 * 24 * time.Hour))); got != 8 {
		t.Errorf("days in stage = %d, want 8", got)
	}
}

func TestBriefFlowStalled(t *testing.T) {
	b := NewBrief(1, "x", briefNow)
	for _, c := range []struct {
		days  int
		stage Stage
		want  bool
	}{{30, StageUnderstand, false}, {31, StageUnderstand, true}, {21, StageChecks, false}, {22, StageChecks, true},
		{400, StageDone, false}, {400, StageDropped, false}} {
		b.Stage = c.stage
		if got := b.Stalled(DateOf(briefNow).AddDays(c.days)); got != c.want {
			t.Errorf("%d days in %s: stalled %v, want %v", c.days, c.stage, got, c.want)
		}
	}
}

func TestBriefFlowCompleteness(t *testing.T) {
	eight := "one two three four five six seven eight"
	for _, c := range []struct {
		name string
		b    Brief
		want Completeness
	}{
		{"empty", Brief{}, Completeness{Missing: []string{"who", "what", "where", "when", "why"}, Total: 5}},
		{"thin", Brief{Who: "the CMO", What: "a relaunch", Where: "EMEA retail, online", When: "spring", Why: "churn"},
			Completeness{Thin: []string{"who", "what", "when", "why"}, Done: 1, Total: 5}},
		{"linked people are the who; framings counted", Brief{What: eight, Where: "EMEA retail, online", When: "by the spring launch", Why: eight,
			People: []BriefPerson{{Name: "Dana", Framing: "Brand first."}, {Name: "Lee"}}},
			Completeness{Unframed: []string{"Lee"}, Done: 6, Total: 7}},
	} {
		if got := c.b.Completeness(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
