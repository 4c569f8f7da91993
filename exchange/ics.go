package exchange

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"rapport/model"
)

// ProductID is the PRODID rapport writes in calendars and vCards.
const ProductID = "-//rapport//rapport//EN"

// WriteICS writes the open follow-ups among fus as an iCalendar (RFC 5545)
// calendar with one VTODO each; done ones are left out. now is the moment of
// the export (DTSTAMP).
//
// Each to-do's UID is the follow-up's uid plus "@rapport", so importing a
// newer export into the same calendar updates the to-dos instead of doubling
// them. DTSTART and DUE are the day the follow-up shows on rapport's agenda —
// its due day, or the day it is snoozed until — as a date, or as a floating
// local date-time (20261203T150000) when it has a time. Promises get
// PRIORITY:1 and CATEGORIES:PROMISE; others CATEGORIES:FOLLOW-UP. A recurring
// follow-up carries an RRULE; calendars count it from the due date, so one
// counted from completion says so in its description.
//
// Google Calendar and Outlook import only events, not to-dos; Apple
// Reminders, Thunderbird, Evolution and CalDAV task apps read them.
func WriteICS(w io.Writer, fus []model.FollowUp, now time.Time) error {
	// Check first, so a bad follow-up leaves nothing half written.
	for _, f := range fus {
		if _, err := dueTime(f); err != nil && !f.Done() {
			return err
		}
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, ProductID)
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText("X-WR-CALNAME", "rapport follow-ups")
	stamp := now.UTC()
	for _, f := range fus {
		if f.Done() {
			continue
		}
		cal.Children = append(cal.Children, todo(f, stamp))
	}
	if len(cal.Children) == 0 {
		// go-ical refuses an empty calendar; one without to-dos is still
		// a calendar.
		return writeEmptyCalendar(w, cal)
	}
	fw := &foldingWriter{w: w}
	if err := ical.NewEncoder(fw).Encode(cal); err != nil {
		return fmt.Errorf("write the calendar: %w", err)
	}
	return fw.err
}

// writeEmptyCalendar writes a VCALENDAR with its properties and nothing
// in it.
func writeEmptyCalendar(w io.Writer, cal *ical.Calendar) error {
	cal.Children = []*ical.Component{{Name: "X-EMPTY", Props: ical.Props{}}}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("write the calendar: %w", err)
	}
	out := strings.Replace(buf.String(), "BEGIN:X-EMPTY\r\nEND:X-EMPTY\r\n", "", 1)
	fw := &foldingWriter{w: w}
	io.WriteString(fw, out)
	return fw.err
}

// foldingWriter folds the content lines go-ical writes (one a Write, each
// ending in CRLF) to at most 75 octets, as RFC 5545 asks and as
// calendars expect; it keeps the first error.
type foldingWriter struct {
	w   io.Writer
	err error
}

func (f *foldingWriter) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	for _, line := range strings.SplitAfter(string(p), "\r\n") {
		if line == "" {
			continue
		}
		if _, f.err = io.WriteString(f.w, foldLine(strings.TrimSuffix(line, "\r\n"))); f.err != nil {
			return 0, f.err
		}
	}
	return len(p), nil
}

// todo is one follow-up as a VTODO; WriteICS has checked its time.
func todo(f model.FollowUp, stamp time.Time) *ical.Component {
	uid := f.UID
	if uid == "" {
		uid = fmt.Sprintf("follow-up-%d", f.ID)
	}
	c := ical.NewComponent(ical.CompToDo)
	c.Props.SetText(ical.PropUID, clean(uid+"@rapport"))
	c.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
	if !f.CreatedAt.IsZero() {
		c.Props.SetDateTime(ical.PropCreated, f.CreatedAt.UTC())
	}
	if !f.UpdatedAt.IsZero() {
		c.Props.SetDateTime(ical.PropLastModified, f.UpdatedAt.UTC())
	}
	hasDay := false
	if on := f.AgendaOn(); !on.IsZero() {
		hasDay = true
		for _, name := range []string{ical.PropDateTimeStart, ical.PropDue} {
			p := ical.NewProp(name)
			if t, _ := dueTime(f); t != "" {
				// Floating time: the hour the user typed, wherever they are.
				p.Value = icsDate(on) + t
			} else {
				p.SetDate(on.Time(time.UTC))
			}
			c.Props.Set(p)
		}
	}
	c.Props.SetText(ical.PropSummary, clean(todoSummary(f)))
	if d := todoDescription(f); d != "" {
		c.Props.SetText(ical.PropDescription, clean(d))
	}
	cat := ical.NewProp(ical.PropCategories)
	cat.Value = "FOLLOW-UP"
	if f.Kind == model.KindPromise {
		cat.Value = "PROMISE"
		prio := ical.NewProp(ical.PropPriority)
		prio.Value = "1"
		c.Props.Set(prio)
	}
	c.Props.Set(cat)
	if rule := f.Recur.RRule(); rule != "" && hasDay {
		p := ical.NewProp(ical.PropRecurrenceRule)
		p.Value = rule
		c.Props.Set(p)
	}
	status := ical.NewProp(ical.PropStatus)
	status.Value = "NEEDS-ACTION"
	c.Props.Set(status)
	return c
}

// clean makes text fit for a calendar: valid UTF-8, no control characters
// (a calendar shows them on a terminal too), line ends as newlines.
func clean(s string) string { return replaceControls(strings.ToValidUTF8(s, "\uFFFD")) }

// dueTime returns the follow-up's time of day as an iCalendar time
// (T150000), or "" when it has none.
func dueTime(f model.FollowUp) (string, error) {
	if f.DueTime == "" {
		return "", nil
	}
	t, err := time.Parse("15:04", f.DueTime)
	if err != nil {
		return "", fmt.Errorf("follow-up %s: due time %q is not a time like 15:00", f.UID, model.Clip(f.DueTime))
	}
	return t.Format("T150405"), nil
}

// todoSummary is the first line of the text, then who it is about:
// "Send the pricing — Acme / Dana Li".
func todoSummary(f model.FollowUp) string {
	s := firstLine(f.Text)
	var about []string
	for _, v := range []string{f.AccountName, f.PersonName} {
		if v = oneLine(v); v != "" {
			about = append(about, v)
		}
	}
	if len(about) > 0 {
		s += " — " + strings.Join(about, " / ")
	}
	return s
}

// todoDescription holds what the summary cannot: the rest of a long text, the
// brief, how it repeats, and the due day of a snoozed follow-up.
func todoDescription(f model.FollowUp) string {
	var parts []string
	if text := strings.TrimSpace(replaceControls(f.Text)); strings.Contains(text, "\n") {
		parts = append(parts, text)
	}
	if t := oneLine(f.BriefTitle); t != "" {
		parts = append(parts, "Brief: "+t)
	}
	if r := f.Recur.String(); r != "" {
		s := "Repeats " + r
		if f.FromCompletion {
			s += ", counted from when it is done"
		}
		parts = append(parts, s+".")
	}
	if f.SnoozedUntil.After(f.DueOn) {
		parts = append(parts, fmt.Sprintf("Due %s, snoozed until %s.", f.DueOn, f.SnoozedUntil))
	}
	return strings.Join(parts, "\n")
}

// firstLine is the first non-blank line of s, on one line.
func firstLine(s string) string {
	for _, l := range strings.Split(replaceControls(s), "\n") {
		if l = oneLine(l); l != "" {
			return l
		}
	}
	return ""
}

// icsDate formats a day as an iCalendar DATE: 20261203.
func icsDate(d model.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year(), int(d.Month()), d.Day())
}
