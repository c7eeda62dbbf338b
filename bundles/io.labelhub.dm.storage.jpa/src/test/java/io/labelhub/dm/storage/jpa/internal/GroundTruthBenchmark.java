package io.labelhub.dm.storage.jpa.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.gt.CompletionCondition;
import io.labelhub.dm.api.gt.CompletionField;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.GroundTruthSample;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.storage.TaskBulkStore;

/**
 * The GT Manager's sampler on N completions (default 1,000,000: N/2 tasks with two completions each by two of 20
 * annotators, one class of 10 each, one in 20 skipped) on embedded Derby, beside a floor measured in the same run on
 * the same rows: reading the ids of the project's completions that were not skipped, as the sampler's one read does,
 * with nothing drawn or written. Run with {@code mvn -B -pl bundles/io.labelhub.dm.storage.jpa -Pbenchmark verify
 * -Dbenchmark.main=io.labelhub.dm.storage.jpa.internal.GroundTruthBenchmark [-Dbenchmark.tasks=N]} after
 * {@code mvn -B install -DskipTests}; {@code benchmark.tasks} counts completions here.
 */
public final class GroundTruthBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String[] CLASSES = {"Cat", "Dog", "Bird", "Fish", "Cow", "Horse", "Sheep", "Goat", "Duck",
        "Frog"};
    private static final int ANNOTATORS = 20;
    private static final int RUNS = 3;

    private GroundTruthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int completions = Integer.getInteger("benchmark.tasks", 1_000_000);
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", "target")),
                "gt-benchmark-");
        try (TestStorage storage = new TestStorage(folder)) {
            List<User> annotators = new ArrayList<>();
            for (int i = 0; i < ANNOTATORS; i++) {
                annotators.add(storage.users.insert("annotator" + i + "@bench.local", "not-a-real-hash", "A", "" + i,
                        Role.ANNOTATOR));
            }
            Project project = storage.projects.insert(new ProjectDraft("GT benchmark", null, "<View/>", "sequential",
                    2), annotators.get(0).id());
            long started = System.nanoTime();
            generate(storage.bulk, project.id(), completions / 2, annotators);
            OUT.printf(Locale.ROOT, "generated %,d tasks with %,d completions in %.1f s%n", completions / 2,
                    completions, (System.nanoTime() - started) / 1e9);
            long projectId = project.id();

            double floor = best("floor: read the ids of the completions not skipped", () -> floor(storage, projectId));
            double count = best("floor: SELECT COUNT(*) of them", () -> count(storage, projectId));
            CompletionFilter catsQuick = new CompletionFilter(false, List.of(
                    new CompletionCondition(CompletionField.LABEL, Operator.CONTAINS, LabelMatch.of("Cat")),
                    new CompletionCondition(CompletionField.LEAD_TIME, Operator.LESS, 30.0)));
            for (Object[] run : new Object[][] {{"sample 10% of all", CompletionFilter.ALL, 10.0},
                {"sample 50% of all", CompletionFilter.ALL, 50.0},
                {"sample 10% of Cat AND lead_time < 30", catsQuick, 10.0}}) {
                CompletionFilter filter = (CompletionFilter) run[1];
                double percent = (Double) run[2];
                double fastest = Double.MAX_VALUE;
                GroundTruthSample sample = null;
                double resetSeconds = 0;
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    sample = storage.groundTruth.sample(projectId, filter, percent, 1000 + i);
                    fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
                    long resetStart = System.nanoTime();
                    storage.groundTruth.reset(projectId);
                    resetSeconds = (System.nanoTime() - resetStart) / 1e9;
                }
                OUT.printf(Locale.ROOT, "%-42s best of %d %6.2f s  (%,d matched, %,d marked)  %4.1fx the floor; "
                        + "reset %.2f s%n", run[0], RUNS, fastest, sample.matched(), sample.marked(), fastest / floor,
                        resetSeconds);
            }
            OUT.printf(Locale.ROOT, "floor (read ids) %.2f s, COUNT(*) %.2f s%n", floor, count);
        } finally {
            if (!Boolean.getBoolean("benchmark.keep")) {
                DataManagerBenchmark.delete(folder);
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
                List<NewCompletion> completions = List.of(completion(random, annotators.get(first).id(), start),
                        completion(random, annotators.get(second).id(), start));
                write.add(new NewTask(Map.of("text", "task " + i), null, completions, List.of()),
                        annotators.get(0).id());
            }
            write.commit();
        }
    }

    private static NewCompletion completion(Random random, long author, Instant start) {
        boolean skipped = random.nextInt(20) == 0;
        return new NewCompletion(skipped ? List.of() : DataManagerBenchmark.result(CLASSES[random.nextInt(
                CLASSES.length)]), 5 + random.nextDouble() * 60, skipped, false, author,
                start.plusSeconds(random.nextInt(30 * 86400)));
    }

    /** What the sampler's read costs by itself: the same join and conditions, every id read, nothing else. */
    private static long floor(TestStorage storage, long projectId) throws SQLException {
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT c.id, c.task_id, t.ground_truth "
                     + "FROM task t JOIN completion c ON c.task_id = t.id WHERE t.project_id = ? "
                     + "AND c.was_cancelled = FALSE")) {
            select.setLong(1, projectId);
            select.setFetchSize(1000);
            long sum = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sum += rows.getLong(1) + rows.getLong(2) + (rows.getBoolean(3) ? 1 : 0);
                }
            }
            return sum;
        }
    }

    private static long count(TestStorage storage, long projectId) throws SQLException {
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM task t JOIN completion c "
                     + "ON c.task_id = t.id WHERE t.project_id = ? AND c.was_cancelled = FALSE")) {
            select.setLong(1, projectId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The best of {@value #RUNS} runs after one to warm up, printed; in seconds. */
    private static double best(String name, Callable<Long> action) throws Exception {
        action.call();
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.call();
            fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
        }
        OUT.printf(Locale.ROOT, "%-52s best of %d %6.2f s%n", name, RUNS, fastest);
        return fastest;
    }
}
