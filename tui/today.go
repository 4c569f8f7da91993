package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// todayPane is the start screen: the agenda for today in sections, one
// selection moving across all of them, and the keys to act in place.
type todayPane struct {
	c      *common
	width  int
	height int
	agenda *model.Agenda
	err    error
	// emptyBook: the database has no accounts at all, so Today says how to
	// start rather than that the day is clear.
	emptyBook bool
	gen       int // bumps per load; older answers are dropped
	rows      []todayRow
	items     []int // indexes into rows of the selectable items
	sel       int   // index into items
	top       int   // first visible row
	keys      todayKeys
	list      listKeys
	acts      fuActions
	item      itemKeys
	ed        editorHost
	// follow is the item to select when the agenda next arrives: the one
	// after an item just acted on (which leaves or moves), or the item an
	// undo brings back. Working down the list, the cursor stays put.
	follow string
	// prep is the prep sheet over the pane (enter or m on a meeting, m on
	// a person); detail is the selected meeting's, beside the list.
	prep   prepHost
	detail todayPrep
	// ask is a yes/no question in the last line (D on a meeting).
	ask *confirm
}

// todayPrep is the prep sheet of the meeting selected, shown in the
// detail: read when the selection lands on a meeting.
type todayPrep struct {
	id   int64 // the meeting it is for (0: none)
	gen  int
	prep *model.Prep
	err  error
}

// todayPrepMsg carries the prep sheet of the meeting selected.
type todayPrepMsg struct {
	gen  int
	id   int64
	prep model.Prep
	err  error
}

func (todayPrepMsg) target() paneID { return paneToday }

// todayRow is a heading or one item of the agenda.
type todayRow struct {
	heading string
	sec     model.AgendaSection
	fu      *model.FollowUp
	person  *model.Person
	note    *model.Note
	bday    *model.BirthdayItem
	brief   *model.Brief
	meeting *model.Meeting
	risks   *model.AccountRisks
}

// key identifies an item across reloads, to keep the selection on it.
func (r todayRow) key() string {
	switch {
	case r.fu != nil:
		return fmt.Sprintf("f%d", r.fu.ID)
	case r.person != nil:
		return fmt.Sprintf("p%d", r.person.ID)
	case r.note != nil:
		return fmt.Sprintf("n%d", r.note.ID)
	case r.bday != nil:
		return fmt.Sprintf("b%d", r.bday.Person.ID)
	case r.brief != nil:
		return fmt.Sprintf("s%d", r.brief.ID)
	case r.meeting != nil:
		return fmt.Sprintf("m%d", r.meeting.ID)
	case r.risks != nil:
		return fmt.Sprintf("r%d", r.risks.Account.ID)
	}
	return ""
}

// agendaMsg carries the agenda read for Today.
type agendaMsg struct {
	gen    int
	agenda model.Agenda
	empty  bool // the book has no accounts at all: a first start
	err    error
}

func (agendaMsg) target() paneID { return paneToday }

// todayAgendaLimit is the rows per section: a morning's worth.
const todayAgendaLimit = 50

func newTodayPane(c *common) *todayPane {
	return &todayPane{c: c, keys: newTodayKeys(), list: newListKeys(), acts: newFuActions(c), item: newItemKeys(), ed: editorHost{pane: paneToday},
		prep: newPrepHost(c, paneToday)}
}

func (p *todayPane) Title() string { return "Today" }

// Where: Today is a place of its own, with no item opened.
func (p *todayPane) Where() location { return location{pane: paneToday} }

// Return: Today is as it was left.
func (p *todayPane) Return(location) tea.Cmd { return nil }

// undoing selects, once the agenda reloads, the item an undo brings back.
func (p *todayPane) undoing(e undoEntry) { p.follow = e.item }

func (p *todayPane) Init() tea.Cmd { return p.loadAgenda() }

// loadAgenda reads the agenda for today in a command.
func (p *todayPane) loadAgenda() tea.Cmd {
	p.gen++
	gen, st := p.gen, p.c.store
	req := store.AgendaReq{Today: p.c.today(), Days: model.DefaultAgendaDays, AccountID: p.c.scope.ID, Limit: todayAgendaLimit}
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		a, err := st.Agenda(ctx, req)
		msg := agendaMsg{gen: gen, agenda: a, err: err}
		if err == nil && a.Counts == (model.AgendaCounts{}) && req.AccountID == 0 {
			// Nothing on the agenda: a new book, or a clear day?
			n, err := st.CountAccounts(ctx, store.AccountFilter{Archived: true})
			msg.empty, msg.err = err == nil && n == 0, err
		}
		return msg
	}
}

func (p *todayPane) SetSize(w, h int) {
	p.width, p.height = w, h
	if p.ed.ed != nil {
		p.ed.ed.form.setSize(w, h)
	}
	p.prep.resize(w, h)
	p.settle()
}

func (p *todayPane) Capturing() bool { return p.ed.active() || p.acts.capturing() || p.ask != nil }
func (p *todayPane) Dirty() bool     { return p.ed.dirty() }

func (p *todayPane) SetScope(s scope) tea.Cmd { return p.loadAgenda() }

// Open: Today has no item of its own to open; it shows the agenda.
func (p *todayPane) Open(kind store.HitKind, id int64) tea.Cmd { return nil }

// selected returns the selected row.
func (p *todayPane) selected() (todayRow, bool) {
	if p.sel < 0 || p.sel >= len(p.items) {
		return todayRow{}, false
	}
	return p.rows[p.items[p.sel]], true
}

// build lays the agenda out as headed sections and keeps the selection on
// the same item when it is still there (else at the same place).
func (p *todayPane) build(a *model.Agenda) {
	prev := p.follow
	p.follow = ""
	if r, ok := p.selected(); ok && prev == "" {
		prev = r.key()
	}
	p.rows, p.items = p.rows[:0], p.items[:0]
	c := a.Counts
	head := func(sec model.AgendaSection, shown int) {
		total := c.Of(sec)
		if shown == 0 {
			return
		}
		h := fmt.Sprintf("%s  %d", sec.Title(a.Days), total)
		if total > shown {
			h = fmt.Sprintf("%s  %d (first %d)", sec.Title(a.Days), total, shown)
		}
		p.rows = append(p.rows, todayRow{heading: h, sec: sec})
	}
	add := func(r todayRow) {
		p.items = append(p.items, len(p.rows))
		p.rows = append(p.rows, r)
	}
	for _, sec := range model.AgendaSections {
		switch sec {
		case model.SectionMeetings:
			head(sec, len(a.Meetings))
			for i := range a.Meetings {
				add(todayRow{sec: sec, meeting: &a.Meetings[i]})
			}
		case model.SectionOverdue, model.SectionToday, model.SectionUpcoming:
			list := map[model.AgendaSection][]model.FollowUp{model.SectionOverdue: a.Overdue, model.SectionToday: a.DueToday, model.SectionUpcoming: a.Upcoming}[sec]
			head(sec, len(list))
			for i := range list {
				add(todayRow{sec: sec, fu: &list[i]})
			}
		case model.SectionTouch:
			head(sec, len(a.TouchDue))
			for i := range a.TouchDue {
				add(todayRow{sec: sec, person: &a.TouchDue[i]})
			}
		case model.SectionAsk:
			head(sec, len(a.AskAbout))
			for i := range a.AskAbout {
				add(todayRow{sec: sec, note: &a.AskAbout[i]})
			}
		case model.SectionBirthdays:
			head(sec, len(a.Birthdays))
			for i := range a.Birthdays {
				add(todayRow{sec: sec, bday: &a.Birthdays[i]})
			}
		case model.SectionStalled:
			head(sec, len(a.Stalled))
			for i := range a.Stalled {
				add(todayRow{sec: sec, brief: &a.Stalled[i]})
			}
		case model.SectionRisks:
			head(sec, len(a.Risks))
			for i := range a.Risks {
				add(todayRow{sec: sec, risks: &a.Risks[i]})
			}
		}
	}
	if prev != "" {
		for i, ri := range p.items {
			if p.rows[ri].key() == prev {
				p.sel = i
				break
			}
		}
	}
	p.sel = min(max(p.sel, 0), max(len(p.items)-1, 0))
}

func (p *todayPane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	p.settle()
	return tea.Batch(cmd, p.loadDetail())
}

// loadDetail reads the prep sheet of the meeting selected, for the detail
// beside the list, when it is not the one shown (or being read). It is
// read on a narrow screen too: a wider one shows it at once.
func (p *todayPane) loadDetail() tea.Cmd {
	r, ok := p.selected()
	if !ok || r.meeting == nil || p.detail.id == r.meeting.ID {
		return nil
	}
	p.detail.gen++
	p.detail.id, p.detail.prep, p.detail.err = r.meeting.ID, nil, nil
	c, gen, id, st := p.c, p.detail.gen, r.meeting.ID, p.c.store
	req := store.PrepReq{MeetingID: id, Today: c.today()}
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		pr, err := st.Prep(ctx, req)
		return todayPrepMsg{gen: gen, id: id, prep: pr, err: err}
	}
}

func (p *todayPane) update(msg tea.Msg) tea.Cmd {
	if consumed, cmd := p.ed.handle(msg); consumed {
		return cmd
	}
	// The prep sheet takes its own messages; a save or a reload reads the
	// one open again (reread).
	reread, ok := p.prep.handle(msg, &p.ed)
	if ok {
		return reread
	}
	switch msg := msg.(type) {
	case todayPrepMsg:
		if msg.gen == p.detail.gen && msg.id == p.detail.id {
			pr := msg.prep.WithoutOwn(p.c.own)
			p.detail.prep, p.detail.err = &pr, msg.err
		}
		return nil
	case clickMsg:
		return p.click(msg.x, msg.y)
	case agendaMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.err, p.emptyBook = msg.err, msg.empty
		if msg.err == nil {
			a := msg.agenda
			p.agenda = &a
			p.build(&a)
		}
		return nil
	case savedMsg, reloadMsg:
		p.detail.id = 0 // the sheet beside the list is read again too
		return tea.Batch(reread, p.loadAgenda())
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

func (p *todayPane) key(msg tea.KeyMsg) tea.Cmd {
	w, h := p.width, p.height
	if p.ask != nil {
		done, cmd := p.ask.update(msg)
		if done {
			p.ask = nil
		}
		return cmd
	}
	if p.prep.active() {
		return p.prep.key(msg, &p.ed, w, h)
	}
	if key.Matches(msg, p.list.New) && !p.acts.capturing() {
		return p.c.meetingForm(&p.ed, w, h, nil)
	}
	r, ok := p.selected()
	if ok && r.meeting != nil {
		if cmd, handled := p.meetingKey(msg, *r.meeting); handled {
			return cmd
		}
	}
	var t fuTarget
	if ok {
		t = fuTarget{fu: r.fu, note: r.note, person: r.person, bday: r.bday}
	}
	planNext := func(f model.FollowUp) tea.Cmd {
		return p.c.followUpForm(&p.ed, w, h, p.linkSubject(todayRow{fu: &f}), nil)
	}
	if res := p.acts.key(msg, t, planNext); res.handled {
		if res.leaving {
			p.followNext()
		}
		return res.cmd
	}
	l := p.list
	switch {
	case key.Matches(msg, l.Down):
		p.move(1)
		return nil
	case key.Matches(msg, l.Up):
		p.move(-1)
		return nil
	case key.Matches(msg, l.PageDown):
		p.move(max(p.height-3, 1))
		return nil
	case key.Matches(msg, l.PageUp):
		p.move(-max(p.height-3, 1))
		return nil
	case key.Matches(msg, p.keys.NextSec):
		p.jumpSection(1)
		return nil
	case key.Matches(msg, p.keys.PrevSec):
		p.jumpSection(-1)
		return nil
	case key.Matches(msg, l.Top):
		p.sel = 0
		return nil
	case key.Matches(msg, l.Bottom):
		p.sel = max(len(p.items)-1, 0)
		return nil
	}
	if !ok {
		if key.Matches(msg, l.FollowUp) {
			return p.c.followUpForm(&p.ed, w, h, subject{accountID: p.c.scope.ID, name: p.c.scope.Name}, nil)
		}
		return nil
	}
	about, hasAbout := p.personSubject(r)
	fk := p.acts.keys
	switch {
	case key.Matches(msg, keyMap.prep.Prep) && hasAbout:
		req := store.PrepReq{PersonID: about.personID}
		if about.personID == 0 {
			req = store.PrepReq{AccountID: about.accountID}
		}
		return p.prep.open(req, about.name, w, h)
	case key.Matches(msg, p.item.Map) && p.mapOf(r) != 0:
		personID := about.personID
		if r.risks != nil {
			personID = 0
		}
		return openMap(p.mapOf(r), personID)
	case key.Matches(msg, p.item.Map):
		return status(keyName(p.item.Map) + " opens the relationship map of an account: this row is on none.")
	case key.Matches(msg, p.keys.Open):
		if kind, id := p.target(r); id != 0 {
			return func() tea.Msg { return openMsg{kind: kind, id: id, back: true} }
		}
		return nil
	case key.Matches(msg, fk.Done) && hasAbout:
		return status(keyName(fk.Done) + " ticks off follow-ups and notes; " + keyName(p.item.Touch) + " logs a touch with " + termtext.SanitizeLine(about.name) + ".")
	case key.Matches(msg, fk.Done):
		return status(keyName(fk.Done) + " ticks off follow-ups and notes; " + keyName(l.FollowUp) + " plans a follow-up on this.")
	case key.Matches(msg, fk.Snooze):
		return status(keyName(fk.Snooze) + " snoozes follow-ups; " + keyName(l.FollowUp) + " plans one for a later day.")
	case key.Matches(msg, p.item.Touch) && hasAbout:
		// Once logged, the person leaves "due a touch" and the selection
		// stays at the same place, on the next item. Logged from a note to
		// ask about, it offers to mark the note asked.
		if r.note != nil && r.note.PersonID != 0 && r.note.PersonID == about.personID {
			about.asking = r.note
		}
		return p.c.touchForm(&p.ed, w, h, about, nil)
	case key.Matches(msg, p.item.Note) && hasAbout:
		return p.c.noteForm(&p.ed, w, h, about, nil)
	case key.Matches(msg, l.FollowUp):
		return p.c.followUpForm(&p.ed, w, h, p.linkSubject(r), nil)
	}
	return nil
}

// followNext makes the item after the selected one (else the one before)
// the selection once the agenda reloads: the selected one is about to leave
// its place.
func (p *todayPane) followNext() {
	p.follow = ""
	switch {
	case p.sel+1 < len(p.items):
		p.follow = p.rows[p.items[p.sel+1]].key()
	case p.sel > 0:
		p.follow = p.rows[p.items[p.sel-1]].key()
	}
}

// jumpSection selects the first item of the next (dir 1) or previous
// (dir -1) section; back from inside a section it goes to that section's
// first item.
func (p *todayPane) jumpSection(dir int) {
	if len(p.items) == 0 {
		return
	}
	sec := p.rows[p.items[p.sel]].sec
	first := func(i int) int { // the first item of the section holding item i
		for i > 0 && p.rows[p.items[i-1]].sec == p.rows[p.items[i]].sec {
			i--
		}
		return i
	}
	if dir > 0 {
		for i := p.sel + 1; i < len(p.items); i++ {
			if p.rows[p.items[i]].sec != sec {
				p.sel = i
				return
			}
		}
		return
	}
	if f := first(p.sel); f < p.sel {
		p.sel = f
	} else if p.sel > 0 {
		p.sel = first(p.sel - 1)
	}
}

func (p *todayPane) move(delta int) {
	p.sel = min(max(p.sel+delta, 0), max(len(p.items)-1, 0))
}

// personSubject is who L and N act on: the selected person, or the person
// (else the account) the follow-up or note is about.
func (p *todayPane) personSubject(r todayRow) (subject, bool) {
	switch {
	case r.person != nil:
		return subject{accountID: r.person.AccountID, personID: r.person.ID, name: r.person.Name}, true
	case r.bday != nil:
		return subject{accountID: r.bday.Person.AccountID, personID: r.bday.Person.ID, name: r.bday.Person.Name}, true
	case r.fu != nil && r.fu.PersonID != 0:
		return subject{accountID: r.fu.AccountID, personID: r.fu.PersonID, name: r.fu.PersonName}, true
	case r.fu != nil && r.fu.AccountID != 0:
		return subject{accountID: r.fu.AccountID, name: r.fu.AccountName}, true
	case r.note != nil && r.note.PersonID != 0:
		return subject{accountID: r.note.AccountID, personID: r.note.PersonID, name: r.note.PersonName}, true
	case r.note != nil && r.note.AccountID != 0:
		return subject{accountID: r.note.AccountID, name: r.note.AccountName}, true
	}
	return subject{}, false
}

// linkSubject is what a new follow-up (r) links to.
func (p *todayPane) linkSubject(r todayRow) subject {
	switch {
	case r.fu != nil:
		return linkOf(*r.fu)
	case r.brief != nil:
		return subject{accountID: r.brief.AccountID, briefID: r.brief.ID, name: r.brief.Title}
	case r.risks != nil:
		return subject{accountID: r.risks.Account.ID, name: r.risks.Account.Name}
	case r.meeting != nil && r.meeting.AccountID != 0:
		return subject{accountID: r.meeting.AccountID, name: r.meeting.AccountName}
	}
	if s, ok := p.personSubject(r); ok {
		return s
	}
	return subject{accountID: p.c.scope.ID, name: p.c.scope.Name}
}

// target is the pane and item enter opens.
func (p *todayPane) target(r todayRow) (store.HitKind, int64) {
	switch {
	case r.fu != nil:
		return store.HitFollowUp, r.fu.ID
	case r.person != nil:
		return store.HitPerson, r.person.ID
	case r.bday != nil:
		return store.HitPerson, r.bday.Person.ID
	case r.brief != nil:
		return store.HitBrief, r.brief.ID
	case r.note != nil && r.note.PersonID != 0:
		return store.HitPerson, r.note.PersonID
	case r.note != nil:
		return store.HitAccount, r.note.AccountID
	case r.risks != nil:
		return store.HitAccount, r.risks.Account.ID
	}
	return 0, 0
}

// mapOf is the account whose relationship map M opens on the row (0:
// none).
func (p *todayPane) mapOf(r todayRow) int64 {
	switch {
	case r.risks != nil:
		return r.risks.Account.ID
	case r.meeting != nil:
		return r.meeting.AccountID
	case r.brief != nil:
		return r.brief.AccountID
	}
	s, _ := p.personSubject(r)
	return s.accountID
}

func (p *todayPane) Help() help.KeyMap {
	if p.ed.active() {
		return p.ed.ed.form.help()
	}
	if p.ask != nil {
		return p.ask.help()
	}
	if p.prep.active() {
		return p.prep.help()
	}
	if p.acts.snooze != nil {
		return p.acts.snooze.help()
	}
	l, fk := p.list, p.acts.keys
	fu := l.FollowUp
	if p.acts.justDone != nil {
		fu.SetHelp(keyName(fu), "plan the next one")
	}
	undo := keyMap.global.Undo
	undo.SetEnabled(!p.c.undo.empty())
	// The footer is short of room: the keys for the selected item first,
	// most used first; moving last (everyone tries the arrows).
	var own []key.Binding
	r, ok := p.selected()
	if !ok {
		fu.SetHelp(keyName(fu), "plan a follow-up")
		own = append(own, fu, undo)
	} else {
		_, person := p.personSubject(r)
		switch {
		case r.meeting != nil:
			prep, debrief := p.keys.Open, p.item.Touch
			prep.SetHelp(keyName(prep), "prep sheet")
			debrief.SetHelp(keyName(debrief), "debrief")
			edit := p.list.Edit
			edit.SetHelp(keyName(edit), "edit meeting")
			own = append(own, prep, debrief, fu, edit, undo)
		case r.fu != nil:
			own = append(own, fk.Done, fk.Snooze, fu)
			if person {
				own = append(own, p.item.Touch)
			}
			own = append(own, p.keys.Open, undo)
		case r.note != nil:
			asked := fk.Done // one binding: on a note to ask about it marks it asked
			asked.SetHelp(keyName(asked), "mark asked")
			own = append(own, asked, p.item.Touch, p.keys.Open, fu, undo)
		case r.person != nil:
			snooze := fk.Snooze
			snooze.SetHelp(keyName(snooze), "snooze cadence")
			own = append(own, p.item.Touch, snooze, p.keys.Open, fu, p.item.Note, undo)
		case r.bday != nil:
			dismiss := fk.Snooze
			dismiss.SetHelp(keyName(dismiss), "dismiss for the year")
			own = append(own, p.item.Touch, dismiss, p.keys.Open, fu, p.item.Note, undo)
		case person:
			own = append(own, p.item.Touch, p.keys.Open, fu, p.item.Note, undo)
		case r.risks != nil:
			own = append(own, p.item.Map, p.keys.Open, fu, undo)
		default:
			own = append(own, p.keys.Open, fu, undo)
		}
		own = append(own, p.keys.Move, p.keys.NextSec)
	}
	doneOrAsked := fk.Done
	doneOrAsked.SetHelp(keyName(doneOrAsked), "done (a note: asked)")
	return bindings{short: own, full: [][]key.Binding{
		{l.Down, l.Up, p.keys.NextSec, p.keys.PrevSec, l.Top, l.Bottom, l.PageDown, l.PageUp, p.keys.Open},
		{doneOrAsked, fk.Snooze, p.item.Touch, p.item.Note, l.FollowUp},
	}}
}

// click selects the item clicked; a click on the selected one opens it,
// as enter does.
func (p *todayPane) click(x, y int) tea.Cmd {
	if p.ed.active() || p.acts.snooze != nil || (!p.narrow() && x > p.listWidth()) {
		return nil
	}
	row := p.top + y - p.summaryLines()
	for i, at := range p.items {
		if at != row {
			continue
		}
		if i == p.sel {
			return p.key(Key("enter"))
		}
		p.sel = i
		p.settle()
		return nil
	}
	return nil
}

// meetingKey acts on a meeting of the day: enter or m opens its prep
// sheet, L debriefs it, e edits it, D deletes it (asking first). handled
// is false for the keys that act on any item (r).
func (p *todayPane) meetingKey(msg tea.KeyMsg, m model.Meeting) (tea.Cmd, bool) {
	w, h := p.width, p.height
	switch {
	case key.Matches(msg, p.keys.Open), key.Matches(msg, keyMap.prep.Prep):
		return p.prep.open(store.PrepReq{MeetingID: m.ID}, m.Title, w, h), true
	case key.Matches(msg, p.item.Touch):
		if m.Debriefed() {
			return status("Debriefed already — " + keyName(keyMap.global.Undo) + " takes back a debrief of this session; " +
				keyName(p.item.Touch) + " on a person logs another touch."), true
		}
		return p.c.touchForm(&p.ed, w, h, subject{meeting: &m, accountID: m.AccountID, name: m.Title}, nil), true
	case key.Matches(msg, p.list.Edit):
		return p.c.meetingForm(&p.ed, w, h, &m), true
	case key.Matches(msg, p.list.Delete):
		st, title := p.c.store, termtext.SanitizeLine(m.Title)
		p.ask = newConfirm("Delete the meeting “"+termtext.Clip(title, 40)+"”? (its debrief stays)", func() tea.Cmd {
			return writeCmd(paneToday, store.HitMeeting, func() (saved, error) {
				ctx, cancel := p.c.ctx()
				defer cancel()
				undo, err := snapshotThen(ctx, st, "deleting the meeting “"+title+"”", store.HitMeeting, m.ID, false, func() error {
					return st.DeleteMeeting(ctx, m.ID)
				})
				return saved{text: "Meeting deleted (" + keyName(keyMap.global.Undo) + " brings it back).", undo: undo}, err
			})
		})
		return nil, true
	case key.Matches(msg, p.acts.keys.Done), key.Matches(msg, p.acts.keys.Snooze):
		return status(keyName(p.item.Touch) + " debriefs a meeting; " + keyName(p.acts.keys.Done) + " and " + keyName(p.acts.keys.Snooze) +
			" act on follow-ups."), true
	}
	return nil, false
}
