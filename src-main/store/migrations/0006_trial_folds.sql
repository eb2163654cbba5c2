-- Cross-validation: a trial is one configuration × repeat × fold, so the fold joins the trial's key, and each
-- trial records the seed that shuffled its repeat's folds. SQLite cannot drop a table's UNIQUE constraint, so
-- `trials` is rebuilt (SQLite's documented 12-step procedure: migrate() runs migrations with foreign keys off
-- and checks them before committing), keeping every row, id and column. fold and split_seed are NULL for the
-- other protocols; the unique index reads a NULL fold as -1, so those keep one trial per (config, repeat).
CREATE TABLE trials_new (
  id            INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  config_index  INTEGER NOT NULL,
  repeat_index  INTEGER NOT NULL,
  seed          INTEGER NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('queued','running','done','failed','interrupted')),
  engine        TEXT,
  backend       TEXT,
  owner_pid     INTEGER,
  started_at    TEXT,
  finished_at   TEXT,
  duration_ms   REAL,
  error         TEXT,
  owner         TEXT,
  lease_until   INTEGER,
  attempts      INTEGER NOT NULL DEFAULT 0,
  fold          INTEGER CHECK (fold IS NULL OR fold >= 0),  -- held-out fold (cross-validation), else NULL
  split_seed    INTEGER                                      -- seed of the repeat's fold split, else NULL
);
INSERT INTO trials_new (id, experiment_id, config_index, repeat_index, seed, status, engine, backend, owner_pid, started_at,
                        finished_at, duration_ms, error, owner, lease_until, attempts)
  SELECT id, experiment_id, config_index, repeat_index, seed, status, engine, backend, owner_pid, started_at,
         finished_at, duration_ms, error, owner, lease_until, attempts FROM trials;
DROP TABLE trials;
ALTER TABLE trials_new RENAME TO trials;
CREATE UNIQUE INDEX trials_key ON trials (experiment_id, config_index, repeat_index, ifnull(fold, -1));
CREATE INDEX trials_status ON trials (status);
