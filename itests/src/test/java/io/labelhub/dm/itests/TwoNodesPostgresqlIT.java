package io.labelhub.dm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * Two distributions on two ports sharing one PostgreSQL database, as several nodes behind a load balancer run:
 * annotators split across both exhaust a Label Stream with overlap 2 and no task is handed out beyond it; a write on
 * one node is seen on the other at once, in the table, the Found totals and the filters; a sign-in on one node
 * serves on the other; one node imports while the other serves reads.
 */
class TwoNodesPostgresqlIT {

    private static final int ANNOTATORS = 20;
    private static final int TASKS = 60;
    private static final int OVERLAP = 2;
    private static final String PASSWORD = "two-nodes-password-1";

    private static ServerProcess first;
    private static ServerProcess second;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startBoth() throws Exception {
        String database = ItDatabase.create();
        first = ServerProcess.unpack("node-a");
        second = ServerProcess.unpack("node-b");
        for (ServerProcess node : List.of(first, second)) {
            node.environment.putAll(ItDatabase.postgresql(database));
            // both at once: both migrate the empty database and create the first admin, one of each wins
            node.launch("");
        }
        first.awaitServing();
        second.awaitServing();
        a = Api.at(first.port).basic(ServerProcess.EMAIL, ServerProcess.PASSWORD);
        b = Api.at(second.port).basic(ServerProcess.EMAIL, ServerProcess.PASSWORD);
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (ServerProcess node : new ServerProcess[] {first, second}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static long created(Reply reply) {
        assertEquals(201, reply.status(), reply.raw());
        return reply.id();
    }

    private static long project(Api node, String title, int overlap) {
        return created(node.post("projects", "{\"title\":\"" + title + "\",\"overlap\":" + overlap
                + ",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}"));
    }

    private static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private static String item(String column, String operator, String type, String value) {
        return "{\"conjunction\":\"and\",\"items\":[{\"filter\":\"filter:tasks:" + column + "\",\"operator\":\""
                + operator + "\",\"type\":\"" + type + "\",\"value\":" + value + "}]}";
    }

    private static final String CATS = item("completion_results", "contains", "List", "\"Cat\"");
    private static final String GROUND_TRUTH = item("ground_truth", "equal", "Boolean", "true");

    /** The table's total, the Found totals' tasks and completions, and the Cat filter's total, as one node sees them. */
    private static List<Integer> view(Api node, long project) {
        Reply table = node.get("projects/" + project + "/tasks?page_size=5");
        Reply found = node.get("projects/" + project + "/tasks/found");
        Reply cats = node.get("projects/" + project + "/tasks?filters=" + encode(CATS));
        Reply truth = node.get("projects/" + project + "/tasks/found?filters=" + encode(GROUND_TRUTH));
        for (Reply reply : List.of(table, found, cats, truth)) {
            assertEquals(200, reply.status(), reply.raw());
        }
        return List.of(table.json("total").asInt(), found.json("tasks").asInt(), found.json("completions").asInt(),
                cats.json("total").asInt(), truth.json("tasks").asInt());
    }

    @Test
    void aWriteOnOneNodeIsSeenOnTheOtherAtOnce() {
        long project = project(a, "Shared", 1);
        // import on A
        assertEquals(201, a.post("projects/" + project + "/import", "[{\"data\":{\"text\":\"one\"},\"completions\":"
                + "[{\"result\":[" + Api.choice("Cat") + "]}]},{\"data\":{\"text\":\"two\"}},{\"text\":\"three\"}]")
                .status());
        assertEquals(List.of(3, 3, 1, 1, 0), view(b, project), "B after A's import");

        // a completion on B
        JsonNode rows = b.get("projects/" + project + "/tasks?page_size=5").json("tasks");
        long second = rows.get(1).get("id").asLong();
        long completion = created(b.post("tasks/" + second + "/completions", "{\"result\":[" + Api.choice("Cat")
                + "]}"));
        assertEquals(List.of(3, 3, 2, 2, 0), view(a, project), "A after B's completion");

        // ground truth on A
        assertEquals(200, a.post("completions/" + completion + "/ground-truth", "").status());
        assertEquals(List.of(3, 3, 2, 2, 1), view(b, project), "B after A's ground truth");

        // a delete on B
        assertEquals(204, b.delete("tasks/" + second).status());
        assertEquals(List.of(2, 2, 1, 1, 0), view(a, project), "A after B's delete");
        assertEquals(2, a.get("projects/" + project).json("task_count").asInt());
    }

    @Test
    void aSessionMadeOnOneNodeServesOnTheOther() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var signIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + first.port + "/api/session")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + ServerProcess.EMAIL
                        + "\",\"password\":\"" + ServerProcess.PASSWORD + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signIn.statusCode(), signIn.body());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var me = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + second.port + "/api/current-user")).header("Cookie", cookie).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(ServerProcess.EMAIL, Api.JSON.readTree(me.body()).get("email").asText());
    }

    @Test
    void twentyAnnotatorsOnTwoNodesExhaustAStreamWithOverlapTwo() throws Exception {
        long project = project(a, "Stream on two nodes", OVERLAP);
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < TASKS; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"text\":\"task ").append(i).append("\"}");
        }
        assertEquals(201, a.post("projects/" + project + "/import", tasks.append("]").toString()).status());
        String run = Long.toString(System.nanoTime(), 36);
        List<Api> annotators = new ArrayList<>();
        for (int i = 0; i < ANNOTATORS; i++) {
            String email = "annotator" + i + "-" + run + "@nodes.test";
            // users and members made on alternate nodes, too
            Api admin = i % 2 == 0 ? a : b;
            long id = created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"annotator\"}"));
            assertEquals(201, admin.post("projects/" + project + "/members", "{\"user\":" + id + "}").status());
            annotators.add(Api.at(i % 2 == 0 ? first.port : second.port).basic(email, PASSWORD));
        }

        Map<Long, Set<Integer>> handedTo = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < ANNOTATORS; i++) {
                int who = i;
                running.add(pool.submit(() -> work(annotators.get(who), who, project, handedTo, wrong)));
            }
            for (Future<?> annotator : running) {
                annotator.get(240, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers: " + wrong.stream().limit(10).toList());
        assertEquals(TASKS, handedTo.size(), "every task was handed out");
        handedTo.forEach((task, who) -> assertEquals(OVERLAP, who.size(), "task " + task + " went to " + who));
        Reply found = b.get("projects/" + project + "/tasks/found");
        assertEquals(TASKS * OVERLAP, found.json("completions").asInt(), found.raw());
    }

    /** Pull and submit until the stream says there is nothing more and every task has its two completions. */
    private static void work(Api annotator, int who, long project, Map<Long, Set<Integer>> handedTo,
                             List<String> wrong) {
        long deadline = System.nanoTime() + Duration.ofSeconds(200).toNanos();
        while (System.nanoTime() < deadline) {
            Reply next = annotator.get("projects/" + project + "/next");
            if (next.status() == 404) {
                if (annotator.get("projects/" + project + "/tasks/found").status() == 403
                        || a.get("projects/" + project + "/tasks/found").json("completions").asInt()
                        >= TASKS * OVERLAP) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (next.status() != 200) {
                wrong.add("next " + next.status() + " " + next.raw());
                return;
            }
            long task = next.body().get("task").get("id").asLong();
            if (!handedTo.computeIfAbsent(task, t -> ConcurrentHashMap.newKeySet()).add(who)) {
                wrong.add("task " + task + " handed to annotator " + who + " a second time");
                return;
            }
            Reply done = annotator.post("tasks/" + task + "/completions", "{\"result\":[" + Api.choice("Cat")
                    + "]}");
            if (done.status() != 201) {
                wrong.add("submit of " + task + " by " + who + ": " + done.status() + " " + done.raw());
                return;
            }
        }
        wrong.add("annotator " + who + " did not see the project done in time");
    }

    @Test
    void oneNodeImportsWhileTheOtherServesReads() throws Exception {
        long importing = project(a, "Importing on A", 1);
        long other = project(b, "Read on B", 1);
        created(b.post("projects/" + other + "/tasks", "{\"data\":{\"text\":\"meanwhile\"}}"));
        Path file = Files.createTempFile("two-nodes", ".json");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("[");
                for (int i = 0; i < 50_000; i++) {
                    out.write((i == 0 ? "" : ",") + "{\"data\":{\"text\":\"task " + i + "\"},\"completions\":[{"
                            + "\"result\":[" + Api.choice(i % 2 == 0 ? "Cat" : "Dog") + "]}]}");
                }
                out.write("]");
            }
            CompletableFuture<Reply> imported = CompletableFuture.supplyAsync(() ->
                    a.postFile("projects/" + importing + "/import", file, Duration.ofMinutes(5)));
            int reads = 0;
            while (!imported.isDone()) {
                for (String path : List.of("projects/" + other + "/tasks", "projects/" + importing + "/tasks",
                        "projects/" + importing + "/tasks/found", "projects")) {
                    Reply reply = b.get(path);
                    assertEquals(200, reply.status(), path + ": " + reply.raw());
                    reads++;
                }
            }
            assertEquals(201, imported.get().status(), imported.get().raw());
            assertTrue(reads >= 4, "B served " + reads + " reads during A's import");
            assertEquals(50_000, b.get("projects/" + importing + "/tasks/found").json("tasks").asInt());
            assertEquals(25_000, b.get("projects/" + importing + "/tasks?filters=" + encode(CATS)).json("total")
                    .asInt());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
