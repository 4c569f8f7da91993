package store

import (
	"bytes"
	"testing"
)

func TestExportEmpty(t *testing.T) {
	s := openTransferStore(t)
	b := mustJSON(t, mustExport(t, s))
	for _, want := range []string{`"format": "rapport"`, `"version": 1`, `"accounts": []`, `"follow_ups": []`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("empty export lacks %s:\n%s", want, b)
		}
	}
}

// TestExportCoversSchema fails when a column is added to the schema without
// a place in the JSON document (or a reason to stay out of it), so the
// export cannot silently start leaving data behind.
func TestExportCoversSchema(t *testing.T) {
	s := openTransferStore(t)
	// Every column, as the document holds it; "-" marks what is rebuilt on
	// import rather than exported: row ids, folded copies for sorting and
	// matching, and values derived from the rest.
	known := map[string]string{
		"account.id": "-", "account.uid": "uid", "account.name": "name", "account.name_fold": "-", "account.industry": "industry",
		"account.region": "region", "account.countries": "countries", "account.tier": "tier", "account.currency": "currency",
		"account.revenue": "revenue_minor", "account.potential": "potential_minor", "account.outlook": "outlook",
		"account.importance": "importance", "account.replaceability": "replaceability", "account.brand": "brand",
		"account.direction": "direction", "account.notes": "notes", "account.score": "-", "account.last_touch_on": "-",
		"account.archived_at": "archived_at", "account.created_at": "created_at", "account.updated_at": "updated_at",

		"person.id": "-", "person.uid": "uid", "person.account_id": "account", "person.name": "name", "person.name_fold": "-",
		"person.title": "title", "person.business_unit": "business_unit", "person.location": "location", "person.email": "email",
		"person.phone": "phone", "person.reports_to_id": "reports_to", "person.role": "role", "person.influence": "influence",
		"person.strength": "strength", "person.at_client_since": "at_client_since", "person.career_history": "career_history",
		"person.preferred_channel": "preferred_channel", "person.cadence_days": "cadence_days", "person.receive_info": "receive_info",
		"person.needs_to_show": "needs_to_show", "person.bday_month": "birthday.month", "person.bday_day": "birthday.day",
		"person.bday_year": "birthday.year", "person.last_touch_on": "-", "person.touch_due_on": "-",
		"person.title_fold": "-", "person.stance": "stance", "person.owner": "owner",
		"person.touch_snoozed_until": "touch_snoozed_until", "person.bday_dismissed_year": "birthday_dismissed",
		"person_influence.person_id": "-", "person_influence.influences_id": "influences", "person_influence.position": "influences (order)",
		"person.archived_at": "archived_at", "person.created_at": "created_at", "person.updated_at": "updated_at",

		"note.id": "-", "note.uid": "uid", "note.account_id": "account", "note.person_id": "person", "note.kind": "kind",
		"note.text": "text", "note.on_date": "on", "note.ask_after": "ask_after", "note.asked_at": "asked_at", "note.pinned": "pinned",
		"note.created_at": "created_at", "note.updated_at": "updated_at",

		"touch.id": "-", "touch.uid": "uid", "touch.account_id": "account", "touch.kind": "kind", "touch.on_date": "on",
		"touch.summary": "summary", "touch.text": "text", "touch.created_at": "created_at", "touch.updated_at": "updated_at",
		"touch_person.touch_id": "-", "touch_person.person_id": "people", "touch_person.position": "people (order)",
		"touch_person.on_date": "-",

		"health_check.id": "-", "health_check.uid": "uid", "health_check.account_id": "account", "health_check.on_date": "on",
		"health_check.satisfaction": "satisfaction", "health_check.revenue": "revenue_minor", "health_check.note": "note",
		"health_check.created_at": "created_at", "health_check.updated_at": "updated_at",

		"brief.id": "-", "brief.uid": "uid", "brief.account_id": "account", "brief.title": "title", "brief.title_fold": "-",
		"brief.w_who": "who", "brief.w_what": "what", "brief.w_where": "where", "brief.w_when": "when", "brief.w_why": "why",
		"brief.target_on": "target_on", "brief.value_client": "value_client", "brief.value_us": "value_us", "brief.stage": "stage",
		"brief.stage_rank": "-", "brief.stage_since": "stage_since", "brief.archived_at": "archived_at",
		"brief.created_at": "created_at", "brief.updated_at": "updated_at",
		"brief_check.brief_id": "-", "brief_check.kind": "checks.kind", "brief_check.state": "checks.state",
		"brief_check.by_name": "checks.by", "brief_check.on_date": "checks.on",
		"brief_person.brief_id": "-", "brief_person.person_id": "people.person", "brief_person.position": "people (order)",
		"brief_person.framing": "people.framing",
		"brief_person.opening": "people.opening",
		"stage_change.id":      "history (order)", "stage_change.brief_id": "-", "stage_change.from_stage": "history.from",
		"stage_change.to_stage": "history.to", "stage_change.at": "history.at", "stage_change.note": "history.note",

		"follow_up.id": "-", "follow_up.uid": "uid", "follow_up.text": "text", "follow_up.kind": "kind", "follow_up.due_on": "due_on",
		"follow_up.due_time": "due_time", "follow_up.account_id": "account", "follow_up.person_id": "person",
		"follow_up.brief_id": "brief", "follow_up.recurrence": "recurrence", "follow_up.from_completion": "from_completion",
		"follow_up.snoozed_until": "snoozed_until", "follow_up.agenda_on": "-", "follow_up.done_at": "done_at",
		"follow_up.created_at": "created_at", "follow_up.updated_at": "updated_at",

		"touch.message_id": "message_id",

		"meeting.id": "-", "meeting.uid": "uid", "meeting.source": "source", "meeting.title": "title", "meeting.starts_at": "start",
		"meeting.ends_at": "end", "meeting.all_day": "all_day", "meeting.location": "location", "meeting.account_id": "account",
		"meeting.debriefed_at": "debriefed_at", "meeting.created_at": "created_at", "meeting.updated_at": "updated_at",
		"meeting_attendee.meeting_id": "-", "meeting_attendee.position": "attendees (order)", "meeting_attendee.email": "attendees.email",
		"meeting_attendee.name": "attendees.name", "meeting_attendee.organizer": "attendees.organizer",
		"meeting_attendee.person_id": "attendees.person",
	}
	rows, err := s.DB().Query(`SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'search%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if _, ok := known[table+"."+col]; !ok {
			t.Errorf("column %s.%s has no place in the JSON export: export and import it (store/export.go, store/import_write.go, docs/FORMAT.md), "+
				"or list it here as rebuilt on import", table, col)
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(known) {
		t.Errorf("the schema has %d columns, the list %d: remove the columns that are gone", seen, len(known))
	}
}
