package io.labelhub.dm.storage.jpa.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.labelhub.dm.storage.jpa.internal.query.JdbcTaskQueryStore;

/**
 * Builds a project of N tasks (default 1,000,000) with two completions each by two of 20 annotators, one class of
 * 10 per completion and one scored prediction, through the storage services on embedded Derby, then times the Data
 * Manager's queries (p50/p95 over repeated runs) and a bulk delete of 10%. Run with
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

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 1_000_000);
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", "target")),
                "dm-benchmark-");
        try (TestStorage storage = new TestStorage(folder)) {
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
            OUT.printf(Locale.ROOT, "generated %,d tasks, %,d completions, %,d predictions in %.1f s (%,.0f tasks/s)%n",
                    tasks, 2L * tasks, (long) tasks, seconds, tasks / seconds);

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
            time("(f) data.text contains \"foo\", page 1", () -> queries.page(projectId,
                    new TaskQuery(foo, List.of(), new PageRequest(1, 100), null)).total());

            TaskFilter tenth = new TaskFilter(false, List.of(new FilterItem(Field.of(Column.PREDICTION_SCORE),
                    Operator.LESS, ValueType.NUMBER, 0.1)));
            long deleteStart = System.nanoTime();
            long deleted = storage.bulk.deleteTasks(projectId, TaskSelection.matching(tenth));
            OUT.printf(Locale.ROOT, "(g) delete the %,d tasks with prediction_score < 0.1: %.1f s%n", deleted,
                    (System.nanoTime() - deleteStart) / 1e9);
            OUT.printf(Locale.ROOT, "peak heap used: %,d MB (max %,d MB)%n", peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            if (!Boolean.getBoolean("benchmark.keep")) {
                delete(folder);
            }
        }
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
        long result = 0;
        for (int i = 0; i < 3; i++) {
            result = action.call();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            action.call();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        OUT.printf(Locale.ROOT, "%-50s p50 %8.1f ms  p95 %8.1f ms  (%,d tasks match)%n", name,
                millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1], result);
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
