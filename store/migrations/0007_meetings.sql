-- Meetings: from calendar files (one row per occurrence of a repeating
-- event, uid = the event's UID and the occurrence) or added by hand.
CREATE TABLE meeting (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE,
    source       TEXT    NOT NULL DEFAULT '', -- the calendar event's UID ('' by hand)
    title        TEXT    NOT NULL,
    starts_at    TEXT    NOT NULL,            -- UTC; an all-day meeting: its date at 00:00 UTC
    ends_at      TEXT    NOT NULL DEFAULT '',
    all_day      INTEGER NOT NULL DEFAULT 0,
    location     TEXT    NOT NULL DEFAULT '',
    account_id   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    debriefed_at TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX meeting_by_start ON meeting (starts_at, id);
CREATE INDEX meeting_by_account ON meeting (account_id, starts_at) WHERE account_id IS NOT NULL;
CREATE INDEX meeting_source ON meeting (source) WHERE source <> '';
CREATE INDEX meeting_created ON meeting (created_at);

-- Who was invited, in the calendar's order: an address, matched to a
-- person when it is theirs (any case), else kept as text.
CREATE TABLE meeting_attendee (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    email      TEXT    NOT NULL,
    name       TEXT    NOT NULL DEFAULT '',
    organizer  INTEGER NOT NULL DEFAULT 0,
    person_id  INTEGER REFERENCES person (id) ON DELETE SET NULL,
    PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;
CREATE INDEX meeting_attendee_person ON meeting_attendee (person_id, meeting_id) WHERE person_id IS NOT NULL;

-- A touch logged from a mail (rapport log --eml) keeps its Message-ID, so
-- the same mail twice logs it once.
ALTER TABLE touch ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX touch_message ON touch (message_id) WHERE message_id <> '';
