package io.labelhub.dm.api.gt;

import java.util.Locale;
import java.util.Optional;

/** What a condition of a {@link CompletionFilter} looks at: one completion's own properties. */
public enum CompletionField {
    /** The author (a user id). */
    COMPLETED_BY,
    /** A label or choice the completion holds (as the label index has it). */
    LABEL,
    /** The result of its reviews: {@link ReviewResult}. */
    REVIEW,
    /** Seconds the annotator spent, when known. */
    LEAD_TIME,
    /** When it was made. */
    CREATED_AT;

    /** As the JSON spells it: {@code completed_by}, {@code label}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CompletionField> byWireName(String name) {
        for (CompletionField field : values()) {
            if (field.wireName().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
