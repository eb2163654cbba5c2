-- Experiment management: an editable description (seeded from the spec's; the stored spec stays as it ran), free
-- Markdown notes, a star, tags, and soft deletion (deleted_at set: hidden from lists until restored or purged).
-- Names, descriptions, notes and tags are labels for people: none of them affects a result.
ALTER TABLE experiments ADD COLUMN description TEXT NOT NULL DEFAULT '';
UPDATE experiments SET description = COALESCE(json_extract(spec_json, '$.description'), '');
ALTER TABLE experiments ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1));
ALTER TABLE experiments ADD COLUMN deleted_at TEXT;           -- ISO time of the soft delete; NULL: not deleted

CREATE TABLE experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  tag           TEXT    NOT NULL,
  PRIMARY KEY (experiment_id, tag)
) WITHOUT ROWID;
CREATE INDEX experiment_tags_tag ON experiment_tags (tag);
