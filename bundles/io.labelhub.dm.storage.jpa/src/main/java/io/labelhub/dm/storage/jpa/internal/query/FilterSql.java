package io.labelhub.dm.storage.jpa.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.google.re2j.Pattern;

import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * A filter as SQL over {@code task t} plus, for {@code data.<key>} items, checks in Java on each row's data.
 * Values only ever become bind parameters. Semantics: a comparison never holds for a task without a value;
 * {@code not_equal}, {@code not_in} and {@code not_contains} hold exactly where their positive sibling does not
 * (tasks without a value included); {@code contains} on strings ignores case, {@code equal} does not;
 * {@code regex} finds the pattern anywhere in the value.
 */
final class FilterSql {

    /** Values to bind, in order. */
    final List<Object> parameters = new ArrayList<>();
    /** One SQL condition per item that SQL can decide, in item order; null for data items. */
    final List<String> conditions = new ArrayList<>();
    /** One Java check per data item, in item order; null for items SQL decides. */
    final List<Predicate<Map<String, Object>>> dataChecks = new ArrayList<>();
    final boolean any;
    private final boolean hasData;
    /**
     * Lower-case text every passing row's data JSON must contain (from an AND filter's {@code contains} and
     * {@code equal} data items), checked on the raw JSON before it is parsed: most rows fail it cheaply.
     */
    final List<String> requiredText = new ArrayList<>();
    /** How many of {@link #parameters} each condition binds, in item order. */
    private final List<Integer> parameterCounts = new ArrayList<>();

    /** A condition and the values it binds; null SQL for none. */
    record Where(String sql, List<Object> parameters) {

        static final Where NONE = new Where(null, List.of());

        /** {@code " AND (…)"} to follow another condition, or nothing. */
        String and() {
            return sql == null ? "" : " AND " + sql;
        }
    }

    FilterSql(TaskFilter filter) {
        this.any = filter.any();
        boolean data = false;
        for (FilterItem item : filter.items()) {
            if (item.field().isData()) {
                conditions.add(null);
                dataChecks.add(dataCheck(item));
                data = true;
            } else {
                int before = parameters.size();
                conditions.add(condition(item));
                dataChecks.add(null);
                parameterCounts.add(parameters.size() - before);
                continue;
            }
            parameterCounts.add(0);
        }
        this.hasData = data;
        if (!any) {
            for (FilterItem item : filter.items()) {
                if (item.field().isData() && item.type() == ValueType.STRING
                        && (item.operator() == Operator.CONTAINS || item.operator() == Operator.EQUAL)
                        && item.value() instanceof String text && !text.isEmpty() && writtenAsIs(text)) {
                    requiredText.add(text.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
    }

    /** True when JSON holds the text unescaped (no quote, backslash or control character). */
    private static boolean writtenAsIs(String text) {
        return text.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    /** Whether a row's raw data JSON can pass at all. */
    boolean mayPass(String rawData) {
        if (requiredText.isEmpty()) {
            return true;
        }
        String lower = rawData.toLowerCase(java.util.Locale.ROOT);
        for (String text : requiredText) {
            if (!lower.contains(text)) {
                return false;
            }
        }
        return true;
    }

    /** True when some item needs each row's data in Java. */
    boolean needsData() {
        return hasData;
    }

    /**
     * The condition SQL can apply by itself: all SQL items joined by AND (an AND filter's data items then narrow
     * further in Java) or OR, or, for an OR filter with data items, none (Java decides every row).
     */
    Where where() {
        if (any && hasData) {
            return Where.NONE;
        }
        if (any) {
            return conditions.isEmpty() ? Where.NONE
                    : new Where("(" + String.join(" OR ", conditions) + ")", parameters);
        }
        return whereWithout(java.util.Set.of());
    }

    /**
     * The AND of the SQL items but those at the {@code skipped} indexes (an AND filter's items already met another
     * way); null SQL when none is left.
     */
    Where whereWithout(java.util.Set<Integer> skipped) {
        List<String> sql = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < conditions.size(); i++) {
            int count = parameterCounts.get(i);
            if (conditions.get(i) != null && !skipped.contains(i)) {
                sql.add(conditions.get(i));
                values.addAll(parameters.subList(next, next + count));
            }
            next += count;
        }
        return new Where(sql.isEmpty() ? null : "(" + String.join(" AND ", sql) + ")", values);
    }

    /** The SQL items as {@code CASE WHEN … THEN 1 ELSE 0 END} columns, for an OR filter Java combines. */
    List<String> flags() {
        if (!(any && hasData)) {
            return List.of();
        }
        return conditions.stream().filter(c -> c != null).map(c -> "CASE WHEN " + c + " THEN 1 ELSE 0 END").toList();
    }

    /** Whether a row passes, given its data and (OR filters) the values of {@link #flags()}. */
    boolean passes(Map<String, Object> data, int[] flags) {
        if (!hasData) {
            return true;
        }
        int flag = 0;
        for (int i = 0; i < conditions.size(); i++) {
            boolean holds;
            if (conditions.get(i) != null) {
                if (!any) {
                    continue; // already applied by SQL
                }
                holds = flags[flag++] == 1;
            } else {
                holds = dataChecks.get(i).test(data);
            }
            if (any && holds) {
                return true;
            }
            if (!any && !holds) {
                return false;
            }
        }
        return !any;
    }

    /** The SQL expression of a task column (not lists, not data). */
    static String column(Column column) {
        return switch (column) {
            case ID -> "t.id";
            case COMPLETIONS -> "t.completion_count";
            case SKIPPED -> "t.skipped_count";
            case PREDICTIONS -> "t.prediction_count";
            case PREDICTION_SCORE -> "t.prediction_score";
            case REVIEWS_UP -> "t.reviews_up";
            case REVIEWS_DOWN -> "t.reviews_down";
            case GROUND_TRUTH -> "t.ground_truth";
            case CREATED_AT -> "t.created_at";
            case UPDATED_AT -> "t.updated_at";
            case COMPLETED_AT -> "t.completed_at";
            case LEAD_TIME -> "t.lead_time";
            case ANNOTATORS, REVIEWERS, COMPLETION_RESULTS, PREDICTION_RESULTS, DATA ->
                    throw new IllegalArgumentException(column + " is not a column of the task row");
        };
    }

    /** Whole-number columns that are never null. */
    private static boolean integral(Column column) {
        return switch (column) {
            case ID, COMPLETIONS, SKIPPED, PREDICTIONS, REVIEWS_UP, REVIEWS_DOWN -> true;
            default -> false;
        };
    }

    private String condition(FilterItem item) {
        Column column = item.field().column();
        if (column.list()) {
            return list(item);
        }
        String sql = column(column);
        if (item.type() == ValueType.BOOLEAN) {
            parameters.add(item.value());
            return sql + " = ?";
        }
        if (item.operator() == Operator.EMPTY) {
            return sql + (Boolean.TRUE.equals(item.value()) ? " IS NULL" : " IS NOT NULL");
        }
        if (column == Column.ID) {
            return integral(sql, item, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (integral(column)) {
            return integral(sql, item, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        String comparison = SqlConditions.comparison(sql, item.operator(), item.value(), parameters);
        if (comparison == null) {
            throw new IllegalArgumentException(item.operator() + " does not apply to " + item.type());
        }
        return comparison;
    }

    /**
     * A number condition on a whole-number column as whole-number bounds (so the column's index applies and no
     * DOUBLE parameter meets an INTEGER column): {@code less 2.5} is {@code <= 2}, {@code equal 2.5} matches none.
     */
    private String integral(String sql, FilterItem item, long min, long max) {
        // bounds are worked out in double, then clamped to the column's range, so no bound overflows a long or an
        // INTEGER parameter: "completions greater 3e9" matches none, "id less 1e19" all
        double low;
        double high;
        switch (item.operator()) {
            case EQUAL, NOT_EQUAL -> {
                double x = (Double) item.value();
                low = x == Math.rint(x) ? x : Double.POSITIVE_INFINITY;
                high = x == Math.rint(x) ? x : Double.NEGATIVE_INFINITY;
            }
            case LESS -> {
                low = Double.NEGATIVE_INFINITY;
                high = Math.ceil((Double) item.value()) - 1;
            }
            case GREATER -> {
                low = Math.floor((Double) item.value()) + 1;
                high = Double.POSITIVE_INFINITY;
            }
            case LESS_OR_EQUAL -> {
                low = Double.NEGATIVE_INFINITY;
                high = Math.floor((Double) item.value());
            }
            case GREATER_OR_EQUAL -> {
                low = Math.ceil((Double) item.value());
                high = Double.POSITIVE_INFINITY;
            }
            case IN, NOT_IN -> {
                Range range = (Range) item.value();
                low = Math.ceil((Double) range.min());
                high = Math.floor((Double) range.max());
            }
            default -> throw new IllegalArgumentException(item.operator() + " does not apply to " + item.type());
        }
        String positive;
        if (low > high || low > max || high < min) {
            positive = "1 = 0";
        } else if (low <= min && high >= max) {
            positive = "1 = 1";
        } else if (low <= min) {
            parameters.add((long) high);
            positive = sql + " <= ?";
        } else if (high >= max) {
            parameters.add((long) low);
            positive = sql + " >= ?";
        } else if (low == high) {
            parameters.add((long) low);
            positive = sql + " = ?";
        } else {
            parameters.add((long) low);
            parameters.add((long) high);
            positive = "(" + sql + " BETWEEN ? AND ?)";
        }
        return item.operator().negative() ? "NOT (" + positive + ")" : positive;
    }

    private String list(FilterItem item) {
        Column column = item.field().column();
        if (item.operator() == Operator.EMPTY) {
            boolean empty = Boolean.TRUE.equals(item.value());
            if (column == Column.ANNOTATORS) {
                return "(t.completion_count + t.skipped_count) " + (empty ? "= 0" : "> 0");
            }
            if (column == Column.REVIEWERS) {
                // not the counters: those of an import count votes that have no rows
                return (empty ? "NOT " : "") + "EXISTS (SELECT 1 FROM review r WHERE r.task_id = t.id)";
            }
            return (empty ? "NOT " : "") + "EXISTS (SELECT 1 FROM task_label l WHERE l.task_id = t.id AND l.kind = '"
                    + kind(column) + "')";
        }
        String exists;
        if (column == Column.ANNOTATORS) {
            parameters.add(item.value());
            exists = "EXISTS (SELECT 1 FROM completion c WHERE c.task_id = t.id AND c.completed_by = ?)";
        } else if (column == Column.REVIEWERS) {
            parameters.add(item.value());
            exists = "EXISTS (SELECT 1 FROM review r WHERE r.task_id = t.id AND r.reviewer_id = ?)";
        } else {
            exists = "EXISTS (SELECT 1 FROM task_label l WHERE l.task_id = t.id AND l.kind = '" + kind(column) + "'"
                    + SqlConditions.labelMatch((LabelMatch) item.value(), parameters) + ")";
        }
        return item.operator() == Operator.NOT_CONTAINS ? "NOT " + exists : exists;
    }

    private static String kind(Column column) {
        return column == Column.COMPLETION_RESULTS ? LabelIndex.COMPLETION : LabelIndex.PREDICTION;
    }

    private static Predicate<Map<String, Object>> dataCheck(FilterItem item) {
        String key = item.field().dataKey();
        Predicate<Map<String, Object>> positive;
        if (item.operator() == Operator.EMPTY) {
            boolean empty = Boolean.TRUE.equals(item.value());
            if (item.type() == ValueType.NUMBER) {
                return data -> (DataValues.number(data, key) == null) == empty;
            }
            return data -> {
                String text = DataValues.text(data, key);
                return (text == null || text.isEmpty()) == empty;
            };
        }
        if (item.type() == ValueType.NUMBER) {
            positive = numberCheck(key, item);
        } else {
            positive = textCheck(key, item);
        }
        return item.operator().negative() ? positive.negate() : positive;
    }

    private static Predicate<Map<String, Object>> numberCheck(String key, FilterItem item) {
        if (item.value() instanceof Range range) {
            double min = (Double) range.min();
            double max = (Double) range.max();
            return data -> {
                Double n = DataValues.number(data, key);
                return n != null && n >= min && n <= max;
            };
        }
        double x = (Double) item.value();
        return switch (item.operator()) {
            case EQUAL, NOT_EQUAL -> data -> {
                Double n = DataValues.number(data, key);
                return n != null && n == x;
            };
            case LESS -> data -> {
                Double n = DataValues.number(data, key);
                return n != null && n < x;
            };
            case GREATER -> data -> {
                Double n = DataValues.number(data, key);
                return n != null && n > x;
            };
            case LESS_OR_EQUAL -> data -> {
                Double n = DataValues.number(data, key);
                return n != null && n <= x;
            };
            case GREATER_OR_EQUAL -> data -> {
                Double n = DataValues.number(data, key);
                return n != null && n >= x;
            };
            default -> throw new IllegalArgumentException(item.operator() + " does not apply to Number");
        };
    }

    private static Predicate<Map<String, Object>> textCheck(String key, FilterItem item) {
        String value = (String) item.value();
        return switch (item.operator()) {
            case EQUAL, NOT_EQUAL -> data -> value.equals(DataValues.text(data, key));
            case CONTAINS, NOT_CONTAINS -> data -> {
                String text = DataValues.text(data, key);
                return text != null && DataValues.contains(text, value);
            };
            case REGEX -> {
                // RE2/J matches in time linear in the text: no pattern can occupy a core for minutes
                Pattern pattern = Pattern.compile(value);
                yield data -> {
                    String text = DataValues.text(data, key);
                    return text != null && pattern.matcher(text).find();
                };
            }
            default -> throw new IllegalArgumentException(item.operator() + " does not apply to String");
        };
    }
}
