package io.labelhub.dm.formats.datasets.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

/** Tasks and configs in Label Studio's shapes, built by hand for the exporters' tests. */
final class Fixtures {

    static final Instant T = Instant.parse("2025-03-04T05:06:07Z");

    /** An image with boxes (Dog, Car) and polygons (Road): classes sorted by name are Car 0, Dog 1, Road 2. */
    static final LabelConfig IMAGES = new LabelConfig("<View/>",
            List.of(new ObjectTag("image", "Image", "image", true)),
            List.of(new ControlTag("box", "RectangleLabels", List.of("image"), List.of("Dog", "Car")),
                    new ControlTag("poly", "PolygonLabels", List.of("image"), List.of("Road")),
                    new ControlTag("weather", "Choices", List.of("image"), List.of("Sunny"))));

    static final LabelConfig NER = new LabelConfig("<View/>",
            List.of(new ObjectTag("text", "Text", "text", false)),
            List.of(new ControlTag("ner", "Labels", List.of("text"), List.of("PER", "LOC", "ORG"))));

    private Fixtures() {
    }

    static Task task(long id, Map<String, Object> data, Completion... completions) {
        return new Task(id, 1, data, null, T, T, completions.length, 0, 0, 0, 0, false, List.of(completions),
                List.of());
    }

    static Completion completion(long id, boolean groundTruth, List<Map<String, Object>> result) {
        return new Completion(id, 0, result, 1L, T, T, null, false, groundTruth);
    }

    static Completion skipped(long id) {
        return new Completion(id, 0, List.of(), 1L, T, T, null, true, false);
    }

    /** A RectangleLabels result; size null: the result does not say the image's size. */
    static Map<String, Object> box(String label, double x, double y, double width, double height, double rotation,
                                   int[] size) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("x", x);
        value.put("y", y);
        value.put("width", width);
        value.put("height", height);
        value.put("rotation", rotation);
        value.put("rectanglelabels", List.of(label));
        return result("box", "rectanglelabels", value, size);
    }

    static Map<String, Object> polygon(String label, double[][] points, int[] size) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("points", List.of(points).stream().map(p -> List.of(p[0], p[1])).toList());
        value.put("polygonlabels", List.of(label));
        return result("poly", "polygonlabels", value, size);
    }

    static Map<String, Object> choice(String value) {
        return result("weather", "choices", Map.of("choices", List.of(value)), null);
    }

    static Map<String, Object> span(int start, int end, String text, String label) {
        return Map.of("from_name", "ner", "to_name", "text", "type", "labels",
                "value", Map.of("start", start, "end", end, "text", text, "labels", List.of(label)));
    }

    private static Map<String, Object> result(String from, String type, Map<String, Object> value, int[] size) {
        Map<String, Object> result = new HashMap<>();
        result.put("from_name", from);
        result.put("to_name", from.equals("ner") ? "text" : "image");
        result.put("type", type);
        result.put("value", value);
        if (size != null) {
            result.put("original_width", size[0]);
            result.put("original_height", size[1]);
        }
        return result;
    }

    static byte[] write(ExportFormat format, LabelConfig config, Task... tasks) throws IOException {
        ExportContext context = new ExportContext(new Project(1, "Street scenes", "", "<View/>", "sequential", 1,
                null, T, T, tasks.length), config, List.of(), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(context, List.of(tasks).iterator(), out);
        return out.toByteArray();
    }

    /** A ZIP's entries in order: name → content as UTF-8. */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
