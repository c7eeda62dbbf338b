package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;

/**
 * Pieces of SQL conditions that the Data Manager's task filter and the ground-truth completion filter both build:
 * comparisons, label matches on {@code task_label l}, and binding their values. Values only ever become bind
 * parameters, added to the caller's list in the order of their marks.
 */
public final class SqlConditions {

    private SqlConditions() {
    }

    /**
     * {@code column <operator> ?} for a comparison operator, its values added to {@code parameters}; a negated one
     * ({@code not_equal}, {@code not_in}) also holds where the column is null. Null for an operator that is no
     * comparison.
     */
    public static String comparison(String column, Operator operator, Object value, List<Object> parameters) {
        return switch (operator) {
            case EQUAL -> bound(column, "=", value, parameters);
            case LESS -> bound(column, "<", value, parameters);
            case GREATER -> bound(column, ">", value, parameters);
            case LESS_OR_EQUAL -> bound(column, "<=", value, parameters);
            case GREATER_OR_EQUAL -> bound(column, ">=", value, parameters);
            case NOT_EQUAL -> "(" + column + " IS NULL OR " + bound(column, "<>", value, parameters) + ")";
            case IN -> between(column, (Range) value, parameters);
            case NOT_IN -> "(" + column + " IS NULL OR NOT " + between(column, (Range) value, parameters) + ")";
            default -> null;
        };
    }

    private static String bound(String column, String operator, Object value, List<Object> parameters) {
        parameters.add(sqlValue(value));
        return column + " " + operator + " ?";
    }

    private static String between(String column, Range range, List<Object> parameters) {
        parameters.add(sqlValue(range.min()));
        parameters.add(sqlValue(range.max()));
        return "(" + column + " BETWEEN ? AND ?)";
    }

    private static Object sqlValue(Object value) {
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }

    /**
     * {@code AND l.label = ? …} for a label match on {@code task_label l}, its values added to {@code parameters}. The
     * LENGTH checks: Derby compares VARCHARs as if blank-padded, so "Cat " would equal "Cat".
     */
    public static String labelMatch(LabelMatch match, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(" AND l.label = ? AND LENGTH(l.label) = ?");
        String label = LabelIndex.cut(match.label());
        parameters.add(label);
        parameters.add((long) label.length());
        if (match.control() != null) {
            sql.append(" AND l.control = ? AND LENGTH(l.control) = ?");
            String control = LabelIndex.cut(match.control());
            parameters.add(control);
            parameters.add((long) control.length());
        }
        if (match.annotator() != null) {
            sql.append(" AND l.completed_by = ?");
            parameters.add(match.annotator());
        }
        return sql.toString();
    }

    /** Binds the values from {@code index}; answers the next free index. */
    public static int bind(PreparedStatement statement, int index, List<Object> parameters) throws SQLException {
        for (Object value : parameters) {
            if (value instanceof Long l) {
                statement.setLong(index++, l);
            } else if (value instanceof Double d) {
                statement.setDouble(index++, d);
            } else if (value instanceof Timestamp t) {
                statement.setTimestamp(index++, t);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index++, b);
            } else {
                statement.setString(index++, (String) value);
            }
        }
        return index;
    }
}
