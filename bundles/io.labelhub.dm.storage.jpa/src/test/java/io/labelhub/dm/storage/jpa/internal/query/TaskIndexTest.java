package io.labelhub.dm.storage.jpa.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.storage.jpa.internal.TestStorage;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;

/**
 * The task index stays exact while the tasks change: after every kind of write (each single change, imports, bulk
 * actions, ground truth, reviews), on this node and on another one sharing the database, after the change log was
 * pruned, and within its memory bound, its pages and Found totals equal those of the same queries without it (which
 * {@code QueryStoreTest} checks against a brute-force reference).
 */
class TaskIndexTest {

    private static final String[] LABELS = {"Cat", "Dog", "Bird"};

    @TempDir
    Path folder;

    private TestStorage storage;
    private final List<Long> users = new ArrayList<>();
    private long projectId;
    private final Random random = new Random(7);

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        for (int i = 0; i < 4; i++) {
            users.add(storage.users.insert("user" + i + "@example.com", "hash", "U", "" + i, Role.ANNOTATOR).id());
        }
        projectId = project("Animals");
        importTasks(projectId, 80);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private long project(String title) {
        return storage.projects.insert(new ProjectDraft(title, "", "<View/>", "sequential", 1), users.get(0)).id();
    }

    private static List<Map<String, Object>> result(String label) {
        return List.of(Map.of("from_name", "label", "to_name", "text", "type", "choices", "value",
                Map.of("choices", List.of(label))));
    }

    private String label() {
        return LABELS[random.nextInt(LABELS.length)];
    }

    private long user() {
        return users.get(random.nextInt(users.size()));
    }

    private NewCompletion completion() {
        boolean skipped = random.nextInt(8) == 0;
        return new NewCompletion(skipped ? List.of() : result(label()), 5.0, skipped, false, user(), null);
    }

    private NewTask newTask() {
        List<NewCompletion> completions = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            completions.add(completion());
        }
        List<NewPrediction> predictions = random.nextInt(4) == 0 ? List.of()
                : List.of(new NewPrediction(result(label()), random.nextInt(5) == 0 ? null : random.nextDouble(), "v1"));
        return new NewTask(Map.of("text", "t"), null, completions, predictions);
    }

    private void importTasks(long project, int count) {
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project)) {
            for (int i = 0; i < count; i++) {
                write.add(newTask(), users.get(0));
            }
            write.commit();
        }
    }

    /** The filters each check compares: every kind the index answers alone, and some it only narrows. */
    private List<TaskFilter> filters() {
        List<TaskFilter> filters = new ArrayList<>();
        // every task: its Found totals and its orderings by a counter come from the index too
        filters.add(TaskFilter.ALL);
        for (String label : LABELS) {
            filters.add(and(contains(Column.COMPLETION_RESULTS, LabelMatch.of(label))));
            filters.add(and(contains(Column.PREDICTION_RESULTS, LabelMatch.of(label))));
            for (long user : users.subList(0, 2)) {
                filters.add(and(contains(Column.COMPLETION_RESULTS, LabelMatch.of(label)),
                        contains(Column.ANNOTATORS, user)));
                filters.add(and(contains(Column.COMPLETION_RESULTS, new LabelMatch(label, "label", user))));
            }
        }
        for (long user : users) {
            filters.add(and(contains(Column.ANNOTATORS, user)));
            filters.add(and(contains(Column.REVIEWERS, user)));
        }
        // narrowed by the index, checked by the database
        filters.add(and(contains(Column.COMPLETION_RESULTS, LabelMatch.of("Cat")),
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.GREATER, ValueType.NUMBER, 1.0)));
        filters.add(and(contains(Column.ANNOTATORS, users.get(1)),
                new FilterItem(Field.of(Column.GROUND_TRUTH), Operator.EQUAL, ValueType.BOOLEAN, true)));
        return filters;
    }

    private static FilterItem contains(Column column, Object value) {
        return new FilterItem(Field.of(column), Operator.CONTAINS, ValueType.LIST, value);
    }

    private static TaskFilter and(FilterItem... items) {
        return new TaskFilter(false, List.of(items));
    }

    private static final List<List<Order>> ORDERINGS = List.of(List.of(),
            List.of(new Order(Field.of(Column.PREDICTION_SCORE), true)),
            List.of(new Order(Field.of(Column.COMPLETIONS), false), new Order(Field.of(Column.ID), true)),
            List.of(new Order(Field.of(Column.ID), true)),
            List.of(new Order(Field.of(Column.GROUND_TRUTH), true), new Order(Field.of(Column.REVIEWS_UP), false)),
            List.of(new Order(Field.of(Column.UPDATED_AT), true)));

    /** Every filter's pages (two orderings each) and Found totals agree with and without the index. */
    private void assertExact(JdbcTaskQueryStore queries, long project, String when) {
        List<TaskFilter> filters = filters();
        for (int f = 0; f < filters.size(); f++) {
            TaskFilter filter = filters.get(f);
            for (List<Order> ordering : List.of(ORDERINGS.get(f % ORDERINGS.size()),
                    ORDERINGS.get((f + 1) % ORDERINGS.size()))) {
                for (int page = 1; page <= 2; page++) {
                    TaskQuery query = new TaskQuery(filter, ordering, new PageRequest(page, 7), null);
                    TaskTable expected = storage.unindexedQueries.page(project, query);
                    TaskTable actual = queries.page(project, query);
                    String what = when + ": " + filter.items() + " ordered by " + ordering + ", page " + page;
                    assertEquals(expected.total(), actual.total(), "total of " + what);
                    assertEquals(ids(expected), ids(actual), "ids of " + what);
                    assertEquals(expected.page(), actual.page(), "page totals of " + what);
                }
            }
            assertEquals(storage.unindexedQueries.found(project, filter), queries.found(project, filter),
                    when + ": found of " + filter.items());
        }
    }

    private static List<Long> ids(TaskTable table) {
        return table.tasks().stream().map(TaskRow::id).toList();
    }

    private List<Task> tasks() {
        return storage.tasks.list(projectId, new PageRequest(1, 1000)).items().stream()
                .map(t -> storage.tasks.find(t.id(), true).orElseThrow()).toList();
    }

    private Task anyTask() {
        List<Task> tasks = tasks();
        return tasks.get(random.nextInt(tasks.size()));
    }

    private Completion anyCompletion() {
        List<Completion> all = tasks().stream().flatMap(t -> t.completions().stream()).toList();
        return all.get(random.nextInt(all.size()));
    }

    /** One write of a kind chosen at random; answers what it did. */
    private String randomWrite() {
        int kind = random.nextInt(13);
        switch (kind) {
            case 0 -> storage.tasks.insertCompletion(anyTask().id(), completion(), user());
            case 1 -> storage.tasks.updateCompletion(anyCompletion().id(),
                    new CompletionPatch(result(label()), null, null, null));
            case 2 -> {
                Completion c = anyCompletion();
                storage.tasks.updateCompletion(c.id(), c.wasCancelled() ? new CompletionPatch(null, null, false, null)
                        : new CompletionPatch(null, null, null, !c.groundTruth()));
            }
            case 3 -> storage.tasks.deleteCompletion(anyCompletion().id());
            case 4 -> storage.tasks.insertPrediction(anyTask().id(),
                    new NewPrediction(result(label()), random.nextDouble(), "v2"));
            case 5 -> {
                List<Prediction> predictions = anyTask().predictions();
                if (!predictions.isEmpty()) {
                    storage.tasks.deletePrediction(predictions.get(0).id());
                }
            }
            case 6 -> storage.reviews.write(anyCompletion().id(), user(), random.nextBoolean(), null, Instant.now());
            case 7 -> storage.tasks.delete(anyTask().id());
            case 8 -> storage.tasks.insert(projectId, newTask(), user());
            case 9 -> importTasks(projectId, 5);
            case 10 -> storage.bulk.deleteCompletions(projectId, TaskSelection.ofIds(List.of(anyTask().id(),
                    anyTask().id())));
            case 11 -> storage.groundTruth.sample(projectId, CompletionFilter.ALL, 30, random.nextLong());
            default -> storage.groundTruth.reset(projectId);
        }
        return "write " + kind;
    }

    @Test
    void everyKindOfWriteIsSeenByTheNextQuery() {
        assertExact(storage.queries, projectId, "after the import");
        for (int step = 0; step < 40; step++) {
            String what = randomWrite();
            assertExact(storage.queries, projectId, "step " + step + ", " + what);
        }
    }

    @Test
    void aWriteOnAnotherNodeIsSeenAtOnce() {
        // a second node: its own index over the same database
        JdbcTaskQueryStore otherNode = new JdbcTaskQueryStore(storage.dataSource, storage.schema, new TaskIndex(64));
        assertExact(storage.queries, projectId, "this node, before");
        assertExact(otherNode, projectId, "the other node, before");
        for (int step = 0; step < 15; step++) {
            String what = randomWrite();
            assertExact(otherNode, projectId, "the other node after step " + step + ", " + what);
            assertExact(storage.queries, projectId, "this node after step " + step + ", " + what);
        }
    }

    @Test
    void aNodeBehindWhatTheLogStillHoldsBuildsAnew() throws SQLException {
        assertExact(storage.queries, projectId, "before");
        randomWrite();
        randomWrite();
        // the log pruned past this node's version, as after a thousand versions written by other nodes
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE project_version SET pruned_to = version");
            s.executeUpdate("DELETE FROM task_change");
        }
        assertExact(storage.queries, projectId, "after the log was pruned");

        // a node that would have more tasks to re-read than it is allowed builds anew too
        JdbcTaskQueryStore impatient = new JdbcTaskQueryStore(storage.dataSource, storage.schema,
                new TaskIndex(64L << 20, 1));
        assertExact(impatient, projectId, "impatient, before");
        storage.tasks.insert(projectId, newTask(), user());
        storage.tasks.insert(projectId, newTask(), user());
        assertExact(impatient, projectId, "impatient, two tasks behind");
    }

    @Test
    void eachTransactionBumpsTheVersionOnceAndLogsItsTasksOrEverything() throws SQLException {
        long before = version();
        Task task = storage.tasks.insert(projectId, newTask(), user());
        assertEquals(before + 1, version());
        assertEquals(List.of(task.id()), logged(before + 1));
        importTasks(projectId, TaskChanges.MAX_LOGGED + 1);
        assertEquals(before + 2, version());
        assertEquals(List.of(TaskChanges.ALL), logged(before + 2), "too many to list");
        storage.bulk.deleteTasks(projectId, TaskSelection.ofIds(List.of(task.id())));
        assertEquals(List.of(task.id()), logged(before + 3));
        assertExact(storage.queries, projectId, "after a large import");
    }

    @Test
    void theIndexKeepsWithinItsMemoryDroppingTheProjectUsedLeastRecently() {
        long other = project("Plants");
        importTasks(other, 80);
        TaskFilter cat = and(contains(Column.COMPLETION_RESULTS, LabelMatch.of("Cat")));
        // room for about one project's counters and bitmaps
        TaskIndex measuring = new TaskIndex(64L << 20, 100);
        JdbcTaskQueryStore measured = new JdbcTaskQueryStore(storage.dataSource, storage.schema, measuring);
        measured.found(projectId, cat);
        long oneProject = measuring.projectSize(projectId);
        assertTrue(oneProject > 0, "the project's index has a size");

        TaskIndex small = new TaskIndex(oneProject * 3 / 2, 100);
        JdbcTaskQueryStore bounded = new JdbcTaskQueryStore(storage.dataSource, storage.schema, small);
        assertEquals(storage.unindexedQueries.found(projectId, cat), bounded.found(projectId, cat));
        assertEquals(List.of(projectId), small.projectsHeld());
        assertEquals(storage.unindexedQueries.found(other, cat), bounded.found(other, cat));
        assertEquals(List.of(other), small.projectsHeld(), "the first project was dropped for the second");
        assertExact(bounded, projectId, "back to the first project");

        JdbcTaskQueryStore off = new JdbcTaskQueryStore(storage.dataSource, storage.schema, new TaskIndex(0));
        assertExact(off, projectId, "the index off");
    }

    @Test
    void aDeletedProjectLeavesNoVersionNorLogAndIsDroppedFromTheIndex() throws SQLException {
        long doomed = project("Doomed");
        importTasks(doomed, 10);
        TaskFilter cat = and(contains(Column.COMPLETION_RESULTS, LabelMatch.of("Cat")));
        storage.queries.found(doomed, cat);
        assertTrue(storage.index.projectsHeld().contains(doomed));
        storage.projects.delete(doomed);
        assertEquals(0, storage.queries.found(doomed, cat).tasks());
        assertTrue(!storage.index.projectsHeld().contains(doomed), "dropped");
        try (Connection c = storage.dataSource.getConnection()) {
            assertEquals(null, TaskChanges.version(c, doomed));
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM task_change WHERE project_id = ?")) {
                s.setLong(1, doomed);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getLong(1));
                }
            }
        }
    }

    private long version() throws SQLException {
        try (Connection c = storage.dataSource.getConnection()) {
            return TaskChanges.version(c, projectId).version();
        }
    }

    private List<Long> logged(long version) throws SQLException {
        try (Connection c = storage.dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT task_id FROM task_change WHERE project_id = ? AND version = ? ORDER BY task_id")) {
            s.setLong(1, projectId);
            s.setLong(2, version);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
