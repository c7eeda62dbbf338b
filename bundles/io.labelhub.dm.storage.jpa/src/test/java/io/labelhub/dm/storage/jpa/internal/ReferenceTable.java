package io.labelhub.dm.storage.jpa.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.ValueType;

/**
 * The Data Manager table of one project worked out the slow, obvious way from what a test imported: every column,
 * filters, orderings, totals and statistics as the query model, {@code FilterSql} and {@code DataValues} document
 * them. It is the oracle {@code QueryStoreTest} holds the store against, so it shares no code with the store.
 */
final class ReferenceTable {

    /** One label under one control ({@code from_name}). */
    record Label(String control, String label) {
    }

    record RefCompletion(long id, long author, Instant createdAt, Double leadTime, boolean cancelled,
                         boolean groundTruth, Set<Label> labels) {
    }

    record RefPrediction(long id, Double score, Set<Label> labels) {
    }

    record RefTask(long id, Map<String, Object> data, Instant createdAt, Instant updatedAt,
                   List<RefCompletion> completions, List<RefPrediction> predictions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Comparator<Label> BY_CONTROL_AND_LABEL = Comparator.comparing(Label::control)
            .thenComparing(Label::label);

    private final Map<Long, RefTask> tasks = new TreeMap<>();
    /** Rows are derived data; kept until their task changes. */
    private final Map<Long, TaskRow> rows = new HashMap<>();

    ReferenceTable(Collection<RefTask> tasks) {
        tasks.forEach(t -> this.tasks.put(t.id(), t));
    }

    /** What was imported, with the ids and timestamps the store gave it (completions and predictions in id order). */
    static RefTask of(Task stored, NewTask imported, long defaultAuthor) {
        List<RefCompletion> completions = new ArrayList<>();
        for (int i = 0; i < imported.completions().size(); i++) {
            NewCompletion c = imported.completions().get(i);
            completions.add(new RefCompletion(stored.completions().get(i).id(),
                    c.completedBy() == null ? defaultAuthor : c.completedBy(), c.createdAt(), c.leadTime(),
                    c.wasCancelled(), c.groundTruth(), labels(c.result())));
        }
        List<RefPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < imported.predictions().size(); i++) {
            NewPrediction p = imported.predictions().get(i);
            predictions.add(new RefPrediction(stored.predictions().get(i).id(), p.score(), labels(p.result())));
        }
        return new RefTask(stored.id(), imported.data(), stored.createdAt(), stored.updatedAt(), completions,
                predictions);
    }

    /**
     * The labels of a result as LabelIndex documents them: strings under {@code value.choices}, {@code taxonomy}
     * or any {@code value.*labels}, with the item's {@code from_name} as control.
     */
    static Set<Label> labels(List<Map<String, Object>> result) {
        Set<Label> labels = new LinkedHashSet<>();
        for (Map<String, Object> item : result) {
            if (item.get("from_name") instanceof String control && item.get("value") instanceof Map<?, ?> value) {
                value.forEach((key, labelList) -> {
                    String name = (String) key;
                    if ((name.equals("choices") || name.equals("taxonomy") || name.endsWith("labels"))
                            && labelList instanceof List<?> list) {
                        list.forEach(label -> labels.add(new Label(cut(control), cut((String) label))));
                    }
                });
            }
        }
        return labels;
    }

    /** Controls and labels beyond 255 characters are indexed, and looked up, cut to that. */
    private static String cut(String text) {
        return text.length() <= 255 ? text : text.substring(0, 255);
    }

    List<RefTask> tasks() {
        return List.copyOf(tasks.values());
    }

    RefTask task(long id) {
        return tasks.get(id);
    }

    List<Long> ids() {
        return List.copyOf(tasks.keySet());
    }

    // ---- the columns

    TaskRow row(RefTask t) {
        return rows.computeIfAbsent(t.id(), id -> computeRow(t));
    }

    private static TaskRow computeRow(RefTask t) {
        int completed = 0;
        int skipped = 0;
        boolean groundTruth = false;
        Instant completedAt = null;
        double leadTimes = 0;
        int withLeadTime = 0;
        Set<Long> annotators = new LinkedHashSet<>();
        Set<String> completionLabels = new TreeSet<>();
        for (RefCompletion c : t.completions()) {
            annotators.add(c.author());
            groundTruth |= c.groundTruth();
            if (c.leadTime() != null) {
                leadTimes += c.leadTime();
                withLeadTime++;
            }
            if (c.cancelled()) {
                skipped++;
                continue;
            }
            completed++;
            if (completedAt == null || c.createdAt().isAfter(completedAt)) {
                completedAt = c.createdAt();
            }
            c.labels().forEach(l -> completionLabels.add(l.label()));
        }
        Double score = null;
        Set<String> predictionLabels = new TreeSet<>();
        for (RefPrediction p : t.predictions()) {
            if (p.score() != null && (score == null || p.score() > score)) {
                score = p.score();
            }
            p.labels().forEach(l -> predictionLabels.add(l.label()));
        }
        return new TaskRow(t.id(), completed, skipped, t.predictions().size(), score, List.copyOf(annotators),
                List.copyOf(completionLabels), List.copyOf(predictionLabels), 0, 0, groundTruth, t.createdAt(),
                t.updatedAt(), completedAt, withLeadTime == 0 ? null : leadTimes / withLeadTime, t.data());
    }

    /** A scalar column's value as a Comparable (Double, Instant or Boolean), null for none. */
    static Comparable<?> value(Column column, TaskRow row) {
        return switch (column) {
            case ID -> (double) row.id();
            case COMPLETIONS -> (double) row.completions();
            case SKIPPED -> (double) row.skipped();
            case PREDICTIONS -> (double) row.predictions();
            case PREDICTION_SCORE -> row.predictionScore();
            case REVIEWS_UP -> (double) row.reviewsUp();
            case REVIEWS_DOWN -> (double) row.reviewsDown();
            case GROUND_TRUTH -> row.groundTruth();
            case CREATED_AT -> row.createdAt();
            case UPDATED_AT -> row.updatedAt();
            case COMPLETED_AT -> row.completedAt();
            case LEAD_TIME -> row.leadTime();
            case ANNOTATORS, REVIEWERS, COMPLETION_RESULTS, PREDICTION_RESULTS, DATA ->
                    throw new IllegalArgumentException(column + " has no scalar value");
        };
    }

    /** {@code data.<key>} as a String: a string itself, any other value its JSON text, missing or null none. */
    static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code data.<key>} as a Number: a JSON number, or a string that reads as a finite number. */
    static Double number(Map<String, Object> data, String key) {
        Object value = data.get(key);
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                number = new BigDecimal(s.strip()).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(number) ? number : null;
    }

    // ---- filters

    boolean matches(TaskFilter filter, RefTask task) {
        if (filter.items().isEmpty()) {
            return true;
        }
        Predicate<FilterItem> holds = item -> holds(item, task);
        return filter.any() ? filter.items().stream().anyMatch(holds) : filter.items().stream().allMatch(holds);
    }

    List<RefTask> matching(TaskFilter filter) {
        return tasks.values().stream().filter(t -> matches(filter, t)).toList();
    }

    List<Long> matchingIds(TaskFilter filter) {
        return matching(filter).stream().map(RefTask::id).toList();
    }

    boolean holds(FilterItem item, RefTask task) {
        Operator operator = item.operator();
        Object value = item.value();
        if (item.field().isData()) {
            String key = item.field().dataKey();
            if (item.type() == ValueType.NUMBER) {
                return compare(operator, number(task.data(), key), value);
            }
            return textHolds(operator, text(task.data(), key), value);
        }
        TaskRow row = row(task);
        Column column = item.field().column();
        return switch (column) {
            case ANNOTATORS -> listHolds(operator, value, row.annotators().isEmpty(),
                    () -> row.annotators().contains((Long) value));
            // the reference tasks have no reviews (ReviewStoreTest checks the column and its filters)
            case REVIEWERS -> listHolds(operator, value, true, () -> false);
            case COMPLETION_RESULTS -> listHolds(operator, value, row.completionResults().isEmpty(),
                    () -> task.completions().stream().filter(c -> !c.cancelled())
                            .anyMatch(c -> holdsLabel(c.labels(), c.author(), (LabelMatch) value)));
            case PREDICTION_RESULTS -> listHolds(operator, value, row.predictionResults().isEmpty(),
                    () -> task.predictions().stream()
                            .anyMatch(p -> holdsLabel(p.labels(), null, (LabelMatch) value)));
            case GROUND_TRUTH -> row.groundTruth() == (Boolean) value;
            default -> compare(operator, value(column, row), value);
        };
    }

    private static boolean holdsLabel(Set<Label> labels, Long author, LabelMatch match) {
        if (match.annotator() != null && !match.annotator().equals(author)) {
            return false;
        }
        return labels.stream().anyMatch(l -> l.label().equals(cut(match.label()))
                && (match.control() == null || cut(match.control()).equals(l.control())));
    }

    private interface Contains {
        boolean test();
    }

    private static boolean listHolds(Operator operator, Object value, boolean empty, Contains contains) {
        return switch (operator) {
            case EMPTY -> empty == (Boolean) value;
            case CONTAINS -> contains.test();
            case NOT_CONTAINS -> !contains.test();
            default -> throw new IllegalArgumentException(operator + " does not apply to a list");
        };
    }

    private static boolean compare(Operator operator, Comparable<?> actual, Object value) {
        return switch (operator) {
            case EMPTY -> (actual == null) == (Boolean) value;
            case EQUAL -> actual != null && order(actual, value) == 0;
            case NOT_EQUAL -> !compare(Operator.EQUAL, actual, value);
            case LESS -> actual != null && order(actual, value) < 0;
            case GREATER -> actual != null && order(actual, value) > 0;
            case LESS_OR_EQUAL -> actual != null && order(actual, value) <= 0;
            case GREATER_OR_EQUAL -> actual != null && order(actual, value) >= 0;
            case IN -> actual != null && order(actual, ((Range) value).min()) >= 0
                    && order(actual, ((Range) value).max()) <= 0;
            case NOT_IN -> !compare(Operator.IN, actual, value);
            default -> throw new IllegalArgumentException(operator + " does not compare");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int order(Comparable actual, Object value) {
        return actual.compareTo(value);
    }

    private static boolean textHolds(Operator operator, String text, Object value) {
        return switch (operator) {
            case EMPTY -> (text == null || text.isEmpty()) == (Boolean) value;
            case EQUAL -> text != null && text.equals(value);
            case NOT_EQUAL -> !textHolds(Operator.EQUAL, text, value);
            case CONTAINS -> text != null
                    && text.toLowerCase(Locale.ROOT).contains(((String) value).toLowerCase(Locale.ROOT));
            case NOT_CONTAINS -> !textHolds(Operator.CONTAINS, text, value);
            case REGEX -> text != null
                    && PATTERNS.computeIfAbsent((String) value, Pattern::compile).matcher(text).find();
            default -> throw new IllegalArgumentException(operator + " does not apply to String");
        };
    }

    // ---- ordering, pages and sums

    /** SQL's order: no value sorts above every value; data keys numbers, then strings, then none; id breaks ties. */
    Comparator<RefTask> comparator(List<Order> ordering) {
        Comparator<RefTask> comparator = (a, b) -> 0;
        boolean byId = false;
        for (Order order : ordering) {
            Comparator<RefTask> key;
            if (order.field().isData()) {
                String dataKey = order.field().dataKey();
                key = Comparator.comparing(t -> sortKey(t.data(), dataKey), ReferenceTable::compareDataKeys);
            } else {
                Column column = order.field().column();
                key = Comparator.comparing(t -> comparable(value(column, row(t))),
                        Comparator.nullsLast(Comparator.naturalOrder()));
            }
            comparator = comparator.thenComparing(order.descending() ? key.reversed() : key);
            byId |= order.field().column() == Column.ID;
        }
        return byId ? comparator : comparator.thenComparingLong(RefTask::id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable<Object> comparable(Comparable value) {
        return value;
    }

    private static Object sortKey(Map<String, Object> data, String key) {
        Double number = number(data, key);
        return number != null ? number : text(data, key);
    }

    private static int compareDataKeys(Object a, Object b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0 || a == null) {
            return rank;
        }
        return a instanceof Double x ? Double.compare(x, (Double) b) : ((String) a).compareTo((String) b);
    }

    private static int rank(Object sortKey) {
        return sortKey instanceof Double ? 0 : sortKey instanceof String ? 1 : 2;
    }

    List<RefTask> ordered(TaskFilter filter, List<Order> ordering) {
        List<RefTask> matching = new ArrayList<>(matching(filter));
        matching.sort(comparator(ordering));
        return matching;
    }

    List<Long> pageIds(TaskFilter filter, List<Order> ordering, PageRequest page) {
        List<RefTask> ordered = ordered(filter, ordering);
        int from = (int) Math.min(page.offset(), ordered.size());
        int to = Math.min(from + page.pageSize(), ordered.size());
        return ordered.subList(from, to).stream().map(RefTask::id).toList();
    }

    Totals totals(Collection<RefTask> of) {
        Totals totals = Totals.NONE;
        for (RefTask t : of) {
            totals = totals.plus(row(t));
        }
        return totals;
    }

    // ---- statistics

    ProjectStats stats(int overlap) {
        List<TaskRow> all = tasks.values().stream().map(this::row).toList();
        Map<Label, Long> labels = new TreeMap<>(BY_CONTROL_AND_LABEL);
        Map<Long, long[]> annotators = new TreeMap<>();
        Map<LocalDate, Long> days = new TreeMap<>();
        for (RefTask t : tasks.values()) {
            for (RefCompletion c : t.completions()) {
                annotators.computeIfAbsent(c.author(), a -> new long[2])[c.cancelled() ? 1 : 0]++;
                if (!c.cancelled()) {
                    c.labels().forEach(l -> labels.merge(l, 1L, Long::sum));
                    // CAST(created_at AS DATE) reads the day in the JVM's zone, as Derby stores local timestamps
                    days.merge(LocalDate.ofInstant(c.createdAt(), ZoneId.systemDefault()), 1L, Long::sum);
                }
            }
        }
        return new ProjectStats(all.size(), all.stream().filter(r -> r.completions() >= overlap).count(),
                all.stream().mapToLong(TaskRow::skipped).sum(), all.stream().mapToLong(TaskRow::completions).sum(),
                all.stream().mapToLong(TaskRow::predictions).sum(), 0, 0,
                all.stream().filter(TaskRow::groundTruth).count(),
                labels.entrySet().stream().map(e -> new ProjectStats.LabelCount(e.getKey().control(),
                        e.getKey().label(), e.getValue())).toList(),
                annotators.entrySet().stream().map(e -> new ProjectStats.AnnotatorCount(e.getKey(),
                        e.getValue()[0], e.getValue()[1])).toList(),
                days.entrySet().stream().map(e -> new ProjectStats.DayCount(e.getKey(), e.getValue())).toList());
    }

    /** Rows the label index should hold: one per distinct label of each kept completion and each prediction. */
    long labelRows() {
        long count = 0;
        for (RefTask t : tasks.values()) {
            count += t.completions().stream().filter(c -> !c.cancelled()).mapToLong(c -> c.labels().size()).sum();
            count += t.predictions().stream().mapToLong(p -> p.labels().size()).sum();
        }
        return count;
    }

    // ---- what bulk actions do

    void remove(Collection<Long> ids) {
        ids.forEach(id -> {
            tasks.remove(id);
            rows.remove(id);
        });
    }

    void dropCompletions(long id, Instant updatedAt) {
        RefTask t = tasks.get(id);
        replace(new RefTask(id, t.data(), t.createdAt(), updatedAt, List.of(), t.predictions()));
    }

    void dropPredictions(long id, Instant updatedAt) {
        RefTask t = tasks.get(id);
        replace(new RefTask(id, t.data(), t.createdAt(), updatedAt, t.completions(), List.of()));
    }

    private void replace(RefTask task) {
        tasks.put(task.id(), task);
        rows.remove(task.id());
    }
}
