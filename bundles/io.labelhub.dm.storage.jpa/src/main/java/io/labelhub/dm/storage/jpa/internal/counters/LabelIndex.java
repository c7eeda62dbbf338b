package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;
import io.labelhub.dm.storage.jpa.internal.sql.MultiRowInsert;

/**
 * The {@code task_label} index: the labels a completion or prediction holds, one row per (control, label), so the
 * Data Manager finds "completions that contain Cat" by an index lookup instead of reading result JSON. A label is
 * any string under a result's {@code value.choices}, {@code value.labels}, {@code value.taxonomy} or
 * {@code value.<anything>labels} (rectanglelabels, polygonlabels, …), with the result's {@code from_name} as its
 * control. Controls and labels longer than {@value #MAX_LENGTH} characters are indexed (and looked up) cut to that.
 * A skipped completion has no rows. Every path that writes completions or predictions (single changes, imports,
 * bulk deletes, the migration that built the index) writes and removes the rows through this class.
 */
public final class LabelIndex {

    /** The widest control or label the index keeps. */
    public static final int MAX_LENGTH = 255;

    /** Rows of a completion that was not skipped. */
    public static final String COMPLETION = "c";
    public static final String PREDICTION = "p";

    private static final String INSERT = "INSERT INTO task_label (project_id, task_id, kind, owner_id, completed_by, "
            + "control, label) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?)";
    /** Derby's optimizer override: read {@code task_label} through its index by task (a comment elsewhere). */
    public static final String BY_TASK = "--DERBY-PROPERTIES index=ix_task_label_task\n";

    /** One label of one completion or prediction. */
    public record Label(String control, String label) {
    }

    /** One row of the index. */
    public record Row(long projectId, long taskId, String kind, long ownerId, Long completedBy, Label label) {
    }

    private LabelIndex() {
    }

    /** The rows of a completion: none when it was skipped. */
    public static List<Row> completion(long projectId, long taskId, long completionId, Long completedBy,
                                       boolean cancelled, List<Map<String, Object>> result) {
        return cancelled ? List.of() : rows(projectId, taskId, COMPLETION, completionId, completedBy, of(result));
    }

    /** The rows of a prediction. */
    public static List<Row> prediction(long projectId, long taskId, long predictionId,
                                       List<Map<String, Object>> result) {
        return rows(projectId, taskId, PREDICTION, predictionId, null, of(result));
    }

    /** The distinct labels of a result list, in order of first appearance. */
    static List<Label> of(List<Map<String, Object>> result) {
        Set<Label> labels = new LinkedHashSet<>();
        for (Map<String, Object> item : result) {
            if (!(item.get("from_name") instanceof String control) || !(item.get("value") instanceof Map<?, ?> value)) {
                continue;
            }
            for (Map.Entry<?, ?> entry : value.entrySet()) {
                if (entry.getKey() instanceof String key && isLabelKey(key)) {
                    collect(cut(control), entry.getValue(), labels);
                }
            }
        }
        return List.copyOf(labels);
    }

    /** Cuts a control or label to what the index keeps; lookups cut their values the same way. */
    public static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }

    private static boolean isLabelKey(String key) {
        return key.equals("choices") || key.equals("taxonomy") || key.endsWith("labels");
    }

    private static void collect(String control, Object value, Set<Label> labels) {
        if (value instanceof String label) {
            labels.add(new Label(control, cut(label)));
        } else if (value instanceof Collection<?> values) {
            for (Object nested : values) {
                collect(control, nested, labels);
            }
        }
    }

    private static List<Row> rows(long projectId, long taskId, String kind, long ownerId, Long completedBy,
                                  List<Label> labels) {
        List<Row> rows = new ArrayList<>(labels.size());
        for (Label label : labels) {
            rows.add(new Row(projectId, taskId, kind, ownerId, completedBy, label));
        }
        return rows;
    }

    private static void bind(PreparedStatement statement, int offset, Row row) throws SQLException {
        statement.setLong(offset + 1, row.projectId());
        statement.setLong(offset + 2, row.taskId());
        statement.setString(offset + 3, row.kind());
        statement.setLong(offset + 4, row.ownerId());
        if (row.completedBy() == null) {
            statement.setNull(offset + 5, Types.BIGINT);
        } else {
            statement.setLong(offset + 5, row.completedBy());
        }
        statement.setString(offset + 6, row.label().control());
        statement.setString(offset + 7, row.label().label());
    }

    /** A writer of many rows, many to a statement, for imports and rebuilds; flushed by the caller. */
    public static MultiRowInsert<Row> writer(Connection connection) throws SQLException {
        return new MultiRowInsert<>(connection, INSERT, ROW, LabelIndex::bind);
    }

    /** Writes the few rows of a single change as one batch. */
    public static void insert(Connection connection, Collection<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT + ROW)) {
            for (Row row : rows) {
                bind(statement, 0, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Removes the rows of one completion ({@link #COMPLETION}) or prediction ({@link #PREDICTION}). */
    public static void remove(Connection connection, long taskId, String kind, long ownerId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM task_label WHERE task_id = ? AND kind = ? AND owner_id = ?")) {
            statement.setLong(1, taskId);
            statement.setString(2, kind);
            statement.setLong(3, ownerId);
            statement.executeUpdate();
        }
    }

    /**
     * Removes the rows of the tasks' completions or predictions ({@code kind}), or all of theirs (null): one statement
     * per task in a batch on Derby (set-based on PostgreSQL, {@link Jdbc#perId}). Derby, without statistics (as right
     * after a large import), read {@code task_id IN (…1,000 ids…)} by a full scan of the table for each chunk — 750 s
     * to delete 20,000 tasks of 200,000 — and takes no optimizer override in a DELETE.
     */
    public static void removeTasks(Connection connection, long[] taskIds, String kind) throws SQLException {
        Jdbc.perId(connection, "DELETE FROM task_label WHERE " + (kind == null ? "" : "kind = '" + kind + "' AND ")
                + "task_id = ?", taskIds);
    }

    /** Removes the rows of a project's tasks (foreign keys take the tasks themselves, but not these rows). */
    public static void removeProject(Connection connection, long projectId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM task_label WHERE project_id = ?")) {
            statement.setLong(1, projectId);
            statement.executeUpdate();
        }
    }

    /** Builds the index anew from every stored completion and prediction (schema migration 4). */
    public static void rebuild(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM task_label");
        }
        try (MultiRowInsert<Row> insert = writer(connection)) {
            index(connection, insert, "SELECT c.id, c.task_id, t.project_id, c.completed_by, c.result, "
                    + "c.was_cancelled FROM completion c JOIN task t ON t.id = c.task_id", COMPLETION);
            index(connection, insert, "SELECT p.id, p.task_id, t.project_id, CAST(NULL AS BIGINT), p.result "
                    + "FROM prediction p JOIN task t ON t.id = p.task_id", PREDICTION);
        }
    }

    private static void index(Connection connection, MultiRowInsert<Row> insert, String query, String kind)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            int pending = 0;
            while (rs.next()) {
                long author = rs.getLong(4);
                Long completedBy = rs.wasNull() ? null : author;
                List<Map<String, Object>> result = Json.readList(rs.getString(5));
                List<Row> rows = kind.equals(COMPLETION)
                        ? completion(rs.getLong(3), rs.getLong(2), rs.getLong(1), completedBy, rs.getBoolean(6), result)
                        : prediction(rs.getLong(3), rs.getLong(2), rs.getLong(1), result);
                for (Row row : rows) {
                    insert.add(row);
                    pending++;
                }
                if (pending >= Jdbc.CHUNK) {
                    insert.flush();
                    pending = 0;
                }
            }
            insert.flush();
        }
    }
}
