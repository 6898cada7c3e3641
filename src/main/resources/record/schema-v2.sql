-- tmshost record store, migration to schema version 2 (issue 6: sessions). Applied once to a
-- version 1 store; nothing existing is rewritten.
ALTER TABLE sessions ADD COLUMN end_cause TEXT;
ALTER TABLE sessions ADD COLUMN started_at TEXT;
ALTER TABLE sessions ADD COLUMN t0_nanos INTEGER;
ALTER TABLE sessions ADD COLUMN device_model TEXT;
ALTER TABLE sessions ADD COLUMN device_firmware TEXT;
ALTER TABLE sessions ADD COLUMN device_reported_pulses INTEGER;
ALTER TABLE sessions ADD COLUMN rmt_percent_mso REAL;
ALTER TABLE sessions ADD COLUMN amt_percent_mso REAL;
ALTER TABLE sessions ADD COLUMN mt_method TEXT;
ALTER TABLE motor_thresholds ADD COLUMN session_id INTEGER REFERENCES sessions(id);
CREATE TABLE IF NOT EXISTS trains (
    session_id          INTEGER NOT NULL REFERENCES sessions(id),
    train_index         INTEGER NOT NULL,
    first_pulse         INTEGER NOT NULL,
    pulse_count         INTEGER NOT NULL,
    planned_start_nanos INTEGER NOT NULL,
    PRIMARY KEY (session_id, train_index)
);
ALTER TABLE interlock_trips ADD COLUMN trip_to_disarm_nanos INTEGER
