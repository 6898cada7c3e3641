-- tmshost record store, migration to schema version 6 (issue 14): one subject, one id. After this
-- file, a Java step (RecordSchema, SubjectIdMigration: SQL has no Unicode NFKC) rewrites every stored
-- subject id to its normalised form (NFKC, trimmed, lower case), in the same transaction: rows whose
-- ids then agree become one subject, which only makes the dose ledger stricter. Nothing is lost: a
-- rewritten row keeps the id it was stored with in subject_id_as_entered (NULL: never rewritten), and
-- a merged-away subjects row is kept in subject_aliases.
CREATE TABLE IF NOT EXISTS subject_aliases (
    alias       TEXT PRIMARY KEY,
    subject_id  TEXT NOT NULL REFERENCES subjects(id),
    created_at  TEXT NOT NULL
);
ALTER TABLE sessions ADD COLUMN subject_id_as_entered TEXT;
ALTER TABLE motor_thresholds ADD COLUMN subject_id_as_entered TEXT;
ALTER TABLE threshold_hunts ADD COLUMN subject_id_as_entered TEXT;
