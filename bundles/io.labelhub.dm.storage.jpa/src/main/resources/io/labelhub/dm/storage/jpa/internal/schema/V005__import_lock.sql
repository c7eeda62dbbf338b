-- One row per project with an import writing, inserted when the import starts and deleted in the same transaction
-- before it commits, so it is never seen committed: a second import into the same project waits on the uncommitted
-- key and gives up with "import in progress". It replaces locking the project row itself for the whole import,
-- which on Derby made every request that reads that row (the project list among them) wait for the import.
CREATE TABLE project_import (
    project_id BIGINT    NOT NULL PRIMARY KEY,
    started_at TIMESTAMP NOT NULL
);
