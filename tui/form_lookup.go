package tui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/termtext"
)

// acctLookup follows a form's account field as it is typed: the account
// the name picks (store.ResolveAccount), said under the field — "→ Acme",
// an ambiguity with its candidates, or that no account has that name.
type acctLookup struct {
	field   string        // the form's account field
	text    string        // the text last looked up
	acct    model.Account // what it picks (ID 0: nothing yet)
	missing string        // said after "no account matches …"
}

// acctLookupMsg answers a form's account lookup.
type acctLookupMsg struct {
	form  *form
	query string
	acct  model.Account
	err   error
}

func (m acctLookupMsg) target() paneID { return m.form.pane }

// sync starts a lookup when the field's text changed since the last one.
func (l *acctLookup) sync(c *common, f *form) tea.Cmd {
	t := f.value(l.field)
	if t == l.text {
		return nil
	}
	l.text = t
	if t == "" {
		l.acct = model.Account{}
		f.setNote(l.field, "")
		return nil
	}
	st := c.store
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		acct, err := st.ResolveAccount(ctx, t, false)
		return acctLookupMsg{form: f, query: t, acct: acct, err: err}
	}
}

// answer applies a lookup's answer to f; it reports whether it was this
// lookup's (an older query's answer is dropped, and reported as handled).
func (l *acctLookup) answer(f *form, msg acctLookupMsg) bool {
	if msg.form != f {
		return false
	}
	if msg.query != l.text {
		return true
	}
	l.acct = model.Account{}
	switch {
	case errors.Is(msg.err, model.ErrNotFound):
		f.setNote(l.field, errText(msg.err)+l.missing)
	case msg.err != nil:
		f.setNote(l.field, errText(msg.err))
	default:
		l.acct = msg.acct
		f.setNote(l.field, "→ "+termtext.SanitizeLine(msg.acct.Name))
	}
	return true
}
