-- Ground truth in bulk (the GT Manager): a row per project with a sample or reset running, inserted when it starts
-- and deleted in the same transaction before it commits (as project_import), so a second one into the same project
-- waits on the uncommitted key instead of running beside it; it is never seen committed. (A scratch table of the
-- picks, marked by one UPDATE … WHERE id IN (SELECT …), measured twice as slow on Derby as batches by primary key.)
CREATE TABLE gt_run (
    project_id BIGINT    NOT NULL PRIMARY KEY,
    started_at TIMESTAMP NOT NULL
);
