package model

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Role is a person's part in the client's decisions.
type Role string

const (
	RoleDecisionMaker Role = "decision maker"
	RoleEconomicBuyer Role = "economic buyer"
	RoleChampion      Role = "champion"
	RoleInfluencer    Role = "influencer"
	RoleUser          Role = "user"
	RoleGatekeeper    Role = "gatekeeper"
	RoleBlocker       Role = "blocker"
)

// Roles lists the roles in decisions.
var Roles = []Role{RoleDecisionMaker, RoleEconomicBuyer, RoleChampion, RoleInfluencer, RoleUser, RoleGatekeeper, RoleBlocker}

// Stance is where a person stands toward us and our initiatives.
type Stance string

const (
	StanceSupporter Stance = "supporter"
	StanceNeutral   Stance = "neutral"
	StanceSceptic   Stance = "sceptic"
	StanceOpponent  Stance = "opponent"
)

// Stances lists the stances, warmest first.
var Stances = []Stance{StanceSupporter, StanceNeutral, StanceSceptic, StanceOpponent}

// Against reports whether the stance works against us (sceptic, opponent).
func (s Stance) Against() bool { return s == StanceSceptic || s == StanceOpponent }

// Birthday is a day and month, with the year when known (0 otherwise).
type Birthday struct {
	Month time.Month `json:"month"`
	Day   int        `json:"day"`
	Year  int        `json:"year,omitempty"`
}

// IsZero reports whether no birthday is set.
func (b Birthday) IsZero() bool { return b.Month == 0 && b.Day == 0 }

// String formats the birthday as "3 Dec" or "3 Dec 1980".
func (b Birthday) String() string {
	if b.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%d %s", b.Day, b.Month.String()[:3])
	if b.Year != 0 {
		s += fmt.Sprintf(" %d", b.Year)
	}
	return s
}

// Validate checks the day exists (29 February is allowed without a year).
func (b Birthday) Validate() error {
	if b.IsZero() {
		return nil
	}
	if b.Month < 1 || b.Month > 12 {
		return Invalid("birthday", "month must be 1–12")
	}
	y := b.Year
	if y == 0 {
		y = 2000 // a leap year, so 29 Feb stands
	} else if y < MinYear || y > MaxYear {
		return Invalid("birthday", "year %d is out of range", b.Year)
	}
	if b.Day < 1 || b.Day > NewDate(y, b.Month+1, 0).Day() {
		return Invalid("birthday", "%s has no day %d", b.Month, b.Day)
	}
	return nil
}

// Next returns the next birthday on or after today (29 Feb falls on 28 Feb in
// other years).
func (b Birthday) Next(today Date) Date {
	for y := today.Year(); ; y++ {
		d := b.Day
		if last := NewDate(y, b.Month+1, 0).Day(); d > last {
			d = last
		}
		if next := NewDate(y, b.Month, d); !next.Before(today) {
			return next
		}
	}
}

// ParseBirthday reads "12-03" (month-day), "1980-12-03", "3 dec", "dec 3",
// "dec 3 1980". "" is no birthday.
func ParseBirthday(s string) (Birthday, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return Birthday{}, nil
	}
	bad := fmt.Errorf("%w: can't read %q as a birthday — try 12-03, dec 3 or 1980-12-03", ErrInvalid, Clip(s))
	var b Birthday
	if d, err := ParseISODate(s); err == nil {
		b = Birthday{Month: d.Month(), Day: d.Day(), Year: d.Year()}
	} else if m, d, ok := strings.Cut(s, "-"); ok {
		// month-day, and nothing else: "12-03 1980" must not lose its year
		month, okM := smallNumber(m, 2)
		day, okD := smallNumber(d, 2)
		if !okM || !okD {
			return Birthday{}, bad
		}
		b = Birthday{Month: time.Month(month), Day: day}
	} else {
		fields := strings.Fields(s)
		if len(fields) < 2 || len(fields) > 3 {
			return Birthday{}, bad
		}
		m, day := MonthByName(fields[0]), 0
		if m != 0 {
			fmt.Sscanf(fields[1], "%d", &day)
		} else if m = MonthByName(fields[1]); m != 0 {
			fmt.Sscanf(fields[0], "%d", &day)
		}
		if m == 0 || day == 0 {
			return Birthday{}, bad
		}
		b = Birthday{Month: m, Day: day}
		if len(fields) == 3 {
			if _, err := fmt.Sscanf(fields[2], "%d", &b.Year); err != nil {
				return Birthday{}, bad
			}
		}
	}
	if err := b.Validate(); err != nil {
		return Birthday{}, err
	}
	return b, nil
}

// MonthByName returns the month named by its English name or first three
// letters, or 0.
func MonthByName(s string) time.Month {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || s == name[:3] || (s == "sept" && m == time.September) {
			return m
		}
	}
	return 0
}

// Person is a stakeholder at an account.
type Person struct {
	ID               int64    `json:"-"`
	UID              string   `json:"uid"`
	AccountID        int64    `json:"-"`
	AccountUID       string   `json:"account"`
	Name             string   `json:"name"`
	Title            string   `json:"title,omitempty"`
	BusinessUnit     string   `json:"business_unit,omitempty"`
	Location         string   `json:"location,omitempty"` // place and time zone
	Email            string   `json:"email,omitempty"`
	Phone            string   `json:"phone,omitempty"`
	ReportsToID      int64    `json:"-"`
	ReportsToUID     string   `json:"reports_to,omitempty"`
	Role             Role     `json:"role,omitempty"`
	Influence        int      `json:"influence,omitempty"` // 1–5
	Strength         int      `json:"strength,omitempty"`  // relationship strength 1–5
	AtClientSince    Date     `json:"at_client_since,omitzero"`
	CareerHistory    string   `json:"career_history,omitempty"`
	PreferredChannel string   `json:"preferred_channel,omitempty"`
	CadenceDays      int      `json:"cadence_days,omitempty"`  // 0: the account tier's default
	ReceiveInfo      string   `json:"receive_info,omitempty"`  // how they like to receive information
	NeedsToShow      string   `json:"needs_to_show,omitempty"` // what they need to show internally
	Birthday         Birthday `json:"birthday,omitzero"`
	Stance           Stance   `json:"stance,omitempty"`
	Owner            string   `json:"owner,omitempty"` // who on our side holds the relationship
	// Influences are the people at the same account this person sways
	// outside the reporting line: by id in the database, by uid in a
	// document.
	InfluencesIDs  []int64  `json:"-"`
	InfluencesUIDs []string `json:"influences,omitempty"`
	// TouchSnoozedUntil: no touch is due before this day (a holiday,
	// leave), whatever the cadence says.
	TouchSnoozedUntil Date `json:"touch_snoozed_until,omitzero"`
	// BirthdayDismissed is the year whose birthday reminder was dismissed.
	BirthdayDismissed int `json:"birthday_dismissed,omitempty"`

	ArchivedAt time.Time `json:"archived_at,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Derived by the store; not part of the record.
	AccountName string `json:"-"`
	AccountTier Tier   `json:"-"`
	LastTouchOn Date   `json:"-"`
	TouchDueOn  Date   `json:"-"`
}

// Archived reports whether the person is archived.
func (p Person) Archived() bool { return !p.ArchivedAt.IsZero() }

// Validate checks the person's fields.
func (p Person) Validate() error {
	if err := checkName("name", p.Name); err != nil {
		return err
	}
	if p.AccountID == 0 && p.AccountUID == "" {
		return Invalid("account", "is required: every person belongs to an account")
	}
	if p.Role != "" && !oneOf(p.Role, Roles) {
		return Invalid("role", "must be one of %s", joinAny(Roles))
	}
	if p.Stance != "" && !oneOf(p.Stance, Stances) {
		return Invalid("stance", "must be one of %s", joinAny(Stances))
	}
	for _, id := range p.InfluencesIDs {
		if p.ID != 0 && id == p.ID {
			return Invalid("influences", "a person does not sway themselves")
		}
	}
	for _, uid := range p.InfluencesUIDs {
		if p.UID != "" && uid == p.UID {
			return Invalid("influences", "a person does not sway themselves")
		}
	}
	if err := checkScale("influence", p.Influence); err != nil {
		return err
	}
	if err := checkScale("strength", p.Strength); err != nil {
		return err
	}
	if p.CadenceDays < 0 || p.CadenceDays > MaxCadenceDays {
		return Invalid("cadence", "must be 1–%d days (or empty for the tier default)", MaxCadenceDays)
	}
	if err := checkShort("email", p.Email); err != nil {
		return err
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			return Invalid("email", "%q is not an address like dana@example.com", Clip(p.Email))
		}
	}
	if p.ID != 0 && p.ReportsToID == p.ID {
		return Invalid("reports to", "a person cannot report to themselves")
	}
	if err := p.Birthday.Validate(); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"title", p.Title}, {"business unit", p.BusinessUnit}, {"location", p.Location},
		{"phone", p.Phone}, {"preferred channel", p.PreferredChannel}, {"owner", p.Owner}} {
		if err := checkShort(f.name, f.v); err != nil {
			return err
		}
	}
	for _, f := range []struct{ name, v string }{{"career history", p.CareerHistory}, {"receives information", p.ReceiveInfo}, {"needs to show", p.NeedsToShow}} {
		if err := checkLong(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// DefaultCadence is the contact cadence in days for a tier: key accounts are
// touched every two weeks, maintained ones every quarter.
func DefaultCadence(t Tier) int {
	switch t {
	case TierKey:
		return 14
	case TierStrategic:
		return 30
	case TierGrowth:
		return 45
	case TierMaintain:
		return 90
	}
	return 30
}

// Cadence returns the person's cadence: their own, else their tier's.
func (p Person) Cadence(tier Tier) int {
	if p.CadenceDays > 0 {
		return p.CadenceDays
	}
	return DefaultCadence(tier)
}

// TouchDue returns the day a person is next due for a touch: the last touch
// plus the cadence, or — never touched — the day they were added.
func TouchDue(lastTouch, added Date, cadence int) Date {
	if lastTouch.IsZero() {
		return added
	}
	return lastTouch.AddDays(cadence)
}

// DaysOverdue returns how many days past due a touch is on today (negative:
// days left).
func DaysOverdue(due, today Date) int { return today.DaysSince(due) }
