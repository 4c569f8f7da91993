package tui

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// meetingForm adds a meeting by hand (n on Today), or with existing set
// corrects one (e on a meeting). People are named or given by address,
// comma-separated; a meeting's account is its first person's. A meeting
// from a calendar takes the calendar's version again at its next import.
func (c *common) meetingForm(h *editorHost, w, height int, existing *model.Meeting) tea.Cmd {
	m0 := model.Meeting{}
	when, length, people := "today 15:00", "1h", ""
	title := "New meeting"
	if existing != nil {
		m0, title = *existing, "Edit the meeting “"+termtext.SanitizeLine(existing.Title)+"”"
		start := m0.Start.In(time.Local)
		when = model.DateOf(start).String() + " " + start.Format("15:04")
		if m0.AllDay {
			when = model.DateOf(m0.Start).String()
		}
		if !m0.End.IsZero() && !m0.AllDay {
			length = model.LengthWords(m0.End.Sub(m0.Start))
		}
		var names []string
		for _, a := range m0.Attendees {
			if a.Organizer && a.PersonID == 0 {
				continue // the organizer stays as the calendar gave them
			}
			names = append(names, a.Label())
		}
		people = strings.Join(names, ", ")
	}
	f := newForm(title, c.styles,
		fieldSpec{key: "title", label: "Title", value: m0.Title, hint: "e.g. QBR with Nordlicht"},
		fieldSpec{key: "when", label: "When", value: when, hint: "fri 15:00, tomorrow 9:30, dec 3 14:00; a day alone is all day"},
		fieldSpec{key: "length", label: "Length", value: length, hint: "30m, 1h, 1h30"},
		fieldSpec{key: "where", label: "Where", value: m0.Location, hint: "a room, a city, Teams (optional)"},
		fieldSpec{key: "people", label: "People", value: people, hint: "names or addresses, comma-separated"},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		m := m0
		m.Title, m.Location = f.value("title"), f.value("where")
		wh, err := model.ParseWhen(f.value("when"), now())
		if err != nil {
			return f.failField("when", err)
		}
		d, err := model.ParseMeetingLength(f.value("length"))
		if err != nil {
			return f.fail(err)
		}
		m.AllDay = !wh.HasTime
		if m.AllDay {
			m.Start, m.End = wh.Date.Time(time.UTC), wh.Date.AddDays(1).Time(time.UTC)
		} else {
			m.Start = wh.Date.Time(time.Local).Add(time.Duration(wh.Hour)*time.Hour + time.Duration(wh.Minute)*time.Minute)
			m.End = m.Start.Add(d)
		}
		m.Attendees = nil
		if err := m.Validate(); err != nil {
			return f.fail(err)
		}
		names := f.value("people")
		var organizer []model.Attendee
		for _, a := range m0.Attendees {
			if a.Organizer && a.PersonID == 0 {
				organizer = append(organizer, a)
			}
		}
		what := "the meeting “" + termtext.SanitizeLine(m.Title) + "”"
		return saveCmd(f, store.HitMeeting, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			as, err := meetingPeople(ctx, st, names)
			if err != nil {
				return saved{}, err
			}
			m.Attendees = append(organizer, as...)
			id, undo, err := saveRecord(ctx, st, store.HitMeeting, m.ID, what, func() (int64, error) {
				out, err := st.SaveMeeting(ctx, m)
				return out.ID, err
			})
			text := "Meeting added: " + termtext.SanitizeLine(m.Title) + "."
			if existing != nil {
				text = "Meeting saved."
			}
			return saved{id: id, text: text, undo: undo}, err
		})
	})
}

// meetingPeople reads the people of a meeting typed by hand: an address as
// it is (matched to a person on save), a name as the one person it picks
// (anyone: a meeting may have people of several accounts).
func meetingPeople(ctx context.Context, st Store, names string) ([]model.Attendee, error) {
	var out []model.Attendee
	for _, name := range strings.Split(names, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if strings.Contains(name, "@") {
			out = append(out, model.Attendee{Email: model.NormEmail(name)})
			continue
		}
		p, err := st.ResolvePerson(ctx, name, store.PersonName{})
		if err != nil {
			return nil, fieldErr("people", err)
		}
		out = append(out, model.Attendee{Email: p.Email, Name: p.Name, PersonID: p.ID})
	}
	if len(out) > model.MaxAttendees {
		return nil, &model.FieldError{Field: "people", Reason: "more than " + itoa(model.MaxAttendees) + " people"}
	}
	return out, nil
}
