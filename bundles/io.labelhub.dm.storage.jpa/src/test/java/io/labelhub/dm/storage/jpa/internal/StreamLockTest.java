package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;

/**
 * A Label Stream candidate whose task row another transaction is writing (another annotator being handed it, a
 * submit): on PostgreSQL {@code lockIfFree} passes it over at once ({@code FOR UPDATE SKIP LOCKED}) while
 * {@code lock} — a named task, as a renewal — waits for it (and gives up as BUSY after the 2 s lock timeout); on
 * Derby both wait. Once the other transaction ends, the task is locked.
 */
class StreamLockTest {

    @TempDir
    Path folder;

    private TestStorage storage;
    private long user;
    private long task;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        user = storage.users.insert("ann@example.com", "hash", "Ann", "Lee", Role.ANNOTATOR).id();
        long project = storage.projects.insert(new ProjectDraft("Cats", "", "<View/>", "sequential", 1), user).id();
        task = storage.tasks.insert(project, new NewTask(Map.of("text", "a cat"), null, List.of(), List.of()), user)
                .id();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aCandidateWhoseRowIsBeingWrittenIsPassedOverOnlyWherePostgresqlCanSkipIt() throws Exception {
        Instant now = Instant.now();
        Instant until = now.plusSeconds(600);
        try (Connection other = storage.dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement hold = other.prepareStatement(
                    "UPDATE task SET updated_at = updated_at WHERE id = ?")) {
                hold.setLong(1, task);
                assertEquals(1, hold.executeUpdate());
            }
            if (TestDatabase.isPostgresql()) {
                long started = System.nanoTime();
                assertFalse(storage.locks.lockIfFree(task, user, 1, now, until));
                assertTrue(System.nanoTime() - started < 1_500_000_000L, "passed over without waiting");
            } else {
                assertBusy(() -> storage.locks.lockIfFree(task, user, 1, now, until));
            }
            assertBusy(() -> storage.locks.lock(task, user, 1, now, until));
            other.rollback();
        }
        assertTrue(storage.locks.lockIfFree(task, user, 1, now, until));
        assertTrue(storage.locks.holds(task, user, now));
    }

    private static void assertBusy(org.junit.jupiter.api.function.Executable call) {
        DmException busy = assertThrows(DmException.class, call);
        assertEquals(DmException.Kind.BUSY, busy.kind());
    }
}
