package model

import (
	"fmt"
	"math/big"
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
// "1 200 000", "3.5bn", "€ 40k". "" is zero. Thousands separators must
// group digits in threes (or twos, as in 12,00,000), so a decimal comma like
// "1,2m" is refused rather than read as 12m. An amount finer than a cent
// ("0.001") is refused rather than stored rounded without a word.
func ParseMoney(s string) (Money, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.Trim(t, "$€£¥ ")
	if t == "" {
		return 0, nil
	}
	bad := fmt.Errorf("%w: %q is not an amount like 1.2m, 250k or 1,200,000", ErrInvalid, Clip(s))
	tooLarge := fmt.Errorf("%w: %q is too large an amount", ErrInvalid, Clip(s))
	scale := 0 // powers of ten the suffix multiplies by
	for _, suf := range []struct {
		s string
		p int
	}{{"bn", 9}, {"b", 9}, {"mm", 6}, {"m", 6}, {"k", 3}} {
		if strings.HasSuffix(t, suf.s) {
			scale = suf.p
			t = strings.TrimSpace(strings.TrimSuffix(t, suf.s))
			break
		}
	}
	intPart, frac, _ := strings.Cut(t, ".")
	intPart, ok := ungroup(intPart)
	if !ok || intPart+frac == "" {
		return 0, bad
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return 0, bad
		}
	}
	if len(intPart) > 16 || len(frac) > 9 {
		return 0, tooLarge
	}
	// Count in integers, never through a float: amounts are stored exactly.
	n, _ := new(big.Int).SetString(intPart+frac, 10)
	if exp := scale + 2 - len(frac); exp >= 0 {
		n.Mul(n, pow10(exp))
	} else if _, rest := new(big.Int).QuoRem(n, pow10(-exp), new(big.Int)); rest.Sign() != 0 {
		return 0, fmt.Errorf("%w: %q is finer than a cent; amounts are kept to two decimals", ErrInvalid, Clip(s))
	} else {
		n.Quo(n, pow10(-exp)) // zeros past the cents: 0.010 is 0.01
	}
	if n.Cmp(big.NewInt(int64(MaxMoney))) > 0 {
		return 0, tooLarge
	}
	return Money(n.Int64()), nil
}

// ParseMoneyIn is ParseMoney for an amount in currency (an ISO 4217 code,
// or "" when unknown): a currency without minor units (JPY, KRW…) takes
// whole amounts only.
func ParseMoneyIn(s, currency string) (Money, error) {
	m, err := ParseMoney(s)
	if err == nil && m%MinorPerMajor != 0 && wholeCurrencies[strings.ToUpper(strings.TrimSpace(currency))] {
		return 0, fmt.Errorf("%w: %q has decimals, and %s has none", ErrInvalid, Clip(s), strings.ToUpper(strings.TrimSpace(currency)))
	}
	return m, err
}

// wholeCurrencies are the currencies of ISO 4217 without minor units.
var wholeCurrencies = map[string]bool{
	"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true, "KMF": true, "KRW": true, "PYG": true,
	"RWF": true, "UGX": true, "UYI": true, "VND": true, "VUV": true, "XAF": true, "XOF": true, "XPF": true,
}

// ungroup removes the thousands separators (, space ' _) from the whole part
// of an amount. After the first group of one to three digits come groups of
// two or three, the last of three.
func ungroup(s string) (string, bool) {
	groups := strings.Split(strings.NewReplacer(" ", ",", "'", ",", "_", ",").Replace(s), ",")
	if len(groups) == 1 {
		return s, true
	}
	for i, g := range groups {
		switch {
		case i == 0 && (len(g) < 1 || len(g) > 3),
			i == len(groups)-1 && len(g) != 3,
			i > 0 && (len(g) < 2 || len(g) > 3):
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// Major returns the amount in major units.
func (m Money) Major() float64 { return float64(m) / MinorPerMajor }

// Short formats compactly for lists: 1.2m, 250k, 900. It steps up a unit
// once the rounded figure reaches a thousand, so 999,950 is 1m, not 1000k.
func (m Money) Short() string {
	v := m.Major()
	s, suffix := trimZero(v), ""
	for _, u := range []struct {
		size   float64
		suffix string
	}{{1e3, "k"}, {1e6, "m"}, {1e9, "bn"}} {
		if whole, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), "."); len(whole) < 4 {
			break
		}
		s, suffix = trimZero(v/u.size), u.suffix
	}
	return s + suffix
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
