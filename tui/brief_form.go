package tui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The brief form (n, e in Briefs) with its lookups as it is typed — the
// account, its people, a framing field per linked person — and the checks
// and drop forms.

// briefDraft follows an open brief form: the account the typed name
// resolves to, whom the linked names pick there (asked of the store as they
// are typed), and the framing typed for each, so the form shows who can be
// linked and grows a framing field per person.
type briefDraft struct {
	form     *form
	acctText string           // the account text last looked up
	acct     model.Account    // what it resolved to (ID 0: nothing yet)
	acctNote string           // the lookup's verdict, under the account field
	people   briefPeopleMsg   // the last answer about the linked names
	asked    string           // the account and names last asked about
	framings map[int64]string // framings of people unlinked meanwhile, kept in case they return
	openings map[int64]string // and their openings
	why      string           // the why last counted
}

// briefAccountMsg answers the brief form's account lookup.
type briefAccountMsg struct {
	form  *form
	query string
	acct  model.Account
	err   error
}

// briefPeopleMsg answers the brief form's lookup of its linked names at an
// account: whom each picks, the first people there and how many there are.
type briefPeopleMsg struct {
	form      *form
	accountID int64
	text      string         // the linked names as typed
	ask       string         // the lookup it answers (briefDraft.asked)
	picks     []briefPick    // one per name, in order
	first     []model.Person // the first people at the account, by name
	total     int            // the account's current people
	err       error
}

// briefPick is whom one linked name picks: one person, or nobody, or the
// candidates when it could be several.
type briefPick struct {
	name       string
	person     *model.Person
	candidates []string
}

// briefForm opens the new-brief form, or the edit form for existing.
func (p *briefsPane) briefForm(existing *model.Brief) tea.Cmd {
	var v model.Brief
	title := "New brief — start with why"
	acct := p.c.scope.Name
	if existing != nil {
		v, title, acct = *existing, "Edit “"+termtext.SanitizeLine(existing.Title)+"”", existing.AccountName
	}
	target := ""
	if !v.TargetOn.IsZero() {
		target = v.TargetOn.String()
	}
	names := make([]string, len(v.People))
	for i, bp := range v.People {
		names[i] = bp.Name
	}
	specs := []fieldSpec{
		{key: "title", label: "Title", value: v.Title, hint: "a short name for the initiative"},
		{key: "account", label: "Account", value: acct, hint: "the client, by name"},
		{key: "why", label: "Why — the heart of it", value: v.Why, long: true, heart: true, rows: 6,
			hint: "why this matters to the client, in their words; " + keyName(keyMap.form.Editor) + " opens $EDITOR"},
		{key: "who", label: "Who", value: v.Who, long: true, rows: 2, hint: "who it is for and who decides; link the people next"},
		{key: "people", label: "Linked people", value: strings.Join(names, ", "), hint: "names at the account, comma-separated"},
		{key: "what", label: "What", value: v.What, long: true, rows: 3, hint: "what we propose"},
		{key: "where", label: "Where", value: v.Where, long: true, rows: 2, hint: "business unit, region, channel"},
		{key: "when", label: "When", value: v.When, long: true, rows: 2, hint: "the timeline"},
		{key: "target", label: "Target date", value: target, hint: "dec 3, +3m, end of month (optional)"},
		{key: "value to the client", label: "Value to the client", value: v.ValueClient, long: true, rows: 3},
		{key: "value to us", label: "Value to us", value: v.ValueUs, long: true, rows: 3},
	}
	for _, bp := range v.People {
		specs = append(specs, briefFramingSpec(bp.PersonID, bp.Name, bp.Framing), briefOpeningSpec(bp.PersonID, bp.Name, bp.Opening))
	}
	f := newForm(title, p.c.styles, specs...)
	if existing == nil {
		p.created = f
	}
	draft := &briefDraft{form: f, framings: map[int64]string{}, openings: map[int64]string{}, why: "\x00"}
	if existing != nil {
		draft.acct = model.Account{ID: v.AccountID, Name: v.AccountName}
		draft.acctText = acct
		draft.acctNote = "→ " + termtext.SanitizeLine(v.AccountName)
	}
	p.draft = draft
	st, now := p.c.store, p.c.now
	open := p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		n := v
		if existing == nil {
			n = model.NewBrief(0, "", now())
		}
		n.Title = f.value("title")
		n.Why, n.Who, n.What = f.value("why"), f.value("who"), f.value("what")
		n.Where, n.When = f.value("where"), f.value("when")
		n.ValueClient, n.ValueUs = f.value("value to the client"), f.value("value to us")
		n.TargetOn = model.Date{}
		if t := f.value("target"); t != "" {
			w, err := model.ParseWhen(t, now())
			if err != nil {
				return f.failField("target", err)
			}
			n.TargetOn = w.Date
		}
		acctName := f.value("account")
		if acctName == "" {
			return f.failField("account", errors.New("is required: a brief is for an account"))
		}
		check := n
		if check.AccountID == 0 {
			check.AccountID = -1 // resolved by name when saving
		}
		if err := check.Validate(); err != nil {
			return f.fail(err)
		}
		wanted := splitNames(f.value("people"))
		// The framing and opening of each person: what their fields hold,
		// else what was stored (fields not grown yet), else what was typed
		// before they were unlinked.
		framings, openings := map[int64]string{}, map[int64]string{}
		for id, t := range draft.framings {
			framings[id] = t
		}
		for id, t := range draft.openings {
			openings[id] = t
		}
		for _, bp := range v.People {
			framings[bp.PersonID], openings[bp.PersonID] = bp.Framing, bp.Opening
		}
		for _, ff := range f.fields {
			switch kind, id, ok := briefPersonField(ff.key); {
			case ok && kind == briefFraming:
				framings[id] = strings.TrimSpace(ff.Value())
			case ok && kind == briefOpening:
				openings[id] = strings.TrimSpace(ff.Value())
			}
		}
		return saveCmd(f, store.HitBrief, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			acct, err := st.ResolveAccount(ctx, acctName, false)
			if err != nil {
				return saved{}, fieldErr("account", err)
			}
			n.AccountID = acct.ID
			n.People = nil
			for _, name := range wanted {
				pp, err := st.ResolvePerson(ctx, name, store.PersonName{AccountID: n.AccountID})
				if err != nil {
					return saved{}, fieldErr("people", err)
				}
				dup := false
				for _, bp := range n.People {
					dup = dup || bp.PersonID == pp.ID
				}
				if !dup {
					n.People = append(n.People, model.BriefPerson{PersonID: pp.ID, Name: pp.Name, Framing: framings[pp.ID], Opening: openings[pp.ID]})
				}
			}
			var out model.Brief
			id, undo, err := saveRecord(ctx, st, store.HitBrief, n.ID, "“"+termtext.SanitizeLine(n.Title)+"”", func() (int64, error) {
				var err error
				if existing != nil {
					out, err = st.UpdateBrief(ctx, n)
				} else {
					out, err = st.CreateBrief(ctx, n)
				}
				return out.ID, err
			})
			if err != nil {
				return saved{}, err
			}
			if existing != nil {
				return saved{id: id, text: "“" + termtext.SanitizeLine(out.Title) + "” saved.", undo: undo}, nil
			}
			text := "“" + termtext.SanitizeLine(out.Title) + "” drafted for " + termtext.SanitizeLine(acct.Name) + "."
			if c := out.Completeness(); len(c.Unframed) > 0 {
				text += " " + keyName(keyMap.list.Edit) + " adds the missing framings."
			}
			return saved{id: id, text: text, undo: undo}, nil
		})
	})
	return tea.Batch(open, p.draftSync(true))
}

// A linked person's fields: the framing (how to present it to them, for
// us only) and the opening (a paragraph written to them that opens their
// version of the brief).
const (
	briefFraming = "framing"
	briefOpening = "opening"
)

func briefFramingSpec(personID int64, name, framing string) fieldSpec {
	return fieldSpec{key: briefPersonKey(briefFraming, personID), label: "Framing for " + termtext.SanitizeLine(name), value: framing, long: true, rows: 3,
		hint: "how to present it to them — internal, never sent: what they care about, what they need to show"}
}

func briefOpeningSpec(personID int64, name, opening string) fieldSpec {
	return fieldSpec{key: briefPersonKey(briefOpening, personID), label: "Opening for " + termtext.SanitizeLine(name), value: opening, long: true, rows: 3,
		hint: "optional: a paragraph written to them that opens their version of the brief"}
}

func briefPersonKey(kind string, personID int64) string {
	return kind + " " + strconv.FormatInt(personID, 10)
}

// briefPersonField reads a person's field key back: which of the two, and
// whose.
func briefPersonField(key string) (kind string, id int64, ok bool) {
	kind, s, ok := strings.Cut(key, " ")
	if !ok || kind != briefFraming && kind != briefOpening {
		return "", 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return kind, id, err == nil
}

// draftSync brings the open brief form up to date after a key: it looks up
// a changed account name, shows who the linked names match, grows or
// shrinks the framing fields, and counts the why. all recounts every note,
// not only the focused field's.
func (p *briefsPane) draftSync(all bool) tea.Cmd {
	d := p.draft
	if d == nil || !p.ed.active() || p.ed.ed.form != d.form {
		p.draft = nil
		return nil
	}
	f := d.form
	focus := f.fields[f.focus].key
	var cmd tea.Cmd
	if all || focus == "account" {
		if t := f.value("account"); t != d.acctText {
			d.acctText = t
			cmd = p.lookupAccount(f, t)
		}
		f.setNote("account", d.acctNote)
	}
	if all || focus == "why" {
		if w := f.raw("why"); w != d.why {
			d.why = w
			f.setNote("why", briefWhyNote(w))
		}
	}
	if all || focus == "people" {
		cmd = tea.Batch(cmd, p.syncPeople())
	}
	if all || focus == "target" {
		f.setNote("target", briefTargetNote(f.value("target"), p.c.now()))
	}
	return cmd
}

// briefTargetNote reads the target date back as it is typed.
func briefTargetNote(text string, now time.Time) string {
	if text == "" {
		return ""
	}
	w, err := model.ParseWhen(text, now)
	if err != nil {
		return errText(err)
	}
	return "→ " + w.Date.Weekday().String()[:3] + " " + w.Date.String() + " (" + daysFrom(w.Date.DaysSince(model.DateOf(now))) + ")"
}

// briefWhyNote counts the why: a thin one is flagged, a missing one blocks
// the first move.
func briefWhyNote(why string) string {
	n := len(strings.Fields(why))
	switch {
	case n == 0:
		return "not written yet — a brief cannot leave “understand needs” without it"
	case n < model.ThinWords:
		return "thin: " + briefWords(n) + " — say why it matters to them, and to whom"
	}
	return briefWords(n)
}

func (p *briefsPane) lookupAccount(f *form, query string) tea.Cmd {
	if query == "" {
		p.draft.acct, p.draft.acctNote = model.Account{}, ""
		return p.syncPeople()
	}
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		acct, err := st.ResolveAccount(ctx, query, false)
		return briefAccountMsg{form: f, query: query, acct: acct, err: err}
	}
}

// draftMsg applies a lookup the brief form asked for; it reports whether
// the message was one.
func (p *briefsPane) draftMsg(msg tea.Msg) (bool, tea.Cmd) {
	d := p.draft
	switch msg := msg.(type) {
	case briefAccountMsg:
		if d == nil || msg.form != d.form || msg.query != d.acctText {
			return true, nil // an older lookup
		}
		d.acct = model.Account{}
		switch {
		case errors.Is(msg.err, model.ErrNotFound):
			d.acctNote = errText(msg.err) + " — add it in Accounts (" + keyName(keyMap.global.Pane2) + ", then " + keyName(keyMap.list.New) + ")"
		case msg.err != nil:
			d.acctNote = errText(msg.err)
		default:
			d.acct = msg.acct
			d.acctNote = "→ " + termtext.SanitizeLine(d.acct.Name)
		}
		d.form.setNote("account", d.acctNote)
		return true, p.syncPeople()
	case briefPeopleMsg:
		if d == nil || msg.form != d.form || msg.ask != d.asked {
			return true, nil // an older lookup
		}
		if msg.err != nil {
			d.form.setNote("people", errText(msg.err))
			return true, nil
		}
		d.people = msg
		return true, p.syncPeople()
	}
	return false, nil
}

// loadDraftPeople asks the store whom the linked names pick at an account
// (each as a saved brief would resolve it), and for the first people there
// and their count: the form never holds the account's people.
func (p *briefsPane) loadDraftPeople(f *form, accountID int64, text string) tea.Cmd {
	st := p.c.store
	names := splitNames(text)
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		msg := briefPeopleMsg{form: f, accountID: accountID, text: text, ask: briefAsk(accountID, text)}
		at := store.PersonFilter{AccountID: accountID}
		if msg.total, msg.err = st.CountPeople(ctx, at); msg.err != nil {
			return msg
		}
		first, err := st.People(ctx, at, store.PageReq{Limit: briefNoteNames + len(names)})
		if err != nil {
			msg.err = err
			return msg
		}
		msg.first = first.Items
		for _, name := range names {
			pick := briefPick{name: name}
			pp, err := st.ResolvePerson(ctx, name, store.PersonName{AccountID: accountID})
			var several *model.AmbiguousError
			switch {
			case err == nil:
				pick.person = &pp
			case errors.As(err, &several):
				pick.candidates = several.Candidates
			case !errors.Is(err, model.ErrNotFound):
				msg.err = err
				return msg
			}
			msg.picks = append(msg.picks, pick)
		}
		return msg
	}
}

// briefAsk identifies a lookup of linked names at an account.
func briefAsk(accountID int64, text string) string {
	return strconv.FormatInt(accountID, 10) + "\x00" + text
}

// briefNoteNames is how many unlinked people the note under the linked
// people lists before "+N more".
const briefNoteNames = 12

// syncPeople shows whom the typed names pick at the account: the note under
// the field says who is linked, who else is there and which names match
// nobody (or several); each linked person gets a framing field at the end
// of the form, and loses it (its text kept) when unlinked. The names are
// looked up in the store as they are typed: the command it returns asks,
// and the answer (briefPeopleMsg) calls it again.
func (p *briefsPane) syncPeople() tea.Cmd {
	d := p.draft
	f := d.form
	if d.acct.ID == 0 {
		f.setNote("people", "")
		if f.value("people") != "" {
			f.setNote("people", "names are matched once the account above is found")
		}
		return nil
	}
	text := f.value("people")
	if d.people.accountID != d.acct.ID || d.people.text != text {
		var cmd tea.Cmd
		if ask := briefAsk(d.acct.ID, text); ask != d.asked {
			d.asked = ask
			cmd = p.loadDraftPeople(f, d.acct.ID, text)
		}
		if d.people.accountID != d.acct.ID {
			f.setNote("people", "looking up the people at "+termtext.SanitizeLine(d.acct.Name)+"…")
		}
		return cmd
	}
	acct := termtext.SanitizeLine(d.acct.Name)
	if d.people.total == 0 {
		f.setNote("people", "nobody at "+acct+" yet — add people in the People pane ("+keyName(keyMap.global.Pane3)+", then "+keyName(keyMap.list.New)+")")
		return nil
	}
	var linked []model.Person
	var problems []string
	isLinked := map[int64]bool{}
	for _, pick := range d.people.picks {
		switch {
		case len(pick.candidates) > 0:
			names := make([]string, 0, 4)
			for i, c := range pick.candidates {
				if i == 3 {
					names = append(names, "…")
					break
				}
				names = append(names, termtext.SanitizeLine(c))
			}
			problems = append(problems, "“"+termtext.SanitizeLine(pick.name)+"” could be "+strings.Join(names, ", "))
		case pick.person == nil:
			problems = append(problems, "“"+termtext.SanitizeLine(pick.name)+"” matches nobody")
		case !isLinked[pick.person.ID]:
			isLinked[pick.person.ID] = true
			linked = append(linked, *pick.person)
		}
	}
	var parts []string
	for _, pp := range linked {
		parts = append(parts, "✓ "+termtext.SanitizeLine(pp.Name))
	}
	shown := 0
	for _, pp := range d.people.first {
		if !isLinked[pp.ID] && shown < briefNoteNames {
			parts = append(parts, termtext.SanitizeLine(pp.Name))
			shown++
		}
	}
	if others := d.people.total - len(linked); others > shown {
		parts = append(parts, "+"+itoa(others-shown)+" more")
	}
	note := "at " + acct + ": " + strings.Join(parts, " · ")
	if len(problems) > 0 {
		note = strings.Join(problems, "; ") + "\n" + note
	}
	f.setNote("people", note)

	// A framing and an opening field per linked person, in the order
	// named; an unlinked person's text is kept in case they return.
	for i := len(f.fields) - 1; i >= 0; i-- {
		if kind, id, ok := briefPersonField(f.fields[i].key); ok && !isLinked[id] {
			if kind == briefFraming {
				d.framings[id] = f.fields[i].Value()
			} else {
				d.openings[id] = f.fields[i].Value()
			}
			f.removeField(i)
		}
	}
	first := len(f.fields)
	for i, ff := range f.fields {
		if _, _, ok := briefPersonField(ff.key); ok {
			first = i
			break
		}
	}
	for i, pp := range linked {
		for k, spec := range []fieldSpec{briefFramingSpec(pp.ID, pp.Name, d.framings[pp.ID]), briefOpeningSpec(pp.ID, pp.Name, d.openings[pp.ID])} {
			at := first + 2*i + k
			j := f.fieldIndex(spec.key)
			if j != at {
				if j >= 0 {
					spec.value = f.fields[j].Value()
					f.removeField(j)
				}
				f.insertField(at, spec)
			}
			if k == 0 {
				f.fields[at].note = briefFramingNote(pp)
			}
		}
	}
	return nil
}

// briefFramingNote reminds the writer who they frame it for: role, how
// they like to receive things, what they need to show.
func briefFramingNote(pp model.Person) string {
	var parts []string
	if pp.Title != "" {
		parts = append(parts, termtext.SanitizeLine(pp.Title))
	}
	if pp.Role != "" {
		parts = append(parts, string(pp.Role))
	}
	if pp.ReceiveInfo != "" {
		parts = append(parts, "likes: "+termtext.SanitizeLine(pp.ReceiveInfo))
	}
	if pp.NeedsToShow != "" {
		parts = append(parts, "needs to show: "+termtext.SanitizeLine(pp.NeedsToShow))
	}
	return strings.Join(parts, " · ")
}

// splitNames splits "Dana, Lee Chen" into names, skipping blanks.
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

var briefCheckStates = []string{string(model.CheckPending), string(model.CheckSigned), string(model.CheckNotNeeded)}

// checksForm edits the four sign-offs: each is pending, signed (by whom,
// on which day) or not needed. Typing who signed a pending check signs it.
func (p *briefsPane) checksForm(b model.Brief) tea.Cmd {
	var specs []fieldSpec
	for _, k := range model.CheckKinds {
		c := b.Check(k)
		on := ""
		if c.Cleared() && !c.On.IsZero() {
			on = c.On.String()
		}
		specs = append(specs,
			fieldSpec{key: string(k) + " check", label: briefCap(string(k)), value: string(c.State), options: briefCheckStates},
			fieldSpec{key: string(k) + " by", label: "  signed by", value: c.By, hint: "who signed it (typing a name signs it)"},
			fieldSpec{key: string(k) + " on", label: "  on", value: on, hint: "today, or the day it was signed: nov 20"})
	}
	f := newForm("Checks for “"+termtext.SanitizeLine(b.Title)+"” — sign each, or mark it not needed", p.c.styles, specs...)
	p.checksF = f
	st, now := p.c.store, p.c.now
	defer p.checksSync() // once open: a check not needed hides its who and when
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		var changed []model.Check
		for _, k := range model.CheckKinds {
			old := b.Check(k)
			c := model.Check{Kind: k, State: model.CheckState(strings.ToLower(f.value(string(k) + " check"))), By: f.value(string(k) + " by")}
			if !slices.Contains(briefCheckStates, string(c.State)) {
				return f.failField(string(k)+" check", errors.New("is pending, signed or not needed ("+keyName(keyMap.form.Cycle)+" to choose)"))
			}
			if c.State == model.CheckNotNeeded {
				c.By = "" // its who and when are hidden: not asked
			}
			if c.State == model.CheckPending && c.By != "" {
				c.State = model.CheckSigned
			}
			if c.State == model.CheckSigned && c.By == "" {
				return f.failField(string(k)+" by", errors.New("who signed it?"))
			}
			if t := f.value(string(k) + " on"); t != "" && c.State == model.CheckSigned {
				on, err := briefPastDate(t, now())
				if err != nil {
					return f.failField(string(k)+" on", err)
				}
				c.On = on
			}
			if c.State == old.State && c.By == old.By && (c.On.IsZero() || c.On == old.On) {
				continue
			}
			if c.State == old.State && c.On.IsZero() {
				c.On = old.On
			}
			changed = append(changed, c)
		}
		if len(changed) == 0 {
			p.ed.ed = nil
			return status("Checks unchanged.")
		}
		return saveCmd(f, store.HitBrief, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			var nb model.Brief
			by := map[model.CheckState][]string{}
			undo, err := snapshotThen(ctx, st, "the checks of “"+termtext.SanitizeLine(b.Title)+"”", store.HitBrief, b.ID, false, func() error {
				for _, c := range changed {
					var err error
					if nb, err = st.SetCheck(ctx, b.ID, c); err != nil {
						return err
					}
					by[c.State] = append(by[c.State], string(c.Kind))
				}
				return nil
			})
			if err != nil {
				return saved{}, err
			}
			var parts []string
			for _, st := range []model.CheckState{model.CheckSigned, model.CheckNotNeeded, model.CheckPending} {
				if ks := by[st]; len(ks) > 0 {
					parts = append(parts, briefAnd(ks)+" "+string(st))
				}
			}
			// The verdict first: on a narrow screen the status line is cut.
			text := "Checks saved: "
			switch pending := nb.PendingChecks(); {
			case len(pending) == 0 && nb.Stage == model.StageChecks:
				text = "All clear — " + keyName(keyMap.brief.Next) + " activates: "
			case len(pending) > 0:
				names := make([]string, len(pending))
				for i, k := range pending {
					names[i] = string(k)
				}
				text = "Still to sign: " + briefAnd(names) + ". Saved: "
			}
			text += strings.Join(parts, ", ") + "."
			return saved{id: nb.ID, text: text, undo: undo}, nil
		})
	})
}

// checksSync shows a pending check as signed once a name is typed for it,
// which is what saving will do.
func (p *briefsPane) checksSync() {
	if p.checksF == nil || !p.ed.active() || p.ed.ed.form != p.checksF {
		p.checksF = nil
		return
	}
	f := p.checksF
	for _, k := range model.CheckKinds {
		i := f.fieldIndex(string(k) + " check")
		if i < 0 {
			continue
		}
		state := strings.ToLower(f.value(string(k) + " check"))
		if f.value(string(k)+" by") != "" && state == string(model.CheckPending) {
			f.fields[i].input.SetValue(string(model.CheckSigned))
		}
		// Not needed: nobody signs it, so who and when are not asked.
		for _, part := range []string{" by", " on"} {
			if j := f.fieldIndex(string(k) + part); j >= 0 {
				f.fields[j].hidden = state == string(model.CheckNotNeeded)
			}
		}
	}
}

// briefPastDate reads the day a check was signed (model.ParsePastDay):
// "dec 3" is the last 3 December, and a day to come is refused.
func briefPastDate(text string, now time.Time) (model.Date, error) {
	w, err := model.ParsePastDay(text, now)
	if _, future := errors.AsType[*model.FutureError](err); future {
		return model.Date{}, errors.New("is in the future: a check is signed today or earlier")
	}
	return w.Date, err
}

// dropForm asks why the brief is dropped; the reason goes in the history.
func (p *briefsPane) dropForm(b model.Brief) tea.Cmd {
	f := newForm("Drop “"+termtext.SanitizeLine(b.Title)+"”", p.c.styles,
		fieldSpec{key: "reason", label: "Why drop it", hint: "the reason stays in the stage history"})
	st := p.c.store
	title := termtext.SanitizeLine(b.Title)
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		reason := f.value("reason")
		if reason == "" {
			return f.failField("reason", errors.New("say why the brief is dropped"))
		}
		return saveCmd(f, store.HitBrief, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			undo, err := snapshotThen(ctx, st, "dropping “"+title+"”", store.HitBrief, b.ID, false, func() error {
				_, err := st.MoveBrief(ctx, b.ID, model.StageDropped, reason)
				return err
			})
			return saved{id: b.ID, text: "“" + title + "” dropped; " + keyName(keyMap.brief.Reopen) + " reopens it.", undo: undo}, err
		})
	})
}

func briefCap(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
