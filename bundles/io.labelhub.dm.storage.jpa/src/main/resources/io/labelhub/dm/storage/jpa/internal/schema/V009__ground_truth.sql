-- Ground truth in bulk (the GT Manager). A row per project with a sample or reset running, inserted when it starts
-- and deleted in the same transaction before it commits (as project_import), so a second one into the same project
-- waits on the uncommitted key instead of running beside it; and the scratch table of one sample's picks, written
-- and emptied in its transaction, from which the marks are written set-based. Neither is ever seen committed.
-- No foreign keys: nothing stays in them past a transaction.
CREATE TABLE gt_run (
    project_id BIGINT    NOT NULL PRIMARY KEY,
    started_at TIMESTAMP NOT NULL
);

CREATE TABLE gt_pick (
    project_id    BIGINT NOT NULL,
    completion_id BIGINT NOT NULL,
    task_id       BIGINT NOT NULL,
    CONSTRAINT pk_gt_pick PRIMARY KEY (project_id, completion_id)
);
