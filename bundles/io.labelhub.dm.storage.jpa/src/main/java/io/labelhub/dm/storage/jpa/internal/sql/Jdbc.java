package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;

import io.labelhub.dm.storage.jpa.internal.schema.Dialect;

/** The small JDBC chores every store shares. */
public final class Jdbc {

    /** Ids per {@code IN (…)} list, and rows per batch or page of bulk work. */
    public static final int CHUNK = 1000;

    private Jdbc() {
    }

    /** The end of {@link #streaming}. */
    @FunctionalInterface
    public interface Streaming extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** Whether the connection is PostgreSQL's, as the schema's {@link Dialect} tells (the driver answers from memory). */
    public static boolean isPostgresql(Connection connection) throws SQLException {
        return Dialect.of(connection.getMetaData()) == Dialect.POSTGRESQL;
    }

    /** Rows changed at once from which PostgreSQL's task tables are vacuumed and analyzed right away. */
    static final int VACUUM_AFTER = 10_000;

    /** Whether {@link #vacuumAfterBulk} does anything after a bulk write of {@code rows} rows on this connection. */
    public static boolean vacuumWorthIt(Connection connection, long rows) throws SQLException {
        return rows >= VACUUM_AFTER && isPostgresql(connection);
    }

    /**
     * After a bulk write of {@code rows} rows on PostgreSQL, once it is committed: {@code VACUUM (ANALYZE)} of the
     * task tables. The statistics, so the planner does not plan the next queries for the tables as they were before
     * (a page of 100 tasks read 2,000,000 completions without them); the visibility map, so the Data Manager's
     * index reads stay in the index (a label's 200,000 ids: 0.5 s with a heap visit per row, 0.15 s without).
     * Autovacuum would do both, minutes later. Pages already all-visible are skipped, so the cost follows what the
     * write added. Nothing on Derby.
     */
    public static void vacuumAfterBulk(Connection connection, long rows) {
        try {
            if (!vacuumWorthIt(connection, rows)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                // the bulk write is committed; VACUUM runs outside a transaction only
                connection.commit();
                connection.setAutoCommit(true);
            }
            try (java.sql.Statement vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM (ANALYZE) task, completion, prediction, task_label");
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // the write is committed whatever happens here (another VACUUM holding the tables past lock_timeout,
            // the connection lost): autovacuum then does it later
            org.slf4j.LoggerFactory.getLogger(Jdbc.class).warn("VACUUM (ANALYZE) after a bulk write of {} rows "
                    + "failed, autovacuum will do it later: {}", rows, e.getMessage());
        }
    }

    /**
     * Reads that stream: PostgreSQL's driver reads a result a fetch size at a time only inside a transaction (with
     * auto-commit on it reads the whole result first); the returned handle ends that read-only transaction. Derby
     * streams either way and is left as it is.
     */
    public static Streaming streaming(Connection connection) throws SQLException {
        if (!isPostgresql(connection) || !connection.getAutoCommit()) {
            return () -> { };
        }
        connection.setAutoCommit(false);
        return () -> {
            connection.rollback();
            connection.setAutoCommit(true);
        };
    }

    /** Now, at the precision every supported database keeps, so what is returned equals what is read back. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code ?, ?, …} for an {@code IN} list of {@code count} values. */
    public static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    public static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    public static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Binds the ids from {@code index}; answers the next free index. */
    public static int bindIds(PreparedStatement statement, int index, long[] ids) throws SQLException {
        for (long id : ids) {
            statement.setLong(index++, id);
        }
        return index;
    }

    /** Runs {@code sql} once with these values bound in order; answers the rows affected. */
    public static long update(Connection connection, String sql, long... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindIds(statement, 1, values);
            return statement.executeUpdate();
        }
    }

    /**
     * Runs {@code sql} (one {@code ?}) once per id, as one batch; answers the rows affected. Derby reads
     * {@code task_id IN (…1,000 ids…)} on the child tables by a full table scan, {@code task_id = ?} through the
     * table's index by task.
     */
    public static long perId(Connection connection, String sql, long[] ids) throws SQLException {
        if (isPostgresql(connection) && sql.endsWith("= ?")) {
            // PostgreSQL: one set-based statement for all the ids, through the same index
            try (PreparedStatement statement = connection.prepareStatement(
                    sql.substring(0, sql.length() - 1) + "ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("bigint",
                        java.util.Arrays.stream(ids).boxed().toArray()));
                return statement.executeUpdate();
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (long id : ids) {
                statement.setLong(1, id);
                statement.addBatch();
            }
            long affected = 0;
            for (int count : statement.executeBatch()) {
                affected += Math.max(count, 0);
            }
            return affected;
        }
    }
}
