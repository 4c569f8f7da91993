package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// mtNow is the meetings tests' clock: a Wednesday morning, local time.
var mtNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)

func mtOpen(t *testing.T) (*Store, model.Account, model.Person, model.Person) {
	t.Helper()
	s := openTest(t)
	s.now = func() time.Time { return mtNow }
	ctx := context.Background()
	acc, err := s.CreateAccount(ctx, model.Account{Name: "Nordlicht Energie AG", Tier: model.TierKey})
	if err != nil {
		t.Fatal(err)
	}
	henrik, err := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Henrik Sørensen", Email: "henrik.sorensen@nordlicht-energie.example",
		Role: model.RoleDecisionMaker, Influence: 5, NeedsToShow: "Savings to the board", ReceiveInfo: "One page, numbers first"})
	if err != nil {
		t.Fatal(err)
	}
	zoe, err := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Zoë Lindqvist", Email: "zoe.lindqvist@nordlicht-energie.example",
		Influence: 3})
	if err != nil {
		t.Fatal(err)
	}
	return s, acc, henrik, zoe
}

// at9 is 09:00 local on the day n days from the test's today, plus h hours.
func mtAt(days int, h float64) time.Time {
	return model.DateOf(mtNow).AddDays(days).Time(time.Local).Add(time.Duration(h * float64(time.Hour)))
}

func weekly(occurrence int, attendees ...model.Attendee) model.Meeting {
	start := mtAt(7*occurrence, 15)
	return model.Meeting{UID: "sync@cal/" + start.UTC().Format("20060102T150405Z"), Source: "sync@cal", Title: "Nordlicht weekly sync",
		Start: start, End: start.Add(time.Hour), Location: "Teams", Attendees: attendees}
}

func TestSaveMeetings(t *testing.T) {
	ctx := context.Background()
	s, acc, henrik, zoe := mtOpen(t)
	people := []model.Attendee{
		{Email: "alex.morgan@ourfirm.example", Name: "Alex Morgan", Organizer: true},
		{Email: "mailto:Henrik.Sorensen@Nordlicht-Energie.example", Name: "Henrik"},
		{Email: "zoe.lindqvist@nordlicht-energie.example"},
	}
	cal := CalendarChange{
		Meetings: []model.Meeting{weekly(0, people...), weekly(1, people...), weekly(2, people...),
			{UID: "partner-day@cal", Source: "partner-day@cal", Title: "Partner day", Start: model.DateOf(mtNow).AddDays(2).Time(time.UTC),
				End: model.DateOf(mtNow).AddDays(3).Time(time.UTC), AllDay: true}},
		Sources: []string{"sync@cal", "partner-day@cal"}, From: mtAt(-30, 0), To: mtAt(90, 0),
	}

	t.Run("DryRun", func(t *testing.T) {
		res, err := s.SaveMeetings(ctx, cal, true)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 4 || len(res.Unmatched) != 1 || res.Unmatched[0].Email != "alex.morgan@ourfirm.example" {
			t.Errorf("dry run = %+v", res)
		}
		if ms, _ := s.MeetingsOn(ctx, model.DateOf(mtNow)); len(ms) != 0 {
			t.Errorf("a dry run wrote %d meetings", len(ms))
		}
	})

	t.Run("OK", func(t *testing.T) {
		res, err := s.SaveMeetings(ctx, cal, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 4 || res.Changed() != true || len(res.Unmatched) != 1 {
			t.Errorf("import = %+v", res)
		}
		ms, err := s.MeetingsOn(ctx, model.DateOf(mtNow))
		if err != nil || len(ms) != 1 {
			t.Fatalf("today's meetings = %v, %v", ms, err)
		}
		m := ms[0]
		if m.AccountID != acc.ID || m.AccountName != acc.Name || len(m.Attendees) != 3 {
			t.Fatalf("meeting = %+v", m)
		}
		if a := m.Attendees[1]; a.PersonID != henrik.ID || a.Email != "henrik.sorensen@nordlicht-energie.example" || a.Name != "Henrik" {
			t.Errorf("the address in another case and with mailto: is not Henrik: %+v", a)
		}
		if a := m.Attendees[2]; a.PersonID != zoe.ID || a.PersonName != zoe.Name || a.AccountName != acc.Name {
			t.Errorf("second attendee = %+v", a)
		}
		if !m.Attendees[0].Organizer || m.Attendees[0].PersonID != 0 {
			t.Errorf("the organizer = %+v", m.Attendees[0])
		}
		if got := m.Who(); got != "Henrik Sørensen, Zoë Lindqvist +1" {
			t.Errorf("Who = %q", got)
		}
		if got := m.Hours(time.Local); got != "15:00–16:00" {
			t.Errorf("Hours = %q", got)
		}
		day2, _ := s.MeetingsOn(ctx, model.DateOf(mtNow).AddDays(2))
		if len(day2) != 1 || !day2[0].AllDay || day2[0].Hours(time.Local) != "all day" {
			t.Errorf("the all-day meeting in two days: %+v", day2)
		}
	})

	t.Run("Unchanged", func(t *testing.T) {
		res, err := s.SaveMeetings(ctx, cal, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed() || res.Unchanged != 4 {
			t.Errorf("a second import = %+v, want nothing changed", res)
		}
	})

	t.Run("Moved", func(t *testing.T) {
		moved := cal
		moved.Meetings = slices.Clone(cal.Meetings)
		moved.Meetings[1].Start = moved.Meetings[1].Start.Add(-4 * time.Hour) // the same occurrence, to the morning
		moved.Meetings[1].End = moved.Meetings[1].Start.Add(time.Hour)
		res, err := s.SaveMeetings(ctx, moved, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 1 || res.Unchanged != 3 || res.Created != 0 {
			t.Errorf("import of a moved occurrence = %+v", res)
		}
		ms, _ := s.MeetingsOn(ctx, model.DateOf(mtNow).AddDays(7))
		if len(ms) != 1 || ms[0].Hours(time.Local) != "11:00–12:00" {
			t.Errorf("the moved occurrence: %+v", ms)
		}
	})

	t.Run("Removed", func(t *testing.T) {
		// The file no longer gives the third occurrence, and cancels the
		// partner day; the first was debriefed and stays a record.
		if _, err := s.SaveDebrief(ctx, Debrief{MeetingID: meetingID(t, s, cal.Meetings[0].UID),
			Touch: model.Touch{Kind: model.TouchMeeting, Summary: "Sync", PersonIDs: []int64{henrik.ID}}}); err != nil {
			t.Fatal(err)
		}
		later := CalendarChange{Meetings: cal.Meetings[1:2], Sources: []string{"sync@cal"}, Cancelled: []string{"partner-day@cal"},
			From: cal.From, To: cal.To}
		res, err := s.SaveMeetings(ctx, later, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Removed != 2 {
			t.Errorf("import = %+v, want 2 removed", res)
		}
		for _, uid := range []string{cal.Meetings[2].UID, "partner-day@cal"} {
			if _, err := s.IDOf(ctx, HitMeeting, uid); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s is still there (%v)", uid, err)
			}
		}
		if _, err := s.IDOf(ctx, HitMeeting, cal.Meetings[0].UID); err != nil {
			t.Errorf("the debriefed meeting went: %v", err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		bad := CalendarChange{Meetings: []model.Meeting{{UID: "x@cal", Title: "", Start: mtNow}}}
		if _, err := s.SaveMeetings(ctx, bad, false); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("a meeting without a title: %v", err)
		}
	})
}

func meetingID(t *testing.T, s *Store, uid string) int64 {
	t.Helper()
	id, err := s.IDOf(context.Background(), HitMeeting, uid)
	if err != nil {
		t.Fatalf("meeting %s: %v", uid, err)
	}
	return id
}

func TestAgendaMeetings(t *testing.T) {
	ctx := context.Background()
	s, acc, henrik, _ := mtOpen(t)
	other, err := s.CreateAccount(ctx, model.Account{Name: "Globex"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(m model.Meeting) model.Meeting {
		t.Helper()
		m, err := s.SaveMeeting(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	late := add(model.Meeting{Title: "Renewal", Start: mtAt(0, 15), Attendees: []model.Attendee{{Email: henrik.Email}}})
	early := add(model.Meeting{Title: "Standup", Start: mtAt(0, 8), End: mtAt(0, 8.25), AccountID: other.ID})
	allDay := add(model.Meeting{Title: "Offsite", Start: model.DateOf(mtNow).Time(time.UTC), AllDay: true})
	add(model.Meeting{Title: "Tomorrow", Start: mtAt(1, 9)})
	add(model.Meeting{Title: "Yesterday", Start: mtAt(-1, 9)})

	a, err := s.Agenda(ctx, AgendaReq{Today: model.DateOf(mtNow)})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, m := range a.Meetings {
		titles = append(titles, m.Title)
	}
	if !slices.Equal(titles, []string{allDay.Title, early.Title, late.Title}) || a.Counts.Meetings != 3 {
		t.Errorf("today's meetings = %v (%d), want the all-day one, then by start", titles, a.Counts.Meetings)
	}
	if late.AccountID != acc.ID || early.AccountID != other.ID {
		t.Errorf("accounts: %d (from Henrik), %d (given)", late.AccountID, early.AccountID)
	}
	if !a.Meetings[1].NeedsDebrief(mtNow) || a.Meetings[2].NeedsDebrief(mtNow) {
		t.Errorf("the 08:00 standup is over and not debriefed; the 15:00 one is to come")
	}
	scoped, err := s.Agenda(ctx, AgendaReq{Today: model.DateOf(mtNow), AccountID: acc.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(scoped.Meetings) != 1 || scoped.Meetings[0].Title != late.Title {
		t.Errorf("scoped to Nordlicht: %+v", scoped.Meetings)
	}
	if theirs, err := s.PersonMeetings(ctx, henrik.ID, mtAt(-1, 0), 10); err != nil || len(theirs) != 1 || theirs[0].ID != late.ID {
		t.Errorf("Henrik's meetings from yesterday = %+v, %v", theirs, err)
	}
	next, err := s.NextMeeting(ctx, mtNow)
	if err != nil || next.Title != late.Title {
		t.Errorf("next meeting = %q, %v; want the renewal (the offsite is all day)", next.Title, err)
	}
}

func TestSaveDebrief(t *testing.T) {
	ctx := context.Background()
	s, acc, henrik, zoe := mtOpen(t)
	m, err := s.SaveMeeting(ctx, model.Meeting{Title: "Renewal", Start: mtAt(0, 8), End: mtAt(0, 9),
		Attendees: []model.Attendee{{Email: henrik.Email}, {Email: zoe.Email}}})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Person(ctx, henrik.ID)
	d := Debrief{
		MeetingID: m.ID,
		Touch:     model.Touch{Kind: model.TouchMeeting, Summary: "Renewal", PersonIDs: []int64{henrik.ID, zoe.ID}},
		Notes: []model.Note{
			{PersonID: henrik.ID, Kind: model.NotePersonal, Text: "Daughter starts school", AskAfter: model.DateOf(mtNow).AddDays(30)},
			{Text: "Budget freeze until Q2"},
		},
		FollowUps: []model.FollowUp{{PersonID: henrik.ID, Kind: model.KindPromise, Text: "Send the savings one-pager",
			DueOn: model.DateOf(mtNow).AddDays(2)}},
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		bad := d
		bad.FollowUps = []model.FollowUp{{Text: ""}}
		if _, err := s.SaveDebrief(ctx, bad); !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("a follow-up without text: %v", err)
		}
		if n, _ := s.CountFollowUps(ctx, FollowUpFilter{}); n != 0 {
			t.Errorf("%d follow-ups after a refused debrief", n)
		}
		if p, _ := s.Person(ctx, henrik.ID); p.LastTouchOn != before.LastTouchOn {
			t.Errorf("a refused debrief logged a touch")
		}
	})

	var res DebriefResult
	t.Run("OK", func(t *testing.T) {
		res, err = s.SaveDebrief(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{henrik.ID, zoe.ID} {
			p, _ := s.Person(ctx, id)
			if !p.LastTouchOn.Equal(model.DateOf(mtNow)) {
				t.Errorf("%s: last touch %s, want today", p.Name, p.LastTouchOn)
			}
		}
		got, _ := s.Meeting(ctx, m.ID)
		if !got.Debriefed() || res.MeetingUID != m.UID {
			t.Errorf("meeting not debriefed: %+v", got)
		}
		if len(res.Notes) != 2 || res.Notes[1].AccountID != acc.ID || res.Notes[1].PersonID != 0 {
			t.Errorf("notes = %+v; the one without a person goes on the account", res.Notes)
		}
		if len(res.FollowUps) != 1 || res.FollowUps[0].AccountID != acc.ID {
			t.Errorf("follow-ups = %+v", res.FollowUps)
		}
		if res.Touch.AccountID != acc.ID || len(res.Touch.PersonIDs) != 2 {
			t.Errorf("touch = %+v", res.Touch)
		}
	})

	t.Run("Undo", func(t *testing.T) {
		if err := s.UndoDebrief(ctx, res); err != nil {
			t.Fatal(err)
		}
		p, _ := s.Person(ctx, henrik.ID)
		if p.LastTouchOn != before.LastTouchOn || p.TouchDueOn != before.TouchDueOn {
			t.Errorf("cadence after undo: last %s due %s, want %s %s", p.LastTouchOn, p.TouchDueOn, before.LastTouchOn, before.TouchDueOn)
		}
		if n, _ := s.CountFollowUps(ctx, FollowUpFilter{}); n != 0 {
			t.Errorf("%d follow-ups after undo", n)
		}
		notes, _ := s.Notes(ctx, NoteFilter{AccountID: acc.ID}, PageReq{Limit: 10})
		if len(notes.Items) != 0 {
			t.Errorf("notes after undo: %+v", notes.Items)
		}
		if got, _ := s.Meeting(ctx, m.ID); got.Debriefed() {
			t.Errorf("still debriefed after undo")
		}
	})
}

func TestLogMail(t *testing.T) {
	ctx := context.Background()
	s, _, henrik, zoe := mtOpen(t)
	found, err := s.PeopleByEmail(ctx, []string{"Zoe.Lindqvist@Nordlicht-Energie.example", "nobody@else.example", henrik.Email})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || found["Zoe.Lindqvist@Nordlicht-Energie.example"].ID != zoe.ID {
		t.Fatalf("people by email = %+v", found)
	}
	mail := model.Touch{Kind: model.TouchEmail, Summary: "Renewal numbers", PersonIDs: []int64{henrik.ID, zoe.ID}, MessageID: "abc@mail.example"}
	first, logged, err := s.LogMail(ctx, mail)
	if err != nil || !logged {
		t.Fatalf("first log: %v, %v", logged, err)
	}
	again, logged, err := s.LogMail(ctx, mail)
	if err != nil || logged || again.UID != first.UID {
		t.Errorf("second log: logged %v, %v, touch %s want %s", logged, err, again.UID, first.UID)
	}
	if got, err := s.MailTouch(ctx, "abc@mail.example"); err != nil || got.ID != first.ID {
		t.Errorf("MailTouch = %+v, %v", got, err)
	}
	if _, err := s.MailTouch(ctx, "other@mail.example"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("MailTouch of a mail never logged: %v", err)
	}
	ts, _ := s.Touches(ctx, TouchFilter{PersonID: henrik.ID}, PageReq{Limit: 10})
	if len(ts.Items) != 1 {
		t.Errorf("%d touches, want one", len(ts.Items))
	}
}

func TestPrep(t *testing.T) {
	ctx := context.Background()
	s, acc, henrik, zoe := mtOpen(t)
	today := model.DateOf(mtNow)
	day := func(n int) model.Date { return today.AddDays(n) }
	henrik.Birthday = model.Birthday{Month: day(5).Month(), Day: day(5).Day()}
	zoe.Birthday = model.Birthday{Month: day(40).Month(), Day: day(40).Day()}
	for _, p := range []model.Person{henrik, zoe} {
		if _, err := s.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	mustDo := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	note := func(n model.Note) {
		t.Helper()
		_, err := s.CreateNote(ctx, n)
		mustDo(err)
	}
	note(model.Note{PersonID: henrik.ID, Kind: model.NotePersonal, Text: "Ran the Berlin marathon", On: day(-10), AskAfter: day(-1)})
	note(model.Note{PersonID: henrik.ID, Kind: model.NotePersonal, Text: "Moving house in spring", On: day(-10), AskAfter: day(20)})
	note(model.Note{PersonID: henrik.ID, Kind: model.NoteConflict, Text: "Invoice dispute, settled", On: day(-100)})
	note(model.Note{PersonID: henrik.ID, Kind: model.NoteConflict, Text: "Old quarrel", On: day(-400)})
	fu := func(f model.FollowUp) {
		t.Helper()
		_, err := s.CreateFollowUp(ctx, f)
		mustDo(err)
	}
	fu(model.FollowUp{PersonID: henrik.ID, Kind: model.KindPromise, Text: "Send the case study", DueOn: day(3)})
	fu(model.FollowUp{PersonID: henrik.ID, Kind: model.KindPromise, Text: "Send the pricing", DueOn: day(-2)})
	fu(model.FollowUp{PersonID: henrik.ID, Text: "Book the QBR room", DueOn: day(1)})
	for i, summary := range []string{"Intro call", "Pilot scope", "Board pack review"} {
		_, err := s.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: summary, On: day(-30 + 10*i), PersonIDs: []int64{henrik.ID}})
		mustDo(err)
	}
	b, err := s.CreateBrief(ctx, model.Brief{AccountID: acc.ID, Title: "Grid storage pilot", Stage: model.StageUnderstand,
		People: []model.BriefPerson{{PersonID: henrik.ID, Framing: "Margin first"}, {PersonID: zoe.ID}}})
	mustDo(err)
	sat := 8
	_, err = s.AddHealthCheck(ctx, model.HealthCheck{AccountID: acc.ID, On: day(-60), Satisfaction: &sat})
	mustDo(err)
	m, err := s.SaveMeeting(ctx, model.Meeting{Title: "Renewal", Start: mtAt(0, 15),
		Attendees: []model.Attendee{{Email: "alex@ourfirm.example", Name: "Alex"}, {Email: henrik.Email}, {Email: zoe.Email}}})
	mustDo(err)

	p, err := s.Prep(ctx, PrepReq{MeetingID: m.ID, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Renewal" || p.Meeting == nil || len(p.People) != 2 || len(p.Others) != 1 || p.Others[0].Name != "Alex" {
		t.Fatalf("prep = %+v", p)
	}
	h := p.People[0]
	if h.Person.ID != henrik.ID || len(h.AskAbout) != 1 || h.AskAbout[0].Text != "Ran the Berlin marathon" {
		t.Errorf("Henrik opens with %+v, want the marathon only (the move is not due yet)", h.AskAbout)
	}
	if len(h.Promises) != 2 || h.Promises[0].Text != "Send the pricing" || len(h.FollowUps) != 1 || h.MoreOpen != 0 {
		t.Errorf("promises %+v, follow-ups %+v: the late promise first", h.Promises, h.FollowUps)
	}
	if len(h.Briefs) != 1 || h.Briefs[0].Framing != "Margin first" || h.Briefs[0].Brief.ID != b.ID {
		t.Errorf("briefs = %+v", h.Briefs)
	}
	if len(h.Touches) != 2 || h.Touches[0].Summary != "Board pack review" || h.Touches[1].Summary != "Pilot scope" {
		t.Errorf("touches = %+v, want the last two, newest first", h.Touches)
	}
	if len(h.Conflicts) != 1 || h.Conflicts[0].Text != "Invoice dispute, settled" {
		t.Errorf("conflicts = %+v, want this year's only", h.Conflicts)
	}
	if !h.Birthday.Equal(day(5)) || !p.People[1].Birthday.IsZero() {
		t.Errorf("birthdays: %s, %s; want Henrik's in five days, not Zoë's in forty", h.Birthday, p.People[1].Birthday)
	}
	if p.Account == nil || p.Account.Account.ID != acc.ID || len(p.Account.Health) != 1 || len(p.Account.Briefs) != 1 {
		t.Errorf("account part = %+v", p.Account)
	}

	byPerson, err := s.Prep(ctx, PrepReq{PersonID: zoe.ID, Today: today})
	if err != nil || byPerson.Title != zoe.Name || len(byPerson.People) != 1 || byPerson.Meeting != nil || byPerson.Account == nil {
		t.Errorf("prep of Zoë = %+v, %v", byPerson, err)
	}
	byAccount, err := s.Prep(ctx, PrepReq{AccountID: acc.ID, Today: today})
	if err != nil || len(byAccount.People) != 2 || byAccount.People[0].Person.ID != henrik.ID {
		t.Errorf("prep of the account = %+v, %v; want its people, most influential first", byAccount, err)
	}
	if _, err := s.Prep(ctx, PrepReq{MeetingID: 999}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("prep of no meeting: %v", err)
	}
}
