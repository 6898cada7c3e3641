-- tmshost record store, migration to schema version 7 (issue 14): the audit of the site's users.
-- Every change to a user (added, password changed or reset, role changed, removed, unlocked), every
-- refused change and every failed sign-in (wrong password, unknown user, locked account) and lock,
-- with who did it, the user it concerns, what, from which host and when. Append-only: tmshost never
-- updates or deletes a row (a later hash chain covers the table in id order).
CREATE TABLE IF NOT EXISTS user_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at TEXT NOT NULL,
    host        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
