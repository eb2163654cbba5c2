-- Per-epoch values stored as chunks (one row per trial, metric and write batch) instead of one row per epoch:
-- a 30 × 3000 run writes ~100 rows instead of 90,000, so storing every loss costs almost nothing.
CREATE TABLE epoch_chunks (
  trial_id    INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  first_epoch INTEGER NOT NULL,
  values_json TEXT    NOT NULL,             -- JSON array of the values of epochs first_epoch, first_epoch + 1, …
  PRIMARY KEY (trial_id, name, first_epoch)
) WITHOUT ROWID;
INSERT INTO epoch_chunks (trial_id, name, first_epoch, values_json)
  SELECT trial_id, name, epoch, json_array(value) FROM epoch_metrics;
DROP TABLE epoch_metrics;
