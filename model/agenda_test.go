package model

import "testing"

func TestAgendaSummary(t *testing.T) {
	promise := FollowUp{Text: "send the deck", Kind: KindPromise}
	plain := FollowUp{Text: "call back", Kind: KindFollowUp}
	tests := []struct {
		name  string
		a     Agenda
		empty bool
		want  string
	}{
		{name: "empty", a: Agenda{}, empty: true, want: "All clear — nothing due, nobody waiting."},
		{name: "counts only", a: Agenda{Counts: AgendaCounts{Overdue: 3, PromisesDue: 2, TouchDue: 5}},
			want: "3 overdue · 2 promises due · 5 people to call"},
		{name: "singulars", a: Agenda{Counts: AgendaCounts{DueToday: 1, PromisesDue: 1, TouchDue: 1, AskAbout: 1, Birthdays: 1, Stalled: 1}},
			want: "1 promise due · 1 due today · 1 person to call · 1 to ask about · 1 birthday · 1 stalled"},
		{name: "upcoming default days", a: Agenda{Counts: AgendaCounts{Upcoming: 4, Birthdays: 2, Stalled: 3}},
			want: "4 in 7 days · 2 birthdays · 3 stalled"},
		{name: "upcoming one day", a: Agenda{Days: 1, Counts: AgendaCounts{Upcoming: 2}}, want: "2 due tomorrow"},
		{name: "upcoming set days", a: Agenda{Days: 30, Counts: AgendaCounts{Upcoming: 9}}, want: "9 in 30 days"},
		// Counts are totals past the rows shown; rows never count for less.
		{name: "rows without counts", a: Agenda{Overdue: []FollowUp{promise, plain}, DueToday: []FollowUp{promise}},
			want: "2 overdue · 2 promises due · 1 due today"},
		{name: "counts past rows", a: Agenda{Overdue: []FollowUp{plain}, Counts: AgendaCounts{Overdue: 120}},
			want: "120 overdue"},
		{name: "only a birthday", a: Agenda{Birthdays: []BirthdayItem{{On: MustDate("2027-01-03")}}}, want: "1 birthday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Empty(); got != tt.empty {
				t.Errorf("Empty() = %v, want %v", got, tt.empty)
			}
			if got := tt.a.Summary(); got != tt.want {
				t.Errorf("Summary() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBirthdayItemDaysUntil(t *testing.T) {
	b := BirthdayItem{On: Birthday{Month: 1, Day: 3}.Next(MustDate("2026-12-25"))}
	if !b.On.Equal(MustDate("2027-01-03")) {
		t.Fatalf("On = %s, want 2027-01-03", b.On)
	}
	if got := b.DaysUntil(MustDate("2026-12-25")); got != 9 {
		t.Errorf("DaysUntil = %d, want 9", got)
	}
}
