package io.labelhub.dm.storage.jpa.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.storage.TaskBulkStore;

/**
 * The storage's share of an import: writes N tasks (default 1,000,000) shaped like the import benchmark's (one
 * completion and one prediction each, one choice in each) through the bulk store on each database of
 * {@code -Dbenchmark.databases} (default {@code derby,postgresql}, {@link TestDatabase}), without HTTP,
 * JSON parsing or label-config checks, and prints tasks/s. Subtracted from the import benchmark's figure it tells what
 * the rest of the server costs; on its own it is the floor an import of this shape cannot go below on this database.
 * Run with {@code mvn -B -pl bundles/io.labelhub.dm.storage.jpa -Pbenchmark verify
 * -Dbenchmark.main=io.labelhub.dm.storage.jpa.internal.BulkImportBenchmark [-Dbenchmark.tasks=N]}.
 */
public final class BulkImportBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String[] LABELS = {"Cat", "Dog"};

    private BulkImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 1_000_000);
        for (String database : System.getProperty("benchmark.databases", "derby,postgresql").split(",")) {
            System.setProperty(TestDatabase.PROPERTY, database.strip());
            OUT.print(database.strip() + ": ");
            run(tasks);
        }
    }

    private static void run(int tasks) throws Exception {
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", "target")),
                "import-benchmark-");
        try (TestStorage storage = new TestStorage(folder)) {
            User author = storage.users.insert("bench@bench.local", "not-a-real-hash", "B", "B", Role.ANNOTATOR);
            Project project = storage.projects.insert(new ProjectDraft("Benchmark", null, "<View/>", "sequential", 1),
                    author.id());
            Instant created = Instant.parse("2026-01-01T00:00:00Z");
            long started = System.nanoTime();
            try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project.id())) {
                for (int i = 0; i < tasks; i++) {
                    String label = LABELS[i % 2];
                    NewCompletion completion = new NewCompletion(DataManagerBenchmark.result(label), (i % 97) / 7.0,
                            false, false, author.id(), created);
                    NewPrediction prediction = new NewPrediction(DataManagerBenchmark.result(LABELS[(i + 1) % 2]),
                            (i % 1000) / 1000.0, "bench");
                    write.add(new NewTask(Map.of("text", "Task number " + i + ": a short sentence about a " + label
                            + " to label."), null, List.of(completion), List.of(prediction)), author.id());
                }
                write.commit();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            OUT.printf(Locale.ROOT, "bulk store wrote %,d tasks, %,d completions, %,d predictions, %,d label rows "
                    + "in %.1f s: %,.0f tasks/s (%.1f µs per task)%n", tasks, tasks, tasks, 2L * tasks, seconds,
                    tasks / seconds, seconds * 1e6 / tasks);
        } finally {
            if (!Boolean.getBoolean("benchmark.keep")) {
                DataManagerBenchmark.delete(folder);
            }
        }
    }
}
