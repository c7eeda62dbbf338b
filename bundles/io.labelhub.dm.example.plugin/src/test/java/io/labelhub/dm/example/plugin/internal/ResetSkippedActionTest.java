package io.labelhub.dm.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskQueryStore;

/**
 * What the action asks of the store: one write, with the selection narrowed so the store itself checks "only
 * skipped". The effect on real tasks is PluginIT's.
 */
class ResetSkippedActionTest {

    private static final long PROJECT = 7;
    private static final FilterItem CATS = new FilterItem(Field.data("text"), Operator.CONTAINS, ValueType.STRING,
            "cat");
    private static final FilterItem DOGS = new FilterItem(Field.data("text"), Operator.CONTAINS, ValueType.STRING,
            "dog");

    /** Answers ids per selection as told, and records every call. */
    private static final class Store implements TaskQueryStore, TaskBulkStore {
        final Map<TaskSelection, long[]> ids;
        final List<String> calls = new ArrayList<>();
        final List<TaskSelection> deletes = new ArrayList<>();

        Store(Map<TaskSelection, long[]> ids) {
            this.ids = ids;
        }

        @Override
        public long[] ids(long projectId, TaskSelection selection) {
            assertEquals(PROJECT, projectId);
            calls.add("ids");
            long[] found = ids.get(selection);
            if (found == null) {
                throw new AssertionError("unexpected selection " + selection);
            }
            return found;
        }

        @Override
        public long deleteCompletions(long projectId, TaskSelection selection) {
            assertEquals(PROJECT, projectId);
            calls.add("deleteCompletions");
            deletes.add(selection);
            return 3;
        }

        @Override
        public TaskTable page(long projectId, TaskQuery query) {
            throw new AssertionError("not for this action");
        }

        @Override
        public Totals found(long projectId, TaskFilter filter) {
            throw new AssertionError("not for this action");
        }

        @Override
        public BulkWrite begin(long projectId) {
            throw new AssertionError("the action never imports");
        }

        @Override
        public long deleteTasks(long projectId, TaskSelection selection) {
            throw new AssertionError("the action never deletes tasks");
        }

        @Override
        public long deletePredictions(long projectId, TaskSelection selection) {
            throw new AssertionError("the action never deletes predictions");
        }
    }

    private static final TaskSelection ONLY_SKIPPED = TaskSelection.matching(
            new TaskFilter(false, ResetSkippedAction.ONLY_SKIPPED));

    @Test
    void theOnlySkippedConditionIsCompletionsZeroAndSkippedAboveZero() {
        assertEquals(List.of(
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.EQUAL, ValueType.NUMBER, 0.0),
                new FilterItem(Field.of(Column.SKIPPED), Operator.GREATER, ValueType.NUMBER, 0.0)),
                ResetSkippedAction.ONLY_SKIPPED);
    }

    @Test
    void aFilteredSelectionBecomesOneDeleteWithTheConditionAdded() {
        Store store = new Store(Map.of());
        long affected = new ResetSkippedAction(store, store).run(PROJECT,
                new TaskSelection(true, null, new TaskFilter(false, List.of(CATS)), List.of(3L)), null);
        assertEquals(3, affected);
        assertEquals(List.of("deleteCompletions"), store.calls);
        List<FilterItem> expected = new ArrayList<>(List.of(CATS));
        expected.addAll(ResetSkippedAction.ONLY_SKIPPED);
        assertEquals(new TaskSelection(true, null, new TaskFilter(false, expected), List.of(3L)),
                store.deletes.get(0));
    }

    @Test
    void listedIdsAreOneDeleteThatExcludesTheSkippedTasksNotListed() {
        TaskSelection listed = TaskSelection.ofIds(List.of(1L, 2L, 99L));
        Store store = new Store(Map.of(listed, new long[] {1, 2}, ONLY_SKIPPED, new long[] {1, 4, 6}));
        assertEquals(3, new ResetSkippedAction(store, store).run(PROJECT, listed, null));
        assertEquals(List.of("ids", "ids", "deleteCompletions"), store.calls);
        assertEquals(new TaskSelection(true, null, new TaskFilter(false, ResetSkippedAction.ONLY_SKIPPED),
                List.of(4L, 6L)), store.deletes.get(0));
    }

    @Test
    void anOrFilterIsNarrowedAsListedIdsAre() {
        TaskSelection either = TaskSelection.matching(new TaskFilter(true, List.of(CATS, DOGS)));
        Store store = new Store(Map.of(either, new long[] {4, 5}, ONLY_SKIPPED, new long[] {1, 4, 6}));
        new ResetSkippedAction(store, store).run(PROJECT, either, null);
        assertEquals(new TaskSelection(true, null, new TaskFilter(false, ResetSkippedAction.ONLY_SKIPPED),
                List.of(1L, 6L)), store.deletes.get(0));
    }

    @Test
    void nothingSelectedWritesNothing() {
        TaskSelection none = TaskSelection.ofIds(List.of(99L));
        Store store = new Store(Map.of(none, new long[0]));
        assertEquals(0, new ResetSkippedAction(store, store).run(PROJECT, none, null));
        assertEquals(List.of("ids"), store.calls);
    }
}
