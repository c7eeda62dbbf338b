package io.labelhub.dm.core.internal.labelconfig;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.labelconfig.ObjectTag;

/** Sample task values per object tag, so a user sees what a task of the project looks like. */
final class SampleValues {

    static final String TEXT = "To have faith is to trust yourself to the water. When you swim you don't grab hold "
            + "of the water, because if you do you will sink and drown. Instead you relax, and float.";
    static final String IMAGE = "https://upload.wikimedia.org/wikipedia/commons/3/3a/Cat03.jpg";
    static final String AUDIO = "https://upload.wikimedia.org/wikipedia/commons/c/c8/Example.ogg";
    static final String VIDEO = "https://upload.wikimedia.org/wikipedia/commons/transcoded/c/c0/"
            + "Big_Buck_Bunny_4K.webm/Big_Buck_Bunny_4K.webm.480p.vp9.webm";
    static final String TIME_SERIES = "https://raw.githubusercontent.com/heartexlabs/label-studio/master/"
            + "label_studio/examples/timeseries_multiple_channels/sample.csv";
    static final String PDF = "https://upload.wikimedia.org/wikipedia/commons/8/87/PDF_file_icon.svg";

    private SampleValues() {
    }

    static Object forTag(ObjectTag tag) {
        if (tag.blob()) {
            return switch (tag.type()) {
                case "Image" -> IMAGE;
                case "Audio", "AudioPlus" -> AUDIO;
                case "Video" -> VIDEO;
                case "TimeSeries" -> TIME_SERIES;
                case "Pdf" -> PDF;
                default -> "https://example.com/" + tag.dataKey();
            };
        }
        return switch (tag.type()) {
            case "HyperText" -> "<p>" + TEXT + "</p>";
            case "Paragraphs" -> List.of(
                    Map.of("author", "Alice", "text", "Hi, Bob."),
                    Map.of("author", "Bob", "text", "Hello, Alice!"));
            case "Table" -> Map.of("id", 1, "name", "sample");
            case "List", "Ranker" -> List.of(
                    Map.of("id", "1", "title", "First item", "body", TEXT),
                    Map.of("id", "2", "title", "Second item", "body", TEXT));
            default -> TEXT;
        };
    }
}
