package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.inject.Inject;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * The dataset export formats (bundle io.labelhub.dm.formats.datasets, feature labelhub-dm-formats-datasets): the
 * distribution carries them and does not boot them, so {@code /api/export-formats} lists COCO, YOLO, VOC and
 * CONLL2003 only after an admin installs the feature; then each exports a small project over HTTP, with the
 * numbers worked out by hand, and after an uninstall they are gone again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatasetFormatsIT {

    private static final String FEATURE = "labelhub-dm-formats-datasets";
    private static final String SYMBOLIC_NAME = "io.labelhub.dm.formats.datasets";
    private static final Set<String> FORMATS = Set.of("COCO", "YOLO", "VOC", "CONLL2003");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Readiness READINESS = new Readiness();
    /** feature:install -r, as README says: no refresh of javax.persistence under running requests. */
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(
            FeaturesService.Option.NoAutoRefreshBundles);

    private static final String IMAGE_CONFIG = "<View><Image name=\"image\" value=\"$image\"/>"
            + "<RectangleLabels name=\"box\" toName=\"image\"><Label value=\"Dog\"/><Label value=\"Car\"/>"
            + "</RectangleLabels><PolygonLabels name=\"poly\" toName=\"image\"><Label value=\"Road\"/>"
            + "</PolygonLabels></View>";
    private static final String NER_CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Labels name=\"ner\" toName=\"text\"><Label value=\"PER\"/><Label value=\"LOC\"/></Labels></View>";

    /**
     * street.jpg (800 × 600 px): a Car box x 10 y 20 w 25 h 50 % and a Road triangle (0, 50) (50, 100) (100, 50) %;
     * dog.png (640 × 480 px): a Dog box x 50 y 50 w 50 h 25 %; unlabeled.jpg: no completion.
     */
    private static final String IMAGE_TASKS = "["
            + "{\"data\": {\"image\": \"https://example.com/img/street.jpg\"}, \"annotations\": [{\"result\": ["
            + region("box", "rectanglelabels", 800, 600, "\"x\": 10, \"y\": 20, \"width\": 25, \"height\": 50, "
                    + "\"rotation\": 0, \"rectanglelabels\": [\"Car\"]")
            + ", " + region("poly", "polygonlabels", 800, 600,
                    "\"points\": [[0, 50], [50, 100], [100, 50]], \"polygonlabels\": [\"Road\"]")
            + "]}]}, "
            + "{\"data\": {\"image\": \"https://example.com/img/dog.png?size=large\"}, "
            + "\"annotations\": [{\"result\": ["
            + region("box", "rectanglelabels", 640, 480, "\"x\": 50, \"y\": 50, \"width\": 50, \"height\": 25, "
                    + "\"rotation\": 0, \"rectanglelabels\": [\"Dog\"]")
            + "]}]}, "
            + "{\"data\": {\"image\": \"https://example.com/img/unlabeled.jpg\"}}]";

    //                                         0         1         2
    //                                         0123456789012345678901234567
    private static final String SENTENCE = "Angela Merkel visited Paris.";
    private static final String NER_TASKS = "[{\"data\": {\"text\": \"" + SENTENCE + "\"}, "
            + "\"annotations\": [{\"result\": [" + span(0, 13, "Angela Merkel", "PER") + ", "
            + span(22, 27, "Paris", "LOC") + "]}]}]";

    @Inject
    private BundleContext context;

    private KarafFeatures features;

    private Api admin;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "export-formats");
        features = new KarafFeatures(context);
    }

    private static String span(int start, int end, String text, String label) {
        return "{\"from_name\": \"ner\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": " + start
                + ", \"end\": " + end + ", \"text\": \"" + text + "\", \"labels\": [\"" + label + "\"]}}";
    }

    private static String region(String from, String type, int width, int height, String value) {
        return "{\"from_name\": \"" + from + "\", \"to_name\": \"image\", \"type\": \"" + type + "\", "
                + "\"original_width\": " + width + ", \"original_height\": " + height + ", \"value\": {" + value + "}}";
    }

    private long project(String title, String config, String tasks) {
        Reply created = admin.post("projects", "{\"title\": \"" + title + "\", \"label_config\": "
                + Api.JSON.valueToTree(config) + "}");
        assertEquals(created.raw(), 201, created.status());
        Reply imported = admin.post("projects/" + created.id() + "/import", tasks);
        assertEquals(imported.raw(), 201, imported.status());
        return created.id();
    }

    private Set<String> exportFormats() {
        Reply listed = admin.get("export-formats");
        assertEquals(listed.raw(), 200, listed.status());
        Set<String> names = new java.util.HashSet<>();
        listed.json("formats").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    private Reply export(long project, String type) {
        return admin.get("projects/" + project + "/export?exportType=" + type + "&download_all_tasks=true");
    }

    /** The project's tasks: the last part of the image URL's path → task id. */
    private Map<String, Long> imageTasks(long project) {
        Reply page = admin.get("projects/" + project + "/tasks?page_size=100");
        assertEquals(page.raw(), 200, page.status());
        Map<String, Long> ids = new HashMap<>();
        page.json("tasks").forEach(t -> ids.put(t.get("data").get("image").asText().replaceAll("^.*/|\\?.*$", ""),
                t.get("id").asLong()));
        return ids;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** Records which bundles of the server stop meanwhile: installing a format must not restart any of them. */
    private final class Stops implements SynchronousBundleListener, AutoCloseable {
        private final List<String> stopped = new CopyOnWriteArrayList<>();

        Stops() {
            context.addBundleListener(this);
        }

        @Override
        public void bundleChanged(BundleEvent event) {
            String name = event.getBundle().getSymbolicName();
            if (event.getType() == BundleEvent.STOPPED && !SYMBOLIC_NAME.equals(name)) {
                stopped.add(name);
            }
        }

        void assertNone() {
            assertEquals("bundles of the server that stopped", List.of(), stopped);
        }

        @Override
        public void close() {
            context.removeBundleListener(this);
        }
    }

    @Test
    public void theFormatsAreOfferedOnlyWhileTheirFeatureIsInstalled() throws Exception {
        Path jar = Path.of(System.getProperty("karaf.home"), "system", "io", "labelhub", "dm", SYMBOLIC_NAME,
                "0.1.0-SNAPSHOT", SYMBOLIC_NAME + "-0.1.0-SNAPSHOT.jar");
        assertTrue("the distribution carries the bundle: " + jar, Files.isRegularFile(jar));
        Feature feature = features.get(f -> f.getFeature(FEATURE));
        assertNotNull("the distribution knows the feature", feature);
        assertFalse("not installed at boot", features.get(f -> f.isInstalled(feature)));

        Set<String> before = exportFormats();
        assertTrue(before.toString(), before.containsAll(Set.of("JSON", "JSON_MIN", "CSV", "TSV")));
        assertEquals(Set.of(), intersection(before, FORMATS));
        long images = project("Street scenes", IMAGE_CONFIG, IMAGE_TASKS);
        long sentences = project("Entities", NER_CONFIG, NER_TASKS);
        Reply early = export(images, "COCO");
        assertEquals(early.raw(), 400, early.status());
        assertTrue(early.raw(), early.raw().contains("exportType 'COCO' is not installed"));

        try (Stops stops = new Stops()) {
            features.run(f -> f.installFeature(FEATURE, NO_REFRESH));
            try {
                await().atMost(WAIT).ignoreExceptions().until(() -> exportFormats().containsAll(FORMATS));
                Map<String, Long> ids = imageTasks(images);
                exportsCoco(images, ids);
                exportsYolo(images);
                exportsVoc(images);
                exportsConll(sentences);
                refusesAProjectItDoesNotFit(sentences, images);
            } finally {
                features.run(f -> f.uninstallFeature(FEATURE, NO_REFRESH));
            }
            await().atMost(WAIT).ignoreExceptions().until(() -> intersection(exportFormats(), FORMATS).isEmpty());
            stops.assertNone();
        }
        Reply late = export(images, "YOLO");
        assertEquals(late.raw(), 400, late.status());
        assertEquals(exportFormats().toString(), before, exportFormats());
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new java.util.HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private void exportsCoco(long project, Map<String, Long> ids) throws IOException {
        Api.Download download = admin.download("projects/" + project + "/export?exportType=COCO"
                + "&download_all_tasks=true");
        assertTrue(download.fileName(), download.fileName().matches("project-\\d+-at-.*\\.json"));
        JsonNode coco = Api.JSON.readTree(download.bytes());
        long street = ids.get("street.jpg");
        long dog = ids.get("dog.png");
        assertEquals("the unlabeled task is left out", Api.JSON.readTree("["
                + "{\"id\": " + street + ", \"file_name\": \"street.jpg\", "
                + "\"coco_url\": \"https://example.com/img/street.jpg\", \"width\": 800, \"height\": 600}, "
                + "{\"id\": " + dog + ", \"file_name\": \"dog.png\", "
                + "\"coco_url\": \"https://example.com/img/dog.png?size=large\", \"width\": 640, \"height\": 480}]"),
                coco.get("images"));
        // classes sorted by name: Car 0, Dog 1, Road 2
        assertEquals(Api.JSON.readTree("[{\"id\": 0, \"name\": \"Car\"}, {\"id\": 1, \"name\": \"Dog\"}, "
                + "{\"id\": 2, \"name\": \"Road\"}]"), coco.get("categories"));
        assertEquals(Api.JSON.readTree("["
                // 10, 20, 25 × 50 % of 800 × 600 px
                + "{\"id\": 1, \"image_id\": " + street + ", \"category_id\": 0, \"segmentation\": [], "
                + "\"bbox\": [80, 120, 200, 300], \"area\": 60000, \"iscrowd\": 0, \"ignore\": 0}, "
                // (0, 300) (400, 600) (800, 300) px: base 800, height 300
                + "{\"id\": 2, \"image_id\": " + street + ", \"category_id\": 2, "
                + "\"segmentation\": [[0, 300, 400, 600, 800, 300]], \"bbox\": [0, 300, 800, 300], \"area\": 120000, "
                + "\"iscrowd\": 0, \"ignore\": 0}, "
                // 50, 50, 50 × 25 % of 640 × 480 px
                + "{\"id\": 3, \"image_id\": " + dog + ", \"category_id\": 1, \"segmentation\": [], "
                + "\"bbox\": [320, 240, 320, 120], \"area\": 38400, \"iscrowd\": 0, \"ignore\": 0}]"),
                coco.get("annotations"));
        assertEquals("[]", coco.get("skipped").toString());
    }

    private void exportsYolo(long project) throws IOException {
        Api.Download download = admin.download("projects/" + project + "/export?exportType=YOLO"
                + "&download_all_tasks=true");
        assertTrue(download.fileName(), download.fileName().endsWith(".zip"));
        assertTrue(download.contentType(), download.contentType().startsWith("application/zip"));
        Map<String, String> zip = unzip(download.bytes());
        assertEquals(List.of("labels/street.txt", "labels/dog.txt", "classes.txt"), List.copyOf(zip.keySet()));
        // the Car's centre (10 + 12.5, 20 + 25) %, the Road's points as they are, from 0 to 1
        assertEquals("0 0.225 0.45 0.25 0.5\n2 0 0.5 0.5 1 1 0.5\n", zip.get("labels/street.txt"));
        // the Dog's centre (50 + 25, 50 + 12.5) %
        assertEquals("1 0.75 0.625 0.5 0.25\n", zip.get("labels/dog.txt"));
        assertEquals("Car\nDog\nRoad\n", zip.get("classes.txt"));
    }

    private void exportsVoc(long project) throws IOException {
        Map<String, String> zip = unzip(admin.download("projects/" + project + "/export?exportType=VOC"
                + "&download_all_tasks=true").bytes());
        assertEquals(List.of("Annotations/street.xml", "Annotations/dog.xml"), List.copyOf(zip.keySet()));
        String street = zip.get("Annotations/street.xml");
        assertTrue(street, street.contains("<filename>street.jpg</filename>"));
        assertTrue(street, street.contains("<width>800</width>\n    <height>600</height>"));
        assertTrue(street, street.contains("<name>Car</name>"));
        assertTrue(street, street.contains("<xmin>80</xmin>\n      <ymin>120</ymin>\n      <xmax>280</xmax>\n"
                + "      <ymax>420</ymax>"));
        // the triangle's upright box
        assertTrue(street, street.contains("<xmin>0</xmin>\n      <ymin>300</ymin>\n      <xmax>800</xmax>\n"
                + "      <ymax>600</ymax>"));
        String dog = zip.get("Annotations/dog.xml");
        assertTrue(dog, dog.contains("<name>Dog</name>"));
        assertTrue(dog, dog.contains("<xmin>320</xmin>\n      <ymin>240</ymin>\n      <xmax>640</xmax>\n"
                + "      <ymax>360</ymax>"));
    }

    private void exportsConll(long project) {
        Api.Download download = admin.download("projects/" + project + "/export?exportType=CONLL2003");
        assertTrue(download.fileName(), download.fileName().endsWith(".conll"));
        assertEquals("""
                -DOCSTART- -X- -X- O

                Angela -X- _ B-PER
                Merkel -X- _ I-PER
                visited -X- _ O
                Paris -X- _ B-LOC
                . -X- _ O

                """, new String(download.bytes(), StandardCharsets.UTF_8));
    }

    private void refusesAProjectItDoesNotFit(long sentences, long images) {
        Reply coco = export(sentences, "COCO");
        assertEquals(coco.raw(), 422, coco.status());
        assertTrue(coco.raw(), coco.raw().contains("COCO writes labeled boxes and polygons on an image"));
        Reply conll = export(images, "CONLL2003");
        assertEquals(conll.raw(), 422, conll.status());
        assertTrue(conll.raw(), conll.raw().contains("no <Labels> of this project's labeling config labels a <Text>"));
    }
}
