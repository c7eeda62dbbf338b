-- The Label Stream: how long a task handed out stays locked to its annotator (a project setting), the locks, and
-- indexes that list a project's open tasks (fewer completions than its overlap) by id and by prediction score
-- without reading the tasks that are done.
ALTER TABLE project ADD COLUMN lock_ttl INTEGER DEFAULT 600 NOT NULL;

-- no foreign keys: the code that deletes tasks deletes their locks (see V006 on cascades in Derby)
CREATE TABLE task_lock (
    task_id    BIGINT    NOT NULL,
    user_id    BIGINT    NOT NULL,
    project_id BIGINT    NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT pk_task_lock PRIMARY KEY (task_id, user_id)
);

CREATE INDEX ix_task_lock_user ON task_lock (project_id, user_id, expires_at);
CREATE INDEX ix_task_stream ON task (project_id, completion_count, id);
CREATE INDEX ix_task_stream_score ON task (project_id, completion_count, prediction_score, id);
