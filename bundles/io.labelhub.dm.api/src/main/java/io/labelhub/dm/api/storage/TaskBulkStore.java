package io.labelhub.dm.api.storage;

import java.util.Iterator;
import java.util.List;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.TaskSelection;

/**
 * Bulk work on tasks: imports written in JDBC batches inside one transaction (all or nothing), and exports read
 * page by page, so neither holds a project in memory.
 */
public interface TaskBulkStore {

    /**
     * Which tasks an export reads: those of {@code tasks} (null: all of the project's) that pass the two flags.
     */
    record Selection(boolean onlyCompleted, boolean onlyGroundTruth, TaskSelection tasks) {
    }

    /**
     * Starts an import into a project; the project's import lock is held until the import ends, so a second
     * import into the same project meanwhile is refused, while the project row stays free for readers.
     *
     * @throws io.labelhub.dm.api.NotFoundException when there is no such project
     */
    BulkWrite begin(long projectId);

    /** Tasks with their completions and predictions, in id order; close it when done. */
    TaskCursor tasks(long projectId, Selection selection);

    /** The top-level keys of {@code data} among the selected tasks, in order of first appearance. */
    List<String> dataKeys(long projectId, Selection selection);

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

    /** An iterator over tasks that holds database resources until closed. */
    interface TaskCursor extends Iterator<Task>, AutoCloseable {
        @Override
        void close();
    }
}
