-- tmshost record store, migration to schema version 4: how each session's plan reached the device
-- (contracts.md §5 "delivery"): the strategy (device-timed-trains | ttl-trigger | serial-fire) and
-- what the host started (each pulse | each train | each pair), recorded at arming; and per pulse the
-- device's word: 1 confirmed, 0 not confirmed by a device that counts its pulses, NULL where the
-- device cannot confirm (or for older sessions).
ALTER TABLE sessions ADD COLUMN delivery TEXT;
ALTER TABLE sessions ADD COLUMN delivery_host_starts TEXT;
ALTER TABLE pulses ADD COLUMN confirmed INTEGER;
