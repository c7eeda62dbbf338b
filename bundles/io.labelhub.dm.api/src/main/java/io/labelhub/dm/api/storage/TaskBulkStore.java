package io.labelhub.dm.api.storage;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.query.TaskSelection;

/**
 * Bulk writes of tasks: imports written in JDBC batches inside one transaction, and deletes of selected tasks,
 * completions or predictions in chunks inside one transaction; each is all or nothing, keeps the task counters and
 * the label index exact, and never holds a project in memory.
 */
public interface TaskBulkStore {

    /**
     * Starts an import into a project; the project's import lock is held until the import ends, so a second
     * import into the same project meanwhile is refused, while the project row stays free for readers.
     *
     * @throws io.labelhub.dm.api.NotFoundException when there is no such project
     * @throws io.labelhub.dm.api.ConflictException when another import into the project is still running
     */
    BulkWrite begin(long projectId);

    /** Deletes the selected tasks with their completions, predictions and labels; answers how many tasks. */
    long deleteTasks(long projectId, TaskSelection selection);

    /** Deletes the completions of the selected tasks and recounts them; answers how many completions. */
    long deleteCompletions(long projectId, TaskSelection selection);

    /** Deletes the predictions of the selected tasks and recounts them; answers how many predictions. */
    long deletePredictions(long projectId, TaskSelection selection);

    /** One import: nothing is visible to others until {@link #commit()}; closing without it undoes everything. */
    interface BulkWrite extends AutoCloseable {

        /**
         * Adds a task. Completions without an author get {@code defaultAuthor}; the counters of the task row are
         * computed from what is added.
         */
        void add(NewTask task, long defaultAuthor);

        long taskCount();

        long completionCount();

        long predictionCount();

        void commit();

        @Override
        void close();
    }
}
