package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskExportStore;

/**
 * Every kind of storage write, made while another transaction holds the task table, waits for it up to the lock
 * timeout (2 s in this module's tests) and then fails as {@link DmException.Kind#BUSY}, whether it goes through
 * JPA or JDBC, on the caller's thread or a storage thread; and works again once the other transaction ended. Reads
 * differ by database: Derby makes them wait for the writer too (and give up as BUSY), PostgreSQL answers them at
 * once from the last committed rows (MVCC; its lock timeout is 2 s as well, so a read that waited would fail).
 */
class BusyStorageTest {

    @TempDir
    static Path folder;

    private static TestStorage storage;
    private static long projectId;
    private static long authorId;
    private static Task task;

    /** The other transaction: it holds the task table in exclusive mode until the test ends. */
    private Connection holder;

    @BeforeAll
    static void open() throws SQLException {
        storage = new TestStorage(folder);
        authorId = storage.users.insert("ann@example.com", "hash", "Ann", "Lee", Role.ANNOTATOR).id();
        projectId = storage.projects.insert(new ProjectDraft("Cats", "", "<View/>", "sequential", 1), authorId).id();
        task = storage.tasks.insert(projectId, new NewTask(Map.of("text", "a cat"), null, List.of(), List.of()),
                authorId);
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @BeforeEach
    void holdTheTaskTable() throws SQLException {
        holder = storage.dataSource.getConnection();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("LOCK TABLE task IN EXCLUSIVE MODE");
        }
    }

    @AfterEach
    void release() throws SQLException {
        try (Connection other = holder) {
            other.rollback();
        }
        assertEquals(task.id(), storage.tasks.find(task.id(), false).orElseThrow().id(), "storage after the wait");
    }

    private static void assertBusy(Executable call) {
        DmException thrown = assertThrows(DmException.class, call);
        assertEquals(DmException.Kind.BUSY, thrown.kind(), String.valueOf(thrown));
        assertEquals("busy", thrown.error());
    }

    /** A read while the table is held: BUSY on Derby; on PostgreSQL it answers, with what was committed. */
    private static void assertRead(Executable call) throws Throwable {
        if (TestDatabase.isPostgresql()) {
            call.execute();
        } else {
            assertBusy(call);
        }
    }

    @Test
    void aJpaReadIsBusyOnDerbyOnly() throws Throwable {
        assertRead(() -> assertEquals(task.id(), storage.tasks.find(task.id(), true).orElseThrow().id()));
    }

    @Test
    void aJpaWriteIsBusy() {
        assertBusy(() -> storage.tasks.insertCompletion(task.id(), new NewCompletion(List.of(), 1.0, false, false),
                authorId));
    }

    @Test
    void aDataManagerQueryIsBusyOnDerbyOnly() throws Throwable {
        assertRead(() -> assertEquals(1, storage.queries.page(projectId, new TaskQuery(TaskFilter.ALL, List.of(),
                new PageRequest(1, 10), null)).total()));
    }

    @Test
    void statisticsAreBusyOnDerbyOnly() throws Throwable {
        assertRead(() -> storage.stats.stats(projectId, 1));
    }

    @Test
    void anExportReadOnAStorageThreadIsBusyOnDerbyOnly() throws Throwable {
        assertRead(() -> {
            List<Task> read = new ArrayList<>();
            try (TaskExportStore.TaskCursor cursor = storage.exports.tasks(projectId,
                    new TaskExportStore.Selection(false, false, null))) {
                cursor.forEachRemaining(read::add);
            }
            assertEquals(List.of(task.id()), read.stream().map(Task::id).toList());
        });
    }

    @Test
    void aBulkDeleteIsBusy() {
        assertBusy(() -> storage.bulk.deleteCompletions(projectId, TaskSelection.ofIds(List.of(task.id()))));
    }

    @Test
    void anImportWhoseWriterWaitedInVainIsBusy() {
        assertBusy(() -> {
            try (TaskBulkStore.BulkWrite write = storage.bulk.begin(projectId)) {
                write.add(new NewTask(Map.of("text", "imported"), null, List.of(), List.of()), authorId);
                write.commit();
            }
        });
    }
}
