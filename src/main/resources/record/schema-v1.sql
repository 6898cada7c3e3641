-- tmshost record store, schema version 1. Times are ISO-8601 UTC text (wall clock) or integer
-- nanoseconds from the session's t0 (pulse timing). Nothing is ever deleted.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subjects (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS motor_thresholds (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id    TEXT NOT NULL REFERENCES subjects(id),
    kind          TEXT NOT NULL CHECK (kind IN ('RMT', 'AMT')),
    percent_mso   REAL NOT NULL,
    method        TEXT NOT NULL,
    measured_at   TEXT NOT NULL,
    profile_name  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id        TEXT NOT NULL,
    operator_id       TEXT NOT NULL,
    protocol_name     TEXT NOT NULL,
    protocol_sha256   TEXT NOT NULL,
    protocol_text     TEXT NOT NULL,
    profile_name      TEXT NOT NULL,
    profile_sha256    TEXT NOT NULL,
    envelope_sha256   TEXT NOT NULL,
    device_uri        TEXT NOT NULL,
    simulated         INTEGER NOT NULL,
    verdict           TEXT NOT NULL,
    state             TEXT NOT NULL,
    end_reason        TEXT,
    planned_pulses    INTEGER NOT NULL,
    delivered_pulses  INTEGER NOT NULL DEFAULT 0,
    journal_path      TEXT,
    created_at        TEXT NOT NULL,
    ended_at          TEXT
);
CREATE TABLE IF NOT EXISTS pulses (
    session_id          INTEGER NOT NULL REFERENCES sessions(id),
    pulse_index         INTEGER NOT NULL,
    planned_nanos       INTEGER NOT NULL,
    actual_nanos        INTEGER NOT NULL,
    output_percent_mso  INTEGER NOT NULL,
    channel             INTEGER NOT NULL,
    PRIMARY KEY (session_id, pulse_index)
);
CREATE TABLE IF NOT EXISTS transitions (
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    at          TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    user_id     TEXT
);
CREATE TABLE IF NOT EXISTS interlock_trips (
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    at          TEXT NOT NULL,
    cause       TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS overrides (
    session_id   INTEGER NOT NULL REFERENCES sessions(id),
    rule_id      TEXT NOT NULL,
    approved_by  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_subject ON sessions(subject_id, ended_at);
