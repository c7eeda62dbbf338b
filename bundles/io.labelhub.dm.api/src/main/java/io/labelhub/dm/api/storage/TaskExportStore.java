package io.labelhub.dm.api.storage;

import java.util.Iterator;
import java.util.List;

import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.TaskSelection;

/** Reads a project's tasks for an export: page by page, with their completions and predictions, in id order. */
public interface TaskExportStore {

    /**
     * Which tasks an export reads: those of {@code tasks} (null: all of the project's) that pass the two flags.
     */
    record Selection(boolean onlyCompleted, boolean onlyGroundTruth, TaskSelection tasks) {
    }

    /** Tasks with their completions and predictions, in id order; close it when done. */
    TaskCursor tasks(long projectId, Selection selection);

    /** The top-level keys of {@code data} among the selected tasks, in order of first appearance. */
    List<String> dataKeys(long projectId, Selection selection);

    /** An iterator over tasks that holds database resources until closed. */
    interface TaskCursor extends Iterator<Task>, AutoCloseable {
        @Override
        void close();
    }
}
