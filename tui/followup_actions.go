package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// fuActions is acting on follow-ups in place, shared by Today and
// Follow-ups: done (x), snooze (s, asking until when), asked (x on a note
// to ask about), undo (u), and r straight after x to plan the next one.
// Each write runs in a command and reports with an actedMsg, which the
// root handles once.
type fuActions struct {
	c      *common
	keys   followUpKeys
	snooze *snoozePrompt
	// justDone is what x just completed: r straight after it plans the next
	// one on the same account, person and brief.
	justDone *model.FollowUp
}

func newFuActions(c *common) fuActions { return fuActions{c: c, keys: newFollowUpKeys()} }

// capturing reports whether the snooze prompt has the keys.
func (a *fuActions) capturing() bool { return a.snooze != nil }

// fuTarget is what the keys act on: a follow-up, a note to ask about, a
// person due a touch (s snoozes their cadence) or a birthday (s dismisses
// it for the year); at most one is set.
type fuTarget struct {
	fu     *model.FollowUp
	note   *model.Note
	person *model.Person
	bday   *model.BirthdayItem
}

// fuResult is what a key did.
type fuResult struct {
	handled bool
	leaving bool // the target leaves its place: the pane selects the next
	cmd     tea.Cmd
}

// key handles a key for t. planNext opens the follow-up form linked as f
// is, for r after x.
func (a *fuActions) key(msg tea.KeyMsg, t fuTarget, planNext func(f model.FollowUp) tea.Cmd) fuResult {
	if a.snooze != nil {
		done, until, cmd := a.snooze.update(msg, a.c)
		if !done {
			return fuResult{handled: true, cmd: cmd}
		}
		sp := a.snooze
		a.snooze = nil
		if until.IsZero() {
			return fuResult{handled: true, cmd: cmd}
		}
		if sp.person != nil {
			return fuResult{handled: true, leaving: true, cmd: a.savePersonSnooze(*sp.person, until)}
		}
		leaving := t.fu != nil && t.fu.ID == sp.f.ID
		return fuResult{handled: true, leaving: leaving, cmd: a.saveSnooze(sp.f, until)}
	}
	just := a.justDone
	a.justDone = nil
	k := a.keys
	switch {
	case just != nil && key.Matches(msg, k.FollowUp):
		return fuResult{handled: true, cmd: planNext(*just)}
	case key.Matches(msg, k.Done):
		switch {
		case t.fu != nil && t.fu.Done():
			return fuResult{handled: true, cmd: status("Already done — " + keyName(keyMap.global.Undo) + " undoes the last done.")}
		case t.fu != nil:
			f := *t.fu
			if f.Recur.IsZero() { // a recurring one plans its next itself
				a.justDone = &f
			}
			return fuResult{handled: true, leaving: true, cmd: a.saveDone(f)}
		case t.note != nil:
			return fuResult{handled: true, leaving: true, cmd: a.saveAsked(*t.note)}
		}
	case key.Matches(msg, k.Snooze) && t.fu != nil:
		if t.fu.Done() {
			return fuResult{handled: true, cmd: status("It is done; nothing to snooze.")}
		}
		a.snooze = newSnoozePrompt(shortText(t.fu.Text), a.c.styles)
		a.snooze.f = *t.fu
		return fuResult{handled: true, cmd: a.snooze.input.Focus()}
	case key.Matches(msg, k.Snooze) && t.person != nil:
		a.snooze = newSnoozePrompt(termtext.SanitizeLine(t.person.Name)+"'s cadence", a.c.styles)
		a.snooze.person = t.person
		return fuResult{handled: true, cmd: a.snooze.input.Focus()}
	case key.Matches(msg, k.Snooze) && t.bday != nil:
		return fuResult{handled: true, leaving: true, cmd: a.saveDismiss(*t.bday)}
	}
	return fuResult{}
}

// savePersonSnooze snoozes a person's cadence until a day: they leave
// "People due a touch" until then.
func (a *fuActions) savePersonSnooze(p model.Person, until model.Date) tea.Cmd {
	c, st := a.c, a.c.store
	name := termtext.SanitizeLine(p.Name)
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		e, err := snapshotThen(ctx, st, name+"'s cadence is as it was", store.HitPerson, p.ID, false, func() error {
			_, err := st.SnoozeTouch(ctx, p.ID, until)
			return err
		})
		if err != nil {
			return actedMsg{err: err}
		}
		return actedMsg{push: e, text: "No touch due for " + name + " before " + model.DayName(until) + " " + until.String() + ". " +
			keyName(keyMap.global.Undo) + " undoes."}
	}
}

// saveDismiss takes a birthday off Today for the year it falls in.
func (a *fuActions) saveDismiss(b model.BirthdayItem) tea.Cmd {
	c, st := a.c, a.c.store
	name := termtext.SanitizeLine(b.Person.Name)
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		e, err := snapshotThen(ctx, st, name+"'s birthday is back on Today", store.HitPerson, b.Person.ID, false, func() error {
			return st.DismissBirthday(ctx, b.Person.ID, b.On.Year())
		})
		if err != nil {
			return actedMsg{err: err}
		}
		return actedMsg{push: e, text: name + "'s birthday dismissed for " + itoa(b.On.Year()) + ". " + keyName(keyMap.global.Undo) + " undoes."}
	}
}

// saveDone marks a follow-up done; a recurring one spawns its next.
func (a *fuActions) saveDone(f model.FollowUp) tea.Cmd {
	c, st := a.c, a.c.store
	next, undo := keyName(a.keys.FollowUp), keyName(keyMap.global.Undo)
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		_, spawned, err := st.CompleteFollowUp(ctx, f.ID)
		if err != nil {
			return actedMsg{err: err}
		}
		what := shortText(f.Text)
		e := &undoEntry{what: what + " is open again", item: "f" + itoa(int(f.ID))}
		text := "Done: " + what + ". " + next + " plans the next one; " + undo + " undoes."
		spawnedUID := ""
		if spawned != nil {
			spawnedUID = spawned.UID
			e.what += "; its next one is gone"
			text = "Done: " + what + ". It repeats: the next one is due " + dueText(*spawned) + ". " + undo + " undoes."
		}
		e.back = func(ctx context.Context, st Store) error {
			id, err := st.IDOf(ctx, store.HitFollowUp, f.UID)
			if err != nil {
				return err
			}
			spawnedID := int64(0)
			if spawnedUID != "" {
				if spawnedID, err = st.IDOf(ctx, store.HitFollowUp, spawnedUID); err != nil {
					return err
				}
			}
			return st.ReopenFollowUp(ctx, id, spawnedID)
		}
		return actedMsg{push: e, text: text}
	}
}

// saveSnooze hides a follow-up from the agenda until a day.
func (a *fuActions) saveSnooze(f model.FollowUp, until model.Date) tea.Cmd {
	c, st := a.c, a.c.store
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		prev, err := st.SnoozeFollowUp(ctx, f.ID, until)
		if err != nil {
			return actedMsg{err: err}
		}
		what := shortText(f.Text)
		e := &undoEntry{what: what + " is no longer snoozed", item: "f" + itoa(int(f.ID)),
			back: func(ctx context.Context, st Store) error {
				id, err := st.IDOf(ctx, store.HitFollowUp, f.UID)
				if err == nil {
					_, err = st.SnoozeFollowUp(ctx, id, prev)
				}
				return err
			}}
		if !prev.IsZero() {
			e.what = what + " is snoozed until " + prev.String() + " again"
		}
		text := "Snoozed " + what + " until " + model.DayName(until) + " " + until.String() + "."
		if !until.After(f.DueOn) {
			text += " (It is due then anyway.)"
		}
		return actedMsg{push: e, text: text}
	}
}

// saveAsked takes an ask-about note off Today.
func (a *fuActions) saveAsked(n model.Note) tea.Cmd {
	c, st, undo := a.c, a.c.store, keyName(keyMap.global.Undo)
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		if err := st.MarkNoteAsked(ctx, n.ID, true); err != nil {
			return actedMsg{err: err}
		}
		what := shortText(n.Text)
		e := &undoEntry{what: what + " is back on Today", item: "n" + itoa(int(n.ID)),
			back: func(ctx context.Context, st Store) error {
				id, err := st.IDOf(ctx, store.HitNote, n.UID)
				if err == nil {
					err = st.MarkNoteAsked(ctx, id, false)
				}
				return err
			}}
		return actedMsg{push: e, text: "Asked about " + what + ". " + undo + " undoes."}
	}
}

// view puts the snooze prompt, when open, on the last line of out.
func (a *fuActions) view(out string, width int) string {
	if a.snooze == nil {
		return out
	}
	return replaceLastLine(out, a.snooze.view(a.c.styles, width))
}

// snoozePrompt asks how long to snooze: 1d, 3d, 1w or any date, then
// enter. "1", "3" and "w" alone are short for the first three. Nothing
// happens before enter, so a date that starts with 1, 3 or w (12-03, wed)
// can be typed.
type snoozePrompt struct {
	label  string         // what is snoozed, for the lead-in
	f      model.FollowUp // a follow-up, or
	person *model.Person  // a person's cadence
	input  textinput.Model
	err    string
	keys   snoozeKeys
}

// snoozeShort are the prompt's short answers.
var snoozeShort = map[string]string{"1": "1d", "3": "3d", "w": "1w"}

func newSnoozePrompt(label string, st Styles) *snoozePrompt {
	in := newInput(st)
	in.Prompt = ""
	in.Placeholder = "fri, dec 3, +2w"
	in.CharLimit = 64
	in.Width = 24
	in.Focus()
	return &snoozePrompt{label: label, input: in, keys: newSnoozeKeys()}
}

// update reads a key. done is true when the prompt closes; until is set when
// the user chose a day (zero when cancelled).
func (s *snoozePrompt) update(msg tea.KeyMsg, c *common) (done bool, until model.Date, cmd tea.Cmd) {
	today := c.today()
	typed := strings.TrimSpace(s.input.Value())
	switch {
	case key.Matches(msg, s.keys.Cancel):
		return true, model.Date{}, status("Not snoozed.")
	case key.Matches(msg, s.keys.Enter):
		if typed == "" {
			s.err = "type 1d, 3d, 1w or a date, then enter"
			return false, model.Date{}, nil
		}
		if short, ok := snoozeShort[strings.ToLower(typed)]; ok {
			typed = short
		}
		w, err := model.ParseWhen(typed, c.now())
		if err != nil {
			s.err = errText(err)
			return false, model.Date{}, nil
		}
		if w.Date.Before(today) {
			s.err = "that day has passed — pick one from today on"
			return false, model.Date{}, nil
		}
		return true, w.Date, nil
	}
	s.err = ""
	s.input, cmd = s.input.Update(msg)
	return false, model.Date{}, cmd
}

// view is one line for the bottom of the pane.
func (s *snoozePrompt) view(st Styles, width int) string {
	// The longest lead-in that leaves the field its room.
	in := s.input.View()
	room := width - max(lipgloss.Width(in), 24)
	line := "Snooze: "
	for _, lead := range []string{
		"Snooze " + s.label + " — 1d, 3d, 1w or a day, then enter: ",
		"Snooze — 1d, 3d, 1w or a day, then enter: ",
		"Snooze — 1d, 3d, 1w or a day: ",
	} {
		if lipgloss.Width(lead) <= room {
			line = lead
			break
		}
	}
	line += in
	if s.err != "" {
		// The reason (with its example) matters more than the lead-in.
		return st.StatusErr.Render(termtext.Fit("Snooze until: "+s.input.Value()+"  ✗ "+s.err, width))
	}
	return st.Warn.Render(termtext.Fit(line, width))
}

func (s *snoozePrompt) help() bindings {
	k := s.keys
	return bindings{short: []key.Binding{k.Enter, k.Cancel}}
}
