package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * Label Studio in and out over HTTP: a file in Label Studio 1.x's shape holding every tag family (choices, NER
 * spans, rectangles, polygons, key points, text areas, ratings, HyperText spans with xpaths, pairwise, ranker, a
 * relation) imports and exports again field by field; the export has the shape Label Studio's importer requires,
 * the 2020 shape on request; authors go by e-mail; unknown ones are refused, or taken as asked; a lenient import
 * keeps what does not fit the config and says so; Label Studio's column names filter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LabelStudioCompatIT {

    private static final Readiness READINESS = new Readiness();

    /** One control of each family Label Studio's results come in, over text, an image, HTML and a list. */
    static final String CONFIG = "<View>"
            + "<Text name=\"text\" value=\"$text\"/><Text name=\"text2\" value=\"$text2\"/>"
            + "<Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/>"
            + "</Choices>"
            + "<Labels name=\"ner\" toName=\"text\"><Label value=\"Person\"/><Label value=\"Org\"/></Labels>"
            + "<TextArea name=\"summary\" toName=\"text\"/>"
            + "<Rating name=\"stars\" toName=\"text\" maxRating=\"5\"/>"
            + "<Pairwise name=\"pw\" toName=\"text,text2\"/>"
            + "<Image name=\"image\" value=\"$image\"/>"
            + "<RectangleLabels name=\"box\" toName=\"image\"><Label value=\"Car\"/></RectangleLabels>"
            + "<PolygonLabels name=\"poly\" toName=\"image\"><Label value=\"Road\"/></PolygonLabels>"
            + "<KeyPointLabels name=\"kp\" toName=\"image\"><Label value=\"Eye\"/></KeyPointLabels>"
            + "<HyperText name=\"html\" value=\"$html\"/>"
            + "<HyperTextLabels name=\"title\" toName=\"html\"><Label value=\"Title\"/></HyperTextLabels>"
            + "<Ranker name=\"rank\" value=\"$items\"/>"
            + "</View>";

    /** The results of one completion, as Label Studio's documentation gives each family's. */
    static final String RESULTS = "["
            + "{\"id\":\"c1\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
            + "\"value\":{\"choices\":[\"Positive\"]}},"
            + "{\"id\":\"n1\",\"from_name\":\"ner\",\"to_name\":\"text\",\"type\":\"labels\","
            + "\"value\":{\"start\":0,\"end\":3,\"text\":\"Ada\",\"labels\":[\"Person\"]}},"
            + "{\"id\":\"t1\",\"from_name\":\"summary\",\"to_name\":\"text\",\"type\":\"textarea\","
            + "\"value\":{\"text\":[\"a short summary\"]}},"
            + "{\"id\":\"s1\",\"from_name\":\"stars\",\"to_name\":\"text\",\"type\":\"rating\",\"value\":{\"rating\":4}},"
            + "{\"id\":\"p1\",\"from_name\":\"pw\",\"to_name\":\"pw\",\"type\":\"pairwise\","
            + "\"value\":{\"selected\":\"left\"}},"
            + "{\"id\":\"r1\",\"from_name\":\"box\",\"to_name\":\"image\",\"type\":\"rectanglelabels\","
            + "\"original_width\":800,\"original_height\":600,\"image_rotation\":0,\"score\":0.87,"
            + "\"value\":{\"x\":10.5,\"y\":20,\"width\":30,\"height\":40,\"rotation\":0,\"rectanglelabels\":[\"Car\"]}},"
            + "{\"id\":\"g1\",\"from_name\":\"poly\",\"to_name\":\"image\",\"type\":\"polygonlabels\","
            + "\"original_width\":800,\"original_height\":600,"
            + "\"value\":{\"points\":[[1.5,2],[30,4],[5,60]],\"polygonlabels\":[\"Road\"]}},"
            + "{\"id\":\"k1\",\"from_name\":\"kp\",\"to_name\":\"image\",\"type\":\"keypointlabels\","
            + "\"original_width\":800,\"original_height\":600,"
            + "\"value\":{\"x\":50,\"y\":60,\"width\":0.5,\"keypointlabels\":[\"Eye\"]}},"
            + "{\"id\":\"h1\",\"from_name\":\"title\",\"to_name\":\"html\",\"type\":\"hypertextlabels\","
            + "\"value\":{\"start\":\"/h1[1]/text()[1]\",\"end\":\"/h1[1]/text()[1]\",\"startOffset\":0,"
            + "\"endOffset\":5,\"text\":\"Hello\",\"htmllabels\":[\"Title\"]}},"
            + "{\"id\":\"q1\",\"from_name\":\"rank\",\"to_name\":\"rank\",\"type\":\"ranker\","
            + "\"value\":{\"items\":[\"b\",\"a\"],\"weights\":{\"a\":1,\"b\":2}}},"
            + "{\"from_id\":\"n1\",\"to_id\":\"r1\",\"type\":\"relation\",\"direction\":\"right\",\"labels\":[]}"
            + "]";

    private Api admin;
    private String annEmail;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "import-formats");
        annEmail = "ann-" + System.nanoTime() + "@compat.test";
        assertEquals(201, admin.post("users", "{\"email\":\"" + annEmail + "\",\"password\":\"ann-password-1\","
                + "\"first_name\":\"Ann\",\"role\":\"annotator\"}").status());
    }

    private long project(String title) {
        Reply created = admin.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(CONFIG) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    /** Two tasks as Label Studio 1.x exports them: ids, times, an author by id and e-mail from another server. */
    private String labelStudioFile() {
        String data = "\"data\":{\"text\":\"Ada wrote the first program.\",\"text2\":\"Babbage built the engine.\","
                + "\"image\":\"https://example.com/street.jpg\",\"html\":\"<h1>Hello</h1>\",\"items\":[\"a\",\"b\"]}";
        return "[{\"id\":901," + data + ",\"meta\":{\"batch\":\"b7\"},"
                + "\"created_at\":\"2023-05-01T08:00:00Z\",\"updated_at\":\"2023-05-02T09:30:00Z\","
                + "\"annotations\":[{\"id\":5001,\"result\":" + RESULTS + ","
                + "\"completed_by\":{\"id\":42,\"email\":\"" + annEmail + "\",\"first_name\":\"Ann\",\"last_name\":\"\"},"
                + "\"was_cancelled\":false,\"ground_truth\":true,\"lead_time\":12.5,"
                + "\"created_at\":\"2023-05-01T10:00:00Z\",\"updated_at\":\"2023-05-01T11:00:00Z\"}],"
                + "\"predictions\":[{\"id\":77,\"result\":" + RESULTS + ",\"score\":0.91,\"model_version\":\"v3\"}]},"
                + "{\"id\":902," + data + ",\"created_at\":\"2023-05-03T08:00:00Z\",\"updated_at\":\"2023-05-03T08:00:00Z\","
                + "\"annotations\":[{\"id\":5002,\"result\":[],\"was_cancelled\":true,"
                + "\"completed_by\":{\"id\":42,\"email\":\"" + annEmail + "\"},"
                + "\"created_at\":\"2023-05-03T09:00:00Z\",\"updated_at\":\"2023-05-03T09:00:00Z\"}]}]";
    }

    private JsonNode export(long project, String options) {
        return Api.JSON.valueToTree(parse(admin.text("projects/" + project
                + "/export?exportType=JSON&download_all_tasks=true" + options)));
    }

    private static JsonNode parse(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    public void aLabelStudioFileOfEveryTagFamilyComesBackFieldByField() {
        long project = project("Every family");
        Reply imported = admin.post("projects/" + project + "/import", labelStudioFile());
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(2, imported.json("annotation_count").asInt());

        JsonNode original = parse(labelStudioFile());
        JsonNode exported = export(project, "");
        assertEquals(2, exported.size());
        for (int i = 0; i < 2; i++) {
            JsonNode in = original.get(i);
            JsonNode out = exported.get(i);
            assertEquals(in.get("data"), out.get("data"));
            assertEquals(in.get("created_at"), out.get("created_at"));
            assertEquals(in.get("updated_at"), out.get("updated_at"));
            assertEquals(in.has("meta"), out.has("meta"));
            JsonNode a = in.get("annotations").get(0);
            JsonNode b = out.get("annotations").get(0);
            // ids are this server's own; everything else as the file said
            for (String field : List.of("result", "was_cancelled", "created_at", "updated_at")) {
                assertEquals(field, a.get(field), b.get(field));
            }
            assertEquals(annEmail, b.at("/completed_by/email").asText());
            assertEquals(in.at("/annotations/0/ground_truth").asBoolean(), b.get("ground_truth").asBoolean());
        }
        assertEquals(original.at("/0/meta"), exported.at("/0/meta"));
        assertEquals(12.5, exported.at("/0/annotations/0/lead_time").asDouble(), 0.0);
        JsonNode prediction = exported.at("/0/predictions/0");
        assertEquals(original.at("/0/predictions/0/result"), prediction.get("result"));
        assertEquals(0.87, prediction.at("/result/5/score").asDouble(), 0.0);
        assertEquals("v3", prediction.get("model_version").asText());
        assertEquals(0.91, prediction.get("score").asDouble(), 0.0);
    }

    @Test
    public void theExportHasTheShapeLabelStudiosImporterRequiresAndThe2020OneOnRequest() {
        long project = project("Shape");
        assertEquals(201, admin.post("projects/" + project + "/import", labelStudioFile()).status());
        assertEquals(201, admin.post("projects/" + project + "/import", "[{\"text\":\"no meta, no work\","
                + "\"image\":\"https://example.com/b.jpg\",\"html\":\"<p/>\",\"text2\":\"x\",\"items\":[]}]")
                .status());
        for (String full : List.of("", "&include_full_task=true")) {
            JsonNode tasks = export(project, full);
            assertEquals(3, tasks.size());
            for (JsonNode task : tasks) {
                // what Label Studio 1.x's importer reads: data an object, meta an object when present, annotations
                // a list of objects with a result list and completed_by an id or an object with an e-mail
                assertTrue(task.get("data").isObject());
                assertTrue(!task.has("meta") || task.get("meta").isObject());
                assertFalse(task.has("completions"));
                assertTrue(task.get("annotations").isArray());
                for (JsonNode annotation : task.get("annotations")) {
                    assertTrue(annotation.get("result").isArray());
                    assertTrue(annotation.get("completed_by").isObject());
                    assertTrue(annotation.at("/completed_by/email").isTextual());
                    assertTrue(annotation.get("id").isIntegralNumber());
                }
                assertTrue(task.get("predictions").isArray());
            }
            assertFalse("a task without meta has no meta key", tasks.get(2).has("meta"));
        }
        JsonNode old = export(project, "&shape=2020");
        assertFalse(old.get(0).has("annotations"));
        assertTrue(old.at("/0/completions/0/completed_by").isIntegralNumber());
        Reply wrongShape = admin.get("projects/" + project + "/export?shape=2021");
        assertEquals(400, wrongShape.status());

        // both shapes import again here, authors and all
        for (String shape : List.of("", "&shape=2020")) {
            long copy = project("Again" + shape);
            Reply again = admin.postRaw("projects/" + copy + "/import", "application/json",
                    admin.text("projects/" + project + "/export?exportType=JSON&download_all_tasks=true" + shape));
            assertEquals(again.raw(), 201, again.status());
            assertEquals(3, again.json("task_count").asInt());
            assertEquals(annEmail, export(copy, "").at("/0/annotations/0/completed_by/email").asText());
        }
    }

    @Test
    public void authorsGoByEmailUnknownOnesAreRefusedOrTakenAsAsked() {
        long project = project("Authors");
        String foreign = "[{\"data\":{\"text\":\"t\",\"text2\":\"u\",\"image\":\"https://example.com/c.jpg\","
                + "\"html\":\"<p/>\",\"items\":[]},\"annotations\":["
                + "{\"completed_by\":99999,\"result\":[]},"
                + "{\"completed_by\":{\"email\":\"nobody-" + System.nanoTime() + "@elsewhere.org\"},\"result\":[]}]}]";
        Reply refused = admin.post("projects/" + project + "/import", foreign);
        assertEquals(refused.raw(), 422, refused.status());
        assertEquals("unknown authors", refused.json("error").asText());
        JsonNode unknown = refused.json("detail").get("unknown_authors");
        assertEquals(refused.raw(), 2, unknown.size());
        assertTrue(refused.raw(), unknown.get(0).asText().startsWith("user 99999"));
        assertEquals(0, admin.get("projects/" + project).json("task_count").asInt());

        Reply asImporter = admin.post("projects/" + project + "/import?unknown_authors=importer", foreign);
        assertEquals(asImporter.raw(), 201, asImporter.status());
        long me = admin.get("current-user").id();
        JsonNode task = admin.get("projects/" + project + "/tasks?page_size=1").json("tasks").get(0);
        JsonNode completions = admin.get("tasks/" + task.get("id").asLong()).json("completions");
        completions.forEach(c -> assertEquals(me, c.get("completed_by").asLong()));
        // the file's authors kept beside the importer, in the API and in the export
        assertEquals(99999, completions.get(0).at("/original_author/id").asLong());
        assertTrue(completions.get(1).at("/original_author/email").asText().endsWith("@elsewhere.org"));
        assertEquals(99999, export(project, "").at("/0/annotations/0/original_author/id").asLong());

        Reply created = admin.post("projects/" + project + "/import?unknown_authors=create", foreign);
        assertEquals(created.raw(), 201, created.status());
        Reply users = admin.get("users?page_size=1000");
        List<JsonNode> made = new ArrayList<>();
        users.json("users").forEach(u -> {
            if (u.get("email").asText().endsWith(".invalid") || u.get("email").asText().contains("@elsewhere.org")) {
                made.add(u);
            }
        });
        assertEquals(users.raw(), 2, made.size());
        made.forEach(u -> assertFalse("made inactive", u.get("active").asBoolean()));
        assertEquals(400, admin.post("projects/" + project + "/import?unknown_authors=maybe", foreign).status());
    }

    @Test
    public void aLenientImportKeepsWhatDoesNotFitAndSaysSo() {
        long project = project("Lenient");
        String messy = "[{\"data\":{\"text\":\"t\",\"text2\":\"u\",\"image\":\"https://example.com/d.jpg\","
                + "\"html\":\"<p/>\",\"items\":[]},\"annotations\":[{\"result\":["
                + "{\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"Meh\"]}},"
                + "{\"from_name\":\"gone\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"X\"]}}]}]}]";
        Reply strict = admin.post("projects/" + project + "/import", messy);
        assertEquals(strict.raw(), 400, strict.status());
        Reply lenient = admin.post("projects/" + project + "/import?strict=false", messy);
        assertEquals(lenient.raw(), 201, lenient.status());
        ArrayNode flagged = (ArrayNode) lenient.json("flagged");
        assertEquals(lenient.raw(), 2, flagged.size());
        assertTrue(flagged.get(0).asText(), flagged.get(0).asText().contains("'Meh' is not a value of 'sentiment'"));
        assertTrue(flagged.get(1).asText(), flagged.get(1).asText().contains("from_name 'gone'"));
        JsonNode kept = export(project, "").at("/0/annotations/0");
        assertEquals(parse(messy).at("/0/annotations/0/result"), kept.get("result"));
        assertTrue(kept.get("flagged").asText(), kept.get("flagged").asText().contains("'Meh' is not a value"));
        long task = admin.get("projects/" + project + "/tasks?page_size=1").json("tasks").get(0).get("id").asLong();
        assertTrue(admin.get("tasks/" + task).json("completions").get(0).get("flagged").asText()
                .contains("from_name 'gone'"));
        assertFalse("a strict import's answer has no flagged", admin.post("projects/" + project + "/import",
                "[{\"text\":\"t\",\"text2\":\"u\",\"image\":\"https://example.com/e.jpg\",\"html\":\"<p/>\","
                        + "\"items\":[]}]").body().has("flagged"));
    }

    @Test
    public void labelStudiosColumnNamesFilterAndOrder() {
        long project = project("Columns");
        assertEquals(201, admin.post("projects/" + project + "/import", labelStudioFile()).status());
        ObjectNode filter = (ObjectNode) parse("{\"conjunction\":\"and\",\"items\":[{\"filter\":"
                + "\"filter:tasks:total_annotations\",\"operator\":\"greater\",\"type\":\"Number\",\"value\":0},"
                + "{\"filter\":\"filter:tasks:annotations_results\",\"operator\":\"contains\",\"type\":\"List\","
                + "\"value\":\"Car\"}]}");
        Reply found = admin.get("projects/" + project + "/tasks/found?filters="
                + java.net.URLEncoder.encode(filter.toString(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(found.raw(), 200, found.status());
        assertEquals(1, found.json("tasks").asInt());
        Reply ordered = admin.get("projects/" + project + "/tasks?ordering=-cancelled_annotations");
        assertEquals(ordered.raw(), 200, ordered.status());
        assertEquals(1, ordered.json("tasks").get(0).get("skipped").asInt());
        assertEquals(0, ordered.json("tasks").get(1).get("skipped").asInt());
        assertEquals(200, admin.get("projects/" + project + "/tasks?ordering=-predictions_score,total_predictions")
                .status());
    }
}
