-- Leases instead of pids: a trial is claimed atomically by one owner (host/pid/start/nonce), whose lease the owner
-- renews while it runs; any process may reclaim a running trial whose lease has expired (its owner crashed or hung).
ALTER TABLE trials ADD COLUMN owner TEXT;           -- lease holder, e.g. "lab-host/1234/1733050000000/9f3a…"
ALTER TABLE trials ADD COLUMN lease_until INTEGER;  -- ms since the epoch; past it the trial may be reclaimed
ALTER TABLE trials ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;  -- times the trial was claimed (1 = never re-run)

-- The metric names of an experiment's curves without reading the chunks' JSON (getExperiment asks each time).
CREATE INDEX epoch_chunk_names ON epoch_chunks (trial_id, name);
