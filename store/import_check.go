package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"rapport/model"
)

// storedLinks is what the check of an import needs to know of the stored
// records: which uids are taken and how the records link. Import reads it
// in the import's transaction (importer.loadIndex); a test writes it down.
type storedLinks struct {
	accounts    map[string]int64  // account uid → row id
	accountName map[string]string // folded account name → uid
	personAt    map[string]string // person uid → account uid
	personBoss  map[string]string // person uid → uid of whom they report to, for those who do
	briefAt     map[string]string // brief uid → account uid
}

// checkImport normalises every record of a document in place (a new uid
// for one without, and the form the database gives back: see the norm
// functions), validates it and checks its links against the document and
// the stored records, writing nothing and reading nothing but its
// arguments. It stops at the first problem, a recordError naming the
// record. It returns the order to write the document's people in: bosses
// before their reports. now stands for a brief's stage-since when the
// brief has neither that nor a creation time.
func checkImport(ds *model.Dataset, db storedLinks, now time.Time) ([]int, error) {
	c := &linkCheck{ds: ds, db: db, now: now, seen: map[string]bool{}, inDoc: map[string]bool{},
		personAt: overlay(db.personAt), personBoss: overlay(db.personBoss), briefAt: overlay(db.briefAt)}
	for _, step := range []func() error{c.accounts, c.people, c.notes, c.touches, c.health, c.briefs, c.followUps} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return c.peopleOrder, nil
}

// overlay copies a map of the stored links, for the document's records to
// be added to.
func overlay(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	maps.Copy(out, m)
	return out
}

// linkCheck is one run of checkImport.
type linkCheck struct {
	ds  *model.Dataset
	db  storedLinks
	now time.Time

	seen  map[string]bool // kind + "\x00" + uid, for uids given twice
	inDoc map[string]bool // account uids of the document
	// The links as they will be once the document is written: the stored
	// ones with the document's over them.
	personAt, personBoss, briefAt map[string]string

	peopleOrder []int // document people, bosses before their reports
}

// recordError names the record a problem is in: "person "Dana Whit" (uid
// 3f…): email: …". It keeps the underlying error for errors.Is.
type recordError struct {
	kind, name, uid string
	err             error
}

func (e *recordError) Error() string {
	ref := "uid " + e.uid
	if e.uid == "" {
		ref = "without uid"
	}
	if e.name != "" {
		ref = fmt.Sprintf("%q (%s)", e.name, ref)
	}
	return fmt.Sprintf("%s %s: %v", e.kind, ref, e.err)
}

func (e *recordError) Unwrap() error { return e.err }

// fresh gives a record without a uid a new one, and refuses a uid that
// another record of the kind in the document has.
func (c *linkCheck) fresh(uid *string, kind string) error {
	if *uid == "" {
		*uid = model.NewUID()
		return nil
	}
	if c.seen[kind+"\x00"+*uid] {
		return model.Invalid("uid", "appears twice among the %s", kind)
	}
	c.seen[kind+"\x00"+*uid] = true
	return nil
}

// accountKnown reports whether an account uid is in the document or stored.
func (c *linkCheck) accountKnown(uid string) bool {
	_, ok := c.db.accounts[uid]
	return ok || c.inDoc[uid]
}

func (c *linkCheck) accounts() error {
	docNames := map[string]string{}
	for i := range c.ds.Accounts {
		a := &c.ds.Accounts[i]
		fail := func(err error) error { return &recordError{"account", a.Name, a.UID, err} }
		if err := c.fresh(&a.UID, "accounts"); err != nil {
			return fail(err)
		}
		normAccount(a)
		if err := a.Validate(); err != nil {
			return fail(err)
		}
		fold := model.Fold(a.Name)
		if other, ok := docNames[fold]; ok {
			return fail(conflict("name", "another account of the document (uid %s) has the same name", other))
		}
		docNames[fold] = a.UID
		if other, ok := c.db.accountName[fold]; ok && other != a.UID {
			return fail(conflict("name", "the database already has an account of that name with another uid (%s); "+
				"rename one of them, or give the document's account that uid", other))
		}
		c.inDoc[a.UID] = true
	}
	return nil
}

func (c *linkCheck) people() error {
	ds := c.ds
	at := map[string]int{} // person uid → index in the document
	for i := range ds.People {
		p := &ds.People[i]
		fail := func(err error) error { return &recordError{"person", p.Name, p.UID, err} }
		if err := c.fresh(&p.UID, "people"); err != nil {
			return fail(err)
		}
		normPerson(p)
		if err := p.Validate(); err != nil {
			return fail(err)
		}
		if !c.accountKnown(p.AccountUID) {
			return fail(unknownLink("account", "account", p.AccountUID))
		}
		at[p.UID] = i
		c.personAt[p.UID] = p.AccountUID
		if p.ReportsToUID != "" {
			c.personBoss[p.UID] = p.ReportsToUID
		} else {
			delete(c.personBoss, p.UID)
		}
	}
	// The org chart: bosses exist, work at the same account, and nobody ends
	// up reporting to themselves. People are written bosses first.
	const (
		unseen = iota
		walking
		done
	)
	state := make(map[string]int, len(ds.People))
	c.peopleOrder = make([]int, 0, len(ds.People))
	var visit func(i int) error
	visit = func(i int) error {
		p := &ds.People[i]
		state[p.UID] = walking
		if boss := p.ReportsToUID; boss != "" {
			fail := func(err error) error { return &recordError{"person", p.Name, p.UID, err} }
			bossAt, ok := c.personAt[boss]
			switch {
			case !ok:
				return fail(unknownLink("reports to", "person", boss))
			case boss == p.UID:
				return fail(model.Invalid("reports to", "a person cannot report to themselves"))
			case bossAt != p.AccountUID:
				return fail(model.Invalid("reports to", "%s works at another account", boss))
			}
			if j, inDoc := at[boss]; inDoc {
				switch state[boss] {
				case walking:
					return fail(model.Invalid("reports to", "that makes a reporting loop"))
				case unseen:
					if err := visit(j); err != nil {
						return err
					}
				}
			} else if loops(c.personBoss, p.UID) {
				return fail(model.Invalid("reports to", "that makes a reporting loop"))
			}
		}
		state[p.UID] = done
		c.peopleOrder = append(c.peopleOrder, i)
		return nil
	}
	for i := range ds.People {
		if state[ds.People[i].UID] == unseen {
			if err := visit(i); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *linkCheck) notes() error {
	for i := range c.ds.Notes {
		n := &c.ds.Notes[i]
		fail := func(err error) error { return &recordError{"note", "", n.UID, err} }
		if err := c.fresh(&n.UID, "notes"); err != nil {
			return fail(err)
		}
		normNote(n)
		if n.PersonUID != "" {
			acc, ok := c.personAt[n.PersonUID]
			if !ok {
				return fail(unknownLink("person", "person", n.PersonUID))
			}
			if n.AccountUID == "" {
				n.AccountUID = acc
			} else if n.AccountUID != acc {
				return fail(model.Invalid("account", "the note's person works at account %s, not %s", acc, n.AccountUID))
			}
		}
		if err := n.Validate(); err != nil {
			return fail(err)
		}
		if !c.accountKnown(n.AccountUID) {
			return fail(unknownLink("account", "account", n.AccountUID))
		}
	}
	return nil
}

func (c *linkCheck) touches() error {
	for i := range c.ds.Touches {
		t := &c.ds.Touches[i]
		fail := func(err error) error { return &recordError{"touch", t.Summary, t.UID, err} }
		if err := c.fresh(&t.UID, "touches"); err != nil {
			return fail(err)
		}
		normTouch(t)
		twice := map[string]bool{}
		for _, uid := range t.PersonUIDs {
			acc, ok := c.personAt[uid]
			if !ok {
				return fail(unknownLink("people", "person", uid))
			}
			if twice[uid] {
				return fail(model.Invalid("people", "%s is listed twice", uid))
			}
			twice[uid] = true
			if t.AccountUID == "" {
				t.AccountUID = acc // as LogTouch does: the first person's account
			}
		}
		if err := t.Validate(); err != nil {
			return fail(err)
		}
		if !c.accountKnown(t.AccountUID) {
			return fail(unknownLink("account", "account", t.AccountUID))
		}
	}
	return nil
}

func (c *linkCheck) health() error {
	for i := range c.ds.Health {
		h := &c.ds.Health[i]
		fail := func(err error) error { return &recordError{"health check", h.On.String(), h.UID, err} }
		if err := c.fresh(&h.UID, "health checks"); err != nil {
			return fail(err)
		}
		normHealth(h)
		if err := h.Validate(); err != nil {
			return fail(err)
		}
		if h.AccountUID == "" {
			return fail(model.Invalid("account", "is required"))
		}
		if !c.accountKnown(h.AccountUID) {
			return fail(unknownLink("account", "account", h.AccountUID))
		}
	}
	return nil
}

func (c *linkCheck) briefs() error {
	for i := range c.ds.Briefs {
		b := &c.ds.Briefs[i]
		fail := func(err error) error { return &recordError{"brief", b.Title, b.UID, err} }
		if err := c.fresh(&b.UID, "briefs"); err != nil {
			return fail(err)
		}
		if b.Stage == "" {
			b.Stage = model.StageUnderstand
		}
		if err := b.Validate(); err != nil { // before normBrief, which would hide a repeated check
			return fail(err)
		}
		normBrief(b, c.now)
		for _, h := range b.History {
			if h.To.Index() < 0 || (h.From != "" && h.From.Index() < 0) {
				return fail(model.Invalid("history", "unknown stage in a move from %q to %q", h.From, h.To))
			}
			if h.At.IsZero() {
				return fail(model.Invalid("history", "the move to %q has no time", h.To))
			}
		}
		if !c.accountKnown(b.AccountUID) {
			return fail(unknownLink("account", "account", b.AccountUID))
		}
		twice := map[string]bool{}
		for _, bp := range b.People {
			acc, ok := c.personAt[bp.PersonUID]
			switch {
			case !ok:
				return fail(unknownLink("people", "person", bp.PersonUID))
			case acc != b.AccountUID:
				return fail(model.Invalid("people", "%s is not at this brief's account", bp.PersonUID))
			case twice[bp.PersonUID]:
				return fail(model.Invalid("people", "%s is linked twice", bp.PersonUID))
			}
			twice[bp.PersonUID] = true
		}
		c.briefAt[b.UID] = b.AccountUID
	}
	return nil
}

func (c *linkCheck) followUps() error {
	for i := range c.ds.FollowUps {
		f := &c.ds.FollowUps[i]
		fail := func(err error) error { return &recordError{"follow-up", f.Text, f.UID, err} }
		if err := c.fresh(&f.UID, "follow-ups"); err != nil {
			return fail(err)
		}
		normFollowUp(f)
		if err := f.Validate(); err != nil {
			return fail(err)
		}
		if f.AccountUID != "" && !c.accountKnown(f.AccountUID) {
			return fail(unknownLink("account", "account", f.AccountUID))
		}
		// As CreateFollowUp: the account comes from the person or brief when
		// none is given, and all links are on one account.
		for _, l := range []struct {
			field, uid string
			at         map[string]string
		}{{"person", f.PersonUID, c.personAt}, {"brief", f.BriefUID, c.briefAt}} {
			if l.uid == "" {
				continue
			}
			acc, ok := l.at[l.uid]
			switch {
			case !ok:
				return fail(unknownLink(l.field, l.field, l.uid))
			case f.AccountUID == "":
				f.AccountUID = acc
			case f.AccountUID != acc:
				return fail(model.Invalid(l.field, "is on another account (%s) than the follow-up (%s)", acc, f.AccountUID))
			}
		}
	}
	return nil
}

// loops reports whether following reports-to from uid comes back to uid.
func loops(boss map[string]string, uid string) bool {
	next := boss[uid]
	for i := 0; next != "" && i <= len(boss); i++ {
		if next == uid {
			return true
		}
		next = boss[next]
	}
	return false
}

// conflictError is a FieldError for a clash with another record: it wraps
// model.ErrConflict rather than model.ErrInvalid.
type conflictError struct{ model.FieldError }

func (e *conflictError) Unwrap() error { return model.ErrConflict }

func conflict(field, format string, args ...any) error {
	return &conflictError{model.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}}
}

func unknownLink(field, kind, uid string) error {
	return model.Invalid(field, "no %s with uid %q in the document or the database", kind, uid)
}

// The norm functions bring a record to the form the database gives back, so
// a stored record and a document's compare equal when nothing differs: the
// document's form (the concept files' xxxDoc), timestamps in UTC to the
// millisecond, empty lists nil, defaults filled.

func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return parseTS(ts(t))
}

func normAccount(a *model.Account) {
	*a = accountDoc(*a)
	a.ArchivedAt, a.CreatedAt, a.UpdatedAt = normTime(a.ArchivedAt), normTime(a.CreatedAt), normTime(a.UpdatedAt)
}

func normPerson(p *model.Person) {
	*p = personDoc(*p)
	p.ArchivedAt, p.CreatedAt, p.UpdatedAt = normTime(p.ArchivedAt), normTime(p.CreatedAt), normTime(p.UpdatedAt)
}

func normNote(n *model.Note) {
	*n = noteDoc(*n)
	if n.Kind == "" {
		n.Kind = model.NoteBusiness
	}
	n.AskedAt, n.CreatedAt, n.UpdatedAt = normTime(n.AskedAt), normTime(n.CreatedAt), normTime(n.UpdatedAt)
}

func normTouch(t *model.Touch) {
	*t = touchDoc(*t)
	t.Summary = strings.TrimSpace(t.Summary) // as LogTouch stores it
	if len(t.PersonUIDs) == 0 {
		t.PersonUIDs = nil
	} else {
		t.PersonUIDs = slices.Clone(t.PersonUIDs)
	}
	t.CreatedAt, t.UpdatedAt = normTime(t.CreatedAt), normTime(t.UpdatedAt)
}

func normHealth(h *model.HealthCheck) {
	*h = healthDoc(*h)
	h.CreatedAt, h.UpdatedAt = normTime(h.CreatedAt), normTime(h.UpdatedAt)
}

func normBrief(b *model.Brief, now time.Time) {
	*b = briefDoc(*b)
	b.CreatedAt, b.UpdatedAt, b.ArchivedAt = normTime(b.CreatedAt), normTime(b.UpdatedAt), normTime(b.ArchivedAt)
	b.StageSince = normTime(b.StageSince)
	if b.StageSince.IsZero() {
		b.StageSince = b.CreatedAt
		if b.StageSince.IsZero() {
			b.StageSince = now
		}
	}
	b.Checks = fullChecks(nil, b.Checks)
	var history []model.StageChange
	for _, h := range b.History {
		h.At = normTime(h.At)
		history = append(history, h)
	}
	b.History = history
}

func normFollowUp(f *model.FollowUp) {
	*f = followUpDoc(*f)
	if f.Kind == "" {
		f.Kind = model.KindFollowUp
	}
	if f.Recur.IsZero() {
		f.Recur = model.Recurrence{}
	}
	f.DoneAt, f.CreatedAt, f.UpdatedAt = normTime(f.DoneAt), normTime(f.CreatedAt), normTime(f.UpdatedAt)
}
