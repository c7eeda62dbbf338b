package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * The example plugin (bundles/io.labelhub.dm.example.plugin) hot-installed into the running distribution in the
 * three ways the integrator's guide in README.md shows (a bundle install, a feature, the deploy folder), used over
 * HTTP and uninstalled again: its JSON Lines format and its reset_skipped action come with the bundle and go with
 * it, the tasks it imported stay.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginIT {

    /** The built plugin jar; set by itests/pom.xml, passed on to the container. */
    static final String PLUGIN_JAR_PROPERTY = "labelhub.plugin.jar";
    private static final String SYMBOLIC_NAME = "io.labelhub.dm.example.plugin";
    private static final String ACTION = "reset_skipped";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Readiness READINESS = new Readiness();
    /**
     * feature:install -r: without it every feature change here makes Karaf refresh javax.persistence, which stops
     * and starts the storage bundle and the JPA stack under running requests.
     */
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(
            FeaturesService.Option.NoAutoRefreshBundles);

    @Inject
    private BundleContext context;

    private KarafFeatures features;

    private Api admin;

    @Configuration
    public Option[] config() {
        String jar = System.getProperty(PLUGIN_JAR_PROPERTY);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("no plugin jar at " + jar
                    + ": build it first (mvn install -pl bundles/io.labelhub.dm.example.plugin)");
        }
        return OptionUtils.combine(DistributionOptions.options(), editConfigurationFilePut("etc/system.properties",
                PLUGIN_JAR_PROPERTY, new File(jar).getAbsolutePath()));
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "import-formats");
        features = new KarafFeatures(context);
    }

    private static Path pluginJar() {
        return Path.of(System.getProperty(PLUGIN_JAR_PROPERTY));
    }

    private long project(String title) {
        Reply created = admin.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    /** The import formats as GET /api/import-formats lists them, by name. */
    private Map<String, JsonNode> importFormats() {
        Reply listed = admin.get("import-formats");
        assertEquals(listed.raw(), 200, listed.status());
        Map<String, JsonNode> formats = new HashMap<>();
        listed.json("formats").forEach(f -> formats.put(f.get("name").asText(), f));
        return formats;
    }

    /** The actions of a project as GET /api/projects/{id}/actions lists them: name → title. */
    private Map<String, String> actions(long project) {
        Reply listed = admin.get("projects/" + project + "/actions");
        assertEquals(listed.raw(), 200, listed.status());
        Map<String, String> actions = new HashMap<>();
        listed.body().forEach(a -> actions.put(a.get("name").asText(), a.get("title").asText()));
        return actions;
    }

    /**
     * Records which bundles stop from now on: installing or uninstalling a plugin must not restart any part of the
     * server (a refresh would restart storage under running requests).
     */
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

    private boolean pluginServes(long project) {
        return importFormats().containsKey("jsonl") && actions(project).containsKey(ACTION);
    }

    private boolean pluginGone(long project) {
        return !importFormats().containsKey("jsonl") && !actions(project).containsKey(ACTION);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> files(Object... nameThenBytes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            files.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return files;
    }

    /** The project's tasks over HTTP: text → task id. */
    private Map<String, Long> taskIds(long project) {
        Reply page = admin.get("projects/" + project + "/tasks?page_size=100");
        assertEquals(page.raw(), 200, page.status());
        Map<String, Long> ids = new HashMap<>();
        page.json("tasks").forEach(t -> ids.put(t.get("data").get("text").asText(), t.get("id").asLong()));
        return ids;
    }

    /** A task's completions as "Cat" (the choice) or "skip", in order. */
    private List<String> completions(long task) {
        Reply read = admin.get("tasks/" + task);
        assertEquals(read.raw(), 200, read.status());
        List<String> completions = new ArrayList<>();
        read.json("completions").forEach(c -> completions.add(c.get("was_cancelled").asBoolean() ? "skip"
                : c.get("result").get(0).get("value").get("choices").get(0).asText()));
        assertEquals(read.raw(), completions.stream().filter(c -> !c.equals("skip")).count(),
                read.json("total_completions").asInt());
        assertEquals(read.raw(), completions.stream().filter(c -> c.equals("skip")).count(),
                read.json("cancelled_completions").asInt());
        return completions;
    }

    /** tasks, completions (not skipped), skipped, predictions of the whole project. */
    private List<Integer> totals(long project) {
        JsonNode found = admin.get("projects/" + project + "/tasks/found").body();
        return List.of(found.get("tasks").asInt(), found.get("completions").asInt(), found.get("skipped").asInt(),
                found.get("predictions").asInt());
    }

    private static final String TASKS_JSONL = String.join("\n",
            "{\"data\": {\"text\": \"skipped twice\"}, \"annotations\": [{\"result\": [], \"was_cancelled\": true},"
                    + " {\"result\": [], \"was_cancelled\": true}]}",
            "{\"text\": \"never labeled\"}",
            "",
            "{\"data\": {\"text\": \"labeled and skipped\"}, \"completions\": [{\"result\": [" + Api.choice("Cat")
                    + "]}, {\"result\": [], \"was_cancelled\": true}], \"predictions\": [{\"result\": ["
                    + Api.choice("Dog") + "], \"score\": 0.8}]}",
            "{\"data\": {\"text\": \"skipped once\"}, \"completions\": [{\"result\": [], \"was_cancelled\": true}]}")
            + "\n";

    @Test
    public void thePluginIsHotInstalledUsedAndUninstalledWhileItsTasksStay() throws Exception {
        long project = project("Plugin");
        assertFalse("jsonl before the plugin is installed", importFormats().containsKey("jsonl"));
        assertFalse("reset_skipped before the plugin is installed", actions(project).containsKey(ACTION));
        assertEquals(415, admin.upload("projects/" + project + "/import",
                files("early.jsonl", utf8("{\"text\": \"too early\"}\n"))).status());

        try (Stops stops = new Stops()) {
            Bundle plugin = context.installBundle(pluginJar().toUri().toString());
            try {
                plugin.start();
                assertEquals(SYMBOLIC_NAME, plugin.getSymbolicName());
                await().atMost(WAIT).ignoreExceptions().until(() -> pluginServes(project));

                JsonNode jsonl = importFormats().get("jsonl");
                assertEquals(jsonl.toString(), "[\"jsonl\",\"ndjson\"]", jsonl.get("extensions").toString());
                assertEquals(jsonl.toString(), "[\"jsonl\",\"ndjson\"]", jsonl.get("active").toString());
                assertFalse(jsonl.get("archive").asBoolean());
                assertFalse(actions(project).get(ACTION).isBlank());

                importsLineByLineAndAllOrNothing(project);
                offersASampleFileThatImports();
                resetsOnlyTasksThatWereOnlySkipped(project);
            } finally {
                plugin.uninstall();
            }

            await().atMost(WAIT).ignoreExceptions().until(() -> pluginGone(project));
            stops.assertNone();
        }
        Reply refused = admin.upload("projects/" + project + "/import",
                files("late.jsonl", utf8("{\"text\": \"too late\"}\n")));
        assertEquals(refused.raw(), 415, refused.status());
        assertTrue(refused.raw(), refused.raw().contains("late.jsonl") && !refused.raw().contains("ndjson"));
        Reply unknown = admin.post("projects/" + project + "/actions/" + ACTION, "{\"all\":true}");
        assertEquals(unknown.raw(), 404, unknown.status());

        assertEquals("as before the uninstall", List.of(6, 1, 1, 1), totals(project));
        Map<String, Long> ids = taskIds(project);
        assertEquals(List.of("Cat", "skip"), completions(ids.get("labeled and skipped")));
        assertEquals(1, admin.get("tasks/" + ids.get("labeled and skipped")).json("predictions").size());
        assertEquals("never labeled", admin.get("tasks/" + ids.get("never labeled")).json("data").get("text")
                .asText());
        assertEquals(6, admin.get("projects/" + project).json("task_count").asInt());
    }

    private Set<String> strategies() {
        Reply listed = admin.get("sampling-strategies");
        assertEquals(listed.raw(), 200, listed.status());
        Set<String> names = new java.util.HashSet<>();
        listed.json("strategies").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    /** The task the stream hands the admin in the project, by its text; or the status when it hands none. */
    private String next(long project) {
        Reply next = admin.get("projects/" + project + "/next");
        return next.status() == 200 ? next.body().get("task").get("data").get("text").asText()
                : next.status() + " " + next.raw();
    }

    @Test
    public void aPluginsSamplingStrategyServesTheStreamAndWithoutItTheStreamSaysSo() throws Exception {
        String body = "{\"title\":\"Long first\",\"sampling\":\"longest-text\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}";
        Reply early = admin.post("projects", body);
        assertEquals(early.raw(), 400, early.status());
        assertTrue(early.raw(), early.raw().contains("'longest-text' is not an installed strategy"));
        assertEquals(Set.of("sequential", "uniform", "uncertainty"), strategies());

        long project;
        try (Stops stops = new Stops()) {
            Bundle plugin = context.installBundle(pluginJar().toUri().toString());
            plugin.start();
            await().atMost(WAIT).ignoreExceptions().until(() -> strategies().contains("longest-text"));
            Reply created = admin.post("projects", body);
            assertEquals(created.raw(), 201, created.status());
            project = created.id();
            Reply imported = admin.post("projects/" + project + "/import", "[{\"text\": \"short\"}, "
                    + "{\"text\": \"the longest text of the three\"}, {\"text\": \"middling text\"}]");
            assertEquals(imported.raw(), 201, imported.status());
            assertEquals("the longest text of the three", next(project));

            plugin.uninstall();
            await().atMost(WAIT).ignoreExceptions().until(() -> !strategies().contains("longest-text"));
            String gone = next(project);
            assertTrue(gone, gone.startsWith("409") && gone.contains("'longest-text', which is not installed"));

            plugin = context.installBundle(pluginJar().toUri().toString());
            plugin.start();
            await().atMost(WAIT).ignoreExceptions().until(() -> strategies().contains("longest-text"));
            assertEquals("the same task again: the admin still holds it", "the longest text of the three",
                    next(project));
            plugin.uninstall();
            await().atMost(WAIT).ignoreExceptions().until(() -> !strategies().contains("longest-text"));
            stops.assertNone();
        }
    }

    private void importsLineByLineAndAllOrNothing(long project) {
        Reply imported = admin.upload("projects/" + project + "/import", files(
                "tasks.jsonl", utf8(TASKS_JSONL),
                "more.NDJSON", utf8("{\"text\": \"from ndjson\"}\r\n")));
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(5, imported.json("task_count").asInt());
        assertEquals(5, imported.json("completion_count").asInt());
        assertEquals(1, imported.json("prediction_count").asInt());
        List<String> files = new ArrayList<>();
        imported.json("files").forEach(f -> files.add(f.get("name").asText() + "=" + f.get("format").asText() + ":"
                + f.get("task_count").asInt()));
        assertEquals(List.of("tasks.jsonl=jsonl:4", "more.NDJSON=jsonl:1"), files);

        Map<String, Long> ids = taskIds(project);
        assertEquals(Set.of("skipped twice", "never labeled", "labeled and skipped", "skipped once", "from ndjson"),
                ids.keySet());
        assertEquals(List.of("skip", "skip"), completions(ids.get("skipped twice")));
        assertEquals(List.of("Cat", "skip"), completions(ids.get("labeled and skipped")));
        assertEquals(0.8, admin.get("tasks/" + ids.get("labeled and skipped")).json("predictions").get(0)
                .get("score").asDouble(), 0);
        assertEquals(List.of(), completions(ids.get("never labeled")));

        Reply refused = admin.upload("projects/" + project + "/import", files(
                "good.jsonl", utf8("{\"text\": \"would be fine\"}\n"),
                "bad.jsonl", utf8("{\"text\": \"fine\"}\n{\"text\": \n{\"txt\": \"typo\"}\n[1, 2]\n")));
        assertEquals(refused.raw(), 400, refused.status());
        List<String> problems = new ArrayList<>();
        refused.json("detail").get("problems").forEach(p -> problems.add(p.asText()));
        assertEquals(problems.toString(), 3, refused.json("detail").get("total").asInt());
        assertTrue(problems.toString(), problems.get(0).startsWith("bad.jsonl, line 2: not valid JSON at column "));
        assertTrue(problems.toString(), problems.get(1).startsWith("bad.jsonl, line 3: data.text is missing"));
        assertEquals("bad.jsonl, line 4: a task must be a JSON object", problems.get(2));
        assertEquals(5, admin.get("projects/" + project).json("task_count").asInt());
        assertEquals(ids.keySet(), taskIds(project).keySet());
    }

    private void offersASampleFileThatImports() {
        long project = project("Sample");
        String sample = admin.text("projects/" + project + "/sample-files/jsonl");
        assertEquals(sample, 2, sample.lines().count());
        Reply imported = admin.upload("projects/" + project + "/import", files("sample.jsonl", utf8(sample)));
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(2, imported.json("task_count").asInt());
    }

    private void resetsOnlyTasksThatWereOnlySkipped(long project) {
        Reply added = admin.post("projects/" + project + "/tasks", "{\"data\": {\"text\": \"added by hand\"}, "
                + "\"completions\": [{\"result\": [], \"was_cancelled\": true}]}");
        assertEquals(added.raw(), 201, added.status());
        Map<String, Long> ids = taskIds(project);
        String actions = "projects/" + project + "/actions/" + ACTION;

        Reply listed = admin.post(actions, "{\"all\": false, \"ids\": [" + ids.get("skipped twice") + ", "
                + ids.get("labeled and skipped") + ", " + ids.get("never labeled") + "]}");
        assertEquals(listed.raw(), 200, listed.status());
        assertEquals(ACTION, listed.json("action").asText());
        assertEquals("the two skips of 'skipped twice'", 2, listed.json("affected").asLong());
        assertEquals(List.of(), completions(ids.get("skipped twice")));
        assertEquals(List.of("Cat", "skip"), completions(ids.get("labeled and skipped")));
        assertEquals("not selected", List.of("skip"), completions(ids.get("skipped once")));

        // matches 'skipped once', 'labeled and skipped' and 'added by hand', of which the last is excluded
        Reply filtered = admin.post(actions, "{\"all\": true, \"filters\": {\"conjunction\": \"and\", \"items\": "
                + "[{\"filter\": \"filter:tasks:skipped\", \"operator\": \"greater\", \"type\": \"Number\", "
                + "\"value\": 0}]}, \"excluded\": [" + ids.get("added by hand") + "]}");
        assertEquals(filtered.raw(), 200, filtered.status());
        assertEquals("the skip of 'skipped once'", 1, filtered.json("affected").asLong());
        assertEquals(List.of(), completions(ids.get("skipped once")));
        assertEquals(List.of("Cat", "skip"), completions(ids.get("labeled and skipped")));
        assertEquals("excluded", List.of("skip"), completions(ids.get("added by hand")));

        Reply all = admin.post(actions, "{\"all\": true}");
        assertEquals("the skip of 'added by hand'", 1, all.json("affected").asLong());
        assertEquals(0, admin.post(actions, "{\"all\": true}").json("affected").asLong());
        assertEquals(List.of(6, 1, 1, 1), totals(project));
    }

    /** A feature of its own, as the integrator's guide shows one (with the jar's file: URL for its mvn: URL). */
    @Test
    public void aFeatureInstallsAndRemovesThePlugin() throws Exception {
        long project = project("Feature");
        assertTrue("the plugin is not installed yet", pluginGone(project));
        Path repository = Path.of(System.getProperty("karaf.data"), "tmp", "example-plugin-features.xml");
        Files.createDirectories(repository.getParent());
        Files.writeString(repository, "<features name=\"example-plugin\" "
                + "xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n"
                + "  <feature name=\"example-plugin\" version=\"1.0.0\">\n"
                + "    <feature>labelhub-dm-api</feature>\n"
                + "    <feature>scr</feature>\n"
                + "    <bundle>" + pluginJar().toUri() + "</bundle>\n"
                + "  </feature>\n"
                + "</features>\n");
        features.run(f -> f.addRepository(repository.toUri()));
        try (Stops stops = new Stops()) {
            try {
                features.run(f -> f.installFeature("example-plugin", NO_REFRESH));
                await().atMost(WAIT).ignoreExceptions().until(() -> pluginServes(project));
                Reply imported = admin.upload("projects/" + project + "/import",
                        files("featured.jsonl", utf8("{\"text\": \"one\"}\n")));
                assertEquals(imported.raw(), 201, imported.status());
            } finally {
                if (features.get(f -> f.isInstalled(f.getFeature("example-plugin")))) {
                    features.run(f -> f.uninstallFeature("example-plugin", NO_REFRESH));
                }
                features.run(f -> f.removeRepository(repository.toUri()));
            }
            await().atMost(WAIT).ignoreExceptions().until(() -> pluginGone(project));
            stops.assertNone();
        }
        assertEquals(1, admin.get("projects/" + project).json("task_count").asInt());
    }

    /** The deploy folder works as bundle:install does: drop the jar in, and take it out to uninstall. */
    @Test
    public void theDeployFolderInstallsAndRemovesThePlugin() throws Exception {
        long project = project("Deploy");
        assertTrue("the plugin is not installed yet", pluginGone(project));
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", SYMBOLIC_NAME + ".jar");
        try (Stops stops = new Stops()) {
            Files.copy(pluginJar(), deployed);
            try {
                await().atMost(WAIT).ignoreExceptions().until(() -> pluginServes(project));
                Reply imported = admin.upload("projects/" + project + "/import",
                        files("deployed.ndjson", utf8("{\"text\": \"one\"}\n{\"text\": \"two\"}\n")));
                assertEquals(imported.raw(), 201, imported.status());
                assertEquals(2, imported.json("task_count").asInt());
            } finally {
                Files.delete(deployed);
            }
            await().atMost(WAIT).ignoreExceptions().until(() -> pluginGone(project));
            stops.assertNone();
        }
        assertEquals(2, admin.get("projects/" + project).json("task_count").asInt());
        for (Bundle bundle : context.getBundles()) {
            assertFalse("still installed: " + bundle, SYMBOLIC_NAME.equals(bundle.getSymbolicName()));
        }
    }
}
