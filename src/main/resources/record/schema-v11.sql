-- tmshost record store, migration to schema version 11 (issue 16): treatment courses. A course is a
-- planned series of sessions for one subject on one protocol (its text and SHA-256 kept as planned).
-- Everything about a course is appended, never updated: its state (ACTIVE, SUSPENDED, CLOSED) is the
-- last state-changing row of course_changes, which also audits every change with its user. A session
-- joins a course once, after it is prepared and before it can fire (course_sessions). Outcomes and
-- adverse events name the local day they belong to (the course's zone) and, when known, the session.
CREATE TABLE IF NOT EXISTS courses (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    name                    TEXT NOT NULL UNIQUE,
    subject_id              TEXT NOT NULL REFERENCES subjects(id),
    protocol_name           TEXT NOT NULL,
    protocol_sha256         TEXT NOT NULL,
    protocol_text           TEXT NOT NULL,
    target                  TEXT NOT NULL,
    target_site             TEXT NOT NULL,
    planned_sessions        INTEGER NOT NULL CHECK (planned_sessions > 0),
    schedule                TEXT NOT NULL,
    start_date              TEXT NOT NULL,
    sessions_per_day        INTEGER NOT NULL CHECK (sessions_per_day > 0),
    maintenance_sessions    INTEGER NOT NULL CHECK (maintenance_sessions >= 0),
    maintenance_every_days  INTEGER NOT NULL CHECK (maintenance_every_days >= 0),
    intensity_rule          TEXT NOT NULL,
    thresholds_every        TEXT NOT NULL CHECK (thresholds_every IN ('session', 'week')),
    outcomes                TEXT NOT NULL,
    zone                    TEXT NOT NULL,
    planned_by              TEXT NOT NULL,
    planned_at              TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS course_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id   INTEGER NOT NULL REFERENCES courses(id),
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    action      TEXT NOT NULL,
    state       TEXT CHECK (state IS NULL OR state IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    detail      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS course_sessions (
    course_id   INTEGER NOT NULL REFERENCES courses(id),
    session_id  INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
    linked_at   TEXT NOT NULL,
    PRIMARY KEY (course_id, session_id)
);
CREATE TABLE IF NOT EXISTS course_outcomes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id   INTEGER NOT NULL REFERENCES courses(id),
    measure     TEXT NOT NULL,
    phase       TEXT NOT NULL CHECK (phase IN ('before', 'after', 'follow-up')),
    value       REAL NOT NULL,
    day         TEXT NOT NULL,
    session_id  INTEGER REFERENCES sessions(id),
    at          TEXT NOT NULL,
    entered_by  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS course_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id   INTEGER NOT NULL REFERENCES courses(id),
    kind        TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
    note        TEXT NOT NULL,
    day         TEXT NOT NULL,
    session_id  INTEGER REFERENCES sessions(id),
    at          TEXT NOT NULL,
    entered_by  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS courses_by_subject ON courses(subject_id)
