-- Threads (issue 11): how many threads a trial trained on. 1: one worker thread; more: its batches were split over
-- that many threads (data-parallel, runner/data-parallel/), whose gradient sums differ from one thread's in the last
-- bits, so a re-run reproduces a trial exactly only with the same count. NULL: not finished, or stored before this.
ALTER TABLE trials ADD COLUMN threads INTEGER CHECK (threads IS NULL OR threads >= 1);
