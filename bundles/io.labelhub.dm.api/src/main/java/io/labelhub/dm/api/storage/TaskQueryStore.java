package io.labelhub.dm.api.storage;

import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;

/**
 * Reads the Data Manager table from the task rows' counters and the label index, and changes tasks in bulk.
 * Filter values reach the database only as bind parameters.
 */
public interface TaskQueryStore {

    TaskTable page(long projectId, TaskQuery query);

    Totals found(long projectId, TaskFilter filter);

    ProjectStats stats(long projectId, int overlap);

    /** The selected task ids in ascending order. */
    long[] ids(long projectId, TaskSelection selection);

    /** Deletes the selected tasks with their completions, predictions and labels; answers how many tasks. */
    long deleteTasks(long projectId, TaskSelection selection);

    /** Deletes the completions of the selected tasks and recounts them; answers how many completions. */
    long deleteCompletions(long projectId, TaskSelection selection);

    /** Deletes the predictions of the selected tasks and recounts them; answers how many predictions. */
    long deletePredictions(long projectId, TaskSelection selection);
}
