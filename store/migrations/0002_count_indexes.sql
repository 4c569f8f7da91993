-- Today's agenda and the lists count on indexes alone. For that the agenda's
-- indexes carry the row's account (and a note's person), so rows on archived
-- accounts or people are left out without reading the rows themselves, the
-- few archived accounts and people have an index of their own, and the
-- filters of the Accounts and Briefs lists have an index each.

CREATE INDEX account_archived ON account (id) WHERE archived_at IS NOT NULL;
CREATE INDEX person_archived ON person (id) WHERE archived_at IS NOT NULL;

DROP INDEX follow_up_open;
CREATE INDEX follow_up_open ON follow_up (agenda_on, id, account_id) WHERE done_at IS NULL;

DROP INDEX person_touch_due;
CREATE INDEX person_touch_due ON person (touch_due_on, id, account_id) WHERE archived_at IS NULL;

DROP INDEX person_birthday;
CREATE INDEX person_birthday ON person (bday_month, bday_day, account_id) WHERE bday_month > 0 AND archived_at IS NULL;

DROP INDEX note_ask;
CREATE INDEX note_ask ON note (ask_after, id, person_id, account_id) WHERE ask_after <> '' AND asked_at IS NULL;

DROP INDEX brief_by_stage;
CREATE INDEX brief_by_stage ON brief (stage_rank, stage_since, id, account_id) WHERE archived_at IS NULL;

DROP INDEX follow_up_promise;
CREATE INDEX follow_up_promise ON follow_up (agenda_on, account_id) WHERE done_at IS NULL AND kind = 'promise';

CREATE INDEX account_by_name ON account (name_fold, id) WHERE archived_at IS NULL;
CREATE INDEX brief_by_title ON brief (title_fold, stage_rank) WHERE archived_at IS NULL;
