-- tmshost record store, migration to schema version 5 (issue 12): a session ended by the host's own
-- fault (timing, record, link, a killed host) is continued for its remaining pulses by a new session
-- that names it. first_pulse is the index in the treatment's plan of the session's pulse 0 (its
-- pulses are recorded with their own indexes, 0..); may_have_delivered counts pulses past the record
-- that the device may have delivered on its own (a lost link, a killed host), which a continuation
-- skips so the treatment never gets more than its plan.
ALTER TABLE sessions ADD COLUMN continues_session INTEGER REFERENCES sessions(id);
ALTER TABLE sessions ADD COLUMN first_pulse INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN may_have_delivered INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX IF NOT EXISTS sessions_continued_once ON sessions(continues_session)
