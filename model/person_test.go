package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDefaultCadence(t *testing.T) {
	tests := []struct {
		tier Tier
		want int
	}{
		{TierKey, 14},
		{TierStrategic, 30},
		{TierGrowth, 45},
		{TierMaintain, 90},
		{"", 30},
		{"gold", 30},
	}
	for _, tt := range tests {
		if got := DefaultCadence(tt.tier); got != tt.want {
			t.Errorf("DefaultCadence(%q) = %d, want %d", tt.tier, got, tt.want)
		}
	}
	// More attention means a shorter cadence.
	for i := 1; i < len(Tiers); i++ {
		if DefaultCadence(Tiers[i-1]) >= DefaultCadence(Tiers[i]) {
			t.Errorf("%s should be touched more often than %s", Tiers[i-1], Tiers[i])
		}
	}
}

func TestPersonCadence(t *testing.T) {
	tests := []struct {
		own  int
		tier Tier
		want int
	}{
		{0, TierKey, 14},
		{0, TierMaintain, 90},
		{7, TierMaintain, 7},
		{120, TierKey, 120},
		{1, "", 1},
		{-5, TierGrowth, 45}, // refused by Validate; never a negative cadence
	}
	for _, tt := range tests {
		if got := (Person{CadenceDays: tt.own}).Cadence(tt.tier); got != tt.want {
			t.Errorf("Cadence(own %d, tier %q) = %d, want %d", tt.own, tt.tier, got, tt.want)
		}
	}
}

func TestTouchDue(t *testing.T) {
	d := MustDate
	tests := []struct {
		name        string
		last, added Date
		cadence     int
		today       Date
		due         Date
		overdue     int // DaysOverdue on today: ≥ 0 means due
	}{
		{name: "never touched, added today", added: d("2026-11-25"), cadence: 14, today: d("2026-11-25"), due: d("2026-11-25"), overdue: 0},
		{name: "never touched, added long ago", added: d("2026-01-10"), cadence: 14, today: d("2026-11-25"), due: d("2026-01-10"), overdue: 319},
		{name: "never touched, cadence ignored", added: d("2026-11-20"), cadence: 90, today: d("2026-11-25"), due: d("2026-11-20"), overdue: 5},
		{name: "touched, days left", last: d("2026-11-20"), added: d("2025-01-01"), cadence: 14, today: d("2026-11-25"), due: d("2026-12-04"), overdue: -9},
		{name: "touched, due today", last: d("2026-11-11"), added: d("2025-01-01"), cadence: 14, today: d("2026-11-25"), due: d("2026-11-25"), overdue: 0},
		{name: "touched, a day late", last: d("2026-11-10"), added: d("2025-01-01"), cadence: 14, today: d("2026-11-25"), due: d("2026-11-24"), overdue: 1},
		{name: "touch after the day added wins", last: d("2026-11-01"), added: d("2026-11-20"), cadence: 30, today: d("2026-11-25"), due: d("2026-12-01"), overdue: -6},
		{name: "across a leap day", last: d("2028-02-15"), added: d("2025-01-01"), cadence: 30, today: d("2028-03-16"), due: d("2028-03-16"), overdue: 0},
		{name: "across a year", last: d("2026-12-20"), added: d("2025-01-01"), cadence: 90, today: d("2027-03-20"), due: d("2027-03-20"), overdue: 0},
		// Cadence is in days, not months: no clamping at month ends.
		{name: "from a month end", last: d("2026-01-31"), added: d("2025-01-01"), cadence: 30, today: d("2026-03-01"), due: d("2026-03-02"), overdue: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due := TouchDue(tt.last, tt.added, tt.cadence)
			if !due.Equal(tt.due) {
				t.Errorf("TouchDue = %s, want %s", due, tt.due)
			}
			if got := DaysOverdue(due, tt.today); got != tt.overdue {
				t.Errorf("DaysOverdue(%s, %s) = %d, want %d", due, tt.today, got, tt.overdue)
			}
		})
	}
}

func TestParseBirthday(t *testing.T) {
	tests := []struct {
		in   string
		want Birthday
	}{
		{"", Birthday{}},
		{"   ", Birthday{}},
		{"12-03", Birthday{Month: 12, Day: 3}}, // month-day, as dates are typed
		{"1-5", Birthday{Month: 1, Day: 5}},
		{"02-29", Birthday{Month: 2, Day: 29}},
		{"1980-12-03", Birthday{Month: 12, Day: 3, Year: 1980}},
		{"1980-02-29", Birthday{Month: 2, Day: 29, Year: 1980}},
		{"3 dec", Birthday{Month: 12, Day: 3}},
		{"dec 3", Birthday{Month: 12, Day: 3}},
		{"Dec 3", Birthday{Month: 12, Day: 3}},
		{" DEC  3 ", Birthday{Month: 12, Day: 3}},
		{"3 december", Birthday{Month: 12, Day: 3}},
		{"sept 9", Birthday{Month: 9, Day: 9}},
		{"dec 3 1980", Birthday{Month: 12, Day: 3, Year: 1980}},
		{"3 Dec 1980", Birthday{Month: 12, Day: 3, Year: 1980}}, // as String writes it
		{"29 feb", Birthday{Month: 2, Day: 29}},                 // allowed without a year
		{"feb 29 2000", Birthday{Month: 2, Day: 29, Year: 2000}},
		{"31 jan", Birthday{Month: 1, Day: 31}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBirthday(tt.in)
			if err != nil {
				t.Fatalf("ParseBirthday(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseBirthday(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if back, err := ParseBirthday(got.String()); err != nil || back != got {
				t.Errorf("ParseBirthday(%q) = %+v, %v; want %+v back", got.String(), back, err, got)
			}
		})
	}
}

func TestParseBirthdayRefuses(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"feb 29 1981", "no day 29"}, // not a leap year
		{"29 feb 1900", "no day 29"}, // nor is 1900
		{"1981-02-29", "1981-02-29"},
		{"feb 30", "no day 30"},
		{"apr 31", "no day 31"},
		{"13-01", "month"},
		{"0-10", "month"},
		{"12-32", "no day 32"},
		{"12-0", "no day 0"},
		{"dec 0", "birthday"},
		{"dec -3", "birthday"},
		{"dec 3 80", "year 80"},
		{"dec 3 10000", "year 10000"},
		{"dec 3 nineteen", "birthday"},
		{"dec", "birthday"},
		{"3", "birthday"},
		{"3 3 1980", "birthday"},
		{"de 3", "birthday"},
		{"dec 3 1980 x", "birthday"},
		{"tomorrow", "birthday"},
		{"12-03-1980", "birthday"},
		// A year or anything else after a month-day is not dropped silently.
		{"12-03 1980", "birthday"},
		{"12-3x", "birthday"},
		{"12-03-", "birthday"},
		{"-12-03", "birthday"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBirthday(tt.in)
			if err == nil {
				t.Fatalf("ParseBirthday(%q) = %+v, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q should say %q", err, tt.want)
			}
		})
	}
}

func TestBirthdayNext(t *testing.T) {
	tests := []struct {
		name  string
		b     Birthday
		today string
		want  string
	}{
		{name: "later this year", b: Birthday{Month: 12, Day: 3}, today: "2026-11-25", want: "2026-12-03"},
		{name: "today", b: Birthday{Month: 11, Day: 25}, today: "2026-11-25", want: "2026-11-25"},
		{name: "yesterday", b: Birthday{Month: 11, Day: 24}, today: "2026-11-25", want: "2027-11-24"},
		{name: "into next year", b: Birthday{Month: 1, Day: 3}, today: "2026-12-31", want: "2027-01-03"},
		{name: "year of birth ignored", b: Birthday{Month: 12, Day: 3, Year: 1980}, today: "2026-11-25", want: "2026-12-03"},
		{name: "29 Feb in a leap year", b: Birthday{Month: 2, Day: 29}, today: "2028-01-10", want: "2028-02-29"},
		{name: "29 Feb in another year", b: Birthday{Month: 2, Day: 29}, today: "2026-01-10", want: "2026-02-28"},
		{name: "29 Feb on 28 Feb of another year", b: Birthday{Month: 2, Day: 29}, today: "2027-02-28", want: "2027-02-28"},
		{name: "29 Feb just passed", b: Birthday{Month: 2, Day: 29, Year: 1988}, today: "2027-03-01", want: "2028-02-29"},
		{name: "29 Feb after the 28th of a leap year", b: Birthday{Month: 2, Day: 29}, today: "2028-02-28", want: "2028-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Next(MustDate(tt.today)); got.String() != tt.want {
				t.Errorf("Next(%s) = %s, want %s", tt.today, got, tt.want)
			}
		})
	}
}

func TestBirthdayString(t *testing.T) {
	tests := []struct {
		b    Birthday
		want string
	}{
		{Birthday{}, ""},
		{Birthday{Month: 12, Day: 3}, "3 Dec"},
		{Birthday{Month: 2, Day: 29, Year: 1988}, "29 Feb 1988"},
	}
	for _, tt := range tests {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.b, got, tt.want)
		}
	}
}

func TestMonthByName(t *testing.T) {
	tests := []struct {
		in   string
		want time.Month
	}{
		{"jan", time.January}, {"January", time.January}, {"SEP", time.September}, {"sept", time.September},
		{"september", time.September}, {"dec", time.December},
		{"ja", 0}, {"janu", 0}, {"", 0}, {"decembre", 0},
	}
	for _, tt := range tests {
		if got := MonthByName(tt.in); got != tt.want {
			t.Errorf("MonthByName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPersonValidate(t *testing.T) {
	ok := func() Person {
		return Person{ID: 3, AccountID: 1, Name: "Dana Kim", Email: "dana@example.com", Role: RoleChampion,
			Influence: 5, Strength: 1, CadenceDays: 14, ReportsToID: 2, Birthday: Birthday{Month: 2, Day: 29}}
	}
	short := strings.Repeat("a", MaxShortTextLen+1)
	long := strings.Repeat("a", MaxLongTextLen+1)
	tests := []struct {
		name  string
		edit  func(*Person)
		field string
	}{
		{name: "OK", edit: func(*Person) {}},
		{name: "only a name and account", edit: func(p *Person) { *p = Person{Name: "Dana", AccountUID: "a-1"} }},
		{name: "no name", edit: func(p *Person) { p.Name = "" }, field: "name"},
		{name: "blank name", edit: func(p *Person) { p.Name = "\t" }, field: "name"},
		{name: "name at limit", edit: func(p *Person) { p.Name = strings.Repeat("ë", MaxNameLen) }},
		{name: "name too long", edit: func(p *Person) { p.Name = strings.Repeat("a", MaxNameLen+1) }, field: "name"},
		{name: "no account", edit: func(p *Person) { p.AccountID = 0 }, field: "account"},
		{name: "unknown role", edit: func(p *Person) { p.Role = "sponsor" }, field: "role"},
		{name: "influence 6", edit: func(p *Person) { p.Influence = 6 }, field: "influence"},
		{name: "influence -1", edit: func(p *Person) { p.Influence = -1 }, field: "influence"},
		{name: "strength 6", edit: func(p *Person) { p.Strength = 6 }, field: "strength"},
		{name: "strength 0 is unset", edit: func(p *Person) { p.Strength = 0 }},
		{name: "cadence unset", edit: func(p *Person) { p.CadenceDays = 0 }},
		{name: "cadence at limit", edit: func(p *Person) { p.CadenceDays = MaxCadenceDays }},
		{name: "cadence too long", edit: func(p *Person) { p.CadenceDays = MaxCadenceDays + 1 }, field: "cadence"},
		{name: "cadence negative", edit: func(p *Person) { p.CadenceDays = -1 }, field: "cadence"},
		{name: "email with a name", edit: func(p *Person) { p.Email = "Dana <dana@example.com>" }, field: "email"},
		{name: "email without @", edit: func(p *Person) { p.Email = "dana.example.com" }, field: "email"},
		{name: "email too long", edit: func(p *Person) { p.Email = strings.Repeat("a", MaxShortTextLen) + "@example.com" }, field: "email"},
		{name: "reports to self", edit: func(p *Person) { p.ReportsToID = p.ID }, field: "reports to"},
		{name: "bad birthday", edit: func(p *Person) { p.Birthday = Birthday{Month: 2, Day: 29, Year: 1981} }, field: "birthday"},
		{name: "birthday month 13", edit: func(p *Person) { p.Birthday = Birthday{Month: 13, Day: 1} }, field: "birthday"},
		{name: "title too long", edit: func(p *Person) { p.Title = short }, field: "title"},
		{name: "business unit too long", edit: func(p *Person) { p.BusinessUnit = short }, field: "business unit"},
		{name: "location too long", edit: func(p *Person) { p.Location = short }, field: "location"},
		{name: "phone too long", edit: func(p *Person) { p.Phone = short }, field: "phone"},
		{name: "preferred channel too long", edit: func(p *Person) { p.PreferredChannel = short }, field: "preferred channel"},
		{name: "career history too long", edit: func(p *Person) { p.CareerHistory = long }, field: "career history"},
		{name: "receives information too long", edit: func(p *Person) { p.ReceiveInfo = long }, field: "receives information"},
		{name: "needs to show too long", edit: func(p *Person) { p.NeedsToShow = long }, field: "needs to show"},
		{name: "needs to show not UTF-8", edit: func(p *Person) { p.NeedsToShow = "\xfe" }, field: "needs to show"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.edit(&p)
			checkField(t, p.Validate(), tt.field)
		})
	}
}
