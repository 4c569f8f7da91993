package model

import (
	"fmt"
	"math"
	"strings"
)

// Money is an amount in minor units (cents): exact, never a float.
type Money int64

// MinorPerMajor is how many minor units make one major unit. rapport treats
// every currency as having two decimals; amounts are estimates of annual
// revenue, not ledger entries.
const MinorPerMajor = 100

// MaxMoney bounds amounts so arithmetic never overflows: one quadrillion.
const MaxMoney = Money(1e15 * MinorPerMajor)

// ParseMoney reads an amount as people type it: "1.2m", "250k", "1,200,000",
// "1 200 000", "3.5bn", "€ 40k". "" is zero.
func ParseMoney(s string) (Money, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.Trim(t, "$€£¥ ")
	if t == "" {
		return 0, nil
	}
	mult := 1.0
	for _, suf := range []struct {
		s string
		m float64
	}{{"bn", 1e9}, {"b", 1e9}, {"mm", 1e6}, {"m", 1e6}, {"k", 1e3}} {
		if strings.HasSuffix(t, suf.s) {
			mult = suf.m
			t = strings.TrimSpace(strings.TrimSuffix(t, suf.s))
			break
		}
	}
	t = strings.NewReplacer(",", "", " ", "", "_", "", "'", "").Replace(t)
	if t == "" || strings.Count(t, ".") > 1 || strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%w: %q is not an amount like 1.2m, 250k or 1,200,000", ErrInvalid, s)
	}
	// Parse digits exactly rather than through a float where possible.
	intPart, frac, _ := strings.Cut(t, ".")
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w: %q is not an amount like 1.2m, 250k or 1,200,000", ErrInvalid, s)
		}
	}
	if len(intPart) > 16 || len(frac) > 9 {
		return 0, fmt.Errorf("%w: %q is too large an amount", ErrInvalid, s)
	}
	var whole, fr float64
	fmt.Sscan("0"+intPart, &whole)
	if frac != "" {
		fmt.Sscan("0."+frac, &fr)
	}
	v := math.Round((whole + fr) * mult * MinorPerMajor)
	if v > float64(MaxMoney) {
		return 0, fmt.Errorf("%w: %q is too large an amount", ErrInvalid, s)
	}
	return Money(v), nil
}

// Major returns the amount in major units.
func (m Money) Major() float64 { return float64(m) / MinorPerMajor }

// Short formats compactly for lists: 1.2m, 250k, 900.
func (m Money) Short() string {
	v := m.Major()
	switch {
	case v >= 1e9:
		return trimZero(v/1e9) + "bn"
	case v >= 1e6:
		return trimZero(v/1e6) + "m"
	case v >= 1e3:
		return trimZero(v/1e3) + "k"
	}
	return trimZero(v)
}

// Long formats exactly with thousands separators: 1,200,000 or 1,200,000.50.
func (m Money) Long() string {
	whole := int64(m) / MinorPerMajor
	cents := int64(m) % MinorPerMajor
	s := fmt.Sprint(whole)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if cents != 0 {
		fmt.Fprintf(&b, ".%02d", cents)
	}
	return b.String()
}

func trimZero(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}
