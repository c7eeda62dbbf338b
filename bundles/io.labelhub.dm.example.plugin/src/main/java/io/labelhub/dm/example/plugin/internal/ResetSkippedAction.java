package io.labelhub.dm.example.plugin.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskQueryStore;

/**
 * Puts the selected tasks that were only ever skipped back into the labeling queue: deletes their completions,
 * which are all skips. A task with a real completion keeps everything, its skips too, so no label is ever lost.
 * Answers how many skipped completions were deleted.
 */
@Component(property = TaskAction.NAME + "=" + ResetSkippedAction.NAME)
public class ResetSkippedAction implements TaskAction {

    static final String NAME = "reset_skipped";

    /** Skipped at least once and never labeled: every completion of such a task is a skip. */
    static final List<FilterItem> ONLY_SKIPPED = List.of(
            new FilterItem(Field.of(Column.COMPLETIONS), Operator.EQUAL, ValueType.NUMBER, 0.0),
            new FilterItem(Field.of(Column.SKIPPED), Operator.GREATER, ValueType.NUMBER, 0.0));

    private final TaskQueryStore queries;
    private final TaskBulkStore bulk;

    @Activate
    public ResetSkippedAction(@Reference TaskQueryStore queries, @Reference TaskBulkStore bulk) {
        this.queries = queries;
        this.bulk = bulk;
    }

    @Override
    public String title() {
        return "Reset skipped tasks (delete the skips of tasks nobody labeled)";
    }

    /**
     * One call to the store, so the action is one transaction as {@link TaskAction} promises; the store evaluates
     * {@link #ONLY_SKIPPED} in that transaction right before it deletes, as it evaluates the selection of the
     * built-in actions, so a task labeled while the action is prepared keeps its label.
     */
    @Override
    public long run(long projectId, TaskSelection selection, User caller) {
        TaskFilter filter = selection.filter();
        if (selection.all() && !(filter.any() && filter.items().size() > 1)) {
            List<FilterItem> items = new ArrayList<>(filter.items());
            items.addAll(ONLY_SKIPPED);
            return bulk.deleteCompletions(projectId,
                    new TaskSelection(true, null, new TaskFilter(false, items), selection.excluded()));
        }
        // A list of ids, or an OR of conditions: a filter is one flat AND or OR, so ours cannot join it. The store
        // still checks ours, and what the selection leaves out is excluded by id; only a task outside the selection
        // that is first skipped between these reads and the store's would be reset too (a skip, never a label).
        Set<Long> selected = Arrays.stream(queries.ids(projectId, selection)).boxed().collect(Collectors.toSet());
        if (selected.isEmpty()) {
            return 0;
        }
        TaskFilter onlySkipped = new TaskFilter(false, ONLY_SKIPPED);
        List<Long> others = Arrays.stream(queries.ids(projectId, TaskSelection.matching(onlySkipped))).boxed()
                .filter(id -> !selected.contains(id)).toList();
        return bulk.deleteCompletions(projectId, new TaskSelection(true, null, onlySkipped, others));
    }
}
