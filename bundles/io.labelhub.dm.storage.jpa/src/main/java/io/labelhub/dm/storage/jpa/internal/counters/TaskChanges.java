package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * The per-project version and change log (schema step 16) through which every node's in-memory task index stays
 * exact across nodes. Each transaction that changes what the index holds — a task's labels, annotators, reviewers,
 * counters or ground truth, or the task itself — calls {@link #record} as its <em>last</em> statement: the version
 * row's lock is then held only for the moment of the commit (a single change waits behind another's commit, never
 * behind its work, and a writer holding it wants nothing more, so no deadlock), and versions become visible in the
 * order they were given. A reader that sees version V committed therefore sees every change logged up to V.
 */
public final class TaskChanges {

    /** A logged task id that stands for every task of the project: readers build their index anew. */
    public static final long ALL = -1;
    /** A transaction that touched more tasks than this logs {@link #ALL} instead of each of them. */
    public static final int MAX_LOGGED = Jdbc.CHUNK;
    /** How many of its newest versions a project's log keeps; a reader further behind builds its index anew. */
    static final long KEPT = 1000;

    /** A project's version, and up to which version its log is gone. */
    public record Version(long version, long prunedTo) {
    }

    private TaskChanges() {
    }

    /** The version row of a new project, in the transaction that creates it. */
    public static void start(Connection connection, long projectId) throws SQLException {
        Jdbc.update(connection, "INSERT INTO project_version (project_id, version, pruned_to) VALUES (?, 0, 0)",
                projectId);
    }

    /** Removes a project's version and log, in the transaction that deletes it. */
    public static void remove(Connection connection, long projectId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM task_change WHERE project_id = ?", projectId);
        Jdbc.update(connection, "DELETE FROM project_version WHERE project_id = ?", projectId);
    }

    /**
     * Bumps the project's version and logs the tasks (those of this project) the caller's transaction changed; the
     * last statement of that transaction. No tasks, or more than {@value #MAX_LOGGED}, are logged as {@link #ALL}.
     * A project that is gone meanwhile has nothing to log.
     */
    public static void record(Connection connection, long projectId, long... taskIds) throws SQLException {
        if (Jdbc.update(connection, "UPDATE project_version SET version = version + 1 WHERE project_id = ?",
                projectId) == 0) {
            return;
        }
        long version = version(connection, projectId).version();
        long[] logged = taskIds.length == 0 || taskIds.length > MAX_LOGGED ? new long[] {ALL}
                : Arrays.stream(taskIds).distinct().toArray();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO task_change (project_id, version, task_id) VALUES (?, ?, ?)")) {
            for (long taskId : logged) {
                insert.setLong(1, projectId);
                insert.setLong(2, version);
                insert.setLong(3, taskId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (version % KEPT == 0) {
            prune(connection, projectId, version - KEPT);
        }
    }

    private static void prune(Connection connection, long projectId, long upTo) throws SQLException {
        Jdbc.update(connection, "DELETE FROM task_change WHERE project_id = ? AND version <= ?", projectId, upTo);
        Jdbc.update(connection, "UPDATE project_version SET pruned_to = ? WHERE project_id = ?", upTo, projectId);
    }

    /** The project's committed version; null when there is no such project. */
    public static Version version(Connection connection, long projectId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, pruned_to FROM project_version WHERE project_id = ?")) {
            select.setLong(1, projectId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Version(rs.getLong(1), rs.getLong(2)) : null;
            }
        }
    }

    /**
     * The distinct ids of the tasks logged after version {@code after} up to {@code upTo}, sorted; null when
     * {@link #ALL} is among them or there are more than {@code limit} (then a reader is quicker building anew).
     */
    public static long[] since(Connection connection, long projectId, long after, long upTo, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT task_id FROM task_change "
                + "WHERE project_id = ? AND version > ? AND version <= ?")) {
            select.setLong(1, projectId);
            select.setLong(2, after);
            select.setLong(3, upTo);
            long[] ids = new long[64];
            int size = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id == ALL || size == limit) {
                        return null;
                    }
                    if (size == ids.length) {
                        ids = Arrays.copyOf(ids, size * 2);
                    }
                    ids[size++] = id;
                }
            }
            return Arrays.stream(ids, 0, size).sorted().distinct().toArray();
        }
    }
}
