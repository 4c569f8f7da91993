package store

import (
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"rapport/model"
)

// lookup is what the check of an import needs to know of the stored
// records, asked a batch of uids at a time, so an import costs what the
// document holds rather than what the book holds. The import asks it in
// its own transaction (txLookup); a test answers from maps.
type lookup interface {
	accounts(ctx context.Context, uids []string) (map[string]int64, error)       // uid → row id
	accountNames(ctx context.Context, folds []string) (map[string]string, error) // folded name → uid
	people(ctx context.Context, uids []string) (map[string]storedPerson, error)
	briefs(ctx context.Context, uids []string) (map[string]storedBrief, error)
}

// storedPerson is how a stored person links: where they work and whom they
// report to (uids).
type storedPerson struct {
	id            int64
	account, boss string
}

// storedBrief is the account a stored brief is on.
type storedBrief struct {
	id      int64
	account string
}

// The links as they will be once the document is written: the stored ones
// (looked up as the document names them) with the document's over them.
// An entry that is nil was looked up and is not stored.

type accountLink struct {
	id    int64 // 0 until a new account is inserted
	inDoc bool
}

type personLink struct {
	id            int64
	account, boss string
	inDoc         bool
}

type briefLink struct {
	id      int64
	account string
	inDoc   bool
}

// linkCheck normalises every record of a document (a new uid for one
// without, and the form the database gives back: see the norm functions),
// validates it and checks its links against the document and the stored
// records, a kind at a time in the order the kinds link (accounts, people,
// then what hangs off them), writing nothing. The first problem is a
// recordError naming the record.
type linkCheck struct {
	db  lookup
	now time.Time // a brief's stage-since when it has neither that nor a creation time

	accounts map[string]*accountLink
	people   map[string]*personLink
	briefs   map[string]*briefLink
	docNames map[string]string // folded name → uid, the document's accounts

	// The uids of the document's notes, touches, health checks and
	// follow-ups, for a uid given twice: as 128-bit hashes, a quarter of
	// the memory of the uids themselves on a document of a million notes
	// (and a false "twice" as likely as two random UUIDs being equal).
	seen map[string]map[uidHash]struct{}

	// The document's people who report to someone, checked once every
	// person is in (a boss may come later in the document).
	withBoss []docPerson
}

type docPerson struct{ uid, name string }

func newLinkCheck(db lookup, now time.Time) *linkCheck {
	return &linkCheck{db: db, now: now, accounts: map[string]*accountLink{}, people: map[string]*personLink{},
		briefs: map[string]*briefLink{}, docNames: map[string]string{}, seen: map[string]map[uidHash]struct{}{}}
}

// recordError names the record a problem is in: "person “Dana Whit” (uid
// 3f…): email: …". It keeps the underlying error for errors.Is.
type recordError struct {
	kind, name, uid string
	err             error
}

func (e *recordError) Error() string {
	ref := "uid " + e.uid
	if e.uid == "" {
		ref = "without uid"
	} else if len(e.uid) > model.MaxQuoted {
		ref = "uid " + model.Quote(e.uid)
	}
	if e.name != "" {
		ref = fmt.Sprintf("%s (%s)", quoteName(e.name), ref)
	}
	return fmt.Sprintf("%s %s: %v", e.kind, ref, e.err)
}

func (e *recordError) Unwrap() error { return e.err }

// quoteName quotes a record's name as "Acme" — in typewriter quotes, as
// import messages always have — cut at model.MaxQuoted characters.
func quoteName(s string) string {
	q := model.Quote(s)
	return `"` + strings.TrimSuffix(strings.TrimPrefix(q, "“"), "”") + `"`
}

// ---- looking up what the document names ----

// needAccounts looks up the stored accounts among uids not known yet.
func (c *linkCheck) needAccounts(ctx context.Context, uids []string) error {
	return need(ctx, c.accounts, uids, c.db.accounts, func(id int64) *accountLink { return &accountLink{id: id} })
}

// needPeople looks up the stored people among uids not known yet.
func (c *linkCheck) needPeople(ctx context.Context, uids []string) error {
	return need(ctx, c.people, uids, c.db.people, func(p storedPerson) *personLink {
		return &personLink{id: p.id, account: p.account, boss: p.boss}
	})
}

// needBriefs looks up the stored briefs among uids not known yet.
func (c *linkCheck) needBriefs(ctx context.Context, uids []string) error {
	return need(ctx, c.briefs, uids, c.db.briefs, func(b storedBrief) *briefLink { return &briefLink{id: b.id, account: b.account} })
}

// need looks up, with find, the uids known has no entry for, and records
// each as its link (nil: not stored either).
func need[V, L any](ctx context.Context, known map[string]*L, uids []string,
	find func(context.Context, []string) (map[string]V, error), link func(V) *L) error {
	missing := unknown(known, uids)
	if len(missing) == 0 {
		return nil
	}
	found, err := find(ctx, missing)
	if err != nil {
		return err
	}
	for _, uid := range missing {
		if v, ok := found[uid]; ok {
			known[uid] = link(v)
		} else {
			known[uid] = nil
		}
	}
	return nil
}

// unknown returns the uids (each once, none empty) that m has no entry for.
func unknown[T any](m map[string]*T, uids []string) []string {
	var out []string
	var seen map[string]bool
	for _, uid := range uids {
		if _, ok := m[uid]; ok || uid == "" {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[uid] {
			seen[uid] = true
			out = append(out, uid)
		}
	}
	return out
}

// accountKnown reports whether an account uid is in the document or stored.
func (c *linkCheck) accountKnown(uid string) bool { return c.accounts[uid] != nil }

// fresh gives a record without a uid a new one, and refuses a uid that
// another record of the kind in the document has.
func (c *linkCheck) fresh(uid *string, kind string) error {
	if *uid == "" {
		*uid = model.NewUID()
		return nil
	}
	seen := c.seen[kind]
	if seen == nil {
		seen = map[uidHash]struct{}{}
		c.seen[kind] = seen
	}
	h := hashUID(*uid)
	if _, ok := seen[h]; ok {
		return twice(kind)
	}
	seen[h] = struct{}{}
	return nil
}

// uidHash is a uid hashed to 128 bits.
type uidHash [2]uint64

var uidSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func hashUID(uid string) uidHash {
	return uidHash{maphash.String(uidSeeds[0], uid), maphash.String(uidSeeds[1], uid)}
}

func twice(kind string) error { return model.Invalid("uid", "appears twice among the %s", kind) }

// ---- each kind, a batch at a time ----

// accountBatch checks a batch of the document's accounts.
func (c *linkCheck) accountBatch(ctx context.Context, batch []model.Account) error {
	uids, folds := make([]string, 0, len(batch)), make([]string, 0, len(batch))
	for i := range batch {
		uids = append(uids, batch[i].UID)
		folds = append(folds, model.Fold(batch[i].Name))
	}
	if err := c.needAccounts(ctx, uids); err != nil {
		return err
	}
	names, err := c.db.accountNames(ctx, folds)
	if err != nil {
		return err
	}
	for i := range batch {
		a := &batch[i]
		fail := func(err error) error { return &recordError{"account", a.Name, a.UID, err} }
		if a.UID == "" {
			a.UID = model.NewUID()
		} else if l := c.accounts[a.UID]; l != nil && l.inDoc {
			return fail(twice("accounts"))
		}
		normAccount(a)
		if err := a.Validate(); err != nil {
			return fail(err)
		}
		fold := model.Fold(a.Name)
		if other, ok := c.docNames[fold]; ok {
			return fail(conflict("name", "another account of the document (uid %s) has the same name", other))
		}
		c.docNames[fold] = a.UID
		if other, ok := names[fold]; ok && other != a.UID {
			return fail(conflict("name", "the database already has an account of that name with another uid (%s); "+
				"rename one of them, or give the document's account that uid", other))
		}
		if l := c.accounts[a.UID]; l != nil {
			l.inDoc = true
		} else {
			c.accounts[a.UID] = &accountLink{inDoc: true}
		}
	}
	return nil
}

// personBatch checks a batch of the document's people; their bosses are
// checked by bosses once every person is in.
func (c *linkCheck) personBatch(ctx context.Context, batch []model.Person) error {
	var uids, accounts []string
	for i := range batch {
		uids = append(uids, batch[i].UID, batch[i].ReportsToUID)
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needPeople(ctx, uids); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		p := &batch[i]
		fail := func(err error) error { return &recordError{"person", p.Name, p.UID, err} }
		if p.UID == "" {
			p.UID = model.NewUID()
		} else if l := c.people[p.UID]; l != nil && l.inDoc {
			return fail(twice("people"))
		}
		normPerson(p)
		if err := p.Validate(); err != nil {
			return fail(err)
		}
		if !c.accountKnown(p.AccountUID) {
			return fail(unknownLink("account", "account", p.AccountUID))
		}
		l := c.people[p.UID]
		if l == nil {
			l = &personLink{}
			c.people[p.UID] = l
		}
		l.account, l.boss, l.inDoc = p.AccountUID, p.ReportsToUID, true
		if p.ReportsToUID != "" {
			c.withBoss = append(c.withBoss, docPerson{p.UID, p.Name})
		}
	}
	return nil
}

// bosses checks the org chart once every person of the document is in:
// bosses exist, work at the same account, and nobody ends up reporting to
// themselves.
func (c *linkCheck) bosses(ctx context.Context) error {
	var bosses []string
	for _, p := range c.withBoss {
		bosses = append(bosses, c.people[p.uid].boss)
	}
	if err := c.needPeople(ctx, bosses); err != nil {
		return err
	}
	const (
		unseen = iota
		walking
		done
	)
	state := map[string]int{}
	for _, dp := range c.withBoss {
		p := c.people[dp.uid]
		fail := func(err error) error { return &recordError{"person", dp.name, dp.uid, err} }
		boss := c.people[p.boss]
		switch {
		case boss == nil:
			return fail(unknownLink("reports to", "person", p.boss))
		case p.boss == dp.uid:
			return fail(model.Invalid("reports to", "a person cannot report to themselves"))
		case boss.account != p.account:
			return fail(model.Invalid("reports to", "%s works at another account", p.boss))
		}
		// Walk up the chain, the stored part of it looked up on the way;
		// every person is walked once.
		var path []string
		for uid := dp.uid; uid != "" && state[uid] != done; {
			if state[uid] == walking {
				return fail(model.Invalid("reports to", "that makes a reporting loop"))
			}
			state[uid] = walking
			path = append(path, uid)
			next := c.people[uid]
			if next == nil {
				break
			}
			if next.boss != "" {
				if err := c.needPeople(ctx, []string{next.boss}); err != nil {
					return err
				}
			}
			uid = next.boss
		}
		for _, uid := range path {
			state[uid] = done
		}
	}
	c.withBoss = nil
	return nil
}

// noteBatch checks a batch of the document's notes.
func (c *linkCheck) noteBatch(ctx context.Context, batch []model.Note) error {
	var people, accounts []string
	for i := range batch {
		people = append(people, batch[i].PersonUID)
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needPeople(ctx, people); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		n := &batch[i]
		fail := func(err error) error { return &recordError{"note", "", n.UID, err} }
		if err := c.fresh(&n.UID, "notes"); err != nil {
			return fail(err)
		}
		normNote(n)
		if n.PersonUID != "" {
			p := c.people[n.PersonUID]
			if p == nil {
				return fail(unknownLink("person", "person", n.PersonUID))
			}
			if n.AccountUID == "" {
				n.AccountUID = p.account
			} else if n.AccountUID != p.account {
				return fail(model.Invalid("account", "the note's person works at account %s, not %s", p.account, n.AccountUID))
			}
		}
		if err := n.Validate(); err != nil {
			return fail(err)
		}
		if err := c.needAccounts(ctx, []string{n.AccountUID}); err != nil {
			return err
		}
		if !c.accountKnown(n.AccountUID) {
			return fail(unknownLink("account", "account", n.AccountUID))
		}
	}
	return nil
}

// touchBatch checks a batch of the document's touches.
func (c *linkCheck) touchBatch(ctx context.Context, batch []model.Touch) error {
	var people, accounts []string
	for i := range batch {
		people = append(people, batch[i].PersonUIDs...)
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needPeople(ctx, people); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		t := &batch[i]
		fail := func(err error) error { return &recordError{"touch", t.Summary, t.UID, err} }
		if err := c.fresh(&t.UID, "touches"); err != nil {
			return fail(err)
		}
		normTouch(t)
		listed := map[string]bool{}
		for _, uid := range t.PersonUIDs {
			p := c.people[uid]
			if p == nil {
				return fail(unknownLink("people", "person", uid))
			}
			if listed[uid] {
				return fail(model.Invalid("people", "%s is listed twice", uid))
			}
			listed[uid] = true
			if t.AccountUID == "" {
				t.AccountUID = p.account // as LogTouch does: the first person's account
			}
		}
		if err := t.Validate(); err != nil {
			return fail(err)
		}
		if err := c.needAccounts(ctx, []string{t.AccountUID}); err != nil {
			return err
		}
		if !c.accountKnown(t.AccountUID) {
			return fail(unknownLink("account", "account", t.AccountUID))
		}
	}
	return nil
}

// healthBatch checks a batch of the document's health checks.
func (c *linkCheck) healthBatch(ctx context.Context, batch []model.HealthCheck) error {
	var accounts []string
	for i := range batch {
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		h := &batch[i]
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

// briefBatch checks a batch of the document's briefs.
func (c *linkCheck) briefBatch(ctx context.Context, batch []model.Brief) error {
	var uids, people, accounts []string
	for i := range batch {
		uids = append(uids, batch[i].UID)
		accounts = append(accounts, batch[i].AccountUID)
		for _, bp := range batch[i].People {
			people = append(people, bp.PersonUID)
		}
	}
	if err := c.needBriefs(ctx, uids); err != nil {
		return err
	}
	if err := c.needPeople(ctx, people); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		b := &batch[i]
		fail := func(err error) error { return &recordError{"brief", b.Title, b.UID, err} }
		if b.UID == "" {
			b.UID = model.NewUID()
		} else if l := c.briefs[b.UID]; l != nil && l.inDoc {
			return fail(twice("briefs"))
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
				return fail(model.Invalid("history", "unknown stage in a move from %s to %s", model.Quote(string(h.From)), model.Quote(string(h.To))))
			}
			if h.At.IsZero() {
				return fail(model.Invalid("history", "the move to %s has no time", model.Quote(string(h.To))))
			}
		}
		if !c.accountKnown(b.AccountUID) {
			return fail(unknownLink("account", "account", b.AccountUID))
		}
		linked := map[string]bool{}
		for _, bp := range b.People {
			p := c.people[bp.PersonUID]
			switch {
			case p == nil:
				return fail(unknownLink("people", "person", bp.PersonUID))
			case p.account != b.AccountUID:
				return fail(model.Invalid("people", "%s is not at this brief's account", bp.PersonUID))
			case linked[bp.PersonUID]:
				return fail(model.Invalid("people", "%s is linked twice", bp.PersonUID))
			}
			linked[bp.PersonUID] = true
		}
		l := c.briefs[b.UID]
		if l == nil {
			l = &briefLink{}
			c.briefs[b.UID] = l
		}
		l.account, l.inDoc = b.AccountUID, true
	}
	return nil
}

// followUpBatch checks a batch of the document's follow-ups.
func (c *linkCheck) followUpBatch(ctx context.Context, batch []model.FollowUp) error {
	var people, briefs, accounts []string
	for i := range batch {
		people = append(people, batch[i].PersonUID)
		briefs = append(briefs, batch[i].BriefUID)
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needPeople(ctx, people); err != nil {
		return err
	}
	if err := c.needBriefs(ctx, briefs); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		f := &batch[i]
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
		var personAt, briefAt string
		var personOK, briefOK bool
		if p := c.people[f.PersonUID]; p != nil {
			personAt, personOK = p.account, true
		}
		if b := c.briefs[f.BriefUID]; b != nil {
			briefAt, briefOK = b.account, true
		}
		for _, l := range []struct {
			field, uid, at string
			ok             bool
		}{{"person", f.PersonUID, personAt, personOK}, {"brief", f.BriefUID, briefAt, briefOK}} {
			if l.uid == "" {
				continue
			}
			switch {
			case !l.ok:
				return fail(unknownLink(l.field, l.field, l.uid))
			case f.AccountUID == "":
				f.AccountUID = l.at
			case f.AccountUID != l.at:
				return fail(model.Invalid(l.field, "is on another account (%s) than the follow-up (%s)", l.at, f.AccountUID))
			}
		}
	}
	return nil
}

// meetingBatch checks a batch of the document's meetings: the account and
// each attendee's person are links; the account follows the first person
// when none is given, as an import of a calendar does.
func (c *linkCheck) meetingBatch(ctx context.Context, batch []model.Meeting) error {
	var people, accounts []string
	for i := range batch {
		for _, a := range batch[i].Attendees {
			people = append(people, a.PersonUID)
		}
		accounts = append(accounts, batch[i].AccountUID)
	}
	if err := c.needPeople(ctx, people); err != nil {
		return err
	}
	if err := c.needAccounts(ctx, accounts); err != nil {
		return err
	}
	for i := range batch {
		m := &batch[i]
		fail := func(err error) error { return &recordError{"meeting", m.Title, m.UID, err} }
		if err := c.fresh(&m.UID, "meetings"); err != nil {
			return fail(err)
		}
		normMeeting(m)
		for _, a := range m.Attendees {
			if a.PersonUID == "" {
				continue
			}
			p := c.people[a.PersonUID]
			if p == nil {
				return fail(unknownLink("attendees", "person", a.PersonUID))
			}
			if m.AccountUID == "" {
				m.AccountUID = p.account
			}
		}
		if err := m.Validate(); err != nil {
			return fail(err)
		}
		if m.AccountUID == "" {
			continue
		}
		if err := c.needAccounts(ctx, []string{m.AccountUID}); err != nil {
			return err
		}
		if !c.accountKnown(m.AccountUID) {
			return fail(unknownLink("account", "account", m.AccountUID))
		}
	}
	return nil
}

// conflictError is a FieldError for a clash with another record: it wraps
// model.ErrConflict rather than model.ErrInvalid.
type conflictError struct{ model.FieldError }

func (e *conflictError) Unwrap() error { return model.ErrConflict }

func conflict(field, format string, args ...any) error {
	return &conflictError{model.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}}
}

func unknownLink(field, kind, uid string) error {
	return model.Invalid(field, "no %s with uid %s in the document or the database", kind, quoteName(uid))
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

func normMeeting(m *model.Meeting) {
	*m = meetingDoc(*m)
	m.Start, m.End = normTime(m.Start), normTime(m.End)
	m.DebriefedAt, m.CreatedAt, m.UpdatedAt = normTime(m.DebriefedAt), normTime(m.CreatedAt), normTime(m.UpdatedAt)
	if len(m.Attendees) == 0 {
		m.Attendees = nil
	}
	for i := range m.Attendees {
		m.Attendees[i].Email = model.NormEmail(m.Attendees[i].Email)
	}
}
