package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;

/**
 * The counters and label index rows come from one definition, whichever way a task was written: an import's
 * tally in memory, a recount from the stored rows, and a single insert through JPA all give the same row.
 */
class TaskCountersTest {

    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path folder;

    private TestStorage storage;
    private long author;
    private long project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        author = storage.users.insert("ann@example.com", "hash", "Ann", "Lee", Role.ANNOTATOR).id();
        project = storage.projects.insert(new ProjectDraft("Cats", "", "<View/>", "sequential", 1), author).id();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static List<Map<String, Object>> choice(String label) {
        return List.of(Map.of("from_name", "label", "to_name", "text", "type", "choices",
                "value", Map.of("choices", List.of(label))));
    }

    /** Skipped and ground-truth completions, with and without lead times and scores, in any mix. */
    private NewTask randomTask(Random random, int i) {
        List<NewCompletion> completions = new ArrayList<>();
        for (int c = random.nextInt(4); c > 0; c--) {
            boolean cancelled = random.nextInt(4) == 0;
            completions.add(new NewCompletion(cancelled && random.nextBoolean() ? List.of()
                    : choice(random.nextBoolean() ? "Cat" : "Dog"), random.nextInt(3) == 0 ? null
                    : random.nextInt(10_000) / 7.0, cancelled, random.nextInt(5) == 0, author,
                    START.plusSeconds(random.nextInt(86_400))));
        }
        List<NewPrediction> predictions = new ArrayList<>();
        for (int p = random.nextInt(3); p > 0; p--) {
            predictions.add(new NewPrediction(choice("Bird"), random.nextInt(4) == 0 ? null
                    : random.nextInt(1000) / 1000.0, "v1"));
        }
        return new NewTask(Map.of("text", "task " + i), null, completions, predictions);
    }

    private List<NewTask> importTasks(List<NewTask> tasks) {
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project)) {
            tasks.forEach(task -> write.add(task, author));
            write.commit();
        }
        return tasks;
    }

    private Map<Long, TaskRow> rows() {
        Map<Long, TaskRow> rows = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            TaskTable table = storage.queries.page(project, new TaskQuery(TaskFilter.ALL, List.of(),
                    new PageRequest(page, 1000), null));
            table.tasks().forEach(row -> rows.put(row.id(), row));
            if (table.tasks().isEmpty() || rows.size() >= table.total()) {
                return rows;
            }
        }
    }

    @Test
    void aRecountFromTheStoredRowsAgreesWithWhatTheImportTallied() throws Exception {
        Random random = new Random(7);
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < 2300; i++) {
            tasks.add(randomTask(random, i));
        }
        importTasks(tasks);
        Map<Long, TaskRow> imported = rows();

        try (Connection connection = storage.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            TaskCounters.recount(connection, imported.keySet().stream().mapToLong(Long::longValue).toArray());
            connection.commit();
        }

        assertEquals(imported, rows());
    }

    @Test
    void aTaskInsertedByItselfGetsTheRowAnImportGivesIt() {
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            NewTask task = randomTask(random, i);
            long single = storage.tasks.insert(project, task, author).id();
            importTasks(List.of(task));
            Map<Long, TaskRow> rows = rows();
            long imported = rows.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(counters(rows.get(imported)), counters(rows.get(single)), "task " + i + ": " + task);
        }
    }

    /** What a row says about its completions and predictions. */
    private static List<Object> counters(TaskRow row) {
        return List.of(row.completions(), row.skipped(), row.predictions(), String.valueOf(row.predictionScore()),
                row.annotators(), row.completionResults(), row.predictionResults(), row.reviewsUp(),
                row.reviewsDown(), row.groundTruth(), String.valueOf(row.completedAt()),
                String.valueOf(row.leadTime()));
    }
}
