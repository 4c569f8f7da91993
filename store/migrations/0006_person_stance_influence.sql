-- Where a person stands toward us, who on our side holds the
-- relationship, and whom they sway outside the reporting line (people at
-- the same account, in the order given).
ALTER TABLE person ADD COLUMN stance TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN owner TEXT NOT NULL DEFAULT '';

CREATE TABLE person_influence (
    person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    influences_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (person_id, influences_id),
    CHECK (person_id <> influences_id)
) WITHOUT ROWID;
CREATE INDEX person_influenced ON person_influence (influences_id, person_id);
