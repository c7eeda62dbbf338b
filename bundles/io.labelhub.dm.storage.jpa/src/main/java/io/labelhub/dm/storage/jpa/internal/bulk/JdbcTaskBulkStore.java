package io.labelhub.dm.storage.jpa.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.storage.jpa.internal.StorageThreads;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.counters.Reviews;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChildren;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;
import io.labelhub.dm.storage.jpa.internal.query.Selections;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.IdAllocator;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * Bulk writes over JDBC, each in one transaction on one connection: imports as JDBC batches ({@link BulkImport}),
 * deletes a chunk of selected tasks at a time with set-based statements. Every path keeps the label index and the
 * task counters with {@link LabelIndex} and {@link TaskCounters}, as single changes do.
 */
@Component(service = TaskBulkStore.class)
public class JdbcTaskBulkStore implements TaskBulkStore {

    private final DataSource dataSource;
    private final IdAllocator ids;
    private final StorageThreads threads;

    @Activate
    public JdbcTaskBulkStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                             @Reference IdAllocator ids, @Reference StorageThreads threads) {
        this.dataSource = dataSource;
        this.ids = ids;
        this.threads = threads;
    }

    @Override
    public BulkWrite begin(long projectId) {
        try {
            return new BulkImport(dataSource.getConnection(), projectId, ids, threads);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot start an import into project " + projectId);
        }
    }

    @Override
    public long deleteTasks(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            TaskChildren.delete(connection, projectId, chunk);
            long deleted = Jdbc.update(connection, "DELETE FROM task WHERE id IN (" + Jdbc.marks(chunk.length) + ")",
                    chunk);
            Jdbc.update(connection, "UPDATE project SET task_count = task_count - " + deleted + " WHERE id = ?",
                    new long[] {projectId});
            return deleted;
        });
    }

    @Override
    public long deleteCompletions(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            lock(connection, chunk);
            LabelIndex.removeTasks(connection, chunk, LabelIndex.COMPLETION);
            Reviews.deleteOfTasks(connection, chunk, true);
            long deleted = Jdbc.perId(connection, "DELETE FROM completion WHERE task_id = ?", chunk);
            TaskCounters.recount(connection, chunk);
            return deleted;
        });
    }

    @Override
    public long deletePredictions(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            lock(connection, chunk);
            LabelIndex.removeTasks(connection, chunk, LabelIndex.PREDICTION);
            long deleted = Jdbc.perId(connection, "DELETE FROM prediction WHERE task_id = ?", chunk);
            TaskCounters.recount(connection, chunk);
            return deleted;
        });
    }

    /**
     * Takes the task rows' write locks first (and marks them changed), so no completion or prediction can be added
     * to them, and no single change recount them, until we commit.
     */
    private static void lock(Connection connection, long[] chunk) throws SQLException {
        Jdbc.update(connection, "UPDATE task SET updated_at = CURRENT_TIMESTAMP WHERE id IN (" + Jdbc.marks(chunk.length)
                + ")", chunk);
    }

    @FunctionalInterface
    private interface ChunkWork {
        long run(Connection connection, long[] chunk) throws SQLException;
    }

    /** Runs work on the selected ids, a chunk at a time, in one transaction: all of it happens or none. */
    private long inTransaction(long projectId, TaskSelection selection, ChunkWork work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long[] selected = Selections.ids(connection, projectId, selection);
                long affected = 0;
                for (int start = 0; start < selected.length; start += Jdbc.CHUNK) {
                    affected += work.run(connection, Arrays.copyOfRange(selected, start,
                            Math.min(selected.length, start + Jdbc.CHUNK)));
                }
                if (selected.length > 0) {
                    TaskChanges.record(connection, projectId, selected);
                }
                connection.commit();
                if (Jdbc.vacuumWorthIt(connection, selected.length)) {
                    vacuumLater(selected.length);
                }
                return affected;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot change the tasks of project " + projectId);
        }
    }

    /**
     * After a bulk change, PostgreSQL's VACUUM (ANALYZE) on a storage thread: a tenth of a million tasks deleted leaves
     * dead rows on nearly every page, and vacuuming them takes longer than the delete, which need not wait for it.
     */
    private void vacuumLater(long rows) {
        try {
            threads.submit("vacuum after a bulk change", () -> {
                try (Connection connection = dataSource.getConnection()) {
                    Jdbc.vacuumAfterBulk(connection, rows);
                } catch (SQLException e) {
                    org.slf4j.LoggerFactory.getLogger(JdbcTaskBulkStore.class).warn(
                            "No connection for VACUUM after a bulk change, autovacuum will do it: {}", e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the bundle is stopping: autovacuum does it
        }
    }
}
