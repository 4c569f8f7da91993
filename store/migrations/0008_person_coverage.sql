-- What the coverage rules read of an account's live people, each on an
-- index alone (Today reads them for every key and strategic account; an
-- account of ten thousand people then costs index ranges, not ten
-- thousand rows):
-- the people counted by role, and the deciders past a rule's threshold;
CREATE INDEX person_coverage ON person (account_id, archived_at, role, stance, influence, strength, cadence_days, last_touch_on, touch_due_on, name_fold)
    WHERE archived_at IS NULL;
-- the sceptics and opponents (those with a stance at all are few);
CREATE INDEX person_stance ON person (account_id, archived_at, stance, influence, strength, cadence_days, last_touch_on, touch_due_on, name_fold)
    WHERE archived_at IS NULL AND stance <> '';
-- who was touched lately.
CREATE INDEX person_touched ON person (account_id, archived_at, last_touch_on) WHERE archived_at IS NULL;

-- The People filter (name, title or account, as typed) counts its matches
-- on this index alone: a tenth of the table's pages.
CREATE INDEX person_filter ON person (name_fold, title_fold, account_id) WHERE archived_at IS NULL;
