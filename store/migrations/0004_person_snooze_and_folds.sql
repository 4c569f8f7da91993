-- A person's cadence can be snoozed until a day (holiday, leave), and a
-- birthday dismissed for a year; the People filter matches titles too.
-- Names are folded again by the rule every match uses (model.FoldName:
-- case, accents, apostrophes, hyphens and runs of spaces), so "obrien"
-- finds O'Brien and "marie" Anne-Marie.
ALTER TABLE person ADD COLUMN touch_snoozed_until TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN bday_dismissed_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
UPDATE person SET name_fold = rapport_fold_name(name), title_fold = rapport_fold_name(title);
