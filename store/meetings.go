package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rapport/model"
)

// Meetings: read from calendar files or added by hand; their attendees
// matched to people by address (any case), their account the first matched
// person's.

const meetingCols = `m.id, m.uid, m.source, m.title, m.starts_at, m.ends_at, m.all_day, m.location,
	coalesce(m.account_id, 0), coalesce(a.uid, ''), coalesce(a.name, ''), m.debriefed_at, m.created_at, m.updated_at`

const meetingFrom = "meeting m LEFT JOIN account a ON a.id = m.account_id"

func scanMeeting(sc scanner, extra ...any) (model.Meeting, error) {
	var m model.Meeting
	var start, end, created, updated string
	var debriefed sql.NullString
	dest := []any{&m.ID, &m.UID, &m.Source, &m.Title, &start, &end, &m.AllDay, &m.Location,
		&m.AccountID, &m.AccountUID, &m.AccountName, &debriefed, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return m, err
	}
	m.Start = parseTS(start)
	if end != "" {
		m.End = parseTS(end)
	}
	m.DebriefedAt = parseTSNull(debriefed)
	m.CreatedAt, m.UpdatedAt = parseTS(created), parseTS(updated)
	return m, nil
}

// meetingDoc is a meeting as the JSON document holds it: account and
// people by uid, no row ids or names.
func meetingDoc(m model.Meeting) model.Meeting {
	m.ID, m.AccountID, m.AccountName = 0, 0, ""
	if m.Attendees != nil {
		as := make([]model.Attendee, len(m.Attendees))
		for i, a := range m.Attendees {
			a.PersonID, a.PersonName, a.AccountName = 0, "", ""
			as[i] = a
		}
		m.Attendees = as
	}
	return m
}

// attachAttendees fills the attendees of meetings, in the order invited,
// with the people they match; every reads those of all meetings (an
// export holds them all).
func attachAttendees(ctx context.Context, db querier, ms []model.Meeting, every bool) error {
	if len(ms) == 0 {
		return nil
	}
	at := make(map[int64]int, len(ms))
	ids := make([]int64, len(ms))
	for i, m := range ms {
		at[m.ID], ids[i] = i, m.ID
	}
	where, args := parentsIn("ma.meeting_id", ids, every)
	rows, err := db.QueryContext(ctx, `SELECT ma.meeting_id, ma.email, ma.name, ma.organizer, coalesce(p.id, 0), coalesce(p.uid, ''),
		coalesce(p.name, ''), coalesce(acc.name, '')
		FROM meeting_attendee ma LEFT JOIN person p ON p.id = ma.person_id LEFT JOIN account acc ON acc.id = p.account_id`+
		where+` ORDER BY ma.meeting_id, ma.position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var mid int64
		var a model.Attendee
		if err := rows.Scan(&mid, &a.Email, &a.Name, &a.Organizer, &a.PersonID, &a.PersonUID, &a.PersonName, &a.AccountName); err != nil {
			return err
		}
		if i, ok := at[mid]; ok {
			ms[i].Attendees = append(ms[i].Attendees, a)
		}
	}
	return rows.Err()
}

// readMeetings runs a query of meetings and attaches their attendees.
func readMeetings(ctx context.Context, db querier, where string, args ...any) ([]model.Meeting, error) {
	rows, err := db.QueryContext(ctx, "SELECT "+meetingCols+" FROM "+meetingFrom+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	var out []model.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, attachAttendees(ctx, db, out, false)
}

// getMeeting loads one meeting with its attendees.
func getMeeting(ctx context.Context, db querier, id int64) (model.Meeting, error) {
	ms, err := readMeetings(ctx, db, "m.id = ?", id)
	if err != nil {
		return model.Meeting{}, err
	}
	if len(ms) == 0 {
		return model.Meeting{}, sql.ErrNoRows
	}
	return ms[0], nil
}

// dayWhere selects the meetings of a local calendar day: those that start
// within it, and the all-day ones of its date (stored at 00:00 UTC).
func (s *Store) dayWhere(day model.Date) (string, []any) {
	return "(m.starts_at >= ? AND m.starts_at < ? AND m.all_day = 0 OR m.starts_at >= ? AND m.starts_at < ? AND m.all_day = 1)",
		[]any{ts(day.Time(s.loc)), ts(day.AddDays(1).Time(s.loc)), ts(day.Time(time.UTC)), ts(day.AddDays(1).Time(time.UTC))}
}

// MeetingsOn returns the meetings of one day (local), all-day ones first,
// then by start.
func (s *Store) MeetingsOn(ctx context.Context, day model.Date) ([]model.Meeting, error) {
	var out []model.Meeting
	err := s.read(ctx, "meetings on "+day.String(), func(tx *sql.Tx) error {
		var err error
		out, _, err = s.meetingsOn(ctx, tx, day, 0, MaxPage)
		return err
	})
	return out, err
}

// meetingsOn reads up to limit meetings of a day (of one account when
// accountID is set) and counts them all.
func (s *Store) meetingsOn(ctx context.Context, db querier, day model.Date, accountID int64, limit int) ([]model.Meeting, int, error) {
	where, args := s.dayWhere(day)
	if accountID != 0 {
		where += " AND m.account_id = ?"
		args = append(args, accountID)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM meeting m WHERE "+where, args...).Scan(&n); err != nil || n == 0 {
		return nil, 0, err
	}
	ms, err := readMeetings(ctx, db, where+" ORDER BY m.all_day DESC, m.starts_at, m.id LIMIT ?", append(args, limit)...)
	return ms, n, err
}

// Meeting returns one meeting with its attendees.
func (s *Store) Meeting(ctx context.Context, id int64) (model.Meeting, error) {
	return readOne(ctx, s, "meeting", id, getMeeting)
}

// NextMeeting returns the first meeting with hours that has not ended by
// now: the one about to start, or the one under way. All-day events (an
// offsite, a day off) are not what one prepares in the minute before.
func (s *Store) NextMeeting(ctx context.Context, now time.Time) (model.Meeting, error) {
	var m model.Meeting
	err := s.read(ctx, "next meeting", func(tx *sql.Tx) error {
		// From a day back (a long one may still run), by start, a page at
		// a time until one has not ended.
		from, id := ts(now.Add(-24*time.Hour)), int64(0)
		for {
			ms, err := readMeetings(ctx, tx, "(m.starts_at, m.id) > (?, ?) ORDER BY m.starts_at, m.id LIMIT 50", from, id)
			if err != nil {
				return err
			}
			for _, x := range ms {
				if !x.AllDay && !x.Past(now) {
					m = x
					return nil
				}
			}
			if len(ms) < 50 {
				return fmt.Errorf("%w: no meeting from now on", model.ErrNotFound)
			}
			last := ms[len(ms)-1]
			from, id = ts(last.Start), last.ID
		}
	})
	return m, err
}

// PersonMeetings returns the meetings a person attends that start from
// from on, by start, at most limit.
func (s *Store) PersonMeetings(ctx context.Context, personID int64, from time.Time, limit int) ([]model.Meeting, error) {
	var out []model.Meeting
	err := s.read(ctx, fmt.Sprintf("meetings of person %d", personID), func(tx *sql.Tx) error {
		var err error
		out, err = readMeetings(ctx, tx, `m.id IN (SELECT meeting_id FROM meeting_attendee WHERE person_id = ?) AND m.starts_at >= ?
			ORDER BY m.starts_at, m.id LIMIT ?`, personID, ts(from), limit)
		return err
	})
	return out, err
}

// AccountMeetings returns the meetings of an account that start from from
// on, by start, at most limit.
func (s *Store) AccountMeetings(ctx context.Context, accountID int64, from time.Time, limit int) ([]model.Meeting, error) {
	var out []model.Meeting
	err := s.read(ctx, fmt.Sprintf("meetings of account %d", accountID), func(tx *sql.Tx) error {
		var err error
		out, err = readMeetings(ctx, tx, `m.account_id = ? AND m.starts_at >= ? ORDER BY m.starts_at, m.id LIMIT ?`, accountID, ts(from), limit)
		return err
	})
	return out, err
}

// MeetingImport is what SaveMeetings did (or, in a dry run, would do).
type MeetingImport struct {
	Created, Updated, Unchanged, Removed int
	// Unmatched are the addresses no person has, each once, with the
	// names calendars gave them, in the order first met.
	Unmatched []model.Attendee
}

// Changed reports whether the import changed anything.
func (r MeetingImport) Changed() bool { return r.Created+r.Updated+r.Removed > 0 }

// CalendarChange is what a calendar file says: its meetings (occurrences
// in [From, To]), the events it holds (Sources) and what it cancels.
type CalendarChange struct {
	Meetings  []model.Meeting
	Sources   []string
	Cancelled []string
	From, To  time.Time
}

// SaveMeetings writes a calendar file's meetings in one transaction,
// matched by uid: a second import of the same file changes nothing and a
// moved one moves. Stored occurrences of the file's events in its window
// that the file no longer gives, and the ones it cancels, are removed —
// unless they were debriefed, which keeps them as a record. With dryRun
// nothing is written.
func (s *Store) SaveMeetings(ctx context.Context, c CalendarChange, dryRun bool) (MeetingImport, error) {
	var res MeetingImport
	write := s.write
	if dryRun {
		write = s.read
	}
	err := write(ctx, "save meetings", func(tx *sql.Tx) error {
		now := s.stamp()
		seenUnmatched := map[string]bool{}
		keep := map[string]bool{}
		for _, m := range c.Meetings {
			keep[m.UID] = true
			if err := matchAttendees(ctx, tx, &m); err != nil {
				return err
			}
			for _, a := range m.Attendees {
				if a.PersonID == 0 && !seenUnmatched[a.Email] {
					seenUnmatched[a.Email] = true
					res.Unmatched = append(res.Unmatched, a)
				}
			}
			if err := m.Validate(); err != nil {
				return fmt.Errorf("%s: %w", model.Quote(m.Title), err)
			}
			old, err := readMeetings(ctx, tx, "m.uid = ?", m.UID)
			if err != nil {
				return err
			}
			switch {
			case len(old) == 0:
				res.Created++
				if !dryRun {
					if _, err := insertMeeting(ctx, tx, m, now); err != nil {
						return err
					}
				}
			case sameMeeting(old[0], m):
				res.Unchanged++
			default:
				res.Updated++
				if !dryRun {
					m.ID = old[0].ID
					if err := updateMeeting(ctx, tx, m, now); err != nil {
						return err
					}
				}
			}
		}
		// Gone from the file: occurrences of its events in its window, and
		// what it cancels; a debriefed meeting stays.
		gone := map[int64]bool{}
		sources := map[string]bool{}
		for _, src := range c.Sources {
			sources[src] = true
		}
		if len(sources) > 0 {
			rows, err := tx.QueryContext(ctx, `SELECT id, uid, source FROM meeting WHERE starts_at >= ? AND starts_at <= ?
				AND source <> '' AND debriefed_at IS NULL`, ts(c.From), ts(c.To))
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var uid, src string
				if err := rows.Scan(&id, &uid, &src); err != nil {
					rows.Close()
					return err
				}
				if sources[src] && !keep[uid] {
					gone[id] = true
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		for _, uid := range c.Cancelled {
			rows, err := tx.QueryContext(ctx, "SELECT id FROM meeting WHERE (uid = ? OR source = ? AND source <> '') AND debriefed_at IS NULL", uid, uid)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				gone[id] = true
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		res.Removed = len(gone)
		if dryRun {
			return nil
		}
		for id := range gone {
			if _, err := tx.ExecContext(ctx, "DELETE FROM meeting WHERE id = ?", id); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// matchAttendees finds the person of each address (a live one first) and
// takes the meeting's account from the first person matched. An attendee
// added by hand as a person without an address stays that person.
func matchAttendees(ctx context.Context, db querier, m *model.Meeting) error {
	m.AccountID, m.AccountName = 0, ""
	for i := range m.Attendees {
		a := &m.Attendees[i]
		a.Email = model.NormEmail(a.Email)
		var p model.Person
		var ok bool
		var err error
		if a.Email == "" && a.PersonID != 0 {
			p, err = getPerson(ctx, db, a.PersonID)
			ok = err == nil
			if errors.Is(err, sql.ErrNoRows) {
				err = nil
			}
		} else {
			p, ok, err = personByEmail(ctx, db, a.Email)
		}
		a.PersonID, a.PersonUID, a.PersonName, a.AccountName = 0, "", "", ""
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		a.PersonID, a.PersonUID, a.PersonName, a.AccountName = p.ID, p.UID, p.Name, p.AccountName
		if m.AccountID == 0 {
			m.AccountID, m.AccountName = p.AccountID, p.AccountName
		}
	}
	return nil
}

// personByEmail finds the person an address is, ignoring case: a live one
// before an archived one, the oldest first.
func personByEmail(ctx context.Context, db querier, email string) (model.Person, bool, error) {
	if email == "" {
		return model.Person{}, false, nil
	}
	p, err := scanPerson(db.QueryRowContext(ctx, "SELECT "+personCols+" FROM "+personFrom+
		" WHERE p.email = ? COLLATE NOCASE ORDER BY p.archived_at IS NOT NULL, p.id LIMIT 1", email))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Person{}, false, nil
	}
	return p, err == nil, err
}

// PeopleByEmail returns the person each address is (any case), by address
// as given; an address no person has is left out.
func (s *Store) PeopleByEmail(ctx context.Context, emails []string) (map[string]model.Person, error) {
	out := map[string]model.Person{}
	err := s.read(ctx, "people by email", func(tx *sql.Tx) error {
		for _, e := range emails {
			p, ok, err := personByEmail(ctx, tx, model.NormEmail(e))
			if err != nil {
				return err
			}
			if ok {
				out[e] = p
			}
		}
		return nil
	})
	return out, err
}

// sameMeeting reports whether an import would change nothing of a stored
// meeting.
func sameMeeting(a, b model.Meeting) bool {
	if a.Title != b.Title || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.AllDay != b.AllDay || a.Location != b.Location ||
		a.Source != b.Source || a.AccountID != b.AccountID || len(a.Attendees) != len(b.Attendees) {
		return false
	}
	for i := range a.Attendees {
		x, y := a.Attendees[i], b.Attendees[i]
		if x.Email != y.Email || x.Name != y.Name || x.Organizer != y.Organizer || x.PersonID != y.PersonID {
			return false
		}
	}
	return true
}

func insertMeeting(ctx context.Context, tx *sql.Tx, m model.Meeting, now time.Time) (int64, error) {
	if m.UID == "" {
		m.UID = model.NewUID()
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO meeting (uid, source, title, starts_at, ends_at, all_day, location, account_id, debriefed_at,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.UID, m.Source, m.Title, ts(m.Start), endTS(m.End), m.AllDay, m.Location, nullID(m.AccountID), tsNull(m.DebriefedAt),
		ts(now), ts(now)).Scan(&m.ID)
	if err != nil {
		return 0, err
	}
	return m.ID, writeAttendees(ctx, tx, m)
}

func updateMeeting(ctx context.Context, tx *sql.Tx, m model.Meeting, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE meeting SET source = ?, title = ?, starts_at = ?, ends_at = ?, all_day = ?, location = ?,
		account_id = ?, updated_at = ? WHERE id = ?`,
		m.Source, m.Title, ts(m.Start), endTS(m.End), m.AllDay, m.Location, nullID(m.AccountID), ts(now), m.ID)
	if err != nil {
		return err
	}
	if err := mustAffect(res); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM meeting_attendee WHERE meeting_id = ?", m.ID); err != nil {
		return err
	}
	return writeAttendees(ctx, tx, m)
}

// endTS is a meeting's end as stored: "" for none.
func endTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ts(t)
}

func writeAttendees(ctx context.Context, tx *sql.Tx, m model.Meeting) error {
	for i, a := range m.Attendees {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendee (meeting_id, position, email, name, organizer, person_id)
			VALUES (?, ?, ?, ?, ?, ?)`, m.ID, i, a.Email, a.Name, a.Organizer, nullID(a.PersonID)); err != nil {
			return err
		}
	}
	return nil
}

// SaveMeeting adds a meeting by hand (ID 0) or corrects one: its
// attendees are matched by address again, and the account follows them
// unless one is given (AccountID) for a meeting whose attendees match
// nobody.
func (s *Store) SaveMeeting(ctx context.Context, m model.Meeting) (model.Meeting, error) {
	for i := range m.Attendees {
		m.Attendees[i].Email = model.NormEmail(m.Attendees[i].Email)
	}
	if err := m.Validate(); err != nil {
		return m, err
	}
	what := "add meeting"
	if m.ID != 0 {
		what = fmt.Sprintf("save meeting %d", m.ID)
	}
	err := s.write(ctx, what, func(tx *sql.Tx) error {
		given := m.AccountID
		if err := matchAttendees(ctx, tx, &m); err != nil {
			return err
		}
		if m.AccountID == 0 {
			m.AccountID = given
		}
		now := s.stamp()
		if m.ID == 0 {
			id, err := insertMeeting(ctx, tx, m, now)
			m.ID = id
			return err
		}
		return updateMeeting(ctx, tx, m, now)
	})
	if err != nil {
		return m, err
	}
	return s.Meeting(ctx, m.ID)
}

// DeleteMeeting deletes a meeting (what was logged from its debrief stays).
func (s *Store) DeleteMeeting(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete meeting %d", id), func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "meeting", id)
	})
}

// Debrief is what one save after a meeting (or a conversation with
// several people) writes.
type Debrief struct {
	MeetingID int64 // 0: people met without a meeting in the calendar
	Touch     model.Touch
	Notes     []model.Note
	FollowUps []model.FollowUp
	// AskedNotes are notes the conversation asked about, marked asked.
	AskedNotes []int64
}

// DebriefResult is what SaveDebrief wrote, by uid, for undo.
type DebriefResult struct {
	MeetingUID string
	Touch      model.Touch
	Notes      []model.Note
	FollowUps  []model.FollowUp
	AskedNotes []string
}

// SaveDebrief saves a debrief in one transaction: one touch for all its
// people (every cadence restarts), the notes, the follow-ups, and the
// meeting marked debriefed. A note or follow-up without a person or
// account goes on the touch's account. Nothing is written if any of it is
// wrong.
func (s *Store) SaveDebrief(ctx context.Context, d Debrief) (DebriefResult, error) {
	var res DebriefResult
	err := s.write(ctx, "save debrief", func(tx *sql.Tx) error {
		t, err := s.insertTouch(ctx, tx, d.Touch, true)
		if err != nil {
			return fmt.Errorf("touch: %w", err)
		}
		res.Touch = t
		for _, n := range d.Notes {
			if n.AccountID == 0 {
				n.AccountID = t.AccountID
			}
			saved, err := s.insertNote(ctx, tx, n)
			if err != nil {
				return fmt.Errorf("note %s: %w", model.Quote(n.Text), err)
			}
			res.Notes = append(res.Notes, saved)
		}
		for _, f := range d.FollowUps {
			if f.AccountID == 0 && f.PersonID == 0 {
				f.AccountID = t.AccountID
			}
			saved, err := s.insertFollowUp(ctx, tx, f)
			if err != nil {
				return fmt.Errorf("follow-up %s: %w", model.Quote(f.Text), err)
			}
			res.FollowUps = append(res.FollowUps, saved)
		}
		for _, id := range d.AskedNotes {
			if err := markAsked(ctx, tx, id, true, s.stamp()); err != nil {
				return fmt.Errorf("note %d: %w", id, err)
			}
			var uid string
			if err := tx.QueryRowContext(ctx, "SELECT uid FROM note WHERE id = ?", id).Scan(&uid); err != nil {
				return err
			}
			res.AskedNotes = append(res.AskedNotes, uid)
		}
		if d.MeetingID != 0 {
			now := ts(s.stamp())
			if err := tx.QueryRowContext(ctx, "UPDATE meeting SET debriefed_at = ?, updated_at = ? WHERE id = ? RETURNING uid",
				now, now, d.MeetingID).Scan(&res.MeetingUID); err != nil {
				return fmt.Errorf("meeting %d: %w", d.MeetingID, err)
			}
		}
		return nil
	})
	return res, err
}

// UndoDebrief takes a debrief back in one transaction: its touch, notes
// and follow-ups deleted (found by uid), the notes it asked about open
// again and its meeting no longer debriefed; every cadence it restarted is
// counted again.
func (s *Store) UndoDebrief(ctx context.Context, r DebriefResult) error {
	return s.write(ctx, "undo debrief", func(tx *sql.Tx) error {
		for _, f := range r.FollowUps {
			if _, err := tx.ExecContext(ctx, "DELETE FROM follow_up WHERE uid = ?", f.UID); err != nil {
				return err
			}
		}
		for _, n := range r.Notes {
			if _, err := tx.ExecContext(ctx, "DELETE FROM note WHERE uid = ?", n.UID); err != nil {
				return err
			}
		}
		now := ts(s.stamp())
		for _, uid := range r.AskedNotes {
			if _, err := tx.ExecContext(ctx, "UPDATE note SET asked_at = NULL, updated_at = ? WHERE uid = ?", now, uid); err != nil {
				return err
			}
		}
		var touchID, accountID int64
		err := tx.QueryRowContext(ctx, "SELECT id, account_id FROM touch WHERE uid = ?", r.Touch.UID).Scan(&touchID, &accountID)
		switch {
		case errors.Is(err, sql.ErrNoRows): // deleted meanwhile
		case err != nil:
			return err
		default:
			var people []any
			rows, err := tx.QueryContext(ctx, "SELECT person_id FROM touch_person WHERE touch_id = ?", touchID)
			if err != nil {
				return err
			}
			for rows.Next() {
				var pid int64
				if err := rows.Scan(&pid); err != nil {
					rows.Close()
					return err
				}
				people = append(people, pid)
			}
			rows.Close()
			if err := deleteRow(ctx, tx, "touch", touchID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE account SET last_touch_on = coalesce((SELECT max(on_date) FROM touch WHERE account_id = ?), '') WHERE id = ?",
				accountID, accountID); err != nil {
				return err
			}
			if len(people) > 0 {
				if err := s.refreshTouchDue(ctx, tx, "id IN ("+placeholders(len(people))+")", people...); err != nil {
					return err
				}
			}
		}
		if r.MeetingUID != "" {
			if _, err := tx.ExecContext(ctx, "UPDATE meeting SET debriefed_at = NULL, updated_at = ? WHERE uid = ?", now, r.MeetingUID); err != nil {
				return err
			}
		}
		return nil
	})
}

// LogMail logs a mail as a touch, once per Message-ID (t.MessageID):
// logged reports false, and nothing is written, when a touch of that mail
// is stored already; saved is then that touch.
func (s *Store) LogMail(ctx context.Context, t model.Touch) (saved model.Touch, logged bool, err error) {
	err = s.write(ctx, "log mail", func(tx *sql.Tx) error {
		if t.MessageID != "" {
			var id int64
			err := tx.QueryRowContext(ctx, "SELECT id FROM touch WHERE message_id = ?", t.MessageID).Scan(&id)
			if err == nil {
				saved, err = getTouch(ctx, tx, id)
				return err
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		var err error
		if saved, err = s.insertTouch(ctx, tx, t, true); err != nil {
			return err
		}
		logged = true
		return nil
	})
	return saved, logged, err
}

// MailTouch returns the touch logged from a mail, by its Message-ID;
// model.ErrNotFound when that mail was not logged.
func (s *Store) MailTouch(ctx context.Context, messageID string) (model.Touch, error) {
	var t model.Touch
	err := s.read(ctx, "touch of a mail", func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM touch WHERE message_id = ? AND message_id <> ''", messageID).Scan(&id); err != nil {
			return err
		}
		var err error
		t, err = getTouch(ctx, tx, id)
		return err
	})
	return t, err
}
