package tui

import (
	"context"
	"fmt"
	"strings"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// A debrief: the touch form with notes and follow-ups typed a line each,
// saved in one transaction (store.SaveDebrief) and undone as one change.

// saveDebrief writes a debrief: the people named (the meeting's attendees
// first, then anyone of the touch's account), one touch for all of them,
// a note or follow-up per line — on the person its "Name:" prefix names,
// on the only person when there is one, else on the account — and the
// meeting, if any, marked debriefed. resolveAccount: the touch's account
// is its first person's.
func (c *common) saveDebrief(t model.Touch, resolveAccount bool, names string, notes []model.DebriefNote, fus []model.DebriefFollowUp,
	about subject, asked *model.Note) (saved, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	st := c.store
	within := t.AccountID
	if resolveAccount {
		within = 0
	}
	people, err := debriefPeople(ctx, st, names, within, about)
	if err != nil {
		return saved{}, err
	}
	if len(people) == 0 && resolveAccount {
		return saved{}, &model.FieldError{Field: "people", Reason: "name who was there: a debrief logs a touch with them"}
	}
	if resolveAccount {
		t.AccountID = people[0].AccountID
	}
	t.PersonIDs = nil
	for _, p := range people {
		t.PersonIDs = append(t.PersonIDs, p.ID)
	}
	on := func(who string) (personID int64, named bool) {
		if who != "" {
			p, ok := whoIs(who, people)
			return p.ID, ok
		}
		if len(people) == 1 {
			return people[0].ID, true
		}
		return 0, true
	}
	d := store.Debrief{Touch: t}
	if about.meeting != nil {
		d.MeetingID = about.meeting.ID
	}
	for _, n := range notes {
		pid, ok := on(n.Who)
		if !ok {
			n = n.WithoutWho() // "Budget:" names nobody met: it was part of the text
			pid, _ = on("")
		}
		note := model.Note{PersonID: pid, Kind: n.Kind, Text: n.Text, On: t.On, AskAfter: n.AskAfter}
		if pid == 0 {
			note.AccountID = t.AccountID
		}
		d.Notes = append(d.Notes, note)
	}
	promises := 0
	for _, fu := range fus {
		pid, ok := on(fu.Who)
		if !ok {
			fu = fu.WithoutWho()
			pid, _ = on("")
		}
		f := model.FollowUp{PersonID: pid, Text: fu.Text, Kind: model.KindFollowUp, DueOn: fu.Due.Date}
		if fu.Due.HasTime {
			f.DueTime = fmt.Sprintf("%02d:%02d", fu.Due.Hour, fu.Due.Minute)
		}
		if fu.Promise {
			f.Kind = model.KindPromise
			promises++
		}
		if pid == 0 {
			f.AccountID = t.AccountID
		}
		d.FollowUps = append(d.FollowUps, f)
	}
	if asked != nil {
		d.AskedNotes = []int64{asked.ID}
	}
	res, err := st.SaveDebrief(ctx, d)
	if err != nil {
		return saved{}, err
	}
	what := "logging the touch with " + termtext.SanitizeLine(about.name)
	head := "Touch logged with " + termtext.SanitizeLine(namesOf(people))
	if about.meeting != nil {
		what = "debriefing “" + termtext.SanitizeLine(about.meeting.Title) + "”"
		head = "Debriefed “" + termtext.SanitizeLine(about.meeting.Title) + "”: a touch with " + termtext.Plural(len(people), "1 person", itoa(len(people))+" people")
	}
	var parts []string
	if n := len(d.Notes); n > 0 {
		parts = append(parts, itoa(n)+" "+termtext.Plural(n, "note", "notes"))
	}
	if n := promises; n > 0 {
		parts = append(parts, itoa(n)+" "+termtext.Plural(n, "promise", "promises"))
	}
	if n := len(d.FollowUps) - promises; n > 0 {
		parts = append(parts, itoa(n)+" "+termtext.Plural(n, "follow-up", "follow-ups"))
	}
	if asked != nil {
		parts = append(parts, "the note marked asked")
	}
	text := head
	if len(parts) > 0 {
		text += ", " + strings.Join(parts, ", ")
	}
	text += " — " + keyName(keyMap.global.Undo) + " undoes it all."
	return saved{id: about.personID, text: text, undo: undoDebrief(what, res)}, nil
}

// debriefPeople resolves the comma-separated names of a debrief: a name
// of one of the meeting's attendees (or the person the form is on) is
// them; any other is looked up among the people of account within (0:
// anyone).
func debriefPeople(ctx context.Context, st Store, names string, within int64, about subject) ([]model.Person, error) {
	known := map[string]int64{}
	if about.personID != 0 {
		known[model.FoldName(about.name)] = about.personID
	}
	if about.meeting != nil {
		for _, a := range about.meeting.People() {
			known[model.FoldName(a.PersonName)] = a.PersonID
		}
	}
	var out []model.Person
	seen := map[int64]bool{}
	for _, name := range strings.Split(names, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		var p model.Person
		var err error
		if id, ok := known[model.FoldName(name)]; ok {
			p, err = st.Person(ctx, id)
		} else {
			p, err = st.ResolvePerson(ctx, name, store.PersonName{AccountID: within})
		}
		if err != nil {
			return nil, fieldErr("people", err)
		}
		if !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// whoIs finds the person a note's "Name:" prefix names among those met:
// their whole name, or a first name only one of them has (any case or
// accents).
func whoIs(who string, people []model.Person) (model.Person, bool) {
	w := model.FoldName(who)
	var byFirst []model.Person
	for _, p := range people {
		full := model.FoldName(p.Name)
		if full == w {
			return p, true
		}
		if first, _, _ := strings.Cut(full, " "); first == w {
			byFirst = append(byFirst, p)
		}
	}
	if len(byFirst) == 1 {
		return byFirst[0], true
	}
	return model.Person{}, false
}

// namesOf joins people's names: "Dana Okafor, Henrik Sørensen".
func namesOf(people []model.Person) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
