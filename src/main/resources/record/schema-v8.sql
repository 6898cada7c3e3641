-- tmshost record store, migration to schema version 8 (issue 14, limits that only a supervisor
-- changes): each session keeps the text of the hardware profile and site policy it ran under, with
-- their SHA-256, where they came from and their standing at the site (shipped, installed,
-- not-installed, changed-since-installed); device_model now holds what the device reported (or
-- "not reported"), never the profile's words. limit_installs: every profile or policy a supervisor
-- installed, with its text, who and when.
ALTER TABLE sessions ADD COLUMN profile_text TEXT;
ALTER TABLE sessions ADD COLUMN profile_path TEXT;
ALTER TABLE sessions ADD COLUMN profile_standing TEXT;
ALTER TABLE sessions ADD COLUMN policy_name TEXT;
ALTER TABLE sessions ADD COLUMN policy_sha256 TEXT;
ALTER TABLE sessions ADD COLUMN policy_text TEXT;
ALTER TABLE sessions ADD COLUMN policy_path TEXT;
ALTER TABLE sessions ADD COLUMN policy_standing TEXT;
CREATE TABLE limit_installs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL CHECK (kind IN ('profile', 'policy')),
    name          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    text          TEXT NOT NULL,
    source_path   TEXT NOT NULL,
    installed_by  TEXT NOT NULL,
    installed_at  TEXT NOT NULL
)
