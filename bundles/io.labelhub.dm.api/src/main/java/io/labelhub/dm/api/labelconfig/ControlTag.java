package io.labelhub.dm.api.labelconfig;

import java.util.List;

/**
 * A tag of the labeling config that produces results, such as
 * {@code <Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices>}.
 *
 * @param type    the tag name as written in the config ({@code Choices}, {@code RectangleLabels} …)
 * @param toNames the object tags it labels
 * @param labels  the label values it offers, in config order; empty for free-form controls (TextArea, Rating …)
 *                and for controls whose options come from the task data
 */
public record ControlTag(String name, String type, List<String> toNames, List<String> labels) {

    public ControlTag {
        toNames = List.copyOf(toNames);
        labels = List.copyOf(labels);
    }

    /** The {@code type} a result region of this control carries, e.g. {@code choices}. */
    public String resultType() {
        return type.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether result values of this control must be one of {@link #labels()}. */
    public boolean hasFixedLabels() {
        return !labels.isEmpty();
    }
}
