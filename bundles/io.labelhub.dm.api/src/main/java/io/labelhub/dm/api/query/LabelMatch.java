package io.labelhub.dm.api.query;

import java.util.Objects;

/**
 * The value of {@code contains}/{@code not_contains} on {@code completion_results} and {@code prediction_results}:
 * a label, optionally narrowed to one control ({@code from_name}) and, for completions, to one annotator. With an
 * annotator it asks for one completion made by that annotator that holds the label, which is stricter than a
 * {@code completion_results contains} item AND an {@code annotators contains} item (those can be met by two
 * different completions).
 */
public record LabelMatch(String label, String control, Long annotator) {

    public LabelMatch {
        Objects.requireNonNull(label, "label");
    }

    public static LabelMatch of(String label) {
        return new LabelMatch(label, null, null);
    }
}
