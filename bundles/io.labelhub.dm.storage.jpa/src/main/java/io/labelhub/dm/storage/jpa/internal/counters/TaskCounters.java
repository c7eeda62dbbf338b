package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * The counters a task row carries so that the Data Manager filters, orders and sums up without reading
 * completions and predictions: what they mean is said once, by {@link Tally}, and every write path gets them from
 * it: an import tallies each task in memory as it parses it; a single change and a bulk delete {@link #recount}
 * the tasks they touched from the rows stored now. {@code reviews_up} and {@code reviews_down} are not counted
 * from anything stored (there are no reviews yet): new rows get 0 and a recount leaves them.
 */
public final class TaskCounters {

    /** The task columns of the counters, in the order {@link Tally#bind} binds them. */
    public static final String COLUMNS = "completion_count, skipped_count, ground_truth, completed_at, lead_time, "
            + "prediction_count, prediction_score";
    private static final int COUNT = 7;
    /** {@code ?, ?, …}, one for each of {@link #COLUMNS}. */
    public static final String MARKS = Jdbc.marks(COUNT);
    /** Derby's optimizer override: read {@code completion} through its index by task (a comment elsewhere). */
    public static final String COMPLETION_BY_TASK = "--DERBY-PROPERTIES index=ix_completion_task\n";
    private static final String SET = Arrays.stream(COLUMNS.split(", ")).map(column -> column + " = ?")
            .collect(Collectors.joining(", "));

    private TaskCounters() {
    }

    /**
     * The counters of one task, fed its completions and predictions one by one: {@code completion_count} and
     * {@code skipped_count} count the completions that were not and were skipped; {@code ground_truth} holds when
     * any completion is marked so (skipped ones too); {@code completed_at} is the latest creation time of a
     * completion that was not skipped; {@code lead_time} the mean lead time of the completions that have one;
     * {@code prediction_count} counts predictions and {@code prediction_score} is the best score given. A task
     * with nothing has 0, false and no values.
     */
    public static final class Tally {
        private int completed;
        private int skipped;
        private boolean groundTruth;
        private Timestamp completedAt;
        private double leadTimes;
        private int withLeadTime;
        private int predictions;
        private Double predictionScore;

        public void completion(boolean cancelled, boolean groundTruth, Timestamp createdAt, Double leadTime) {
            if (cancelled) {
                skipped++;
            } else {
                completed++;
                if (completedAt == null || createdAt.after(completedAt)) {
                    completedAt = createdAt;
                }
            }
            if (leadTime != null) {
                leadTimes += leadTime;
                withLeadTime++;
            }
            this.groundTruth |= groundTruth;
        }

        public void prediction(Double score) {
            predictions++;
            if (score != null && (predictionScore == null || score > predictionScore)) {
                predictionScore = score;
            }
        }

        /** Binds the counters, in {@link #COLUMNS} order, from parameter {@code offset + 1}. */
        public void bind(PreparedStatement statement, int offset) throws SQLException {
            statement.setInt(offset + 1, completed);
            statement.setInt(offset + 2, skipped);
            statement.setBoolean(offset + 3, groundTruth);
            statement.setTimestamp(offset + 4, completedAt);
            Jdbc.setDouble(statement, offset + 5, withLeadTime == 0 ? null : leadTimes / withLeadTime);
            statement.setInt(offset + 6, predictions);
            Jdbc.setDouble(statement, offset + 7, predictionScore);
        }
    }

    /**
     * Sets the counters of the tasks to what their stored completions and predictions say now, in the caller's
     * transaction, a chunk of tasks at a time: two reads and one batch of updates per chunk. The caller holds the
     * tasks' row locks (or created the tasks), so nothing changes them meanwhile; tasks that are gone stay gone.
     */
    public static void recount(Connection connection, long... taskIds) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE task SET " + SET + " WHERE id = ?")) {
            for (int start = 0; start < taskIds.length; start += Jdbc.CHUNK) {
                long[] chunk = Arrays.copyOfRange(taskIds, start, Math.min(taskIds.length, start + Jdbc.CHUNK));
                for (Map.Entry<Long, Tally> task : tally(connection, chunk).entrySet()) {
                    task.getValue().bind(update, 0);
                    update.setLong(COUNT + 1, task.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /**
     * The tallies of a chunk of tasks from their stored rows, completions in id order (the order an import fed
     * them). Each child table is read through its index by task, which Derby is told to use: without statistics
     * (as after a large import) it would read {@code task_id IN (…)} by a full table scan, once per chunk. The hint
     * is a comment to any other database.
     */
    private static Map<Long, Tally> tally(Connection connection, long[] chunk) throws SQLException {
        Map<Long, Tally> tallies = new LinkedHashMap<>();
        for (long id : chunk) {
            tallies.put(id, new Tally());
        }
        String ids = " WHERE task_id IN (" + Jdbc.marks(chunk.length) + ")";
        try (PreparedStatement statement = connection.prepareStatement("SELECT task_id, was_cancelled, ground_truth, "
                + "created_at, lead_time FROM completion " + COMPLETION_BY_TASK
                + ids + " ORDER BY task_id, id")) {
            Jdbc.bindIds(statement, 1, chunk);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tallies.get(rs.getLong(1)).completion(rs.getBoolean(2), rs.getBoolean(3), rs.getTimestamp(4),
                            Jdbc.doubleOrNull(rs, 5));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT task_id, score FROM prediction "
                + "--DERBY-PROPERTIES index=ix_prediction_task\n" + ids)) {
            Jdbc.bindIds(statement, 1, chunk);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tallies.get(rs.getLong(1)).prediction(Jdbc.doubleOrNull(rs, 2));
                }
            }
        }
        return tallies;
    }
}
