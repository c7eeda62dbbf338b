package io.labelhub.dm.storage.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.storage.TaskQueryStore;

/**
 * The Data Manager over JDBC. Filters on task columns and on the label index run in the database (counters live
 * in the task row; "contains Cat" and "completed by X" are index lookups); {@code data.<key>} conditions and
 * orderings are decided in Java on each candidate row, after SQL has narrowed the candidates where it can.
 */
@Component(service = TaskQueryStore.class)
public class JdbcTaskQueryStore implements TaskQueryStore {

    /** The scalar columns of a table row, in {@link #row} order. */
    private static final String ROW_COLUMNS = "t.id, t.completion_count, t.skipped_count, t.prediction_count, "
            + "t.prediction_score, t.reviews_up, t.reviews_down, t.ground_truth, t.created_at, t.updated_at, "
            + "t.completed_at, t.lead_time";
    private static final int ROW_COLUMN_COUNT = 12;
    private static final String TOTALS = "COUNT(*), SUM(t.completion_count), SUM(t.skipped_count), "
            + "SUM(t.prediction_count), SUM(t.reviews_up), SUM(t.reviews_down), "
            + "SUM(CASE WHEN t.ground_truth = TRUE THEN 1 ELSE 0 END)";
    /** Ids per {@code IN (…)} list. */
    private static final int CHUNK = 1000;

    private final DataSource dataSource;

    @Activate
    public JdbcTaskQueryStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public TaskTable page(long projectId, TaskQuery query) {
        FilterSql filter = new FilterSql(query.filter());
        boolean dataOrder = query.ordering().stream().anyMatch(o -> o.field().isData());
        try (Connection connection = dataSource.getConnection()) {
            long total;
            List<Long> ids;
            List<Candidate> driven = dataOrder ? null : driven(connection, projectId, query.filter(), filter,
                    query.ordering(), false);
            if (driven != null) {
                total = driven.size();
                ids = slice(driven, query.page());
            } else if (!filter.needsData() && !dataOrder) {
                total = count(connection, projectId, filter);
                ids = pageIds(connection, projectId, filter, query);
            } else {
                List<Candidate> matches = scan(connection, projectId, filter, query.ordering(), dataOrder);
                total = matches.size();
                if (dataOrder) {
                    matches.sort(comparator(query.ordering()));
                }
                ids = slice(matches, query.page());
            }
            List<TaskRow> rows = rows(connection, ids, query);
            Totals page = Totals.NONE;
            for (TaskRow row : rows) {
                page = page.plus(row);
            }
            return new TaskTable(total, page, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tasks of project " + projectId, e);
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
        try (Connection connection = dataSource.getConnection()) {
            List<Candidate> driven = driven(connection, projectId, taskFilter, filter, List.of(), true);
            if (driven != null) {
                return sum(driven);
            }
            if (!filter.needsData()) {
                FilterSql.Where where = filter.where();
                try (PreparedStatement statement = connection.prepareStatement("SELECT " + TOTALS
                        + " FROM task t WHERE t.project_id = ?" + where.and())) {
                    statement.setLong(1, projectId);
                    FilterSql.bind(statement, 2, where.parameters());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getLong(7));
                    }
                }
            }
            return sum(scan(connection, projectId, filter, List.of(), false));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the tasks of project " + projectId, e);
        }
    }

    @Override
    public long[] ids(long projectId, TaskSelection selection) {
        try (Connection connection = dataSource.getConnection()) {
            return ids(connection, projectId, selection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot select tasks of project " + projectId, e);
        }
    }

    private long[] ids(Connection connection, long projectId, TaskSelection selection) throws SQLException {
        Set<Long> selected = new TreeSet<>();
        if (!selection.all()) {
            long[] asked = selection.ids().stream().mapToLong(Long::longValue).distinct().sorted().toArray();
            for (int start = 0; start < asked.length; start += CHUNK) {
                int count = Math.min(CHUNK, asked.length - start);
                try (PreparedStatement statement = connection.prepareStatement("SELECT t.id FROM task t "
                        + "WHERE t.project_id = ? AND t.id IN (" + marks(count) + ")")) {
                    statement.setLong(1, projectId);
                    for (int i = 0; i < count; i++) {
                        statement.setLong(2 + i, asked[start + i]);
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            selected.add(rs.getLong(1));
                        }
                    }
                }
            }
            return selected.stream().mapToLong(Long::longValue).toArray();
        }
        FilterSql filter = new FilterSql(selection.filter());
        long[] matching;
        List<Candidate> driven = driven(connection, projectId, selection.filter(), filter, List.of(), false);
        if (driven != null) {
            matching = driven.stream().mapToLong(Candidate::id).toArray();
        } else if (!filter.needsData()) {
            FilterSql.Where where = filter.where();
            List<Long> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT t.id FROM task t "
                    + "WHERE t.project_id = ?" + where.and() + " ORDER BY t.id")) {
                statement.setLong(1, projectId);
                FilterSql.bind(statement, 2, where.parameters());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            matching = found.stream().mapToLong(Long::longValue).toArray();
        } else {
            matching = scan(connection, projectId, filter, List.of(), false).stream().mapToLong(Candidate::id)
                    .toArray();
        }
        Set<Long> excluded = new HashSet<>(selection.excluded());
        return Arrays.stream(matching).filter(id -> !excluded.contains(id)).toArray();
    }

    @Override
    public long deleteTasks(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            update(connection, "DELETE FROM task_label WHERE task_id IN (" + marks(chunk.length) + ")", chunk);
            // completions and predictions go with their task by ON DELETE CASCADE (Derby scans whole tables for
            // "DELETE FROM completion WHERE task_id IN (…)", so deleting them first is far slower)
            long deleted = update(connection, "DELETE FROM task WHERE id IN (" + marks(chunk.length) + ")", chunk);
            update(connection, "UPDATE project SET task_count = task_count - " + deleted + " WHERE id = ?",
                    new long[] {projectId});
            return deleted;
        });
    }

    @Override
    public long deleteCompletions(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            // the task rows first: that locks them, so no completion can be added to them until we commit
            update(connection, "UPDATE task SET completion_count = 0, skipped_count = 0, ground_truth = FALSE, "
                    + "completed_at = NULL, lead_time = NULL, updated_at = CURRENT_TIMESTAMP WHERE id IN ("
                    + marks(chunk.length) + ")", chunk);
            update(connection, "DELETE FROM task_label WHERE task_id IN (" + marks(chunk.length) + ") AND kind = '"
                    + LabelIndex.COMPLETION + "'", chunk);
            return perTask(connection, "DELETE FROM completion WHERE task_id = ?", chunk);
        });
    }

    @Override
    public long deletePredictions(long projectId, TaskSelection selection) {
        return inTransaction(projectId, selection, (connection, chunk) -> {
            update(connection, "UPDATE task SET prediction_count = 0, prediction_score = NULL, "
                    + "updated_at = CURRENT_TIMESTAMP WHERE id IN (" + marks(chunk.length) + ")", chunk);
            update(connection, "DELETE FROM task_label WHERE task_id IN (" + marks(chunk.length) + ") AND kind = '"
                    + LabelIndex.PREDICTION + "'", chunk);
            return perTask(connection, "DELETE FROM prediction WHERE task_id = ?", chunk);
        });
    }

    @FunctionalInterface
    private interface ChunkWork {
        long run(Connection connection, long[] chunk) throws SQLException;
    }

    /** Runs work on the selected ids, a chunk at a time, in one transaction: all of it happens or none. */
    private long inTransaction(long projectId, TaskSelection selection, ChunkWork work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long[] ids = ids(connection, projectId, selection);
                long affected = 0;
                for (int start = 0; start < ids.length; start += CHUNK) {
                    affected += work.run(connection, Arrays.copyOfRange(ids, start,
                            Math.min(ids.length, start + CHUNK)));
                }
                connection.commit();
                return affected;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (JdbcTaskBulkStore.LOCK_TIMEOUT.equals(e.getSQLState())) {
                throw new ConflictException("tasks busy", "some of the selected tasks of project "
                        + projectId + " are being changed by another request; try again");
            }
            throw new IllegalStateException("cannot change the tasks of project " + projectId, e);
        }
    }

    /**
     * One statement per task id, as a batch: Derby reads "task_id IN (…1,000 ids…)" on the child tables by a full
     * table scan, "task_id = ?" through the foreign-key index.
     */
    private static long perTask(Connection connection, String sql, long[] ids) throws SQLException {
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

    private static long update(Connection connection, String sql, long[] ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                statement.setLong(i + 1, ids[i]);
            }
            return statement.executeUpdate();
        }
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
            throw new IllegalStateException("cannot compute the statistics of project " + projectId, e);
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
            FilterSql.bind(statement, 2, where.parameters());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> pageIds(Connection connection, long projectId, FilterSql filter, TaskQuery query)
            throws SQLException {
        FilterSql.Where where = filter.where();
        String sql = "SELECT t.id FROM task t WHERE t.project_id = ?" + where.and() + orderBy(query.ordering())
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, projectId);
            int index = FilterSql.bind(statement, 2, where.parameters());
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

    /** ORDER BY for task columns; the id breaks ties (ascending unless the ordering names it). */
    private static String orderBy(List<Order> ordering) {
        List<String> keys = new ArrayList<>();
        boolean id = false;
        for (Order order : ordering) {
            if (order.field().isData()) {
                continue;
            }
            keys.add(FilterSql.column(order.field().column()) + (order.descending() ? " DESC" : " ASC"));
            id |= order.field().column() == Column.ID;
        }
        if (!id) {
            keys.add("t.id ASC");
        }
        return " ORDER BY " + String.join(", ", keys);
    }

    private static Totals sum(List<Candidate> candidates) {
        long[] sums = new long[7];
        for (Candidate candidate : candidates) {
            long[] c = candidate.counters();
            for (int i = 0; i < sums.length; i++) {
                sums[i] += c[i];
            }
        }
        return new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);
    }

    /**
     * An AND filter with "contains" items on list columns and no data items, evaluated from the indexes: each such
     * item's task ids come from an index alone ({@code completion (completed_by, task_id)}, {@code task_label
     * (project_id, kind, label, completed_by, task_id)}), Java intersects them, and only the few tasks left are read
     * by primary key to check the other items and get the ordering's values (or, with {@code counters}, to sum them
     * up); when there is nothing to check, the ids are the answer. Derby would otherwise walk every task of the
     * project and probe both indexes for each. Null when the filter is not of that kind.
     */
    private static List<Candidate> driven(Connection connection, long projectId, TaskFilter taskFilter,
                                          FilterSql filter, List<Order> ordering, boolean counters)
            throws SQLException {
        if (taskFilter.any() || filter.needsData()) {
            return null;
        }
        long[] ids = null;
        boolean ofThisProject = false;
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < taskFilter.items().size(); i++) {
            FilterItem item = taskFilter.items().get(i);
            if (item.operator() != Operator.CONTAINS || !item.field().column().list()) {
                continue;
            }
            long[] found = containing(connection, projectId, item);
            ids = ids == null ? found : intersect(ids, found);
            used.add(i);
            ofThisProject |= item.field().column() != Column.ANNOTATORS;
        }
        if (ids == null) {
            return null;
        }
        boolean idOrder = ordering.isEmpty() || ordering.get(0).field().column() == Column.ID;
        FilterSql.Where rest = filter.whereWithout(used);
        if (rest.sql() == null && idOrder && ofThisProject && !counters) {
            List<Candidate> all = new ArrayList<>(ids.length);
            for (long id : ids) {
                all.add(new Candidate(id, null, null));
            }
            if (!ordering.isEmpty() && ordering.get(0).descending()) {
                Collections.reverse(all);
            }
            return all;
        }
        // the keys up to the id: the id is unique, so nothing after it matters
        List<Order> keys = new ArrayList<>();
        for (Order order : ordering) {
            keys.add(order);
            if (order.field().column() == Column.ID) {
                break;
            }
        }
        StringBuilder columns = new StringBuilder("t.id, t.completion_count, t.skipped_count, t.prediction_count, "
                + "t.reviews_up, t.reviews_down, t.ground_truth");
        for (Order order : keys) {
            columns.append(", ").append(FilterSql.column(order.field().column()));
        }
        List<Candidate> matches = new ArrayList<>();
        for (int start = 0; start < ids.length; start += CHUNK) {
            int count = Math.min(CHUNK, ids.length - start);
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + columns + " FROM task t "
                    + "WHERE t.project_id = ? AND t.id IN (" + marks(count) + ")"
                    + rest.and() + " ORDER BY t.id")) {
                statement.setLong(1, projectId);
                for (int i = 0; i < count; i++) {
                    statement.setLong(2 + i, ids[start + i]);
                }
                FilterSql.bind(statement, 2 + count, rest.parameters());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Object[] sortKeys = new Object[keys.size()];
                        for (int k = 0; k < keys.size(); k++) {
                            sortKeys[k] = sortValue(rs.getObject(8 + k));
                        }
                        matches.add(new Candidate(rs.getLong(1), sortKeys, new long[] {1, rs.getLong(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBoolean(7) ? 1 : 0}));
                    }
                }
            }
        }
        matches.sort(comparator(keys));
        return matches;
    }

    /** The sorted distinct ids of the project's tasks whose list column contains the item's value. */
    private static long[] containing(Connection connection, long projectId, FilterItem item) throws SQLException {
        String sql;
        List<Object> values = new ArrayList<>();
        if (item.field().column() == Column.ANNOTATORS) {
            // every project's tasks by that user: the primary-key reads afterwards keep this project's
            sql = "SELECT c.task_id FROM completion c WHERE c.completed_by = ?";
            values.add(item.value());
        } else {
            values.add(projectId);
            sql = "SELECT l.task_id FROM task_label l WHERE l.project_id = ? AND l.kind = '"
                    + (item.field().column() == Column.COMPLETION_RESULTS ? LabelIndex.COMPLETION
                    : LabelIndex.PREDICTION) + "'" + FilterSql.labelConditions((LabelMatch) item.value(), values);
        }
        long[] ids = new long[1024];
        int size = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            FilterSql.bind(statement, 1, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (size == ids.length) {
                        ids = Arrays.copyOf(ids, size * 2);
                    }
                    ids[size++] = rs.getLong(1);
                }
            }
        }
        return Arrays.stream(ids, 0, size).sorted().distinct().toArray();
    }

    /** The ids in both sorted arrays. */
    private static long[] intersect(long[] a, long[] b) {
        long[] both = new long[Math.min(a.length, b.length)];
        int size = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                both[size++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(both, size);
    }

    /** A task that passed the filter, with what Java needs to order it or sum it up. */
    private record Candidate(long id, Object[] sortKeys, long[] counters) {
    }

    /**
     * Reads the candidates SQL leaves and keeps those that pass the data checks; in the ordering's order unless it
     * has data keys (then the caller sorts by {@link Candidate#sortKeys()}).
     */
    private static List<Candidate> scan(Connection connection, long projectId, FilterSql filter, List<Order> ordering,
                                        boolean dataOrder) throws SQLException {
        FilterSql.Where where = filter.where();
        List<String> flags = filter.flags();
        StringBuilder sql = new StringBuilder("SELECT t.id, t.completion_count, t.skipped_count, "
                + "t.prediction_count, t.reviews_up, t.reviews_down, t.ground_truth");
        boolean readData = filter.needsData() || dataOrder;
        if (readData) {
            sql.append(", t.data");
        }
        for (String flag : flags) {
            sql.append(", ").append(flag);
        }
        List<Order> sqlKeys = ordering.stream().filter(o -> !o.field().isData()).toList();
        if (dataOrder) {
            for (Order order : sqlKeys) {
                sql.append(", ").append(FilterSql.column(order.field().column()));
            }
        }
        sql.append(" FROM task t WHERE t.project_id = ?").append(where.and());
        sql.append(dataOrder ? " ORDER BY t.id" : orderBy(ordering));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (!flags.isEmpty()) {
                index = FilterSql.bind(statement, index, filter.parameters);
            }
            statement.setLong(index++, projectId);
            FilterSql.bind(statement, index, where.parameters());
            statement.setFetchSize(CHUNK);
            List<Candidate> matches = new ArrayList<>();
            int[] flagValues = new int[flags.size()];
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int column = 8;
                    String raw = readData ? rs.getString(column++) : null;
                    if (raw != null && !filter.mayPass(raw)) {
                        continue;
                    }
                    Map<String, Object> data = raw == null ? null : Json.readObject(raw);
                    for (int i = 0; i < flagValues.length; i++) {
                        flagValues[i] = rs.getInt(column++);
                    }
                    if (!filter.passes(data, flagValues)) {
                        continue;
                    }
                    Object[] sortKeys = null;
                    if (dataOrder) {
                        sortKeys = new Object[ordering.size()];
                        for (int i = 0; i < ordering.size(); i++) {
                            Field field = ordering.get(i).field();
                            sortKeys[i] = field.isData() ? DataValues.sortKey(data, field.dataKey())
                                    : sortValue(rs.getObject(column++));
                        }
                    }
                    long[] counters = {1, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getBoolean(7) ? 1 : 0};
                    matches.add(new Candidate(rs.getLong(1), sortKeys, counters));
                }
            }
            return matches;
        }
    }

    private static Object sortValue(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Timestamp t) {
            return (double) t.getTime() + t.getNanos() % 1_000_000 / 1e6;
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return value;
    }

    /** Orders candidates like SQL would: each key ascending or descending, no value last ascending, id last. */
    private static Comparator<Candidate> comparator(List<Order> ordering) {
        Comparator<Candidate> comparator = (a, b) -> 0;
        boolean id = false;
        for (int i = 0; i < ordering.size(); i++) {
            int key = i;
            Comparator<Candidate> one = (a, b) -> DataValues.ORDER.compare(a.sortKeys()[key], b.sortKeys()[key]);
            comparator = comparator.thenComparing(ordering.get(i).descending() ? one.reversed() : one);
            id |= ordering.get(i).field().column() == Column.ID;
        }
        return id ? comparator : comparator.thenComparingLong(Candidate::id);
    }

    /** The table rows of the given ids, in that order, with what the query asks for. */
    private static List<TaskRow> rows(Connection connection, List<Long> ids, TaskQuery query) throws SQLException {
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
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + ROW_COLUMNS
                + (wantsData ? ", t.data" : "") + " FROM task t WHERE t.id IN (" + marks(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[ROW_COLUMN_COUNT];
                    for (int i = 0; i < ROW_COLUMN_COUNT; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    long id = rs.getLong(1);
                    values.put(id, row);
                    if (wantsData) {
                        data.put(id, only(Json.readObject(rs.getString(ROW_COLUMN_COUNT + 1)), dataKeys));
                    }
                }
            }
        }
        Map<Long, List<Long>> annotators = query.wants(Column.ANNOTATORS) ? annotators(connection, ids) : Map.of();
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
                    completionLabels.getOrDefault(id, List.of()), predictionLabels.getOrDefault(id, List.of()),
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

    private static Map<Long, List<Long>> annotators(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, Set<Long>> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.task_id, c.completed_by "
                + "FROM completion c WHERE c.task_id IN (" + marks(ids.size()) + ") ORDER BY c.task_id, c.id")) {
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
                + "WHERE l.task_id IN (" + marks(ids.size()) + ") AND l.kind = '" + kind + "' "
                + "ORDER BY l.task_id, l.label")) {
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

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
