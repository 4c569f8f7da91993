package tui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
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
}

func (c *common) noteForm(h *editorHost, w, height int, about subject) tea.Cmd {
	f := newForm("Note on "+SanitizeLine(about.name), c.styles,
		fieldSpec{key: "text", label: "Note", long: true, rows: 6, hint: "what they told you; ctrl+e for $EDITOR"},
		fieldSpec{key: "kind", label: "Kind", value: string(model.NotePersonal), options: options(model.NoteKinds)},
		fieldSpec{key: "ask after", label: "Ask after", hint: "a date to bring it up, e.g. mon, +2w (optional)"},
		fieldSpec{key: "pinned", label: "Pin on top", hint: "y/n", options: []string{"no", "yes"}, value: "no"},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		n := model.Note{AccountID: about.accountID, PersonID: about.personID, Text: strings.TrimRight(f.raw("text"), " \n"),
			Kind: model.NoteKind(f.value("kind")), Pinned: f.value("pinned") == "yes", On: model.DateOf(now())}
		if v := f.value("ask after"); v != "" {
			w, err := model.ParseWhen(v, now())
			if err != nil {
				return f.failField("ask after", err)
			}
			n.AskAfter = w.Date
		}
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		return saveCmd(f, store.HitNote, func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			n, err := st.CreateNote(ctx, n)
			return n.ID, "Note saved on " + SanitizeLine(about.name) + ".", err
		})
	})
}

func (c *common) touchForm(h *editorHost, w, height int, about subject) tea.Cmd {
	f := newForm("Log a touch with "+SanitizeLine(about.name), c.styles,
		fieldSpec{key: "summary", label: "Summary", hint: "one line: what happened"},
		fieldSpec{key: "kind", label: "Kind", value: string(model.TouchCall), options: options(model.TouchKinds)},
		fieldSpec{key: "date", label: "Date", value: "today"},
		fieldSpec{key: "others", label: "Also there", hint: "other people, comma-separated names (optional)"},
		fieldSpec{key: "text", label: "Details", long: true, rows: 4, hint: "optional"},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		t := model.Touch{AccountID: about.accountID, Summary: f.value("summary"), Kind: model.TouchKind(f.value("kind")), Text: strings.TrimSpace(f.raw("text"))}
		when, err := model.ParseWhen(f.value("date"), now())
		if err != nil {
			return f.failField("date", err)
		}
		t.On = when.Date
		if about.personID != 0 {
			t.PersonIDs = []int64{about.personID}
		}
		if t.AccountID == 0 && about.personID == 0 {
			return f.failField("summary", errInvalid("a touch is logged on an account or a person"))
		}
		if t.AccountID == 0 {
			t.AccountID = -1 // resolved from the person by the store
		}
		if err := t.Validate(); err != nil {
			return f.fail(err)
		}
		if t.AccountID == -1 {
			t.AccountID = 0
		}
		others := f.value("others")
		return saveCmd(f, store.HitPerson, func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			for _, name := range strings.Split(others, ",") {
				if name = strings.TrimSpace(name); name == "" {
					continue
				}
				ps, err := st.FindPeople(ctx, name, 5)
				if err != nil {
					return 0, "", err
				}
				if len(ps) != 1 {
					return 0, "", &model.FieldError{Field: "others", Reason: peopleMatch(name, ps)}
				}
				t.PersonIDs = append(t.PersonIDs, ps[0].ID)
			}
			t, err := st.LogTouch(ctx, t)
			n := len(t.PersonIDs)
			msg := "Touch logged"
			if n > 0 {
				msg += "; cadence restarted for " + strconv.Itoa(n) + " " + plural(n, "person", "people")
			}
			return about.personID, msg + ".", err
		})
	})
}

func peopleMatch(name string, ps []model.Person) string {
	if len(ps) == 0 {
		return "nobody is called “" + name + "”"
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name+" ("+p.AccountName+")")
	}
	return "“" + name + "” could be " + strings.Join(names, ", ")
}

func (c *common) healthForm(h *editorHost, w, height int, about subject) tea.Cmd {
	f := newForm("Health check for "+SanitizeLine(about.name), c.styles,
		fieldSpec{key: "satisfaction", label: "Satisfaction", hint: "0–10 (optional)"},
		fieldSpec{key: "revenue", label: "Revenue", hint: "e.g. 1.2m (optional)"},
		fieldSpec{key: "date", label: "Date", value: "today"},
		fieldSpec{key: "note", label: "Note", hint: "optional"},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		hc := model.HealthCheck{AccountID: about.accountID, Note: f.value("note")}
		when, err := model.ParseWhen(f.value("date"), now())
		if err != nil {
			return f.failField("date", err)
		}
		hc.On = when.Date
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
		return saveCmd(f, store.HitAccount, func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			_, err := st.AddHealthCheck(ctx, hc)
			return about.accountID, "Health check recorded.", err
		})
	})
}

// followUpForm opens a follow-up form linked to about; with existing set it
// edits that follow-up instead.
func (c *common) followUpForm(h *editorHost, w, height int, about subject, existing *model.FollowUp) tea.Cmd {
	title := "Follow-up"
	if about.name != "" {
		title += " on " + SanitizeLine(about.name)
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
	f := newForm(title, c.styles,
		fieldSpec{key: "text", label: "What", value: fu.Text, hint: "e.g. send the pricing one-pager"},
		fieldSpec{key: "due", label: "Due", value: due, hint: "tomorrow, fri 15:00, +2w, dec 3"},
		fieldSpec{key: "kind", label: "Kind", value: string(fu.Kind), options: options(model.FollowUpKinds)},
		fieldSpec{key: "repeat", label: "Repeat", value: fu.Recur.String(), hint: "weekly, monthly, every 2 weeks (optional)"},
		fieldSpec{key: "from", label: "Repeat from", value: from, options: []string{"due date", "completion"}},
	)
	st, now := c.store, c.now
	return h.open(f, w, height, func(f *form) tea.Cmd {
		v := fu
		v.Text, v.Kind = f.value("text"), model.FollowUpKind(f.value("kind"))
		if existing == nil {
			v.AccountID, v.PersonID, v.BriefID = about.accountID, about.personID, about.briefID
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
		return saveCmd(f, store.HitFollowUp, func() (int64, string, error) {
			ctx, cancel := c.ctx()
			defer cancel()
			var err error
			if existing != nil {
				v, err = st.UpdateFollowUp(ctx, v)
				return v.ID, "Follow-up saved, due " + v.DueString() + ".", err
			}
			v, err = st.CreateFollowUp(ctx, v)
			return v.ID, "Follow-up added, due " + v.DueString() + ".", err
		})
	})
}

func errInvalid(reason string) error { return &model.FieldError{Field: "", Reason: reason} }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
