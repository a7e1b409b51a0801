//! The workspace schema, as an ordered list of migrations. `PRAGMA user_version` records how
//! many have run; a migration is never edited once released, only followed by another.

/// Migrations in order; index + 1 is the schema version each one produces.
pub const MIGRATIONS: &[&str] = &[
    // 1: the import foundation.
    r"
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    url TEXT UNIQUE,
    email TEXT UNIQUE,
    company TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    -- export date of the snapshot company/position came from (YYYY-MM-DD)
    seen_on TEXT
);
CREATE INDEX people_name_key ON people(name_key);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    person_id INTEGER REFERENCES people(id),
    is_owner INTEGER NOT NULL DEFAULT 0,
    headline TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT ''
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    fingerprint INTEGER NOT NULL,
    source TEXT NOT NULL,
    export_date TEXT,
    imported_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    UNIQUE (member_id, fingerprint)
);

CREATE TABLE connections (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    connected_on TEXT,
    company TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    seen_on TEXT,
    PRIMARY KEY (member_id, person_id)
) WITHOUT ROWID;

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    key TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    is_group INTEGER NOT NULL DEFAULT 0,
    UNIQUE (member_id, key)
);

CREATE TABLE conversation_participants (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (conversation_id, person_id)
) WITHOUT ROWID;
CREATE INDEX participants_person ON conversation_participants(person_id);

-- Message bodies are stored only with --keep-content; `length` (characters) always.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    sender_id INTEGER NOT NULL REFERENCES people(id),
    sent_at INTEGER NOT NULL,
    outgoing INTEGER NOT NULL,
    length INTEGER NOT NULL,
    -- identifies the message across imports (see import/messages_pass.rs); kept unique by
    -- the importer, which loads a member's fingerprints before inserting
    fingerprint INTEGER NOT NULL,
    content TEXT
);
CREATE INDEX messages_conversation ON messages(conversation_id);

CREATE TABLE invitations (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    outgoing INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    has_note INTEGER NOT NULL,
    note TEXT,
    PRIMARY KEY (member_id, person_id, outgoing, sent_at)
) WITHOUT ROWID;

-- One endorsement per endorser, skill and direction: LinkedIn allows no more, and the legacy
-- and current files of one export list the same endorsements.
CREATE TABLE endorsements (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    given INTEGER NOT NULL,
    skill_key TEXT NOT NULL,
    skill TEXT NOT NULL,
    endorsed_at INTEGER,
    status TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, person_id, given, skill_key)
) WITHOUT ROWID;

CREATE TABLE recommendations (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    given INTEGER NOT NULL,
    fingerprint INTEGER NOT NULL,
    created_at INTEGER,
    status TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    length INTEGER NOT NULL,
    text TEXT,
    PRIMARY KEY (member_id, person_id, given, fingerprint)
) WITHOUT ROWID;

CREATE TABLE positions (
    member_id INTEGER NOT NULL REFERENCES members(id),
    company TEXT NOT NULL,
    title TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    started_on TEXT,
    finished_on TEXT
);
CREATE INDEX positions_member ON positions(member_id);

CREATE TABLE education (
    member_id INTEGER NOT NULL REFERENCES members(id),
    school TEXT NOT NULL,
    degree TEXT NOT NULL DEFAULT '',
    started_on TEXT,
    finished_on TEXT
);

CREATE TABLE company_follows (
    member_id INTEGER NOT NULL REFERENCES members(id),
    organization TEXT NOT NULL,
    followed_at INTEGER,
    PRIMARY KEY (member_id, organization)
) WITHOUT ROWID;

-- A contact's company or position changed between two exports of the same member.
CREATE TABLE job_changes (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    old_company TEXT NOT NULL,
    old_position TEXT NOT NULL,
    new_company TEXT NOT NULL,
    new_position TEXT NOT NULL,
    previous_seen_on TEXT,
    seen_on TEXT NOT NULL,
    UNIQUE (person_id, member_id, seen_on)
);

-- Rows an import could not use. The row itself is not kept (it may hold message text);
-- `kith import --rejects FILE` writes it out for the user.
CREATE TABLE rejects (
    member_id INTEGER NOT NULL REFERENCES members(id),
    fingerprint INTEGER NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, fingerprint)
) WITHOUT ROWID;

-- Per tie message aggregates, recomputed for a member after each import of theirs.
CREATE TABLE tie_stats (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    sent INTEGER NOT NULL,
    received INTEGER NOT NULL,
    sent_direct INTEGER NOT NULL,
    received_direct INTEGER NOT NULL,
    group_messages INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    characters INTEGER NOT NULL,
    PRIMARY KEY (member_id, person_id)
) WITHOUT ROWID;
",
    // 2: the user's target companies, with aliases.
    r"
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    added_on TEXT NOT NULL DEFAULT (date('now'))
);
CREATE TABLE target_aliases (
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (target_id, key)
) WITHOUT ROWID;
",
    // 3: the outreach ledger and muted people.
    r"
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    date TEXT NOT NULL,
    channel TEXT NOT NULL,
    outcome TEXT,
    note TEXT,
    logged_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX ledger_person ON ledger(person_id, date);
CREATE TABLE muted (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    muted_at TEXT NOT NULL DEFAULT (datetime('now'))
);
",
    // 4: the given name as the export's `First Name` column writes it ("María José"), for
    // greeting people as people do.
    r"
ALTER TABLE people ADD COLUMN given_name TEXT;
",
    // 5: club cards: a member pooled by their card (not their export), and the card's
    // contacts (person_id NULL when the card hides names).
    r"
ALTER TABLE members ADD COLUMN card_written TEXT;
ALTER TABLE members ADD COLUMN card_fingerprint INTEGER;
CREATE TABLE card_contacts (
    member_id INTEGER NOT NULL REFERENCES members(id),
    person_id INTEGER REFERENCES people(id),
    company TEXT NOT NULL,
    position TEXT NOT NULL,
    strength TEXT NOT NULL,
    last_contact INTEGER
);
CREATE INDEX card_contacts_member ON card_contacts(member_id);
",
];
