package io.labelhub.dm.query.internal;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.ValueType;

/**
 * Reads the Data Manager's queries from JSON that is already parsed into maps, lists, strings, numbers and booleans:
 * filters in Label Studio's shape, ordering and field names, and the selections of bulk actions. The result is
 * checked all the way down (each filter value has the Java type {@link FilterItem} documents), so the storage never
 * sees a malformed query. Every problem is a {@link ValidationException} whose detail names the entry at fault, e.g.
 * {@code items[2] (filter:tasks:foo): unknown column "foo"}; text from the request is cut to 100 characters.
 */
public final class QueryParser {

    private static final int MAX_ITEMS = 100;
    private static final int MAX_ORDERING = 10;
    private static final int MAX_FIELDS = 200;
    private static final int MAX_IDS = 100_000;
    private static final int MAX_REGEX = 1_000;

    private static final int MAX_QUOTE = 100;
    private static final String FILTER = "invalid filter";
    private static final String ORDERING = "invalid ordering";
    private static final String FIELDS = "invalid fields";
    private static final String SELECTION = "invalid selection";
    private static final String FILTER_PREFIX = "filter:tasks:";
    private static final String TASKS_PREFIX = "tasks:";
    private static final String DATA_PREFIX = "data.";
    private static final String COLUMNS = Arrays.stream(Column.values()).filter(c -> c != Column.DATA)
            .map(Column::wireName).collect(Collectors.joining(", ")) + ", data.<key>";

    /** ISO-8601 date, optionally with a time, optionally with an offset; strict, so 2024-02-30 is refused. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private QueryParser() {
    }

    /** A filter, or {@link TaskFilter#ALL} for {@code null}. */
    public static TaskFilter filter(Object json) {
        if (json == null) {
            return TaskFilter.ALL;
        }
        if (!(json instanceof Map<?, ?> filter)) {
            throw new ValidationException(FILTER,
                    "a filter must be an object {\"conjunction\": …, \"items\": […]}, was " + describe(json));
        }
        Object conjunction = filter.get("conjunction");
        if (conjunction != null && !"and".equals(conjunction) && !"or".equals(conjunction)) {
            throw new ValidationException(FILTER,
                    "conjunction must be \"and\" or \"or\", was " + describe(conjunction));
        }
        Object items = filter.get("items");
        if (items != null && !(items instanceof List)) {
            throw new ValidationException(FILTER, "items must be a list, was " + describe(items));
        }
        List<?> list = items == null ? List.of() : (List<?>) items;
        if (list.size() > MAX_ITEMS) {
            throw new ValidationException(FILTER, "at most " + MAX_ITEMS + " items, was " + list.size());
        }
        List<FilterItem> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object name = item instanceof Map<?, ?> map ? map.get("filter") : null;
            parsed.add(at(FILTER, where("items", i, name), () -> item(item)));
        }
        return new TaskFilter("or".equals(conjunction), parsed);
    }

    /** Ordering keys such as {@code -tasks:completions} or {@code data.text}; {@code null} is none. */
    public static List<Order> ordering(List<String> names) {
        List<?> entries = names == null ? List.of() : names;
        if (entries.size() > MAX_ORDERING) {
            throw new ValidationException(ORDERING, "at most " + MAX_ORDERING + " keys, was " + entries.size());
        }
        Map<Field, Integer> seen = new HashMap<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            Order order = at(ORDERING, where("ordering", i, entry), () -> order(entry));
            Integer earlier = seen.putIfAbsent(order.field(), i);
            if (earlier != null) {
                throw new ValidationException(ORDERING, where("ordering", i, entry) + ": " + order.field()
                        + " is already in ordering[" + earlier + "]");
            }
            orders.add(order);
        }
        return List.copyOf(orders);
    }

    /** Field names such as {@code completions}, {@code tasks:id} or {@code data.text}, each kept once. */
    public static List<Field> fields(List<String> names) {
        List<?> entries = names == null ? List.of() : names;
        if (entries.size() > MAX_FIELDS) {
            throw new ValidationException(FIELDS, "at most " + MAX_FIELDS + " fields, was " + entries.size());
        }
        Set<Field> fields = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            fields.add(at(FIELDS, where("fields", i, entry), () -> field(columnName(entry))));
        }
        return List.copyOf(fields);
    }

    /** {@code {"all": false, "ids": [...]}} or {@code {"all": true, "filters": …, "excluded": [...]}}. */
    public static TaskSelection selection(Map<String, Object> json) {
        return at(SELECTION, null, () -> selectionOf(json));
    }

    private static TaskSelection selectionOf(Map<String, Object> json) {
        if (json == null) {
            throw problem("a selection is required: {\"all\": false, \"ids\": […]} or {\"all\": true, \"filters\": …}");
        }
        // A misspelt "excluded" must not silently turn into "every task": unknown keys are refused.
        onlyKeys(json, List.of("all", "ids", "filters", "excluded"));
        if (!(json.get("all") instanceof Boolean all)) {
            throw problem("all must be true or false, was " + describe(json.get("all")));
        }
        List<String> misplaced = all ? List.of("ids") : List.of("filters", "excluded");
        for (String key : misplaced) {
            if (json.containsKey(key)) {
                throw problem(key + " only goes with \"all\": " + !all);
            }
        }
        if (!all) {
            return TaskSelection.ofIds(ids("ids", json.get("ids")));
        }
        Object excluded = json.get("excluded");
        return new TaskSelection(true, null, filter(json.get("filters")),
                excluded == null ? List.of() : ids("excluded", excluded));
    }

    private static FilterItem item(Object json) {
        if (!(json instanceof Map<?, ?> item)) {
            throw problem("an item must be an object, was " + describe(json));
        }
        Object name = item.get("filter");
        if (!(name instanceof String filter) || !filter.startsWith(FILTER_PREFIX)) {
            throw problem("filter must be a string like \"filter:tasks:completions\", was " + describe(name));
        }
        Field field = field(filter.substring(FILTER_PREFIX.length()));
        ValueType type = type(field, item.get("type"));
        Operator operator = operator(type, item.get("operator"));
        return new FilterItem(field, operator, type, value(field, operator, type, item.get("value")));
    }

    private static ValueType type(Field field, Object json) {
        ValueType type = Arrays.stream(ValueType.values())
                .filter(t -> json instanceof String s && t.name().equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> problem("type must be one of " + names(ValueType.values(), ValueType::wireName)
                        + ", was " + describe(json)));
        if (field.isData() && type != ValueType.NUMBER && type != ValueType.STRING) {
            throw problem("type of a data field must be Number or String, was " + type.wireName());
        }
        if (!field.isData() && type != field.column().type()) {
            throw problem("type of " + field + " must be " + field.column().type().wireName() + ", was "
                    + type.wireName());
        }
        return type;
    }

    private static Operator operator(ValueType type, Object json) {
        Operator operator = Arrays.stream(Operator.values())
                .filter(o -> o.wireName().equals(json)).findFirst()
                .orElseThrow(() -> problem("operator must be one of " + names(Operator.values(), Operator::wireName)
                        + ", was " + describe(json)));
        if (!operator.appliesTo(type)) {
            Operator[] applying = Arrays.stream(Operator.values()).filter(o -> o.appliesTo(type))
                    .toArray(Operator[]::new);
            throw problem("operator " + quote(operator.wireName()) + " does not apply to type " + type.wireName()
                    + " (use one of: " + names(applying, Operator::wireName) + ")");
        }
        return operator;
    }

    private static Object value(Field field, Operator operator, ValueType type, Object json) {
        if (json == null) {
            throw problem("value is required");
        }
        if (operator == Operator.EMPTY) {
            return bool("value", json);
        }
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            return range(type, json);
        }
        return switch (type) {
            case NUMBER -> number("value", json);
            case DATETIME -> instant("value", json);
            case STRING -> string(operator, json);
            case BOOLEAN -> bool("value", json);
            case LIST -> field.column().users() ? userId("value", json) : labelMatch(field, json);
        };
    }

    private static Range range(ValueType type, Object json) {
        if (!(json instanceof Map<?, ?> range)) {
            throw problem("value must be an object {\"min\": …, \"max\": …}, was " + describe(json));
        }
        onlyKeys(range, List.of("min", "max"));
        return type == ValueType.NUMBER
                ? ordered(number("value.min", range.get("min")), number("value.max", range.get("max")))
                : ordered(instant("value.min", range.get("min")), instant("value.max", range.get("max")));
    }

    private static <T extends Comparable<T>> Range ordered(T min, T max) {
        if (min.compareTo(max) > 0) {
            throw problem("value.min must not be greater than value.max, was " + min + " > " + max);
        }
        return new Range(min, max);
    }

    private static Double number(String name, Object json) {
        if (!(json instanceof Number number)) {
            throw problem(name + " must be a number, was " + describe(json));
        }
        if (!Double.isFinite(number.doubleValue())) {
            throw problem(name + " must be a finite number, was " + describe(json));
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
                // described below, with the shape we expect
            }
        }
        throw problem(name + " must be an ISO-8601 date or date-time such as \"2024-05-01T10:00:00Z\", was "
                + describe(json));
    }

    private static String string(Operator operator, Object json) {
        if (!(json instanceof String text)) {
            throw problem("value must be a string, was " + describe(json));
        }
        if (operator == Operator.REGEX) {
            if (text.length() > MAX_REGEX) {
                throw problem("value must be a regex of at most " + MAX_REGEX + " characters, had " + text.length());
            }
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw problem("value is not a valid regex: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
            try {
                // what is matched: RE2 syntax, linear in time; it has no backreferences and no lookaround
                com.google.re2j.Pattern.compile(text);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw problem("value uses regex features that cannot be matched in linear time (backreferences, "
                        + "lookahead or lookbehind): " + e.getDescription());
            }
        }
        return text;
    }

    private static Boolean bool(String name, Object json) {
        if (!(json instanceof Boolean bool)) {
            throw problem(name + " must be true or false, was " + describe(json));
        }
        return bool;
    }

    private static Long userId(String name, Object json) {
        Long id = positiveLong(json);
        if (id == null) {
            throw problem(name + " must be a user id (a positive integer), was " + describe(json));
        }
        return id;
    }

    private static LabelMatch labelMatch(Field field, Object json) {
        if (json instanceof String label) {
            return LabelMatch.of(label("value", label));
        }
        if (!(json instanceof Map<?, ?> match)) {
            throw problem("value must be a label or an object {\"label\": …, \"control\": …}, was " + describe(json));
        }
        boolean completions = field.column() == Column.COMPLETION_RESULTS;
        if (!completions && match.containsKey("annotator")) {
            throw problem("value.annotator only applies to completion_results: predictions have no annotator");
        }
        // A misspelt narrowing key would silently widen the match: unknown keys are refused.
        onlyKeys(match, completions ? List.of("label", "control", "annotator") : List.of("label", "control"));
        Object control = match.get("control");
        if (control != null && !(control instanceof String)) {
            throw problem("value.control must be a string, was " + describe(control));
        }
        Object annotator = match.get("annotator");
        return new LabelMatch(label("value.label", match.get("label")), (String) control,
                annotator == null ? null : userId("value.annotator", annotator));
    }

    private static String label(String name, Object json) {
        if (!(json instanceof String label) || label.isEmpty()) {
            throw problem(name + " must be a non-empty label, was " + describe(json));
        }
        return label;
    }

    private static List<Long> ids(String name, Object json) {
        if (!(json instanceof List<?> list)) {
            throw problem(name + " must be a list of task ids, was " + describe(json));
        }
        if (list.size() > MAX_IDS) {
            throw problem(name + " may hold at most " + MAX_IDS + " ids, was " + list.size());
        }
        List<Long> ids = new ArrayList<>(list.size());
        for (Object element : list) {
            Long id = positiveLong(element);
            if (id == null) {
                throw problem(name + "[" + ids.size() + "] must be a task id (a positive integer), was "
                        + describe(element));
            }
            ids.add(id);
        }
        return ids;
    }

    /** The value of an integral JSON number above 0 (7.0 counts, 7.5 does not), else {@code null}. */
    private static Long positiveLong(Object json) {
        if (!(json instanceof Number number)) {
            return null;
        }
        try {
            long value = new BigDecimal(number.toString()).longValueExact();
            return value > 0 ? value : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Order order(Object entry) {
        boolean descending = entry instanceof String name && name.startsWith("-");
        Field field = field(columnName(descending ? ((String) entry).substring(1) : entry));
        if (field.column().list()) {
            throw problem(field + " is a list, and a list cannot be ordered by");
        }
        return new Order(field, descending);
    }

    /** The entry without its optional {@code tasks:} prefix. */
    private static String columnName(Object entry) {
        if (!(entry instanceof String name) || name.isBlank()) {
            throw problem("must name a column, was " + describe(entry));
        }
        return name.startsWith(TASKS_PREFIX) ? name.substring(TASKS_PREFIX.length()) : name;
    }

    private static Field field(String name) {
        if (name.startsWith(DATA_PREFIX)) {
            if (name.length() == DATA_PREFIX.length()) {
                throw problem("a data field needs a key: data.<key>");
            }
            return Field.data(name.substring(DATA_PREFIX.length()));
        }
        return Column.byWireName(name).map(Field::of)
                .orElseThrow(() -> problem("unknown column " + quote(name) + " (use one of: " + COLUMNS + ")"));
    }

    private static void onlyKeys(Map<?, ?> map, List<String> keys) {
        for (Object key : map.keySet()) {
            if (!keys.contains(key)) {
                throw problem("unknown key " + describe(key) + " (use " + String.join(", ", keys) + ")");
            }
        }
    }

    /** Runs {@code parse}, turning its problem into the ValidationException {@code error} about {@code where}. */
    private static <T> T at(String error, String where, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (Problem problem) {
            throw new ValidationException(error, where == null ? problem.getMessage()
                    : where + ": " + problem.getMessage());
        }
    }

    private static String where(String list, int index, Object name) {
        return list + "[" + index + "]" + (name instanceof String s && !s.isBlank() ? " (" + cut(s) + ")" : "");
    }

    private static <T> String names(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    private static String describe(Object json) {
        if (json instanceof String text) {
            return quote(text);
        }
        if (json instanceof Map) {
            return "an object";
        }
        return json instanceof List ? "a list" : json == null ? "nothing" : cut(String.valueOf(json));
    }

    private static String quote(String text) {
        return "\"" + cut(text) + "\"";
    }

    private static String cut(String text) {
        if (text.length() <= MAX_QUOTE) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTE - 2)) ? MAX_QUOTE - 2 : MAX_QUOTE - 1;
        return text.substring(0, end) + "…";
    }

    private static Problem problem(String message) {
        return new Problem(message);
    }

    /** What is wrong inside one entry; {@link #at} adds which entry and turns it into a ValidationException. */
    private static final class Problem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
