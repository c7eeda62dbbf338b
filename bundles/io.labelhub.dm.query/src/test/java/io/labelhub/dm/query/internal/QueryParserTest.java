package io.labelhub.dm.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

class QueryParserTest {

    private static final Instant MAY_1 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant MAY_1_10H = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant MAY_2 = Instant.parse("2024-05-02T00:00:00Z");

    private static final Field COMPLETIONS = Field.of(Column.COMPLETIONS);
    private static final Field CREATED_AT = Field.of(Column.CREATED_AT);
    private static final Field TEXT = Field.data("text");
    private static final Field GROUND_TRUTH = Field.of(Column.GROUND_TRUTH);
    private static final Field ANNOTATORS = Field.of(Column.ANNOTATORS);
    private static final Field COMPLETION_RESULTS = Field.of(Column.COMPLETION_RESULTS);
    private static final Field PREDICTION_RESULTS = Field.of(Column.PREDICTION_RESULTS);

    /** A JSON object as Jackson hands it over: keys in order, null values allowed. */
    private static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> item(String column, String type, String operator, Object value) {
        return json("filter", "filter:tasks:" + column, "type", type, "operator", operator, "value", value);
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static Map<String, Object> filterOf(Object... items) {
        return json("conjunction", "and", "items", List.of(items));
    }

    private static FilterItem single(Map<String, Object> item) {
        TaskFilter filter = QueryParser.filter(filterOf(item));
        assertEquals(1, filter.items().size());
        return filter.items().get(0);
    }

    private static String refused(String error, Supplier<?> parse) {
        ValidationException e = assertThrows(ValidationException.class, parse::get);
        assertEquals(error, e.error());
        return (String) e.detail();
    }

    private static void assertStartsWith(String expected, String actual) {
        assertTrue(actual.startsWith(expected), () -> "expected to start with <" + expected + "> but was <" + actual
                + ">");
    }

    // --- filter: every operator on every type it applies to

    /** Column wire name, field, JSON value and parsed value, for each operator and each type it applies to. */
    static Stream<Arguments> applying() {
        return Stream.of(
                Arguments.of("equal", "Number", "completions", COMPLETIONS, 2, 2.0),
                Arguments.of("not_equal", "Number", "completions", COMPLETIONS, 2L, 2.0),
                Arguments.of("less", "Number", "completions", COMPLETIONS, 2.5, 2.5),
                Arguments.of("greater", "Number", "completions", COMPLETIONS, 0, 0.0),
                Arguments.of("less_or_equal", "Number", "completions", COMPLETIONS, BigInteger.valueOf(3), 3.0),
                Arguments.of("greater_or_equal", "Number", "completions", COMPLETIONS, new BigDecimal("1.5"), 1.5),
                Arguments.of("in", "Number", "completions", COMPLETIONS, json("min", 1, "max", 3),
                        new Range(1.0, 3.0)),
                Arguments.of("not_in", "Number", "completions", COMPLETIONS, json("min", 0.5, "max", 0.5),
                        new Range(0.5, 0.5)),
                Arguments.of("empty", "Number", "completions", COMPLETIONS, false, false),
                Arguments.of("equal", "Datetime", "created_at", CREATED_AT, "2024-05-01T10:00:00Z", MAY_1_10H),
                Arguments.of("not_equal", "Datetime", "created_at", CREATED_AT, "2024-05-01T10:00:00Z", MAY_1_10H),
                Arguments.of("less", "Datetime", "created_at", CREATED_AT, "2024-05-01", MAY_1),
                Arguments.of("greater", "Datetime", "created_at", CREATED_AT, "2024-05-01T12:00:00+02:00", MAY_1_10H),
                Arguments.of("less_or_equal", "Datetime", "created_at", CREATED_AT, "2024-05-01T10:00:00",
                        MAY_1_10H),
                Arguments.of("greater_or_equal", "Datetime", "created_at", CREATED_AT, "2024-05-02", MAY_2),
                Arguments.of("in", "Datetime", "created_at", CREATED_AT,
                        json("min", "2024-05-01", "max", "2024-05-02T00:00:00Z"), new Range(MAY_1, MAY_2)),
                Arguments.of("not_in", "Datetime", "created_at", CREATED_AT,
                        json("min", "2024-05-01T10:00:00Z", "max", "2024-05-02"), new Range(MAY_1_10H, MAY_2)),
                Arguments.of("empty", "Datetime", "created_at", CREATED_AT, true, true),
                Arguments.of("equal", "String", "data.text", TEXT, "cat", "cat"),
                Arguments.of("not_equal", "String", "data.text", TEXT, "", ""),
                Arguments.of("empty", "String", "data.text", TEXT, true, true),
                Arguments.of("contains", "String", "data.text", TEXT, "ca", "ca"),
                Arguments.of("not_contains", "String", "data.text", TEXT, "dog", "dog"),
                Arguments.of("regex", "String", "data.text", TEXT, "^ca+t$", "^ca+t$"),
                Arguments.of("equal", "Boolean", "ground_truth", GROUND_TRUTH, true, true),
                Arguments.of("empty", "List", "annotators", ANNOTATORS, true, true),
                Arguments.of("contains", "List", "annotators", ANNOTATORS, 7, 7L),
                Arguments.of("not_contains", "List", "annotators", ANNOTATORS, 8L, 8L));
    }

    @ParameterizedTest(name = "{2} {0} ({1})")
    @MethodSource("applying")
    void parsesEveryOperatorOnEveryTypeItAppliesTo(String operator, String type, String column, Field field,
                                                   Object value, Object expected) {
        FilterItem item = single(item(column, type, operator, value));
        assertEquals(field, item.field());
        assertEquals(operator, item.operator().wireName());
        assertEquals(type, item.type().wireName());
        assertEquals(expected, item.value());
        assertEquals(expected.getClass(), item.value().getClass());
        if (expected instanceof Range range) {
            Range actual = (Range) item.value();
            assertEquals(range.min().getClass(), actual.min().getClass());
            assertEquals(range.max().getClass(), actual.max().getClass());
        }
    }

    @Test
    void theApplyingTableCoversEveryPairTheModelAllows() {
        Set<String> covered = applying().map(a -> a.get()[0] + " " + a.get()[1]).collect(Collectors.toSet());
        Set<String> allowed = Arrays.stream(Operator.values())
                .flatMap(o -> Arrays.stream(ValueType.values()).filter(o::appliesTo)
                        .map(t -> o.wireName() + " " + t.wireName()))
                .collect(Collectors.toSet());
        assertEquals(allowed, covered);
    }

    static Stream<Arguments> notApplying() {
        Map<ValueType, String> columns = Map.of(ValueType.NUMBER, "completions", ValueType.DATETIME, "created_at",
                ValueType.STRING, "data.text", ValueType.BOOLEAN, "ground_truth", ValueType.LIST, "annotators");
        return Arrays.stream(Operator.values()).flatMap(o -> Arrays.stream(ValueType.values())
                .filter(t -> !o.appliesTo(t)).map(t -> Arguments.of(o, t, columns.get(t))));
    }

    @ParameterizedTest(name = "{2} {0} ({1})")
    @MethodSource("notApplying")
    void refusesEveryOperatorOnEveryTypeItDoesNotApplyTo(Operator operator, ValueType type, String column) {
        String detail = refused("invalid filter", () -> QueryParser.filter(filterOf(
                item("id", "Number", "greater", 1), item(column, type.wireName(), operator.wireName(), 1))));
        assertStartsWith("items[1] (filter:tasks:" + column + "): operator \"" + operator.wireName()
                + "\" does not apply to type " + type.wireName() + " (use one of: ", detail);
    }

    @Test
    void namesTheOperatorsThatDoApply() {
        String detail = refused("invalid filter",
                () -> QueryParser.filter(filterOf(item("completions", "Number", "contains", 1))));
        assertEquals("items[0] (filter:tasks:completions): operator \"contains\" does not apply to type Number "
                + "(use one of: equal, not_equal, less, greater, less_or_equal, greater_or_equal, in, not_in, empty)",
                detail);
    }

    // --- filter: the values

    static Stream<Arguments> jsonNumbers() {
        return Stream.of(Arguments.of(3), Arguments.of(3L), Arguments.of(3.0), Arguments.of(3.0f),
                Arguments.of(BigInteger.valueOf(3)), Arguments.of(new BigDecimal("3.00")));
    }

    @ParameterizedTest
    @MethodSource("jsonNumbers")
    void readsEveryKindOfJsonNumberAsADouble(Number number) {
        assertEquals(Double.valueOf(3.0), single(item("completions", "Number", "equal", number)).value());
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-01T10:00:00Z, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.250Z, 2024-05-01T10:00:00.250Z",
            "2024-05-01T12:00:00+02:00, 2024-05-01T10:00:00Z",
            "2024-05-01T05:30:00-04:30, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00, 2024-05-01T10:00:00Z",
            "2024-05-01T10:00, 2024-05-01T10:00:00Z",
            "2024-05-01, 2024-05-01T00:00:00Z"})
    void readsIsoDatesAndDateTimesAsInstantsInUtc(String value, String expected) {
        assertEquals(Instant.parse(expected), single(item("updated_at", "Datetime", "equal", value)).value());
    }

    static Stream<Arguments> userIds() {
        return Stream.of(Arguments.of(7), Arguments.of(7L), Arguments.of(BigInteger.valueOf(7)),
                Arguments.of(new BigDecimal("7")), Arguments.of(7.0));
    }

    @ParameterizedTest
    @MethodSource("userIds")
    void readsAnAnnotatorAsALongUserId(Number id) {
        assertEquals(Long.valueOf(7), single(item("annotators", "List", "contains", id)).value());
    }

    @Test
    void readsLabelMatchesOnTheResultLists() {
        assertEquals(new FilterItem(COMPLETION_RESULTS, Operator.CONTAINS, ValueType.LIST, LabelMatch.of("Cat")),
                single(item("completion_results", "List", "contains", "Cat")));
        assertEquals(new LabelMatch("Cat", "box", 7L), single(item("completion_results", "List", "not_contains",
                json("label", "Cat", "control", "box", "annotator", 7))).value());
        assertEquals(new LabelMatch("Cat", null, null), single(item("completion_results", "List", "contains",
                json("label", "Cat", "control", null, "annotator", null))).value());
        assertEquals(new FilterItem(PREDICTION_RESULTS, Operator.NOT_CONTAINS, ValueType.LIST,
                        new LabelMatch("Dog", "box", null)),
                single(item("prediction_results", "List", "not_contains", json("label", "Dog", "control", "box"))));
        assertEquals(new FilterItem(PREDICTION_RESULTS, Operator.EMPTY, ValueType.LIST, true),
                single(item("prediction_results", "List", "empty", true)));
    }

    @Test
    void readsTheSeedExamples() {
        TaskFilter loose = QueryParser.filter(filterOf(
                item("completion_results", "List", "contains", "Cat"),
                item("annotators", "List", "contains", 7)));
        assertEquals(new TaskFilter(false, List.of(
                new FilterItem(COMPLETION_RESULTS, Operator.CONTAINS, ValueType.LIST, LabelMatch.of("Cat")),
                new FilterItem(ANNOTATORS, Operator.CONTAINS, ValueType.LIST, 7L))), loose);

        TaskFilter strict = QueryParser.filter(filterOf(
                item("completion_results", "List", "contains", json("label", "Cat", "annotator", 7))));
        assertEquals(new TaskFilter(false, List.of(new FilterItem(COMPLETION_RESULTS, Operator.CONTAINS,
                ValueType.LIST, new LabelMatch("Cat", null, 7L)))), strict);
    }

    @Test
    void readsDataFieldsAsNumberOrString() {
        assertEquals(new FilterItem(Field.data("score"), Operator.GREATER, ValueType.NUMBER, 0.5),
                single(item("data.score", "Number", "greater", 0.5)));
        assertEquals(new FilterItem(Field.data("meta.source"), Operator.CONTAINS, ValueType.STRING, "wiki"),
                single(item("data.meta.source", "String", "contains", "wiki")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Number", "number", "NUMBER", "nUmBeR"})
    void readsTheTypeWhateverItsCase(String type) {
        assertEquals(ValueType.NUMBER, single(item("skipped", type, "equal", 0)).type());
    }

    // --- filter: the whole

    @Test
    void joinsItemsWithAndByDefaultOrWithOr() {
        Map<String, Object> first = item("id", "Number", "greater", 1);
        Map<String, Object> second = item("predictions", "Number", "equal", 0);
        List<FilterItem> items = List.of(new FilterItem(Field.of(Column.ID), Operator.GREATER, ValueType.NUMBER, 1.0),
                new FilterItem(Field.of(Column.PREDICTIONS), Operator.EQUAL, ValueType.NUMBER, 0.0));

        assertEquals(new TaskFilter(true, items),
                QueryParser.filter(json("conjunction", "or", "items", List.of(first, second))));
        assertEquals(new TaskFilter(false, items),
                QueryParser.filter(json("conjunction", "and", "items", List.of(first, second))));
        assertEquals(new TaskFilter(false, items), QueryParser.filter(json("items", List.of(first, second))));
        assertEquals(new TaskFilter(false, items),
                QueryParser.filter(json("conjunction", null, "items", List.of(first, second))));
    }

    @Test
    void readsNoFilterAndNoItemsAsAll() {
        assertEquals(TaskFilter.ALL, QueryParser.filter(null));
        assertEquals(TaskFilter.ALL, QueryParser.filter(json()));
        assertEquals(TaskFilter.ALL, QueryParser.filter(json("conjunction", "and", "items", List.of())));
        assertEquals(new TaskFilter(true, List.of()), QueryParser.filter(json("conjunction", "or", "items", null)));
    }

    @Test
    void ignoresExtraKeysInTheFilterAndItsItems() {
        Map<String, Object> item = item("reviews_up", "Number", "greater_or_equal", 2);
        item.put("id", "a1b2");
        Map<String, Object> filter = filterOf(item);
        filter.put("view", 3);
        assertEquals(new TaskFilter(false, List.of(new FilterItem(Field.of(Column.REVIEWS_UP),
                Operator.GREATER_OR_EQUAL, ValueType.NUMBER, 2.0))), QueryParser.filter(filter));
    }

    @Test
    void takesUpToOneHundredItems() {
        List<Object> items = Collections.nCopies(100, item("lead_time", "Number", "less", 60));
        assertEquals(100, QueryParser.filter(json("items", items)).items().size());
    }

    static Stream<Arguments> badFilters() {
        return Stream.of(
                Arguments.of(List.of(), "a filter must be an object {\"conjunction\": …, \"items\": […]}, was a list"),
                Arguments.of("completions > 1", "a filter must be an object {\"conjunction\": …, \"items\": […]}, "
                        + "was \"completions > 1\""),
                Arguments.of(json("conjunction", "xor"), "conjunction must be \"and\" or \"or\", was \"xor\""),
                Arguments.of(json("conjunction", "AND"), "conjunction must be \"and\" or \"or\", was \"AND\""),
                Arguments.of(json("conjunction", true), "conjunction must be \"and\" or \"or\", was true"),
                Arguments.of(json("items", "x"), "items must be a list, was \"x\""),
                Arguments.of(json("items", json()), "items must be a list, was an object"),
                Arguments.of(json("items", Collections.nCopies(101, item("id", "Number", "equal", 1))),
                        "at most 100 items, was 101"));
    }

    @ParameterizedTest
    @MethodSource("badFilters")
    void refusesABadFilterSayingWhy(Object filter, String expected) {
        assertEquals(expected, refused("invalid filter", () -> QueryParser.filter(filter)));
    }

    // --- filter: bad items, each put second so that the index shows

    private static final String COLUMN_LIST = " (use one of: id, completions, skipped, predictions, prediction_score, "
            + "annotators, reviewers, completion_results, prediction_results, reviews_up, reviews_down, ground_truth, "
            + "created_at, updated_at, completed_at, lead_time, data.<key>)";
    private static final String DATETIME_SHAPE = "value must be an ISO-8601 date or date-time such as "
            + "\"2024-05-01T10:00:00Z\", was ";
    private static final String LABEL_SHAPE = "value must be a label or an object {\"label\": …, \"control\": …}, "
            + "was ";

    static Stream<Arguments> badItems() {
        Map<String, Object> good = item("completions", "Number", "equal", 1);
        return Stream.of(
                // the item and its filter
                Arguments.of("x", "items[1]: an item must be an object, was \"x\""),
                Arguments.of(item("foo", "Number", "equal", 1),
                        "items[1] (filter:tasks:foo): unknown column \"foo\"" + COLUMN_LIST),
                Arguments.of(item("data", "String", "equal", "a"),
                        "items[1] (filter:tasks:data): unknown column \"data\""),
                Arguments.of(item("Completions", "Number", "equal", 1),
                        "items[1] (filter:tasks:Completions): unknown column \"Completions\""),
                Arguments.of(item("data.", "String", "equal", "a"),
                        "items[1] (filter:tasks:data.): a data field needs a key: data.<key>"),
                Arguments.of(json("filter", "filter:annotations:id", "type", "Number", "operator", "equal",
                        "value", 1), "items[1] (filter:annotations:id): filter must be a string like "
                        + "\"filter:tasks:completions\", was \"filter:annotations:id\""),
                Arguments.of(json("filter", "tasks:id", "type", "Number", "operator", "equal", "value", 1),
                        "items[1] (tasks:id): filter must be a string like \"filter:tasks:completions\""),
                Arguments.of(without(good, "filter"),
                        "items[1]: filter must be a string like \"filter:tasks:completions\", was nothing"),
                Arguments.of(json("filter", 5, "type", "Number", "operator", "equal", "value", 1),
                        "items[1]: filter must be a string like \"filter:tasks:completions\", was 5"),
                // its type
                Arguments.of(item("completions", "Text", "equal", 1), "items[1] (filter:tasks:completions): "
                        + "type must be one of Number, String, Boolean, Datetime, List, was \"Text\""),
                Arguments.of(without(good, "type"), "items[1] (filter:tasks:completions): "
                        + "type must be one of Number, String, Boolean, Datetime, List, was nothing"),
                Arguments.of(item("completions", "String", "equal", "1"),
                        "items[1] (filter:tasks:completions): type of completions must be Number, was String"),
                Arguments.of(item("ground_truth", "Number", "equal", 1),
                        "items[1] (filter:tasks:ground_truth): type of ground_truth must be Boolean, was Number"),
                Arguments.of(item("completed_at", "String", "equal", "x"),
                        "items[1] (filter:tasks:completed_at): type of completed_at must be Datetime, was String"),
                Arguments.of(item("annotators", "Number", "equal", 7),
                        "items[1] (filter:tasks:annotators): type of annotators must be List, was Number"),
                Arguments.of(item("data.when", "Datetime", "less", "2024-05-01"),
                        "items[1] (filter:tasks:data.when): type of a data field must be Number or String, "
                                + "was Datetime"),
                Arguments.of(item("data.ok", "Boolean", "equal", true),
                        "items[1] (filter:tasks:data.ok): type of a data field must be Number or String, was Boolean"),
                Arguments.of(item("data.tags", "List", "contains", "a"),
                        "items[1] (filter:tasks:data.tags): type of a data field must be Number or String, was List"),
                // its operator
                Arguments.of(item("completions", "Number", "between", 1),
                        "items[1] (filter:tasks:completions): operator must be one of equal, not_equal, less, "
                                + "greater, less_or_equal, greater_or_equal, in, not_in, empty, contains, "
                                + "not_contains, regex, was \"between\""),
                Arguments.of(item("completions", "Number", "EQUAL", 1),
                        "items[1] (filter:tasks:completions): operator must be one of "),
                Arguments.of(without(good, "operator"),
                        "items[1] (filter:tasks:completions): operator must be one of "),
                // its value, whatever the type
                Arguments.of(without(good, "value"), "items[1] (filter:tasks:completions): value is required"),
                Arguments.of(item("completions", "Number", "equal", null),
                        "items[1] (filter:tasks:completions): value is required"),
                Arguments.of(item("completions", "Number", "empty", "true"),
                        "items[1] (filter:tasks:completions): value must be true or false, was \"true\""),
                Arguments.of(item("annotators", "List", "empty", 0),
                        "items[1] (filter:tasks:annotators): value must be true or false, was 0"),
                // in / not_in
                Arguments.of(item("completions", "Number", "in", 3), "items[1] (filter:tasks:completions): "
                        + "value must be an object {\"min\": …, \"max\": …}, was 3"),
                Arguments.of(item("completions", "Number", "in", List.of(1, 3)), "items[1] (filter:tasks:completions): "
                        + "value must be an object {\"min\": …, \"max\": …}, was a list"),
                Arguments.of(item("completions", "Number", "not_in", json("min", 1)),
                        "items[1] (filter:tasks:completions): value.max must be a number, was nothing"),
                Arguments.of(item("completions", "Number", "in", json("min", "1", "max", 3)),
                        "items[1] (filter:tasks:completions): value.min must be a number, was \"1\""),
                Arguments.of(item("completions", "Number", "in", json("min", 3, "max", 1)),
                        "items[1] (filter:tasks:completions): value.min must not be greater than value.max"),
                Arguments.of(item("completions", "Number", "in", json("min", 1, "max", 3, "step", 1)),
                        "items[1] (filter:tasks:completions): unknown key \"step\" (use min, max)"),
                Arguments.of(item("created_at", "Datetime", "in", json("min", "2024-05-02", "max", "2024-05-01")),
                        "items[1] (filter:tasks:created_at): value.min must not be greater than value.max"),
                Arguments.of(item("created_at", "Datetime", "not_in", json("min", "today", "max", "2024-05-01")),
                        "items[1] (filter:tasks:created_at): value.min must be an ISO-8601 date or date-time"),
                // Number
                Arguments.of(item("completions", "Number", "equal", "3"),
                        "items[1] (filter:tasks:completions): value must be a number, was \"3\""),
                Arguments.of(item("completions", "Number", "less", true),
                        "items[1] (filter:tasks:completions): value must be a number, was true"),
                Arguments.of(item("completions", "Number", "greater", Double.NaN),
                        "items[1] (filter:tasks:completions): value must be a finite number, was NaN"),
                Arguments.of(item("completions", "Number", "greater", Double.POSITIVE_INFINITY),
                        "items[1] (filter:tasks:completions): value must be a finite number, was Infinity"),
                Arguments.of(item("completions", "Number", "greater", BigInteger.TEN.pow(400)),
                        "items[1] (filter:tasks:completions): value must be a finite number, was 1000"),
                // Datetime
                Arguments.of(item("created_at", "Datetime", "less", 1714557600),
                        "items[1] (filter:tasks:created_at): " + DATETIME_SHAPE + "1714557600"),
                Arguments.of(item("created_at", "Datetime", "less", "yesterday"),
                        "items[1] (filter:tasks:created_at): " + DATETIME_SHAPE + "\"yesterday\""),
                Arguments.of(item("created_at", "Datetime", "less", "2024-02-30"),
                        "items[1] (filter:tasks:created_at): " + DATETIME_SHAPE + "\"2024-02-30\""),
                Arguments.of(item("created_at", "Datetime", "less", "2024-05-01T25:00:00Z"),
                        "items[1] (filter:tasks:created_at): " + DATETIME_SHAPE + "\"2024-05-01T25:00:00Z\""),
                Arguments.of(item("created_at", "Datetime", "less", "2024-05-01 10:00:00"),
                        "items[1] (filter:tasks:created_at): " + DATETIME_SHAPE + "\"2024-05-01 10:00:00\""),
                // String
                Arguments.of(item("data.text", "String", "contains", 3),
                        "items[1] (filter:tasks:data.text): value must be a string, was 3"),
                Arguments.of(item("data.text", "String", "regex", "(ca"),
                        "items[1] (filter:tasks:data.text): value is not a valid regex: Unclosed group near index 3"),
                Arguments.of(item("data.text", "String", "regex", "*cat"),
                        "items[1] (filter:tasks:data.text): value is not a valid regex: Dangling meta character '*'"),
                Arguments.of(item("data.text", "String", "regex", "a".repeat(1001)),
                        "items[1] (filter:tasks:data.text): value must be a regex of at most 1000 characters, "
                                + "had 1001"),
                // Boolean
                Arguments.of(item("ground_truth", "Boolean", "equal", "true"),
                        "items[1] (filter:tasks:ground_truth): value must be true or false, was \"true\""),
                Arguments.of(item("ground_truth", "Boolean", "equal", 1),
                        "items[1] (filter:tasks:ground_truth): value must be true or false, was 1"),
                // annotators
                Arguments.of(item("annotators", "List", "contains", 1.5),
                        "items[1] (filter:tasks:annotators): value must be a user id (a positive integer), was 1.5"),
                Arguments.of(item("annotators", "List", "contains", "7"),
                        "items[1] (filter:tasks:annotators): value must be a user id (a positive integer), was \"7\""),
                Arguments.of(item("annotators", "List", "not_contains", 0),
                        "items[1] (filter:tasks:annotators): value must be a user id (a positive integer), was 0"),
                Arguments.of(item("annotators", "List", "contains", -3L),
                        "items[1] (filter:tasks:annotators): value must be a user id (a positive integer), was -3"),
                Arguments.of(item("annotators", "List", "contains", BigInteger.TWO.pow(63)),
                        "items[1] (filter:tasks:annotators): value must be a user id (a positive integer), "
                                + "was 9223372036854775808"),
                // completion_results / prediction_results
                Arguments.of(item("completion_results", "List", "contains", ""),
                        "items[1] (filter:tasks:completion_results): value must be a non-empty label, was \"\""),
                Arguments.of(item("completion_results", "List", "contains", 3),
                        "items[1] (filter:tasks:completion_results): " + LABEL_SHAPE + "3"),
                Arguments.of(item("completion_results", "List", "contains", json()),
                        "items[1] (filter:tasks:completion_results): value.label must be a non-empty label, "
                                + "was nothing"),
                Arguments.of(item("completion_results", "List", "contains", json("label", "")),
                        "items[1] (filter:tasks:completion_results): value.label must be a non-empty label, "
                                + "was \"\""),
                Arguments.of(item("completion_results", "List", "contains", json("label", List.of("Cat"))),
                        "items[1] (filter:tasks:completion_results): value.label must be a non-empty label, "
                                + "was a list"),
                Arguments.of(item("completion_results", "List", "contains", json("label", "Cat", "control", 3)),
                        "items[1] (filter:tasks:completion_results): value.control must be a string, was 3"),
                Arguments.of(item("completion_results", "List", "contains", json("label", "Cat", "annotator", 0)),
                        "items[1] (filter:tasks:completion_results): value.annotator must be a user id "
                                + "(a positive integer), was 0"),
                Arguments.of(item("completion_results", "List", "contains", json("label", "Cat", "annotator", "7")),
                        "items[1] (filter:tasks:completion_results): value.annotator must be a user id "
                                + "(a positive integer), was \"7\""),
                Arguments.of(item("completion_results", "List", "contains", json("label", "Cat", "anotator", 7)),
                        "items[1] (filter:tasks:completion_results): unknown key \"anotator\" "
                                + "(use label, control, annotator)"),
                Arguments.of(item("prediction_results", "List", "contains", json("label", "Cat", "annotator", 7)),
                        "items[1] (filter:tasks:prediction_results): value.annotator only applies to "
                                + "completion_results"),
                Arguments.of(item("prediction_results", "List", "contains", json("label", "Cat", "score", 1)),
                        "items[1] (filter:tasks:prediction_results): unknown key \"score\" (use label, control)"));
    }

    @ParameterizedTest
    @MethodSource("badItems")
    void refusesABadItemNamingItsIndexFilterAndProblem(Object bad, String expected) {
        String detail = refused("invalid filter", () -> QueryParser.filter(
                filterOf(item("completions", "Number", "equal", 1), bad)));
        assertStartsWith(expected, detail);
    }

    @Test
    void namesTheIndexOfTheFirstBadItem() {
        String detail = refused("invalid filter", () -> QueryParser.filter(filterOf(
                item("id", "Number", "equal", 1), item("id", "Number", "equal", 2), item("foo", "Number", "equal", 3),
                item("bar", "Number", "equal", 4))));
        assertStartsWith("items[2] (filter:tasks:foo): unknown column \"foo\"", detail);
    }

    @Test
    void cutsRequestTextToOneHundredCharactersInMessages() {
        String column = "x".repeat(300);
        String detail = refused("invalid filter",
                () -> QueryParser.filter(filterOf(item(column, "Number", "equal", 1))));
        assertStartsWith("items[0] (filter:tasks:" + "x".repeat(99 - "filter:tasks:".length()) + "…): unknown column \""
                + "x".repeat(99) + "…\"", detail);
        assertFalse(detail.contains("x".repeat(100)), detail);

        String value = "9".repeat(500);
        String valueDetail = refused("invalid filter",
                () -> QueryParser.filter(filterOf(item("id", "Number", "equal", value))));
        assertEquals("items[0] (filter:tasks:id): value must be a number, was \"" + "9".repeat(99) + "…\"",
                valueDetail);
    }

    // --- ordering

    @Test
    void readsOrderingKeys() {
        assertEquals(List.of(new Order(COMPLETIONS, true), new Order(Field.of(Column.ID), false),
                        new Order(TEXT, false), new Order(Field.of(Column.PREDICTION_SCORE), true),
                        new Order(CREATED_AT, false), new Order(GROUND_TRUTH, true)),
                QueryParser.ordering(List.of("-tasks:completions", "tasks:id", "data.text", "-prediction_score",
                        "created_at", "-ground_truth")));
        assertEquals(List.of(), QueryParser.ordering(null));
        assertEquals(List.of(), QueryParser.ordering(List.of()));
        assertEquals(10, QueryParser.ordering(List.of("id", "completions", "skipped", "predictions",
                "prediction_score", "reviews_up", "reviews_down", "ground_truth", "created_at", "lead_time")).size());
    }

    @Test
    void readsLabelStudiosColumnNamesAsOurs() {
        assertEquals(List.of(new Order(COMPLETIONS, true), new Order(Field.of(Column.SKIPPED), false),
                        new Order(Field.of(Column.PREDICTION_SCORE), true), new Order(Field.of(Column.PREDICTIONS), false),
                        new Order(Field.of(Column.LEAD_TIME), false)),
                QueryParser.ordering(List.of("-tasks:total_annotations", "cancelled_annotations", "-predictions_score",
                        "total_predictions", "avg_lead_time")));
        assertEquals(new FilterItem(COMPLETION_RESULTS, Operator.CONTAINS, ValueType.LIST, LabelMatch.of("Cat")),
                single(item("annotations_results", "List", "contains", "Cat")));
        assertEquals(new FilterItem(PREDICTION_RESULTS, Operator.CONTAINS, ValueType.LIST, LabelMatch.of("Dog")),
                single(item("predictions_results", "List", "contains", "Dog")));
        assertEquals(new FilterItem(COMPLETIONS, Operator.GREATER, ValueType.NUMBER, 1.0),
                single(item("total_completions", "Number", "greater", 1)));
        assertEquals(List.of(COMPLETIONS, Field.of(Column.REVIEWS_UP), Field.of(Column.REVIEWS_DOWN)),
                QueryParser.fields(List.of("total_annotations", "reviews_accepted", "reviews_rejected")));
    }

    static Stream<Arguments> badOrderings() {
        return Stream.of(
                Arguments.of(List.of("id", "foo"), "ordering[1] (foo): unknown column \"foo\"" + COLUMN_LIST),
                Arguments.of(List.of("-tasks:foo"), "ordering[0] (-tasks:foo): unknown column \"foo\""),
                Arguments.of(List.of("--id"), "ordering[0] (--id): unknown column \"-id\""),
                Arguments.of(List.of("tasks:-id"), "ordering[0] (tasks:-id): unknown column \"-id\""),
                Arguments.of(List.of("data."), "ordering[0] (data.): a data field needs a key"),
                Arguments.of(List.of("-annotators"),
                        "ordering[0] (-annotators): annotators is a list, and a list cannot be ordered by"),
                Arguments.of(List.of("id", "tasks:completion_results"), "ordering[1] (tasks:completion_results): "
                        + "completion_results is a list, and a list cannot be ordered by"),
                Arguments.of(List.of("prediction_results"), "ordering[0] (prediction_results): "
                        + "prediction_results is a list, and a list cannot be ordered by"),
                Arguments.of(List.of("completions", "id", "-tasks:completions"), "ordering[2] (-tasks:completions): "
                        + "completions is already in ordering[0]"),
                Arguments.of(List.of("data.a", "-data.a"),
                        "ordering[1] (-data.a): data.a is already in ordering[0]"),
                Arguments.of(List.of("id", ""), "ordering[1]: must name a column, was \"\""),
                Arguments.of(List.of(" "), "ordering[0]: must name a column, was \" \""),
                Arguments.of(List.of("-"), "ordering[0] (-): must name a column, was \"\""),
                Arguments.of(Arrays.asList("id", null), "ordering[1]: must name a column, was nothing"),
                Arguments.of(Collections.nCopies(11, "id"), "at most 10 keys, was 11"));
    }

    @ParameterizedTest
    @MethodSource("badOrderings")
    void refusesABadOrderingNamingTheEntry(List<String> names, String expected) {
        assertStartsWith(expected, refused("invalid ordering", () -> QueryParser.ordering(names)));
    }

    // --- fields

    @Test
    void readsFieldsKeepingEachOnce() {
        assertEquals(List.of(Field.of(Column.ID), COMPLETIONS, TEXT, ANNOTATORS, Field.data("image")),
                QueryParser.fields(List.of("tasks:id", "completions", "data.text", "id", "annotators",
                        "tasks:completions", "data.text", "data.image")));
        assertEquals(List.of(), QueryParser.fields(null));
        assertEquals(List.of(), QueryParser.fields(List.of()));
        assertEquals(List.of(Field.of(Column.LEAD_TIME)), QueryParser.fields(Collections.nCopies(200, "lead_time")));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of(List.of("id", "foo"), "fields[1] (foo): unknown column \"foo\"" + COLUMN_LIST),
                Arguments.of(List.of("-id"), "fields[0] (-id): unknown column \"-id\""),
                Arguments.of(List.of("data"), "fields[0] (data): unknown column \"data\""),
                Arguments.of(List.of("tasks:data."), "fields[0] (tasks:data.): a data field needs a key"),
                Arguments.of(List.of("id", "  "), "fields[1]: must name a column, was \"  \""),
                Arguments.of(Arrays.asList((String) null), "fields[0]: must name a column, was nothing"),
                Arguments.of(Collections.nCopies(201, "id"), "at most 200 fields, was 201"));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void refusesBadFieldsNamingTheEntry(List<String> names, String expected) {
        assertStartsWith(expected, refused("invalid fields", () -> QueryParser.fields(names)));
    }

    // --- selection

    @Test
    void readsASelectionOfIds() {
        assertEquals(TaskSelection.ofIds(List.of(1L, 2L, 3L)),
                QueryParser.selection(json("all", false, "ids", List.of(1, 2L, BigInteger.valueOf(3)))));
        assertEquals(TaskSelection.ofIds(List.of()), QueryParser.selection(json("all", false, "ids", List.of())));
    }

    @Test
    void readsASelectionOfAllMatchingTasks() {
        Map<String, Object> filter = json("conjunction", "or",
                "items", List.of(item("ground_truth", "Boolean", "equal", true)));
        assertEquals(new TaskSelection(true, null, new TaskFilter(true, List.of(new FilterItem(GROUND_TRUTH,
                        Operator.EQUAL, ValueType.BOOLEAN, true))), List.of(3L, 4L)),
                QueryParser.selection(json("all", true, "filters", filter, "excluded", List.of(3, 4))));
        assertEquals(TaskSelection.matching(TaskFilter.ALL), QueryParser.selection(json("all", true)));
        assertEquals(TaskSelection.matching(TaskFilter.ALL),
                QueryParser.selection(json("all", true, "filters", null, "excluded", null)));
    }

    @Test
    void takesUpToOneHundredThousandIds() {
        List<Long> ids = LongStream.rangeClosed(1, 100_000).boxed().toList();
        assertEquals(ids, QueryParser.selection(json("all", false, "ids", ids)).ids());
        assertEquals(ids, QueryParser.selection(json("all", true, "excluded", ids)).excluded());

        List<Long> tooMany = new ArrayList<>(ids);
        tooMany.add(100_001L);
        assertEquals("ids may hold at most 100000 ids, was 100001",
                refused("invalid selection", () -> QueryParser.selection(json("all", false, "ids", tooMany))));
        assertEquals("excluded may hold at most 100000 ids, was 100001",
                refused("invalid selection", () -> QueryParser.selection(json("all", true, "excluded", tooMany))));
    }

    static Stream<Arguments> badSelections() {
        return Stream.of(
                Arguments.of(null, "a selection is required"),
                Arguments.of(json(), "all must be true or false, was nothing"),
                Arguments.of(json("all", "true", "ids", List.of(1)), "all must be true or false, was \"true\""),
                Arguments.of(json("all", false), "ids must be a list of task ids, was nothing"),
                Arguments.of(json("all", false, "ids", "1,2"), "ids must be a list of task ids, was \"1,2\""),
                Arguments.of(json("all", false, "ids", List.of(1), "filters", null),
                        "filters only goes with \"all\": true"),
                Arguments.of(json("all", false, "ids", List.of(1), "excluded", List.of(2)),
                        "excluded only goes with \"all\": true"),
                Arguments.of(json("all", true, "ids", List.of(1)), "ids only goes with \"all\": false"),
                Arguments.of(json("all", false, "ids", List.of(1, 0)),
                        "ids[1] must be a task id (a positive integer), was 0"),
                Arguments.of(json("all", false, "ids", List.of(-1)),
                        "ids[0] must be a task id (a positive integer), was -1"),
                Arguments.of(json("all", false, "ids", List.of(1.5)),
                        "ids[0] must be a task id (a positive integer), was 1.5"),
                Arguments.of(json("all", false, "ids", List.of("3")),
                        "ids[0] must be a task id (a positive integer), was \"3\""),
                Arguments.of(json("all", false, "ids", Arrays.asList(1, null)),
                        "ids[1] must be a task id (a positive integer), was nothing"),
                Arguments.of(json("all", true, "excluded", List.of(2, "x")),
                        "excluded[1] must be a task id (a positive integer), was \"x\""),
                Arguments.of(json("all", true, "excluded", 2), "excluded must be a list of task ids, was 2"),
                Arguments.of(json("all", true, "exclude", List.of(3)),
                        "unknown key \"exclude\" (use all, ids, filters, excluded)"));
    }

    @ParameterizedTest
    @MethodSource("badSelections")
    void refusesABadSelectionSayingWhy(Map<String, Object> selection, String expected) {
        assertStartsWith(expected, refused("invalid selection", () -> QueryParser.selection(selection)));
    }

    @Test
    void reportsABadFilterInsideASelectionAsAnInvalidFilter() {
        String detail = refused("invalid filter", () -> QueryParser.selection(json("all", true,
                "filters", filterOf(item("id", "Number", "equal", 1), item("skipped", "Number", "equal", "2")))));
        assertEquals("items[1] (filter:tasks:skipped): value must be a number, was \"2\"", detail);
    }

    @Test
    void regexFeaturesThatNeedBacktrackingAreRefusedNamingThem() {
        for (String pattern : List.of("(?=cat)c", "(a)\\1", "(?<!x)cat")) {
            String detail = refused("invalid filter", () -> QueryParser.filter(filterOf(item("data.text", "String",
                    "regex", pattern))));
            assertStartsWith("items[0] (filter:tasks:data.text): value uses regex features that cannot be matched in "
                    + "linear time", detail);
        }
        assertEquals("^(ca|do)g?s*$", single(item("data.text", "String", "regex", "^(ca|do)g?s*$")).value());
    }
}
