package io.labelhub.dm.api.service;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.Order;
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

    TaskTable table(long projectId, TaskQuery query);

    Totals found(long projectId, TaskFilter filter);

    ProjectStats stats(long projectId);

    /** Runs an installed {@link TaskAction}; answers how many rows it affected. */
    long act(long projectId, String action, TaskSelection selection, User caller);

    /** The installed actions: name → title. */
    Map<String, String> actions();

    /**
     * Reads a filter in Label Studio's JSON shape, as parsed by Jackson ({@code Map}/{@code List}/scalars), e.g.
     * {@code {"conjunction": "and", "items": [{"filter": "filter:tasks:completions", "operator": "greater",
     * "type": "Number", "value": 1}]}}. {@code null} is no filter.
     */
    TaskFilter parseFilter(Object json);

    /** Reads {@code -completions,id} or a list of such names. */
    List<Order> parseOrdering(List<String> names);

    /** Reads column names ({@code id}, {@code data.text}, …) for a Quick view or a saved view. */
    List<Field> parseFields(List<String> names);

    /** Reads a selection: {@code {"all": false, "ids": [...]}} or {@code {"all": true, "filters": …, "excluded": [...]}}. */
    TaskSelection parseSelection(Map<String, Object> json);
}
