package io.labelhub.dm.storage.jpa.internal.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.api.storage.TaskLockStore;
import io.labelhub.dm.api.stream.Candidate;
import io.labelhub.dm.api.stream.SamplingStrategy;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;
import io.labelhub.dm.storage.jpa.internal.sql.Transactions;

/**
 * The Label Stream in SQL. Open tasks are read through the index on (project, completion count, id) — one range
 * per count below the overlap, merged here — so the tasks that are done are never read, however many they are.
 * A lock is taken in one transaction that first takes the task's row (as a completion's insert does), so the check
 * "fewer completions and others' locks than the overlap" and the lock cannot be split by another node's.
 */
@Component(service = TaskLockStore.class)
public class JdbcTaskLockStore implements TaskLockStore {

    /** Up to this overlap, one indexed range per completion count; above it one scan of the open range. */
    private static final int RANGES = 8;
    /** The most task ids one look at the index reads: a window further on than that waits for the next request. */
    private static final int MAX_BATCH = 8192;

    /** What makes a task open to a user, after its project and count conditions: ? user, user, now, overlap. */
    private static final String OPEN = " AND NOT EXISTS (SELECT 1 FROM completion c WHERE c.task_id = t.id "
            + "AND c.completed_by = ?) AND t.completion_count + (SELECT COUNT(*) FROM task_lock l "
            + "WHERE l.task_id = t.id AND l.user_id <> ? AND l.expires_at > ?) < ?";

    private final DataSource dataSource;

    @Activate
    public JdbcTaskLockStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                             @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    /** What the stream reads before it locks is only candidates: the lock checks each again under the task's row. */
    private <T> T dirty(String what, Transactions.Work<T> work) {
        return Transactions.dirty(dataSource, what, work);
    }

    @Override
    public OptionalLong held(long projectId, long userId, Instant now) {
        return dirty("cannot read the task locks of project " + projectId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT task_id FROM task_lock "
                    + "WHERE project_id = ? AND user_id = ? AND expires_at > ? ORDER BY task_id")) {
                select.setLong(1, projectId);
                select.setLong(2, userId);
                select.setTimestamp(3, Timestamp.from(now));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public List<Candidate> open(long projectId, long userId, int overlap, Instant now, SamplingStrategy.Order order,
                                double start, int limit, boolean withData) {
        boolean byScore = order == SamplingStrategy.Order.LOWEST_PREDICTION_SCORE;
        boolean random = order == SamplingStrategy.Order.RANDOM;
        return dirty("cannot read the open tasks of project " + projectId, connection -> {
            long from = random ? startId(connection, projectId, start) : 0;
            List<Candidate> found = ranges(connection, projectId, userId, overlap, now, byScore,
                    random ? ">= " + from : null, limit, withData);
            if (random && found.size() < limit) {
                // wrap around to the tasks before the random start
                found.addAll(ranges(connection, projectId, userId, overlap, now, false, "< " + from,
                        limit - found.size(), withData));
            }
            return found;
        });
    }

    /**
     * The id at {@code fraction} of the project's id range. One statement per end: Derby reads a lone MIN or MAX
     * of an index column as the index's first or last entry, but both at once by reading every entry.
     */
    static long startId(Connection connection, long projectId, double fraction) throws SQLException {
        long min = bound(connection, "MIN", projectId);
        long max = bound(connection, "MAX", projectId);
        return min + (long) Math.floor((max - min + 1) * Math.max(0, Math.min(1, fraction)));
    }

    private static long bound(Connection connection, String function, long projectId) throws SQLException {
        try (PreparedStatement bound = connection.prepareStatement(
                "SELECT " + function + "(id) FROM task WHERE project_id = ?")) {
            bound.setLong(1, projectId);
            try (ResultSet row = bound.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The first {@code limit} open tasks in order. The tasks in order come from the index alone, a batch at a time
     * (one range per completion count, merged); which of them are open is then asked of those ids only. Asking it
     * in the same statement would have the database check every task of the project before it sorts.
     */
    private static List<Candidate> ranges(Connection connection, long projectId, long userId, int overlap,
                                          Instant now, boolean byScore, String idBound, int limit, boolean withData)
            throws SQLException {
        for (int batch = Math.max(limit * 2, 64); ; batch *= 4) {
            List<Candidate> ordered = ordered(connection, projectId, overlap, byScore, idBound, batch);
            List<Long> ids = ordered.stream().map(Candidate::taskId).toList();
            List<Candidate> open = openOf(connection, projectId, userId, overlap, now, ids, withData);
            if (open.size() >= limit || ordered.size() < batch || batch >= MAX_BATCH) {
                return new ArrayList<>(open.subList(0, Math.min(limit, open.size())));
            }
        }
    }

    /** Up to {@code batch} tasks with fewer completions than the overlap, in order, read from the index. */
    private static List<Candidate> ordered(Connection connection, long projectId, int overlap, boolean byScore,
                                           String idBound, int batch) throws SQLException {
        String index = byScore ? "ix_task_stream_score" : "ix_task_stream";
        String orderBy = byScore ? " ORDER BY t.prediction_score, t.id" : " ORDER BY t.id";
        String idCondition = idBound == null ? "" : " AND t.id " + idBound;
        List<Candidate> found = new ArrayList<>();
        if (overlap <= RANGES) {
            for (int count = 0; count < overlap; count++) {
                found.addAll(query(connection, "SELECT t.id, t.prediction_score, t.completion_count FROM task t "
                        + "--DERBY-PROPERTIES index=" + index + "\n WHERE t.project_id = ? AND t.completion_count = "
                        + count + idCondition + orderBy, projectId, batch));
            }
            Comparator<Candidate> byId = Comparator.comparingLong(Candidate::taskId);
            found.sort(byScore ? Comparator.comparing(Candidate::predictionScore,
                    Comparator.nullsLast(Comparator.<Double>naturalOrder())).thenComparing(byId) : byId);
            return new ArrayList<>(found.subList(0, Math.min(batch, found.size())));
        }
        return query(connection, "SELECT t.id, t.prediction_score, t.completion_count FROM task t "
                + "WHERE t.project_id = ? AND t.completion_count < " + overlap + idCondition + orderBy, projectId,
                batch);
    }

    private static List<Candidate> query(Connection connection, String sql, long projectId, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, projectId);
            select.setMaxRows(limit);
            return candidates(select, false);
        }
    }

    private static void bindOpen(PreparedStatement statement, int index, long userId, int overlap, Instant now)
            throws SQLException {
        statement.setLong(index, userId);
        statement.setLong(index + 1, userId);
        statement.setTimestamp(index + 2, Timestamp.from(now));
        statement.setInt(index + 3, overlap);
    }

    private static List<Candidate> candidates(PreparedStatement select, boolean withData) throws SQLException {
        List<Candidate> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Candidate(rows.getLong(1), withData ? Json.readObject(rows.getString(4)) : null,
                        Jdbc.doubleOrNull(rows, 2), rows.getInt(3)));
            }
        }
        return found;
    }

    @Override
    public List<Candidate> openAmong(long projectId, long userId, int overlap, Instant now, List<Long> ids,
                                     boolean withData) {
        return dirty("cannot read the open tasks of project " + projectId,
                connection -> openOf(connection, projectId, userId, overlap, now, ids, withData));
    }

    /** Those of the ids that are open to the user, in the order of the ids. */
    private static List<Candidate> openOf(Connection connection, long projectId, long userId, int overlap,
                                          Instant now, List<Long> ids, boolean withData) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String columns = "t.id, t.prediction_score, t.completion_count" + (withData ? ", t.data" : "")
                + ", t.project_id";
        // by the ids alone, which the primary key finds one by one; with the project in the condition too, Derby
        // would rather read the project's every task by its index and test each against the list
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM task t "
                + "WHERE t.id IN (" + Jdbc.marks(ids.size()) + ")" + OPEN)) {
            int index = 1;
            for (long id : ids) {
                select.setLong(index++, id);
            }
            bindOpen(select, index, userId, overlap, now);
            Map<Long, Candidate> open = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(withData ? 5 : 4) == projectId) {
                        open.put(rows.getLong(1), new Candidate(rows.getLong(1), withData
                                ? Json.readObject(rows.getString(4)) : null, Jdbc.doubleOrNull(rows, 2),
                                rows.getInt(3)));
                    }
                }
            }
            return ids.stream().filter(open::containsKey).map(open::get).toList();
        }
    }

    @Override
    public boolean lock(long taskId, long userId, int overlap, Instant now, Instant until) {
        return lock(taskId, userId, overlap, now, until, false);
    }

    @Override
    public boolean lockIfFree(long taskId, long userId, int overlap, Instant now, Instant until) {
        return lock(taskId, userId, overlap, now, until, true);
    }

    private boolean lock(long taskId, long userId, int overlap, Instant now, Instant until, boolean skip) {
        if (!mayLock(taskId, userId, overlap, now)) {
            return false;
        }
        return Transactions.inTransaction(dataSource, "cannot lock task " + taskId,
                // PostgreSQL takes the task's row with FOR UPDATE SKIP LOCKED: a task another annotator is being
                // handed in this very moment is passed over for the next candidate; Derby has no SKIP LOCKED, waits
                connection -> lock(connection, taskId, userId, overlap, now, until,
                        skip && Jdbc.isPostgresql(connection)));
    }

    /**
     * A look at the task before the transaction that locks it, without waiting for writers: false when it is
     * plainly not open to the user (done by them, or full with others' completions and locks, a lock being taken
     * right now included). The transaction takes the task's row, a write the database logs and flushes at commit
     * even when it then finds the task taken; under many annotators most tries end so, and each flush waits for
     * the others'. What this look lets through, the transaction checks again under the row lock.
     */
    private boolean mayLock(long taskId, long userId, int overlap, Instant now) {
        return dirty("cannot read task " + taskId, connection -> {
            try (PreparedStatement look = connection.prepareStatement("SELECT t.completion_count, "
                    + "(SELECT COUNT(*) FROM completion c WHERE c.task_id = t.id AND c.completed_by = ?), "
                    + "(SELECT COUNT(*) FROM task_lock l WHERE l.task_id = t.id AND l.user_id <> ? "
                    + "AND l.expires_at > ?) FROM task t WHERE t.id = ?")) {
                look.setLong(1, userId);
                look.setLong(2, userId);
                look.setTimestamp(3, Timestamp.from(now));
                look.setLong(4, taskId);
                try (ResultSet row = look.executeQuery()) {
                    return row.next() && row.getLong(2) == 0 && row.getLong(1) + row.getLong(3) < overlap;
                }
            }
        });
    }

    private static boolean lock(Connection connection, long taskId, long userId, int overlap, Instant now,
                                Instant until, boolean skipLocked) throws SQLException {
        long projectId;
        int completions;
        // the task's row first: a completion's insert takes it too, so counts and locks are read as they stay
        if (skipLocked) {
            try (PreparedStatement take = connection.prepareStatement(
                    "SELECT project_id, completion_count FROM task WHERE id = ? FOR UPDATE SKIP LOCKED")) {
                take.setLong(1, taskId);
                try (ResultSet row = take.executeQuery()) {
                    if (!row.next()) {
                        // gone, or being written by somebody else right now: the stream takes the next candidate
                        return false;
                    }
                    projectId = row.getLong(1);
                    completions = row.getInt(2);
                }
            }
        } else {
            try (PreparedStatement take = connection.prepareStatement(
                    "UPDATE task SET updated_at = updated_at WHERE id = ?")) {
                take.setLong(1, taskId);
                if (take.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT project_id, completion_count FROM task WHERE id = ?")) {
                read.setLong(1, taskId);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    projectId = row.getLong(1);
                    completions = row.getInt(2);
                }
            }
        }
        if (exists(connection, "SELECT 1 FROM completion WHERE task_id = ? AND completed_by = ?", taskId, userId)) {
            return false;
        }
        long others;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM task_lock "
                + "WHERE task_id = ? AND user_id <> ? AND expires_at > ?")) {
            count.setLong(1, taskId);
            count.setLong(2, userId);
            count.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                others = row.getLong(1);
            }
        }
        if (completions + others >= overlap) {
            return false;
        }
        // one task at a time per annotator and project, and run-out locks of this task go: two statements, each on
        // its own index, so neither reads (and waits for) rows that other annotators' locks are writing
        try (PreparedStatement mine = connection.prepareStatement(
                "DELETE FROM task_lock WHERE project_id = ? AND user_id = ? AND task_id <> ?")) {
            mine.setLong(1, projectId);
            mine.setLong(2, userId);
            mine.setLong(3, taskId);
            mine.executeUpdate();
        }
        try (PreparedStatement expired = connection.prepareStatement(
                "DELETE FROM task_lock WHERE task_id = ? AND expires_at <= ?")) {
            expired.setLong(1, taskId);
            expired.setTimestamp(2, Timestamp.from(now));
            expired.executeUpdate();
        }
        try (PreparedStatement renew = connection.prepareStatement(
                "UPDATE task_lock SET expires_at = ? WHERE task_id = ? AND user_id = ?")) {
            renew.setTimestamp(1, Timestamp.from(until));
            renew.setLong(2, taskId);
            renew.setLong(3, userId);
            if (renew.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO task_lock (task_id, user_id, project_id, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, taskId);
            insert.setLong(2, userId);
            insert.setLong(3, projectId);
            insert.setTimestamp(4, Timestamp.from(until));
            insert.executeUpdate();
        }
        return true;
    }

    private static boolean exists(Connection connection, String sql, long first, long second) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, first);
            select.setLong(2, second);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public boolean holds(long taskId, long userId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM task_lock WHERE task_id = ? AND user_id = ? AND expires_at > ?")) {
            select.setLong(1, taskId);
            select.setLong(2, userId);
            select.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot read the lock of task " + taskId);
        }
    }

    @Override
    public boolean completedBy(long taskId, long userId) {
        try (Connection connection = dataSource.getConnection()) {
            return exists(connection, "SELECT 1 FROM completion WHERE task_id = ? AND completed_by = ?", taskId,
                    userId);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot read the completions of task " + taskId);
        }
    }

    @Override
    public void release(long taskId, long userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM task_lock WHERE task_id = ? AND user_id = ?")) {
            delete.setLong(1, taskId);
            delete.setLong(2, userId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot release task " + taskId);
        }
    }
}
