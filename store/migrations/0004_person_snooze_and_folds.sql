-- A person's cadence can be snoozed until a day (holiday, leave), and a
-- birthday dismissed for a year; the People filter matches titles too.
-- Names are folded again by the rule every match uses (model.FoldName:
-- case, accents, apostrophes, hyphens and runs of spaces), so "obrien"
-- finds O'Brien and "marie" Anne-Marie; quick find indexes the folded
-- name beside the name, for the same reason.
ALTER TABLE person ADD COLUMN touch_snoozed_until TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN bday_dismissed_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';

DROP TRIGGER person_search_ins;
DROP TRIGGER person_search_upd;
CREATE TRIGGER person_search_ins AFTER INSERT ON person BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 2, concat_ws(' ', new.name, new.name_fold),
        concat_ws(' ', new.title, new.business_unit, new.location, new.email, new.career_history));
END;
CREATE TRIGGER person_search_upd AFTER UPDATE OF name, name_fold, title, business_unit, location, email, career_history ON person BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 2;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 2, concat_ws(' ', new.name, new.name_fold),
        concat_ws(' ', new.title, new.business_unit, new.location, new.email, new.career_history));
END;

UPDATE person SET name_fold = rapport_fold_name(name), title_fold = rapport_fold_name(title);
