package io.labelhub.dm.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

class ExportFormatsTest {

    private static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    private static Map<String, Object> choice(String value) {
        return Map.of("from_name", "label", "to_name", "text", "type", "choices",
                "value", Map.of("choices", List.of(value)));
    }

    private static final Task CAT = new Task(11, 1, Map.of("text", "=1+2"), Map.of("batch", "b"), T, T, 1, 1, 1, 0,
            0, true, List.of(
                    new Completion(21, 11, List.of(choice("Cat")), 5L, T, T, 2.5, false, true),
                    new Completion(22, 11, List.of(), 6L, T, T, null, true, false)),
            List.of(new Prediction(31, 11, List.of(choice("Dog")), 0.25, "v1", T)));
    private static final Task DOG = new Task(12, 1, Map.of("text", "plain, with comma"), null, T, T, 1, 0, 0, 0, 0,
            false, List.of(new Completion(23, 12, List.of(choice("Dog"), choice("Cat")), 5L, T, T, 1.0, false,
                    false)), List.of());

    private static final User FIVE = new User(5, "five@example.com", "Fi", "Ve", Role.ANNOTATOR, true, T);

    private static final LabelConfig BOXES_CONFIG = new LabelConfig("<View/>",
            List.of(new ObjectTag("text", "Text", "text", false), new ObjectTag("image", "Image", "image", true)),
            List.of(new ControlTag("label", "Choices", List.of("text"), List.of("Cat", "Dog")),
                    new ControlTag("box", "RectangleLabels", List.of("image"), List.of("Car"))));

    private static final Task BOXES = new Task(13, 1, Map.of("image", "https://example.com/a.jpg"), null, T, T, 1, 0,
            0, 0, 0, false, List.of(new Completion(24, 13, List.of(Map.of("from_name", "box", "to_name", "image",
                    "type", "rectanglelabels", "original_width", 800, "original_height", 600, "value",
                    new java.util.LinkedHashMap<>(Map.of("x", 10, "y", 20, "width", 30, "height", 40,
                            "rectanglelabels", List.of("Car"))))), 7L, T, T, null, false, false)), List.of());

    private static String write(ExportFormat format, boolean full, Task... tasks) throws IOException {
        return write(format, full, false, tasks);
    }

    private static String write(ExportFormat format, boolean full, boolean legacy, Task... tasks) throws IOException {
        return write(format, ImportFormatsTest.CONFIG, full, legacy, tasks);
    }

    private static String write(ExportFormat format, LabelConfig config, boolean full, boolean legacy, Task... tasks)
            throws IOException {
        ExportContext context = new ExportContext(new Project(1, "p", "", "<View/>", "sequential", 1, null, T, T, 2),
                config, List.of("text"), full, legacy,
                id -> id == 5 ? Optional.of(FIVE) : Optional.empty(), "server-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(context, List.of(tasks).iterator(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonExportImportsBackToTheSameTasks() throws IOException {
        String json = write(new JsonExportFormat(), true, CAT, DOG);
        ImportFormatsTest.Collected read = ImportFormatsTest.read(new JsonImportFormat(),
                json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), read.problems);
        NewTask cat = read.tasks.get(1L);
        assertEquals(CAT.data(), cat.data());
        assertEquals(CAT.meta(), cat.meta());
        assertEquals(2, cat.completions().size());
        assertEquals(List.of(choice("Cat")), cat.completions().get(0).result());
        assertEquals(new Author(5L, "five@example.com", "Fi", "Ve", "server-1"), cat.completions().get(0).author());
        assertEquals(T, cat.completions().get(0).createdAt());
        assertEquals(2.5, cat.completions().get(0).leadTime());
        assertTrue(cat.completions().get(0).groundTruth());
        assertTrue(cat.completions().get(1).wasCancelled());
        assertEquals(0.25, cat.predictions().get(0).score());
        assertEquals("v1", cat.predictions().get(0).modelVersion());
        assertEquals(List.of(choice("Dog")), cat.predictions().get(0).result());
    }

    @Test
    void jsonIsLabelStudiosShapeAndThe2020OneOnRequest() throws IOException {
        JsonNode tasks = new ObjectMapper().readTree(write(new JsonExportFormat(), false, CAT, DOG));
        JsonNode cat = tasks.get(0);
        assertEquals(List.of("id", "data", "meta", "created_at", "updated_at", "annotations", "predictions"),
                names(cat));
        assertFalse(tasks.get(1).has("meta"), "no meta, no key: Label Studio refuses a null meta");
        JsonNode annotation = cat.get("annotations").get(0);
        assertEquals(new ObjectMapper().readTree("{\"id\": 5, \"email\": \"five@example.com\", "
                + "\"first_name\": \"Fi\", \"last_name\": \"Ve\"}"), annotation.get("completed_by"));
        assertEquals("server-1", annotation.get("labelhub_server").asText());
        for (String field : List.of("id", "task", "result", "was_cancelled", "ground_truth", "lead_time", "created_at",
                "updated_at")) {
            assertTrue(annotation.has(field), field);
        }
        assertEquals("v1", cat.get("predictions").get(0).get("model_version").asText());

        JsonNode old = new ObjectMapper().readTree(write(new JsonExportFormat(), false, true, CAT)).get(0);
        assertFalse(old.has("annotations"));
        assertEquals(5, old.get("completions").get(0).get("completed_by").asInt());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonMinHasOneFlatObjectPerCompletionWithEachControlsFullValue() throws IOException {
        JsonNode rows = new ObjectMapper().readTree(write(new JsonMinExportFormat(), BOXES_CONFIG, false, false, CAT,
                DOG, BOXES));
        assertEquals(3, rows.size(), "the skipped completion has no row");
        assertEquals(new ObjectMapper().readTree("{\"id\": 11, \"text\": \"=1+2\", \"label\": \"Cat\", "
                + "\"annotator\": \"five@example.com\", \"annotation_id\": 21, \"created_at\": \"" + T
                + "\", \"updated_at\": \"" + T + "\", \"lead_time\": 2.5, \"ground_truth\": true}"), rows.get(0));
        assertEquals(new ObjectMapper().readTree("[{\"choices\": [\"Dog\"]}, {\"choices\": [\"Cat\"]}]"),
                rows.get(1).get("label"), "two items of one control: their values");
        assertEquals(new ObjectMapper().readTree("[{\"x\": 10, \"y\": 20, \"width\": 30, \"height\": 40, "
                + "\"rectanglelabels\": [\"Car\"], \"original_width\": 800, \"original_height\": 600}]"),
                rows.get(2).get("box"), "a box with its coordinates and the image's size");
        assertEquals(7, rows.get(2).get("annotator").asInt(), "an author unknown here: the id");
    }


    @Test
    void csvHasARowPerCompletionWithStructuredValuesAsJsonAndNeutralisesFormulas() throws IOException {
        String csv = write(new CsvExportFormat(), false, CAT, DOG);
        assertEquals("id,text,label,annotator,annotation_id,created_at,updated_at,lead_time,ground_truth\r\n"
                + "11,'=1+2,Cat,five@example.com,21," + T + "," + T + ",2.5,true\r\n"
                + "12,\"plain, with comma\",\"[{\"\"choices\"\":[\"\"Dog\"\"]},{\"\"choices\"\":[\"\"Cat\"\"]}]\","
                + "five@example.com,23," + T + "," + T + ",1.0,false\r\n", csv);
        String tsv = write(new TsvExportFormat(), false, CAT);
        assertEquals("id\ttext\tlabel\tannotator\tannotation_id\tcreated_at\tupdated_at\tlead_time\tground_truth\r\n"
                + "11\t'=1+2\tCat\tfive@example.com\t21\t" + T + "\t" + T + "\t2.5\ttrue\r\n", tsv);
    }


    @Test
    void everyFormulaLeaderIsNeutralised() {
        for (String cell : List.of("=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx")) {
            assertEquals("'" + cell, DelimitedExportFormat.neutralise(cell));
        }
        assertEquals("plain", DelimitedExportFormat.neutralise("plain"));
        assertEquals("", DelimitedExportFormat.neutralise(""));
    }
}
