-- Each experiment keeps a stamp (path, size, modified time, SHA-256) of every data file it read, so `show` can
-- warn and `resume` refuse when a file changed since: finished repeats were trained on the old contents.
ALTER TABLE experiments ADD COLUMN data_files_json TEXT;
