-- tmshost record store, migration to schema version 10 (issue 15: the session report): the coil
-- temperature the session's interlock monitor read from the device, sampled at most about once a
-- second or on a change of 0.5 C, written by the recorder in batches. at_micros: µs since the
-- session's t0 (its pulses' clock). A session without samples (every session before this version,
-- a TTL rig whose stimulator guards its own coil) has no rows, and its seal in the record chain is
-- unchanged: the chain seals this part only when it has rows (ChainedKind.Part#sealedOnlyWithRows).
CREATE TABLE IF NOT EXISTS coil_temperatures (
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    at_micros   INTEGER NOT NULL,
    celsius     REAL NOT NULL,
    PRIMARY KEY (session_id, at_micros)
);
