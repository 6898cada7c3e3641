-- tmshost record store, migration to schema version 9 (issue 14): tamper-evident records.
-- record_chain is a hash chain appended by tmshost alone: each entry seals one record (a session with
-- its pulses, trains, transitions, trips and overrides; a session's overrides; a motor threshold; a
-- threshold hunt with its pulses) by the SHA-256 of its canonical content, and links to the entry
-- before it: digest = SHA-256(prev_digest, kind, ref, content_sha256, origin, sealed_at). sections
-- names each part sealed with its row count and digest, so a failure names what changed.
-- origin UPGRADE: sealed when this migration first ran (not verifiable before). store_identity is a
-- random id that the home's store.id file and its fire journals carry, so a missing or replaced
-- database is recognised. chain_upgrade_pending asks RecordStore to seal what existed before.
CREATE TABLE IF NOT EXISTS record_chain (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    ref             INTEGER NOT NULL,
    sections        TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    origin          TEXT NOT NULL CHECK (origin IN ('WRITTEN', 'UPGRADE')),
    sealed_at       TEXT NOT NULL,
    prev_digest     TEXT NOT NULL,
    digest          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_chain_by_ref ON record_chain(kind, ref, seq);
CREATE TABLE IF NOT EXISTS store_identity (
    id          TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
INSERT INTO store_identity(id, created_at) SELECT lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE NOT EXISTS (SELECT 1 FROM store_identity);
CREATE TABLE IF NOT EXISTS chain_upgrade_pending (pending INTEGER NOT NULL);
INSERT INTO chain_upgrade_pending(pending) VALUES (1)
