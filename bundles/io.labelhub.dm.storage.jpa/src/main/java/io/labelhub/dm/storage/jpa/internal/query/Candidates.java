package io.labelhub.dm.storage.jpa.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * The tasks that pass a filter, found the cheapest way the filter allows: from the indexes alone
 * ({@link #driven}), or by reading candidate rows that SQL narrowed down and checking what only Java can
 * ({@link #scan}); with what Java needs to order or sum them up.
 */
final class Candidates {

    private Candidates() {
    }

    /** ORDER BY for task columns; the id breaks ties (ascending unless the ordering names it). */
    static String orderBy(List<Order> ordering) {
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

    static Totals sum(List<Candidate> candidates) {
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
     * project and probe both indexes for each. Null when the filter is not of that kind. {@code preselected}: the
     * sorted ids of this project's tasks that pass those items, as {@link TaskIndex} found them (null: read them
     * from the database's indexes here).
     */
    static List<Candidate> driven(Connection connection, long projectId, TaskFilter taskFilter,
                                          FilterSql filter, List<Order> ordering, boolean counters,
                                          long[] preselected) throws SQLException {
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
            used.add(i);
            if (preselected == null) {
                long[] found = containing(connection, projectId, item);
                ids = ids == null ? found : intersect(ids, found);
                ofThisProject |= item.field().column() != Column.ANNOTATORS;
            }
        }
        if (preselected != null && !used.isEmpty()) {
            ids = preselected;
            ofThisProject = true;
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
        for (int start = 0; start < ids.length; start += Jdbc.CHUNK) {
            int count = Math.min(Jdbc.CHUNK, ids.length - start);
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + columns + " FROM task t "
                    + "WHERE t.project_id = ? AND t.id IN (" + Jdbc.marks(count) + ")"
                    + rest.and() + " ORDER BY t.id")) {
                statement.setLong(1, projectId);
                for (int i = 0; i < count; i++) {
                    statement.setLong(2 + i, ids[start + i]);
                }
                SqlConditions.bind(statement, 2 + count, rest.parameters());
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
        } else if (item.field().column() == Column.REVIEWERS) {
            sql = "SELECT r.task_id FROM review r WHERE r.project_id = ? AND r.reviewer_id = ?";
            values.add(projectId);
            values.add(item.value());
        } else {
            values.add(projectId);
            sql = "SELECT l.task_id FROM task_label l WHERE l.project_id = ? AND l.kind = '"
                    + (item.field().column() == Column.COMPLETION_RESULTS ? LabelIndex.COMPLETION
                    : LabelIndex.PREDICTION) + "'" + SqlConditions.labelMatch((LabelMatch) item.value(), values);
        }
        long[] ids = new long[1024];
        int size = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            SqlConditions.bind(statement, 1, values);
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
    record Candidate(long id, Object[] sortKeys, long[] counters) {
    }

    /**
     * Reads the candidates SQL leaves and keeps those that pass the data checks; in the ordering's order unless it
     * has data keys (then the caller sorts by {@link Candidate#sortKeys()}).
     */
    static List<Candidate> scan(Connection connection, long projectId, FilterSql filter, List<Order> ordering,
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
        // PostgreSQL narrows by the text the data must hold itself, through the trigram index of LOWER(data)
        // (schema step 15): the rows it leaves are then checked exactly, as on Derby
        List<String> likes = Jdbc.isPostgresql(connection)
                ? filter.requiredText.stream().map(Candidates::likePattern).toList() : List.of();
        for (int i = 0; i < likes.size(); i++) {
            sql.append(" AND LOWER(t.data) LIKE ? ESCAPE '!'");
        }
        sql.append(dataOrder ? " ORDER BY t.id" : orderBy(ordering));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (!flags.isEmpty()) {
                index = SqlConditions.bind(statement, index, filter.parameters);
            }
            statement.setLong(index++, projectId);
            index = SqlConditions.bind(statement, index, where.parameters());
            for (String like : likes) {
                statement.setString(index++, like);
            }
            statement.setFetchSize(Jdbc.CHUNK);
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

    /** {@code %text%} for LIKE … ESCAPE '!': the text's own %, _ and ! escaped. */
    static String likePattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    static Object sortValue(Object value) {
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
    static Comparator<Candidate> comparator(List<Order> ordering) {
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
}
