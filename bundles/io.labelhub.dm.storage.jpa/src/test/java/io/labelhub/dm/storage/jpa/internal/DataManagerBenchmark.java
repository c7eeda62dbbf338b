package io.labelhub.dm.storage.jpa.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskExportStore;
import io.labelhub.dm.storage.jpa.internal.query.JdbcTaskQueryStore;

/**
 * Builds a project of N tasks (default 1,000,000) with two completions each by two of 20 annotators, one class of
 * 10 per completion and one scored prediction, through the storage services, then times the Data Manager's
 * queries (p50/p95 over repeated runs), an export of every task (beside a raw SELECT), a bulk delete of 10% and the
 * first query after a restart — on each database of {@code -Dbenchmark.databases} (default {@code derby,postgresql},
 * {@link TestDatabase}), printed side by side at the end. Run with
 * {@code mvn -B -pl bundles/io.labelhub.dm.storage.jpa -Pbenchmark verify [-Dbenchmark.tasks=N]} after
 * {@code mvn -B install -DskipTests}; the JVM has a 1 GB heap.
 */
public final class DataManagerBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String[] CLASSES = {"Cat", "Dog", "Bird", "Fish", "Cow", "Horse", "Sheep", "Goat", "Duck",
        "Frog"};
    private static final int ANNOTATORS = 20;
    private static final int RUNS = 20;

    private DataManagerBenchmark() {
    }

    /** Row name, then database, then the figure as printed. */
    private static final Map<String, Map<String, String>> FIGURES = new LinkedHashMap<>();
    private static String database;

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 1_000_000);
        List<String> databases = List.of(System.getProperty("benchmark.databases", "derby,postgresql").split(","));
        for (String name : databases) {
            database = name.strip();
            System.setProperty(TestDatabase.PROPERTY, database);
            OUT.println("== " + database);
            run(tasks);
        }
        OUT.printf(Locale.ROOT, "%n%,d tasks, %,d completions by %d annotators, %,d predictions%n", tasks, 2L * tasks,
                ANNOTATORS, (long) tasks);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-52s", "work"));
        databases.forEach(d -> header.append(String.format(Locale.ROOT, " | %-34s", d.strip())));
        OUT.println(header);
        FIGURES.forEach((row, byDatabase) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-52s", row));
            databases.forEach(d -> line.append(String.format(Locale.ROOT, " | %-34s",
                    byDatabase.getOrDefault(d.strip(), "-"))));
            OUT.println(line);
        });
    }

    private static void record(String row, String figure) {
        FIGURES.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(database, figure);
        OUT.printf(Locale.ROOT, "%-52s %s%n", row, figure);
    }

    private static void run(int tasks) throws Exception {
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", "target")),
                "dm-benchmark-");
        TestStorage storage = new TestStorage(folder);
        try {
            List<User> annotators = new ArrayList<>();
            for (int i = 0; i < ANNOTATORS; i++) {
                annotators.add(storage.users.insert("annotator" + i + "@bench.local", "not-a-real-hash", "A", "" + i,
                        Role.ANNOTATOR));
            }
            Project project = storage.projects.insert(new ProjectDraft("Benchmark", null, "<View/>", "sequential", 1),
                    annotators.get(0).id());
            long started = System.nanoTime();
            generate(storage.bulk, project.id(), tasks, annotators);
            double seconds = (System.nanoTime() - started) / 1e9;
            record("import through storage (BulkWrite)", String.format(Locale.ROOT, "%.1f s (%,.0f tasks/s)",
                    seconds, tasks / seconds));

            long x = annotators.get(3).id();
            FilterItem cat = new FilterItem(Field.of(Column.COMPLETION_RESULTS), Operator.CONTAINS, ValueType.LIST,
                    LabelMatch.of("Cat"));
            FilterItem byX = new FilterItem(Field.of(Column.ANNOTATORS), Operator.CONTAINS, ValueType.LIST, x);
            TaskFilter seed = new TaskFilter(false, List.of(cat, byX));
            TaskFilter strict = new TaskFilter(false, List.of(new FilterItem(Field.of(Column.COMPLETION_RESULTS),
                    Operator.CONTAINS, ValueType.LIST, new LabelMatch("Cat", null, x))));
            TaskFilter foo = new TaskFilter(false, List.of(new FilterItem(Field.data("text"), Operator.CONTAINS,
                    ValueType.STRING, "foo")));
            List<Order> byScore = List.of(new Order(Field.of(Column.PREDICTION_SCORE), true));
            JdbcTaskQueryStore queries = storage.queries;
            long projectId = project.id();
            long seedTotal = queries.found(projectId, seed).tasks();
            int deepPage = Math.max(1, (int) Math.min(1000, seedTotal / 10));

            time("(a) first page of 100, no filter", () -> queries.page(projectId,
                    new TaskQuery(TaskFilter.ALL, List.of(), new PageRequest(1, 100), null)).total());
            time("(b) contains Cat AND by annotator X, page 1", () -> queries.page(projectId,
                    new TaskQuery(seed, List.of(), new PageRequest(1, 100), null)).total());
            time("(b') one completion by X containing Cat, page 1", () -> queries.page(projectId,
                    new TaskQuery(strict, List.of(), new PageRequest(1, 100), null)).total());
            time("(c) (b) ordered by -prediction_score", () -> queries.page(projectId,
                    new TaskQuery(seed, byScore, new PageRequest(1, 100), null)).total());
            time("(d) (b) page " + deepPage + " of 10", () -> queries.page(projectId,
                    new TaskQuery(seed, List.of(), new PageRequest(deepPage, 10), null)).total());
            time("(e) Found totals of (b)", () -> queries.found(projectId, seed).tasks());
            time("(e') Found totals, no filter", () -> queries.found(projectId, TaskFilter.ALL).tasks());
            time("(f) data.text contains \"foo\", page 1", () -> queries.page(projectId,
                    new TaskQuery(foo, List.of(), new PageRequest(1, 100), null)).total());

            // the same queries through the database's indexes alone (the task index off): what the index saves
            JdbcTaskQueryStore unindexed = storage.unindexedQueries;
            time("  (b) without the task index", () -> unindexed.page(projectId,
                    new TaskQuery(seed, List.of(), new PageRequest(1, 100), null)).total());
            time("  (c) without the task index", () -> unindexed.page(projectId,
                    new TaskQuery(seed, byScore, new PageRequest(1, 100), null)).total());
            time("  (e) without the task index", () -> unindexed.found(projectId, seed).tasks());

            // while annotators label: a completion added (by X, with Cat) before each query, which the index then
            // catches up with by re-reading that one task
            List<Long> taskIds = queries.page(projectId, new TaskQuery(TaskFilter.ALL, List.of(),
                    new PageRequest(1, 1000), null)).tasks().stream().map(io.labelhub.dm.api.query.TaskRow::id)
                    .toList();
            int[] next = {0};
            io.labelhub.dm.api.storage.TaskRepository writer = storage.tasks;
            timeAfter("(b) right after a completion is added", () -> writer.insertCompletion(
                    taskIds.get(next[0]++ % taskIds.size()), new NewCompletion(result("Cat"), 5.0, false, false, x,
                            null), x), () -> queries.page(projectId,
                    new TaskQuery(seed, List.of(), new PageRequest(1, 100), null)).total());
            timeAfter("(e) right after a completion is added", () -> writer.insertCompletion(
                    taskIds.get(next[0]++ % taskIds.size()), new NewCompletion(result("Dog"), 5.0, false, false, x,
                            null), x), () -> queries.found(projectId, seed).tasks());

            exportAll(storage, projectId);

            TaskFilter tenth = new TaskFilter(false, List.of(new FilterItem(Field.of(Column.PREDICTION_SCORE),
                    Operator.LESS, ValueType.NUMBER, 0.1)));
            long deleteStart = System.nanoTime();
            long deleted = storage.bulk.deleteTasks(projectId, TaskSelection.matching(tenth));
            record("(g) delete 10% by filter (prediction_score < 0.1)", String.format(Locale.ROOT,
                    "%.1f s (%,d tasks)", (System.nanoTime() - deleteStart) / 1e9, deleted));

            // a restart: the storage made anew on the same database, its first query timed once
            storage.close();
            storage = new TestStorage(folder);
            JdbcTaskQueryStore fresh = storage.queries;
            long restarted = System.nanoTime();
            long matched = fresh.page(projectId, new TaskQuery(seed, List.of(), new PageRequest(1, 100), null))
                    .total();
            record("(h) first (b) after a restart", String.format(Locale.ROOT, "%.1f ms (%,d match)",
                    (System.nanoTime() - restarted) / 1e6, matched));
            restarted = System.nanoTime();
            long found = fresh.found(projectId, seed).tasks();
            record("(h') then its Found totals (the counters loaded)", String.format(Locale.ROOT,
                    "%.1f ms (%,d match)", (System.nanoTime() - restarted) / 1e6, found));
        } finally {
            storage.close();
            if (!Boolean.getBoolean("benchmark.keep")) {
                delete(folder);
            }
        }
    }

    /**
     * The storage's export cursor over every task with its completions and predictions, beside a floor: one raw
     * SELECT of the same rows (tasks joined to their completions), streamed.
     */
    private static void exportAll(TestStorage storage, long projectId) throws Exception {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long count = 0;
        try (TaskExportStore.TaskCursor cursor = storage.exports.tasks(projectId,
                new TaskExportStore.Selection(false, false, null))) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        double export = (System.nanoTime() - started) / 1e9;
        long heap = peakHeap() >> 20;
        started = System.nanoTime();
        long rows = 0;
        try (Connection connection = storage.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT t.id, t.data, c.result "
                    + "FROM task t LEFT JOIN completion c ON c.task_id = t.id WHERE t.project_id = ? ORDER BY t.id")) {
                select.setFetchSize(1000);
                select.setLong(1, projectId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows += rs.getString(2).length() + (rs.getString(3) == null ? 0 : 1);
                    }
                }
            }
            connection.rollback();
        }
        double floor = (System.nanoTime() - started) / 1e9;
        record("export cursor, every task with children", String.format(Locale.ROOT,
                "%.1f s, heap %,d MB (%,d tasks)", export, heap, count));
        record("  floor: raw SELECT of tasks + completions", String.format(Locale.ROOT, "%.1f s (ratio %.1f)",
                floor, export / floor));
    }

    private static void generate(TaskBulkStore bulk, long projectId, int tasks, List<User> annotators) {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (TaskBulkStore.BulkWrite write = bulk.begin(projectId)) {
            for (int i = 0; i < tasks; i++) {
                int first = random.nextInt(ANNOTATORS);
                int second = (first + 1 + random.nextInt(ANNOTATORS - 1)) % ANNOTATORS;
                List<NewCompletion> completions = List.of(
                        completion(random, annotators.get(first).id(), start.plusSeconds(random.nextInt(30 * 86400))),
                        completion(random, annotators.get(second).id(), start.plusSeconds(random.nextInt(30 * 86400))));
                String text = "task " + i + (random.nextInt(100) == 0 ? " with foo inside" : " plain words");
                write.add(new NewTask(Map.of("text", text), null, completions, List.of(new NewPrediction(
                        result(CLASSES[random.nextInt(CLASSES.length)]), random.nextDouble(), "v1"))),
                        annotators.get(0).id());
            }
            write.commit();
        }
    }

    private static NewCompletion completion(Random random, long author, Instant at) {
        return new NewCompletion(result(CLASSES[random.nextInt(CLASSES.length)]), 5 + random.nextDouble() * 60,
                false, false, author, at);
    }

    static List<Map<String, Object>> result(String label) {
        return List.of(Map.of("from_name", "label", "to_name", "text", "type", "choices", "value",
                Map.of("choices", List.of(label))));
    }

    /** Runs an action 3 times to warm up, then {@value #RUNS} times, and prints p50/p95. */
    private static void time(String name, Callable<Long> action) throws Exception {
        timeAfter(name, () -> null, action);
    }

    /** Like {@link #time}, with {@code before} run untimed before each timed action. */
    private static void timeAfter(String name, Callable<?> before, Callable<Long> action) throws Exception {
        long result = 0;
        for (int i = 0; i < 3; i++) {
            before.call();
            result = action.call();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            before.call();
            long started = System.nanoTime();
            action.call();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        record(name, String.format(Locale.ROOT, "p50 %7.1f  p95 %7.1f ms (%,d)", millis[RUNS / 2],
                millis[(int) Math.ceil(RUNS * 0.95) - 1], result));
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static void delete(Path folder) throws java.io.IOException {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
