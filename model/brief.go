package model

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Stage is where an initiative stands.
type Stage string

const (
	StageUnderstand Stage = "understand needs"
	StageDetermine  Stage = "determine solution"
	StageCreate     Stage = "create"
	StageChecks     Stage = "checks"
	StageActivate   Stage = "activate"
	StageDone       Stage = "done"
	StageDropped    Stage = "dropped"
)

// Stages lists the stages in order; dropped stands apart at the end.
var Stages = []Stage{StageUnderstand, StageDetermine, StageCreate, StageChecks, StageActivate, StageDone, StageDropped}

// Index returns the stage's position in the flow (dropped is last).
func (s Stage) Index() int {
	for i, x := range Stages {
		if x == s {
			return i
		}
	}
	return -1
}

// Open reports whether a brief in this stage is still being worked on.
func (s Stage) Open() bool { return s != StageDone && s != StageDropped }

// Next returns the stage after s, or "" at the end of the flow.
func (s Stage) Next() Stage {
	i := s.Index()
	if i < 0 || s == StageDone || s == StageDropped {
		return ""
	}
	return Stages[i+1]
}

// Prev returns the stage before s, or "" at the start.
func (s Stage) Prev() Stage {
	i := s.Index()
	if i <= 0 || s == StageDropped {
		return ""
	}
	return Stages[i-1]
}

// StalledAfter is how many days in a stage make a brief stalled. Early stages
// move fast; checks wait on other teams.
func StalledAfter(s Stage) int {
	switch s {
	case StageUnderstand, StageDetermine:
		return 30
	case StageCreate:
		return 45
	case StageChecks:
		return 21
	case StageActivate:
		return 60
	}
	return 0
}

// CheckKind names one of the four sign-offs.
type CheckKind string

const (
	CheckBrand       CheckKind = "brand"
	CheckStrategy    CheckKind = "strategy"
	CheckLegal       CheckKind = "legal"
	CheckTranslation CheckKind = "translation"
)

// CheckKinds lists the sign-offs a brief needs before activation.
var CheckKinds = []CheckKind{CheckBrand, CheckStrategy, CheckLegal, CheckTranslation}

// CheckState is where a sign-off stands.
type CheckState string

const (
	CheckPending   CheckState = "pending"
	CheckSigned    CheckState = "signed"
	CheckNotNeeded CheckState = "not needed"
)

// Check is one sign-off.
type Check struct {
	Kind  CheckKind  `json:"kind"`
	State CheckState `json:"state"`
	By    string     `json:"by,omitempty"`
	On    Date       `json:"on,omitzero"`
}

// Cleared reports whether the check no longer blocks activation.
func (c Check) Cleared() bool { return c.State == CheckSigned || c.State == CheckNotNeeded }

// BriefPerson is a person linked to a brief, with the framing written for
// them — how to present it to them, for us only — and an optional opening:
// a paragraph written to them that opens their own version of the brief.
type BriefPerson struct {
	PersonID  int64  `json:"-"`
	PersonUID string `json:"person"`
	Framing   string `json:"framing,omitempty"`
	Opening   string `json:"opening,omitempty"`

	// Derived by the store.
	Name  string `json:"-"`
	Title string `json:"-"`
	Role  Role   `json:"-"`
}

// HasOpening reports whether an opening has been written for the person.
func (p BriefPerson) HasOpening() bool { return !isBlank(p.Opening) }

// StageChange is one move of a brief.
type StageChange struct {
	From Stage     `json:"from,omitempty"`
	To   Stage     `json:"to"`
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"` // e.g. why it was dropped
}

// Brief is an initiative proposed to an account, written around the five Ws.
type Brief struct {
	ID          int64         `json:"-"`
	UID         string        `json:"uid"`
	AccountID   int64         `json:"-"`
	AccountUID  string        `json:"account"`
	Title       string        `json:"title"`
	Who         string        `json:"who,omitempty"`
	What        string        `json:"what,omitempty"`
	Where       string        `json:"where,omitempty"`
	When        string        `json:"when,omitempty"`
	Why         string        `json:"why,omitempty"`
	TargetOn    Date          `json:"target_on,omitzero"`
	ValueClient string        `json:"value_client,omitempty"`
	ValueUs     string        `json:"value_us,omitempty"`
	Stage       Stage         `json:"stage"`
	StageSince  time.Time     `json:"stage_since"`
	Checks      []Check       `json:"checks"`
	People      []BriefPerson `json:"people,omitempty"`
	History     []StageChange `json:"history,omitempty"`

	ArchivedAt time.Time `json:"archived_at,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Derived by the store.
	AccountName string `json:"-"`
}

// NewBrief returns a brief in the first stage with its four checks pending.
func NewBrief(accountID int64, title string, now time.Time) Brief {
	b := Brief{AccountID: accountID, Title: title, Stage: StageUnderstand, StageSince: now}
	b.Checks = DefaultChecks()
	b.History = []StageChange{{To: StageUnderstand, At: now}}
	return b
}

// DefaultChecks returns the four sign-offs, pending.
func DefaultChecks() []Check {
	cs := make([]Check, len(CheckKinds))
	for i, k := range CheckKinds {
		cs[i] = Check{Kind: k, State: CheckPending}
	}
	return cs
}

// Check returns the sign-off of kind k (pending when absent).
func (b Brief) Check(k CheckKind) Check {
	for _, c := range b.Checks {
		if c.Kind == k {
			return c
		}
	}
	return Check{Kind: k, State: CheckPending}
}

// PendingChecks lists the sign-offs that still block activation.
func (b Brief) PendingChecks() []CheckKind {
	var out []CheckKind
	for _, k := range CheckKinds {
		if !b.Check(k).Cleared() {
			out = append(out, k)
		}
	}
	return out
}

// Person returns the linked person with the given id, and whether they are
// linked.
func (b Brief) Person(personID int64) (BriefPerson, bool) {
	for _, p := range b.People {
		if p.PersonID == personID {
			return p, true
		}
	}
	return BriefPerson{}, false
}

// Validate checks the brief's fields.
func (b Brief) Validate() error {
	if err := checkName("title", b.Title); err != nil {
		return err
	}
	if b.AccountID == 0 && b.AccountUID == "" {
		return Invalid("account", "is required: a brief is for an account")
	}
	if b.Stage.Index() < 0 {
		return Invalid("stage", "must be one of %s", joinAny(Stages))
	}
	for _, f := range []struct{ name, v string }{{"who", b.Who}, {"what", b.What}, {"where", b.Where}, {"when", b.When},
		{"why", b.Why}, {"value to the client", b.ValueClient}, {"value to us", b.ValueUs}} {
		if err := checkLong(f.name, f.v); err != nil {
			return err
		}
	}
	seen := map[CheckKind]bool{}
	for _, c := range b.Checks {
		if !oneOf(c.Kind, CheckKinds) || seen[c.Kind] {
			return Invalid("checks", "unknown or repeated check %q", Clip(string(c.Kind)))
		}
		seen[c.Kind] = true
		if err := checkShort(string(c.Kind)+" check", c.By); err != nil {
			return err
		}
		switch c.State {
		case CheckPending, CheckNotNeeded:
		case CheckSigned:
			if strings.TrimSpace(c.By) == "" {
				return Invalid(string(c.Kind)+" check", "a signed check names who signed it")
			}
		default:
			return Invalid(string(c.Kind)+" check", "state must be pending, signed or not needed")
		}
	}
	for _, p := range b.People {
		if err := checkLong("framing", p.Framing); err != nil {
			return err
		}
		if err := checkLong("opening", p.Opening); err != nil {
			return err
		}
	}
	if b.Stage != StageUnderstand && b.Stage != StageDropped && isBlank(b.Why) {
		return Invalid("why", "is required once a brief leaves %q", StageUnderstand)
	}
	return nil
}

// CanMove says whether the brief may move to stage to, and if not, why — in
// words fit for the status line.
func (b Brief) CanMove(to Stage) error {
	if to.Index() < 0 {
		return fmt.Errorf("%w: unknown stage %q", ErrInvalid, Clip(string(to)))
	}
	if to == b.Stage {
		return fmt.Errorf("%w: the brief is already in %q", ErrInvalid, to)
	}
	if to == StageDropped {
		return nil
	}
	if to != StageUnderstand && isBlank(b.Why) {
		return fmt.Errorf("%w: write the why before leaving %q — it is what convinces everyone else", ErrInvalid, StageUnderstand)
	}
	if to.Index() >= StageActivate.Index() {
		if p := b.PendingChecks(); len(p) > 0 {
			verb := "checks are"
			if len(p) == 1 {
				verb = "check is"
			}
			return fmt.Errorf("%w: cannot activate: %s %s not signed or marked not needed", ErrInvalid, joinAny(p), verb)
		}
	}
	return nil
}

// MoveTo moves the brief to stage to at the given time, recording the change.
// A move to dropped needs a reason.
func (b *Brief) MoveTo(to Stage, at time.Time, reason string) error {
	if err := b.CanMove(to); err != nil {
		return err
	}
	if to == StageDropped && isBlank(reason) {
		return Invalid("reason", "say why the brief is dropped")
	}
	b.History = append(b.History, StageChange{From: b.Stage, To: to, At: at, Note: strings.TrimSpace(reason)})
	b.Stage = to
	b.StageSince = at
	return nil
}

// DaysInStage returns whole days since the brief entered its stage.
func (b Brief) DaysInStage(today Date) int {
	if b.StageSince.IsZero() {
		return 0
	}
	return today.DaysSince(b.StageDay())
}

// StageDay is the calendar day the brief entered its stage, in the local
// time zone, which is the one today is counted in.
func (b Brief) StageDay() Date { return DateOf(b.StageSince.Local()) }

// StageStay is one stay of a brief in a stage, as its history tells it.
type StageStay struct {
	From  Stage  // the stage it came from; "" for where the brief began
	Stage Stage  // the stage it stayed in
	On    Date   // the day it entered the stage
	Days  int    // whole days in the stage: until the next move, or until today
	Now   bool   // the last stay: the brief is in this stage now
	Note  string // the notes of the moves, e.g. why it was dropped
}

// Stays reads the stage history as stays, oldest first. The moves of one
// day are one move, from where the day began to where it ended — going
// back and forth on a day is not a stay — and a day that ends where it
// began moved nothing. Days are counted in the local time zone, as today
// is; the last stay runs to today.
func (b Brief) Stays(today Date) []StageStay {
	var out []StageStay
	for i := 0; i < len(b.History); {
		day := DateOf(b.History[i].At.Local())
		from, to := b.History[i].From, b.History[i].To
		var notes []string
		for ; i < len(b.History) && DateOf(b.History[i].At.Local()) == day; i++ {
			to = b.History[i].To
			if n := strings.TrimSpace(b.History[i].Note); n != "" {
				notes = append(notes, n)
			}
		}
		if len(out) > 0 && to == out[len(out)-1].Stage {
			continue // back where the day began
		}
		if from == to {
			from = "" // began the day in the stage it ended in, with nothing before
		}
		out = append(out, StageStay{From: from, Stage: to, On: day, Note: strings.Join(notes, "; ")})
	}
	for i := range out {
		end := today
		if i+1 < len(out) {
			end = out[i+1].On
		} else {
			out[i].Now = true
		}
		if !end.IsZero() && !out[i].On.IsZero() {
			out[i].Days = max(end.DaysSince(out[i].On), 0)
		}
	}
	return out
}

// Stalled reports whether an open brief has sat in its stage too long.
func (b Brief) Stalled(today Date) bool {
	n := StalledAfter(b.Stage)
	return n > 0 && b.DaysInStage(today) > n
}

// The fewest words a W needs not to count as thin: the why and the what
// carry the argument; who, where and when are often a short phrase
// ("EMEA retail, online", "by the spring launch").
const (
	ThinWords      = 8 // why and what
	ThinShortWords = 3 // who, where and when
)

// Completeness says which parts of a brief are missing or thin.
type Completeness struct {
	Missing  []string // Ws with no text (the who is written once people are linked)
	Thin     []string // Ws with fewer words than ThinWords (why, what) or ThinShortWords
	Unframed []string // linked people without a framing (their names, or uids)
	Done     int      // parts complete
	Total    int      // parts counted: the five Ws and one per linked person
}

// Completeness measures the five Ws and the framings. Openings are optional
// and not counted: a brief is complete without them.
func (b Brief) Completeness() Completeness {
	var c Completeness
	for _, w := range []struct {
		name, v string
		thin    int
	}{{"who", b.Who, ThinShortWords}, {"what", b.What, ThinWords}, {"where", b.Where, ThinShortWords},
		{"when", b.When, ThinShortWords}, {"why", b.Why, ThinWords}} {
		c.Total++
		n := wordCount(w.v)
		if w.name == "who" && len(b.People) > 0 {
			n = max(n, w.thin) // the linked people are the who; the text only adds to them
		}
		switch {
		case n == 0:
			c.Missing = append(c.Missing, w.name)
		case n < w.thin:
			c.Thin = append(c.Thin, w.name)
		default:
			c.Done++
		}
	}
	for _, p := range b.People {
		c.Total++
		if isBlank(p.Framing) {
			name := p.Name
			if name == "" {
				name = p.PersonUID
			}
			c.Unframed = append(c.Unframed, name)
		} else {
			c.Done++
		}
	}
	return c
}

func wordCount(s string) int {
	if !utf8.ValidString(s) {
		return len(strings.Fields(strings.ToValidUTF8(s, " ")))
	}
	return len(strings.Fields(s))
}
