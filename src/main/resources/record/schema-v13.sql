-- Schema 13 (issue 18): a site's records shared by every host of a clinic.
-- Every session and hunt names the host it ran on (measurements already do): NULL for those
-- recorded before, on the one host a home's own database belonged to.
ALTER TABLE sessions ADD COLUMN host TEXT;
ALTER TABLE threshold_hunts ADD COLUMN host TEXT;
-- What 'records migrate' copied from a host's own database into the site's: one row per record,
-- so a migration run again, or resumed after a failure, copies nothing twice.
CREATE TABLE IF NOT EXISTS migrated_records (
    source_store  TEXT NOT NULL,
    kind          TEXT NOT NULL,
    source_id     INTEGER NOT NULL,
    site_id       INTEGER NOT NULL,
    migrated_at   TEXT NOT NULL,
    PRIMARY KEY (source_store, kind, source_id)
);
CREATE INDEX IF NOT EXISTS sessions_open_by_subject ON sessions(subject_id, ended_at)
;
-- The last chain entry a site database issued, written in the entry's own transaction: a
-- PostgreSQL sequence is not transactional (a rolled-back seal would leave it ahead of the chain,
-- a false "entries removed from the end"), so a site numbers its chain from here, under a lock.
CREATE TABLE IF NOT EXISTS chain_issued (seq INTEGER NOT NULL);
INSERT INTO chain_issued(seq) SELECT COALESCE(MAX(seq), 0) FROM record_chain WHERE NOT EXISTS (SELECT 1 FROM chain_issued)
;
-- A site's users and roles, shared by its hosts (a host with its own SQLite file keeps users.yaml):
-- as users.yaml holds them, salted PBKDF2 hashes only.
CREATE TABLE IF NOT EXISTS site_users (
    name             TEXT PRIMARY KEY,
    role             TEXT NOT NULL CHECK (role IN ('supervisor', 'operator')),
    salt             TEXT NOT NULL,
    iterations       INTEGER NOT NULL CHECK (iterations > 0),
    hash             TEXT NOT NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked           INTEGER NOT NULL DEFAULT 0,
    changed_at       TEXT NOT NULL
)
