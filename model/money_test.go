package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"", 0},
		{"   ", 0},
		{"€", 0}, // a symbol alone is still blank
		{"0", 0},
		{"900", 900_00},
		{"1.2m", 1_200_000_00},
		{"1.2M", 1_200_000_00},
		{"1.2 m", 1_200_000_00},
		{"250k", 250_000_00},
		{".5k", 500_00},
		{"5.", 5_00},
		{"3.5bn", 3_500_000_000_00},
		{"1.5b", 1_500_000_000_00},
		{"2mm", 2_000_000_00},
		{"1,200,000", 1_200_000_00},
		{"1 200 000", 1_200_000_00},
		{"1'200'000", 1_200_000_00},
		{"1_200_000", 1_200_000_00},
		{"12,00,000", 1_200_000_00}, // lakh grouping
		{"1,200", 1_200_00},
		{"1,200.50", 1_200_50},
		{"€1.5m", 1_500_000_00},
		{"€ 40k", 40_000_00},
		{"$ 1,000", 1_000_00},
		{"£12", 12_00},
		{"¥500", 500_00},
		{"  42  ", 42_00},
		{"19.99", 19_99},
		{"0.1", 10},
		{"1.15m", 1_150_000_00},
		{"123456789.12", 123_456_789_12},
		{"1.123456789bn", 1_123_456_789_00},
		{"0.010", 1}, // zeros past the cents change nothing
		{"1.2345678m", 1_234_567_80},
		// Exact in minor units, even past float64's exact integers.
		{"90,000,000,000,000.01", 9_000_000_000_000_001},
		{"99,999,999,999,999.99", 9_999_999_999_999_999},
		{"999,999,999,999,999", 99_999_999_999_999_900},
		{"1000000000000000", MaxMoney},
		{"1000000bn", MaxMoney},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			if err != nil {
				t.Fatalf("ParseMoney(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseMoneyRefuses(t *testing.T) {
	tests := []struct {
		in   string
		want string // in the message
	}{
		{"abc", "not an amount"},
		{"k", "not an amount"},
		{"m", "not an amount"},
		{"1e3", "not an amount"},
		{"1.2.3", "not an amount"},
		{"1.200.000", "not an amount"}, // dots as thousands separators are ambiguous
		{"12k5", "not an amount"},
		{"1.2x", "not an amount"},
		{"0x10", "not an amount"},
		{"-5", "not an amount"},
		{"- 5", "not an amount"},
		{"-1.2m", "not an amount"},
		{"€-5", "not an amount"},
		{"5-", "not an amount"},
		{"+5", "not an amount"},
		{"NaN", "not an amount"},
		{"Inf", "not an amount"},
		{"１２", "not an amount"}, // full-width digits
		// A decimal comma would otherwise be read as a thousands separator:
		// 1,2m is not 12m.
		{"1,2m", "not an amount"},
		{"1,25", "not an amount"},
		{"1,2000", "not an amount"},
		{"1,200.5,0", "not an amount"},
		{",200", "not an amount"},
		{"1,", "not an amount"},
		// Too large.
		{"1000000000000000.01", "too large"},
		{"1000000.1bn", "too large"},
		{"10000000000000000", "too large"},
		{"99999999999999999999999", "too large"},
		{"1.0000000001", ""}, // more decimals than are meaningful
		// Finer than a cent: refused, not rounded without a word.
		{"0.001", "finer than a cent"},
		{"0.005", "finer than a cent"},
		{"19.999", "finer than a cent"},
		{"1.23456789k", "finer than a cent"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			if err == nil {
				t.Fatalf("ParseMoney(%q) = %d, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.in) {
				t.Errorf("error %q should quote the input and say %q", err, tt.want)
			}
		})
	}
}

func TestMoneyShort(t *testing.T) {
	tests := []struct {
		in   Money
		want string
	}{
		{0, "0"},
		{5, "0.1"},
		{1_50, "1.5"},
		{900_00, "900"},
		{999_94, "999.9"},
		{999_99, "1k"}, // not "1000"
		{1_000_00, "1k"},
		{1_050_00, "1.1k"},
		{250_000_00, "250k"},
		{999_949_99, "999.9k"},
		{999_950_00, "1m"}, // not "1000k"
		{999_999_00, "1m"},
		{1_200_000_00, "1.2m"},
		{123_456_789_12, "123.5m"},
		{999_960_000_00, "1bn"}, // not "1000m"
		{3_500_000_000_00, "3.5bn"},
		{MaxMoney, "1000000bn"},
	}
	for _, tt := range tests {
		if got := tt.in.Short(); got != tt.want {
			t.Errorf("Money(%d).Short() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMoneyLong(t *testing.T) {
	tests := []struct {
		in   Money
		want string
	}{
		{0, "0"},
		{5, "0.05"},
		{1_50, "1.50"},
		{999_00, "999"},
		{1_000_00, "1,000"},
		{12_345_67, "12,345.67"},
		{123_456_00, "123,456"},
		{1_200_000_00, "1,200,000"},
		{1_200_000_50, "1,200,000.50"},
		{MaxMoney, "1,000,000,000,000,000"},
	}
	for _, tt := range tests {
		if got := tt.in.Long(); got != tt.want {
			t.Errorf("Money(%d).Long() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Long is exact, so what it prints reads back to the same amount.
func TestMoneyLongRoundTrip(t *testing.T) {
	for _, m := range []Money{0, 1, 99, 1_00, 12_345_67, 1_200_000_50, 9_007_199_254_740_993, MaxMoney - 1, MaxMoney} {
		got, err := ParseMoney(m.Long())
		if err != nil || got != m {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", m.Long(), got, err, m)
		}
	}
}

func TestMoneyMajor(t *testing.T) {
	if got := Money(1_234_56).Major(); got != 1234.56 {
		t.Errorf("Major() = %v, want 1234.56", got)
	}
}

// An amount in a currency without minor units takes no decimals.
func TestParseMoneyIn(t *testing.T) {
	for _, tt := range []struct {
		in, currency string
		want         Money
		err          bool
	}{
		{"1.5", "EUR", 1_50, false},
		{"1,500", "JPY", 1_500_00, false},
		{"1.5", "jpy", 0, true},
		{"1.5k", "JPY", 1_500_00, false},
		{"0.001", "", 0, true},
	} {
		got, err := ParseMoneyIn(tt.in, tt.currency)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseMoneyIn(%q, %q) = %d, %v", tt.in, tt.currency, got, err)
		}
	}
}
