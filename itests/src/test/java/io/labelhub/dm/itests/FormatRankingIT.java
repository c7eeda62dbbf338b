package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.itests.Api.Reply;

/**
 * The rule that decides between two import formats claiming one file extension (Extension.PRECEDENCE): the higher
 * service.ranking, then the lower service.id. A rival of the built-in json format is registered from inside the
 * container after it (so with a higher service.id), at rankings that make each wrong rule fail somewhere: "first
 * registered wins" loses at ranking 10, "last registered wins" at rankings 0 and -1.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FormatRankingIT {

    private static final String RIVAL = "json-alt";
    private static final String RIVAL_TEXT = "<from json-alt>";
    private static final String FILE_TEXT = "from the file";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Readiness READINESS = new Readiness();

    @Inject
    private BundleContext context;

    private Api admin;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "import-formats");
    }

    /** Claims .json as the built-in format does; reads any file into one task whose text says who read it. */
    static final class JsonAlt implements ImportFormat {

        @Override
        public Set<String> extensions() {
            return Set.of("json");
        }

        @Override
        public void read(InputStream in, ImportContext context, ImportSink sink) throws IOException {
            in.transferTo(OutputStream.nullOutputStream());
            sink.task(1, new NewTask(Map.of("text", RIVAL_TEXT), null, List.of(), List.of()));
        }
    }

    private ServiceRegistration<ImportFormat> register(int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ImportFormat.FORMAT_PROPERTY, RIVAL);
        properties.put(Constants.SERVICE_RANKING, ranking);
        ServiceRegistration<ImportFormat> registration = context.registerService(ImportFormat.class, new JsonAlt(),
                properties);
        await().atMost(WAIT).ignoreExceptions().until(() -> formats().containsKey(RIVAL)
                && formats().get(RIVAL).get("ranking").asInt() == ranking);
        return registration;
    }

    private Map<String, JsonNode> formats() {
        Reply listed = admin.get("import-formats");
        assertEquals(listed.raw(), 200, listed.status());
        Map<String, JsonNode> formats = new HashMap<>();
        listed.json("formats").forEach(f -> formats.put(f.get("name").asText(), f));
        return formats;
    }

    /** "extensions / active / ranking" of a listed format. */
    private static String listed(JsonNode format) {
        return format.get("extensions") + " / " + format.get("active") + " / " + format.get("ranking").asInt();
    }

    private long project() {
        Reply created = admin.post("projects", "{\"title\":\"Ranking\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    /** Imports a .json file into a new project; answers "format: text of the task stored". */
    private String importJsonFile() {
        long project = project();
        Reply imported = admin.upload("projects/" + project + "/import", Map.of("tasks.json",
                ("[{\"text\": \"" + FILE_TEXT + "\"}]").getBytes(StandardCharsets.UTF_8)));
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(imported.raw(), 1, imported.json("task_count").asInt());
        JsonNode tasks = admin.get("projects/" + project + "/tasks").json("tasks");
        assertEquals(tasks.toString(), 1, tasks.size());
        return imported.json("files").get(0).get("format").asText() + ": "
                + tasks.get(0).get("data").get("text").asText();
    }

    /** Imports a JSON request body into a new project, which the format serving .json reads too. */
    private String importJsonBody() {
        long project = project();
        Reply imported = admin.post("projects/" + project + "/import", "[{\"text\": \"" + FILE_TEXT + "\"}]");
        assertEquals(imported.raw(), 201, imported.status());
        return imported.json("files").get(0).get("format").asText() + ": "
                + admin.get("projects/" + project + "/tasks").json("tasks").get(0).get("data").get("text").asText();
    }

    @Test
    public void theHigherRankingServesAnExtensionThenTheLowerServiceId() {
        Map<String, JsonNode> builtIn = formats();
        assertFalse(builtIn.containsKey(RIVAL));
        assertEquals("[\"json\"] / [\"json\"] / 0", listed(builtIn.get("json")));
        assertEquals("json: " + FILE_TEXT, importJsonFile());

        ServiceRegistration<ImportFormat> higher = register(10);
        Map<String, JsonNode> formats = formats();
        assertEquals("[\"json\"] / [\"json\"] / 10", listed(formats.get(RIVAL)));
        assertEquals("[\"json\"] / [] / 0", listed(formats.get("json")));
        assertEquals(RIVAL + ": " + RIVAL_TEXT, importJsonFile());
        assertEquals(RIVAL + ": " + RIVAL_TEXT, importJsonBody());
        higher.unregister();

        // equal rankings: the built-in was registered first, so its service.id is lower
        ServiceRegistration<ImportFormat> equal = register(0);
        formats = formats();
        assertEquals("[\"json\"] / [] / 0", listed(formats.get(RIVAL)));
        assertEquals("[\"json\"] / [\"json\"] / 0", listed(formats.get("json")));
        assertEquals("json: " + FILE_TEXT, importJsonFile());
        equal.unregister();

        ServiceRegistration<ImportFormat> lower = register(-1);
        formats = formats();
        assertEquals("[\"json\"] / [] / -1", listed(formats.get(RIVAL)));
        assertEquals("[\"json\"] / [\"json\"] / 0", listed(formats.get("json")));
        assertEquals("json: " + FILE_TEXT, importJsonFile());
        lower.unregister();

        await().atMost(WAIT).ignoreExceptions().until(() -> !formats().containsKey(RIVAL));
        assertEquals("[\"json\"] / [\"json\"] / 0", listed(formats().get("json")));
        assertEquals("json: " + FILE_TEXT, importJsonFile());
        assertEquals("json: " + FILE_TEXT, importJsonBody());
    }
}
