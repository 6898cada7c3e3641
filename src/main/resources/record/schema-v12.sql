-- tmshost record store, migration to schema version 12 (issue 17): cortical excitability
-- measurements (paired-pulse SICI/ICF, recruitment curves). A measurement is written before its first
-- trial; each trial is written immediately before it is fired (its pulses count in the dose ledger as
-- a threshold hunt's do), and its MEP amplitude is filled in once read. The only updates are those a
-- hunt's record makes: a trial's amplitude (once) and the measurement's end (ended_at, outcome, and at
-- completion results_json, the analysis as JSON text). Sealed in record_chain when it ends (kind
-- 'excitability'). Decimals are REAL as thresholds are; outputs are whole %MSO as hunt pulses are.
-- conditions: the plan's condition names in its order, comma separated. A measurement may name a course
-- and, within it, the course's session number it belongs to; a host that died leaves ended_at NULL and
-- the next start closes it INTERRUPTED, its trials kept.
CREATE TABLE IF NOT EXISTS excitability_measurements (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id                TEXT NOT NULL REFERENCES subjects(id),
    operator_id               TEXT NOT NULL,
    kind                      TEXT NOT NULL CHECK (kind IN ('paired-pulse', 'recruitment')),
    conditions                TEXT NOT NULL,
    trials_per_condition      INTEGER NOT NULL CHECK (trials_per_condition > 0),
    rmt_percent_mso           REAL NOT NULL,
    conditioning_percent_rmt  REAL NOT NULL,
    test_percent_rmt          REAL NOT NULL,
    inter_trial_seconds       REAL NOT NULL,
    jitter_seconds            REAL NOT NULL,
    seed                      INTEGER NOT NULL,
    mep_description           TEXT NOT NULL,
    profile_name              TEXT NOT NULL,
    device_uri                TEXT NOT NULL,
    simulated                 INTEGER NOT NULL,
    course_id                 INTEGER REFERENCES courses(id),
    course_session            INTEGER CHECK (course_session IS NULL OR (course_id IS NOT NULL AND course_session > 0)),
    host                      TEXT NOT NULL,
    started_at                TEXT NOT NULL,
    ended_at                  TEXT,
    outcome                   TEXT,
    results_json              TEXT
);
CREATE TABLE IF NOT EXISTS excitability_trials (
    measurement_id            INTEGER NOT NULL REFERENCES excitability_measurements(id),
    trial_index               INTEGER NOT NULL CHECK (trial_index >= 0),
    block                     INTEGER NOT NULL CHECK (block >= 0),
    condition                 TEXT NOT NULL,
    conditioning_percent_mso  INTEGER NOT NULL CHECK (conditioning_percent_mso BETWEEN 0 AND 100),
    test_percent_mso          INTEGER NOT NULL CHECK (test_percent_mso BETWEEN 1 AND 100),
    isi_ns                    INTEGER NOT NULL CHECK (isi_ns >= 0 AND (isi_ns = 0) = (conditioning_percent_mso = 0)),
    fired_at                  TEXT NOT NULL,
    amplitude_uv              REAL,
    -- 0: the pair's test pulse would have been late and was not given (the conditioning pulse was): a void trial
    test_given                INTEGER NOT NULL DEFAULT 1
                              CHECK (test_given = 1 OR (test_given = 0 AND conditioning_percent_mso > 0
                                                        AND amplitude_uv IS NULL)),
    PRIMARY KEY (measurement_id, trial_index)
);
CREATE INDEX IF NOT EXISTS excitability_trials_fired_at ON excitability_trials(fired_at);
CREATE INDEX IF NOT EXISTS excitability_measurements_by_subject ON excitability_measurements(subject_id);
CREATE INDEX IF NOT EXISTS excitability_measurements_by_course ON excitability_measurements(course_id)
