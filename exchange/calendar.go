package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // calendars name zones (Europe/Berlin) that a minimal machine lacks

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"rapport/model"
)

// Calendar files: the VEVENTs of an .ics file, as Google, Outlook, Apple
// Calendar, Thunderbird, khal and calcurse export them, read as meetings.
// A repeating event becomes one meeting per occurrence in the window the
// caller gives (EXDATE removes one, a RECURRENCE-ID override moves or
// cancels one); a cancelled event or occurrence is listed so an import can
// remove it. VTODOs and other components are ignored.

// maxCalendarDepth bounds how deeply components nest: real calendars nest
// two or three deep (VCALENDAR, VEVENT, VALARM), and a file nesting
// thousands deep must not exhaust the stack.
const maxCalendarDepth = 8

// maxOccurrences bounds a repeating event in the window imported: a daily
// meeting over four months is 120.
const maxOccurrences = 1000

// CalendarFile is what ReadMeetings found.
type CalendarFile struct {
	// Meetings are the occurrences in the window, by start.
	Meetings []model.Meeting
	// Sources are the UIDs of every event the file holds: an import may
	// drop stored occurrences of these that the file no longer gives.
	Sources []string
	// Cancelled are the uids (an event's, or an occurrence's) the file
	// says are cancelled.
	Cancelled []string
	// Skipped says, per event, why it was left out (a bad date, a rule
	// that cannot be read).
	Skipped []string
}

// ReadMeetings reads an iCalendar file (at most limit bytes; 0 or less:
// DefaultReadLimit) and returns its events' occurrences that start within
// [from, to]. Floating times are read in loc.
func ReadMeetings(r io.Reader, limit int64, from, to time.Time, loc *time.Location) (CalendarFile, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return CalendarFile{}, err
	}
	if int64(len(data)) > limit {
		return CalendarFile{}, fmt.Errorf("%w: the calendar is larger than %d MB", ErrTooLarge, limit>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkCalendarShape(data); err != nil {
		return CalendarFile{}, err
	}
	var out CalendarFile
	dec := ical.NewDecoder(bytes.NewReader(data))
	seen := map[string]bool{}
	for n := 0; ; n++ {
		cal, err := decodeCalendar(dec)
		if errors.Is(err, io.EOF) && n > 0 {
			break
		}
		if err != nil {
			if n == 0 {
				return CalendarFile{}, fmt.Errorf("%w: not an iCalendar file: %s", model.ErrInvalid, calendarReason(err))
			}
			return CalendarFile{}, fmt.Errorf("%w: %s", model.ErrInvalid, calendarReason(err))
		}
		zones := calendarZones(cal)
		masters, overrides := map[string]*ical.Component{}, map[string][]*ical.Component{}
		var order []string
		for _, c := range cal.Children {
			if c.Name != ical.CompEvent {
				continue
			}
			uid, _ := c.Props.Text(ical.PropUID)
			uid = strings.TrimSpace(uid)
			if uid == "" {
				out.Skipped = append(out.Skipped, "an event without a UID")
				continue
			}
			if c.Props.Get(ical.PropRecurrenceID) != nil {
				overrides[uid] = append(overrides[uid], c)
				if masters[uid] == nil && !seen[uid] {
					order = append(order, uid)
					seen[uid] = true
				}
				continue
			}
			masters[uid] = c
			if !seen[uid] {
				order = append(order, uid)
				seen[uid] = true
			}
		}
		for _, uid := range order {
			out.Sources = append(out.Sources, uid)
			occ, cancelled, err := expandEvent(uid, masters[uid], overrides[uid], zones, from, to, loc)
			if err != nil {
				out.Skipped = append(out.Skipped, fmt.Sprintf("%s: %s", model.Quote(eventTitle(masters[uid], overrides[uid])), err))
				continue
			}
			out.Meetings = append(out.Meetings, occ...)
			out.Cancelled = append(out.Cancelled, cancelled...)
		}
	}
	sort.SliceStable(out.Meetings, func(i, j int) bool { return out.Meetings[i].Start.Before(out.Meetings[j].Start) })
	return out, nil
}

// checkCalendarShape refuses what is not a calendar before it is decoded:
// no BEGIN:VCALENDAR, or components nested deeper than any calendar does.
func checkCalendarShape(data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 8<<20)
	depth, begun := 0, false
	for sc.Scan() {
		line := strings.ToUpper(strings.TrimSpace(sc.Text()))
		switch {
		case strings.HasPrefix(line, "BEGIN:"):
			if depth == 0 && line != "BEGIN:VCALENDAR" {
				return fmt.Errorf("%w: not an iCalendar file: it starts with %s, not BEGIN:VCALENDAR", model.ErrInvalid, model.Quote(sc.Text()))
			}
			begun = true
			if depth++; depth > maxCalendarDepth {
				return fmt.Errorf("%w: components nest more than %d deep — not a calendar a program exports", model.ErrInvalid, maxCalendarDepth)
			}
		case strings.HasPrefix(line, "END:"):
			depth--
		case line != "" && depth == 0 && !begun:
			return fmt.Errorf("%w: not an iCalendar file: it starts with %s, not BEGIN:VCALENDAR", model.ErrInvalid, model.Quote(sc.Text()))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%w: a line is longer than 8 MB — not a calendar", model.ErrInvalid)
	}
	if !begun {
		return fmt.Errorf("%w: not an iCalendar file: there is no BEGIN:VCALENDAR", model.ErrInvalid)
	}
	return nil
}

// decodeCalendar decodes the next VCALENDAR. The decoder indexes past the
// end of some malformed lines (a parameter with no value); that is a bad
// file, said as one, not a crash.
func decodeCalendar(dec *ical.Decoder) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, errors.New("a line is malformed (a property or parameter is cut short)")
		}
	}()
	return dec.Decode()
}

func calendarReason(err error) string {
	return strings.TrimPrefix(err.Error(), "ical: ")
}

func eventTitle(master *ical.Component, overrides []*ical.Component) string {
	c := master
	if c == nil && len(overrides) > 0 {
		c = overrides[0]
	}
	if c == nil {
		return "an event"
	}
	t, _ := c.Props.Text(ical.PropSummary)
	if t = strings.TrimSpace(t); t == "" {
		return "an event"
	}
	return t
}

// occurrenceKey names an occurrence by its original start: the UTC time, or
// the date for an all-day event.
func occurrenceKey(t time.Time, allDay bool) string {
	if allDay {
		return t.Format("20060102")
	}
	return t.UTC().Format("20060102T150405Z")
}

// expandEvent turns one event (its master and its overrides) into the
// meetings in [from, to], and the uids it cancels.
func expandEvent(uid string, master *ical.Component, overrides []*ical.Component, zones map[string]*time.Location,
	from, to time.Time, loc *time.Location) ([]model.Meeting, []string, error) {
	over := map[string]*ical.Component{}
	for _, o := range overrides {
		rid, allDay, err := propTime(o.Props.Get(ical.PropRecurrenceID), zones, loc)
		if err != nil {
			return nil, nil, fmt.Errorf("RECURRENCE-ID: %w", err)
		}
		over[occurrenceKey(rid, allDay)] = o
	}
	var out []model.Meeting
	var cancelled []string
	add := func(c *ical.Component, key string, repeating bool) error {
		m, err := eventMeeting(c, zones, loc)
		if err != nil {
			return err
		}
		m.Source, m.UID = uid, uid
		if repeating {
			m.UID = uid + "/" + key
		}
		if isCancelled(c) {
			cancelled = append(cancelled, m.UID)
			return nil
		}
		if !m.Start.Before(from) && !m.Start.After(to) {
			out = append(out, m)
		}
		return nil
	}
	if master == nil {
		// Only overrides (a calendar that shares one changed occurrence):
		// each stands for itself.
		for key, o := range over {
			if err := add(o, key, true); err != nil {
				return nil, nil, err
			}
		}
		return out, cancelled, nil
	}
	if isCancelled(master) {
		return nil, []string{uid}, nil
	}
	set, allDay, err := recurrence(master, zones, loc)
	if err != nil {
		return nil, nil, err
	}
	if set == nil {
		return out, cancelled, add(master, "", false)
	}
	// An occurrence's meeting may start before its original start (moved
	// earlier): look a little wider, the window applies to where it lands.
	// A rule that repeats by the minute or second would give millions: no
	// meeting series holds more than maxOccurrences in the window.
	lo, hi := from.AddDate(0, 0, -7), to.AddDate(0, 0, 7)
	next := set.Iterator()
	var times []time.Time
	skipped := 0
	for t, ok := next(); ok && !t.After(hi); t, ok = next() {
		if t.Before(lo) {
			// A daily series begun decades ago passes some ten thousand
			// occurrences on its way to the window; a rule by the second
			// would never arrive.
			if skipped++; skipped > 100*maxOccurrences {
				return nil, nil, fmt.Errorf("it repeats too often since %s to reach the days imported — not a meeting series", times0(set))
			}
			continue
		}
		if len(times) == maxOccurrences {
			return nil, nil, fmt.Errorf("it repeats more than %d times in the %d days imported — not a meeting series", maxOccurrences, int(hi.Sub(lo).Hours()/24))
		}
		times = append(times, t)
	}
	for _, t := range times {
		key := occurrenceKey(t, allDay)
		if o := over[key]; o != nil {
			delete(over, key)
			if err := add(o, key, true); err != nil {
				return nil, nil, err
			}
			continue
		}
		c := *master
		c.Props = copyProps(master.Props)
		start, _, _ := propTime(master.Props.Get(ical.PropDateTimeStart), zones, loc)
		end, dur := eventEnd(master, start, zones, loc)
		setTime(c.Props, ical.PropDateTimeStart, t, allDay)
		if !end.IsZero() {
			setTime(c.Props, ical.PropDateTimeEnd, t.Add(dur), allDay)
		}
		if err := add(&c, key, true); err != nil {
			return nil, nil, err
		}
	}
	for key, o := range over { // an override moved from outside the window into it
		if err := add(o, key, true); err != nil {
			return nil, nil, err
		}
	}
	return out, cancelled, nil
}

// times0 is when a recurrence set starts, for a message.
func times0(set *rrule.Set) string { return set.GetDTStart().Format("2006-01-02") }

func isCancelled(c *ical.Component) bool {
	s, _ := c.Props.Text(ical.PropStatus)
	return strings.EqualFold(strings.TrimSpace(s), "CANCELLED")
}

// recurrence is the event's recurrence set, or nil when it does not
// repeat. EXDATE and RDATE may hold several values each.
func recurrence(c *ical.Component, zones map[string]*time.Location, loc *time.Location) (*rrule.Set, bool, error) {
	ro, err := c.Props.RecurrenceRule()
	if err != nil {
		return nil, false, fmt.Errorf("RRULE: %s", calendarReason(err))
	}
	start, allDay, err := propTime(c.Props.Get(ical.PropDateTimeStart), zones, loc)
	if err != nil {
		return nil, false, fmt.Errorf("DTSTART: %w", err)
	}
	rdates := c.Props.Values(ical.PropRecurrenceDates)
	if ro == nil && len(rdates) == 0 {
		return nil, allDay, nil
	}
	set := &rrule.Set{}
	set.DTStart(start)
	if ro != nil {
		ro.Dtstart = start
		rule, err := rrule.NewRRule(*ro)
		if err != nil {
			return nil, false, fmt.Errorf("RRULE: %v", err)
		}
		set.RRule(rule)
	} else {
		set.RDate(start)
	}
	for _, name := range []string{ical.PropExceptionDates, ical.PropRecurrenceDates} {
		for _, p := range c.Props.Values(name) {
			for _, v := range strings.Split(p.Value, ",") {
				one := p
				one.Value = strings.TrimSpace(v)
				t, _, err := propTime(&one, zones, loc)
				if err != nil {
					return nil, false, fmt.Errorf("%s: %w", name, err)
				}
				if name == ical.PropExceptionDates {
					set.ExDate(t)
				} else {
					set.RDate(t)
				}
			}
		}
	}
	return set, allDay, nil
}

// eventMeeting reads one event (or occurrence) as a meeting.
func eventMeeting(c *ical.Component, zones map[string]*time.Location, loc *time.Location) (model.Meeting, error) {
	var m model.Meeting
	start, allDay, err := propTime(c.Props.Get(ical.PropDateTimeStart), zones, loc)
	if err != nil {
		return m, fmt.Errorf("DTSTART: %w", err)
	}
	m.Start, m.AllDay = start, allDay
	m.End, _ = eventEnd(c, start, zones, loc)
	title, _ := c.Props.Text(ical.PropSummary)
	m.Title = clipRunes(oneLine(title), model.MaxShortTextLen)
	if m.Title == "" {
		m.Title = "(no title)"
	}
	where, _ := c.Props.Text(ical.PropLocation)
	m.Location = clipRunes(oneLine(where), model.MaxShortTextLen)
	seen := map[string]bool{}
	attend := func(p ical.Prop, organizer bool) {
		email := model.NormEmail(p.Value)
		if email == "" || !strings.Contains(email, "@") || seen[email] || len(m.Attendees) >= model.MaxAttendees {
			return
		}
		seen[email] = true
		name := oneLine(p.Params.Get(ical.ParamCommonName))
		if model.NormEmail(name) == email {
			name = "" // a calendar that knows no name repeats the address
		}
		m.Attendees = append(m.Attendees, model.Attendee{Email: clipRunes(email, model.MaxShortTextLen),
			Name: clipRunes(name, model.MaxShortTextLen), Organizer: organizer})
	}
	if p := c.Props.Get(ical.PropOrganizer); p != nil {
		attend(*p, true)
	}
	for _, p := range c.Props.Values(ical.PropAttendee) {
		attend(p, false)
	}
	return m, nil
}

// eventEnd is the event's end (DTEND, else DTSTART + DURATION, else the end
// of an all-day event's day) and its length.
func eventEnd(c *ical.Component, start time.Time, zones map[string]*time.Location, loc *time.Location) (time.Time, time.Duration) {
	if p := c.Props.Get(ical.PropDateTimeEnd); p != nil {
		if end, _, err := propTime(p, zones, loc); err == nil && !end.Before(start) {
			return end, end.Sub(start)
		}
	}
	if p := c.Props.Get(ical.PropDuration); p != nil {
		if d, err := p.Duration(); err == nil && d >= 0 {
			return start.Add(d), d
		}
	}
	if p := c.Props.Get(ical.PropDateTimeStart); p != nil && isDateValue(p) {
		return start.AddDate(0, 0, 1), 24 * time.Hour
	}
	return time.Time{}, 0
}

func isDateValue(p *ical.Prop) bool {
	return p.ValueType() == ical.ValueDate || len(strings.TrimSpace(p.Value)) == len("20060102")
}

// propTime reads a date or date-time property: a date (all-day) in UTC, a
// UTC time, a time in its TZID zone, or a floating time in loc.
func propTime(p *ical.Prop, zones map[string]*time.Location, loc *time.Location) (time.Time, bool, error) {
	if p == nil {
		return time.Time{}, false, errors.New("missing")
	}
	v := strings.TrimSpace(p.Value)
	switch {
	case isDateValue(p):
		t, err := time.ParseInLocation("20060102", v, time.UTC)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%s is not a date", model.Quote(v))
		}
		return t, true, nil
	case strings.HasSuffix(v, "Z"):
		t, err := time.ParseInLocation("20060102T150405Z", v, time.UTC)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%s is not a date and time", model.Quote(v))
		}
		return t, false, nil
	}
	at := loc
	if tzid := strings.Trim(p.Params.Get(ical.PropTimezoneID), `"`); tzid != "" {
		z, ok := zones[tzid]
		if !ok {
			z = zoneNamed(tzid)
		}
		if z == nil {
			return time.Time{}, false, fmt.Errorf("the time zone %s is unknown", model.Quote(tzid))
		}
		at = z
	}
	t, err := time.ParseInLocation("20060102T150405", v, at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%s is not a date and time", model.Quote(v))
	}
	return t, false, nil
}

func setTime(props ical.Props, name string, t time.Time, allDay bool) {
	p := ical.NewProp(name)
	if allDay {
		p.SetDate(t)
	} else {
		p.Value = t.UTC().Format("20060102T150405Z")
	}
	props.Set(p)
}

func copyProps(in ical.Props) ical.Props {
	out := make(ical.Props, len(in))
	for k, v := range in {
		out[k] = append([]ical.Prop(nil), v...)
	}
	return out
}

// calendarZones resolves the TZIDs a calendar's VTIMEZONEs define: by
// their name when it is one the zone database knows (Europe/Berlin) or a
// Windows name with a known equivalent (W. Europe Standard Time), else as
// the fixed offset of its standard time.
func calendarZones(cal *ical.Calendar) map[string]*time.Location {
	zones := map[string]*time.Location{}
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		id, _ := c.Props.Text(ical.PropTimezoneID)
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if z := zoneNamed(id); z != nil {
			zones[id] = z
			continue
		}
		for _, part := range c.Children {
			if part.Name != ical.CompTimezoneStandard {
				continue
			}
			if p := part.Props.Get(ical.PropTimezoneOffsetTo); p != nil {
				if off, ok := parseOffset(p.Value); ok {
					zones[id] = time.FixedZone(id, off)
				}
			}
		}
	}
	return zones
}

// zoneNamed is the zone an IANA or a common Windows name names, or nil.
func zoneNamed(name string) *time.Location {
	if z, err := time.LoadLocation(name); err == nil {
		return z
	}
	if iana, ok := windowsZones[name]; ok {
		if z, err := time.LoadLocation(iana); err == nil {
			return z
		}
	}
	return nil
}

// parseOffset reads "+0100" or "-0530" as seconds east of UTC.
func parseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	var h, m, sec int
	if _, err := fmt.Sscanf(s[1:5], "%02d%02d", &h, &m); err != nil {
		return 0, false
	}
	if len(s) == 7 {
		fmt.Sscanf(s[5:], "%02d", &sec)
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// windowsZones maps the zone names Outlook writes to their IANA names (the
// most common ones; others fall back to the VTIMEZONE's standard offset).
var windowsZones = map[string]string{
	"GMT Standard Time":              "Europe/London",
	"Greenwich Standard Time":        "Atlantic/Reykjavik",
	"W. Europe Standard Time":        "Europe/Berlin",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"Romance Standard Time":          "Europe/Paris",
	"E. Europe Standard Time":        "Europe/Chisinau",
	"FLE Standard Time":              "Europe/Kiev",
	"GTB Standard Time":              "Europe/Bucharest",
	"Russian Standard Time":          "Europe/Moscow",
	"Eastern Standard Time":          "America/New_York",
	"Central Standard Time":          "America/Chicago",
	"Mountain Standard Time":         "America/Denver",
	"Pacific Standard Time":          "America/Los_Angeles",
	"India Standard Time":            "Asia/Kolkata",
	"China Standard Time":            "Asia/Shanghai",
	"Tokyo Standard Time":            "Asia/Tokyo",
	"Singapore Standard Time":        "Asia/Singapore",
	"AUS Eastern Standard Time":      "Australia/Sydney",
	"UTC":                            "UTC",
}

// clipRunes cuts s to n runes.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
