-- rapport schema, version 1.
-- Dates are TEXT 'YYYY-MM-DD' ('' when unset); timestamps are TEXT
-- 'YYYY-MM-DDTHH:MM:SS.sssZ' in UTC. Names carry a folded copy (lower case,
-- no diacritics) for matching, sorting and uniqueness.

CREATE TABLE account (
    id             INTEGER PRIMARY KEY,
    uid            TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    name_fold      TEXT    NOT NULL,
    industry       TEXT    NOT NULL DEFAULT '',
    region         TEXT    NOT NULL DEFAULT '',
    countries      TEXT    NOT NULL DEFAULT '',
    tier           TEXT    NOT NULL DEFAULT '' CHECK (tier IN ('', 'key', 'strategic', 'growth', 'maintain')),
    currency       TEXT    NOT NULL DEFAULT '',
    revenue        INTEGER NOT NULL DEFAULT 0 CHECK (revenue >= 0),
    potential      INTEGER NOT NULL DEFAULT 0 CHECK (potential >= 0),
    outlook        TEXT    NOT NULL DEFAULT '' CHECK (outlook IN ('', 'declining', 'flat', 'growing', 'rapid')),
    importance     INTEGER NOT NULL DEFAULT 0 CHECK (importance BETWEEN 0 AND 5),
    replaceability INTEGER NOT NULL DEFAULT 0 CHECK (replaceability BETWEEN 0 AND 5),
    brand          TEXT    NOT NULL DEFAULT '',
    direction      TEXT    NOT NULL DEFAULT '',
    notes          TEXT    NOT NULL DEFAULT '',
    score          REAL    NOT NULL DEFAULT 0,  -- model.Account.Priority, kept for sorting
    last_touch_on  TEXT    NOT NULL DEFAULT '', -- newest touch, kept for sorting
    archived_at    TEXT,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX account_name_fold ON account (name_fold);
CREATE INDEX account_by_score ON account (score, id) WHERE archived_at IS NULL;
CREATE INDEX account_by_revenue ON account (revenue, id) WHERE archived_at IS NULL;
CREATE INDEX account_by_potential ON account (potential, id) WHERE archived_at IS NULL;
CREATE INDEX account_by_touch ON account (last_touch_on, id) WHERE archived_at IS NULL;

CREATE TABLE person (
    id                INTEGER PRIMARY KEY,
    uid               TEXT    NOT NULL UNIQUE,
    account_id        INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name              TEXT    NOT NULL,
    name_fold         TEXT    NOT NULL,
    title             TEXT    NOT NULL DEFAULT '',
    business_unit     TEXT    NOT NULL DEFAULT '',
    location          TEXT    NOT NULL DEFAULT '',
    email             TEXT    NOT NULL DEFAULT '',
    phone             TEXT    NOT NULL DEFAULT '',
    reports_to_id     INTEGER REFERENCES person (id) ON DELETE SET NULL,
    role              TEXT    NOT NULL DEFAULT '',
    influence         INTEGER NOT NULL DEFAULT 0 CHECK (influence BETWEEN 0 AND 5),
    strength          INTEGER NOT NULL DEFAULT 0 CHECK (strength BETWEEN 0 AND 5),
    at_client_since   TEXT    NOT NULL DEFAULT '',
    career_history    TEXT    NOT NULL DEFAULT '',
    preferred_channel TEXT    NOT NULL DEFAULT '',
    cadence_days      INTEGER NOT NULL DEFAULT 0,
    receive_info      TEXT    NOT NULL DEFAULT '',
    needs_to_show     TEXT    NOT NULL DEFAULT '',
    bday_month        INTEGER NOT NULL DEFAULT 0,
    bday_day          INTEGER NOT NULL DEFAULT 0,
    bday_year         INTEGER NOT NULL DEFAULT 0,
    last_touch_on     TEXT    NOT NULL DEFAULT '',
    touch_due_on      TEXT    NOT NULL DEFAULT '', -- model.TouchDue, kept for the agenda
    archived_at       TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX person_account ON person (account_id, name_fold);
CREATE INDEX person_by_name ON person (name_fold, id) WHERE archived_at IS NULL;
CREATE INDEX person_by_touch ON person (last_touch_on, id) WHERE archived_at IS NULL;
CREATE INDEX person_touch_due ON person (touch_due_on, id) WHERE archived_at IS NULL;
CREATE INDEX person_birthday ON person (bday_month, bday_day) WHERE bday_month > 0 AND archived_at IS NULL;
CREATE INDEX person_email ON person (email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX person_reports_to ON person (reports_to_id) WHERE reports_to_id IS NOT NULL;

CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES person (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL DEFAULT 'business' CHECK (kind IN ('personal', 'business', 'insight', 'conflict')),
    text        TEXT    NOT NULL,
    on_date     TEXT    NOT NULL,
    ask_after   TEXT    NOT NULL DEFAULT '',
    asked_at    TEXT,
    pinned      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX note_person ON note (person_id, pinned, on_date, id) WHERE person_id IS NOT NULL;
CREATE INDEX note_account ON note (account_id, pinned, on_date, id);
CREATE INDEX note_ask ON note (ask_after, id) WHERE ask_after <> '' AND asked_at IS NULL;

CREATE TABLE touch (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'message', 'qbr', 'deliverable')),
    on_date     TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    text        TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX touch_account ON touch (account_id, on_date, id);

CREATE TABLE touch_person (
    touch_id   INTEGER NOT NULL REFERENCES touch (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (touch_id, person_id)
) WITHOUT ROWID;
CREATE INDEX touch_person_person ON touch_person (person_id, touch_id);

CREATE TABLE health_check (
    id            INTEGER PRIMARY KEY,
    uid           TEXT    NOT NULL UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    on_date       TEXT    NOT NULL,
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 0 AND 10),
    revenue       INTEGER CHECK (revenue >= 0),
    note          TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX health_account ON health_check (account_id, on_date, id);

CREATE TABLE brief (
    id            INTEGER PRIMARY KEY,
    uid           TEXT    NOT NULL UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    title_fold    TEXT    NOT NULL,
    w_who         TEXT    NOT NULL DEFAULT '',
    w_what        TEXT    NOT NULL DEFAULT '',
    w_where       TEXT    NOT NULL DEFAULT '',
    w_when        TEXT    NOT NULL DEFAULT '',
    w_why         TEXT    NOT NULL DEFAULT '',
    target_on     TEXT    NOT NULL DEFAULT '',
    value_client  TEXT    NOT NULL DEFAULT '',
    value_us      TEXT    NOT NULL DEFAULT '',
    stage         TEXT    NOT NULL CHECK (stage IN ('understand needs', 'determine solution', 'create', 'checks', 'activate', 'done', 'dropped')),
    stage_rank    INTEGER NOT NULL, -- model.Stage.Index, for ordering by flow
    stage_since   TEXT    NOT NULL,
    archived_at   TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX brief_by_stage ON brief (stage_rank, stage_since, id) WHERE archived_at IS NULL;
-- The briefs list sorts by this exact expression (store/briefs.go briefSort).
CREATE INDEX brief_by_flow ON brief (printf('%d|%s', stage_rank, stage_since), id) WHERE archived_at IS NULL;
CREATE INDEX brief_account ON brief (account_id, stage_rank, stage_since);
CREATE INDEX brief_created ON brief (created_at);

CREATE TABLE brief_check (
    brief_id  INTEGER NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('brand', 'strategy', 'legal', 'translation')),
    state     TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'signed', 'not needed')),
    by_name   TEXT    NOT NULL DEFAULT '',
    on_date   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (brief_id, kind)
) WITHOUT ROWID;

CREATE TABLE brief_person (
    brief_id   INTEGER NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    framing    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (brief_id, person_id)
) WITHOUT ROWID;
CREATE INDEX brief_person_person ON brief_person (person_id, brief_id);

CREATE TABLE stage_change (
    id          INTEGER PRIMARY KEY,
    brief_id    INTEGER NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
    from_stage  TEXT    NOT NULL DEFAULT '',
    to_stage    TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX stage_change_brief ON stage_change (brief_id, id);

CREATE TABLE follow_up (
    id               INTEGER PRIMARY KEY,
    uid              TEXT    NOT NULL UNIQUE,
    text             TEXT    NOT NULL,
    kind             TEXT    NOT NULL DEFAULT 'follow-up' CHECK (kind IN ('follow-up', 'promise')),
    due_on           TEXT    NOT NULL,
    due_time         TEXT    NOT NULL DEFAULT '',
    account_id       INTEGER REFERENCES account (id) ON DELETE CASCADE,
    person_id        INTEGER REFERENCES person (id) ON DELETE SET NULL,
    brief_id         INTEGER REFERENCES brief (id) ON DELETE SET NULL,
    recurrence       TEXT    NOT NULL DEFAULT '',
    from_completion  INTEGER NOT NULL DEFAULT 0,
    snoozed_until    TEXT    NOT NULL DEFAULT '',
    agenda_on        TEXT    NOT NULL, -- model.FollowUp.AgendaOn, kept for the agenda
    done_at          TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX follow_up_open ON follow_up (agenda_on, id) WHERE done_at IS NULL;
CREATE INDEX follow_up_by_day ON follow_up (agenda_on, id); -- the list with done ones shown
CREATE INDEX follow_up_promise ON follow_up (agenda_on) WHERE done_at IS NULL AND kind = 'promise'; -- Today's promise count
CREATE INDEX follow_up_account ON follow_up (account_id, agenda_on) WHERE done_at IS NULL;
CREATE INDEX follow_up_person ON follow_up (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX follow_up_brief ON follow_up (brief_id) WHERE brief_id IS NOT NULL;
CREATE INDEX follow_up_done ON follow_up (done_at, id) WHERE done_at IS NOT NULL;

-- Quick find. One contentless full-text index over every searchable item;
-- rowid = item id * 8 + kind (1 account, 2 person, 3 brief, 4 note,
-- 5 follow-up), so an item is found and replaced without a mapping table.
-- unicode61 with remove_diacritics 2 makes "zoe" find "Zoë".
CREATE VIRTUAL TABLE search USING fts5 (
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TRIGGER account_search_ins AFTER INSERT ON account BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 1, new.name,
        concat_ws(' ', new.industry, new.region, new.countries, new.brand, new.direction, new.notes));
END;
CREATE TRIGGER account_search_upd AFTER UPDATE OF name, industry, region, countries, brand, direction, notes ON account BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 1;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 1, new.name,
        concat_ws(' ', new.industry, new.region, new.countries, new.brand, new.direction, new.notes));
END;
CREATE TRIGGER account_search_del AFTER DELETE ON account BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER person_search_ins AFTER INSERT ON person BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 2, new.name,
        concat_ws(' ', new.title, new.business_unit, new.location, new.email, new.career_history));
END;
CREATE TRIGGER person_search_upd AFTER UPDATE OF name, title, business_unit, location, email, career_history ON person BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 2;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 2, new.name,
        concat_ws(' ', new.title, new.business_unit, new.location, new.email, new.career_history));
END;
CREATE TRIGGER person_search_del AFTER DELETE ON person BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER brief_search_ins AFTER INSERT ON brief BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 3, new.title,
        concat_ws(' ', new.w_who, new.w_what, new.w_where, new.w_when, new.w_why, new.value_client, new.value_us));
END;
CREATE TRIGGER brief_search_upd AFTER UPDATE OF title, w_who, w_what, w_where, w_when, w_why, value_client, value_us ON brief BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 3;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 3, new.title,
        concat_ws(' ', new.w_who, new.w_what, new.w_where, new.w_when, new.w_why, new.value_client, new.value_us));
END;
CREATE TRIGGER brief_search_del AFTER DELETE ON brief BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER note_search_ins AFTER INSERT ON note BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 4, '', new.text);
END;
CREATE TRIGGER note_search_upd AFTER UPDATE OF text ON note BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 4;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 4, '', new.text);
END;
CREATE TRIGGER note_search_del AFTER DELETE ON note BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 4;
END;

CREATE TRIGGER follow_up_search_ins AFTER INSERT ON follow_up BEGIN
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 5, '', new.text);
END;
CREATE TRIGGER follow_up_search_upd AFTER UPDATE OF text ON follow_up BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 5;
    INSERT INTO search (rowid, title, body) VALUES (new.id * 8 + 5, '', new.text);
END;
CREATE TRIGGER follow_up_search_del AFTER DELETE ON follow_up BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 5;
END;
