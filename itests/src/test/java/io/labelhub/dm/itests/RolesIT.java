package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

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

/**
 * Roles and project membership over HTTP on the booted distribution. The main test walks README's table of who may
 * call what, every endpoint as every role (admin, the project's manager, reviewer and annotator, and a manager who
 * is not a member), and reports every cell that answers otherwise.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RolesIT {

    private static final Readiness READINESS = new Readiness();
    private static final String PASSWORD = "role-password-1";

    /** The columns of the table, in its order. */
    enum Who {
        ADMIN, MANAGER, REVIEWER, ANNOTATOR, OUTSIDER
    }

    /** One request: what is sent, and the status that means it was allowed. */
    record Call(String method, String path, String contentType, byte[] body, int allowed) {
        static Call of(String method, String path, String json, int allowed) {
            return new Call(method, path, json == null ? null : "application/json",
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), allowed);
        }
    }

    /** What came back, as text. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Who, String> emails = new EnumMap<>(Who.class);
    private final Map<Who, Long> ids = new EnumMap<>(Who.class);
    private String base;
    private Api admin;
    private long spare;
    private long project;
    private long task;
    private long adminCompletion;
    private long annotatorCompletion;
    private long prediction;
    private long view;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void world() {
        int port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        base = "http://127.0.0.1:" + port + "/api/";
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
        emails.put(Who.ADMIN, DistributionOptions.ADMIN_EMAIL);
        ids.put(Who.ADMIN, admin.get("current-user").id());
        String run = Long.toString(System.nanoTime(), 36);
        for (Who who : List.of(Who.MANAGER, Who.REVIEWER, Who.ANNOTATOR, Who.OUTSIDER)) {
            String role = who == Who.OUTSIDER ? "manager" : who.name().toLowerCase();
            String email = who.name().toLowerCase() + "-" + run + "@roles.test";
            emails.put(who, email);
            ids.put(who, created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"" + role + "\"}")));
        }
        spare = created(admin.post("users", "{\"email\":\"spare-" + run + "@roles.test\",\"password\":\""
                + PASSWORD + "\",\"role\":\"annotator\"}"));
        // a large overlap: every member's stream stays open however many completions the walk makes
        project = created(as(Who.MANAGER).post("projects", projectBody("Roles").replace("{", "{\"overlap\":100,")));
        join(project, Who.REVIEWER, "reviewer");
        join(project, Who.ANNOTATOR, "annotator");
        task = created(admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"shared\"}}"));
        // more for the annotator's stream, after the shared task
        assertEquals(201, admin.post("projects/" + project + "/import", "[{\"text\":\"a\"},{\"text\":\"b\"}]")
                .status());
        adminCompletion = completion(admin, task);
        annotatorCompletion = completionBy(Who.ANNOTATOR);
        prediction = created(admin.post("tasks/" + task + "/predictions", "{\"result\":[" + Api.choice("Dog")
                + "],\"score\":0.5}"));
        view = created(admin.post("projects/" + project + "/views", "{\"title\":\"Shared\"}"));
    }

    private static long created(Reply reply) {
        assertTrue(reply.raw(), reply.status() == 201 || reply.status() == 200);
        return reply.id();
    }

    private static String projectBody(String title) {
        return "{\"title\":\"" + title + "\",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}";
    }

    private void join(long projectId, Who who, String role) {
        Reply joined = admin.post("projects/" + projectId + "/members", "{\"user\":" + ids.get(who)
                + ",\"role\":\"" + role + "\"}");
        assertTrue(joined.raw(), joined.status() == 201 || joined.status() == 200);
    }

    private Api as(Who who) {
        return Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY)).basic(emails.get(who),
                who == Who.ADMIN ? DistributionOptions.ADMIN_PASSWORD : PASSWORD);
    }

    private static long completion(Api by, long taskId) {
        return created(by.post("tasks/" + taskId + "/completions", "{\"result\":[" + Api.choice("Cat") + "]}"));
    }

    /** The task the Label Stream hands {@code who} now (the same until they submit it). */
    private long nextFor(Who who) {
        Reply next = as(who).get("projects/" + project + "/next");
        assertEquals(next.raw(), 200, next.status());
        return next.body().get("task").get("id").asLong();
    }

    /** A completion by {@code who}: an annotator's of the task the stream gives them, the others' of the shared one. */
    private long completionBy(Who who) {
        return completion(as(who), who == Who.ANNOTATOR ? nextFor(who) : task);
    }

    private Answer send(Who who, Call call) {
        String password = who == Who.ADMIN ? DistributionOptions.ADMIN_PASSWORD : PASSWORD;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (emails.get(who) + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(call.method() + " " + call.path() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the recipes: for each row of the table, the request(s) a caller makes; own = on their own thing ----

    /** A fresh project with the table's members, for the one cell that deletes it. */
    private long freshProject() {
        long fresh = created(admin.post("projects", projectBody("Doomed")));
        join(fresh, Who.MANAGER, "manager");
        join(fresh, Who.REVIEWER, "reviewer");
        join(fresh, Who.ANNOTATOR, "annotator");
        return fresh;
    }

    private long freshTask() {
        return created(admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"fresh\"}}"));
    }

    /** A completion the caller may act on: their own, or another's (for the admin, the annotator's). */
    private long completionFor(Who who, boolean own, boolean fresh) {
        if (own) {
            return completionBy(who);
        }
        if (who == Who.ADMIN) {
            return fresh ? completionBy(Who.ANNOTATOR) : annotatorCompletion;
        }
        return fresh ? completion(admin, task) : adminCompletion;
    }

    /** A new completion that {@code who} may review: not theirs (the admin's, or for the admin the manager's). */
    private long reviewable(Who who) {
        return completion(who == Who.ADMIN ? as(Who.MANAGER) : admin, freshTask());
    }

    private static byte[] multipart(String boundary, String name, String content) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, BiFunction<Who, Boolean, List<Call>>> recipes() {
        Map<String, BiFunction<Who, Boolean, List<Call>>> r = new LinkedHashMap<>();
        String p = "projects/" + project;
        r.put("GET /health", (who, own) -> List.of(Call.of("GET", "health", null, 200)));
        r.put("GET /current-user", (who, own) -> List.of(Call.of("GET", "current-user", null, 200)));
        r.put("POST /current-user/token", (who, own) -> List.of(Call.of("POST", "current-user/token", null, 200)));
        r.put("POST /session", (who, own) -> List.of(Call.of("POST", "session", "{\"email\":\"" + emails.get(who)
                + "\",\"password\":\"" + (who == Who.ADMIN ? DistributionOptions.ADMIN_PASSWORD : PASSWORD) + "\"}",
                200)));
        r.put("GET /session", (who, own) -> List.of(Call.of("GET", "session", null, 200)));
        r.put("DELETE /session", (who, own) -> List.of(Call.of("DELETE", "session", null, 204)));
        r.put("GET /users", (who, own) -> List.of(Call.of("GET", "users", null, 200)));
        r.put("POST /users", (who, own) -> List.of(Call.of("POST", "users", "{\"email\":\"new-" + System.nanoTime()
                + "@roles.test\",\"password\":\"" + PASSWORD + "\"}", 201)));
        r.put("GET /users/{user}", (who, own) -> List.of(Call.of("GET", "users/" + (own ? ids.get(who) : spare),
                null, 200)));
        r.put("PATCH /users/{user}", (who, own) -> List.of(Call.of("PATCH", "users/" + (own ? ids.get(who) : spare),
                "{\"last_name\":\"Renamed\"}", 200)));
        r.put("GET /import-formats", (who, own) -> List.of(Call.of("GET", "import-formats", null, 200)));
        r.put("GET /export-formats", (who, own) -> List.of(Call.of("GET", "export-formats", null, 200)));
        r.put("GET /projects", (who, own) -> List.of(Call.of("GET", "projects", null, 200)));
        r.put("POST /projects", (who, own) -> List.of(Call.of("POST", "projects", projectBody("New"), 201)));
        r.put("GET /projects/{project}", (who, own) -> List.of(Call.of("GET", p, null, 200)));
        r.put("PATCH /projects/{project}", (who, own) -> List.of(Call.of("PATCH", p, "{\"description\":\"x\"}", 200)));
        r.put("DELETE /projects/{project}", (who, own) -> List.of(Call.of("DELETE", "projects/" + freshProject(),
                null, 204)));
        r.put("GET /projects/{project}/members", (who, own) -> List.of(Call.of("GET", p + "/members", null, 200)));
        r.put("POST /projects/{project}/members", (who, own) -> {
            admin.delete(p + "/members/" + spare);
            return List.of(Call.of("POST", p + "/members", "{\"user\":" + spare + ",\"role\":\"annotator\"}", 201));
        });
        r.put("DELETE /projects/{project}/members", (who, own) -> {
            admin.post(p + "/members", "{\"user\":" + spare + "}");
            return List.of(Call.of("DELETE", p + "/members", "{\"user\":" + spare + "}", 204));
        });
        r.put("DELETE /projects/{project}/members/{user}", (who, own) -> {
            admin.post(p + "/members", "{\"user\":" + spare + "}");
            return List.of(Call.of("DELETE", p + "/members/" + spare, null, 204));
        });
        r.put("GET /projects/{project}/sample-task", (who, own) -> List.of(Call.of("GET", p + "/sample-task", null,
                200)));
        r.put("POST /projects/{project}/sample-task", (who, own) -> List.of(Call.of("POST", p + "/sample-task",
                null, 201)));
        r.put("GET /projects/{project}/sample-files", (who, own) -> List.of(Call.of("GET", p + "/sample-files",
                null, 200)));
        r.put("GET /projects/{project}/sample-files/{format}", (who, own) -> List.of(Call.of("GET",
                p + "/sample-files/csv", null, 200)));
        r.put("POST /projects/{project}/import", (who, own) -> {
            String boundary = "roles" + System.nanoTime();
            return List.of(Call.of("POST", p + "/import", "[{\"text\":\"imported\"}]", 201),
                    new Call("POST", p + "/import", "multipart/form-data; boundary=" + boundary,
                            multipart(boundary, "tasks.csv", "text\nuploaded\n"), 201));
        });
        r.put("GET /projects/{project}/export", (who, own) -> List.of(Call.of("GET", p
                + "/export?exportType=JSON&download_all_tasks=true", null, 200)));
        r.put("GET /projects/{project}/stats", (who, own) -> List.of(Call.of("GET", p + "/stats", null, 200)));
        r.put("POST /projects/{project}/tasks", (who, own) -> List.of(Call.of("POST", p + "/tasks",
                "{\"data\":{\"text\":\"added\"}}", 201)));
        r.put("GET /projects/{project}/tasks", (who, own) -> List.of(Call.of("GET", p + "/tasks", null, 200)));
        r.put("POST /projects/{project}/tasks/query", (who, own) -> List.of(Call.of("POST", p + "/tasks/query",
                "{\"page_size\":10}", 200)));
        r.put("GET /projects/{project}/tasks/found", (who, own) -> List.of(Call.of("GET", p + "/tasks/found", null,
                200)));
        r.put("GET /projects/{project}/views", (who, own) -> List.of(Call.of("GET", p + "/views", null, 200)));
        r.put("POST /projects/{project}/views", (who, own) -> List.of(Call.of("POST", p + "/views",
                "{\"title\":\"Mine\"}", 201)));
        r.put("GET /projects/{project}/views/{view}", (who, own) -> List.of(Call.of("GET", p + "/views/" + view,
                null, 200)));
        r.put("PUT /projects/{project}/views/{view}", (who, own) -> List.of(Call.of("PUT", p + "/views/" + view,
                "{\"title\":\"Shared\"}", 200)));
        r.put("DELETE /projects/{project}/views/{view}", (who, own) -> List.of(Call.of("DELETE", p + "/views/"
                + created(admin.post(p + "/views", "{\"title\":\"Doomed\"}")), null, 204)));
        r.put("GET /projects/{project}/actions", (who, own) -> List.of(Call.of("GET", p + "/actions", null, 200)));
        r.put("POST /projects/{project}/actions/{action}", (who, own) -> List.of(Call.of("POST", p
                + "/actions/delete_predictions", "{\"all\":false,\"ids\":[" + freshTask() + "]}", 200)));
        r.put("GET /tasks/{task}", (who, own) -> List.of(Call.of("GET", "tasks/" + task, null, 200)));
        r.put("PATCH /tasks/{task}", (who, own) -> List.of(Call.of("PATCH", "tasks/" + task,
                "{\"data\":{\"text\":\"shared\"}}", 200)));
        r.put("DELETE /tasks/{task}", (who, own) -> List.of(Call.of("DELETE", "tasks/" + freshTask(), null, 204)));
        r.put("POST /tasks/{task}/completions", (who, own) -> List.of(Call.of("POST", "tasks/"
                + (who != Who.ANNOTATOR ? task : own ? nextFor(who) : freshTask()) + "/completions", "{\"result\":["
                + Api.choice("Dog") + "]}", 201)));
        r.put("POST /tasks/{task}/lock", (who, own) -> List.of(Call.of("POST", "tasks/"
                + (who == Who.OUTSIDER ? task : nextFor(who)) + "/lock", null, 200)));
        r.put("POST /tasks/{task}/skip", (who, own) -> List.of(Call.of("POST", "tasks/"
                + (who == Who.OUTSIDER ? task : nextFor(who)) + "/skip", null, 201)));
        r.put("GET /projects/{project}/next", (who, own) -> List.of(Call.of("GET", p + "/next", null, 200)));
        r.put("GET /sampling-strategies", (who, own) -> List.of(Call.of("GET", "sampling-strategies", null, 200)));
        r.put("POST /tasks/{task}/predictions", (who, own) -> List.of(Call.of("POST", "tasks/" + task
                + "/predictions", "{\"result\":[" + Api.choice("Cat") + "],\"score\":0.1}", 201)));
        r.put("GET /completions/{completion}", (who, own) -> List.of(Call.of("GET", "completions/"
                + completionFor(who, own, false), null, 200)));
        r.put("PATCH /completions/{completion}", (who, own) -> List.of(Call.of("PATCH", "completions/"
                + completionFor(who, own, false), "{\"lead_time\":4.5}", 200)));
        r.put("DELETE /completions/{completion}", (who, own) -> List.of(Call.of("DELETE", "completions/"
                + completionFor(who, own, true), null, 204)));
        r.put("GET /projects/{project}/verify/next", (who, own) -> {
            reviewable(who);
            return List.of(Call.of("GET", p + "/verify/next", null, 200));
        });
        r.put("POST /completions/{completion}/reviews", (who, own) -> List.of(Call.of("POST", "completions/"
                + reviewable(who) + "/reviews", "{\"accepted\":true,\"comment\":\"fine\"}", 201)));
        r.put("GET /completions/{completion}/reviews", (who, own) -> List.of(Call.of("GET", "completions/"
                + completionFor(who, own, false) + "/reviews", null, 200)));
        r.put("POST /completions/{completion}/ground-truth", (who, own) -> List.of(Call.of("POST", "completions/"
                + completionFor(who, own, false) + "/ground-truth", null, 200)));
        r.put("DELETE /completions/{completion}/ground-truth", (who, own) -> List.of(Call.of("DELETE", "completions/"
                + completionFor(who, own, false) + "/ground-truth", null, 200)));
        r.put("POST /projects/{project}/ground-truth/sample", (who, own) -> List.of(Call.of("POST", p
                + "/ground-truth/sample", "{\"percent\":50,\"seed\":7}", 200)));
        r.put("POST /projects/{project}/ground-truth/reset", (who, own) -> List.of(Call.of("POST", p
                + "/ground-truth/reset", null, 200)));
        r.put("GET /projects/{project}/annotators", (who, own) -> List.of(Call.of("GET", p + "/annotators", null,
                200)));
        r.put("GET /predictions/{prediction}", (who, own) -> List.of(Call.of("GET", "predictions/" + prediction,
                null, 200)));
        r.put("DELETE /predictions/{prediction}", (who, own) -> List.of(Call.of("DELETE", "predictions/"
                + created(admin.post("tasks/" + task + "/predictions", "{\"result\":[],\"score\":0.2}")), null,
                204)));
        return r;
    }

    /** The rows of README's table: "GET /users" → one cell per {@link Who}. */
    private static Map<String, List<String>> table() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty(DistributionOptions.README_PROPERTY)));
        String table = readme.substring(readme.indexOf("<!-- roles:begin -->"), readme.indexOf("<!-- roles:end -->"));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length == 8 && cells[1].trim().matches("[A-Z]+")) {
                List<String> codes = new ArrayList<>();
                for (int i = 3; i < 8; i++) {
                    codes.add(cells[i].trim());
                }
                rows.put(cells[1].trim() + " " + cells[2].trim(), codes);
            }
        }
        return rows;
    }

    @Test
    public void everyEndpointAnswersEveryRoleAsTheReadmeTableSays() throws IOException {
        Map<String, List<String>> table = table();
        Map<String, BiFunction<Who, Boolean, List<Call>>> recipes = recipes();
        assertEquals("the table and this test know the same endpoints", new TreeSet<>(recipes.keySet()),
                new TreeSet<>(table.keySet()));
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            for (Who who : Who.values()) {
                String cell = row.getValue().get(who.ordinal());
                cells++;
                if (cell.equals("own") || cell.equals("held")) {
                    check(wrong, row.getKey(), who, cell, recipes.get(row.getKey()).apply(who, true), null);
                    check(wrong, row.getKey(), who, cell.equals("own") ? "another's" : "not held",
                            recipes.get(row.getKey()).apply(who, false), cell.equals("own") ? 403 : 409);
                } else {
                    Integer expected = cell.equals("✓") ? null : Integer.valueOf(cell);
                    check(wrong, row.getKey(), who, "", recipes.get(row.getKey()).apply(who, false), expected);
                }
            }
        }
        assertTrue("the table has every endpoint", cells >= 45 * Who.values().length);
        assertTrue(wrong.size() + " cells answer otherwise:\n" + String.join("\n", wrong), wrong.isEmpty());
    }

    /** Sends the calls as {@code who}; null expected: each must answer its allowed status. */
    private void check(List<String> wrong, String row, Who who, String what, List<Call> calls, Integer expected) {
        for (Call call : calls) {
            Answer answer = send(who, call);
            int want = expected == null ? call.allowed() : expected;
            boolean named = expected == null || expected != 403 || answer.body().contains("role");
            if (answer.status() != want || !named) {
                wrong.add(row + " as " + who.name().toLowerCase() + (what.isEmpty() ? "" : " (" + what + ")")
                        + (call.contentType() != null && call.contentType().startsWith("multipart") ? " (upload)"
                        : "") + ": expected " + want + ", got " + answer.status() + " " + answer.body());
            }
        }
    }

    /** An admin is let into every project id without a look at it: each endpoint then finds it missing itself. */
    @Test
    public void everyProjectEndpointAnswers404ForAProjectThatDoesNotExist() throws IOException {
        String p = "projects/987654321";
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("GET /projects/{project}", Call.of("GET", p, null, 404));
        calls.put("PATCH /projects/{project}", Call.of("PATCH", p, "{\"title\":\"x\"}", 404));
        calls.put("DELETE /projects/{project}", Call.of("DELETE", p, null, 404));
        calls.put("GET /projects/{project}/members", Call.of("GET", p + "/members", null, 404));
        calls.put("POST /projects/{project}/members", Call.of("POST", p + "/members", "{\"user\":" + spare + "}",
                404));
        calls.put("DELETE /projects/{project}/members", Call.of("DELETE", p + "/members", "{\"user\":" + spare
                + "}", 404));
        calls.put("DELETE /projects/{project}/members/{user}", Call.of("DELETE", p + "/members/" + spare, null,
                404));
        calls.put("GET /projects/{project}/sample-task", Call.of("GET", p + "/sample-task", null, 404));
        calls.put("POST /projects/{project}/sample-task", Call.of("POST", p + "/sample-task", null, 404));
        calls.put("GET /projects/{project}/sample-files", Call.of("GET", p + "/sample-files", null, 404));
        calls.put("GET /projects/{project}/sample-files/{format}", Call.of("GET", p + "/sample-files/csv", null,
                404));
        calls.put("POST /projects/{project}/import", Call.of("POST", p + "/import", "[{\"text\":\"x\"}]", 404));
        calls.put("GET /projects/{project}/export", Call.of("GET", p + "/export?exportType=JSON", null, 404));
        calls.put("GET /projects/{project}/stats", Call.of("GET", p + "/stats", null, 404));
        calls.put("GET /projects/{project}/annotators", Call.of("GET", p + "/annotators", null, 404));
        calls.put("POST /projects/{project}/ground-truth/sample", Call.of("POST", p + "/ground-truth/sample",
                "{\"percent\":10}", 404));
        calls.put("POST /projects/{project}/ground-truth/reset", Call.of("POST", p + "/ground-truth/reset", null,
                404));
        calls.put("POST /projects/{project}/tasks", Call.of("POST", p + "/tasks", "{\"data\":{\"text\":\"x\"}}",
                404));
        calls.put("GET /projects/{project}/tasks", Call.of("GET", p + "/tasks", null, 404));
        calls.put("POST /projects/{project}/tasks/query", Call.of("POST", p + "/tasks/query", "{}", 404));
        calls.put("GET /projects/{project}/tasks/found", Call.of("GET", p + "/tasks/found", null, 404));
        calls.put("GET /projects/{project}/views", Call.of("GET", p + "/views", null, 404));
        calls.put("POST /projects/{project}/views", Call.of("POST", p + "/views", "{\"title\":\"x\"}", 404));
        calls.put("GET /projects/{project}/views/{view}", Call.of("GET", p + "/views/" + view, null, 404));
        calls.put("PUT /projects/{project}/views/{view}", Call.of("PUT", p + "/views/" + view,
                "{\"title\":\"x\"}", 404));
        calls.put("DELETE /projects/{project}/views/{view}", Call.of("DELETE", p + "/views/" + view, null, 404));
        calls.put("GET /projects/{project}/actions", Call.of("GET", p + "/actions", null, 404));
        calls.put("GET /projects/{project}/next", Call.of("GET", p + "/next", null, 404));
        calls.put("GET /projects/{project}/verify/next", Call.of("GET", p + "/verify/next", null, 404));
        calls.put("POST /projects/{project}/actions/{action}", Call.of("POST", p + "/actions/delete_predictions",
                "{\"all\":true}", 404));
        assertEquals("every endpoint of a project is tried", new TreeSet<>(table().keySet().stream()
                .filter(k -> k.contains("{project}")).toList()), new TreeSet<>(calls.keySet()));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Call> call : calls.entrySet()) {
            Answer answer = send(Who.ADMIN, call.getValue());
            if (answer.status() != 404 || !answer.body().contains("987654321 does not exist")) {
                wrong.add(call.getKey() + ": " + answer.status() + " " + answer.body());
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    @Test
    public void aNonMemberLearnsNothingOfAProjectNotEvenThatItExists() {
        Answer existing = send(Who.OUTSIDER, Call.of("GET", "projects/" + project, null, 200));
        Answer missing = send(Who.OUTSIDER, Call.of("GET", "projects/987654321", null, 200));
        assertEquals(404, existing.status());
        assertEquals(missing.body().replace("987654321", String.valueOf(project)), existing.body());
        Answer task = send(Who.OUTSIDER, Call.of("GET", "tasks/" + this.task, null, 200));
        assertEquals(404, task.status());
        assertTrue(task.body(), task.body().contains("task " + this.task + " does not exist"));
        assertFalse("the task's project is not named", task.body().contains("project"));

        JsonNode listed = send(Who.OUTSIDER, Call.of("GET", "projects?page_size=1000", null, 200)).json();
        listed.get("projects").forEach(p -> assertFalse(p.toString(), p.get("id").asLong() == project));
        JsonNode annotators = send(Who.ANNOTATOR, Call.of("GET", "projects?page_size=1000", null, 200)).json();
        assertEquals("an annotator lists exactly the projects they are a member of", 1,
                annotators.get("total").asInt());
        assertEquals(project, annotators.get("projects").get(0).get("id").asLong());
        assertTrue("an admin lists them all", admin.get("projects?page_size=1000").json("total").asInt() > 1);
    }

    @Test
    public void anAnnotatorSeesOnlyTheirOwnCompletionsOfATask() {
        JsonNode seen = send(Who.ANNOTATOR, Call.of("GET", "tasks/" + task, null, 200)).json();
        assertFalse(seen.get("completions").isEmpty());
        seen.get("completions").forEach(c -> assertEquals(c.toString(), (long) ids.get(Who.ANNOTATOR),
                c.get("completed_by").asLong()));
        JsonNode reviewed = send(Who.REVIEWER, Call.of("GET", "tasks/" + task, null, 200)).json();
        List<Long> authors = new ArrayList<>();
        reviewed.get("completions").forEach(c -> authors.add(c.get("completed_by").asLong()));
        assertTrue("a reviewer sees everybody's: " + authors, authors.contains(ids.get(Who.ADMIN))
                && authors.contains(ids.get(Who.ANNOTATOR)));
        Answer other = send(Who.ANNOTATOR, Call.of("GET", "completions/" + adminCompletion, null, 200));
        assertEquals(403, other.status());
        assertTrue(other.body(), other.body().contains("reviewer"));
    }

    @Test
    public void onlyAManagerMarksGroundTruth() {
        Answer forged = send(Who.ANNOTATOR, Call.of("POST", "tasks/" + task + "/completions", "{\"result\":["
                + Api.choice("Cat") + "],\"ground_truth\":true}", 201));
        assertEquals(forged.body(), 403, forged.status());
        assertTrue(forged.body(), forged.body().contains("ground_truth") && forged.body().contains("manager"));
        Answer marked = send(Who.REVIEWER, Call.of("PATCH", "completions/" + adminCompletion,
                "{\"ground_truth\":true}", 200));
        assertEquals(marked.body(), 403, marked.status());
        assertFalse("nothing was marked", admin.get("tasks/" + task).json("ground_truth").asBoolean());

        long own = completionBy(Who.ANNOTATOR);
        Answer ownMarked = send(Who.ANNOTATOR, Call.of("PATCH", "completions/" + own, "{\"ground_truth\":true}",
                200));
        assertEquals("not even on one's own completion", 403, ownMarked.status());
        Answer managed = send(Who.MANAGER, Call.of("PATCH", "completions/" + own, "{\"ground_truth\":true}", 200));
        assertEquals(managed.body(), 200, managed.status());
        long ownTask = admin.get("completions/" + own).json("task").asLong();
        assertTrue(admin.get("tasks/" + ownTask).json("ground_truth").asBoolean());
        assertEquals(200, send(Who.MANAGER, Call.of("PATCH", "completions/" + own, "{\"ground_truth\":false}", 200))
                .status());
    }

    @Test
    public void aDeactivatedUserIsRefusedAtOnceWithPasswordAndToken() {
        String email = "leaving-" + System.nanoTime() + "@roles.test";
        long id = created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        Api leaving = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY)).basic(email, PASSWORD);
        assertEquals(200, leaving.get("current-user").status());
        String token = leaving.post("current-user/token", "").json("token").asText();
        Api byToken = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY)).token(token);
        assertEquals(200, byToken.get("current-user").status());

        Reply deactivated = admin.patch("users/" + id, "{\"active\":false}");
        assertEquals(deactivated.raw(), 200, deactivated.status());
        assertFalse(deactivated.json("active").asBoolean());
        assertEquals("the password stops at once", 401, leaving.get("current-user").status());
        assertEquals("the token too", 401, byToken.get("current-user").status());

        assertEquals(200, admin.patch("users/" + id, "{\"active\":true}").status());
        assertEquals(200, leaving.get("current-user").status());
        assertEquals("a deactivation revoked the token for good", 401, byToken.get("current-user").status());

        Reply self = admin.patch("users/" + ids.get(Who.ADMIN), "{\"active\":false}");
        assertEquals(self.raw(), 403, self.status());
        Reply promote = leaving.patch("users/" + id, "{\"role\":\"admin\"}");
        assertEquals(promote.raw(), 403, promote.status());
        assertTrue(promote.raw(), promote.raw().contains("role"));
    }

    @Test
    public void aUserChangesTheirOwnPasswordWithThePresentOne() {
        String email = "changing-" + System.nanoTime() + "@roles.test";
        long id = created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        Api user = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY)).basic(email, PASSWORD);
        Reply without = user.patch("users/" + id, "{\"password\":\"brand-new-pass\"}");
        assertEquals(without.raw(), 400, without.status());
        assertTrue(without.raw(), without.raw().contains("current_password"));
        Reply changed = user.patch("users/" + id, "{\"password\":\"brand-new-pass\",\"current_password\":\""
                + PASSWORD + "\",\"first_name\":\"Chan\"}");
        assertEquals(changed.raw(), 200, changed.status());
        assertEquals("Chan", changed.json("first_name").asText());
        assertEquals(401, user.get("current-user").status());
        assertEquals(200, Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY))
                .basic(email, "brand-new-pass").get("current-user").status());
    }

    @Test
    public void aProjectKeepsItsLastManager() {
        Reply leaving = as(Who.MANAGER).delete("projects/" + project + "/members/" + ids.get(Who.MANAGER));
        assertEquals(leaving.raw(), 409, leaving.status());
        Reply demoted = as(Who.MANAGER).post("projects/" + project + "/members", "{\"user\":" + ids.get(Who.MANAGER)
                + ",\"role\":\"annotator\"}");
        assertEquals(demoted.raw(), 409, demoted.status());
        JsonNode members = as(Who.MANAGER).get("projects/" + project + "/members").body();
        List<String> roles = new ArrayList<>();
        members.get("members").forEach(m -> roles.add(m.get("user").get("email").asText() + "="
                + m.get("role").asText()));
        assertTrue(roles.toString(), roles.contains(emails.get(Who.MANAGER) + "=manager")
                && roles.contains(emails.get(Who.ANNOTATOR) + "=annotator"));
    }
}
