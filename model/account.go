package model

import (
	"math"
	"strings"
	"time"
)

// Tier segments accounts by how much attention they get.
type Tier string

const (
	TierKey       Tier = "key"
	TierStrategic Tier = "strategic"
	TierGrowth    Tier = "growth"
	TierMaintain  Tier = "maintain"
)

// Tiers lists the tiers from most to least attention.
var Tiers = []Tier{TierKey, TierStrategic, TierGrowth, TierMaintain}

// Outlook is where the client's business with us is heading.
type Outlook string

const (
	OutlookDeclining Outlook = "declining"
	OutlookFlat      Outlook = "flat"
	OutlookGrowing   Outlook = "growing"
	OutlookRapid     Outlook = "rapid"
)

// Outlooks lists outlooks from worst to best.
var Outlooks = []Outlook{OutlookDeclining, OutlookFlat, OutlookGrowing, OutlookRapid}

// Account is a client organisation.
type Account struct {
	ID             int64   `json:"-"`
	UID            string  `json:"uid"`
	Name           string  `json:"name"`
	Industry       string  `json:"industry,omitempty"`
	Region         string  `json:"region,omitempty"`
	Countries      string  `json:"countries,omitempty"`
	Tier           Tier    `json:"tier,omitempty"`
	Currency       string  `json:"currency,omitempty"`
	Revenue        Money   `json:"revenue_minor,omitempty"`
	Potential      Money   `json:"potential_minor,omitempty"`
	Outlook        Outlook `json:"outlook,omitempty"`
	Importance     int     `json:"importance,omitempty"`     // strategic importance 1–5
	Replaceability int     `json:"replaceability,omitempty"` // how hard the client would be to replace: 1 easy – 5 very hard
	Brand          string  `json:"brand,omitempty"`          // their brand and values
	Direction      string  `json:"direction,omitempty"`      // where they are heading
	Notes          string  `json:"notes,omitempty"`

	ArchivedAt time.Time `json:"archived_at,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Derived by the store; not part of the record.
	LastTouchOn Date    `json:"-"`
	Score       float64 `json:"-"`
}

// Archived reports whether the account is archived.
func (a Account) Archived() bool { return !a.ArchivedAt.IsZero() }

// Validate checks the account's fields.
func (a Account) Validate() error {
	if err := checkName("name", a.Name); err != nil {
		return err
	}
	if a.Tier != "" && !oneOf(a.Tier, Tiers) {
		return Invalid("tier", "must be one of %s", joinAny(Tiers))
	}
	if a.Outlook != "" && !oneOf(a.Outlook, Outlooks) {
		return Invalid("outlook", "must be one of %s", joinAny(Outlooks))
	}
	if a.Revenue < 0 || a.Revenue > MaxMoney {
		return Invalid("revenue", "must be between 0 and %s", MaxMoney.Short())
	}
	if a.Potential < 0 || a.Potential > MaxMoney {
		return Invalid("potential", "must be between 0 and %s", MaxMoney.Short())
	}
	if c := a.Currency; c != "" && (len(c) != MaxCurrencyLen || strings.ToUpper(c) != c || strings.ContainsFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' })) {
		return Invalid("currency", "must be a three-letter code like EUR or USD")
	}
	if err := checkScale("importance", a.Importance); err != nil {
		return err
	}
	if err := checkScale("replaceability", a.Replaceability); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"industry", a.Industry}, {"region", a.Region}, {"countries", a.Countries}} {
		if err := checkShort(f.name, f.v); err != nil {
			return err
		}
	}
	for _, f := range []struct{ name, v string }{{"brand", a.Brand}, {"direction", a.Direction}, {"notes", a.Notes}} {
		if err := checkLong(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// ScorePart is one term of the priority score, shown to the user as "why this
// rank".
type ScorePart struct {
	Name   string  // e.g. "current revenue"
	Input  string  // the input as the user knows it, e.g. "4.2m"
	Value  float64 // the input scaled to 0..1
	Weight float64 // points the part is worth at most
	Points float64 // Value × Weight
}

// Priority is the score and its parts.
type Priority struct {
	Score float64
	Parts []ScorePart
}

// Weights of the priority score. They add up to 100.
const (
	WeightRevenue        = 30
	WeightPotential      = 20
	WeightImportance     = 20
	WeightReplaceability = 15
	WeightOutlook        = 15
)

// Revenue scale of the score: amounts are placed on a log scale from
// ScoreRevenueFloor (0) to ScoreRevenueCeiling (1), in major units.
const (
	ScoreRevenueFloor   = 1e4
	ScoreRevenueCeiling = 1e8
)

// ScoreFormula describes the score in words for the dossier and the README.
const ScoreFormula = "score = 30×revenue + 20×potential + 20×importance + 15×hard-to-replace + 15×outlook; " +
	"revenue and potential on a log scale from 10k (0) to 100m (1); importance and hard-to-replace 1→0 … 5→1; " +
	"outlook declining 0, flat ⅓ (also when unset), growing ⅔, rapid 1. Amounts are compared as entered, whatever the currency."

// Priority computes the priority score, 0–100, with its parts. It rises with
// each input: more revenue, more potential, more importance, harder to
// replace, better outlook.
func (a Account) Priority() Priority {
	parts := []ScorePart{
		{Name: "current revenue", Input: a.Revenue.Short(), Value: revenueScale(a.Revenue), Weight: WeightRevenue},
		{Name: "potential revenue", Input: a.Potential.Short(), Value: revenueScale(a.Potential), Weight: WeightPotential},
		{Name: "strategic importance", Input: scaleInput(a.Importance), Value: ratingScale(a.Importance), Weight: WeightImportance},
		{Name: "hard to replace", Input: scaleInput(a.Replaceability), Value: ratingScale(a.Replaceability), Weight: WeightReplaceability},
		{Name: "growth outlook", Input: outlookInput(a.Outlook), Value: outlookScale(a.Outlook), Weight: WeightOutlook},
	}
	var p Priority
	for i := range parts {
		parts[i].Points = parts[i].Value * parts[i].Weight
		p.Score += parts[i].Points
	}
	p.Score = math.Round(p.Score*10) / 10
	p.Parts = parts
	return p
}

func revenueScale(m Money) float64 {
	v := m.Major()
	if v <= ScoreRevenueFloor {
		return 0
	}
	x := (math.Log10(v) - math.Log10(ScoreRevenueFloor)) / (math.Log10(ScoreRevenueCeiling) - math.Log10(ScoreRevenueFloor))
	return math.Min(x, 1)
}

func ratingScale(v int) float64 {
	if v <= 0 {
		return 0
	}
	return float64(min(v, 5)-1) / 4
}

func outlookScale(o Outlook) float64 {
	switch o {
	case OutlookDeclining:
		return 0
	case OutlookGrowing:
		return 2.0 / 3
	case OutlookRapid:
		return 1
	}
	return 1.0 / 3
}

func scaleInput(v int) string {
	if v == 0 {
		return "unset"
	}
	return itoa(v) + "/5"
}

func outlookInput(o Outlook) string {
	if o == "" {
		return "unset"
	}
	return string(o)
}

func oneOf[T comparable](v T, all []T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

func joinAny[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, v := range all {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// HealthCheck is a dated reading of an account's health: satisfaction 0–10
// and/or the revenue at that date.
type HealthCheck struct {
	ID           int64     `json:"-"`
	UID          string    `json:"uid"`
	AccountID    int64     `json:"-"`
	AccountUID   string    `json:"account"`
	On           Date      `json:"on"`
	Satisfaction *int      `json:"satisfaction,omitempty"`
	Revenue      *Money    `json:"revenue_minor,omitempty"`
	Note         string    `json:"note,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks a health entry.
func (h HealthCheck) Validate() error {
	if h.On.IsZero() {
		return Invalid("date", "is required")
	}
	if h.Satisfaction == nil && h.Revenue == nil {
		return Invalid("satisfaction", "give a satisfaction score or a revenue figure")
	}
	if s := h.Satisfaction; s != nil && (*s < 0 || *s > 10) {
		return Invalid("satisfaction", "must be 0–10, not %d", *s)
	}
	if r := h.Revenue; r != nil && (*r < 0 || *r > MaxMoney) {
		return Invalid("revenue", "must be between 0 and %s", MaxMoney.Short())
	}
	return checkShort("note", h.Note)
}
