package store

import (
	"context"
	"strings"

	"rapport/model"
)

// stored reads the stored version of one record by id with its concept
// file's getter, as the document would hold it.
func stored[T any](ctx context.Context, db querier, id int64, get func(context.Context, querier, int64) (T, error), doc func(T) T) (T, error) {
	v, err := get(ctx, db, id)
	return doc(v), err
}

func (im *importer) writeAccounts(ctx context.Context) error {
	const cols = `name = ?, name_fold = ?, industry = ?, region = ?, countries = ?, tier = ?, currency = ?, revenue = ?,
		potential = ?, outlook = ?, importance = ?, replaceability = ?, brand = ?, direction = ?, notes = ?, score = ?,
		archived_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("account", "uid, "+colNames(cols), im.accounts, nil)
	for i := range im.ds.Accounts {
		a := &im.ds.Accounts[i]
		args := func() []any {
			return []any{a.Name, model.Fold(a.Name), a.Industry, a.Region, a.Countries, a.Tier, a.Currency, a.Revenue,
				a.Potential, a.Outlook, a.Importance, a.Replaceability, a.Brand, a.Direction, a.Notes, a.Priority().Score,
				tsNull(a.ArchivedAt), ts(a.CreatedAt), ts(a.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Accounts, im.accounts, a.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getAccount, accountDoc)
				if err != nil || !settle(a, old, accountStamps, im.now) {
					return false, err
				}
				if old.Tier != a.Tier {
					im.refreshAccount[id] = true
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE account SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&a.CreatedAt, &a.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{a.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"account", a.Name, a.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writePeople(ctx context.Context) error {
	const cols = `account_id = ?, name = ?, name_fold = ?, title = ?, business_unit = ?, location = ?, email = ?,
		phone = ?, reports_to_id = ?, role = ?, influence = ?, strength = ?, at_client_since = ?, career_history = ?,
		preferred_channel = ?, cadence_days = ?, receive_info = ?, needs_to_show = ?, bday_month = ?, bday_day = ?,
		bday_year = ?, archived_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("person", "uid, "+colNames(cols), im.people, func(_ context.Context, uids []string) error {
		for _, uid := range uids {
			im.refreshPeople[im.people[uid]] = true
		}
		return nil
	})
	for _, i := range im.peopleOrder {
		p := &im.ds.People[i]
		accountID := im.accounts[p.AccountUID]
		if p.ReportsToUID != "" && im.people[p.ReportsToUID] == 0 {
			im.bossLater = append(im.bossLater, i) // the boss is queued, without an id yet
		}
		args := func() []any {
			return []any{accountID, p.Name, model.Fold(p.Name), p.Title, p.BusinessUnit, p.Location, p.Email, p.Phone,
				nullID(im.people[p.ReportsToUID]), p.Role, p.Influence, p.Strength, p.AtClientSince.String(),
				p.CareerHistory, p.PreferredChannel, p.CadenceDays, p.ReceiveInfo, p.NeedsToShow, int(p.Birthday.Month),
				p.Birthday.Day, p.Birthday.Year, tsNull(p.ArchivedAt), ts(p.CreatedAt), ts(p.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.People, im.people, p.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getPerson, personDoc)
				if err != nil || !settle(p, old, personStamps, im.now) {
					return false, err
				}
				if _, err = im.tx.ExecContext(ctx, "UPDATE person SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				im.refreshPeople[id] = true
				if old.AccountUID != p.AccountUID {
					if err := personMoved(ctx, im.tx, id, accountID); err != nil {
						return false, err
					}
				}
				return true, nil
			},
			func() error {
				stampNew(&p.CreatedAt, &p.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{p.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"person", p.Name, p.UID, err}
		}
	}
	if err := bulk.done(ctx); err != nil {
		return err
	}
	for _, i := range im.bossLater {
		p := &im.ds.People[i]
		if _, err := im.tx.ExecContext(ctx, "UPDATE person SET reports_to_id = ? WHERE id = ?",
			im.people[p.ReportsToUID], im.people[p.UID]); err != nil {
			return &recordError{"person", "", p.UID, err}
		}
	}
	return nil
}

func (im *importer) writeNotes(ctx context.Context) error {
	const cols = `account_id = ?, person_id = ?, kind = ?, text = ?, on_date = ?, ask_after = ?, asked_at = ?, pinned = ?,
		created_at = ?, updated_at = ?`
	bulk := im.newBulk("note", "uid, "+colNames(cols), im.notes, nil)
	for i := range im.ds.Notes {
		n := &im.ds.Notes[i]
		args := func() []any {
			return []any{im.accounts[n.AccountUID], nullID(im.people[n.PersonUID]), n.Kind, n.Text, n.On.String(),
				n.AskAfter.String(), tsNull(n.AskedAt), n.Pinned, ts(n.CreatedAt), ts(n.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Notes, im.notes, n.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getNote, noteDoc)
				if err != nil || !settle(n, old, noteStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE note SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&n.CreatedAt, &n.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{n.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"note", "", n.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeTouches(ctx context.Context) error {
	const cols = `account_id = ?, kind = ?, on_date = ?, summary = ?, text = ?, created_at = ?, updated_at = ?`
	// The people of new touches go in once the touches have their ids.
	newPeople := map[string][]string{} // touch uid → person uids
	people := func(ctx context.Context, touches []string) error {
		var args []any
		for _, uid := range touches {
			id := im.touches[uid]
			for pos, p := range newPeople[uid] {
				pid := im.people[p]
				im.refreshPeople[pid] = true
				args = append(args, id, pid, pos)
			}
			delete(newPeople, uid)
		}
		return im.execRows(ctx, "touch_person", "touch_id, person_id, position", args)
	}
	bulk := im.newBulk("touch", "uid, "+colNames(cols), im.touches, people)
	for i := range im.ds.Touches {
		t := &im.ds.Touches[i]
		args := func() []any {
			return []any{im.accounts[t.AccountUID], t.Kind, t.On.String(), t.Summary, t.Text, ts(t.CreatedAt), ts(t.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Touches, im.touches, t.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getTouch, touchDoc)
				if err != nil || !settle(t, old, touchStamps, im.now) {
					return false, err
				}
				if _, err := im.tx.ExecContext(ctx, "UPDATE touch SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				for _, uid := range old.PersonUIDs {
					im.refreshPeople[im.people[uid]] = true
				}
				if _, err := im.tx.ExecContext(ctx, "DELETE FROM touch_person WHERE touch_id = ?", id); err != nil {
					return false, err
				}
				im.touchesChanged = true
				newPeople[t.UID] = t.PersonUIDs
				return true, people(ctx, []string{t.UID})
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
	return bulk.done(ctx)
}

func (im *importer) writeHealth(ctx context.Context) error {
	const cols = `account_id = ?, on_date = ?, satisfaction = ?, revenue = ?, note = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("health_check", "uid, "+colNames(cols), im.health, nil)
	for i := range im.ds.Health {
		h := &im.ds.Health[i]
		args := func() []any {
			var sat, rev any
			if h.Satisfaction != nil {
				sat = *h.Satisfaction
			}
			if h.Revenue != nil {
				rev = int64(*h.Revenue)
			}
			return []any{im.accounts[h.AccountUID], h.On.String(), sat, rev, h.Note, ts(h.CreatedAt), ts(h.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Health, im.health, h.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getHealth, healthDoc)
				if err != nil || !settle(h, old, healthStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE health_check SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&h.CreatedAt, &h.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{h.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"health check", h.On.String(), h.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeBriefs(ctx context.Context) error {
	const cols = `account_id = ?, title = ?, title_fold = ?, w_who = ?, w_what = ?, w_where = ?, w_when = ?, w_why = ?,
		target_on = ?, value_client = ?, value_us = ?, stage = ?, stage_rank = ?, stage_since = ?, archived_at = ?,
		created_at = ?, updated_at = ?`
	// The checks, people and history of new briefs go in once the briefs
	// have their ids.
	pending := map[string]*model.Brief{}
	children := func(ctx context.Context, briefs []string) error {
		var checks, people, history []any
		for _, uid := range briefs {
			b, id := pending[uid], im.briefs[uid]
			delete(pending, uid)
			for _, c := range b.Checks {
				checks = append(checks, id, c.Kind, c.State, c.By, c.On.String())
			}
			for pos, p := range b.People {
				people = append(people, id, im.people[p.PersonUID], pos, p.Framing, p.Opening)
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
	bulk := im.newBulk("brief", "uid, "+colNames(cols), im.briefs, children)
	for i := range im.ds.Briefs {
		b := &im.ds.Briefs[i]
		args := func() []any {
			return []any{im.accounts[b.AccountUID], b.Title, model.Fold(b.Title), b.Who, b.What, b.Where, b.When, b.Why,
				b.TargetOn.String(), b.ValueClient, b.ValueUs, b.Stage, b.Stage.Index(), ts(b.StageSince),
				tsNull(b.ArchivedAt), ts(b.CreatedAt), ts(b.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.Briefs, im.briefs, b.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getBrief, briefDoc)
				if err != nil || !settle(b, old, briefStamps, im.now) {
					return false, err
				}
				if _, err := im.tx.ExecContext(ctx, "UPDATE brief SET "+cols+" WHERE id = ?", append(args(), id)...); err != nil {
					return false, err
				}
				for _, table := range []string{"brief_check", "brief_person", "stage_change"} {
					if _, err := im.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE brief_id = ?", id); err != nil {
						return false, err
					}
				}
				pending[b.UID] = b
				return true, children(ctx, []string{b.UID})
			},
			func() error {
				stampNew(&b.CreatedAt, &b.UpdatedAt, im.now)
				pending[b.UID] = b
				return bulk.add(ctx, append([]any{b.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"brief", b.Title, b.UID, err}
		}
	}
	return bulk.done(ctx)
}

func (im *importer) writeFollowUps(ctx context.Context) error {
	const cols = `text = ?, kind = ?, due_on = ?, due_time = ?, account_id = ?, person_id = ?, brief_id = ?, recurrence = ?,
		from_completion = ?, snoozed_until = ?, agenda_on = ?, done_at = ?, created_at = ?, updated_at = ?`
	bulk := im.newBulk("follow_up", "uid, "+colNames(cols), im.followUps, nil)
	for i := range im.ds.FollowUps {
		f := &im.ds.FollowUps[i]
		args := func() []any {
			return []any{f.Text, f.Kind, f.DueOn.String(), f.DueTime, nullID(im.accounts[f.AccountUID]),
				nullID(im.people[f.PersonUID]), nullID(im.briefs[f.BriefUID]), f.Recur.String(), f.FromCompletion,
				f.SnoozedUntil.String(), f.AgendaOn().String(), tsNull(f.DoneAt), ts(f.CreatedAt), ts(f.UpdatedAt)}
		}
		err := im.upsert(ctx, &im.res.FollowUps, im.followUps, f.UID,
			func(id int64) (bool, error) {
				old, err := stored(ctx, im.tx, id, getFollowUp, followUpDoc)
				if err != nil || !settle(f, old, followUpStamps, im.now) {
					return false, err
				}
				_, err = im.tx.ExecContext(ctx, "UPDATE follow_up SET "+cols+" WHERE id = ?", append(args(), id)...)
				return true, err
			},
			func() error {
				stampNew(&f.CreatedAt, &f.UpdatedAt, im.now)
				return bulk.add(ctx, append([]any{f.UID}, args()...)...)
			})
		if err != nil {
			return &recordError{"follow-up", f.Text, f.UID, err}
		}
	}
	return bulk.done(ctx)
}

// colNames turns "a = ?, b = ?" into "a, b".
func colNames(assignments string) string {
	return strings.ReplaceAll(assignments, " = ?", "")
}
