package io.labelhub.dm.core.internal.labelconfig;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the Data Manager knows of Label Studio's tag language: which tags show data and which produce results. */
final class TagCatalog {

    /** Object tags, each with whether its value is the URL of a blob. */
    static final Map<String, Boolean> OBJECT_TAGS = Map.ofEntries(
            Map.entry("Text", false),
            Map.entry("HyperText", false),
            Map.entry("Paragraphs", false),
            Map.entry("Table", false),
            Map.entry("List", false),
            Map.entry("Ranker", false),
            Map.entry("Markdown", false),
            Map.entry("Image", true),
            Map.entry("Audio", true),
            Map.entry("AudioPlus", true),
            Map.entry("Video", true),
            Map.entry("TimeSeries", true),
            Map.entry("Pdf", true));

    static final Set<String> CONTROL_TAGS = Set.of(
            "Choices", "Labels", "RectangleLabels", "PolygonLabels", "KeyPointLabels", "BrushLabels",
            "EllipseLabels", "HyperTextLabels", "ParagraphLabels", "TimeSeriesLabels", "BitmaskLabels",
            "VideoRectangle", "Rectangle", "Polygon", "KeyPoint", "Brush", "Ellipse", "MagicWand", "TextArea",
            "Rating", "Number", "DateTime", "Taxonomy", "Pairwise");

    /** Child tags that carry a control's label values. */
    static final Set<String> LABEL_TAGS = Set.of("Choice", "Label");

    private static final Map<String, String> CANONICAL = java.util.stream.Stream
            .concat(java.util.stream.Stream.concat(OBJECT_TAGS.keySet().stream(), CONTROL_TAGS.stream()),
                    LABEL_TAGS.stream())
            .collect(Collectors.toUnmodifiableMap(t -> t.toLowerCase(Locale.ROOT), Function.identity()));

    /** The catalog's spelling of a tag name; the editor reads tag names case-insensitively, so do we. */
    static Optional<String> canonical(String tagName) {
        return Optional.ofNullable(CANONICAL.get(tagName.toLowerCase(Locale.ROOT)));
    }

    private TagCatalog() {
    }
}
