package io.labelhub.dm.api.storage;

import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;

/**
 * Reads the Data Manager table from the task rows' counters and the label index. Filter values reach the database
 * only as bind parameters.
 */
public interface TaskQueryStore {

    TaskTable page(long projectId, TaskQuery query);

    Totals found(long projectId, TaskFilter filter);

    /** The selected task ids in ascending order. */
    long[] ids(long projectId, TaskSelection selection);
}
