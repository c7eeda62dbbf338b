package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/** The core REST API of the booted distribution, over real HTTP, as a user or a script uses it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiIT {

    private static final Readiness READINESS = new Readiness();

    private Api anonymous;
    private Api admin;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
    }

    private long project() {
        Reply created = admin.post("projects", "{\"title\":\"Pets\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private static String task(String text, String completions, String predictions) {
        return "{\"data\":{\"text\":\"" + text + "\"},\"completions\":[" + completions + "],\"predictions\":["
                + predictions + "]}";
    }

    @Test
    public void healthNeedsNoCredentialsAndNamesTheDatabase() {
        Reply health = anonymous.get("health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json("status").asText());
        assertEquals(ItDatabase.product(), health.json("database").asText());
    }

    /** A GET of a path of the server itself (not under /api), with the admin's credentials. */
    private static HttpResponse<String> serverGet(String path) {
        String pair = DistributionOptions.ADMIN_EMAIL + ":" + DistributionOptions.ADMIN_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + Integer.getInteger(DistributionOptions.PORT_PROPERTY) + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        pair.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void theApiAnswersOnlyUnderItsPrefix() {
        assertEquals(200, serverGet("/api/health").statusCode());
        assertEquals(200, serverGet("/api/projects").statusCode());
        for (String path : new String[] {"/health", "/current-user", "/cxf/health", "/cxf/projects"}) {
            HttpResponse<String> reply = serverGet(path);
            assertEquals(path + ": " + reply.body(), 404, reply.statusCode());
            assertFalse(path + ": " + reply.body(), reply.body().contains("\"status\":\"ok\""));
        }
        // the web console's address of the same name is its page, not the API
        HttpResponse<String> console = serverGet("/projects");
        assertEquals(200, console.statusCode());
        assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse(console.body(), console.body().contains("\"total\""));
    }

    @Test
    public void everythingElseIsRefusedWithoutValidCredentials() {
        for (String path : new String[] {"projects", "current-user", "users", "tasks/1"}) {
            Reply reply = anonymous.get(path);
            assertEquals(path, 401, reply.status());
            assertEquals("authentication required", reply.json("error").asText());
        }
        assertEquals(401, anonymous.basic(DistributionOptions.ADMIN_EMAIL, "wrong-password").get("projects")
                .status());
        assertEquals(401, anonymous.token("0123456789abcdef0123456789abcdef01234567").get("projects").status());
        assertEquals(401, anonymous.post("projects", "{}").status());
    }

    @Test
    public void theFirstAdminSignsInAndRotatesTokens() {
        Reply me = admin.get("current-user");
        assertEquals(200, me.status());
        assertEquals(DistributionOptions.ADMIN_EMAIL, me.json("email").asText());
        assertEquals("admin", me.json("role").asText());
        assertFalse(me.raw().contains("password"));

        String first = admin.post("current-user/token", "").json("token").asText();
        assertEquals(DistributionOptions.ADMIN_EMAIL,
                anonymous.token(first).get("current-user").json("email").asText());
        String second = admin.post("current-user/token", "").json("token").asText();
        assertEquals(401, anonymous.token(first).get("current-user").status());
        assertEquals(200, anonymous.token(second).get("current-user").status());
    }

    @Test
    public void onlyAnAdminCreatesUsersAndTheyCanSignIn() {
        String email = "annotator" + System.nanoTime() + "@itest.local";
        Reply created = admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"annotator-pw\","
                + "\"role\":\"annotator\"}");
        assertEquals(created.raw(), 201, created.status());
        assertTrue(created.location().orElseThrow().endsWith("/api/users/" + created.id()));
        Api annotator = anonymous.basic(email, "annotator-pw");
        assertEquals("annotator", annotator.get("current-user").json("role").asText());

        Reply forbidden = annotator.post("users", "{\"email\":\"x@itest.local\",\"password\":\"whatever-pw\"}");
        assertEquals(403, forbidden.status());
        assertEquals(409, admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"another-pw\"}")
                .status());
        Reply badRole = admin.post("users", "{\"email\":\"y@itest.local\",\"password\":\"whatever-pw\","
                + "\"role\":\"boss\"}");
        assertEquals(400, badRole.status());
        assertTrue(badRole.raw(), badRole.raw().contains("boss"));
    }

    @Test
    public void aProjectIsCreatedReadChangedAndDeleted() {
        Reply created = admin.post("projects", "{\"title\":\"Sentiment\",\"overlap\":3,\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(201, created.status());
        String location = created.location().orElseThrow();
        assertTrue(location, location.endsWith("/api/projects/" + created.id()));
        assertEquals(3, created.json("overlap").asInt());
        assertEquals("sequential", created.json("sampling").asText());

        Reply read = admin.get("projects/" + created.id());
        assertEquals("Sentiment", read.json("title").asText());
        assertEquals(Api.labelConfig(), read.json("label_config").asText());

        Reply patched = admin.patch("projects/" + created.id(), "{\"title\":\"Sentiment v2\"}");
        assertEquals(200, patched.status());
        assertEquals("Sentiment v2", admin.get("projects/" + created.id()).json("title").asText());
        assertEquals(3, patched.json("overlap").asInt());

        Reply sample = admin.get("projects/" + created.id() + "/sample-task");
        assertTrue(sample.json("data").get("text").asText().length() > 10);

        assertEquals(204, admin.delete("projects/" + created.id()).status());
        Reply gone = admin.get("projects/" + created.id());
        assertEquals(404, gone.status());
        assertEquals("project not found", gone.json("error").asText());
    }

    @Test
    public void sampleFilesAreListedForTheConfigAndEachListedOneDownloads() {
        long project = project();
        Reply listed = admin.get("projects/" + project + "/sample-files");
        assertEquals(listed.raw(), 200, listed.status());
        List<String> formats = new ArrayList<>();
        listed.json("formats").forEach(f -> formats.add(f.asText()));
        assertTrue(formats.toString(), formats.containsAll(List.of("csv", "json", "tsv", "txt")));
        assertFalse(formats.toString(), formats.contains("zip"));
        for (String format : formats) {
            HttpResponse<String> sample = serverGet("/api/projects/" + project + "/sample-files/" + format);
            assertEquals(format + ": " + sample.body(), 200, sample.statusCode());
            String type = sample.headers().firstValue("Content-Type").orElseThrow();
            assertTrue(format + ": " + type, type.replace(" ", "").toLowerCase(Locale.ROOT).endsWith(";charset=utf-8"));
            String disposition = sample.headers().firstValue("Content-Disposition").orElseThrow();
            assertTrue(format + ": " + disposition, disposition.matches("attachment; filename=\"sample\\.\\w+\""));
            assertFalse(format, sample.body().isBlank());
        }
        assertEquals("attachment; filename=\"sample.csv\"", serverGet("/api/projects/" + project
                + "/sample-files/csv").headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(404, admin.get("projects/999999999/sample-files").status());
    }

    @Test
    public void tasksWithCompletionsAndPredictionsAreStoredAndReadBack() {
        long project = project();
        Reply created = admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"a purring cat\"},"
                + "\"annotations\":[{\"result\":[" + Api.choice("Cat") + "],\"lead_time\":4.5,"
                + "\"ground_truth\":true},{\"result\":[],\"was_cancelled\":true}],"
                + "\"predictions\":[{\"result\":[" + Api.choice("Dog") + "],\"score\":0.25,"
                + "\"model_version\":\"m-1\"}]}");
        assertEquals(created.raw(), 201, created.status());

        Reply read = admin.get("tasks/" + created.id());
        assertEquals(200, read.status());
        assertEquals("a purring cat", read.json("data").get("text").asText());
        assertEquals(1, read.json("total_completions").asInt());
        assertEquals(1, read.json("cancelled_completions").asInt());
        assertEquals(1, read.json("total_predictions").asInt());
        assertTrue(read.json("ground_truth").asBoolean());
        JsonNode completion = read.json("completions").get(0);
        assertEquals("Cat", completion.at("/result/0/value/choices/0").asText());
        assertEquals(4.5, completion.get("lead_time").asDouble(), 0);
        assertEquals(admin.get("current-user").id(), completion.get("completed_by").asLong());
        JsonNode prediction = read.json("predictions").get(0);
        assertEquals(0.25, prediction.get("score").asDouble(), 0);
        assertEquals("m-1", prediction.get("model_version").asText());

        admin.post("projects/" + project + "/tasks", "{\"text\":\"a flat task is its own data\"}");
        Reply page = admin.get("projects/" + project + "/tasks?page=1&page_size=1");
        assertEquals(2, page.json("total").asInt());
        assertEquals(1, page.json("tasks").size());
        assertEquals(created.id(), page.json("tasks").get(0).get("id").asLong());
        Reply second = admin.get("projects/" + project + "/tasks?page=2&page_size=1");
        assertEquals("a flat task is its own data", second.json("tasks").get(0).at("/data/text").asText());
    }

    @Test
    public void countersStayExactThroughAddsAndDeletes() {
        long project = project();
        long task = admin.post("projects/" + project + "/tasks",
                task("counting", "{\"result\":[" + Api.choice("Cat") + "]}", "{\"result\":[],\"score\":0.5}"))
                .id();
        long second = admin.post("tasks/" + task + "/completions", "{\"result\":[" + Api.choice("Dog") + "],"
                + "\"ground_truth\":true}").id();
        long skipped = admin.post("tasks/" + task + "/completions", "{\"was_cancelled\":true}").id();
        long prediction = admin.post("tasks/" + task + "/predictions", "{\"result\":[],\"score\":0.9}").id();
        assertCounters(task, 2, 1, 2, true);

        assertEquals(204, admin.delete("completions/" + second).status());
        assertCounters(task, 1, 1, 2, false);
        assertEquals(204, admin.delete("completions/" + skipped).status());
        assertEquals(204, admin.delete("predictions/" + prediction).status());
        assertCounters(task, 1, 0, 1, false);
        assertEquals(404, admin.delete("completions/" + skipped).status());

        Reply patched = admin.patch("completions/" + admin.get("tasks/" + task).json("completions").get(0)
                .get("id").asLong(), "{\"was_cancelled\":true}");
        assertEquals(200, patched.status());
        assertCounters(task, 0, 1, 1, false);

        long completion = admin.get("tasks/" + task).json("completions").get(0).get("id").asLong();
        assertEquals(204, admin.delete("tasks/" + task).status());
        assertEquals(404, admin.get("tasks/" + task).status());
        assertEquals(404, admin.get("completions/" + completion).status());
        assertEquals(0, admin.get("projects/" + project).json("task_count").asInt());
    }

    private void assertCounters(long task, int completions, int cancelled, int predictions, boolean gt) {
        Reply read = admin.get("tasks/" + task);
        assertEquals("total_completions", completions, read.json("total_completions").asInt());
        assertEquals("cancelled_completions", cancelled, read.json("cancelled_completions").asInt());
        assertEquals("total_predictions", predictions, read.json("total_predictions").asInt());
        assertEquals("ground_truth", gt, read.json("ground_truth").asBoolean());
        assertEquals(completions + cancelled, read.json("completions").size());
        assertEquals(predictions, read.json("predictions").size());
    }

    @Test
    public void anXxeLabelConfigIsRefusedAndLeaksNothing() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<View><Text name=\"text\" value=\"&x;\"/></View>";
        Reply refused = admin.post("projects", "{\"title\":\"XXE\",\"label_config\":" + Api.JSON.valueToTree(xxe)
                + "}");
        assertEquals(400, refused.status());
        assertEquals("invalid label config", refused.json("error").asText());
        assertTrue(refused.raw(), refused.json("detail").asText().contains("DOCTYPE"));
        assertFalse(refused.raw().contains("root:"));
    }

    @Test
    public void badInputGetsA4xxThatNamesTheProblem() {
        long project = project();
        Reply wrongLabel = admin.post("projects/" + project + "/tasks",
                task("t", "{\"result\":[" + Api.choice("Horse") + "]}", ""));
        assertEquals(400, wrongLabel.status());
        assertTrue(wrongLabel.raw(), wrongLabel.raw().contains("'Horse' is not a value of 'label'"));

        Reply twoGroundTruths = admin.post("projects/" + project + "/tasks", task("t",
                "{\"result\":[],\"ground_truth\":true},{\"result\":[],\"ground_truth\":true}", ""));
        assertEquals(400, twoGroundTruths.status());
        assertTrue(twoGroundTruths.raw(), twoGroundTruths.raw().contains("at most one completion"));
        assertEquals(0, admin.get("projects/" + project).json("task_count").asInt());

        Reply missingKey = admin.post("projects/" + project + "/tasks", "{\"data\":{\"txt\":\"typo\"}}");
        assertEquals(400, missingKey.status());
        assertTrue(missingKey.raw(), missingKey.raw().contains("data.text is missing"));

        Reply badJson = admin.postRaw("projects", "application/json", "{\"title\": ");
        assertEquals(400, badJson.status());
        assertEquals("invalid JSON", badJson.json("error").asText());

        Reply unknownField = admin.post("projects", "{\"title\":\"x\",\"colour\":\"red\"}");
        assertEquals(400, unknownField.status());
        assertTrue(unknownField.raw(), unknownField.raw().contains("colour"));

        Reply badConfig = admin.post("projects", "{\"title\":\"x\",\"label_config\":\"<View><Choices name=\\\"c\\\" "
                + "toName=\\\"missing\\\"/><Text name=\\\"t\\\" value=\\\"$t\\\"/></View>\"}");
        assertEquals(400, badConfig.status());
        assertTrue(badConfig.raw(), badConfig.raw().contains("missing"));

        assertEquals(415, admin.postRaw("projects", "text/plain", "title=x").status());
        Reply badPage = admin.get("projects/" + project + "/tasks?page=x");
        assertEquals(400, badPage.status());
        assertTrue(badPage.raw(), badPage.raw().contains("page"));
        assertEquals(400, admin.get("projects/" + project + "/tasks?page_size=5000").status());
        Reply missing = admin.get("tasks/999999999");
        assertEquals(404, missing.status());
        assertNotNull(missing.json("detail"));
        assertEquals(404, admin.post("tasks/999999999/completions", "{\"result\":[]}").status());
    }
}
