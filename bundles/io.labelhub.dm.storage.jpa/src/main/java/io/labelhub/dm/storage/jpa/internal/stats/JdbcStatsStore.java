package io.labelhub.dm.storage.jpa.internal.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.storage.StatsStore;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;

/**
 * A project's statistics in four aggregate queries: totals from the task rows' counters, label counts from the
 * label index, and completions per annotator and per day from the completion table.
 */
@Component(service = StatsStore.class)
public class JdbcStatsStore implements StatsStore {

    private final DataSource dataSource;

    @Activate
    public JdbcStatsStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                          @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    @Override
    public ProjectStats stats(long projectId, int overlap) {
        try (Connection connection = dataSource.getConnection()) {
            long[] totals = new long[8];
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*), "
                    + "SUM(CASE WHEN t.completion_count >= ? THEN 1 ELSE 0 END), SUM(t.skipped_count), "
                    + "SUM(t.completion_count), SUM(t.prediction_count), SUM(t.reviews_up), SUM(t.reviews_down), "
                    + "SUM(CASE WHEN t.ground_truth = TRUE THEN 1 ELSE 0 END) FROM task t WHERE t.project_id = ?")) {
                statement.setInt(1, overlap);
                statement.setLong(2, projectId);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < totals.length; i++) {
                        totals[i] = rs.getLong(i + 1);
                    }
                }
            }
            List<ProjectStats.LabelCount> labels = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT l.control, l.label, COUNT(*) "
                    + "FROM task_label l WHERE l.project_id = ? AND l.kind = '" + LabelIndex.COMPLETION + "' "
                    + "GROUP BY l.control, l.label ORDER BY l.control, l.label")) {
                statement.setLong(1, projectId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        labels.add(new ProjectStats.LabelCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            List<ProjectStats.AnnotatorCount> annotators = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT c.completed_by, "
                    + "SUM(CASE WHEN c.was_cancelled = TRUE THEN 0 ELSE 1 END), "
                    + "SUM(CASE WHEN c.was_cancelled = TRUE THEN 1 ELSE 0 END) FROM completion c "
                    + "JOIN task t ON t.id = c.task_id WHERE t.project_id = ? GROUP BY c.completed_by "
                    + "ORDER BY c.completed_by")) {
                statement.setLong(1, projectId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long user = rs.getLong(1);
                        annotators.add(new ProjectStats.AnnotatorCount(rs.wasNull() ? null : user, rs.getLong(2),
                                rs.getLong(3)));
                    }
                }
            }
            List<ProjectStats.DayCount> days = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(c.created_at AS DATE), "
                    + "COUNT(*) FROM completion c JOIN task t ON t.id = c.task_id "
                    + "WHERE t.project_id = ? AND c.was_cancelled = FALSE "
                    + "GROUP BY CAST(c.created_at AS DATE) ORDER BY 1")) {
                statement.setLong(1, projectId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        days.add(new ProjectStats.DayCount(rs.getDate(1).toLocalDate(), rs.getLong(2)));
                    }
                }
            }
            return new ProjectStats(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], totals[6],
                    totals[7], labels, annotators, days);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot compute the statistics of project " + projectId);
        }
    }
}
