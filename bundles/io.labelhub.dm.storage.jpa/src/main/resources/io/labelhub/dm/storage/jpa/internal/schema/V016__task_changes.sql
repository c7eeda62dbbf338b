-- Each node keeps the Data Manager's task index in memory (TaskIndex: bitmaps of task ids per label, annotator and
-- reviewer, the counters of every task); the database says when it is out of date. Every transaction that changes
-- what the index holds bumps its project's version as its last statement (so the row's lock is held only for the
-- moment of the commit, and versions are committed in order) and logs the tasks it touched under that version
-- (task_id -1: too many to list, the index is built anew). A node compares its version with this one on each query
-- and re-reads only the logged tasks. The log keeps the newest versions of each project; pruned_to says up to which
-- version it is gone (a node further behind builds its index anew).
CREATE TABLE project_version (
    project_id BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    pruned_to  BIGINT NOT NULL,
    CONSTRAINT pk_project_version PRIMARY KEY (project_id)
);

INSERT INTO project_version (project_id, version, pruned_to) SELECT id, 0, 0 FROM project;

-- no foreign keys: the rows go with their project (JpaProjectRepository.delete) or when pruned
CREATE TABLE task_change (
    project_id BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    task_id    BIGINT NOT NULL
);

CREATE INDEX ix_task_change ON task_change (project_id, version, task_id);
