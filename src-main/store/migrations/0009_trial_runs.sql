-- Scale-out (issue 14): each attempt of a trial that a queue worker ran, as the desk received it. Delivery is at
-- least once, so one trial may arrive more than once: the first outcome is the trial's ('stored'), a later one is
-- only recorded here ('duplicate'). Keyed by (trial, attempt), so receiving the same attempt twice writes one row.
-- IF NOT EXISTS: tests rewind user_version to replay older migrations on a database that has this table already.
CREATE TABLE IF NOT EXISTS trial_runs (
  trial_id    INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  attempt     TEXT NOT NULL,     -- e.g. "gpu-box#2.1f3a": worker name, BullMQ attempt, nonce
  worker      TEXT NOT NULL,
  host        TEXT NOT NULL,
  cores       INTEGER NOT NULL,
  kernel_tier TEXT NOT NULL,     -- 'native-avx2', 'js', …
  versions    TEXT NOT NULL,     -- JSON: rnnlab, node, code hash
  result      TEXT NOT NULL CHECK (result IN ('stored', 'duplicate', 'failed')),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (trial_id, attempt)
);
