-- Timelines and org charts read through an index in the order they show,
-- whatever the shape of the book: a person with 20,000 touches, notes of
-- one kind among 50,000, an account with 10,000 people, a boss with
-- hundreds of reports. A page costs its rows, a count its index.

-- A person's touches, newest first. The touch's day sits beside the person
-- in touch_person, kept equal to the touch's by two triggers (whoever
-- writes the link), so the timeline and the last touch of a person read
-- touch_person_day instead of every touch they were in.
ALTER TABLE touch_person ADD COLUMN on_date TEXT NOT NULL DEFAULT '';
UPDATE touch_person SET on_date = (SELECT t.on_date FROM touch t WHERE t.id = touch_person.touch_id);
DROP INDEX touch_person_person;
CREATE INDEX touch_person_day ON touch_person (person_id, on_date, touch_id);

CREATE TRIGGER touch_person_day_ins AFTER INSERT ON touch_person BEGIN
    UPDATE touch_person SET on_date = (SELECT on_date FROM touch WHERE id = new.touch_id)
        WHERE touch_id = new.touch_id AND person_id = new.person_id;
END;
CREATE TRIGGER touch_day_upd AFTER UPDATE OF on_date ON touch BEGIN
    UPDATE touch_person SET on_date = new.on_date WHERE touch_id = new.id;
END;

-- A person's notes of one kind, pinned first, then newest (the rowid ends
-- every index, so the order ends with the id).
CREATE INDEX note_person_kind ON note (person_id, kind, pinned, on_date) WHERE person_id IS NOT NULL;

-- The indexes below hold the columns of their own WHERE too: SQLite counts
-- from an index alone only when it holds every column the query names.

-- An account's current people by name, and their count.
CREATE INDEX person_account_live ON person (account_id, archived_at, name_fold) WHERE archived_at IS NULL;

-- A boss's current reports by name, and their count.
CREATE INDEX person_reports ON person (reports_to_id, archived_at, name_fold) WHERE reports_to_id IS NOT NULL AND archived_at IS NULL;

-- The top of an account's org chart: its current people who report to
-- nobody, and those whose boss is archived (found through the few archived
-- people of the account).
CREATE INDEX person_chart_top ON person (account_id, reports_to_id, archived_at, name_fold) WHERE reports_to_id IS NULL AND archived_at IS NULL;
CREATE INDEX person_archived_account ON person (account_id) WHERE archived_at IS NOT NULL;
