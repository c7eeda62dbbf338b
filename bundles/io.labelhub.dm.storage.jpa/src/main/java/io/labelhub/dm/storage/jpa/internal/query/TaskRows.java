package io.labelhub.dm.storage.jpa.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.counters.Reviews;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;

/** The rows of one page of the Data Manager table, once the page's task ids are known. */
final class TaskRows {

    /** The scalar columns of a table row, in the order {@link #rows} reads them. */
    private static final String COLUMNS = "t.id, t.completion_count, t.skipped_count, t.prediction_count, "
            + "t.prediction_score, t.reviews_up, t.reviews_down, t.ground_truth, t.created_at, t.updated_at, "
            + "t.completed_at, t.lead_time";
    private static final int COLUMN_COUNT = 12;

    private TaskRows() {
    }

    /** The table rows of the given ids, in that order, with what the query asks for. */
    static List<TaskRow> rows(Connection connection, List<Long> ids, TaskQuery query) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        boolean wantsData = query.wants(Column.DATA);
        Set<String> dataKeys = null;
        if (query.fields() != null) {
            dataKeys = new LinkedHashSet<>();
            for (Field field : query.fields()) {
                if (field.isData()) {
                    dataKeys.add(field.dataKey());
                }
            }
        }
        Map<Long, Object[]> values = new HashMap<>();
        Map<Long, Map<String, Object>> data = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + (wantsData ? ", t.data" : "") + " FROM task t WHERE t.id IN (" + Jdbc.marks(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[COLUMN_COUNT];
                    for (int i = 0; i < COLUMN_COUNT; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    long id = rs.getLong(1);
                    values.put(id, row);
                    if (wantsData) {
                        data.put(id, only(Json.readObject(rs.getString(COLUMN_COUNT + 1)), dataKeys));
                    }
                }
            }
        }
        // the child tables through their indexes by task, which Derby is told to use: without statistics (right after
        // a large import) it may read a page's IN list of up to 1,000 ids by a scan of the whole table
        Map<Long, List<Long>> annotators = query.wants(Column.ANNOTATORS) ? users(connection, ids,
                "SELECT c.task_id, c.completed_by FROM completion c " + TaskCounters.COMPLETION_BY_TASK
                + " WHERE c.task_id IN (%s) ORDER BY c.task_id, c.id") : Map.of();
        Map<Long, List<Long>> reviewers = query.wants(Column.REVIEWERS) ? users(connection, ids,
                "SELECT r.task_id, r.reviewer_id FROM review r " + Reviews.BY_TASK
                + " WHERE r.task_id IN (%s) ORDER BY r.task_id, r.created_at, r.reviewer_id") : Map.of();
        Map<Long, List<String>> completionLabels = query.wants(Column.COMPLETION_RESULTS)
                ? labels(connection, ids, LabelIndex.COMPLETION) : Map.of();
        Map<Long, List<String>> predictionLabels = query.wants(Column.PREDICTION_RESULTS)
                ? labels(connection, ids, LabelIndex.PREDICTION) : Map.of();
        List<TaskRow> rows = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Object[] v = values.get(id);
            if (v == null) {
                continue; // deleted since the ids were read
            }
            rows.add(new TaskRow(id, ((Number) v[1]).intValue(), ((Number) v[2]).intValue(),
                    ((Number) v[3]).intValue(), (Double) v[4], annotators.getOrDefault(id, List.of()),
                    reviewers.getOrDefault(id, List.of()), completionLabels.getOrDefault(id, List.of()), predictionLabels.getOrDefault(id, List.of()),
                    ((Number) v[5]).intValue(), ((Number) v[6]).intValue(), Boolean.TRUE.equals(v[7]),
                    instant(v[8]), instant(v[9]), instant(v[10]), (Double) v[11], data.getOrDefault(id, Map.of())));
        }
        return rows;
    }

    private static Map<String, Object> only(Map<String, Object> data, Set<String> keys) {
        if (keys == null || data == null) {
            return data == null ? Map.of() : data;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String key : keys) {
            if (data.containsKey(key)) {
                kept.put(key, data.get(key));
            }
        }
        return kept;
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }

    /** The distinct users of each task by {@code sql} (task id, user id; {@code %s} for the ids), in its order. */
    private static Map<Long, List<Long>> users(Connection connection, List<Long> ids, String sql)
            throws SQLException {
        Map<Long, Set<Long>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(String.format(sql, Jdbc.marks(ids.size())))) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long user = rs.getLong(2);
                    if (!rs.wasNull()) {
                        found.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(user);
                    }
                }
            }
        }
        Map<Long, List<Long>> lists = new HashMap<>();
        found.forEach((task, users) -> lists.put(task, List.copyOf(users)));
        return lists;
    }

    private static Map<Long, List<String>> labels(Connection connection, List<Long> ids, String kind)
            throws SQLException {
        Map<Long, Set<String>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT l.task_id, l.label FROM task_label l "
                + LabelIndex.BY_TASK + " WHERE l.task_id IN (" + Jdbc.marks(ids.size()) + ") AND l.kind = '" + kind
                + "' ORDER BY l.task_id, l.label")) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        Map<Long, List<String>> lists = new HashMap<>();
        found.forEach((task, labels) -> lists.put(task, List.copyOf(labels)));
        return lists;
    }
}
