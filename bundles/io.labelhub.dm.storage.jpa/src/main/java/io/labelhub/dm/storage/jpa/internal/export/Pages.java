package io.labelhub.dm.storage.jpa.internal.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.storage.TaskExportStore.Selection;
import io.labelhub.dm.storage.jpa.internal.query.Selections;
import io.labelhub.dm.storage.jpa.internal.sql.Authors;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.LazyJson;

/**
 * Reads a page of tasks at a time (by id after the last one, or by the next chunk of asked ids), each page on a
 * connection of its own, and then the page's completions and predictions by the page's task id range.
 */
final class Pages {

    private static final String COLUMNS = "id, project_id, data, meta, created_at, updated_at, completion_count, "
            + "skipped_count, prediction_count, reviews_up, reviews_down, ground_truth";

    private final DataSource dataSource;
    private final long projectId;
    private final Selection selection;
    /** The selected ids in order; null: all of the project's, read by keyset pages. */
    private final long[] sortedIds;
    private int idOffset;
    private long lastId;
    private boolean exhausted;

    /** @param sortedIds the selected ids in order, from {@link #selectedIds}; null: all of the project's */
    Pages(DataSource dataSource, long projectId, Selection selection, long[] sortedIds) {
        this.dataSource = dataSource;
        this.projectId = projectId;
        this.selection = selection;
        this.sortedIds = sortedIds;
    }

    /** The next page, possibly empty; {@code null} once there is none. */
    List<Task> next() {
        return exhausted ? null : fetch();
    }

    private List<Task> fetch() {
        int chunkStart = idOffset;
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM task" + where(selection));
        if (sortedIds == null) {
            sql.append(" AND id > ? ORDER BY id FETCH FIRST ").append(Jdbc.CHUNK).append(" ROWS ONLY");
        } else {
            idOffset = Math.min(sortedIds.length, idOffset + Jdbc.CHUNK);
            if (idOffset == chunkStart) {
                exhausted = true;
                return List.of();
            }
            sql.append(idFilter(idOffset - chunkStart)).append(" ORDER BY id");
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int index = bind(statement, projectId, selection);
                if (sortedIds == null) {
                    statement.setLong(index, lastId);
                } else {
                    for (int i = chunkStart; i < idOffset; i++) {
                        statement.setLong(index++, sortedIds[i]);
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Row row = new Row(rs);
                        rows.put(row.id, row);
                    }
                }
            }
            if (sortedIds == null) {
                exhausted = rows.size() < Jdbc.CHUNK;
            } else {
                exhausted = idOffset >= sortedIds.length;
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            long first = rows.keySet().iterator().next();
            long last = first;
            for (long id : rows.keySet()) {
                last = id;
            }
            lastId = last;
            loadChildren(connection, rows, first, last);
            List<Task> tasks = new ArrayList<>(rows.size());
            rows.values().forEach(r -> tasks.add(r.task()));
            return tasks;
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot read the tasks of project " + projectId);
        }
    }

    private void loadChildren(Connection connection, Map<Long, Row> rows, long first, long last)
            throws SQLException {
        String gt = selection.onlyGroundTruth() ? " AND ground_truth = ?" : "";
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, task_id, result, "
                + "completed_by, created_at, updated_at, lead_time, was_cancelled, ground_truth, original_author, flagged "
                + "FROM completion "
                + "WHERE task_id BETWEEN ? AND ?" + gt + " ORDER BY task_id, id")) {
            statement.setLong(1, first);
            statement.setLong(2, last);
            if (!gt.isEmpty()) {
                statement.setBoolean(3, true);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Row row = rows.get(rs.getLong(2));
                    if (row != null) {
                        long author = rs.getLong(4);
                        row.completions.add(new Completion(rs.getLong(1), row.id, LazyJson.list(rs.getString(3)),
                                rs.wasNull() ? null : author, Jdbc.instant(rs, 5), Jdbc.instant(rs, 6),
                                Jdbc.doubleOrNull(rs, 7), rs.getBoolean(8), rs.getBoolean(9),
                                Authors.read(rs.getString(10)), rs.getString(11)));
                    }
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, task_id, result, score, "
                + "model_version, created_at FROM prediction WHERE task_id BETWEEN ? AND ? ORDER BY task_id, id")) {
            statement.setLong(1, first);
            statement.setLong(2, last);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Row row = rows.get(rs.getLong(2));
                    if (row != null) {
                        row.predictions.add(new Prediction(rs.getLong(1), row.id, LazyJson.list(rs.getString(3)),
                                Jdbc.doubleOrNull(rs, 4), rs.getString(5), Jdbc.instant(rs, 6)));
                    }
                }
            }
        }
    }

    /** The selected ids in ascending order; null when the selection is all of the project's tasks. */
    static long[] selectedIds(DataSource dataSource, long projectId, Selection selection) {
        if (selection.tasks() == null) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            return Selections.ids(connection, projectId, selection.tasks());
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot select tasks of project " + projectId);
        }
    }

    /** The condition of the selection's flags on {@code task}; bound by {@link #bind}. */
    static String where(Selection selection) {
        StringBuilder where = new StringBuilder(" WHERE project_id = ?");
        if (selection.onlyCompleted()) {
            where.append(" AND completion_count > 0");
        }
        if (selection.onlyGroundTruth()) {
            where.append(" AND ground_truth = ?");
        }
        return where.toString();
    }

    /** Binds {@link #where}; answers the next free index. */
    static int bind(PreparedStatement statement, long projectId, Selection selection) throws SQLException {
        int index = 1;
        statement.setLong(index++, projectId);
        if (selection.onlyGroundTruth()) {
            statement.setBoolean(index++, true);
        }
        return index;
    }

    /** {@code AND id IN (…)} for that many ids, or nothing. */
    static String idFilter(int count) {
        return count == 0 ? "" : " AND id IN (" + Jdbc.marks(count) + ")";
    }

    /** A task row while its page's completions and predictions are gathered. */
    private static final class Row {
        final long id;
        final long projectId;
        final String data;
        final String meta;
        final Instant createdAt;
        final Instant updatedAt;
        final int completionCount;
        final int skippedCount;
        final int predictionCount;
        final int reviewsUp;
        final int reviewsDown;
        final boolean groundTruth;
        final List<Completion> completions = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            projectId = rs.getLong(2);
            data = rs.getString(3);
            meta = rs.getString(4);
            createdAt = Jdbc.instant(rs, 5);
            updatedAt = Jdbc.instant(rs, 6);
            completionCount = rs.getInt(7);
            skippedCount = rs.getInt(8);
            predictionCount = rs.getInt(9);
            reviewsUp = rs.getInt(10);
            reviewsDown = rs.getInt(11);
            groundTruth = rs.getBoolean(12);
        }

        Task task() {
            return new Task(id, projectId, LazyJson.object(data), LazyJson.object(meta), createdAt, updatedAt,
                    completionCount, skippedCount, predictionCount, reviewsUp, reviewsDown, groundTruth, completions,
                    predictions);
        }
    }
}
