-- tmshost record store, migration to schema version 3: motor threshold hunts and their pulses.
-- A hunt stimulates the subject (single pulses, 4-6 s apart): each pulse is written immediately
-- before its trigger, so a stopped or crashed hunt keeps it; the dose ledger shows hunt pulses apart
-- (policy.daily-pulses counts them only if the site policy says so). A hunted threshold names its hunt.
CREATE TABLE IF NOT EXISTS threshold_hunts (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id             TEXT NOT NULL REFERENCES subjects(id),
    operator_id            TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('RMT', 'AMT')),
    method                 TEXT NOT NULL,
    criterion_uv           REAL NOT NULL,
    mep_input              TEXT NOT NULL,
    profile_name           TEXT NOT NULL,
    device_uri             TEXT NOT NULL,
    simulated              INTEGER NOT NULL,
    started_at             TEXT NOT NULL,
    ended_at               TEXT,
    outcome                TEXT,
    threshold_percent_mso  REAL
);
CREATE TABLE IF NOT EXISTS hunt_pulses (
    hunt_id             INTEGER NOT NULL REFERENCES threshold_hunts(id),
    pulse_index         INTEGER NOT NULL,
    fired_at            TEXT NOT NULL,
    output_percent_mso  INTEGER NOT NULL,
    mep_uv              REAL,
    response            INTEGER,
    PRIMARY KEY (hunt_id, pulse_index)
);
CREATE INDEX IF NOT EXISTS hunt_pulses_fired_at ON hunt_pulses(fired_at);
ALTER TABLE motor_thresholds ADD COLUMN hunt_id INTEGER REFERENCES threshold_hunts(id)
