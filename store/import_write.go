package store

import (
	"context"
	"strings"
	"time"

	"rapport/model"
)

// Each kind of an import is read a batch at a time: the batch is checked
// (linkCheck), the stored records it names are looked up, and each record
// is updated in place or queued on the kind's bulk insert.

// update is the update of a stored record: read it as the document would
// hold it, settle the record against it, and — when it differs, unless
// this is a dry run — write it with exec. It reports whether it differs.
func update[T any](ctx context.Context, im *importer, rec *T, id int64, get func(context.Context, querier, int64) (T, error),
	doc func(T) T, stamps func(*T) (*time.Time, *time.Time), exec func(old T) error) (bool, error) {
	v, err := get(ctx, im.tx, id)
	if err != nil {
		return false, err
	}
	old := doc(v)
	if !settle(rec, old, stamps, im.now) {
		return false, nil
	}
	if im.dry {
		return true, nil
	}
	return true, exec(old)
}

// storedIDs returns the row ids of the batch's uids stored in table. A
// table that was empty when the import came to it has none to look up
// (its own inserts are new, and the check refuses a uid given twice).
func (im *importer) storedIDs(ctx context.Context, table string, uids []string) (map[string]int64, error) {
	empty, ok := im.emptyTables[table]
	if !ok {
		if err := im.tx.tx.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM "+table+")").Scan(&empty); err != nil {
			return nil, err
		}
		im.emptyTables[table] = empty
	}
	if empty {
		return nil, nil
	}
	return txLookup{im}.ids(ctx, table, uids)
}

func (im *importer) writeAccounts(ctx context.Context, src ImportSource) error {
	const cols = `name = ?, name_fold = ?, industry = ?, region = ?, countries = ?, tier = ?, currency = ?, revenue = ?,
		potential = ?, outlook = ?, importance = ?, replaceability = ?, brand = ?, direction = ?, notes = ?, score = ?,
		archived_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("account", "uid, "+colNames(cols), func(uid string, id int64) { im.c.accounts[uid].id = id }, nil)
	err := batches(src.Accounts, func(batch []model.Account) error {
		if err := im.c.accountBatch(ctx, batch); err != nil {
			return err
		}
		for i := range batch {
			a := &batch[i]
			args := func() []any {
				return []any{a.Name, model.Fold(a.Name), a.Industry, a.Region, a.Countries, a.Tier, a.Currency, a.Revenue,
					a.Potential, a.Outlook, a.Importance, a.Replaceability, a.Brand, a.Direction, a.Notes, a.Priority().Score,
					tsNull(a.ArchivedAt), ts(a.CreatedAt), ts(a.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Accounts, "account", im.c.accounts[a.UID].id,
				func(id int64) (bool, error) {
					return update(ctx, im, a, id, getAccount, accountDoc, accountStamps, func(old model.Account) error {
						if old.Tier != a.Tier {
							im.refreshAccount[id] = true
						}
						_, err := im.tx.ExecContext(ctx, "UPDATE account SET "+cols+" WHERE id = ?", append(args(), id)...)
						return err
					})
				},
				func() error {
					stampNew(&a.CreatedAt, &a.UpdatedAt, im.now)
					return bulk.add(ctx, append([]any{a.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"account", a.Name, a.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writePeople(ctx context.Context, src ImportSource) error {
	const cols = `account_id = ?, name = ?, name_fold = ?, title = ?, title_fold = ?, business_unit = ?, location = ?,
		email = ?, phone = ?, reports_to_id = ?, role = ?, influence = ?, strength = ?, at_client_since = ?, career_history = ?,
		preferred_channel = ?, cadence_days = ?, receive_info = ?, needs_to_show = ?, bday_month = ?, bday_day = ?,
		bday_year = ?, stance = ?, owner = ?, touch_snoozed_until = ?, bday_dismissed_year = ?, archived_at = ?,
		created_at = ?, updated_at = ?`
	bulk := im.newBulk("person", "uid, "+colNames(cols), func(uid string, id int64) {
		im.c.people[uid].id = id
		im.refreshPeople[id] = true
	}, nil)
	err := batches(src.People, func(batch []model.Person) error {
		if err := im.c.personBatch(ctx, batch); err != nil {
			return err
		}
		for i := range batch {
			p := &batch[i]
			accountID := im.c.accounts[p.AccountUID].id
			var bossID int64
			if p.ReportsToUID != "" {
				if boss := im.c.people[p.ReportsToUID]; boss != nil {
					bossID = boss.id
				}
				if bossID == 0 {
					// The boss is later in the document, or queued without
					// an id yet: the link is made once every person is in.
					im.bossLater = append(im.bossLater, p.UID)
				}
			}
			args := func() []any {
				return []any{accountID, p.Name, model.FoldName(p.Name), p.Title, model.FoldName(p.Title), p.BusinessUnit,
					p.Location, p.Email, p.Phone, nullID(bossID), p.Role, p.Influence, p.Strength, p.AtClientSince.String(),
					p.CareerHistory, p.PreferredChannel, p.CadenceDays, p.ReceiveInfo, p.NeedsToShow, int(p.Birthday.Month),
					p.Birthday.Day, p.Birthday.Year, p.Stance, p.Owner, p.TouchSnoozedUntil.String(), p.BirthdayDismissed,
					tsNull(p.ArchivedAt), ts(p.CreatedAt), ts(p.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.People, "person", im.c.people[p.UID].id,
				func(id int64) (bool, error) {
					return update(ctx, im, p, id, getPerson, personDoc, personStamps, func(old model.Person) error {
						if _, err := im.tx.ExecContext(ctx, "UPDATE person SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
							return err
						}
						im.influences = append(im.influences, influenceSet{p.UID, p.Name, p.InfluencesUIDs})
						im.refreshPeople[id] = true
						if old.AccountUID != p.AccountUID {
							return personMoved(ctx, im.tx, id, accountID)
						}
						return nil
					})
				},
				func() error {
					stampNew(&p.CreatedAt, &p.UpdatedAt, im.now)
					if len(p.InfluencesUIDs) > 0 {
						im.influences = append(im.influences, influenceSet{p.UID, p.Name, p.InfluencesUIDs})
					}
					return bulk.add(ctx, append([]any{p.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"person", p.Name, p.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := bulk.done(ctx); err != nil {
		return err
	}
	if err := im.c.bosses(ctx); err != nil {
		return err
	}
	if im.dry {
		return nil
	}
	for _, uid := range im.bossLater {
		p := im.c.people[uid]
		if _, err := im.tx.ExecContext(ctx, "UPDATE person SET reports_to_id = ? WHERE id = ?",
			im.c.people[p.boss].id, p.id); err != nil {
			return &recordError{"person", "", uid, err}
		}
	}
	im.bossLater = nil
	return im.writeInfluences(ctx)
}

// influenceSet is whom a person written by the import sways: the
// document's list replaces what was stored.
type influenceSet struct {
	uid, name string
	targets   []string
}

// writeInfluences checks and writes whom the people written sway, once
// every person is in: each a person at the same account, not themselves.
func (im *importer) writeInfluences(ctx context.Context) error {
	var targets []string
	for _, s := range im.influences {
		targets = append(targets, s.targets...)
	}
	if err := im.c.needPeople(ctx, targets); err != nil {
		return err
	}
	for _, s := range im.influences {
		p := im.c.people[s.uid]
		fail := func(err error) error { return &recordError{"person", s.name, s.uid, err} }
		for _, t := range s.targets {
			o := im.c.people[t]
			switch {
			case o == nil:
				return fail(unknownLink("influences", "person", t))
			case t == s.uid:
				return fail(model.Invalid("influences", "a person does not sway themselves"))
			case o.account != p.account:
				return fail(model.Invalid("influences", "%s works at another account", quoteName(t)))
			}
		}
		if im.dry {
			continue
		}
		if _, err := im.tx.ExecContext(ctx, "DELETE FROM person_influence WHERE person_id = ?", p.id); err != nil {
			return fail(err)
		}
		for pos, t := range s.targets {
			if _, err := im.tx.ExecContext(ctx, "INSERT OR IGNORE INTO person_influence (person_id, influences_id, position) VALUES (?, ?, ?)",
				p.id, im.c.people[t].id, pos); err != nil {
				return fail(err)
			}
		}
	}
	im.influences = nil
	return nil
}

func (im *importer) writeNotes(ctx context.Context, src ImportSource) error {
	const cols = `account_id = ?, person_id = ?, kind = ?, text = ?, on_date = ?, ask_after = ?, asked_at = ?, pinned = ?,
		created_at = ?, updated_at = ?`
	bulk := im.newBulk("note", "uid, "+colNames(cols), nil, nil)
	err := batches(src.Notes, func(batch []model.Note) error {
		if err := im.c.noteBatch(ctx, batch); err != nil {
			return err
		}
		ids, err := im.storedIDs(ctx, "note", uidsOf(batch, func(n *model.Note) string { return n.UID }))
		if err != nil {
			return err
		}
		for i := range batch {
			n := &batch[i]
			args := func() []any {
				return []any{im.accountID(n.AccountUID), nullID(im.personID(n.PersonUID)), n.Kind, n.Text, n.On.String(),
					n.AskAfter.String(), tsNull(n.AskedAt), n.Pinned, ts(n.CreatedAt), ts(n.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Notes, "note", ids[n.UID],
				func(id int64) (bool, error) {
					return update(ctx, im, n, id, getNote, noteDoc, noteStamps, func(model.Note) error {
						_, err := im.tx.ExecContext(ctx, "UPDATE note SET "+cols+" WHERE id = ?", append(args(), id)...)
						return err
					})
				},
				func() error {
					stampNew(&n.CreatedAt, &n.UpdatedAt, im.now)
					return bulk.add(ctx, append([]any{n.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"note", "", n.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writeTouches(ctx context.Context, src ImportSource) error {
	const cols = `account_id = ?, kind = ?, on_date = ?, summary = ?, text = ?, message_id = ?, created_at = ?, updated_at = ?`
	// The people of new touches go in once the touches have their ids.
	newPeople := map[string][]string{} // touch uid → person uids
	people := func(ctx context.Context, touches []insertedRow) error {
		var args []any
		for _, t := range touches {
			for pos, uid := range newPeople[t.uid] {
				pid := im.personID(uid)
				im.refreshPeople[pid] = true
				args = append(args, t.id, pid, pos)
			}
			delete(newPeople, t.uid)
		}
		return im.execRows(ctx, "touch_person", "touch_id, person_id, position", args)
	}
	bulk := im.newBulk("touch", "uid, "+colNames(cols), nil, people)
	err := batches(src.Touches, func(batch []model.Touch) error {
		if err := im.c.touchBatch(ctx, batch); err != nil {
			return err
		}
		ids, err := im.storedIDs(ctx, "touch", uidsOf(batch, func(t *model.Touch) string { return t.UID }))
		if err != nil {
			return err
		}
		for i := range batch {
			t := &batch[i]
			args := func() []any {
				return []any{im.accountID(t.AccountUID), t.Kind, t.On.String(), t.Summary, t.Text, t.MessageID, ts(t.CreatedAt), ts(t.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Touches, "touch", ids[t.UID],
				func(id int64) (bool, error) {
					return update(ctx, im, t, id, getTouch, touchDoc, touchStamps, func(old model.Touch) error {
						if _, err := im.tx.ExecContext(ctx, "UPDATE touch SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
							return err
						}
						if err := im.c.needPeople(ctx, old.PersonUIDs); err != nil {
							return err
						}
						for _, uid := range old.PersonUIDs {
							im.refreshPeople[im.personID(uid)] = true
						}
						if _, err := im.tx.ExecContext(ctx, "DELETE FROM touch_person WHERE touch_id = ?", id); err != nil {
							return err
						}
						im.touchesChanged = true
						newPeople[t.UID] = t.PersonUIDs
						return people(ctx, []insertedRow{{t.UID, id}})
					})
				},
				func() error {
					stampNew(&t.CreatedAt, &t.UpdatedAt, im.now)
					im.touchesChanged = true
					newPeople[t.UID] = t.PersonUIDs
					return bulk.add(ctx, append([]any{t.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"touch", t.Summary, t.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writeHealth(ctx context.Context, src ImportSource) error {
	const cols = `account_id = ?, on_date = ?, satisfaction = ?, revenue = ?, note = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("health_check", "uid, "+colNames(cols), nil, nil)
	err := batches(src.Health, func(batch []model.HealthCheck) error {
		if err := im.c.healthBatch(ctx, batch); err != nil {
			return err
		}
		ids, err := im.storedIDs(ctx, "health_check", uidsOf(batch, func(h *model.HealthCheck) string { return h.UID }))
		if err != nil {
			return err
		}
		for i := range batch {
			h := &batch[i]
			args := func() []any {
				var sat, rev any
				if h.Satisfaction != nil {
					sat = *h.Satisfaction
				}
				if h.Revenue != nil {
					rev = int64(*h.Revenue)
				}
				return []any{im.accountID(h.AccountUID), h.On.String(), sat, rev, h.Note, ts(h.CreatedAt), ts(h.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Health, "health_check", ids[h.UID],
				func(id int64) (bool, error) {
					return update(ctx, im, h, id, getHealth, healthDoc, healthStamps, func(model.HealthCheck) error {
						_, err := im.tx.ExecContext(ctx, "UPDATE health_check SET "+cols+" WHERE id = ?", append(args(), id)...)
						return err
					})
				},
				func() error {
					stampNew(&h.CreatedAt, &h.UpdatedAt, im.now)
					return bulk.add(ctx, append([]any{h.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"health check", h.On.String(), h.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writeBriefs(ctx context.Context, src ImportSource) error {
	const cols = `account_id = ?, title = ?, title_fold = ?, w_who = ?, w_what = ?, w_where = ?, w_when = ?, w_why = ?,
		target_on = ?, value_client = ?, value_us = ?, stage = ?, stage_rank = ?, stage_since = ?, archived_at = ?,
		created_at = ?, updated_at = ?`
	// The checks, people and history of new briefs go in once the briefs
	// have their ids.
	pending := map[string]*model.Brief{}
	children := func(ctx context.Context, briefs []insertedRow) error {
		var checks, people, history []any
		for _, r := range briefs {
			b, id := pending[r.uid], r.id
			delete(pending, r.uid)
			for _, c := range b.Checks {
				checks = append(checks, id, c.Kind, c.State, c.By, c.On.String())
			}
			for pos, p := range b.People {
				people = append(people, id, im.personID(p.PersonUID), pos, p.Framing, p.Opening)
			}
			for _, h := range b.History {
				history = append(history, id, h.From, h.To, ts(h.At), h.Note)
			}
		}
		if err := im.execRows(ctx, "brief_check", "brief_id, kind, state, by_name, on_date", checks); err != nil {
			return err
		}
		if err := im.execRows(ctx, "brief_person", "brief_id, person_id, position, framing, opening", people); err != nil {
			return err
		}
		return im.execRows(ctx, "stage_change", "brief_id, from_stage, to_stage, at, note", history)
	}
	bulk := im.newBulk("brief", "uid, "+colNames(cols), func(uid string, id int64) { im.c.briefs[uid].id = id }, children)
	err := batches(src.Briefs, func(batch []model.Brief) error {
		if err := im.c.briefBatch(ctx, batch); err != nil {
			return err
		}
		for i := range batch {
			b := &batch[i]
			args := func() []any {
				return []any{im.accountID(b.AccountUID), b.Title, model.Fold(b.Title), b.Who, b.What, b.Where, b.When, b.Why,
					b.TargetOn.String(), b.ValueClient, b.ValueUs, b.Stage, b.Stage.Index(), ts(b.StageSince),
					tsNull(b.ArchivedAt), ts(b.CreatedAt), ts(b.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Briefs, "brief", im.c.briefs[b.UID].id,
				func(id int64) (bool, error) {
					return update(ctx, im, b, id, getBrief, briefDoc, briefStamps, func(model.Brief) error {
						if _, err := im.tx.ExecContext(ctx, "UPDATE brief SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
							return err
						}
						for _, table := range []string{"brief_check", "brief_person", "stage_change"} {
							if _, err := im.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE brief_id = ?", id); err != nil {
								return err
							}
						}
						pending[b.UID] = b
						return children(ctx, []insertedRow{{b.UID, id}})
					})
				},
				func() error {
					stampNew(&b.CreatedAt, &b.UpdatedAt, im.now)
					kept := *b // the batch is reused before the queue is flushed
					pending[b.UID] = &kept
					return bulk.add(ctx, append([]any{b.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"brief", b.Title, b.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writeFollowUps(ctx context.Context, src ImportSource) error {
	const cols = `text = ?, kind = ?, due_on = ?, due_time = ?, account_id = ?, person_id = ?, brief_id = ?, recurrence = ?,
		from_completion = ?, snoozed_until = ?, agenda_on = ?, done_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("follow_up", "uid, "+colNames(cols), nil, nil)
	err := batches(src.FollowUps, func(batch []model.FollowUp) error {
		if err := im.c.followUpBatch(ctx, batch); err != nil {
			return err
		}
		ids, err := im.storedIDs(ctx, "follow_up", uidsOf(batch, func(f *model.FollowUp) string { return f.UID }))
		if err != nil {
			return err
		}
		for i := range batch {
			f := &batch[i]
			args := func() []any {
				var brief int64
				if b := im.c.briefs[f.BriefUID]; b != nil {
					brief = b.id
				}
				return []any{f.Text, f.Kind, f.DueOn.String(), f.DueTime, nullID(im.accountID(f.AccountUID)),
					nullID(im.personID(f.PersonUID)), nullID(brief), f.Recur.String(), f.FromCompletion,
					f.SnoozedUntil.String(), f.AgendaOn().String(), tsNull(f.DoneAt), ts(f.CreatedAt), ts(f.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.FollowUps, "follow_up", ids[f.UID],
				func(id int64) (bool, error) {
					return update(ctx, im, f, id, getFollowUp, followUpDoc, followUpStamps, func(model.FollowUp) error {
						_, err := im.tx.ExecContext(ctx, "UPDATE follow_up SET "+cols+" WHERE id = ?", append(args(), id)...)
						return err
					})
				},
				func() error {
					stampNew(&f.CreatedAt, &f.UpdatedAt, im.now)
					return bulk.add(ctx, append([]any{f.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"follow-up", f.Text, f.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

func (im *importer) writeMeetings(ctx context.Context, src ImportSource) error {
	const cols = `source = ?, title = ?, starts_at = ?, ends_at = ?, all_day = ?, location = ?, account_id = ?, debriefed_at = ?,
		created_at = ?, updated_at = ?`
	// The attendees of new meetings go in once the meetings have their ids.
	pending := map[string][]model.Attendee{}
	attendees := func(ctx context.Context, meetings []insertedRow) error {
		var args []any
		for _, r := range meetings {
			for pos, a := range pending[r.uid] {
				args = append(args, r.id, pos, a.Email, a.Name, a.Organizer, nullID(im.personID(a.PersonUID)))
			}
			delete(pending, r.uid)
		}
		return im.execRows(ctx, "meeting_attendee", "meeting_id, position, email, name, organizer, person_id", args)
	}
	bulk := im.newBulk("meeting", "uid, "+colNames(cols), nil, attendees)
	err := batches(src.Meetings, func(batch []model.Meeting) error {
		if err := im.c.meetingBatch(ctx, batch); err != nil {
			return err
		}
		ids, err := im.storedIDs(ctx, "meeting", uidsOf(batch, func(m *model.Meeting) string { return m.UID }))
		if err != nil {
			return err
		}
		for i := range batch {
			m := &batch[i]
			args := func() []any {
				return []any{m.Source, m.Title, ts(m.Start), endTS(m.End), m.AllDay, m.Location, nullID(im.accountID(m.AccountUID)),
					tsNull(m.DebriefedAt), ts(m.CreatedAt), ts(m.UpdatedAt)}
			}
			err := im.upsert(ctx, &im.res.Meetings, "meeting", ids[m.UID],
				func(id int64) (bool, error) {
					return update(ctx, im, m, id, getMeeting, meetingDoc, meetingStamps, func(model.Meeting) error {
						if _, err := im.tx.ExecContext(ctx, "UPDATE meeting SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
							return err
						}
						if _, err := im.tx.ExecContext(ctx, "DELETE FROM meeting_attendee WHERE meeting_id = ?", id); err != nil {
							return err
						}
						pending[m.UID] = m.Attendees
						return attendees(ctx, []insertedRow{{m.UID, id}})
					})
				},
				func() error {
					stampNew(&m.CreatedAt, &m.UpdatedAt, im.now)
					pending[m.UID] = m.Attendees
					return bulk.add(ctx, append([]any{m.UID}, args()...)...)
				})
			if err != nil {
				return &recordError{"meeting", m.Title, m.UID, err}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bulk.done(ctx)
}

// accountID is the row id of an account the check has seen (0 for none).
func (im *importer) accountID(uid string) int64 {
	if a := im.c.accounts[uid]; a != nil {
		return a.id
	}
	return 0
}

// personID is the row id of a person the check has seen (0 for none).
func (im *importer) personID(uid string) int64 {
	if p := im.c.people[uid]; p != nil {
		return p.id
	}
	return 0
}

// uidsOf lists the uids of a batch.
func uidsOf[T any](batch []T, uid func(*T) string) []string {
	out := make([]string, len(batch))
	for i := range batch {
		out[i] = uid(&batch[i])
	}
	return out
}

// colNames turns "a = ?, b = ?" into "a, b".
func colNames(assignments string) string {
	return strings.ReplaceAll(assignments, " = ?", "")
}
