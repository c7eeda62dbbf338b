-- A task's completions and predictions are deleted by the code that deletes the task, by their task_id index and with
-- row locks. Derby ran the ON DELETE CASCADE of a task's DELETE with a lock on the whole completion table, so every
-- delete of a task waited for every writer of completions in every project (and timed out under load).
ALTER TABLE completion DROP CONSTRAINT fk_completion_task;
ALTER TABLE completion ADD CONSTRAINT fk_completion_task FOREIGN KEY (task_id) REFERENCES task (id);
ALTER TABLE prediction DROP CONSTRAINT fk_prediction_task;
ALTER TABLE prediction ADD CONSTRAINT fk_prediction_task FOREIGN KEY (task_id) REFERENCES task (id);
