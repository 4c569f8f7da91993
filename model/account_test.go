package model

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The grid the score is checked over. Each axis is in non-decreasing order of
// what it should contribute.
var (
	scoreRevenues = []Money{0, 1, 5_000_00, 10_000_00, 10_001_00, 50_000_00, 1_000_000_00,
		99_900_000_00, 100_000_000_00, 1_000_000_000_00, MaxMoney}
	scoreRatings  = []int{0, 1, 2, 3, 4, 5}
	scoreOutlooks = []Outlook{OutlookDeclining, "", OutlookFlat, OutlookGrowing, OutlookRapid}
)

// scoreInputs are the five inputs of the score, each as an index into its axis.
type scoreInputs [5]int

var scoreAxisLen = scoreInputs{len(scoreRevenues), len(scoreRevenues), len(scoreRatings), len(scoreRatings), len(scoreOutlooks)}

var scoreAxisName = [5]string{"revenue", "potential", "importance", "replaceability", "outlook"}

func (in scoreInputs) account() Account {
	return Account{
		Name:           "Acme",
		Revenue:        scoreRevenues[in[0]],
		Potential:      scoreRevenues[in[1]],
		Importance:     scoreRatings[in[2]],
		Replaceability: scoreRatings[in[3]],
		Outlook:        scoreOutlooks[in[4]],
	}
}

// eachScoreInput calls f for every point of the grid.
func eachScoreInput(f func(scoreInputs)) {
	var in scoreInputs
	var walk func(axis int)
	walk = func(axis int) {
		if axis == len(in) {
			f(in)
			return
		}
		for i := 0; i < scoreAxisLen[axis]; i++ {
			in[axis] = i
			walk(axis + 1)
		}
	}
	walk(0)
}

func TestPriorityMonotone(t *testing.T) {
	for axis := range scoreAxisLen {
		t.Run(scoreAxisName[axis], func(t *testing.T) {
			rose := false
			eachScoreInput(func(in scoreInputs) {
				if in[axis] == 0 {
					return
				}
				lo := in
				lo[axis]--
				a, b := lo.account(), in.account()
				pa, pb := a.Priority(), b.Priority()
				if pb.Score < pa.Score {
					t.Fatalf("score fell from %v to %v when %s rose:\n  %+v\n  %+v", pa.Score, pb.Score, scoreAxisName[axis], a, b)
				}
				if pb.Parts[axis].Points < pa.Parts[axis].Points {
					t.Fatalf("%s part fell from %v to %v:\n  %+v\n  %+v", scoreAxisName[axis], pa.Parts[axis].Points, pb.Parts[axis].Points, a, b)
				}
				for i := range pa.Parts {
					if i != axis && pa.Parts[i].Points != pb.Parts[i].Points {
						t.Fatalf("changing %s moved the %q part", scoreAxisName[axis], pa.Parts[i].Name)
					}
				}
				rose = rose || pb.Score > pa.Score
			})
			if !rose {
				t.Errorf("the score never rises with %s", scoreAxisName[axis])
			}
		})
	}
}

// Between the floor and the ceiling every bit more revenue counts.
func TestPriorityRevenueStrictlyRisesInsideScale(t *testing.T) {
	prev := -1.0
	for _, major := range []float64{10_001, 20_000, 100_000, 999_999, 1e6, 5e7, 99_999_999} {
		a := Account{Revenue: Money(major * MinorPerMajor), Potential: Money(major * MinorPerMajor)}
		p := a.Priority()
		v := p.Parts[0].Points + p.Parts[1].Points
		if v <= prev {
			t.Errorf("revenue %v: points %v, not above %v", major, v, prev)
		}
		prev = v
	}
}

func TestPriorityPartsSumToScore(t *testing.T) {
	eachScoreInput(func(in scoreInputs) {
		a := in.account()
		p := a.Priority()
		if len(p.Parts) != 5 {
			t.Fatalf("%d parts, want 5", len(p.Parts))
		}
		sum := 0.0
		for _, part := range p.Parts {
			if part.Value < 0 || part.Value > 1 {
				t.Fatalf("%+v: %s value %v is outside 0..1", a, part.Name, part.Value)
			}
			if math.Abs(part.Points-part.Value*part.Weight) > 1e-9 {
				t.Fatalf("%+v: %s points %v ≠ %v × %v", a, part.Name, part.Points, part.Value, part.Weight)
			}
			sum += part.Points
		}
		// The score is shown to one decimal; the parts add up to it.
		if math.Abs(sum-p.Score) > 0.05+1e-9 {
			t.Fatalf("%+v: parts sum to %v, score is %v", a, sum, p.Score)
		}
		if p.Score != math.Round(p.Score*10)/10 {
			t.Fatalf("score %v has more than one decimal", p.Score)
		}
		if p.Score < 0 || p.Score > 100 {
			t.Fatalf("%+v: score %v is outside 0..100", a, p.Score)
		}
	})
}

func TestPriorityScores(t *testing.T) {
	tests := []struct {
		name string
		a    Account
		want float64
	}{
		// Unset outlook counts as flat: 15 × ⅓.
		{name: "nothing known", a: Account{}, want: 5},
		{name: "floor", a: Account{Outlook: OutlookDeclining, Importance: 1, Replaceability: 1, Revenue: 10_000_00, Potential: 10_000_00}, want: 0},
		{name: "ceiling", a: Account{Outlook: OutlookRapid, Importance: 5, Replaceability: 5, Revenue: 100_000_000_00, Potential: 100_000_000_00}, want: 100},
		{name: "past the ceiling", a: Account{Outlook: OutlookRapid, Importance: 5, Replaceability: 5, Revenue: MaxMoney, Potential: MaxMoney}, want: 100},
		// Out-of-range ratings (refused by Validate) still stay inside the bounds.
		{name: "ratings out of range", a: Account{Outlook: OutlookRapid, Importance: 9, Replaceability: -3, Revenue: -5, Potential: MaxMoney}, want: 20 + 20 + 15},
		{name: "unknown outlook is flat", a: Account{Outlook: "sideways"}, want: 5},
		// 1m is half way up the log scale (30 × ½), 10m three quarters (20 × ¾),
		// importance 4 is ¾ (20 × ¾), hard to replace 3 is ½ (15 × ½),
		// growing is ⅔ (15 × ⅔).
		{name: "typical", a: Account{Revenue: 1_000_000_00, Potential: 10_000_000_00, Importance: 4, Replaceability: 3, Outlook: OutlookGrowing},
			want: 15 + 15 + 15 + 7.5 + 10},
		{name: "rounded to one decimal", a: Account{Revenue: 20_000_00}, want: 7.3}, // 30 × log10(2)/4 + 5 = 7.2577…
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Priority().Score; got != tt.want {
				t.Errorf("Score = %v, want %v", got, tt.want)
			}
		})
	}
}

// Amounts are compared as entered: the currency changes nothing.
func TestPriorityIgnoresCurrency(t *testing.T) {
	base := Account{Revenue: 4_200_000_00, Potential: 9_000_000_00, Importance: 3, Replaceability: 4, Outlook: OutlookGrowing}
	want := base.Priority()
	for _, cur := range []string{"", "EUR", "USD", "JPY", "GBP"} {
		a := base
		a.Currency = cur
		got := a.Priority()
		if got.Score != want.Score {
			t.Errorf("currency %q: score %v, want %v", cur, got.Score, want.Score)
		}
		for i := range got.Parts {
			if got.Parts[i] != want.Parts[i] {
				t.Errorf("currency %q: part %+v, want %+v", cur, got.Parts[i], want.Parts[i])
			}
		}
	}
}

func TestPriorityPartInputs(t *testing.T) {
	p := Account{Revenue: 4_200_000_00, Potential: 250_000_00, Importance: 4, Outlook: OutlookRapid}.Priority()
	want := []ScorePart{
		{Name: "current revenue", Input: "4.2m"},
		{Name: "potential revenue", Input: "250k"},
		{Name: "strategic importance", Input: "4/5"},
		{Name: "hard to replace", Input: "unset"},
		{Name: "growth outlook", Input: "rapid"},
	}
	for i, w := range want {
		if got := p.Parts[i]; got.Name != w.Name || got.Input != w.Input {
			t.Errorf("part %d = %q %q, want %q %q", i, got.Name, got.Input, w.Name, w.Input)
		}
	}
	if got := (Account{}).Priority().Parts[4].Input; got != "unset" {
		t.Errorf("unset outlook input = %q, want unset", got)
	}
}

// The formula shown to the user is the one used.
func TestScoreFormulaMatchesWeights(t *testing.T) {
	terms := regexp.MustCompile(`(\d+)×([a-z-]+)`).FindAllStringSubmatch(ScoreFormula, -1)
	parts := Account{}.Priority().Parts
	if len(terms) != len(parts) {
		t.Fatalf("formula has %d terms, the score %d parts: %q", len(terms), len(parts), ScoreFormula)
	}
	total := 0.0
	for i, term := range terms {
		w, _ := strconv.ParseFloat(term[1], 64)
		name := strings.ReplaceAll(term[2], "-", " ")
		if !strings.Contains(parts[i].Name, name) {
			t.Errorf("term %d is %q, part %d is %q", i, term[2], i, parts[i].Name)
		}
		if w != parts[i].Weight {
			t.Errorf("formula weighs %s %v, the score %v", term[2], w, parts[i].Weight)
		}
		total += w
	}
	if total != 100 {
		t.Errorf("weights in the formula add up to %v, want 100", total)
	}

	// The revenue scale it names.
	floor, ceiling := Money(ScoreRevenueFloor*MinorPerMajor).Short(), Money(ScoreRevenueCeiling*MinorPerMajor).Short()
	if want := "from " + floor + " (0) to " + ceiling + " (1)"; !strings.Contains(ScoreFormula, want) {
		t.Errorf("formula should say %q: %q", want, ScoreFormula)
	}
	for _, tt := range []struct {
		revenue Money
		value   float64
	}{{Money(ScoreRevenueFloor * MinorPerMajor), 0}, {Money(ScoreRevenueCeiling * MinorPerMajor), 1}} {
		if got := (Account{Revenue: tt.revenue}).Priority().Parts[0].Value; got != tt.value {
			t.Errorf("revenue %s scales to %v, the formula says %v", tt.revenue.Short(), got, tt.value)
		}
	}

	// The ratings: 1→0 … 5→1.
	if !strings.Contains(ScoreFormula, "1→0 … 5→1") {
		t.Errorf("formula should give the rating scale 1→0 … 5→1: %q", ScoreFormula)
	}
	for _, tt := range []struct{ rating, value float64 }{{1, 0}, {2, 0.25}, {3, 0.5}, {4, 0.75}, {5, 1}} {
		p := Account{Importance: int(tt.rating), Replaceability: int(tt.rating)}.Priority()
		if p.Parts[2].Value != tt.value || p.Parts[3].Value != tt.value {
			t.Errorf("rating %v scales to %v and %v, want %v", tt.rating, p.Parts[2].Value, p.Parts[3].Value, tt.value)
		}
	}

	// The outlooks, as the formula states them.
	fractions := map[string]float64{"0": 0, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "1": 1}
	for _, o := range []Outlook{OutlookDeclining, OutlookFlat, OutlookGrowing, OutlookRapid} {
		m := regexp.MustCompile(string(o) + ` (0|⅓|⅔|1)(?:[ ,.]|$)`).FindStringSubmatch(ScoreFormula)
		if m == nil {
			t.Errorf("formula does not give the value of %s: %q", o, ScoreFormula)
			continue
		}
		if got := (Account{Outlook: o}).Priority().Parts[4].Value; math.Abs(got-fractions[m[1]]) > 1e-12 {
			t.Errorf("outlook %s scales to %v, the formula says %s", o, got, m[1])
		}
	}
	if !strings.Contains(ScoreFormula, "also when unset") || (Account{}).Priority().Parts[4].Value != (Account{Outlook: OutlookFlat}).Priority().Parts[4].Value {
		t.Errorf("an unset outlook should count as flat, as the formula says")
	}
}

func TestAccountValidate(t *testing.T) {
	ok := func() Account {
		return Account{Name: "Acme", Tier: TierKey, Outlook: OutlookFlat, Currency: "EUR",
			Revenue: 1_000_00, Potential: MaxMoney, Importance: 5, Replaceability: 1}
	}
	tests := []struct {
		name  string
		edit  func(*Account)
		field string // "" means valid
	}{
		{name: "OK", edit: func(*Account) {}},
		{name: "only a name", edit: func(a *Account) { *a = Account{Name: "Acme"} }},
		{name: "no name", edit: func(a *Account) { a.Name = "" }, field: "name"},
		{name: "blank name", edit: func(a *Account) { a.Name = " \t " }, field: "name"},
		{name: "name at limit", edit: func(a *Account) { a.Name = strings.Repeat("é", MaxNameLen) }},
		{name: "name too long", edit: func(a *Account) { a.Name = strings.Repeat("a", MaxNameLen+1) }, field: "name"},
		{name: "name not UTF-8", edit: func(a *Account) { a.Name = "Ac\xffme" }, field: "name"},
		{name: "unknown tier", edit: func(a *Account) { a.Tier = "gold" }, field: "tier"},
		{name: "unknown outlook", edit: func(a *Account) { a.Outlook = "up" }, field: "outlook"},
		{name: "negative revenue", edit: func(a *Account) { a.Revenue = -1 }, field: "revenue"},
		{name: "revenue too large", edit: func(a *Account) { a.Revenue = MaxMoney + 1 }, field: "revenue"},
		{name: "negative potential", edit: func(a *Account) { a.Potential = -1 }, field: "potential"},
		{name: "potential too large", edit: func(a *Account) { a.Potential = MaxMoney + 1 }, field: "potential"},
		{name: "currency lower case", edit: func(a *Account) { a.Currency = "eur" }, field: "currency"},
		{name: "currency too long", edit: func(a *Account) { a.Currency = "EURO" }, field: "currency"},
		{name: "currency too short", edit: func(a *Account) { a.Currency = "EU" }, field: "currency"},
		{name: "currency symbol", edit: func(a *Account) { a.Currency = "€" }, field: "currency"},
		{name: "currency digits", edit: func(a *Account) { a.Currency = "E1R" }, field: "currency"},
		{name: "importance 0 is unset", edit: func(a *Account) { a.Importance = 0 }},
		{name: "importance 6", edit: func(a *Account) { a.Importance = 6 }, field: "importance"},
		{name: "importance -1", edit: func(a *Account) { a.Importance = -1 }, field: "importance"},
		{name: "replaceability 6", edit: func(a *Account) { a.Replaceability = 6 }, field: "replaceability"},
		{name: "replaceability -1", edit: func(a *Account) { a.Replaceability = -1 }, field: "replaceability"},
		{name: "industry at limit", edit: func(a *Account) { a.Industry = strings.Repeat("ü", MaxShortTextLen) }},
		{name: "industry too long", edit: func(a *Account) { a.Industry = strings.Repeat("a", MaxShortTextLen+1) }, field: "industry"},
		{name: "region too long", edit: func(a *Account) { a.Region = strings.Repeat("a", MaxShortTextLen+1) }, field: "region"},
		{name: "countries too long", edit: func(a *Account) { a.Countries = strings.Repeat("a", MaxShortTextLen+1) }, field: "countries"},
		{name: "countries not UTF-8", edit: func(a *Account) { a.Countries = "\xc3" }, field: "countries"},
		{name: "brand at limit", edit: func(a *Account) { a.Brand = strings.Repeat("a", MaxLongTextLen) }},
		{name: "brand too long", edit: func(a *Account) { a.Brand = strings.Repeat("a", MaxLongTextLen+1) }, field: "brand"},
		{name: "direction too long", edit: func(a *Account) { a.Direction = strings.Repeat("a", MaxLongTextLen+1) }, field: "direction"},
		{name: "notes too long", edit: func(a *Account) { a.Notes = strings.Repeat("a", MaxLongTextLen+1) }, field: "notes"},
		// The long limit is in bytes: 256 KiB of two-byte letters is too much.
		{name: "notes too many bytes", edit: func(a *Account) { a.Notes = strings.Repeat("é", MaxLongTextLen/2+1) }, field: "notes"},
		{name: "notes not UTF-8", edit: func(a *Account) { a.Notes = "ok\xff" }, field: "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok()
			tt.edit(&a)
			checkField(t, a.Validate(), tt.field)
		})
	}
}

func TestHealthCheckValidate(t *testing.T) {
	sat := func(v int) *int { return &v }
	rev := func(v Money) *Money { return &v }
	on := MustDate("2026-11-25")
	tests := []struct {
		name  string
		h     HealthCheck
		field string
	}{
		{name: "satisfaction only", h: HealthCheck{On: on, Satisfaction: sat(7)}},
		{name: "revenue only", h: HealthCheck{On: on, Revenue: rev(1_000_00)}},
		{name: "satisfaction 0", h: HealthCheck{On: on, Satisfaction: sat(0)}},
		{name: "satisfaction 10", h: HealthCheck{On: on, Satisfaction: sat(10)}},
		{name: "revenue 0", h: HealthCheck{On: on, Revenue: rev(0)}},
		{name: "no date", h: HealthCheck{Satisfaction: sat(7)}, field: "date"},
		{name: "neither", h: HealthCheck{On: on}, field: "satisfaction"},
		{name: "satisfaction 11", h: HealthCheck{On: on, Satisfaction: sat(11)}, field: "satisfaction"},
		{name: "satisfaction -1", h: HealthCheck{On: on, Satisfaction: sat(-1)}, field: "satisfaction"},
		{name: "negative revenue", h: HealthCheck{On: on, Revenue: rev(-1)}, field: "revenue"},
		{name: "revenue too large", h: HealthCheck{On: on, Revenue: rev(MaxMoney + 1)}, field: "revenue"},
		{name: "note too long", h: HealthCheck{On: on, Satisfaction: sat(5), Note: strings.Repeat("a", MaxShortTextLen+1)}, field: "note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkField(t, tt.h.Validate(), tt.field)
		})
	}
}
