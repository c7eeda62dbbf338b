package io.labelhub.dm.api.query;

import java.util.Arrays;
import java.util.Locale;
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

    /** A task column by its wire name ({@code data} is not one: data fields are {@code data.<key>}). */
    public static Optional<Column> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c != DATA && c.wireName().equals(name)).findFirst();
    }
}
