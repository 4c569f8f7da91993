package tui

import (
	"errors"
	"strings"
	"testing"

	"rapport/model"
)

// TestPastDay: the day of a touch reads back from today, and a day still to
// come is refused on the date field with what to do instead.
func TestPastDay(t *testing.T) {
	today := model.DateOf(appNow)
	for _, tt := range []struct {
		in   string
		want model.Date
	}{
		{"today", today},
		{"yesterday", today.AddDays(-1)},
		{"-3d", today.AddDays(-3)},
		{"2 weeks ago", today.AddDays(-14)},
		{"mon", func() model.Date {
			d := today.AddDays(-1)
			for d.Weekday() != 1 {
				d = d.AddDays(-1)
			}
			return d
		}()},
	} {
		if got, err := pastDay(tt.in, appNow); err != nil || !got.Equal(tt.want) {
			t.Errorf("pastDay(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for in, want := range map[string]string{
		"tomorrow": "is in the future — log what happened",
		"blorp":    "can't read \"blorp\" as a date — try today, yesterday",
	} {
		_, err := pastDay(in, appNow)
		var fe *model.FieldError
		if !errors.As(err, &fe) || fe.Field != "date" || !strings.Contains(fe.Reason, want) {
			t.Errorf("pastDay(%q) = %v, want a date error with %q", in, err, want)
		}
	}
}

// TestBriefPastDate: a check's signing day reads back as a touch's does.
func TestBriefPastDate(t *testing.T) {
	today := model.DateOf(appNow)
	if d, err := briefPastDate("yesterday", appNow); err != nil || !d.Equal(today.AddDays(-1)) {
		t.Errorf("yesterday = %v, %v", d, err)
	}
	if d, err := briefPastDate(today.Weekday().String()[:3], appNow); err != nil || !d.Equal(today.AddDays(-7)) {
		t.Errorf("today's weekday = %v, %v; want a week ago", d, err)
	}
	if _, err := briefPastDate("tomorrow", appNow); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("tomorrow = %v, want refused", err)
	}
}
