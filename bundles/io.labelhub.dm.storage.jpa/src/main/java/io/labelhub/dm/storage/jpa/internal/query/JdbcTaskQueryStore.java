package io.labelhub.dm.storage.jpa.internal.query;

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
import org.roaringbitmap.RoaringBitmap;

import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.api.storage.TaskQueryStore;
import io.labelhub.dm.storage.jpa.internal.query.Candidates.Candidate;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * The Data Manager over JDBC. "Contains" items on the list columns (labels, annotators, reviewers) are answered by
 * this node's {@link TaskIndex} — with the page and the Found totals too when nothing else is asked and the ordering
 * is by columns it holds — or, with the index off, by the database's label index. Filters on task columns run in
 * the database (counters live in the task row); {@code data.<key>} conditions and
 * orderings are decided in Java on each candidate row, after SQL has narrowed the candidates where it can
 * ({@link Candidates}); the rows of the page are then read by id ({@link TaskRows}).
 */
@Component(service = TaskQueryStore.class)
public class JdbcTaskQueryStore implements TaskQueryStore {

    private static final String TOTALS = "COUNT(*), SUM(t.completion_count), SUM(t.skipped_count), "
            + "SUM(t.prediction_count), SUM(t.reviews_up), SUM(t.reviews_down), "
            + "SUM(CASE WHEN t.ground_truth = TRUE THEN 1 ELSE 0 END)";

    private final DataSource dataSource;
    private final TaskIndex index;

    @Activate
    public JdbcTaskQueryStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                              @Reference StorageInfo schemaReady, @Reference TaskIndex index) {
        this.dataSource = dataSource;
        this.index = index;
    }

    @Override
    public TaskTable page(long projectId, TaskQuery query) {
        FilterSql filter = new FilterSql(query.filter());
        boolean dataOrder = query.ordering().stream().anyMatch(o -> o.field().isData());
        try (Connection connection = dataSource.getConnection(); Jdbc.Streaming read = Jdbc.streaming(connection)) {
            long total;
            List<Long> ids;
            Indexed.Plan plan = dataOrder ? null : Indexed.plan(query.filter(), filter);
            long[] preselected = null;
            Indexed.Slice slice = null;
            boolean pure = plan != null && plan.pure() && Indexed.holds(query.ordering());
            boolean byId = Indexed.byId(query.ordering());
            // every task in id order is a plain index range in SQL; every task by a counter is the index's to sort
            if (plan != null && (!plan.keys().isEmpty() || pure && !byId)) {
                try (TaskIndex.Reader reader = index.open(connection, projectId, plan.needs(pure && !byId))) {
                    if (reader != null) {
                        RoaringBitmap matches = reader.and(plan.keys());
                        if (pure) {
                            slice = byId ? Indexed.byId(matches, query.ordering(), query.page())
                                    : Indexed.sorted(matches, reader.values(), query.ordering(), query.page());
                        } else {
                            preselected = Indexed.ids(matches);
                        }
                    }
                }
            }
            List<Candidate> driven = dataOrder || slice != null ? null : Candidates.driven(connection, projectId,
                    query.filter(), filter, query.ordering(), false, preselected);
            if (slice != null) {
                total = slice.total();
                ids = slice.ids();
            } else if (driven != null) {
                total = driven.size();
                ids = slice(driven, query.page());
            } else if (!filter.needsData() && !dataOrder) {
                total = count(connection, projectId, filter);
                ids = pageIds(connection, projectId, filter, query);
            } else {
                List<Candidate> matches = Candidates.scan(connection, projectId, filter, query.ordering(), dataOrder);
                total = matches.size();
                if (dataOrder) {
                    matches.sort(Candidates.comparator(query.ordering()));
                }
                ids = slice(matches, query.page());
            }
            List<TaskRow> rows = TaskRows.rows(connection, ids, query);
            Totals page = Totals.NONE;
            for (TaskRow row : rows) {
                page = page.plus(row);
            }
            return new TaskTable(total, page, rows);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot read the tasks of project " + projectId);
        }
    }

    /** The ids of one page of candidates in their order. */
    private static List<Long> slice(List<Candidate> candidates, PageRequest page) {
        int from = (int) Math.min(page.offset(), candidates.size());
        int to = Math.min(from + page.pageSize(), candidates.size());
        return candidates.subList(from, to).stream().map(Candidate::id).toList();
    }

    @Override
    public Totals found(long projectId, TaskFilter taskFilter) {
        FilterSql filter = new FilterSql(taskFilter);
        try (Connection connection = dataSource.getConnection(); Jdbc.Streaming read = Jdbc.streaming(connection)) {
            Indexed.Plan plan = Indexed.plan(taskFilter, filter);
            long[] preselected = null;
            if (plan != null) {
                try (TaskIndex.Reader reader = index.open(connection, projectId, plan.needs(plan.pure()))) {
                    if (reader != null) {
                        RoaringBitmap matches = reader.and(plan.keys());
                        if (plan.pure()) {
                            return Indexed.sum(matches, reader.values());
                        }
                        preselected = Indexed.ids(matches);
                    }
                }
            }
            List<Candidate> driven = Candidates.driven(connection, projectId, taskFilter, filter, List.of(), true,
                    preselected);
            if (driven != null) {
                return Candidates.sum(driven);
            }
            if (!filter.needsData()) {
                FilterSql.Where where = filter.where();
                try (PreparedStatement statement = connection.prepareStatement("SELECT " + TOTALS
                        + " FROM task t WHERE t.project_id = ?" + where.and())) {
                    statement.setLong(1, projectId);
                    SqlConditions.bind(statement, 2, where.parameters());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getLong(7));
                    }
                }
            }
            return Candidates.sum(Candidates.scan(connection, projectId, filter, List.of(), false));
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot count the tasks of project " + projectId);
        }
    }

    @Override
    public long[] ids(long projectId, TaskSelection selection) {
        try (Connection connection = dataSource.getConnection(); Jdbc.Streaming read = Jdbc.streaming(connection)) {
            return Selections.ids(connection, projectId, selection);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot select tasks of project " + projectId);
        }
    }

    private static long count(Connection connection, long projectId, FilterSql filter) throws SQLException {
        FilterSql.Where where = filter.where();
        if (where.sql() == null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT task_count FROM project WHERE id = ?")) {
                statement.setLong(1, projectId);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM task t "
                + "WHERE t.project_id = ?" + where.and())) {
            statement.setLong(1, projectId);
            SqlConditions.bind(statement, 2, where.parameters());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> pageIds(Connection connection, long projectId, FilterSql filter, TaskQuery query)
            throws SQLException {
        FilterSql.Where where = filter.where();
        String sql = "SELECT t.id FROM task t WHERE t.project_id = ?" + where.and()
                + Candidates.orderBy(query.ordering()) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, projectId);
            int index = SqlConditions.bind(statement, 2, where.parameters());
            statement.setLong(index++, query.page().offset());
            statement.setInt(index, query.page().pageSize());
            List<Long> ids = new ArrayList<>(query.page().pageSize());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
