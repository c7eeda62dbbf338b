package io.labelhub.dm.api.service;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;

/**
 * The Data Manager: the task table with filters, ordering and paging, the Found totals, bulk actions on a
 * selection and project statistics. Every method throws {@link io.labelhub.dm.api.NotFoundException} for an
 * unknown project and {@link io.labelhub.dm.api.ValidationException} naming what is wrong in a filter.
 */
public interface DataManagerService {

    /**
     * A table request as a client sends it, not yet read: {@code filters} in Label Studio's JSON shape as parsed by
     * Jackson ({@code Map}/{@code List}/scalars, {@code null}: no filter), e.g. {@code {"conjunction": "and",
     * "items": [{"filter": "filter:tasks:completions", "operator": "greater", "type": "Number", "value": 1}]}};
     * {@code ordering} as {@code -completions}, {@code id}; {@code fields} as {@code id}, {@code data.text}
     * ({@code null}: the Full view).
     */
    record TableRequest(Object filters, List<String> ordering, PageRequest page, List<String> fields) {
    }

    /** One page of the table and the query it answers (whose fields name a Quick view's columns). */
    record Table(TaskQuery query, TaskTable table) {
    }

    /** Reads the request and answers it, in one call. */
    Table table(long projectId, TableRequest request);

    /** The totals of every task {@code filters} (Label Studio's filter JSON, as in {@link TableRequest}) match. */
    Totals found(long projectId, Object filters);

    ProjectStats stats(long projectId);

    /**
     * Runs an installed {@link TaskAction} on a selection given as {@code {"all": false, "ids": [...]}} or
     * {@code {"all": true, "filters": …, "excluded": [...]}}; answers how many rows it affected.
     */
    long act(long projectId, String action, Map<String, Object> selection, User caller);

    /** The installed actions: name → title, by name. */
    Map<String, String> actions();

    /** Reads a filter in Label Studio's JSON shape (see {@link TableRequest}); {@code null} is no filter. */
    TaskFilter parseFilter(Object json);

    /** Reads a selection, as {@link #act} takes it. */
    TaskSelection parseSelection(Map<String, Object> json);
}
