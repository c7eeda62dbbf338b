package io.labelhub.dm.gt.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.gt.CompletionCondition;
import io.labelhub.dm.api.gt.CompletionField;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.ReviewResult;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Range;

/**
 * Reads the GT Manager's completion filter from parsed JSON (maps, lists, strings, numbers, booleans):
 * {@code {"conjunction": "and"|"or", "items": [{"filter": <field>, "operator": <operator>, "value": …}]}}, in the
 * spirit of the Data Manager's filters but over single completions, so no {@code type} is needed: the field decides.
 * Checked all the way down, unknown keys included (a misspelt key must not widen a sample silently); a problem is a
 * 400 naming the item, e.g. {@code items[1] (label): value must be a non-empty label}.
 */
final class CompletionFilterParser {

    static final String ERROR = "invalid filter";
    private static final int MAX_ITEMS = 100;
    private static final int MAX_USERS = 1000;
    private static final int MAX_QUOTE = 100;

    private static final Set<Operator> COMPARISONS = EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.LESS,
            Operator.GREATER, Operator.LESS_OR_EQUAL, Operator.GREATER_OR_EQUAL, Operator.IN, Operator.NOT_IN);

    /** ISO-8601 date, optionally with a time and an offset; strict, so 2024-02-30 is refused (as the Data Manager). */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private CompletionFilterParser() {
    }

    /** The operators each field takes. */
    static Set<Operator> operators(CompletionField field) {
        return switch (field) {
            case COMPLETED_BY -> EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.IN, Operator.NOT_IN);
            case LABEL -> EnumSet.of(Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.EMPTY);
            case REVIEW -> EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL);
            case LEAD_TIME -> {
                Set<Operator> operators = EnumSet.copyOf(COMPARISONS);
                operators.add(Operator.EMPTY);
                yield operators;
            }
            case CREATED_AT -> EnumSet.copyOf(COMPARISONS);
        };
    }

    static CompletionFilter parse(Object json) {
        if (json == null) {
            return CompletionFilter.ALL;
        }
        if (!(json instanceof Map<?, ?> filter)) {
            throw new ValidationException(ERROR, "a filter must be an object {\"conjunction\": …, \"items\": […]}, "
                    + "was " + describe(json));
        }
        for (Object key : filter.keySet()) {
            if (!"conjunction".equals(key) && !"items".equals(key)) {
                throw new ValidationException(ERROR, "unknown key " + describe(key) + " (use conjunction, items)");
            }
        }
        Object conjunction = filter.get("conjunction");
        if (conjunction != null && !"and".equals(conjunction) && !"or".equals(conjunction)) {
            throw new ValidationException(ERROR, "conjunction must be \"and\" or \"or\", was " + describe(conjunction));
        }
        Object items = filter.get("items");
        if (items != null && !(items instanceof List)) {
            throw new ValidationException(ERROR, "items must be a list, was " + describe(items));
        }
        List<?> list = items == null ? List.of() : (List<?>) items;
        if (list.size() > MAX_ITEMS) {
            throw new ValidationException(ERROR, "at most " + MAX_ITEMS + " items, was " + list.size());
        }
        List<CompletionCondition> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object name = item instanceof Map<?, ?> map ? map.get("filter") : null;
            try {
                parsed.add(item(item));
            } catch (Problem problem) {
                throw new ValidationException(ERROR, "items[" + i + "]" + (name instanceof String s && !s.isBlank()
                        ? " (" + cut(s) + ")" : "") + ": " + problem.getMessage());
            }
        }
        return new CompletionFilter("or".equals(conjunction), parsed);
    }

    private static CompletionCondition item(Object json) {
        if (!(json instanceof Map<?, ?> item)) {
            throw new Problem("an item must be an object {\"filter\", \"operator\", \"value\"}, was " + describe(json));
        }
        for (Object key : item.keySet()) {
            if (!List.of("filter", "operator", "value").contains(key)) {
                throw new Problem("unknown key " + describe(key) + " (use filter, operator, value)");
            }
        }
        Object name = item.get("filter");
        CompletionField field = name instanceof String text ? CompletionField.byWireName(text).orElse(null) : null;
        if (field == null) {
            throw new Problem("filter must be one of " + Arrays.stream(CompletionField.values())
                    .map(CompletionField::wireName).collect(Collectors.joining(", ")) + ", was " + describe(name));
        }
        Set<Operator> allowed = operators(field);
        Object op = item.get("operator");
        Operator operator = Arrays.stream(Operator.values()).filter(o -> o.wireName().equals(op)).findFirst()
                .filter(allowed::contains).orElseThrow(() -> new Problem("operator of " + field.wireName()
                        + " must be one of " + allowed.stream().map(Operator::wireName)
                        .collect(Collectors.joining(", ")) + ", was " + describe(op)));
        Object value = item.get("value");
        if (value == null) {
            throw new Problem("value is required");
        }
        return new CompletionCondition(field, operator, value(field, operator, value));
    }

    private static Object value(CompletionField field, Operator operator, Object json) {
        if (operator == Operator.EMPTY) {
            if (!(json instanceof Boolean empty)) {
                throw new Problem("value of empty must be true or false, was " + describe(json));
            }
            return empty;
        }
        return switch (field) {
            case COMPLETED_BY -> operator == Operator.IN || operator == Operator.NOT_IN ? users(json)
                    : user("value", json);
            case LABEL -> label(json);
            case REVIEW -> review(json);
            case LEAD_TIME -> operator == Operator.IN || operator == Operator.NOT_IN ? range(json, false)
                    : number("value", json);
            case CREATED_AT -> operator == Operator.IN || operator == Operator.NOT_IN ? range(json, true)
                    : instant("value", json);
        };
    }

    private static List<Long> users(Object json) {
        if (!(json instanceof List<?> list) || list.isEmpty()) {
            throw new Problem("value of in/not_in must be a non-empty list of user ids, was " + describe(json));
        }
        if (list.size() > MAX_USERS) {
            throw new Problem("value may hold at most " + MAX_USERS + " user ids, was " + list.size());
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ids.add(user("value[" + i + "]", list.get(i)));
        }
        return List.copyOf(ids);
    }

    private static Long user(String name, Object json) {
        if (json instanceof Number number) {
            try {
                long id = new BigDecimal(number.toString()).longValueExact();
                if (id > 0) {
                    return id;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // described below
            }
        }
        throw new Problem(name + " must be a user id (a positive integer), was " + describe(json));
    }

    private static LabelMatch label(Object json) {
        if (json instanceof String label && !label.isEmpty()) {
            return LabelMatch.of(label);
        }
        if (json instanceof Map<?, ?> match) {
            for (Object key : match.keySet()) {
                if (!"label".equals(key) && !"control".equals(key)) {
                    throw new Problem("unknown key " + describe(key) + " in value (use label, control; the author "
                            + "is a completed_by item)");
                }
            }
            if (!(match.get("label") instanceof String label) || label.isEmpty()) {
                throw new Problem("value.label must be a non-empty label, was " + describe(match.get("label")));
            }
            Object control = match.get("control");
            if (control != null && !(control instanceof String)) {
                throw new Problem("value.control must be a string, was " + describe(control));
            }
            return new LabelMatch(label, (String) control, null);
        }
        throw new Problem("value must be a non-empty label or an object {\"label\": …, \"control\": …}, was "
                + describe(json));
    }

    private static ReviewResult review(Object json) {
        for (ReviewResult result : ReviewResult.values()) {
            if (result.wireName().equals(json)) {
                return result;
            }
        }
        throw new Problem("value must be one of " + Arrays.stream(ReviewResult.values()).map(ReviewResult::wireName)
                .collect(Collectors.joining(", ")) + ", was " + describe(json));
    }

    private static Range range(Object json, boolean times) {
        if (!(json instanceof Map<?, ?> range)) {
            throw new Problem("value of in/not_in must be an object {\"min\": …, \"max\": …}, was " + describe(json));
        }
        for (Object key : range.keySet()) {
            if (!"min".equals(key) && !"max".equals(key)) {
                throw new Problem("unknown key " + describe(key) + " in value (use min, max)");
            }
        }
        Comparable<?> min = times ? instant("value.min", range.get("min")) : number("value.min", range.get("min"));
        Comparable<?> max = times ? instant("value.max", range.get("max")) : number("value.max", range.get("max"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        int order = ((Comparable) min).compareTo(max);
        if (order > 0) {
            throw new Problem("value.min must not be greater than value.max, was " + min + " > " + max);
        }
        return new Range(min, max);
    }

    private static Double number(String name, Object json) {
        if (!(json instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new Problem(name + " must be a finite number (seconds), was " + describe(json));
        }
        return number.doubleValue();
    }

    private static Instant instant(String name, Object json) {
        if (json instanceof String text) {
            try {
                TemporalAccessor parsed = DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from,
                        LocalDate::from);
                if (parsed instanceof OffsetDateTime dateTime) {
                    return dateTime.toInstant();
                }
                return parsed instanceof LocalDateTime dateTime ? dateTime.toInstant(ZoneOffset.UTC)
                        : ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                // described below
            }
        }
        throw new Problem(name + " must be an ISO-8601 date or date-time such as \"2024-05-01T10:00:00Z\", was "
                + describe(json));
    }

    private static String describe(Object json) {
        if (json instanceof String text) {
            return "\"" + cut(text) + "\"";
        }
        if (json instanceof Map) {
            return "an object";
        }
        return json instanceof List ? "a list" : json == null ? "nothing" : cut(String.valueOf(json));
    }

    private static String cut(String text) {
        return text.length() <= MAX_QUOTE ? text : text.substring(0, MAX_QUOTE - 1) + "…";
    }

    /** What is wrong inside one item; {@link #parse} adds which item. */
    private static final class Problem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
