-- tmshost record store, migration to schema version 4: how each session's plan reached the device
-- (contracts.md §5 "delivery"): the strategy (device-timed-trains | ttl-trigger | serial-fire) and
-- what the host started (each pulse | each train), recorded at arming. NULL for older sessions.
ALTER TABLE sessions ADD COLUMN delivery TEXT;
ALTER TABLE sessions ADD COLUMN delivery_host_starts TEXT;
