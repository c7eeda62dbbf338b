package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskExportStore;
import io.labelhub.dm.storage.jpa.internal.schema.SchemaMigrations;

class StorageTest {

    private static final List<Map<String, Object>> CAT = List.of(Map.of("from_name", "label", "to_name", "text",
            "type", "choices", "value", Map.of("choices", List.of("Cat"))));

    @TempDir
    Path folder;

    private TestStorage storage;
    private User author;
    private Project project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        author = storage.users.insert("ann@example.com", "hash", "Ann", "Lee", Role.ANNOTATOR);
        project = storage.projects.insert(new ProjectDraft("Cats", "", "<View/>", "sequential", 1), author.id());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static NewCompletion completion(boolean skipped, boolean groundTruth) {
        return new NewCompletion(skipped ? List.of() : CAT, 3.5, skipped, groundTruth);
    }

    private Task task(List<NewCompletion> completions, List<NewPrediction> predictions) {
        return storage.tasks.insert(project.id(), new NewTask(Map.of("text", "a cat"), null, completions,
                predictions), author.id());
    }

    @Test
    void schemaIsVersionedAndMigratingAgainChangesNothing() throws Exception {
        assertEquals(SchemaMigrations.latestVersion(), storage.schema.schemaVersion());
        assertEquals(SchemaMigrations.latestVersion(), SchemaMigrations.migrate(storage.dataSource));
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rs.next();
            assertEquals(SchemaMigrations.STEPS.size(), rs.getInt(1));
        }
        assertEquals(storage.database.product(), storage.schema.databaseProduct());
        assertTrue(storage.schema.isReachable());
        // one identity, made with the database, kept by a second migration
        assertEquals(36, storage.server.id().length());
        assertEquals(storage.server.id(), new io.labelhub.dm.storage.jpa.internal.repository.JdbcServerIdentity(
                storage.dataSource, storage.schema).id());
    }

    @Test
    void aStepNumberedBelowTheNewestIsStillAppliedWhenItIsMissing() throws Exception {
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE review_handout");
            s.execute("DROP TABLE review");
            s.execute("DELETE FROM schema_version WHERE version = 8");
        }
        assertEquals(SchemaMigrations.latestVersion(), SchemaMigrations.migrate(storage.dataSource));
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM review")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version WHERE version = 8")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    /**
     * A database of an earlier version with data in it — the two newest steps undone — is upgraded by the next start:
     * the step is applied, the rows are all still there and read with the new column.
     */
    @Test
    void aDatabaseOfThePreviousVersionIsUpgradedWithItsDataKept() throws Exception {
        Task created = task(List.of(completion(false, true)), List.of(new NewPrediction(CAT, 0.5, "v1")));
        // back to version 13: steps 14 (a column), 15 (PostgreSQL's trigram index), 16 (the task index's version
        // and change log) and 17 (children's foreign keys dropped) undone
        try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!TestDatabase.isPostgresql()) {
                s.execute("DROP INDEX ix_completion_task");
                s.execute("DROP INDEX ix_prediction_task");
            }
            s.execute("ALTER TABLE completion ADD CONSTRAINT fk_completion_task FOREIGN KEY (task_id) "
                    + "REFERENCES task (id)");
            s.execute("ALTER TABLE completion ADD CONSTRAINT fk_completion_user FOREIGN KEY (completed_by) "
                    + "REFERENCES app_user (id) ON DELETE SET NULL");
            s.execute("ALTER TABLE prediction ADD CONSTRAINT fk_prediction_task FOREIGN KEY (task_id) "
                    + "REFERENCES task (id)");
            s.execute("DROP TABLE task_change");
            s.execute("DROP TABLE project_version");
            s.execute("ALTER TABLE completion DROP COLUMN flagged");
            if (TestDatabase.isPostgresql()) {
                s.execute("DROP INDEX " + SchemaMigrations.DATA_SEARCH_INDEX);
            }
            s.execute("DELETE FROM schema_version WHERE version > 13");
        }
        storage.close();
        storage = new TestStorage(folder);

        assertEquals(SchemaMigrations.latestVersion(), storage.schema.schemaVersion());
        Task read = storage.tasks.find(created.id(), true).orElseThrow();
        assertEquals(Map.of("text", "a cat"), read.data());
        assertEquals(CAT, read.completions().get(0).result());
        assertTrue(read.groundTruth());
        assertEquals(null, read.completions().get(0).flagged());
        assertEquals(0.5, read.predictions().get(0).score());
        assertEquals("Cats", storage.projects.find(project.id()).orElseThrow().title());
        // the project existing before step 16 got its version, so the task index serves it and sees its changes
        TaskFilter cat = new TaskFilter(false, List.of(new FilterItem(Field.of(Column.COMPLETION_RESULTS),
                Operator.CONTAINS, ValueType.LIST, LabelMatch.of("Cat"))));
        assertEquals(1, storage.queries.found(project.id(), cat).tasks());
        assertEquals(List.of(), foreignKeysOf("completion"), "step 17 dropped them");
        assertEquals(List.of(), foreignKeysOf("prediction"));
        storage.tasks.delete(created.id());
        assertEquals(0, storage.queries.found(project.id(), cat).tasks());
        assertEquals(0, rowsOfTask("completion", created.id()) + rowsOfTask("prediction", created.id()));
        if (TestDatabase.isPostgresql()) {
            try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_indexes WHERE indexname = '"
                         + SchemaMigrations.DATA_SEARCH_INDEX + "'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the trigram index is made again");
            }
        }
    }

    @Test
    void aSessionAnswersForItsActiveUserUntilItRunsOutOrTheirPasswordChanges() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T09:00:00Z");
        storage.sessions.insert("a".repeat(64), author.id(), "csrf-a", now, now.plusSeconds(3600));
        storage.sessions.insert("b".repeat(64), author.id(), "csrf-b", now, now.plusSeconds(60));
        assertEquals("csrf-a", storage.sessions.find("a".repeat(64), now).orElseThrow().csrfToken());
        assertEquals(author.id(), storage.sessions.find("a".repeat(64), now).orElseThrow().user().id());
        assertTrue(storage.sessions.find("b".repeat(64), now.plusSeconds(60)).isEmpty(), "ran out");
        assertTrue(storage.sessions.find("c".repeat(64), now).isEmpty(), "never opened");
        assertEquals(1, storage.sessions.deleteExpired(now.plusSeconds(61)));

        storage.users.update(author.id(), null, null, null, false, null);
        assertTrue(storage.sessions.find("a".repeat(64), now).isEmpty(), "a deactivated user's sessions end");
        storage.users.update(author.id(), null, null, null, true, null);
        assertTrue(storage.sessions.find("a".repeat(64), now).isEmpty(), "and stay ended");
        storage.sessions.insert("d".repeat(64), author.id(), "csrf-d", now, now.plusSeconds(3600));
        storage.users.setPasswordHash(author.id(), "other-hash");
        assertTrue(storage.sessions.find("d".repeat(64), now).isEmpty(), "a new password ends them");
        storage.sessions.insert("e".repeat(64), author.id(), "csrf-e", now, now.plusSeconds(3600));
        storage.sessions.delete("e".repeat(64));
        assertTrue(storage.sessions.find("e".repeat(64), now).isEmpty(), "signed out");
    }

    @Test
    void taskIsStoredWithItsCompletionsPredictionsAndCounters() {
        Task created = task(List.of(completion(false, true), completion(true, false)),
                List.of(new NewPrediction(CAT, 0.75, "v1")));

        Task read = storage.tasks.find(created.id(), true).orElseThrow();
        assertEquals(Map.of("text", "a cat"), read.data());
        assertEquals(1, read.completionCount());
        assertEquals(1, read.skippedCount());
        assertEquals(1, read.predictionCount());
        assertTrue(read.groundTruth());
        assertEquals(2, read.completions().size());
        assertEquals(CAT, read.completions().get(0).result());
        assertEquals(author.id(), read.completions().get(0).completedBy());
        assertEquals(3.5, read.completions().get(0).leadTime());
        assertEquals(0.75, read.predictions().get(0).score());
        assertEquals("v1", read.predictions().get(0).modelVersion());
        assertEquals(created.createdAt(), read.createdAt());
        assertEquals(1, storage.projects.find(project.id()).orElseThrow().taskCount());
    }

    @Test
    void countersFollowEveryChangeToCompletionsAndPredictions() {
        Task task = task(List.of(), List.of());
        Completion first = storage.tasks.insertCompletion(task.id(), completion(false, false), author.id())
                .orElseThrow();
        Completion second = storage.tasks.insertCompletion(task.id(), completion(false, false), author.id())
                .orElseThrow();
        Prediction prediction = storage.tasks.insertPrediction(task.id(), new NewPrediction(CAT, 0.5, null))
                .orElseThrow();
        assertCounters(task.id(), 2, 0, 1, false);

        storage.tasks.updateCompletion(second.id(), new CompletionPatch(null, null, true, null));
        assertCounters(task.id(), 1, 1, 1, false);

        storage.tasks.updateCompletion(first.id(), new CompletionPatch(null, null, null, true));
        assertCounters(task.id(), 1, 1, 1, true);

        assertTrue(storage.tasks.deleteCompletion(first.id()));
        assertCounters(task.id(), 0, 1, 1, false);

        assertTrue(storage.tasks.deletePrediction(prediction.id()));
        assertCounters(task.id(), 0, 1, 0, false);
        assertFalse(storage.tasks.deletePrediction(prediction.id()));
    }

    @Test
    void aTaskHasAtMostOneGroundTruthCompletion() {
        Task task = task(List.of(completion(false, true)), List.of());
        Completion other = storage.tasks.insertCompletion(task.id(), completion(false, true), author.id())
                .orElseThrow();

        List<Completion> completions = storage.tasks.find(task.id(), true).orElseThrow().completions();
        assertEquals(List.of(false, true), completions.stream().map(Completion::groundTruth).toList());
        assertEquals(other.id(), completions.get(1).id());
        assertCounters(task.id(), 2, 0, 0, true);
    }

    @Test
    void deletingATaskTakesItsCompletionsAndPredictionsAndNothingElse() {
        Task doomed = task(List.of(completion(false, false)), List.of(new NewPrediction(CAT, 0.1, null)));
        Task kept = task(List.of(completion(false, false)), List.of());
        long completionId = storage.tasks.find(doomed.id(), true).orElseThrow().completions().get(0).id();
        long predictionId = storage.tasks.find(doomed.id(), true).orElseThrow().predictions().get(0).id();

        assertTrue(storage.tasks.delete(doomed.id()));

        assertTrue(storage.tasks.find(doomed.id(), false).isEmpty());
        assertTrue(storage.tasks.findCompletion(completionId).isEmpty());
        assertTrue(storage.tasks.findPrediction(predictionId).isEmpty());
        assertEquals(1, storage.tasks.find(kept.id(), true).orElseThrow().completions().size());
        assertFalse(storage.tasks.delete(doomed.id()));
    }

    /** No foreign key checks a child's task (step 17): the code that writes one does, under the task's lock. */
    @Test
    void aCompletionOrPredictionForATaskThatIsGoneIsRefusedAndLeavesNoRow() throws Exception {
        Task gone = task(List.of(), List.of());
        assertTrue(storage.tasks.delete(gone.id()));

        assertTrue(storage.tasks.insertCompletion(gone.id(), completion(false, false), author.id()).isEmpty());
        assertTrue(storage.tasks.insertPrediction(gone.id(), new NewPrediction(CAT, 0.5, null)).isEmpty());
        assertEquals(0, rowsOfTask("completion", gone.id()));
        assertEquals(0, rowsOfTask("prediction", gone.id()));
        assertEquals(0, rowsOfTask("task_label", gone.id()));
    }

    private long rowsOfTask(String table, long taskId) throws SQLException {
        try (Connection c = storage.dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table
                     + " WHERE task_id = ?")) {
            s.setLong(1, taskId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> foreignKeysOf(String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = storage.dataSource.getConnection()) {
            String name = TestDatabase.isPostgresql() ? table : table.toUpperCase(Locale.ROOT);
            try (ResultSet rs = c.getMetaData().getImportedKeys(null, null, name)) {
                while (rs.next()) {
                    keys.add(rs.getString("FK_NAME"));
                }
            }
        }
        return keys;
    }

    @Test
    void deletingAProjectTakesItsTasks() {
        Task task = task(List.of(completion(false, false)), List.of());
        assertTrue(storage.projects.delete(project.id()));
        assertTrue(storage.tasks.find(task.id(), false).isEmpty());
        assertTrue(storage.projects.find(project.id()).isEmpty());
        assertThrows(NotFoundException.class, () -> task(List.of(), List.of()));
    }

    @Test
    void tasksArePagedByIdWithTheTotal() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(task(List.of(), List.of()).id());
        }
        var page = storage.tasks.list(project.id(), new PageRequest(2, 3));
        assertEquals(7, page.total());
        assertEquals(ids.subList(3, 6), page.items().stream().map(Task::id).toList());
        assertEquals(1, storage.tasks.list(project.id(), new PageRequest(3, 3)).items().size());
    }

    @Test
    void concurrentCompletionsOnOneTaskAreAllCounted() throws Exception {
        Task task = task(List.of(), List.of());
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        storage.tasks.insertCompletion(task.id(), completion((n + i) % 4 == 0, false), author.id())
                                .orElseThrow();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        Task read = storage.tasks.find(task.id(), true).orElseThrow();
        long skipped = read.completions().stream().filter(Completion::wasCancelled).count();
        assertEquals(threads * perThread, read.completions().size());
        assertEquals(threads * perThread - skipped, read.completionCount());
        assertEquals(skipped, read.skippedCount());
    }

    @Test
    void aBulkImportIsAllOrNothingAndKeepsCountersExact() {
        Task before = task(List.of(), List.of());
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project.id())) {
            for (int i = 0; i < 2500; i++) {
                write.add(new NewTask(Map.of("text", "t" + i), i % 2 == 0 ? Map.of("row", i) : null,
                        List.of(completion(i % 5 == 0, i % 7 == 0)), List.of(new NewPrediction(CAT, i / 2500.0, "m"))),
                        author.id());
            }
            assertEquals(2500, write.taskCount());
            // not committed: closing undoes it all
        }
        assertEquals(1, storage.tasks.list(project.id(), new PageRequest(1, 10)).total());

        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project.id())) {
            for (int i = 0; i < 2500; i++) {
                write.add(new NewTask(Map.of("text", "t" + i), null,
                        List.of(completion(i % 5 == 0, i % 7 == 0)), List.of(new NewPrediction(CAT, 0.5, "m"))),
                        author.id());
            }
            write.commit();
            assertEquals(2500, write.completionCount());
            assertEquals(2500, write.predictionCount());
        }
        var page = storage.tasks.list(project.id(), new PageRequest(1, 1000));
        assertEquals(2501, page.total());
        Task imported = storage.tasks.find(page.items().get(1).id(), true).orElseThrow();
        assertEquals(Map.of("text", "t0"), imported.data());
        assertEquals(0, imported.completionCount());
        assertEquals(1, imported.skippedCount());
        assertTrue(imported.groundTruth());
        assertEquals(1, imported.predictionCount());
        assertTrue(imported.id() > before.id());

        // ids keep coming from the same blocks afterwards: a single insert does not collide
        Task after = task(List.of(completion(false, false)), List.of());
        assertEquals(2502, storage.tasks.list(project.id(), new PageRequest(1, 10)).total());
        assertTrue(storage.tasks.find(after.id(), true).isPresent());
    }

    @Test
    void aSecondImportIntoABusyProjectIsAConflictNotAWait() throws Exception {
        try (TaskBulkStore.BulkWrite first = storage.bulk.begin(project.id())) {
            first.add(new NewTask(Map.of("text", "first"), null, List.of(), List.of()), author.id());
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<?> second = other.submit(() -> storage.bulk.begin(project.id()).close());
                var thrown = assertThrows(java.util.concurrent.ExecutionException.class, second::get);
                assertTrue(thrown.getCause() instanceof ConflictException, String.valueOf(thrown.getCause()));
            } finally {
                other.shutdown();
            }
            first.commit();
        }
        assertEquals(1, storage.tasks.list(project.id(), new PageRequest(1, 10)).total());
    }

    @Test
    void whileAnImportWritesItsProjectCanStillBeReadListedAndChanged() throws Exception {
        storage.projects.insert(new ProjectDraft("Dogs", "", "<View/>", "sequential", 1), author.id());
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project.id())) {
            write.add(new NewTask(Map.of("text", "imported"), null, List.of(), List.of()), author.id());
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                // on another connection, with the lock timeout of 2 s this module's tests run with
                assertEquals(0, reader.submit(() -> storage.projects.find(project.id()).orElseThrow().taskCount())
                        .get());
                assertEquals(2L, reader.submit(() -> storage.projects.list(new PageRequest(1, 10), null).total()).get());
                assertEquals("Cats!", reader.submit(() -> storage.projects.update(project.id(),
                        new ProjectDraft("Cats!", null, null, null, null)).orElseThrow().title()).get());
            } finally {
                reader.shutdown();
            }
            write.commit();
        }
        Project after = storage.projects.find(project.id()).orElseThrow();
        assertEquals(1, after.taskCount());
        assertEquals("Cats!", after.title());
        assertTrue(after.updatedAt().isAfter(project.updatedAt()), after.updatedAt() + " vs " + project.updatedAt());
    }

    @Test
    void anExportReadsEveryTaskOnceInIdOrderWithItsChildren() {
        List<Long> ids = new ArrayList<>();
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(project.id())) {
            for (int i = 0; i < 2345; i++) {
                List<NewCompletion> completions = i % 3 == 0 ? List.of()
                        : List.of(completion(false, i % 2 == 0), completion(true, false));
                write.add(new NewTask(data(i), null,
                        completions, List.of(new NewPrediction(CAT, 0.1, "m"))), author.id());
            }
            write.commit();
        }
        ids.addAll(storage.tasks.list(project.id(), new PageRequest(1, 1000)).items().stream().map(Task::id)
                .toList());

        List<Task> all = drain(storage.exports.tasks(project.id(), new TaskExportStore.Selection(false, false, null)));
        assertEquals(2345, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).id() < all.get(i).id());
        }
        assertEquals(2, all.get(1).completions().size());
        assertEquals(1, all.get(1).predictions().size());
        assertEquals("t1", all.get(1).data().get("text"));

        List<Task> completed = drain(storage.exports.tasks(project.id(),
                new TaskExportStore.Selection(true, false, null)));
        assertEquals(all.stream().filter(t -> t.completionCount() > 0).count(), completed.size());

        List<Task> groundTruth = drain(storage.exports.tasks(project.id(),
                new TaskExportStore.Selection(false, true, null)));
        assertTrue(groundTruth.stream().allMatch(t -> t.completions().size() == 1
                && t.completions().get(0).groundTruth()));
        assertEquals(all.stream().filter(Task::groundTruth).count(), groundTruth.size());

        List<Long> some = List.of(ids.get(5), ids.get(0), ids.get(999));
        List<Task> chosen = drain(storage.exports.tasks(project.id(), new TaskExportStore.Selection(false, false,
                TaskSelection.ofIds(some))));
        assertEquals(List.of(ids.get(0), ids.get(5), ids.get(999)), chosen.stream().map(Task::id).toList());

        assertEquals(List.of("text", "extra"),
                storage.exports.dataKeys(project.id(), new TaskExportStore.Selection(false, false, null)));
    }

    /** Every hundredth task has a second key, after {@code text}. */
    private static Map<String, Object> data(int i) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("text", "t" + i);
        if (i % 100 == 0) {
            data.put("extra", "x");
        }
        return data;
    }

    private static List<Task> drain(TaskExportStore.TaskCursor cursor) {
        List<Task> tasks = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(tasks::add);
        }
        return tasks;
    }

    @Test
    void usersHaveUniqueEmailsAndAreFoundByTokenHash() {
        assertThrows(ConflictException.class,
                () -> storage.users.insert("ann@example.com", "h", "", "", Role.ADMIN));
        assertTrue(storage.users.setTokenHash(author.id(), "ab".repeat(32)));
        assertEquals(author.id(), storage.users.findByTokenHash("ab".repeat(32)).orElseThrow().id());
        assertTrue(storage.users.findByTokenHash("cd".repeat(32)).isEmpty());
        assertEquals("hash", storage.users.findByEmail("ann@example.com").orElseThrow().passwordHash());
        assertEquals(1, storage.users.count());
    }

    @Test
    void committedDataSurvivesReopeningTheDatabase() throws Exception {
        Task task = task(List.of(completion(false, true)), List.of());
        storage.close();
        storage = new TestStorage(folder);
        Task read = storage.tasks.find(task.id(), true).orElseThrow();
        assertEquals(1, read.completions().size());
        assertTrue(read.groundTruth());
        assertEquals(SchemaMigrations.latestVersion(), storage.schema.schemaVersion());
    }

    private void assertCounters(long taskId, int completed, int skipped, int predictions, boolean groundTruth) {
        Task task = storage.tasks.find(taskId, false).orElseThrow();
        assertEquals(completed, task.completionCount(), "completion_count");
        assertEquals(skipped, task.skippedCount(), "skipped_count");
        assertEquals(predictions, task.predictionCount(), "prediction_count");
        assertEquals(groundTruth, task.groundTruth(), "ground_truth");
    }
}
