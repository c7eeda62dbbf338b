package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskExportStore;

/**
 * While an import of 5,000 labelled tasks has written its rows but not committed them, the Data Manager's page, its
 * Found totals, the statistics and an export are read. On PostgreSQL (MVCC) they answer at once with the committed
 * state only — readers never wait for an import, and PostgreSQL's lock timeout of 2 s in these tests would fail any
 * that did. On Derby, whose readers lock what they read, they wait for the import's rows and give up as BUSY.
 * Either way the import then commits whole.
 */
class ReadersDuringImportTest {

    @TempDir
    static Path folder;

    private static TestStorage storage;
    private static long projectId;
    private static long authorId;

    @BeforeAll
    static void open() throws SQLException {
        storage = new TestStorage(folder);
        authorId = storage.users.insert("ann@example.com", "hash", "Ann", "Lee", Role.ANNOTATOR).id();
        projectId = storage.projects.insert(new ProjectDraft("Cats", "", "<View/>", "sequential", 1), authorId).id();
        storage.tasks.insert(projectId, new NewTask(Map.of("text", "committed"), null, List.of(), List.of()),
                authorId);
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void readersSeeTheCommittedStateWhileAnImportIsWriting() throws Exception {
        try (TaskBulkStore.BulkWrite write = storage.bulk.begin(projectId)) {
            for (int i = 0; i < 5000; i++) {
                write.add(new NewTask(Map.of("text", "imported " + i), null, List.of(new NewCompletion(
                        List.of(Map.of("from_name", "label", "to_name", "text", "type", "choices",
                                "value", Map.of("choices", List.of("Cat")))), 1.0, false, false)), List.of()),
                        authorId);
            }
            // the import's writer (a storage thread) has written rows of the task table, uncommitted
            awaitImportRowsWritten();

            TaskQuery everything = new TaskQuery(TaskFilter.ALL, List.of(), new PageRequest(1, 10), null);
            read(() -> assertEquals(1, storage.queries.page(projectId, everything).total(), "page total"));
            read(() -> {
                Totals found = storage.queries.found(projectId, TaskFilter.ALL);
                assertEquals(1, found.tasks(), "found tasks");
                assertEquals(0, found.completions(), "found completions");
            });
            read(() -> assertEquals(1, storage.stats.stats(projectId, 1).tasks(), "statistics"));
            read(() -> {
                List<Task> exported = new ArrayList<>();
                try (TaskExportStore.TaskCursor cursor = storage.exports.tasks(projectId,
                        new TaskExportStore.Selection(false, false, null))) {
                    cursor.forEachRemaining(exported::add);
                }
                assertEquals(1, exported.size(), "exported");
            });
            write.commit();
        }
        assertEquals(5001, storage.queries.page(projectId,
                new TaskQuery(TaskFilter.ALL, List.of(), new PageRequest(1, 10), null)).total());
        assertEquals(5000, storage.queries.found(projectId, TaskFilter.ALL).completions());
    }

    private static void read(Runnable reader) {
        if (TestDatabase.isPostgresql()) {
            reader.run();
        } else {
            DmException busy = assertThrows(DmException.class, reader::run);
            assertEquals(DmException.Kind.BUSY, busy.kind());
        }
    }

    /**
     * Until the import's transaction holds locks on the task table (PostgreSQL: its RowExclusiveLock, taken by the
     * first INSERT; Derby: row locks), within 10 s.
     */
    private static void awaitImportRowsWritten() throws Exception {
        String locks = TestDatabase.isPostgresql()
                ? "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON l.relation = c.oid WHERE c.relname = 'task' "
                        + "AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
                : "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE TABLENAME = 'TASK' AND TYPE = 'ROW'";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Connection c = storage.dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(locks)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the import wrote no task row within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
