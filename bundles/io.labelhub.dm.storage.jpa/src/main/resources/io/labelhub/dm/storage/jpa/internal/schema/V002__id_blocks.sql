-- Ids of tasks, completions and predictions come from blocks reserved in id_block, so bulk imports can
-- write JDBC batches with ids known up front; every node reserves its own blocks.

CREATE TABLE id_block (
    name    VARCHAR(32) NOT NULL PRIMARY KEY,
    next_id BIGINT      NOT NULL
);

INSERT INTO id_block (name, next_id) SELECT 'task', COALESCE(MAX(id), 0) + 1 FROM task;
INSERT INTO id_block (name, next_id) SELECT 'completion', COALESCE(MAX(id), 0) + 1 FROM completion;
INSERT INTO id_block (name, next_id) SELECT 'prediction', COALESCE(MAX(id), 0) + 1 FROM prediction;
