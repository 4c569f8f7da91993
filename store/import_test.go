package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

var transferNow = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)

func openTransferStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), WithClock(func() time.Time { return transferNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// at is a UTC timestamp with milliseconds, as the store keeps them.
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05.000", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// find returns the record of a document with the given uid.
func find[T any](s []T, uid string) *T {
	for i := range s {
		if reflect.ValueOf(s[i]).FieldByName("UID").String() == uid {
			return &s[i]
		}
	}
	panic("no record " + uid)
}

// fullDataset uses every field of every kind: archived items, pinned and
// asked notes, a signed check, a dropped brief with its reason, recurring,
// snoozed and done follow-ups, birthdays with and without a year, a health
// check with only a satisfaction score.
func fullDataset() model.Dataset {
	ds := unsortedDataset()
	// In export order: by creation, then uid.
	sortByCreation(ds.Accounts, func(a model.Account) (time.Time, string) { return a.CreatedAt, a.UID })
	sortByCreation(ds.People, func(p model.Person) (time.Time, string) { return p.CreatedAt, p.UID })
	sortByCreation(ds.Notes, func(n model.Note) (time.Time, string) { return n.CreatedAt, n.UID })
	sortByCreation(ds.Touches, func(t model.Touch) (time.Time, string) { return t.CreatedAt, t.UID })
	sortByCreation(ds.Health, func(h model.HealthCheck) (time.Time, string) { return h.CreatedAt, h.UID })
	sortByCreation(ds.Briefs, func(b model.Brief) (time.Time, string) { return b.CreatedAt, b.UID })
	sortByCreation(ds.FollowUps, func(f model.FollowUp) (time.Time, string) { return f.CreatedAt, f.UID })
	sortByCreation(ds.Meetings, func(m model.Meeting) (time.Time, string) { return m.CreatedAt, m.UID })
	return ds
}

func sortByCreation[T any](s []T, key func(T) (time.Time, string)) {
	slices.SortStableFunc(s, func(a, b T) int {
		ta, ua := key(a)
		tb, ub := key(b)
		return cmp.Or(ta.Compare(tb), strings.Compare(ua, ub))
	})
}

func unsortedDataset() model.Dataset {
	d := model.MustDate
	return model.Dataset{
		Format:  model.DatasetFormat,
		Version: model.DatasetVersion,
		Accounts: []model.Account{
			{UID: "acc-nordlicht", Name: "Nordlicht Energie AG", Industry: "Utilities", Region: "DACH", Countries: "DE, AT, CH",
				Tier: model.TierKey, Currency: "EUR", Revenue: 420_000_000, Potential: 900_000_000, Outlook: model.OutlookGrowing,
				Importance: 5, Replaceability: 4, Brand: "Quiet engineering pride; green, dependable.", Direction: "Grid storage by 2030.",
				Notes:     "Fiscal year ends in March.\nProcurement is centralised in Essen.",
				CreatedAt: at("2024-01-10 08:00:00.123"), UpdatedAt: at("2025-11-02 17:45:10.500")},
			{UID: "acc-old", Name: "Zoë & Søn Logistik", Industry: "Logistics", Tier: model.TierMaintain, Currency: "DKK",
				Revenue: 1_500_000, Outlook: model.OutlookDeclining, Importance: 1, Replaceability: 1,
				ArchivedAt: at("2025-06-30 12:00:00.000"), CreatedAt: at("2023-03-01 10:00:00.000"), UpdatedAt: at("2025-06-30 12:00:00.000")},
		},
		People: []model.Person{
			{UID: "p-ceo", AccountUID: "acc-nordlicht", Name: "Ingrid Ødegaard", Title: "Chief Executive Officer", BusinessUnit: "Board",
				Location: "Essen (CET)", Email: "ingrid.odegaard@nordlicht.example", Phone: "+49 201 555 0100", Role: model.RoleDecisionMaker,
				Influence: 5, Strength: 3, AtClientSince: d("2015-04-01"), CareerHistory: "Ran grid operations at a Norwegian utility.",
				PreferredChannel: "meeting", CadenceDays: 30, ReceiveInfo: "One page, numbers first.", NeedsToShow: "Margin growth to the board.",
				Birthday: model.Birthday{Month: time.May, Day: 12, Year: 1968}, CreatedAt: at("2024-01-10 08:05:00.000"), UpdatedAt: at("2024-01-10 08:05:00.000")},
			{UID: "p-cmo", AccountUID: "acc-nordlicht", Name: "José Álvarez", Title: "CMO", ReportsToUID: "p-ceo", Role: model.RoleChampion,
				Influence: 4, Strength: 5, Birthday: model.Birthday{Month: time.February, Day: 29}, CadenceDays: 14,
				CreatedAt: at("2024-01-11 09:00:00.000"), UpdatedAt: at("2025-01-11 09:00:00.000")},
			// A report listed before the boss: the import writes bosses first.
			{UID: "p-analyst", AccountUID: "acc-nordlicht", Name: "Lena Müller", ReportsToUID: "p-buyer", Role: model.RoleUser,
				CreatedAt: at("2024-02-01 09:00:00.000"), UpdatedAt: at("2024-02-01 09:00:00.000")},
			{UID: "p-buyer", AccountUID: "acc-nordlicht", Name: "Tom Becker", ReportsToUID: "p-ceo", Role: model.RoleEconomicBuyer,
				ArchivedAt: at("2025-09-01 08:00:00.000"), CreatedAt: at("2024-02-01 09:00:00.000"), UpdatedAt: at("2025-09-01 08:00:00.000")},
			{UID: "p-old", AccountUID: "acc-old", Name: "Søren Holm", Role: model.RoleGatekeeper,
				CreatedAt: at("2023-03-01 10:05:00.000"), UpdatedAt: at("2023-03-01 10:05:00.000")},
		},
		Notes: []model.Note{
			{UID: "n-marathon", AccountUID: "acc-nordlicht", PersonUID: "p-cmo", Kind: model.NotePersonal, Text: "Running the Berlin marathon.",
				On: d("2026-04-20"), AskAfter: d("2026-04-28"), CreatedAt: at("2026-04-20 10:00:00.000"), UpdatedAt: at("2026-04-20 10:00:00.000")},
			{UID: "n-asked", AccountUID: "acc-nordlicht", PersonUID: "p-ceo", Kind: model.NotePersonal, Text: "Daughter graduated.",
				On: d("2025-07-01"), AskAfter: d("2025-07-10"), AskedAt: at("2025-07-12 14:00:00.250"), Pinned: true,
				CreatedAt: at("2025-07-01 10:00:00.000"), UpdatedAt: at("2025-07-12 14:00:00.250")},
			{UID: "n-account", AccountUID: "acc-nordlicht", Kind: model.NoteInsight, Text: "Competitor lost the Ruhr tender.",
				On: d("2026-01-15"), Pinned: true, CreatedAt: at("2026-01-15 10:00:00.000"), UpdatedAt: at("2026-01-15 10:00:00.000")},
			{UID: "n-conflict", AccountUID: "acc-old", PersonUID: "p-old", Kind: model.NoteConflict, Text: "Invoice dispute, settled 50/50.",
				On: d("2024-05-05"), CreatedAt: at("2024-05-05 10:00:00.000"), UpdatedAt: at("2024-05-05 10:00:00.000")},
		},
		Touches: []model.Touch{
			{UID: "t-qbr", AccountUID: "acc-nordlicht", Kind: model.TouchQBR, On: d("2026-04-02"), Summary: "Q1 business review",
				Text: "Agreed on the storage pilot.", PersonUIDs: []string{"p-cmo", "p-ceo"},
				CreatedAt: at("2026-04-02 16:00:00.000"), UpdatedAt: at("2026-04-02 16:00:00.000")},
			{UID: "t-call", AccountUID: "acc-nordlicht", Kind: model.TouchCall, On: d("2026-04-25"), Summary: "Pilot scope call",
				PersonUIDs: []string{"p-cmo"}, CreatedAt: at("2026-04-25 11:00:00.000"), UpdatedAt: at("2026-04-25 11:00:00.000")},
			{UID: "t-deliv", AccountUID: "acc-old", Kind: model.TouchDeliverable, On: d("2025-03-03"), Summary: "Final report sent",
				CreatedAt: at("2025-03-03 11:00:00.000"), UpdatedAt: at("2025-03-03 11:00:00.000")},
			{UID: "t-mail", AccountUID: "acc-old", Kind: model.TouchEmail, On: d("2025-02-26"), Summary: "Re: final report",
				PersonUIDs: []string{"p-old"}, MessageID: "CAF1234@mail.zoe-son.example",
				CreatedAt: at("2025-02-26 08:00:00.000"), UpdatedAt: at("2025-02-26 08:00:00.000")},
		},
		Health: []model.HealthCheck{
			{UID: "h-1", AccountUID: "acc-nordlicht", On: d("2025-12-31"), Satisfaction: ptr(8), Revenue: ptr(model.Money(410_000_000)),
				Note: "Steady.", CreatedAt: at("2026-01-02 09:00:00.000"), UpdatedAt: at("2026-01-02 09:00:00.000")},
			{UID: "h-2", AccountUID: "acc-nordlicht", On: d("2026-03-31"), Satisfaction: ptr(0),
				CreatedAt: at("2026-04-01 09:00:00.000"), UpdatedAt: at("2026-04-01 09:00:00.000")},
		},
		Briefs: []model.Brief{
			{UID: "b-pilot", AccountUID: "acc-nordlicht", Title: "Grid storage pilot", Who: "Ingrid and José, with procurement.",
				What: "A twelve-month pilot of storage forecasting.", Where: "Operations, Essen region, via the partner portal.",
				When: "Kick-off after the summer break.", Why: "Their board wants proof of margin from storage before 2027.",
				TargetOn: d("2026-09-01"), ValueClient: "Lower balancing costs.", ValueUs: "A reference in utilities.",
				Stage: model.StageChecks, StageSince: at("2026-04-10 10:00:00.000"),
				Checks: []model.Check{
					{Kind: model.CheckBrand, State: model.CheckSigned, By: "Marketing (Kai)", On: d("2026-04-12")},
					{Kind: model.CheckStrategy, State: model.CheckNotNeeded, On: d("2026-04-11")},
					{Kind: model.CheckLegal, State: model.CheckPending},
					{Kind: model.CheckTranslation, State: model.CheckPending},
				},
				People: []model.BriefPerson{
					{PersonUID: "p-ceo", Framing: "Margin first: the pilot pays for itself.",
						Opening: "Ingrid, you asked for proof of margin before 2027.\nThis pilot is built to give it."},
					{PersonUID: "p-cmo", Framing: "A story for the sustainability report."},
				},
				History: []model.StageChange{
					{To: model.StageUnderstand, At: at("2026-02-01 10:00:00.000")},
					{From: model.StageUnderstand, To: model.StageDetermine, At: at("2026-02-20 10:00:00.000")},
					{From: model.StageDetermine, To: model.StageCreate, At: at("2026-03-15 10:00:00.000"), Note: "Scope agreed"},
					{From: model.StageCreate, To: model.StageChecks, At: at("2026-04-10 10:00:00.000")},
				},
				CreatedAt: at("2026-02-01 10:00:00.000"), UpdatedAt: at("2026-04-12 10:00:00.000")},
			{UID: "b-dropped", AccountUID: "acc-old", Title: "Warehouse analytics", Stage: model.StageDropped,
				StageSince: at("2025-05-01 10:00:00.000"), Checks: model.DefaultChecks(),
				History: []model.StageChange{
					{To: model.StageUnderstand, At: at("2025-01-01 10:00:00.000")},
					{From: model.StageUnderstand, To: model.StageDropped, At: at("2025-05-01 10:00:00.000"), Note: "Budget went to the new ERP."},
				},
				ArchivedAt: at("2025-06-01 10:00:00.000"), CreatedAt: at("2025-01-01 10:00:00.000"), UpdatedAt: at("2025-06-01 10:00:00.000")},
		},
		FollowUps: []model.FollowUp{
			{UID: "f-recur", Text: "Monthly pilot check-in", Kind: model.KindFollowUp, DueOn: d("2026-05-10"), DueTime: "15:00",
				AccountUID: "acc-nordlicht", PersonUID: "p-cmo", BriefUID: "b-pilot", Recur: model.Recurrence{Unit: model.RecurMonth, Every: 1},
				FromCompletion: true, CreatedAt: at("2026-04-10 10:00:00.000"), UpdatedAt: at("2026-04-10 10:00:00.000")},
			{UID: "f-snoozed", Text: "Send the storage case study", Kind: model.KindPromise, DueOn: d("2026-04-30"),
				AccountUID: "acc-nordlicht", PersonUID: "p-ceo", SnoozedUntil: d("2026-05-06"),
				CreatedAt: at("2026-04-20 10:00:00.000"), UpdatedAt: at("2026-05-01 10:00:00.000")},
			{UID: "f-done", Text: "Book the QBR room", DueOn: d("2026-03-25"), Kind: model.KindFollowUp, AccountUID: "acc-nordlicht",
				Recur:  model.Recurrence{Unit: model.RecurMonth, Every: 3},
				DoneAt: at("2026-03-24 08:30:00.000"), CreatedAt: at("2026-03-01 10:00:00.000"), UpdatedAt: at("2026-03-24 08:30:00.000")},
			{UID: "f-free", Text: "Renew my own certification", Kind: model.KindFollowUp, DueOn: d("2026-06-01"),
				Recur:     model.Recurrence{Unit: model.RecurWeek, Every: 2},
				CreatedAt: at("2026-03-01 10:00:00.000"), UpdatedAt: at("2026-03-01 10:00:00.000")},
		},
		Meetings: []model.Meeting{
			{UID: "weekly@cal/20260427T080000Z", Source: "weekly@cal", Title: "Pilot weekly", Start: at("2026-04-27 08:00:00.000"),
				End: at("2026-04-27 08:30:00.000"), Location: "Essen, room 4", AccountUID: "acc-nordlicht",
				Attendees: []model.Attendee{
					{Email: "me@us.example", Name: "Me", Organizer: true},
					{Email: "ingrid.odegaard@nordlicht.example", Name: "Ingrid", PersonUID: "p-ceo"},
				},
				DebriefedAt: at("2026-04-27 09:00:00.000"), CreatedAt: at("2026-04-20 10:00:00.000"), UpdatedAt: at("2026-04-27 09:00:00.000")},
			{UID: "m-offsite", Title: "Offsite", Start: at("2026-05-04 00:00:00.000"), End: at("2026-05-05 00:00:00.000"), AllDay: true,
				CreatedAt: at("2026-04-21 10:00:00.000"), UpdatedAt: at("2026-04-21 10:00:00.000")},
		},
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustExport(t *testing.T, s *Store) model.Dataset {
	t.Helper()
	ds, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestImportExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	doc := fullDataset()

	// The document survives JSON unchanged, so what follows holds for files.
	var decoded model.Dataset
	if err := json.Unmarshal(mustJSON(t, doc), &decoded); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(decoded, doc) {
		t.Fatalf("the document changes through JSON:\n%s", mustJSON(t, decoded))
	}

	s := openTransferStore(t)
	res, err := s.Import(ctx, decoded, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := ImportResult{Accounts: ImportCount{Created: 2}, People: ImportCount{Created: 5}, Notes: ImportCount{Created: 4},
		Touches: ImportCount{Created: 4}, Health: ImportCount{Created: 2}, Briefs: ImportCount{Created: 2}, FollowUps: ImportCount{Created: 4},
		Meetings: ImportCount{Created: 2}}
	if res != want {
		t.Errorf("first import = %+v, want %+v", res, want)
	}

	t.Run("OK", func(t *testing.T) {
		got := mustExport(t, s)
		if !reflect.DeepEqual(got, doc) {
			t.Errorf("export differs from the imported document:\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, doc))
		}
	})

	t.Run("Derived", func(t *testing.T) {
		var accID int64
		var score float64
		var last string
		if err := s.DB().QueryRow("SELECT id, score, last_touch_on FROM account WHERE uid = 'acc-nordlicht'").Scan(&accID, &score, &last); err != nil {
			t.Fatal(err)
		}
		if want := find(doc.Accounts, "acc-nordlicht").Priority().Score; score != want || last != "2026-04-25" {
			t.Errorf("account score, last touch = %v, %q; want %v, 2026-04-25", score, last, want)
		}
		for uid, want := range map[string][2]string{
			"p-cmo":     {"2026-04-25", "2026-05-09"}, // own cadence 14
			"p-ceo":     {"2026-04-02", "2026-05-02"}, // own cadence 30
			"p-analyst": {"", "2024-02-01"},           // never touched: due from when added
		} {
			var last, due string
			if err := s.DB().QueryRow("SELECT last_touch_on, touch_due_on FROM person WHERE uid = ?", uid).Scan(&last, &due); err != nil {
				t.Fatal(err)
			}
			if last != want[0] || due != want[1] {
				t.Errorf("%s: last touch, due = %q, %q; want %q, %q", uid, last, due, want[0], want[1])
			}
		}
		var agenda string
		if err := s.DB().QueryRow("SELECT agenda_on FROM follow_up WHERE uid = 'f-snoozed'").Scan(&agenda); err != nil {
			t.Fatal(err)
		}
		if agenda != "2026-05-06" {
			t.Errorf("snoozed follow-up agenda day = %s, want 2026-05-06", agenda)
		}
		hits, err := s.Search(ctx, "zoe", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("quick find does not find the imported Zoë & Søn")
		}
	})

	t.Run("Unchanged", func(t *testing.T) {
		before := mustJSON(t, mustExport(t, s))
		res, err := s.Import(ctx, decoded, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tot := res.Total(); tot.Created != 0 || tot.Updated != 0 || tot.Unchanged != 25 {
			t.Errorf("second import = %+v, want everything unchanged", res)
		}
		if after := mustJSON(t, mustExport(t, s)); !bytes.Equal(before, after) {
			t.Errorf("a second import changed the export")
		}
	})

	t.Run("Updated", func(t *testing.T) {
		edited := fullDataset()
		cmo, qbr, pilot := find(edited.People, "p-cmo"), find(edited.Touches, "t-qbr"), find(edited.Briefs, "b-pilot")
		cmo.Title = "Chief Marketing Officer"
		cmo.UpdatedAt = time.Time{} // stamped now
		qbr.PersonUIDs = []string{"p-ceo"}
		pilot.People = pilot.People[:1]
		pilot.Checks[2] = model.Check{Kind: model.CheckLegal, State: model.CheckSigned, By: "Legal (Ana)", On: model.MustDate("2026-05-01")}
		weekly := find(edited.Meetings, "weekly@cal/20260427T080000Z")
		weekly.Start, weekly.End = weekly.Start.Add(time.Hour), weekly.End.Add(time.Hour) // moved
		weekly.Attendees = weekly.Attendees[1:]
		res, err := s.Import(ctx, edited, ImportOptions{BatchSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.People != (ImportCount{Updated: 1, Unchanged: 4}) || res.Touches != (ImportCount{Updated: 1, Unchanged: 3}) ||
			res.Briefs != (ImportCount{Updated: 1, Unchanged: 1}) || res.Notes != (ImportCount{Unchanged: 4}) ||
			res.Meetings != (ImportCount{Updated: 1, Unchanged: 1}) {
			t.Errorf("import of an edited document = %+v", res)
		}
		got := mustExport(t, s)
		cmo.UpdatedAt = transferNow
		if !reflect.DeepEqual(got, edited) {
			t.Errorf("export after the edit:\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, edited))
		}
		// José left the QBR: his last touch is still the call; Ingrid's is the QBR.
		var due string
		if err := s.DB().QueryRow("SELECT touch_due_on FROM person WHERE uid = 'p-cmo'").Scan(&due); err != nil || due != "2026-05-09" {
			t.Errorf("José's touch due = %q, %v; want 2026-05-09", due, err)
		}
	})
}

func TestImportIntoPopulated(t *testing.T) {
	ctx := context.Background()
	s := openTransferStore(t)
	acme, err := s.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierGrowth})
	if err != nil {
		t.Fatal(err)
	}
	dana, err := s.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Dana Whit"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateNote(ctx, model.Note{PersonID: dana.ID, Text: "Likes sailing", Kind: model.NotePersonal}); err != nil {
		t.Fatal(err)
	}
	before := mustExport(t, s)

	doc := fullDataset()
	// The document links to what the database holds.
	doc.Notes = append(doc.Notes, model.Note{UID: "n-dana", PersonUID: dana.UID, Text: "Moved to Lisbon", On: model.MustDate("2026-04-01")})
	doc.Touches = append(doc.Touches, model.Touch{UID: "t-dana", Kind: model.TouchEmail, On: model.MustDate("2026-05-01"),
		Summary: "  Sent the deck ", PersonUIDs: []string{dana.UID}})
	res, err := s.Import(ctx, doc, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Notes.Created != 5 || res.Touches.Created != 5 || res.Accounts.Created != 2 || res.Meetings.Created != 2 {
		t.Errorf("import = %+v", res)
	}
	after := mustExport(t, s)
	if len(after.Accounts) != 3 || len(after.People) != 6 || len(after.Notes) != 6 || len(after.Touches) != 5 {
		t.Fatalf("after import: %d accounts, %d people, %d notes, %d touches", len(after.Accounts), len(after.People), len(after.Notes), len(after.Touches))
	}
	if !reflect.DeepEqual(*find(after.Accounts, acme.UID), before.Accounts[0]) || !reflect.DeepEqual(*find(after.People, dana.UID), before.People[0]) ||
		!reflect.DeepEqual(*find(after.Notes, before.Notes[0].UID), before.Notes[0]) {
		t.Errorf("the import changed what was there")
	}
	var n model.Note
	for _, x := range after.Notes {
		if x.UID == "n-dana" {
			n = x
		}
	}
	if n.AccountUID != acme.UID || n.Kind != model.NoteBusiness || !n.CreatedAt.Equal(transferNow) {
		t.Errorf("note linked to Dana = %+v; want it on Acme, a business note stamped now", n)
	}
	p, err := s.Person(ctx, dana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.LastTouchOn.String() != "2026-05-01" || p.TouchDueOn.String() != "2026-06-15" {
		t.Errorf("Dana: last touch %s, due %s; want 2026-05-01, 2026-06-15 (growth tier: 45 days)", p.LastTouchOn, p.TouchDueOn)
	}
	// Importing the file again, timestamps now filled, changes nothing.
	again, err := s.Import(ctx, after, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tot := again.Total(); tot.Created+tot.Updated != 0 {
		t.Errorf("re-import of the export = %+v, want all unchanged", again)
	}
}

func TestImportRefuses(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		edit  func(*model.Dataset)
		want  []string // parts of the message
		isErr error
	}{
		{"DanglingLink", func(d *model.Dataset) { find(d.FollowUps, "f-free").PersonUID = "p-nobody" },
			[]string{`follow-up "Renew my own certification" (uid f-free)`, `person: no person with uid "p-nobody"`}, model.ErrInvalid},
		{"DanglingAccount", func(d *model.Dataset) { find(d.Briefs, "b-dropped").AccountUID = "acc-nobody" },
			[]string{`brief "Warehouse analytics"`, "account: no account"}, model.ErrInvalid},
		{"DanglingTouchPerson", func(d *model.Dataset) { t := find(d.Touches, "t-qbr"); t.PersonUIDs = append(t.PersonUIDs, "p-ghost") },
			[]string{"touch", "t-qbr", `people: no person with uid "p-ghost"`}, model.ErrInvalid},
		{"Invalid", func(d *model.Dataset) { find(d.People, "p-analyst").Email = "not an address" },
			[]string{`person "Lena Müller" (uid p-analyst)`, "email:"}, model.ErrInvalid},
		{"BlankName", func(d *model.Dataset) { find(d.Accounts, "acc-old").Name = " " },
			[]string{"account", "acc-old", "name: is required"}, model.ErrInvalid},
		{"Loop", func(d *model.Dataset) { find(d.People, "p-ceo").ReportsToUID = "p-analyst" },
			[]string{"person", "reports to: that makes a reporting loop"}, model.ErrInvalid},
		{"OtherAccountBoss", func(d *model.Dataset) { find(d.People, "p-old").ReportsToUID = "p-ceo" },
			[]string{`person "Søren Holm"`, "reports to:", "another account"}, model.ErrInvalid},
		{"BriefPersonElsewhere", func(d *model.Dataset) {
			find(d.Briefs, "b-dropped").People = []model.BriefPerson{{PersonUID: "p-ceo"}}
		}, []string{`brief "Warehouse analytics"`, "people:", "not at this brief's account"}, model.ErrInvalid},
		{"NoteAccountMismatch", func(d *model.Dataset) { find(d.Notes, "n-marathon").AccountUID = "acc-old" },
			[]string{"note", "n-marathon", "account:"}, model.ErrInvalid},
		{"DuplicateUID", func(d *model.Dataset) { find(d.Notes, "n-asked").UID = "n-marathon" },
			[]string{"note", "uid: appears twice"}, model.ErrInvalid},
		{"DuplicateName", func(d *model.Dataset) { find(d.Accounts, "acc-old").Name = "NORDLICHT energie ag" },
			[]string{"account", "same name"}, model.ErrConflict},
		{"RepeatedCheck", func(d *model.Dataset) { find(d.Briefs, "b-pilot").Checks[1].Kind = model.CheckBrand },
			[]string{`brief "Grid storage pilot"`, "checks:"}, model.ErrInvalid},
		{"Format", func(d *model.Dataset) { d.Format = "other" }, []string{"format"}, model.ErrInvalid},
		{"Version", func(d *model.Dataset) { d.Version = model.DatasetVersion + 1 }, []string{"newer rapport"}, model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTransferStore(t)
			doc := fullDataset()
			tt.edit(&doc)
			for _, batch := range []int{0, 1} {
				_, err := s.Import(ctx, doc, ImportOptions{BatchSize: batch})
				if err == nil {
					t.Fatal("import succeeded")
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				if !errors.Is(err, tt.isErr) {
					t.Errorf("error %v is not %v", err, tt.isErr)
				}
				if got := mustExport(t, s); len(got.Accounts)+len(got.People)+len(got.Notes)+len(got.Briefs) != 0 {
					t.Errorf("a refused import wrote %d accounts, %d people", len(got.Accounts), len(got.People))
				}
			}
		})
	}

	t.Run("NameTaken", func(t *testing.T) {
		s := openTransferStore(t)
		if _, err := s.CreateAccount(ctx, model.Account{Name: "Nordlicht Energie AG"}); err != nil {
			t.Fatal(err)
		}
		before := mustJSON(t, mustExport(t, s))
		_, err := s.Import(ctx, fullDataset(), ImportOptions{})
		if !errors.Is(err, model.ErrConflict) || !strings.Contains(err.Error(), `account "Nordlicht Energie AG" (uid acc-nordlicht): name:`) {
			t.Errorf("import over a taken name: %v", err)
		}
		if after := mustJSON(t, mustExport(t, s)); !bytes.Equal(before, after) {
			t.Errorf("a refused import changed the database")
		}
	})

	t.Run("DryRun", func(t *testing.T) {
		s := openTransferStore(t)
		res, err := s.Import(ctx, fullDataset(), ImportOptions{DryRun: true, BatchSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total().Created != 25 {
			t.Errorf("dry run counts %+v, want 25 created", res.Total())
		}
		if got := mustExport(t, s); len(got.Accounts) != 0 {
			t.Errorf("a dry run wrote %d accounts", len(got.Accounts))
		}
	})
}

// bulkDataset has more records of every kind than one bulk INSERT writes,
// people whose bosses come later in the document, and touches and briefs
// with people, so the import's statements split at every boundary.
func bulkDataset(n int) model.Dataset {
	d := model.MustDate("2026-01-01")
	t0 := at("2026-01-01 08:00:00.000")
	stamp := func(i int) time.Time { return t0.Add(time.Duration(i) * time.Second) }
	uid := func(kind string, i int) string { return fmt.Sprintf("%s-%05d", kind, i) }
	ds := model.Dataset{Format: model.DatasetFormat, Version: model.DatasetVersion}
	for i := range 2 {
		ds.Accounts = append(ds.Accounts, model.Account{UID: uid("a", i), Name: fmt.Sprintf("Account %d", i), CreatedAt: stamp(i), UpdatedAt: stamp(i)})
	}
	acc := func(i int) string { return uid("a", i/10%2) } // person i's account, in groups of ten
	for i := range n {
		p := model.Person{UID: uid("p", i), AccountUID: acc(i), Name: fmt.Sprintf("Person %d", i), CreatedAt: stamp(i), UpdatedAt: stamp(i)}
		// In each group of ten, 0–4 report to 5, and 5–8 to 9: bosses come
		// later in the document.
		if g := i - i%10; i%10 < 5 && g+5 < n {
			p.ReportsToUID = uid("p", g+5)
		} else if i%10 < 9 && g+9 < n {
			p.ReportsToUID = uid("p", g+9)
		}
		ds.People = append(ds.People, p)
	}
	for i := range 2 * n {
		ds.Notes = append(ds.Notes, model.Note{UID: uid("n", i), AccountUID: acc(i % n), PersonUID: uid("p", i%n), Kind: model.NoteBusiness,
			Text: fmt.Sprintf("note %d", i), On: d, CreatedAt: stamp(i), UpdatedAt: stamp(i)})
	}
	for i := range n {
		ds.Touches = append(ds.Touches, model.Touch{UID: uid("t", i), AccountUID: acc(i), Kind: model.TouchCall, On: d.AddDays(i % 300),
			Summary: fmt.Sprintf("call %d", i), PersonUIDs: []string{uid("p", i), uid("p", (i+2)%n)}[:1+i%2], CreatedAt: stamp(i), UpdatedAt: stamp(i)})
		ds.Health = append(ds.Health, model.HealthCheck{UID: uid("h", i), AccountUID: acc(i), On: d, Satisfaction: ptr(i % 11),
			CreatedAt: stamp(i), UpdatedAt: stamp(i)})
		ds.Briefs = append(ds.Briefs, model.Brief{UID: uid("b", i), AccountUID: acc(i), Title: fmt.Sprintf("Brief %d", i),
			Stage: model.StageUnderstand, StageSince: stamp(i), Checks: model.DefaultChecks(),
			People:  []model.BriefPerson{{PersonUID: uid("p", i), Framing: "numbers"}},
			History: []model.StageChange{{To: model.StageUnderstand, At: stamp(i)}}, CreatedAt: stamp(i), UpdatedAt: stamp(i)})
		ds.FollowUps = append(ds.FollowUps, model.FollowUp{UID: uid("f", i), Text: fmt.Sprintf("follow up %d", i), Kind: model.KindFollowUp,
			DueOn: d.AddDays(i % 50), AccountUID: acc(i), BriefUID: uid("b", i), CreatedAt: stamp(i), UpdatedAt: stamp(i)})
		ds.Meetings = append(ds.Meetings, model.Meeting{UID: uid("m", i), Title: fmt.Sprintf("Meeting %d", i), Start: stamp(i),
			AccountUID: acc(i), Attendees: []model.Attendee{{Email: fmt.Sprintf("p%d@a.example", i), PersonUID: uid("p", i)},
				{Email: "me@us.example", Organizer: true}}, CreatedAt: stamp(i), UpdatedAt: stamp(i)})
	}
	return ds
}

func TestImportBulk(t *testing.T) {
	ctx := context.Background()
	doc := bulkDataset(bulkRows + 101)
	for _, batch := range []int{0, 1000} {
		t.Run(fmt.Sprintf("BatchSize%d", batch), func(t *testing.T) {
			s := openTransferStore(t)
			res, err := s.Import(ctx, doc, ImportOptions{BatchSize: batch})
			if err != nil {
				t.Fatal(err)
			}
			if tot := res.Total(); tot.Created != 2+8*len(doc.People) {
				t.Errorf("import = %+v", res)
			}
			if got := mustExport(t, s); !reflect.DeepEqual(got, doc) {
				for i := range doc.People {
					if !reflect.DeepEqual(got.People[i], doc.People[i]) {
						t.Errorf("person %d: got %+v, want %+v", i, got.People[i], doc.People[i])
						break
					}
				}
				t.Fatalf("the export differs from the imported document")
			}
			var touched, due int
			if err := s.DB().QueryRow("SELECT count(*) FROM person WHERE last_touch_on <> ''").Scan(&touched); err != nil {
				t.Fatal(err)
			}
			if err := s.DB().QueryRow("SELECT count(*) FROM person WHERE touch_due_on <> ''").Scan(&due); err != nil {
				t.Fatal(err)
			}
			if touched != len(doc.People) || due != len(doc.People) {
				t.Errorf("%d people with a last touch, %d with a due day; want %d", touched, due, len(doc.People))
			}
			hits, err := s.Search(ctx, "note 2600", 5)
			if err != nil || len(hits) == 0 {
				t.Errorf("quick find after a bulk import: %v, %v", hits, err)
			}
			if !hasStats(t, s, "note") {
				t.Error("a bulk import left the planner without statistics of note")
			}
		})
	}
	t.Run("Small", func(t *testing.T) {
		s := openTransferStore(t)
		if _, err := s.Import(ctx, bulkDataset(3), ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if hasStats(t, s, "person") {
			t.Error("a small import froze statistics of a tiny book")
		}
	})
}

// hasStats reports whether the planner has statistics of table.
func hasStats(t *testing.T, s *Store, table string) bool {
	t.Helper()
	var n int
	err := s.DB().QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		return false
	}
	if err := s.DB().QueryRow("SELECT count(*) FROM sqlite_stat1 WHERE tbl = ?", table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// During a long import another rapport that writes — a cron remind, a save
// in the terminal interface — used to fail with SQLITE_BUSY once the busy
// timeout ran out. It waits for the import, says so, and succeeds.
func TestWriterWaitsForImport(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	importing, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer importing.Close()
	acc, err := importing.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	noticed := make(chan string, 1)
	writer, err := Open(ctx, path, WithNotice(func(msg string) { noticed <- msg }))
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()

	inside, hold := make(chan struct{}), make(chan struct{})
	importBegun = func() { close(inside); <-hold }
	defer func() { importBegun = nil }()
	imported := make(chan error, 1)
	go func() {
		_, err := importing.Import(ctx, bulkDataset(20), ImportOptions{})
		imported <- err
	}()
	<-inside
	wrote := make(chan error, 1)
	go func() {
		_, err := writer.CreateNote(ctx, model.Note{AccountID: acc.ID, Text: "from cron"})
		wrote <- err
	}()
	if msg := <-noticed; msg != ImportWaitNotice {
		t.Errorf("the writer said %q", msg)
	}
	select {
	case err := <-wrote:
		t.Fatalf("the writer did not wait for the import: %v", err)
	default:
	}
	close(hold)
	if err := <-imported; err != nil {
		t.Fatalf("import: %v", err)
	}
	if err := <-wrote; err != nil {
		t.Fatalf("the writer failed after waiting: %v", err)
	}
	if n, err := writer.CountAccounts(ctx, AccountFilter{}); err != nil || n != 3 {
		t.Errorf("accounts after both: %d, %v", n, err)
	}
	if _, err := os.Stat(path + "-import"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the import left its mark: %v", err)
	}
}
