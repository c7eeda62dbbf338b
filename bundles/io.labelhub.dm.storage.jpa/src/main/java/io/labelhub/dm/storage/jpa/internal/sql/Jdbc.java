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

/** The small JDBC chores every store shares. */
public final class Jdbc {

    /** Ids per {@code IN (…)} list, and rows per batch or page of bulk work. */
    public static final int CHUNK = 1000;

    private Jdbc() {
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

    /**
     * Runs {@code sql} (one {@code ?}) once per id, as one batch; answers the rows affected. Derby reads
     * {@code task_id IN (…1,000 ids…)} on the child tables by a full table scan, {@code task_id = ?} through the
     * foreign-key index.
     */
    public static long perId(Connection connection, String sql, long[] ids) throws SQLException {
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
