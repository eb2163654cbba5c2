-- Task-specific results of a trial (confusion matrix, misclassified examples, generated samples, the split), as JSON.
CREATE TABLE trial_artifacts (
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name     TEXT    NOT NULL,
  json     TEXT    NOT NULL,
  PRIMARY KEY (trial_id, name)
) WITHOUT ROWID;
