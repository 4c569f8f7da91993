package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// Forms every pane can open on an item: a note (N), a touch (L), a health
// check (H) and a follow-up (r).

func options[T ~string](all []T) []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = string(v)
	}
	return out
}

// subject is what an action is about: an account, a person, a brief.
type subject struct {
	accountID int64
	personID  int64
	briefID   int64
	name      string
	// asking is a note to ask the person about, due on Today: a touch
	// logged from it offers to mark it asked.
	asking *model.Note
	// meeting is the meeting a touch is the debrief of.
	meeting *model.Meeting
}

// subjectForm opens the form an item key asks for on about — N a note,
// L a touch, r a follow-up — in a dossier; nil for any other key.
func (c *common) subjectForm(msg tea.KeyMsg, item itemKeys, followUp key.Binding, h *editorHost, w, height int, about subject) tea.Cmd {
	switch {
	case key.Matches(msg, item.Note):
		return c.noteForm(h, w, height, about, nil)
	case key.Matches(msg, item.Touch):
		return c.touchForm(h, w, height, about, nil)
	case key.Matches(msg, followUp):
		return c.followUpForm(h, w, height, about, nil)
	}
	return nil
}

// noteForm adds a note on about, or with existing set corrects that note.
func (c *common) noteForm(h *editorHost, w, height int, about subject, existing *model.Note) tea.Cmd {
	// On a person the note is most often personal; on an account, business.
	n0 := model.Note{AccountID: about.accountID, PersonID: about.personID, Kind: model.NotePersonal, On: c.today()}
	if about.personID == 0 {
		n0.Kind = model.NoteBusiness
	}
	title := "Note on " + termtext.SanitizeLine(about.name)
	if existing != nil {
		n0, title = *existing, "Edit the note of "+existing.On.String()+" on "+termtext.SanitizeLine(about.name)
	}
	pinned := map[bool]string{true: "yes", false: "no"}[n0.Pinned]
	f := newForm(title, c.styles,
		fieldSpec{key: "text", label: "Note", value: n0.Text, long: true, rows: 6, hint: "what they told you; " + keyName(keyMap.form.Editor) + " for $EDITOR"},
		fieldSpec{key: "kind", label: "Kind", value: string(n0.Kind), options: options(model.NoteKinds)},
		fieldSpec{key: "ask after", label: "Ask after", value: n0.AskAfter.String(), hint: "a date to bring it up, e.g. mon, +2w (optional)"},
		fieldSpec{key: "pinned", label: "Pin on top", hint: "y/n", options: []string{"no", "yes"}, value: pinned},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		n := n0
		n.Text, n.Kind, n.Pinned = strings.TrimRight(f.raw("text"), " \n"), model.NoteKind(f.value("kind")), f.value("pinned") == "yes"
		n.AskAfter = model.Date{}
		if v := f.value("ask after"); v != "" {
			w, err := model.ParseWhen(v, now())
			if err != nil {
				return f.failField("ask after", err)
			}
			n.AskAfter = w.Date
		}
		if !n.AskAfter.Equal(n0.AskAfter) {
			n.AskedAt = time.Time{} // a new day to ask about it asks again
		}
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		what := "the note on " + termtext.SanitizeLine(about.name)
		return saveCmd(f, store.HitNote, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			_, undo, err := saveRecord(ctx, st, store.HitNote, n.ID, what, func() (int64, error) {
				var out model.Note
				var err error
				if existing != nil {
					out, err = st.UpdateNote(ctx, n)
				} else {
					out, err = st.CreateNote(ctx, n)
				}
				return out.ID, err
			})
			text := "Note saved on " + termtext.SanitizeLine(about.name) + "."
			return saved{id: about.personID, text: text, undo: undo}, err
		})
	})
}

// touchForm logs a touch, or with existing set corrects that touch. The
// person it is opened on is already among the people involved; others of
// the same account are added by name (or the first letters of a name),
// comma-separated. Everyone listed has their cadence restarted.
//
// A new touch is also a debrief: notes and follow-ups typed a line each
// (model.ParseDebriefNotes, ParseDebriefFollowUps) are saved with it in one
// transaction, and undone with it as one change. Opened on a meeting
// (about.meeting) it is that meeting's debrief: summary, kind, day and
// people come from the meeting, and the save marks it debriefed.
func (c *common) touchForm(h *editorHost, w, height int, about subject, existing *model.Touch) tea.Cmd {
	t0 := model.Touch{AccountID: about.accountID, Kind: model.TouchCall}
	people, hint, date := "", "who was there, comma-separated (optional)", "today"
	if about.personID != 0 {
		people, hint = about.name, "add others of the same account, comma-separated"
	}
	title := "Log a touch with " + termtext.SanitizeLine(about.name)
	mt := about.meeting
	if mt != nil {
		t0.Kind, t0.Summary, t0.AccountID = model.TouchMeeting, mt.Title, mt.AccountID
		title = "Debrief “" + termtext.SanitizeLine(mt.Title) + "”"
		date = mt.Day(time.Local).String()
		var names []string
		for _, a := range mt.People() {
			names = append(names, a.PersonName)
		}
		people, hint = strings.Join(names, ", "), "who was there, comma-separated: one touch for all of them"
	}
	if existing != nil {
		t0, title, date = *existing, "Edit the touch of "+existing.On.String(), existing.On.String()
		people = strings.Join(existing.PersonNames, ", ")
	}
	specs := []fieldSpec{
		{key: "summary", label: "Summary", value: t0.Summary, hint: "one line: what happened"},
		{key: "kind", label: "Kind", value: string(t0.Kind), options: options(model.TouchKinds)},
		{key: "date", label: "Date", value: date, hint: "today, yesterday, mon (the last one), -3d, mar 2"},
		{key: "people", label: "People", value: people, hint: hint},
	}
	if existing == nil {
		specs = append(specs,
			fieldSpec{key: "notes", label: "Notes", long: true, rows: 3,
				hint: "one a line: [Name:] what you learned [#personal] [ask: fri] (optional)"},
			fieldSpec{key: "follow-ups", label: "Follow-ups", long: true, rows: 3,
				hint: "one a line: [promise:] [Name:] what to do [by fri] (optional)"})
	}
	specs = append(specs, fieldSpec{key: "text", label: "Details", value: t0.Text, long: true, rows: 3, hint: "optional; " + keyName(keyMap.form.Editor) + " for $EDITOR"})
	if about.asking != nil && existing == nil {
		title += " — asking about “" + termtext.Clip(termtext.SanitizeLine(about.asking.Text), 50) + "”"
		specs = append(specs, fieldSpec{key: "asked", label: "Asked about it", value: "yes", options: []string{"yes", "no"}})
	}
	f := newForm(title, c.styles, specs...)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		t := t0
		t.Summary, t.Kind, t.Text = f.value("summary"), model.TouchKind(f.value("kind")), strings.TrimSpace(f.raw("text"))
		var asked *model.Note
		if about.asking != nil && existing == nil && f.value("asked") == "yes" {
			asked = about.asking
		}
		var err error
		if t.On, err = pastDay(f.value("date"), now()); err != nil {
			return f.failField("date", err)
		}
		var notes []model.DebriefNote
		var fus []model.DebriefFollowUp
		if existing == nil {
			if notes, err = model.ParseDebriefNotes(f.raw("notes"), now()); err != nil {
				return f.failField("notes", err)
			}
			if fus, err = model.ParseDebriefFollowUps(f.raw("follow-ups"), now()); err != nil {
				return f.failField("follow-ups", err)
			}
		}
		names := f.value("people")
		if t.AccountID == 0 && about.personID == 0 && (mt == nil || names == "") {
			if mt != nil {
				return f.failField("people", errInvalid("name who was there: a debrief logs a touch with them"))
			}
			return f.failField("summary", errInvalid("a touch is logged on an account or a person"))
		}
		resolveAccount := t.AccountID == 0
		if resolveAccount {
			t.AccountID = -1 // resolved from the people in the command; lets Validate check the rest now
		}
		if err := t.Validate(); err != nil {
			return f.fail(err)
		}
		if existing == nil && (mt != nil || len(notes)+len(fus) > 0) {
			return saveCmd(f, store.HitPerson, func() (saved, error) {
				return c.saveDebrief(t, resolveAccount, names, notes, fus, about, asked)
			})
		}
		return saveCmd(f, store.HitPerson, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			if resolveAccount {
				p, err := st.Person(ctx, about.personID)
				if err != nil {
					return saved{}, err
				}
				t.AccountID = p.AccountID
			}
			t.PersonIDs = nil
			if names != "" {
				if t.PersonIDs, err = pickPeople(ctx, st, names, t.AccountID, about); err != nil {
					return saved{}, err
				}
			}
			if existing != nil {
				undo, err := snapshotThen(ctx, st, "editing the touch of "+t0.On.String(), store.HitTouch, t.ID, false, func() error {
					_, err := st.UpdateTouch(ctx, t)
					return err
				})
				return saved{id: about.personID, text: "Touch saved.", undo: undo}, err
			}
			var askedIDs []int64
			if asked != nil {
				askedIDs = append(askedIDs, asked.ID) // in the touch's transaction
			}
			t, err := st.LogTouch(ctx, t, askedIDs...)
			if err != nil {
				return saved{}, err
			}
			undo := undoCreated("logging the touch with "+termtext.SanitizeLine(about.name), store.HitTouch, t.UID)
			n := len(t.PersonIDs)
			msg := "Touch logged"
			if n > 0 {
				msg += "; cadence restarted for " + strconv.Itoa(n) + " " + termtext.Plural(n, "person", "people")
			}
			if asked != nil {
				msg += "; the note is marked asked (" + keyName(keyMap.global.Undo) + " undoes both)"
				deleteTouch := undo.back
				undo.back = func(ctx context.Context, st Store) error {
					if err := deleteTouch(ctx, st); err != nil {
						return err
					}
					id, err := st.IDOf(ctx, store.HitNote, asked.UID)
					if err != nil {
						return err
					}
					return st.MarkNoteAsked(ctx, id, false)
				}
			}
			return saved{id: about.personID, text: msg + ".", undo: undo}, nil
		})
	})
}

// pickPeople resolves comma-separated names among an account's people
// (store.ResolvePerson); the person the form is about is named as shown.
func pickPeople(ctx context.Context, st Store, names string, accountID int64, about subject) ([]int64, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, name := range strings.Split(names, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		id := about.personID
		if id == 0 || model.FoldName(name) != model.FoldName(about.name) {
			p, err := st.ResolvePerson(ctx, name, store.PersonName{AccountID: accountID})
			if err != nil {
				return nil, fieldErr("people", err)
			}
			id = p.ID
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// fieldErr puts a name that picked nobody or several on the form's field;
// other errors stay as they are.
func fieldErr(field string, err error) error {
	if model.IsNameMiss(err) {
		return &model.FieldError{Field: field, Reason: model.Sentence(err)}
	}
	return err
}

func (c *common) healthForm(h *editorHost, w, height int, about subject) tea.Cmd {
	f := newForm("Health check for "+termtext.SanitizeLine(about.name), c.styles,
		fieldSpec{key: "satisfaction", label: "Satisfaction", hint: "0–10 (optional)"},
		fieldSpec{key: "revenue", label: "Revenue", hint: "e.g. 1.2m (optional)"},
		fieldSpec{key: "date", label: "Date", value: "today"},
		fieldSpec{key: "note", label: "Note", hint: "optional"},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		hc := model.HealthCheck{AccountID: about.accountID, Note: f.value("note")}
		var err error
		if hc.On, err = pastDay(f.value("date"), now()); err != nil {
			return f.fail(err)
		}
		if v := f.value("satisfaction"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return f.failField("satisfaction", errInvalid("a whole number 0–10"))
			}
			hc.Satisfaction = &n
		}
		if v := f.value("revenue"); v != "" {
			m, err := model.ParseMoney(v)
			if err != nil {
				return f.failField("revenue", err)
			}
			hc.Revenue = &m
		}
		if err := hc.Validate(); err != nil {
			return f.fail(err)
		}
		revenue := f.value("revenue")
		return saveCmd(f, store.HitAccount, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			if hc.Revenue != nil {
				// Finer than the account's currency has (decimals of yen)?
				a, err := st.Account(ctx, about.accountID)
				if err != nil {
					return saved{}, err
				}
				if _, err := model.ParseMoneyIn(revenue, a.Currency); err != nil {
					return saved{}, &model.FieldError{Field: "revenue", Reason: model.Sentence(err)}
				}
			}
			hc, err := st.AddHealthCheck(ctx, hc)
			undo := undoCreated("the health check of "+termtext.SanitizeLine(about.name), store.HitHealth, hc.UID)
			return saved{id: about.accountID, text: "Health check recorded.", undo: undo}, err
		})
	})
}

// followUpForm opens a follow-up form linked to about; with existing set it
// edits that follow-up instead.
func (c *common) followUpForm(h *editorHost, w, height int, about subject, existing *model.FollowUp) tea.Cmd {
	title := "Follow-up"
	if about.name != "" {
		title += " on " + termtext.SanitizeLine(about.name)
	}
	fu := model.FollowUp{Kind: model.KindFollowUp}
	due := "tomorrow"
	if existing != nil {
		fu = *existing
		title = "Edit follow-up"
		due = fu.DueString()
	}
	from := "due date"
	if fu.FromCompletion {
		from = "completion"
	}
	specs := []fieldSpec{
		{key: "text", label: "What", value: fu.Text, hint: "e.g. send the pricing one-pager"},
		{key: "due", label: "Due", value: due, hint: "tomorrow, fri 15:00, +2w, dec 3"},
	}
	// A new follow-up about nothing in particular (n in Follow-ups or on
	// Today) can still be put on a person or an account, by name.
	askOn := existing == nil && about.accountID == 0 && about.personID == 0 && about.briefID == 0
	if askOn {
		specs = append(specs, fieldSpec{key: "on", label: "On", hint: "a person or an account, by name (optional)"})
	}
	specs = append(specs,
		fieldSpec{key: "kind", label: "Kind", value: string(fu.Kind), options: options(model.FollowUpKinds)},
		fieldSpec{key: "repeat", label: "Repeat", value: fu.Recur.String(), hint: "weekly, monthly, every 2 weeks (optional)"},
		fieldSpec{key: "from", label: "Repeat from", value: from, options: []string{"due date", "completion"}},
	)
	f := newForm(title, c.styles, specs...)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		v := fu
		v.Text, v.Kind = f.value("text"), model.FollowUpKind(f.value("kind"))
		if existing == nil {
			v.AccountID, v.PersonID, v.BriefID = about.accountID, about.personID, about.briefID
		}
		on := ""
		if askOn {
			on = strings.TrimSpace(f.value("on"))
		}
		when, err := model.ParseWhen(f.value("due"), now())
		if err != nil {
			return f.failField("due", err)
		}
		v.DueOn, v.DueTime = when.Date, ""
		if when.HasTime {
			v.DueTime = when.String()[11:]
		}
		if v.Recur, err = model.ParseRecurrence(f.value("repeat")); err != nil {
			return f.failField("repeat", err)
		}
		v.FromCompletion = f.value("from") == "completion"
		if err := v.Validate(); err != nil {
			return f.fail(err)
		}
		return saveCmd(f, store.HitFollowUp, func() (saved, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			var err error
			if on != "" {
				if v.AccountID, v.PersonID, err = followUpOn(ctx, st, on); err != nil {
					return saved{}, err
				}
			}
			id, undo, err := saveRecord(ctx, st, store.HitFollowUp, v.ID, "the follow-up "+shortText(v.Text), func() (int64, error) {
				var err error
				if existing != nil {
					v, err = st.UpdateFollowUp(ctx, v)
				} else {
					v, err = st.CreateFollowUp(ctx, v)
				}
				return v.ID, err
			})
			text := "Follow-up added, due " + v.DueString() + "."
			if existing != nil {
				text = "Follow-up saved, due " + v.DueString() + "."
			}
			return saved{id: id, text: text, undo: undo}, err
		})
	})
}

// followUpOn finds the one person, else the one account, a name picks for
// a follow-up's On field; none or several is a reason on that field.
func followUpOn(ctx context.Context, st Store, name string) (accountID, personID int64, err error) {
	people, err := st.FindPeople(ctx, name, model.MaxCandidates+1)
	if err != nil {
		return 0, 0, err
	}
	live, err := st.FindLiveAccounts(ctx, name, model.MaxCandidates+1)
	if err != nil {
		return 0, 0, err
	}
	type on struct {
		label               string
		accountID, personID int64
	}
	var found []on
	for _, p := range people {
		found = append(found, on{p.Name + " (" + p.AccountName + ")", p.AccountID, p.ID})
	}
	for _, a := range live {
		found = append(found, on{a.Name + " (account)", a.ID, 0})
	}
	o, err := model.One(name, found, func(o on) string { return o.label }, "no person or account", "people or accounts")
	return o.accountID, o.personID, fieldErr("on", err)
}

// pastDay reads the day a touch or a health check happened
// (model.ParsePastDay) for the form's date field; a day to come says what
// to do instead.
func pastDay(s string, now time.Time) (model.Date, error) {
	w, err := model.ParsePastDay(s, now)
	if _, future := errors.AsType[*model.FutureError](err); future {
		return model.Date{}, &model.FieldError{Field: "date", Reason: model.Sentence(err) + " — log what happened; r sets a follow-up for what is planned"}
	}
	if err != nil {
		return model.Date{}, &model.FieldError{Field: "date", Reason: model.Sentence(err)}
	}
	return w.Date, nil
}

// errInvalid is a reason the pane found before asking the store; forms put
// it on the field it concerns.
func errInvalid(reason string) error { return errors.New(reason) }
