package exchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// calendarNow is the day the fixtures were made: Sunday 6 December 2026.
var calendarNow = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)

func readCalendar(t *testing.T, name string) CalendarFile {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "calendar", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cf, err := ReadMeetings(f, 0, calendarNow.AddDate(0, 0, -30), calendarNow.AddDate(0, 0, 90), berlin)
	if err != nil {
		t.Fatal(err)
	}
	return cf
}

func TestReadMeetingsGoogle(t *testing.T) {
	cf := readCalendar(t, "google.ics")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var weekly []model.Meeting
	var allDay, cancelled *model.Meeting
	for i, m := range cf.Meetings {
		switch {
		case strings.HasPrefix(m.UID, "3k8d7q1vsl0m9c2h6r4t5b1nxa@google.com/"):
			weekly = append(weekly, m)
		case m.AllDay:
			allDay = &cf.Meetings[i]
		case strings.HasPrefix(m.Title, "Halcyon"):
			cancelled = &cf.Meetings[i]
		}
	}
	if cancelled != nil {
		t.Errorf("the cancelled event is a meeting: %+v", cancelled)
	}
	if len(cf.Cancelled) != 1 || cf.Cancelled[0] != "7d1c5f8a2b9e4c6d0a3b1e5f7c9d2a4b@google.com" {
		t.Errorf("cancelled = %v", cf.Cancelled)
	}
	// Tuesdays from 17 Nov (30 days back lands on 6 Nov) to 90 days on:
	// 17, 24 Nov, 1, 8 (moved to wed 9), 15 (excluded), 22, 29 Dec, …
	days := map[string]string{}
	for _, m := range weekly {
		days[m.Start.In(berlin).Format("2006-01-02 15:04")] = m.Title
	}
	for _, want := range []string{"2026-11-17 15:00", "2026-12-01 15:00", "2026-12-09 11:00", "2026-12-22 15:00", "2027-03-02 15:00"} {
		if _, ok := days[want]; !ok {
			t.Errorf("no weekly occurrence at %s; have %v", want, days)
		}
	}
	for _, gone := range []string{"2026-12-08 15:00", "2026-12-15 15:00"} {
		if _, ok := days[gone]; ok {
			t.Errorf("an occurrence at %s, which the file moved or excluded", gone)
		}
	}
	if days["2026-12-09 11:00"] != "Nordlicht weekly sync (moved)" {
		t.Errorf("the moved occurrence is titled %q", days["2026-12-09 11:00"])
	}
	for _, m := range weekly {
		if m.Start.In(berlin).Format("2006-01-02") == "2026-12-09" && m.UID != "3k8d7q1vsl0m9c2h6r4t5b1nxa@google.com/20261208T140000Z" {
			t.Errorf("the moved occurrence's uid %q is not its original start's", m.UID)
		}
		if m.Source != "3k8d7q1vsl0m9c2h6r4t5b1nxa@google.com" || m.End.Sub(m.Start) != time.Hour {
			t.Errorf("occurrence %+v: source or length wrong", m)
		}
	}
	w := weekly[0]
	if len(w.Attendees) != 3 || !w.Attendees[0].Organizer || w.Attendees[1].Email != "henrik.sorensen@nordlicht-energie.example" ||
		w.Attendees[1].Name != "Henrik Sørensen" || w.Location != "Teams" {
		t.Errorf("attendees of %q = %+v", w.Title, w.Attendees)
	}
	if allDay == nil || allDay.Day(berlin) != model.MustDate("2026-12-10") || !allDay.End.Equal(allDay.Start.AddDate(0, 0, 1)) {
		t.Errorf("the all-day event = %+v", allDay)
	}
	if len(cf.Sources) != 3 {
		t.Errorf("sources = %v, want the weekly, the all-day and the cancelled event", cf.Sources)
	}
}

func TestReadMeetingsKhalAndOutlook(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cf := readCalendar(t, "khal.ics")
	titles := map[string]int{}
	for _, m := range cf.Meetings {
		titles[m.Title]++
		if m.Title == "QBR with Nordlicht" && (m.Start.In(berlin).Format("2006-01-02 15:04") != "2026-12-07 10:00" || m.Location != "Hamburg HQ") {
			t.Errorf("khal's QBR = %+v", m)
		}
	}
	if titles["Weekly sync with Henrik"] != 14 || titles["Nordlicht offsite"] != 1 || titles["QBR with Nordlicht"] != 1 {
		t.Errorf("khal's meetings: %v", titles)
	}
	cf = readCalendar(t, "outlook.ics")
	if len(cf.Meetings) != 1 {
		t.Fatalf("outlook: %d meetings", len(cf.Meetings))
	}
	m := cf.Meetings[0]
	if got := m.Start.In(berlin).Format("2006-01-02 15:04"); got != "2026-12-14 10:00" || m.Title != "Meridian QBR" || m.Location != "Meridian HQ, Oslo" {
		t.Errorf("outlook meeting at %s: %+v", got, m)
	}
	if len(m.Attendees) != 3 || m.Attendees[1].Name != "Ingrid Ødegaard" {
		t.Errorf("outlook attendees = %+v", m.Attendees)
	}
}

func TestReadMeetingsRefuses(t *testing.T) {
	window := func(s string) error {
		_, err := ReadMeetings(strings.NewReader(s), 0, calendarNow, calendarNow.AddDate(0, 0, 90), time.UTC)
		return err
	}
	for name, in := range map[string]string{
		"vcard":  "BEGIN:VCARD\nVERSION:3.0\nFN:Dana\nEND:VCARD\n",
		"text":   "hello\n",
		"empty":  "",
		"nested": "BEGIN:VCALENDAR\n" + strings.Repeat("BEGIN:X\n", 50000) + strings.Repeat("END:X\n", 50000) + "END:VCALENDAR\n",
	} {
		if err := window(in); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%s: err = %v, want it refused as invalid", name, err)
		}
	}
	big := strings.NewReader("BEGIN:VCALENDAR\n" + strings.Repeat("X-PAD:"+strings.Repeat("x", 70)+"\n", 2000))
	if _, err := ReadMeetings(big, 1000, calendarNow, calendarNow, time.UTC); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	bad := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:Bad\nDTSTART;TZID=Mars/Olympus:20261210T100000\nEND:VEVENT\nEND:VCALENDAR\n"
	cf, err := ReadMeetings(strings.NewReader(bad), 0, calendarNow, calendarNow.AddDate(0, 0, 90), time.UTC)
	if err != nil || len(cf.Meetings) != 0 || len(cf.Skipped) != 1 || !strings.Contains(cf.Skipped[0], "Mars/Olympus") {
		t.Errorf("an unknown zone: %+v, %v; want the event skipped with the reason", cf, err)
	}
}

// FuzzReadMeetings checks that a calendar file, however odd, never panics
// the reader and gives only meetings that validate.
func FuzzReadMeetings(f *testing.F) {
	for _, name := range []string{"google.ics", "khal.ics", "outlook.ics"} {
		b, err := os.ReadFile(filepath.Join("testdata", "calendar", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261207\nRRULE:FREQ=DAILY;COUNT=0\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:2026\nEXDATE:,\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20261208T140000Z\nDTSTART:20261209T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := ReadMeetings(bytes.NewReader(data), 1<<16, calendarNow.AddDate(0, 0, -30), calendarNow.AddDate(0, 0, 90), time.UTC)
		if err != nil {
			return
		}
		for _, m := range cf.Meetings {
			if err := m.Validate(); err != nil {
				t.Errorf("meeting %+v: %v", m, err)
			}
		}
	})
}

func TestReadMeetingsRefusesARunawayRule(t *testing.T) {
	in := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:tick\nSUMMARY:Tick\nDTSTART:20261207T100000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\nEND:VCALENDAR\n"
	cf, err := ReadMeetings(strings.NewReader(in), 0, calendarNow, calendarNow.AddDate(0, 0, 90), time.UTC)
	if err != nil || len(cf.Meetings) != 0 || len(cf.Skipped) != 1 || !strings.Contains(cf.Skipped[0], "repeats more than 1000 times") {
		t.Errorf("a rule by the second: %d meetings, skipped %v, %v", len(cf.Meetings), cf.Skipped, err)
	}
}

func TestReadMeetingsRefusesAnAncientRunawayRule(t *testing.T) {
	in := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:tick\nSUMMARY:Tick\nDTSTART:19900101T100000Z\nRRULE:FREQ=MINUTELY\nEND:VEVENT\nEND:VCALENDAR\n"
	cf, err := ReadMeetings(strings.NewReader(in), 0, calendarNow, calendarNow.AddDate(0, 0, 90), time.UTC)
	if err != nil || len(cf.Skipped) != 1 || !strings.Contains(cf.Skipped[0], "repeats too often since 1990-01-01") {
		t.Errorf("a rule by the minute since 1990: skipped %v, %v", cf.Skipped, err)
	}
}
