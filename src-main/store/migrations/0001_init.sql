-- Experiments, their trials (configuration × repeat), per-epoch metrics, predictions, final metrics, baselines.
CREATE TABLE experiments (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  spec_json     TEXT    NOT NULL,             -- the validated spec with every default filled in
  configs_json  TEXT    NOT NULL,             -- the expanded configurations (grid), one spec each
  spec_source   TEXT,                         -- the file the spec came from, if any
  headline      TEXT    NOT NULL,             -- the metric that summarises a trial
  created_at    TEXT    NOT NULL
);
CREATE INDEX experiments_name ON experiments(name);

CREATE TABLE trials (
  id            INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  config_index  INTEGER NOT NULL,
  repeat_index  INTEGER NOT NULL,
  seed          INTEGER NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('queued','running','done','failed','interrupted')),
  engine        TEXT,
  backend       TEXT,
  owner_pid     INTEGER,                      -- process running it; a dead owner means a crash
  started_at    TEXT,
  finished_at   TEXT,
  duration_ms   REAL,
  error         TEXT,
  UNIQUE (experiment_id, config_index, repeat_index)
);
CREATE INDEX trials_status ON trials(status);

CREATE TABLE epoch_metrics (
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  epoch    INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  value    REAL,
  PRIMARY KEY (trial_id, name, epoch)
) WITHOUT ROWID;

CREATE TABLE trial_metrics (
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name     TEXT    NOT NULL,
  value    REAL,
  PRIMARY KEY (trial_id, name)
) WITHOUT ROWID;

CREATE TABLE predictions (
  trial_id  INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  split     TEXT    NOT NULL CHECK (split IN ('train','test')),
  step      INTEGER NOT NULL,
  actual    REAL,
  predicted REAL,
  PRIMARY KEY (trial_id, split, step)
) WITHOUT ROWID;

CREATE TABLE baselines (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  config_index  INTEGER NOT NULL,
  name          TEXT    NOT NULL,
  metrics_json  TEXT    NOT NULL,
  predictions_json TEXT NOT NULL,
  PRIMARY KEY (experiment_id, config_index, name)
);
