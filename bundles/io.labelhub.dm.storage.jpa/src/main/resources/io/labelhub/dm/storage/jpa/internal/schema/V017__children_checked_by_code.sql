-- A completion's or prediction's task, and a completion's author, are checked by the code that writes them, not by
-- foreign keys. Every write of a child locks its task row first and gives up when the task is gone; every delete
-- of tasks deletes their children first (V006); imports write children of the tasks they create, with authors
-- resolved to existing users; and users are never deleted. The keys only repeated those checks, once per row:
-- on PostgreSQL an import of 500,000 labelled tasks spent 7 of its 44 s in their triggers, and Derby probed two
-- more indexes for each task it deleted.
ALTER TABLE completion DROP CONSTRAINT fk_completion_task;
ALTER TABLE completion DROP CONSTRAINT fk_completion_user;
ALTER TABLE prediction DROP CONSTRAINT fk_prediction_task;

-- Derby dropped the keys' backing indexes with them (V003 had dropped these as duplicates); PostgreSQL kept its own
/*derby*/ CREATE INDEX ix_completion_task ON completion (task_id, id);
/*derby*/ CREATE INDEX ix_prediction_task ON prediction (task_id, id);
