package io.labelhub.dm.storage.jpa.internal.gt;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.labelhub.dm.api.gt.CompletionCondition;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.ReviewResult;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * A completion filter as one SQL condition over {@code completion c}; values only ever become bind parameters.
 * Semantics as the Data Manager's: a comparison never holds for a completion without a value, and {@code not_*}
 * holds exactly where its positive sibling does not. Labels are looked up in the label index ({@code task_label}
 * rows of kind completion, by the task's index and the completion as owner), reviews in {@code review} by its key.
 */
final class CompletionFilterSql {

    /** Reviews' balance: thumbs up minus thumbs down, 0 without reviews. */
    private static final String BALANCE = "COALESCE((SELECT SUM(CASE WHEN r.accepted = TRUE THEN 1 ELSE -1 END) "
            + "FROM review r WHERE r.completion_id = c.id), 0)";
    private static final String REVIEWED = "EXISTS (SELECT 1 FROM review r WHERE r.completion_id = c.id)";

    /** The condition, {@code 1 = 1} for none. */
    final String sql;
    /** Values to bind, in order. */
    final List<Object> parameters = new ArrayList<>();

    CompletionFilterSql(CompletionFilter filter) {
        List<String> conditions = new ArrayList<>();
        for (CompletionCondition item : filter.items()) {
            conditions.add(condition(item));
        }
        this.sql = conditions.isEmpty() ? "1 = 1"
                : "(" + String.join(filter.any() ? " OR " : " AND ", conditions) + ")";
    }

    /** Binds {@link #parameters} from {@code index}; answers the next free index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        return SqlConditions.bind(statement, index, parameters);
    }

    private String condition(CompletionCondition item) {
        return switch (item.field()) {
            case COMPLETED_BY -> author(item);
            case LABEL -> label(item);
            case REVIEW -> review(item);
            case LEAD_TIME -> compare("c.lead_time", item);
            case CREATED_AT -> compare("c.created_at", item);
        };
    }

    private String author(CompletionCondition item) {
        String positive;
        if (item.operator() == Operator.IN || item.operator() == Operator.NOT_IN) {
            List<?> ids = (List<?>) item.value();
            ids.forEach(id -> parameters.add((Long) id));
            positive = "c.completed_by IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        } else {
            parameters.add((Long) item.value());
            positive = "c.completed_by = ?";
        }
        return item.operator().negative() ? "(c.completed_by IS NULL OR NOT " + positive + ")" : positive;
    }

    private String label(CompletionCondition item) {
        String rows = "SELECT 1 FROM task_label l WHERE l.task_id = c.task_id AND l.kind = '" + LabelIndex.COMPLETION
                + "' AND l.owner_id = c.id";
        if (item.operator() == Operator.EMPTY) {
            return (Boolean.TRUE.equals(item.value()) ? "NOT " : "") + "EXISTS (" + rows + ")";
        }
        String exists = "EXISTS (" + rows + SqlConditions.labelMatch((LabelMatch) item.value(), parameters) + ")";
        return item.operator() == Operator.NOT_CONTAINS ? "NOT " + exists : exists;
    }

    private static String review(CompletionCondition item) {
        String positive = switch ((ReviewResult) item.value()) {
            case ACCEPTED -> BALANCE + " > 0";
            case REJECTED -> "(" + REVIEWED + " AND " + BALANCE + " <= 0)";
            case NONE -> "NOT " + REVIEWED;
        };
        return item.operator() == Operator.NOT_EQUAL ? "NOT (" + positive + ")" : positive;
    }

    private String compare(String column, CompletionCondition item) {
        if (item.operator() == Operator.EMPTY) {
            return column + (Boolean.TRUE.equals(item.value()) ? " IS NULL" : " IS NOT NULL");
        }
        String comparison = SqlConditions.comparison(column, item.operator(), item.value(), parameters);
        if (comparison == null) {
            throw new IllegalArgumentException(item.operator() + " does not apply to " + item.field());
        }
        return comparison;
    }
}
