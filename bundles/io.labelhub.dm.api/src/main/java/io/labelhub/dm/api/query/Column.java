package io.labelhub.dm.api.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the Data Manager table. {@link #DATA} stands for every {@code data.<key>}: its type is what the
 * filter item says (String or Number), its values come from each task's data.
 */
public enum Column {
    ID(ValueType.NUMBER),
    COMPLETIONS(ValueType.NUMBER),
    SKIPPED(ValueType.NUMBER),
    PREDICTIONS(ValueType.NUMBER),
    PREDICTION_SCORE(ValueType.NUMBER),
    /** Who made the task's completions (user ids), skipped ones included. */
    ANNOTATORS(ValueType.LIST),
    /** Who reviewed the task's completions (user ids). */
    REVIEWERS(ValueType.LIST),
    /** The labels/choices in the task's completions that were not skipped. */
    COMPLETION_RESULTS(ValueType.LIST),
    PREDICTION_RESULTS(ValueType.LIST),
    REVIEWS_UP(ValueType.NUMBER),
    REVIEWS_DOWN(ValueType.NUMBER),
    GROUND_TRUTH(ValueType.BOOLEAN),
    CREATED_AT(ValueType.DATETIME),
    UPDATED_AT(ValueType.DATETIME),
    /** When the latest completion that was not skipped was made. */
    COMPLETED_AT(ValueType.DATETIME),
    /** The mean lead time of the completions that have one. */
    LEAD_TIME(ValueType.NUMBER),
    DATA(ValueType.STRING);

    private final ValueType type;

    Column(ValueType type) {
        this.type = type;
    }

    /** The column's own type; for {@link #DATA} the default one. */
    public ValueType type() {
        return type;
    }

    public boolean list() {
        return type == ValueType.LIST;
    }

    /** A list of user ids (not of labels). */
    public boolean users() {
        return this == ANNOTATORS || this == REVIEWERS;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Label Studio's names of the same columns, in its Data Manager 1.x and 0.9 ({@code completions}): filters,
     * orderings and views written for Label Studio work here unchanged.
     */
    public static final Map<String, Column> LABEL_STUDIO_NAMES = Map.ofEntries(
            Map.entry("total_annotations", COMPLETIONS), Map.entry("cancelled_annotations", SKIPPED),
            Map.entry("annotations_results", COMPLETION_RESULTS), Map.entry("total_predictions", PREDICTIONS),
            Map.entry("predictions_score", PREDICTION_SCORE), Map.entry("predictions_results", PREDICTION_RESULTS),
            Map.entry("reviews_accepted", REVIEWS_UP), Map.entry("reviews_rejected", REVIEWS_DOWN),
            Map.entry("avg_lead_time", LEAD_TIME), Map.entry("total_completions", COMPLETIONS),
            Map.entry("cancelled_completions", SKIPPED), Map.entry("completions_results", COMPLETION_RESULTS));

    /**
     * A task column by its wire name or one of Label Studio's names for it ({@code data} is not one: data fields are
     * {@code data.<key>}).
     */
    public static Optional<Column> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c != DATA && c.wireName().equals(name)).findFirst()
                .or(() -> Optional.ofNullable(LABEL_STUDIO_NAMES.get(name)));
    }
}
