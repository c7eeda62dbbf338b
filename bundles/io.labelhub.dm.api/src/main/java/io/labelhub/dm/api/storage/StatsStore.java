package io.labelhub.dm.api.storage;

import io.labelhub.dm.api.query.ProjectStats;

/** A project's statistics, summed up by the database from the task counters, the label index and completions. */
public interface StatsStore {

    /** @param overlap completions (not skipped) a task needs to count as done */
    ProjectStats stats(long projectId, int overlap);
}
