package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// peoplePane lists people and shows the person dossier: the 30-second
// lookup before a meeting.
type peoplePane struct {
	dossierPane[model.Person, personDossier]
	item itemKeys
	// bossFor is the account whose people the open form's "reports to"
	// offers (folded name), so they are read once per account typed.
	bossFor string
	// acct follows the open form's account field as it is typed.
	acct acctLookup
	// prep is the prep sheet of the person (m), over the pane.
	prep prepHost
}

func newPeoplePane(c *common) *peoplePane {
	p := &peoplePane{item: keyMap.item, prep: newPrepHost(c, panePeople)}
	p.dossierPane = dossierPane[model.Person, personDossier]{
		cursor: -1, cursorAfter: -1,
		listPane:  newListPane(c, panePeople, func(v model.Person) int64 { return v.ID }),
		kind:      store.HitPerson,
		read:      readPersonDossier(c.store, c.now),
		dossierID: func(d *personDossier) int64 { return d.person.ID },
		render:    p.renderDossier,
	}
	p.b.wideFocus = true // the focused dossier spreads over two columns
	p.b.cols = p.table
	p.prepOf = func(m model.Meeting) tea.Cmd {
		return p.prep.open(store.PrepReq{MeetingID: m.ID}, m.Title, p.b.width, p.b.height)
	}
	p.source = func() listSource[model.Person] {
		return sourceOf(p.filter(), p.c.store.People, p.c.store.CountPeople, p.c.store.PersonPosition)
	}
	return p
}

func (p *peoplePane) Title() string { return "People" }

func (p *peoplePane) Init() tea.Cmd { return p.refilter(p.query) }

func (p *peoplePane) filter() store.PersonFilter {
	return store.PersonFilter{Query: p.query, AccountID: p.c.scope.ID}
}

func (p *peoplePane) Capturing() bool          { return p.capturing() }
func (p *peoplePane) Dirty() bool              { return p.dirty() }
func (p *peoplePane) SetScope(s scope) tea.Cmd { return p.refilter(p.query) }

// Open shows a person's dossier with the detail focused (quick find lands
// here); a note opens the dossier of the person, or account, it is on.
func (p *peoplePane) Open(kind store.HitKind, id int64) tea.Cmd {
	if kind == store.HitNote {
		p.b.focusDetail(true)
		st := p.c.store
		return func() tea.Msg {
			ctx, cancel := p.c.ctx()
			defer cancel()
			n, err := st.Note(ctx, id)
			if err != nil {
				return statusMsg{text: errText(err), err: true}
			}
			if n.PersonID == 0 {
				return openMsg{kind: store.HitAccount, id: n.AccountID, redirect: true}
			}
			return openMsg{kind: store.HitPerson, id: n.PersonID, redirect: true}
		}
	}
	return p.open(id)
}

// SetSize sizes the list, the dossier and the prep sheet.
func (p *peoplePane) SetSize(w, h int) {
	p.dossierPane.SetSize(w, h)
	p.prep.resize(w, h)
}

func (p *peoplePane) Help() help.KeyMap {
	if h, ok := p.coverHelp(); ok {
		return h
	}
	if p.prep.active() {
		return p.prep.help()
	}
	k := p.b.keys
	if _, ok := p.b.list.selected(); !ok && !p.b.filtering && !p.b.inDetail {
		return p.startOnly(k.New)
	}
	own := []key.Binding{k.New, k.Edit, p.item.Note, p.item.Touch, k.FollowUp, p.item.Map, k.Delete}
	if h, ok := p.dossierHelp(own[1:]...); ok {
		return h
	}
	return p.b.help(own...)
}

func (p *peoplePane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	p.b.settle()
	return cmd
}

func (p *peoplePane) update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return tea.Batch(cmd, p.offerColleagues(), p.syncAccount())
	}
	reread, ok := p.prep.handle(msg, &p.ed)
	if ok {
		return reread
	}
	switch msg := msg.(type) {
	case clickMsg:
		if p.prep.active() {
			return nil
		}
		return p.click(msg.x, msg.y)
	case acctLookupMsg:
		if p.ed.ed != nil {
			p.acct.answer(p.ed.ed.form, msg)
		}
		return nil
	case colleaguesMsg:
		p.onColleagues(msg)
		return nil
	case pageMsg[model.Person]:
		_, cmd := p.onPage(msg)
		return cmd
	case detailMsg[personDossier]:
		return p.onDossier(msg)
	case savedMsg:
		return tea.Batch(reread, p.onSaved(msg, store.HitPerson))
	case reloadMsg:
		return tea.Batch(reread, p.onReload(msg))
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

func (p *peoplePane) key(msg tea.KeyMsg) tea.Cmd {
	if ok, cmd := p.answer(msg); ok {
		return cmd
	}
	if p.prep.active() {
		return p.prep.key(msg, &p.ed, p.b.width, p.b.height)
	}
	if handled, cmd := p.browseKey(msg); handled {
		return cmd
	}
	if handled, cmd := p.itemKey(msg); handled {
		return cmd
	}
	k := p.b.keys
	w, h := p.b.width, p.b.height
	if key.Matches(msg, k.New) {
		return p.personForm(nil)
	}
	if p.dossier == nil {
		return nil
	}
	v := p.dossier.person
	about := subject{accountID: v.AccountID, personID: v.ID, name: v.Name}
	switch {
	case key.Matches(msg, k.Edit):
		return p.personForm(&v)
	case key.Matches(msg, k.Delete):
		return p.askDelete(v)
	case key.Matches(msg, keyMap.prep.Prep):
		return p.prep.open(store.PrepReq{PersonID: v.ID}, v.Name, w, h)
	case key.Matches(msg, p.item.Map):
		return openMap(v.AccountID, v.ID)
	}
	return p.c.subjectForm(msg, p.item, k.FollowUp, &p.ed, w, h, about)
}

// askDelete archives by default; an archived person can then be deleted
// for good.
func (p *peoplePane) askDelete(v model.Person) tea.Cmd {
	st := p.c.store
	p.ask = p.c.askRemove(removal{
		pane: p.id, kind: store.HitPerson, uid: v.UID, name: termtext.SanitizeLine(v.Name), id: v.ID, archived: v.Archived(),
		archiveAsk: "(nothing is deleted)",
		deleteAsk:  ", with their notes",
		archive:    st.ArchivePerson,
		remove:     st.DeletePerson,
	})
	return nil
}

func (p *peoplePane) View() string {
	return p.overlay(func() string {
		if p.prep.active() {
			return p.prep.view(p.b.width, p.b.height)
		}
		header := p.c.styles.Heading.Render("People") + p.c.styles.Muted.Render(" · "+p.b.list.position())
		empty := "No people yet — press " + keyName(p.b.keys.New) + " to add someone at an account, or run `rapport demo` to explore with sample data."
		if p.query != "" {
			empty = "Nobody matches “" + termtext.SanitizeLine(p.query) + "” — " + keyName(p.b.keys.ClearFilter) + " clears the filter."
		}
		return p.b.view(header, empty, p.row)
	})
}

// table is the list's columns: name, title, role, account, last touch
// and when the next touch is due, as width allows.
func (p *peoplePane) table() table {
	return table{
		{title: "Name", flex: 2, least: 12, most: 24},
		{title: "Title", flex: 2, least: 8, most: 30, from: 64},
		{title: "Role", width: 14, from: 92},
		{title: "Account", flex: 2, least: 8, most: 26},
		{title: "Touch", width: 6, right: true},
		{title: "Next", width: 9, right: true, from: 80},
	}
}

// row: a person in the table's columns; the last touch and the next one
// red once a touch is due.
func (p *peoplePane) row(v model.Person, width int, selected bool, _ model.Person, _ bool) string {
	st := p.c.styles
	today := p.c.today()
	due := !v.TouchDueOn.IsZero() && !v.TouchDueOn.After(today)
	ls := st.Muted
	if due {
		ls = st.Overdue
	}
	next := ""
	if !v.TouchDueOn.IsZero() {
		next = v.TouchDueOn.Relative(today)
	}
	cols := p.table()
	text := cols.line(cols.widths(width-2),
		termtext.SanitizeLine(v.Name), st.Muted.Render(termtext.SanitizeLine(v.Title)), st.Muted.Render(string(v.Role)),
		st.Muted.Render(termtext.SanitizeLine(v.AccountName)), ls.Render(model.Age(v.LastTouchOn, today)), ls.Render(next))
	return p.b.row(text, width, selected)
}
