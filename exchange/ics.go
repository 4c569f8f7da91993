package exchange

import (
	"fmt"
	"io"
	"strings"
	"time"

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
	lw := &lineWriter{w: w}
	lw.prop("BEGIN", "VCALENDAR")
	lw.prop("VERSION", "2.0")
	lw.prop("PRODID", ProductID)
	lw.prop("CALSCALE", "GREGORIAN")
	lw.text("X-WR-CALNAME", "rapport follow-ups")
	stamp := icsUTC(now)
	for _, f := range fus {
		if f.Done() {
			continue
		}
		writeTodo(lw, f, stamp)
	}
	lw.prop("END", "VCALENDAR")
	return lw.err
}

// writeTodo writes one follow-up as a VTODO; WriteICS has checked its time.
func writeTodo(lw *lineWriter, f model.FollowUp, stamp string) {
	uid := f.UID
	if uid == "" {
		uid = fmt.Sprintf("follow-up-%d", f.ID)
	}
	uid += "@rapport"

	var dayParam, day string
	if on := f.AgendaOn(); !on.IsZero() {
		dayParam, day = ";VALUE=DATE", icsDate(on)
		if t, _ := dueTime(f); t != "" {
			// Floating time: the hour the user typed, wherever they are.
			dayParam, day = "", day+t
		}
	}

	lw.prop("BEGIN", "VTODO")
	lw.text("UID", uid)
	lw.prop("DTSTAMP", stamp)
	if !f.CreatedAt.IsZero() {
		lw.prop("CREATED", icsUTC(f.CreatedAt))
	}
	if !f.UpdatedAt.IsZero() {
		lw.prop("LAST-MODIFIED", icsUTC(f.UpdatedAt))
	}
	if day != "" {
		lw.prop("DTSTART"+dayParam, day)
		lw.prop("DUE"+dayParam, day)
	}
	lw.text("SUMMARY", todoSummary(f))
	if d := todoDescription(f); d != "" {
		lw.text("DESCRIPTION", d)
	}
	if f.Kind == model.KindPromise {
		lw.prop("CATEGORIES", "PROMISE")
		lw.prop("PRIORITY", "1")
	} else {
		lw.prop("CATEGORIES", "FOLLOW-UP")
	}
	if rule := f.Recur.RRule(); rule != "" && day != "" {
		lw.prop("RRULE", rule)
	}
	lw.prop("STATUS", "NEEDS-ACTION")
	lw.prop("END", "VTODO")
}

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

// icsUTC formats a moment as an iCalendar UTC DATE-TIME: 20261203T140000Z.
func icsUTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
