package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.labelhub.dm.itests.Api.Reply;

/** Import by upload in every format, all-or-nothing, hostile archives, exports and the round trip, over HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImportExportIT {

    private static final Readiness READINESS = new Readiness();

    @Inject
    private BundleContext context;

    private KarafFeatures features;

    private Api admin;

    /** A low entry limit for this class, so the limit can be hit with a small archive. */
    static final int MAX_ENTRIES = 50;
    /** A low task size limit for this class, so it can be hit without megabytes of upload. */
    static final int MAX_DATA_CHARS = 200_000;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(DistributionOptions.options(), editConfigurationFilePut(
                "etc/io.labelhub.dm.import.cfg", "max.archive.entries", String.valueOf(MAX_ENTRIES)),
                editConfigurationFilePut("etc/io.labelhub.dm.tasks.cfg", "max.data.chars",
                        String.valueOf(MAX_DATA_CHARS)));
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "import-formats");
        features = new KarafFeatures(context);
    }

    private long project() {
        Reply created = admin.post("projects", "{\"title\":\"Import\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private int taskCount(long project) {
        return admin.get("projects/" + project).json("task_count").asInt();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty(DistributionOptions.FIXTURES_PROPERTY), "rar", name));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> files(Object... nameThenBytes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            files.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return files;
    }

    private static List<String> fileNames(Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json("files").forEach(f -> names.add(f.get("name").asText() + "=" + f.get("format").asText() + ":"
                + f.get("task_count").asInt()));
        return names;
    }

    @Test
    public void everyFormatImportsByUpload() throws IOException {
        long project = project();
        Reply reply = admin.upload("projects/" + project + "/import", files(
                "a.csv", utf8("\uFEFFtext,source\r\n\"a, with comma\",web\r\n\"two\r\nlines\",mail\r\n"),
                "b.tsv", utf8("text\tsource\nüñíçødé\tcrawl\n"),
                "c.txt", utf8("first line\n\nsecond line\n"),
                "d.json", utf8("[{\"text\":\"flat\"},{\"data\":{\"text\":\"full\"},\"annotations\":[{\"result\":["
                        + Api.choice("Cat") + "]}],\"predictions\":[{\"result\":[],\"score\":0.5}]}]"),
                "e.rar", fixture("rar5.rar"),
                "f.zip", zip(files("inner/G.CSV", utf8("text\nzipped\n"), "h.txt", utf8("z1\nz2\n"),
                        "notes.md", utf8("# not imported"), "deeper/i.json", utf8("{\"text\":\"one task\"}")))));
        assertEquals(reply.raw(), 201, reply.status());
        assertEquals(13, reply.json("task_count").asInt());
        assertEquals(1, reply.json("completion_count").asInt());
        assertEquals("Label Studio's name for the same count", 1, reply.json("annotation_count").asInt());
        assertEquals(1, reply.json("prediction_count").asInt());
        assertEquals(List.of("a.csv=csv:2", "b.tsv=tsv:1", "c.txt=txt:2", "d.json=json:2", "e.rar/FILE1.TXT=txt:1",
                "e.rar/FILE2.TXT=txt:1", "f.zip/inner/G.CSV=csv:1", "f.zip/h.txt=txt:2",
                "f.zip/deeper/i.json=json:1"), fileNames(reply));
        assertEquals(13, taskCount(project));

        String json = admin.text("projects/" + project + "/export?exportType=JSON&download_all_tasks=true");
        assertTrue(json, json.contains("\"text\":\"two\\r\\nlines\""));
        assertTrue(json, json.contains("\"text\":\"üñíçødé\",\"source\":\"crawl\""));
        assertTrue(json, json.contains("\"text\":\"file1\""));
    }

    @Test
    public void aBadFileInsideAGoodZipLeavesTheProjectUnchanged() throws IOException {
        long project = project();
        admin.post("projects/" + project + "/import", "[{\"text\":\"already there\"}]");
        Reply refused = admin.upload("projects/" + project + "/import", files("batch.zip", zip(files(
                "good.csv", utf8("text\none\ntwo\n"),
                "bad.json", utf8("[{\"text\":\"ok\"},{\"txt\":\"typo\"},{\"data\":{\"text\":\"x\"},\"completions\":"
                        + "[{\"result\":[" + Api.choice("Horse") + "]}]}]"),
                "broken.csv", utf8("text\na,b\n")))));
        assertEquals(refused.raw(), 400, refused.status());
        List<String> problems = new ArrayList<>();
        refused.json("detail").get("problems").forEach(p -> problems.add(p.asText()));
        assertEquals(3, refused.json("detail").get("total").asInt());
        assertTrue(problems.toString(), problems.get(0).startsWith("batch.zip/bad.json, task 2: data.text is missing"));
        assertTrue(problems.toString(), problems.get(1).startsWith("batch.zip/bad.json, task 3: completions[0]."));
        assertTrue(problems.toString(), problems.get(1).contains("'Horse'"));
        assertEquals("batch.zip/broken.csv, line 2: the row has 2 cells but the header has 1", problems.get(2));
        assertEquals(1, taskCount(project));
    }

    @Test
    public void hostileAndUnreadableFilesAreRefusedWithTheirNames() throws IOException {
        long project = project();
        byte[] zeros = new byte[64 * 1024 * 1024];
        Reply bomb = admin.upload("projects/" + project + "/import", files("bomb.zip", zip(files("zeros.txt", zeros))));
        assertEquals(bomb.raw(), 413, bomb.status());
        assertTrue(bomb.raw(), bomb.raw().contains("bomb.zip") && bomb.raw().contains("times its size"));

        Reply encrypted = admin.upload("projects/" + project + "/import",
                files("secret.rar", fixture("password-rar5-password-junrar.rar")));
        assertEquals(400, encrypted.status());
        assertTrue(encrypted.raw(), encrypted.raw().contains("secret.rar: encrypted archives are not supported"));

        Reply corrupt = admin.upload("projects/" + project + "/import",
                files("ok.txt", utf8("fine\n"), "corrupt.rar", fixture("abnormal-corrupt-header.rar")));
        assertEquals(400, corrupt.status());
        assertTrue(corrupt.raw(), corrupt.raw().contains("corrupt.rar: not a readable RAR archive"));

        Reply dictionary = admin.upload("projects/" + project + "/import",
                files("claim.rar", fixture("rar5unpack-m3-1gb-claim.rar")));
        assertEquals(422, dictionary.status());

        Reply unknown = admin.upload("projects/" + project + "/import", files("slides.pdf", utf8("%PDF-1.4")));
        assertEquals(415, unknown.status());
        assertTrue(unknown.raw(), unknown.raw().contains("slides.pdf"));

        Reply notJson = admin.upload("projects/" + project + "/import", files("data.json", utf8("{\"text\": ")));
        assertEquals(400, notJson.status());
        assertTrue(notJson.raw(), notJson.raw().contains("data.json: not valid JSON at line 1"));

        assertEquals(0, taskCount(project));
    }

    @Test
    public void archivesNestOnlySoDeepAndHoldOnlySoManyEntries() throws IOException {
        long project = project();
        byte[] inner = zip(files("deep.txt", utf8("three levels down\n")));
        byte[] threeDeep = zip(files("b.zip", zip(files("c.zip", inner))));
        Reply allowed = admin.upload("projects/" + project + "/import", files("a.zip", threeDeep));
        assertEquals(allowed.raw(), 201, allowed.status());
        assertEquals(List.of("a.zip/b.zip/c.zip/deep.txt=txt:1"), fileNames(allowed));

        Reply tooDeep = admin.upload("projects/" + project + "/import", files("z.zip", zip(files("a.zip", threeDeep))));
        assertEquals(tooDeep.raw(), 422, tooDeep.status());
        assertTrue(tooDeep.raw(), tooDeep.raw().contains("nest at most 3 deep"));

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            many.put("t" + i + ".txt", utf8("line " + i + "\n"));
        }
        Reply tooMany = admin.upload("projects/" + project + "/import", files("many.zip", zip(many)));
        assertEquals(tooMany.raw(), 422, tooMany.status());
        assertTrue(tooMany.raw(), tooMany.raw().contains("at most " + MAX_ENTRIES + " entries"));
        assertEquals(1, taskCount(project));
    }

    @Test
    public void aFullJsonExportImportsAgainWithNothingLost() {
        long first = project();
        Reply imported = admin.post("projects/" + first + "/import", "[{\"data\":{\"text\":\"one\",\"n\":1},"
                + "\"meta\":{\"batch\":\"b7\"},\"completions\":[{\"result\":[" + Api.choice("Cat") + "],"
                + "\"lead_time\":3.25,\"ground_truth\":true,\"created_at\":\"2024-05-01T12:00:00Z\"},"
                + "{\"result\":[],\"was_cancelled\":true}],\"predictions\":[{\"result\":[" + Api.choice("Dog")
                + "],\"score\":0.42,\"model_version\":\"v3\"}]},{\"data\":{\"text\":\"two\"}}]");
        assertEquals(imported.raw(), 201, imported.status());

        String export = admin.text("projects/" + first
                + "/export?exportType=JSON&download_all_tasks=true&include_full_task=true");
        long second = project();
        Reply again = admin.post("projects/" + second + "/import", export);
        assertEquals(again.raw(), 201, again.status());
        assertEquals(2, again.json("task_count").asInt());
        assertEquals(2, again.json("completion_count").asInt());
        String reExport = admin.text("projects/" + second
                + "/export?exportType=JSON&download_all_tasks=true&include_full_task=true");

        assertEquals(comparable(export), comparable(reExport));
        JsonNode completion = comparable(reExport).get(0).get("annotations").get(0);
        assertEquals("2024-05-01T12:00:00Z", completion.get("created_at").asText());
        assertTrue(completion.get("ground_truth").asBoolean());
        assertEquals(3.25, completion.get("lead_time").asDouble(), 0);
        assertEquals(admin.get("current-user").id(), completion.at("/completed_by/id").asLong());
        assertEquals(DistributionOptions.ADMIN_EMAIL, completion.at("/completed_by/email").asText());
    }

    /** The export without what differs by nature between two projects: ids, project. */
    private static ArrayNode comparable(String export) {
        try {
            ArrayNode tasks = (ArrayNode) Api.JSON.readTree(export);
            for (JsonNode task : tasks) {
                ((ObjectNode) task).remove(List.of("id", "project"));
                task.get("annotations").forEach(c -> ((ObjectNode) c).remove(List.of("id", "task")));
                task.get("predictions").forEach(p -> ((ObjectNode) p).remove(List.of("id", "task", "created_at")));
            }
            return tasks;
        } catch (IOException e) {
            throw new AssertionError("export is not JSON: " + export, e);
        }
    }

    @Test
    public void exportsOfferFormatsAndOptions() {
        long project = project();
        admin.post("projects/" + project + "/import", "[{\"data\":{\"text\":\"=HYPERLINK(\\\"http://evil\\\")\"},"
                + "\"completions\":[{\"result\":[" + Api.choice("Cat") + "],\"ground_truth\":true}]},"
                + "{\"data\":{\"text\":\"+plain\"},\"completions\":[{\"result\":[" + Api.choice("Dog") + "]}]},"
                + "{\"data\":{\"text\":\"never labeled\"}}]");
        List<String> types = new ArrayList<>();
        admin.get("export-formats").json("formats").forEach(f -> types.add(f.get("name").asText()));
        assertEquals(List.of("CSV", "JSON", "JSON_MIN", "TSV"), types);

        String csv = admin.text("projects/" + project + "/export?exportType=CSV");
        String[] lines = csv.split("\r\n");
        assertEquals("id,text,label,annotator,annotation_id,created_at,updated_at,lead_time,ground_truth", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(csv, lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")\",Cat," + DistributionOptions.ADMIN_EMAIL));
        assertTrue(csv, lines[1].endsWith(",true"));
        assertTrue(csv, lines[2].contains(",'+plain,Dog,") && lines[2].endsWith(",false"));

        assertEquals(3, admin.text("projects/" + project + "/export?exportType=TSV&download_all_tasks=true")
                .split("\r\n").length - 1);
        String groundTruth = admin.text("projects/" + project + "/export?exportType=JSON_MIN&only_ground_truth=true");
        assertTrue(groundTruth, groundTruth.contains("\"label\":\"Cat\"") && !groundTruth.contains("Dog"));

        Reply page = admin.get("projects/" + project + "/tasks?page_size=10");
        long secondId = page.json("tasks").get(1).get("id").asLong();
        String one = admin.text("projects/" + project + "/export?exportType=JSON&download_all_tasks=true&ids="
                + secondId);
        assertTrue(one, one.contains("+plain") && !one.contains("HYPERLINK"));

        Reply unknown = admin.get("projects/" + project + "/export?exportType=XLSX");
        assertEquals(400, unknown.status());
        assertTrue(unknown.raw(), unknown.raw().contains("CSV, JSON, JSON_MIN, TSV"));
        assertEquals(400, admin.get("projects/" + project + "/export?ids=1,x").status());
        assertEquals(404, admin.get("projects/999999/export").status());
    }

    @Test
    public void sampleFilesImportAndTheSampleTaskIsOneClick() {
        long project = project();
        for (String format : List.of("json", "csv", "tsv", "txt")) {
            String sample = admin.text("projects/" + project + "/sample-files/" + format);
            Reply imported = admin.upload("projects/" + project + "/import", files("sample." + format, utf8(sample)));
            assertEquals(format + ": " + imported.raw(), 201, imported.status());
        }
        Reply task = admin.post("projects/" + project + "/sample-task", "");
        assertEquals(task.raw(), 201, task.status());
        assertTrue(task.json("data").get("text").asText().length() > 10);
        assertEquals(400, admin.get("projects/" + project + "/sample-files/xml").status());
    }

    @Test
    public void theRarFeatureCanBeUninstalledAndInstalledWhileRunning() throws Exception {
        long project = project();
        String rar = "labelhub-dm-rar";
        assertTrue(admin.get("import-formats").raw().contains("\"rar\""));

        // Karaf may refresh the JPA bundles with it (javax.persistence exports org.osgi.service.jpa itself and is
        // rewired to Aries JPA's): the API answers 503 "starting" meanwhile, so wait for a real answer
        features.run(f -> f.uninstallFeature(rar, EnumSet.noneOf(FeaturesService.Option.class)));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            Reply formats = admin.get("import-formats");
            return formats.status() == 200 && !formats.raw().contains("\"rar\"");
        });
        Reply refused = admin.upload("projects/" + project + "/import", files("a.rar", fixture("rar4.rar")));
        assertEquals(refused.raw(), 415, refused.status());
        assertFalse(refused.raw().contains("rar,"));

        features.run(f -> f.installFeature(rar, EnumSet.noneOf(FeaturesService.Option.class)));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            Reply formats = admin.get("import-formats");
            return formats.status() == 200 && formats.raw().contains("\"rar\"") && admin.get("projects/" + project)
                    .status() == 200;
        });
        Reply imported = admin.upload("projects/" + project + "/import", files("a.rar", fixture("rar4.rar")));
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(2, imported.json("task_count").asInt());
    }

    @Test
    public void aTaskOverTheSizeLimitIsRefusedAtEveryDoorAndWhatIsStoredGoesOutAndInAgain() {
        long project = project();
        String poison = "p".repeat(MAX_DATA_CHARS + 1);
        for (Map.Entry<String, String> file : Map.of("big.csv", "text\r\nfine\r\n" + poison + "\r\n",
                "big.tsv", "text\nfine\n" + poison + "\n", "big.txt", "fine\n" + poison + "\n",
                "big.json", "[{\"text\": \"fine\"}, {\"text\": \"" + poison + "\"}]").entrySet()) {
            Reply refused = admin.upload("projects/" + project + "/import", files(file.getKey(),
                    utf8(file.getValue())));
            assertEquals(file.getKey() + ": " + refused.status(), 400, refused.status());
            assertTrue(refused.raw().substring(0, Math.min(500, refused.raw().length())),
                    refused.raw().contains(file.getKey()) && refused.raw().contains("data holds more than "
                            + MAX_DATA_CHARS + " characters"));
        }
        Reply api = admin.post("projects/" + project + "/tasks", "{\"data\": {\"text\": \"" + poison + "\"}}");
        assertEquals(400, api.status());
        assertEquals("all or nothing: the good rows of the refused files are not there either", 0, taskCount(project));

        String large = "l".repeat(MAX_DATA_CHARS - 10);
        Reply stored = admin.post("projects/" + project + "/tasks", "{\"data\": {\"text\": \"" + large + "\"}}");
        assertEquals(201, stored.status());
        Reply patched = admin.patch("tasks/" + stored.id(), "{\"data\": {\"text\": \"" + poison + "\"}}");
        assertEquals(400, patched.status());
        String export = admin.text("projects/" + project
                + "/export?exportType=JSON&download_all_tasks=true&include_full_task=true");
        assertTrue(export.contains(large));
        long copy = project();
        Reply again = admin.upload("projects/" + copy + "/import", files("again.json", utf8(export)));
        assertEquals(again.raw().substring(0, Math.min(500, again.raw().length())), 201, again.status());
        assertEquals(1, taskCount(copy));
        assertTrue(admin.text("projects/" + copy + "/export?exportType=CSV&download_all_tasks=true")
                .contains(large));
    }

    @Test
    public void anUploadCutShortBeforeItsClosingBoundaryImportsNothing() {
        long project = project();
        String boundary = "----cut" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ntext\nrow1\nrow2\nro";
        Reply cut = admin.postRaw("projects/" + project + "/import", "multipart/form-data; boundary=" + boundary, head);
        assertEquals(cut.raw(), 400, cut.status());
        assertTrue(cut.raw(), cut.raw().contains("closing boundary"));
        assertEquals(0, taskCount(project));
        Reply whole = admin.postRaw("projects/" + project + "/import", "multipart/form-data; boundary=" + boundary,
                head + "w3\r\n--" + boundary + "--\r\n");
        assertEquals(whole.raw(), 201, whole.status());
        assertEquals(3, taskCount(project));
    }
}
