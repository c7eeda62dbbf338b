package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskExportStore;
import io.labelhub.dm.storage.jpa.internal.ReferenceTable.RefTask;
import io.labelhub.dm.storage.jpa.internal.query.JdbcTaskQueryStore;

/**
 * JdbcTaskQueryStore on a real Derby against {@link ReferenceTable}, a brute-force evaluation of the same imported
 * tasks: random filters, orderings and pages must give the same totals, ids and rows. The seed is logged; rerun a
 * failure with {@code -DqueryStoreTest.seed=<seed>}.
 */
class QueryStoreTest {

    private static final Logger LOG = LoggerFactory.getLogger(QueryStoreTest.class);
    private static final long SEED = Long.getLong("queryStoreTest.seed", 20_261_129L);

    private static final List<String> WORDS = List.of("foo", "Foo", "bar", "BAR", "Baz", "fox", "dog", "quux");
    private static final List<String> CLASSES = List.of("Cat", "Dog", "Bird", "Fish", "Cow");
    /** "Cat" is also a sentiment, so narrowing a label to its control matters. */
    private static final List<String> SENTIMENTS = List.of("Positive", "Negative", "Cat");
    /** Longer than the label index keeps: indexed and looked up by its first 255 characters. */
    private static final String LONG_LABEL = "Cat".repeat(100);
    private static final List<String> NUMERIC_STRINGS = List.of("3.5", " 2 ", "-1.25", "1e1", "10", "0.5", "7");
    private static final List<String> OTHER_STRINGS = List.of("n/a", "high", "", "NaN", "Infinity", "low");
    private static final List<String> REGEXES = List.of("^f", "^F", "bar$", "(?i)^foo", "o{2}", "\\d", "^$", "a.z",
            "^\\{", "X", "(?i)BAR");
    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
    private static final int DAYS = 10;
    private static final long NO_USER = 999_999L;

    @TempDir
    static Path folder;

    private static TestStorage storage;
    private static List<Long> users;
    private static long projectId;
    private static long otherProjectId;
    private static ReferenceTable reference;
    private static ReferenceTable otherReference;

    @BeforeAll
    static void importRandomTasks() throws Exception {
        LOG.info("QueryStoreTest seed {} (rerun with -DqueryStoreTest.seed={})", SEED, SEED);
        storage = new TestStorage(folder);
        users = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            users.add(storage.users.insert("annotator" + i + "@example.com", "hash", "A" + i, "N", Role.ANNOTATOR)
                    .id());
        }
        Random random = new Random(SEED);
        projectId = project("Animals");
        otherProjectId = project("Other");
        // three imports, so created_at takes three values
        List<NewTask> imported = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            imported.addAll(importTasks(projectId, random, 1000));
        }
        reference = readBack(projectId, imported);
        otherReference = readBack(otherProjectId, importTasks(otherProjectId, random, 25));
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    // ---- random filters, orderings and pages

    @Test
    void randomFiltersOrderingsAndPagesMatchTheReference() {
        Random random = new Random(SEED + 1);
        List<Executable> cases = new ArrayList<>();
        int partial = 0;
        for (int n = 0; n < 300; n++) {
            TaskFilter filter = randomFilter(random, reference);
            List<Order> ordering = randomOrdering(random);
            List<Long> matching = reference.matchingIds(filter);
            PageRequest page = randomPage(random, matching.size());
            if (!matching.isEmpty() && matching.size() < reference.ids().size()) {
                partial++;
            }
            String describe = "case " + n + " (seed " + SEED + "): " + describe(filter) + ", ordering "
                    + ordering.stream().map(Order::wireName).toList() + ", page " + page.page() + " of size "
                    + page.pageSize();
            cases.add(() -> answered(describe, () -> checkQuery(filter, ordering, page, describe)));
        }
        assertTrue(partial > 150, "too few random filters split the tasks to be telling: " + partial);
        assertAll("random queries", cases.stream());
    }

    private static void checkQuery(TaskFilter filter, List<Order> ordering, PageRequest page, String describe) {
        List<RefTask> matching = reference.matching(filter);
        List<Long> expectedIds = reference.pageIds(filter, ordering, page);
        // with the task index (as the server runs) and without it (the database's label index alone)
        for (JdbcTaskQueryStore queries : List.of(storage.queries, storage.unindexedQueries)) {
            String how = (queries == storage.queries ? " with" : " without") + " the task index";
            TaskTable table = queries.page(projectId, new TaskQuery(filter, ordering, page, null));
            assertEquals(matching.size(), table.total(), "total of " + describe + how);
            assertIds(expectedIds, table.tasks().stream().map(TaskRow::id).toList(), "page ids of " + describe + how);
            assertEquals(reference.totals(expectedIds.stream().map(reference::task).toList()), table.page(),
                    "page totals of " + describe + how);
            assertEquals(reference.totals(matching), queries.found(projectId, filter), "found of " + describe + how);
        }
        assertIds(matching.stream().map(RefTask::id).toList(), ids(projectId, TaskSelection.matching(filter)),
                "ids of " + describe);
        assertIds(otherReference.matchingIds(filter), ids(otherProjectId, TaskSelection.matching(filter)),
                "ids in the other project of " + describe);
    }

    @Test
    void eachSingleConditionMatchesTheReference() {
        // one item at a time over every field and applicable operator, so a failure names a minimal filter
        Random random = new Random(SEED + 2);
        List<Executable> cases = new ArrayList<>();
        for (Field field : filterFields()) {
            for (ValueType type : types(field)) {
                for (Operator operator : Operator.values()) {
                    if (!operator.appliesTo(type)) {
                        continue;
                    }
                    for (int i = 0; i < 4; i++) {
                        FilterItem item = new FilterItem(field, operator, type,
                                randomValue(random, reference, field, operator, type));
                        TaskFilter filter = new TaskFilter(false, List.of(item));
                        cases.add(() -> answered(describe(filter), () -> assertIds(reference.matchingIds(filter),
                                ids(projectId, TaskSelection.matching(filter)), describe(filter))));
                    }
                }
            }
        }
        assertAll("single conditions", cases.stream());
    }

    // ---- rows

    @Test
    void rowsCarryEveryColumnOfTheReference() {
        List<Order> noOrdering = List.of();
        int pages = (reference.ids().size() + 999) / 1000;
        List<TaskRow> rows = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            rows.addAll(storage.queries.page(projectId, new TaskQuery(TaskFilter.ALL, noOrdering,
                    new PageRequest(page, 1000), null)).tasks());
        }
        assertIds(reference.ids(), rows.stream().map(TaskRow::id).toList(), "all tasks by id");
        assertRows(reference, rows, "full view");

        // rows of a page that Java filtered and ordered come out the same
        TaskFilter filter = new TaskFilter(false, List.of(new FilterItem(Field.data("text"), Operator.CONTAINS,
                ValueType.STRING, "o")));
        List<Order> ordering = List.of(new Order(Field.data("score"), true), new Order(Field.of(Column.LEAD_TIME),
                false));
        TaskTable table = storage.queries.page(projectId, new TaskQuery(filter, ordering, new PageRequest(2, 50),
                null));
        assertIds(reference.pageIds(filter, ordering, new PageRequest(2, 50)),
                table.tasks().stream().map(TaskRow::id).toList(), "data-ordered page");
        assertRows(reference, table.tasks(), "data-ordered page");
    }

    private static void assertRows(ReferenceTable expected, List<TaskRow> rows, String what) {
        assertAll(what, rows.stream().map(row -> () -> assertEquals(expected.row(expected.task(row.id())), row,
                what + ": row of task " + row.id())));
    }

    @Test
    void quickViewCarriesOnlyTheAskedDataKeys() {
        TaskTable table = storage.queries.page(projectId, new TaskQuery(TaskFilter.ALL, List.of(),
                new PageRequest(1, 200), Set.of(Field.of(Column.ID), Field.data("text"))));
        assertEquals(200, table.tasks().size());
        assertAll("quick view", table.tasks().stream().map(row -> () -> {
            RefTask task = reference.task(row.id());
            Map<String, Object> onlyText = new LinkedHashMap<>();
            if (task.data().containsKey("text")) {
                onlyText.put("text", task.data().get("text"));
            }
            assertEquals(onlyText, row.data(), "data of task " + row.id());
            assertEquals(List.of(), row.annotators(), "annotators of task " + row.id());
            assertEquals(List.of(), row.completionResults(), "completion_results of task " + row.id());
            assertEquals(List.of(), row.predictionResults(), "prediction_results of task " + row.id());
        }));
        assertTrue(table.tasks().stream().anyMatch(r -> !r.data().isEmpty()));
    }

    // ---- values are values

    @Test
    void injectionAttemptsAreValuesThatMatchNothing() throws SQLException {
        List<FilterItem> attempts = List.of(
                new FilterItem(Field.data("text"), Operator.EQUAL, ValueType.STRING, "x' OR '1'='1"),
                new FilterItem(Field.data("text' OR '1'='1"), Operator.EMPTY, ValueType.STRING, false),
                new FilterItem(Field.of(Column.COMPLETION_RESULTS), Operator.CONTAINS, ValueType.LIST,
                        LabelMatch.of("Cat' OR 1=1 --")),
                new FilterItem(Field.of(Column.COMPLETION_RESULTS), Operator.CONTAINS, ValueType.LIST,
                        new LabelMatch("Cat", "label' OR '1'='1", null)),
                new FilterItem(Field.of(Column.PREDICTION_RESULTS), Operator.CONTAINS, ValueType.LIST,
                        LabelMatch.of("Cat'); DELETE FROM task_label; --")));
        for (FilterItem attempt : attempts) {
            TaskFilter filter = new TaskFilter(false, List.of(attempt));
            assertEquals(0, storage.queries.page(projectId, new TaskQuery(filter, List.of(),
                    new PageRequest(1, 10), null)).total(), describe(filter));
            assertEquals(Totals.NONE, storage.queries.found(projectId, filter), describe(filter));
            assertEquals(List.of(), ids(projectId, TaskSelection.matching(filter)), describe(filter));
        }
        assertEquals(reference.ids().size(), storage.queries.found(projectId, TaskFilter.ALL).tasks());
        assertEquals(reference.labelRows(), count("SELECT COUNT(*) FROM task_label WHERE project_id = ?",
                projectId));
    }

    // ---- statistics

    @Test
    void statisticsMatchTheReference() throws SQLException {
        assertEquals(reference.stats(1), storage.stats.stats(projectId, 1));
        assertEquals(reference.stats(2), storage.stats.stats(projectId, 2));
        assertEquals(otherReference.stats(1), storage.stats.stats(otherProjectId, 1));
        assertEquals(reference.labelRows(), count("SELECT COUNT(*) FROM task_label WHERE project_id = ?",
                projectId));
    }

    // ---- the limits of whole-number columns

    @Test
    void boundsBeyondTheRangeOfTheColumnStillCompare() {
        // FilterSql binds Number bounds on whole-number columns as longs; no task has 3e9 completions or a huge id
        List<FilterItem> items = List.of(
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.GREATER, ValueType.NUMBER, 3e9),
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.LESS, ValueType.NUMBER, 3e9),
                new FilterItem(Field.of(Column.SKIPPED), Operator.NOT_EQUAL, ValueType.NUMBER, -3e9),
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.GREATER, ValueType.NUMBER, 1e19),
                new FilterItem(Field.of(Column.COMPLETIONS), Operator.LESS, ValueType.NUMBER, -1e19),
                new FilterItem(Field.of(Column.ID), Operator.GREATER, ValueType.NUMBER, 1e19),
                new FilterItem(Field.of(Column.ID), Operator.LESS, ValueType.NUMBER, -1e19),
                new FilterItem(Field.of(Column.ID), Operator.GREATER_OR_EQUAL, ValueType.NUMBER, 1e19),
                new FilterItem(Field.of(Column.ID), Operator.LESS, ValueType.NUMBER, 1e19),
                new FilterItem(Field.of(Column.ID), Operator.NOT_IN, ValueType.NUMBER, new Range(-1e19, 1e19)));
        assertAll("huge bounds", items.stream().map(item -> {
            TaskFilter filter = new TaskFilter(false, List.of(item));
            return () -> answered(describe(filter), () -> assertEquals(reference.matchingIds(filter).size(),
                    ids(projectId, TaskSelection.matching(filter)).size(), describe(filter)));
        }));
    }

    // ---- labels

    @Test
    void labelLookupsAreExact() {
        List<LabelMatch> matches = List.of(LabelMatch.of("Cat "), LabelMatch.of("cat"), LabelMatch.of("Ca"),
                new LabelMatch("Cat", "label ", null), new LabelMatch("Cat", "sentiment", null),
                new LabelMatch(LONG_LABEL, "label", null), LabelMatch.of(LONG_LABEL.substring(0, 255) + "Dog"));
        List<Executable> cases = new ArrayList<>();
        for (Column column : List.of(Column.COMPLETION_RESULTS, Column.PREDICTION_RESULTS)) {
            for (LabelMatch match : matches) {
                TaskFilter filter = new TaskFilter(false, List.of(new FilterItem(Field.of(column),
                        Operator.CONTAINS, ValueType.LIST, match)));
                cases.add(() -> answered(describe(filter), () -> assertIds(reference.matchingIds(filter),
                        ids(projectId, TaskSelection.matching(filter)), describe(filter))));
            }
        }
        assertAll("label lookups", cases.stream());
    }

    // ---- bulk actions

    @Test
    void bulkActionsChangeExactlyTheSelectedTasks() throws SQLException {
        Random random = new Random(SEED + 3);
        long bulkProject = project("Bulk");
        ReferenceTable bulk = readBack(bulkProject, importTasks(bulkProject, random, 600));
        Map<Long, TaskRow> mainRows = rowsOf(projectId);
        Map<Long, TaskRow> otherRows = rowsOf(otherProjectId);

        // delete what a filter hitting about a tenth matches, but two of them
        TaskFilter filter = filterHitting(random, bulk, 0.07, 0.13);
        List<Long> matching = bulk.matchingIds(filter);
        List<Long> excluded = List.of(matching.get(0), matching.get(matching.size() / 2));
        List<Long> doomed = matching.stream().filter(id -> !excluded.contains(id)).toList();
        long deleted = storage.bulk.deleteTasks(bulkProject,
                new TaskSelection(true, null, filter, excluded));
        assertEquals(doomed.size(), deleted, "deleteTasks of " + describe(filter));
        bulk.remove(doomed);
        assertIds(bulk.ids(), ids(bulkProject, TaskSelection.matching(TaskFilter.ALL)), "tasks left");
        assertProjectIs(bulk, bulkProject, "after deleteTasks");
        for (String table : List.of("task_label", "completion", "prediction")) {
            assertEquals(0, countFor("SELECT COUNT(*) FROM " + table + " WHERE task_id IN ", doomed),
                    table + " rows of deleted tasks");
        }

        // completions of some tasks, one of another project, one that does not exist
        List<Long> chosen = bulk.tasks().stream().filter(t -> !t.completions().isEmpty()).limit(40)
                .map(RefTask::id).toList();
        long foreign = otherReference.ids().get(0);
        List<Long> selection = new ArrayList<>(chosen);
        selection.addAll(List.of(foreign, Long.MAX_VALUE - 1));
        long completions = chosen.stream().mapToLong(id -> bulk.task(id).completions().size()).sum();
        assertEquals(completions, storage.bulk.deleteCompletions(bulkProject, TaskSelection.ofIds(selection)));
        Map<Long, TaskRow> after = rowsOf(bulkProject);
        for (long id : chosen) {
            assertFalse(after.get(id).updatedAt().isBefore(bulk.task(id).updatedAt()), "updated_at of " + id);
            bulk.dropCompletions(id, after.get(id).updatedAt());
        }
        assertProjectIs(bulk, bulkProject, "after deleteCompletions");
        assertEquals(0, countFor("SELECT COUNT(*) FROM task_label WHERE kind = 'c' AND task_id IN ", chosen));

        // predictions of tasks half of which just lost their completions
        List<Long> predicted = bulk.tasks().stream().filter(t -> !t.predictions().isEmpty())
                .map(RefTask::id).filter(id -> chosen.contains(id) || id % 3 == 0).limit(40).toList();
        long predictions = predicted.stream().mapToLong(id -> bulk.task(id).predictions().size()).sum();
        List<Long> predictionSelection = new ArrayList<>(predicted);
        predictionSelection.add(foreign);
        assertEquals(predictions, storage.bulk.deletePredictions(bulkProject,
                TaskSelection.ofIds(predictionSelection)));
        after = rowsOf(bulkProject);
        for (long id : predicted) {
            assertFalse(after.get(id).updatedAt().isBefore(bulk.task(id).updatedAt()), "updated_at of " + id);
            bulk.dropPredictions(id, after.get(id).updatedAt());
        }
        assertProjectIs(bulk, bulkProject, "after deletePredictions");

        // the filters still agree with what is left, and no other project moved
        for (int n = 0; n < 40; n++) {
            TaskFilter random40 = randomFilter(random, bulk);
            assertIds(bulk.matchingIds(random40), ids(bulkProject, TaskSelection.matching(random40)),
                    "after bulk actions: " + describe(random40));
            // the task index caught up with the bulk actions (each logged the tasks it changed)
            assertEquals(bulk.totals(bulk.matching(random40)), storage.queries.found(bulkProject, random40),
                    "found after bulk actions: " + describe(random40));
        }
        assertEquals(mainRows, rowsOf(projectId), "rows of the main project");
        assertEquals(otherRows, rowsOf(otherProjectId), "rows of the other project");
    }

    /** The store's rows, statistics and label index of a project equal the reference's. */
    private static void assertProjectIs(ReferenceTable expected, long project, String when) throws SQLException {
        Map<Long, TaskRow> rows = rowsOf(project);
        assertIds(expected.ids(), List.copyOf(rows.keySet()), "tasks " + when);
        assertRows(expected, List.copyOf(rows.values()), when);
        assertEquals(expected.stats(1), storage.stats.stats(project, 1), "stats " + when);
        assertEquals(expected.labelRows(), count("SELECT COUNT(*) FROM task_label WHERE project_id = ?", project),
                "label index rows " + when);
    }

    private static TaskFilter filterHitting(Random random, ReferenceTable table, double low, double high) {
        for (int i = 0; i < 10_000; i++) {
            TaskFilter filter = randomFilter(random, table);
            double share = (double) table.matchingIds(filter).size() / table.ids().size();
            if (share >= low && share <= high) {
                return filter;
            }
        }
        throw new IllegalStateException("no random filter hits between " + low + " and " + high);
    }

    // ---- the data

    private static long project(String title) {
        return storage.projects.insert(new ProjectDraft(title, "", "<View/>", "sequential", 1), users.get(0)).id();
    }

    private static List<NewTask> importTasks(long project, Random random, int count) {
        List<NewTask> tasks = new ArrayList<>();
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project)) {
            for (int i = 0; i < count; i++) {
                NewTask task = randomTask(random);
                write.add(task, users.get(0));
                tasks.add(task);
            }
            write.commit();
        }
        return tasks;
    }

    /** The imported tasks with the ids and timestamps the store gave them; tasks come back in import order. */
    private static ReferenceTable readBack(long project, List<NewTask> imported) {
        List<Task> stored = new ArrayList<>();
        try (TaskExportStore.TaskCursor cursor = storage.exports.tasks(project,
                new TaskExportStore.Selection(false, false, null))) {
            cursor.forEachRemaining(stored::add);
        }
        assertEquals(imported.size(), stored.size(), "tasks read back");
        List<RefTask> tasks = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            Task task = stored.get(i);
            NewTask source = imported.get(i);
            assertEquals(source.data(), task.data(), "data of task " + task.id());
            assertEquals(source.completions().size(), task.completions().size(), "completions of " + task.id());
            assertEquals(source.predictions().size(), task.predictions().size(), "predictions of " + task.id());
            for (int c = 0; c < source.completions().size(); c++) {
                assertEquals(source.completions().get(c).createdAt(), task.completions().get(c).createdAt(),
                        "completion " + c + " of task " + task.id());
            }
            tasks.add(ReferenceTable.of(task, source, users.get(0)));
        }
        return new ReferenceTable(tasks);
    }

    private static NewTask randomTask(Random random) {
        Map<String, Object> data = new LinkedHashMap<>();
        randomText(random, data);
        randomScore(random, data);
        int completionCount = random.nextInt(4);
        int groundTruth = completionCount > 0 && random.nextInt(100) < 20 ? random.nextInt(completionCount) : -1;
        List<NewCompletion> completions = new ArrayList<>();
        for (int i = 0; i < completionCount; i++) {
            boolean cancelled = random.nextInt(100) < 15;
            List<Map<String, Object>> result = cancelled && random.nextBoolean() ? List.of() : randomResult(random);
            Long author = random.nextInt(10) == 0 ? null : pick(random, users);
            Double leadTime = random.nextInt(10) < 3 ? null : random.nextInt(10_000) / 100.0;
            completions.add(new NewCompletion(result, leadTime, cancelled, i == groundTruth, author,
                    START.plusSeconds(random.nextInt(DAYS * 86_400))));
        }
        List<NewPrediction> predictions = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            Double score = random.nextInt(4) == 0 ? null : random.nextInt(1001) / 1000.0;
            predictions.add(new NewPrediction(randomResult(random), score, "v1"));
        }
        return new NewTask(data, null, completions, predictions);
    }

    private static void randomText(Random random, Map<String, Object> data) {
        int kind = random.nextInt(100);
        if (kind < 8) {
            return; // no text
        }
        Object text;
        if (kind < 13) {
            text = "";
        } else if (kind < 16) {
            text = null;
        } else if (kind < 19) {
            text = 42;
        } else if (kind < 21) {
            text = Map.of("en", pick(random, WORDS));
        } else {
            text = LongStream.range(0, 1 + random.nextInt(3)).mapToObj(i -> pick(random, WORDS))
                    .collect(Collectors.joining(" "));
        }
        data.put("text", text);
    }

    private static void randomScore(Random random, Map<String, Object> data) {
        int kind = random.nextInt(100);
        if (kind < 15) {
            return; // no score
        }
        Object score;
        if (kind < 45) {
            score = random.nextInt(21) * 0.5;
        } else if (kind < 55) {
            score = random.nextInt(11);
        } else if (kind < 75) {
            score = pick(random, NUMERIC_STRINGS);
        } else if (kind < 90) {
            score = pick(random, OTHER_STRINGS);
        } else if (kind < 95) {
            score = null;
        } else {
            score = true;
        }
        data.put("score", score);
    }

    private static List<Map<String, Object>> randomResult(Random random) {
        if (random.nextInt(10) == 0) {
            return List.of();
        }
        String first = random.nextInt(50) == 0 ? LONG_LABEL : pick(random, CLASSES);
        List<String> classes = new ArrayList<>(List.of(first));
        if (random.nextBoolean()) {
            String second = pick(random, CLASSES);
            if (!classes.contains(second)) {
                classes.add(second);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        result.add(Map.of("from_name", "label", "to_name", "text", "type", "choices",
                "value", Map.of("choices", classes)));
        if (random.nextInt(10) < 3) {
            result.add(Map.of("from_name", "sentiment", "to_name", "text", "type", "labels",
                    "value", Map.of("start", 0, "end", 3, "labels", List.of(pick(random, SENTIMENTS)))));
        }
        return result;
    }

    // ---- random queries

    private static List<Field> filterFields() {
        List<Field> fields = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column != Column.DATA) {
                fields.add(Field.of(column));
            }
        }
        fields.addAll(List.of(Field.data("text"), Field.data("score"), Field.data("missing")));
        return fields;
    }

    private static List<ValueType> types(Field field) {
        return field.isData() ? List.of(ValueType.STRING, ValueType.NUMBER) : List.of(field.column().type());
    }

    private static TaskFilter randomFilter(Random random, ReferenceTable table) {
        List<Field> fields = filterFields();
        // data fields weigh as much as the task columns together
        for (int i = 0; i < 4; i++) {
            fields.addAll(List.of(Field.data("text"), Field.data("score")));
        }
        List<FilterItem> items = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            Field field = pick(random, fields);
            ValueType type;
            if (field.isData()) {
                boolean usual = random.nextInt(5) > 0;
                type = field.dataKey().equals("text") == usual ? ValueType.STRING : ValueType.NUMBER;
            } else {
                type = field.column().type();
            }
            List<Operator> operators = Arrays.stream(Operator.values()).filter(o -> o.appliesTo(type)).toList();
            Operator operator = pick(random, operators);
            items.add(new FilterItem(field, operator, type, randomValue(random, table, field, operator, type)));
        }
        return new TaskFilter(random.nextInt(3) == 0, items);
    }

    private static Object randomValue(Random random, ReferenceTable table, Field field, Operator operator,
                                      ValueType type) {
        if (operator == Operator.EMPTY || type == ValueType.BOOLEAN) {
            return random.nextBoolean();
        }
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            Object a = randomScalar(random, table, field, type);
            Object b = randomScalar(random, table, field, type);
            return compare(a, b) <= 0 ? new Range((Comparable<?>) a, (Comparable<?>) b)
                    : new Range((Comparable<?>) b, (Comparable<?>) a);
        }
        return switch (type) {
            case LIST -> listValue(random, field);
            case STRING -> stringValue(random, table, operator);
            default -> randomScalar(random, table, field, type);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static Object listValue(Random random, Field field) {
        if (field.column().users()) {
            return random.nextInt(5) == 0 ? NO_USER : pick(random, users);
        }
        List<String> labels = new ArrayList<>(CLASSES);
        // a label that is not there, one with a trailing blank (not "Cat"), and the long one
        labels.addAll(List.of("Positive", "Negative", "Horse", "Cat ", LONG_LABEL));
        String label = pick(random, labels);
        String control = pick(random, Arrays.asList(null, null, "label", "sentiment", "other"));
        Long annotator = field.column() == Column.COMPLETION_RESULTS && random.nextInt(3) == 0
                ? (random.nextInt(6) == 0 ? NO_USER : pick(random, users)) : null;
        return new LabelMatch(label, control, annotator);
    }

    private static String stringValue(Random random, ReferenceTable table, Operator operator) {
        return switch (operator) {
            case REGEX -> pick(random, REGEXES);
            case CONTAINS, NOT_CONTAINS -> {
                String part = random.nextInt(10) == 0 ? "o b" : pick(random, WORDS);
                yield switch (random.nextInt(3)) {
                    case 0 -> part.toUpperCase(Locale.ROOT);
                    case 1 -> part.toLowerCase(Locale.ROOT);
                    default -> part;
                };
            }
            default -> {
                String text = ReferenceTable.text(pick(random, table.tasks()).data(), "text");
                if (text == null) {
                    yield random.nextBoolean() ? "" : "foo";
                }
                yield random.nextInt(4) == 0 ? text.toUpperCase(Locale.ROOT) : text;
            }
        };
    }

    /** A Double or Instant near the values the column has: often one of them exactly. */
    private static Object randomScalar(Random random, ReferenceTable table, Field field, ValueType type) {
        RefTask some = pick(random, table.tasks());
        if (field.isData()) {
            Double existing = ReferenceTable.number(some.data(), field.dataKey());
            if (existing != null && random.nextBoolean()) {
                return existing;
            }
            return pick(random, List.of(3.5, 2.0, 10.0, -1.25, 0.0, 7.5, 42.0, 4.25));
        }
        Column column = field.column();
        if (type == ValueType.DATETIME) {
            Instant existing = (Instant) ReferenceTable.value(column, table.row(some));
            if (existing == null) {
                existing = START.plusSeconds(random.nextInt(DAYS * 86_400));
            }
            return switch (random.nextInt(4)) {
                case 0, 1 -> existing;
                case 2 -> existing.plus(Duration.ofNanos((random.nextInt(3) - 1) * 1000L));
                default -> existing.plusSeconds(random.nextInt(2 * 86_400) - 86_400);
            };
        }
        return switch (column) {
            case ID -> (double) some.id() + (random.nextInt(4) - 1) * 0.5;
            case PREDICTION_SCORE, LEAD_TIME -> {
                Double existing = (Double) ReferenceTable.value(column, table.row(some));
                yield existing != null && random.nextBoolean() ? existing
                        : column == Column.LEAD_TIME ? random.nextInt(10_000) / 100.0 : random.nextInt(1001) / 1000.0;
            }
            default -> random.nextInt(9) * 0.5;
        };
    }

    private static List<Order> randomOrdering(Random random) {
        List<Field> fields = new ArrayList<>(filterFields().stream().filter(f -> !f.column().list()).toList());
        fields.addAll(List.of(Field.data("text"), Field.data("score")));
        List<Order> ordering = new ArrayList<>();
        Set<Field> used = new HashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            Field field = pick(random, fields);
            if (used.add(field)) {
                ordering.add(new Order(field, random.nextBoolean()));
            }
        }
        return ordering;
    }

    private static PageRequest randomPage(Random random, int total) {
        int size = pick(random, List.of(1, 7, 25, 100, 1000));
        int pages = Math.max(1, (total + size - 1) / size);
        return new PageRequest(1 + random.nextInt(pages + 1), size);
    }

    // ---- helpers

    /** Like assertEquals on id lists, but says what differs instead of printing thousands of ids. */
    private static void assertIds(List<Long> expected, List<Long> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        Set<Long> missing = new LinkedHashSet<>(expected);
        actual.forEach(missing::remove);
        Set<Long> unexpected = new LinkedHashSet<>(actual);
        expected.forEach(unexpected::remove);
        int same = 0;
        while (same < Math.min(expected.size(), actual.size()) && expected.get(same).equals(actual.get(same))) {
            same++;
        }
        fail(what + ": expected " + expected.size() + " ids, got " + actual.size() + "; missing " + first(missing)
                + ", unexpected " + first(unexpected) + "; first difference at index " + same + ": expected "
                + first(expected.subList(same, expected.size())) + ", got " + first(actual.subList(same,
                actual.size())));
    }

    private static String first(Collection<Long> ids) {
        return ids.stream().limit(8).map(String::valueOf)
                .collect(Collectors.joining(", ", "[", ids.size() > 8 ? ", … (" + ids.size() + ")]" : "]"));
    }

    /** Runs checks, naming the query when the store throws instead of answering. */
    private static void answered(String describe, Executable checks) throws Throwable {
        try {
            checks.execute();
        } catch (RuntimeException e) {
            throw new AssertionFailedError(describe + ": the store threw " + e, e);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String describe(TaskFilter filter) {
        return "filter " + (filter.any() ? "or" : "and") + " " + filter.items().stream()
                .map(QueryStoreTest::describe).toList();
    }

    private static String describe(FilterItem item) {
        return item.field() + " " + item.operator().wireName() + " " + item.type().wireName() + " "
                + (item.value() instanceof String s ? "\"" + s + "\"" : item.value());
    }

    private static List<Long> ids(long project, TaskSelection selection) {
        return Arrays.stream(storage.queries.ids(project, selection)).boxed().toList();
    }

    /** Every row of a project, by id. */
    private static Map<Long, TaskRow> rowsOf(long project) {
        Map<Long, TaskRow> rows = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            TaskTable table = storage.queries.page(project, new TaskQuery(TaskFilter.ALL, List.of(),
                    new PageRequest(page, 1000), null));
            table.tasks().forEach(row -> rows.put(row.id(), row));
            if (rows.size() >= table.total() || table.tasks().isEmpty()) {
                return rows;
            }
        }
    }

    private static long count(String sql, long parameter) throws SQLException {
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code sql} ends in {@code task_id IN }; the ids are bound as its list. */
    private static long countFor(String sql, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql + marks)) {
            int index = 1;
            for (long id : ids) {
                statement.setLong(index++, id);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
