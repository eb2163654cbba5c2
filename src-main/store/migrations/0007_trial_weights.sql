-- Trained weights kept with their trial (keep.weights in the spec): the layout (names and shapes, Keras order) as
-- JSON and the float64 values of every tensor, concatenated little-endian, in one blob. In SQLite rather than files
-- beside it: written in the same transaction as the trial's metrics (a crash keeps both or neither), copied and
-- backed up with the one file, and removed with the experiment by the cascade.
CREATE TABLE trial_weights (
  trial_id    INTEGER PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
  layout_json TEXT NOT NULL,
  data        BLOB NOT NULL
);
