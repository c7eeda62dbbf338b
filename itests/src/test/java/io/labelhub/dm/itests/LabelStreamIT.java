package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Twenty annotators at once over HTTP on the booted distribution work through a project with overlap 2 by its Label
 * Stream: most submit, some skip now and then, two walk away from a held task (whose lock then runs out). Nothing
 * may be handed out beyond the overlap, to anybody twice, or lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LabelStreamIT {

    private static final Readiness READINESS = new Readiness();
    private static final int ANNOTATORS = 20;
    private static final int TASKS = 60;
    private static final int OVERLAP = 2;
    /** The shortest lock a project may set, so that the walked-away tasks come back within the test. */
    private static final int LOCK_TTL = 10;
    private static final String PASSWORD = "stream-password-1";

    private Api admin;
    private int port;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "sampling-strategies");
    }

    private static long created(Reply reply) {
        assertTrue(reply.raw(), reply.status() == 201);
        return reply.id();
    }

    @Test
    public void twentyAnnotatorsWorkThroughAProjectWithOverlapTwoAndEveryTaskGetsExactlyTwo() throws Exception {
        long project = created(admin.post("projects", "{\"title\":\"Stream\",\"overlap\":" + OVERLAP
                + ",\"lock_ttl\":" + LOCK_TTL + ",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}"));
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < TASKS; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"text\":\"task ").append(i).append("\"}");
        }
        assertEquals(201, admin.post("projects/" + project + "/import", tasks.append("]").toString()).status());
        List<Api> annotators = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int a = 0; a < ANNOTATORS; a++) {
            String email = "annotator" + a + "-" + run + "@stream.test";
            long id = created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"annotator\"}"));
            assertEquals(201, admin.post("projects/" + project + "/members", "{\"user\":" + id + "}").status());
            annotators.add(Api.at(port).basic(email, PASSWORD));
            index.put(id, a);
        }

        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Set<Long>> finished = new ConcurrentHashMap<>();
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int a = 0; a < ANNOTATORS; a++) {
                int who = a;
                running.add(pool.submit(() -> work(annotators.get(who), who, project, finished, submitted, skipped,
                        wrong)));
            }
            for (Future<?> annotator : running) {
                annotator.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.size() + " wrong answers: " + wrong.stream().limit(10).toList(), wrong.isEmpty());

        // every task: exactly two completions by two annotators, and nobody has two of anything on one task
        int labelled = 0;
        int skips = 0;
        for (int page = 1; page <= 2; page++) {
            JsonNode rows = admin.get("projects/" + project + "/tasks?fields=id&page_size=50&page=" + page).body();
            for (JsonNode row : rows.get("tasks")) {
                JsonNode task = admin.get("tasks/" + row.get("id").asLong()).body();
                Set<Long> authors = new HashSet<>();
                int done = 0;
                for (JsonNode completion : task.get("completions")) {
                    long author = completion.get("completed_by").asLong();
                    assertTrue(task.toString(), authors.add(author));
                    if (completion.get("was_cancelled").asBoolean()) {
                        skips++;
                    } else {
                        done++;
                    }
                }
                assertEquals("task " + task.get("id") + ": " + task.get("completions"), OVERLAP, done);
                assertEquals(OVERLAP, task.get("total_completions").asInt());
                labelled += done;
            }
        }
        assertEquals("nothing lost: every accepted submit is stored", submitted.get(), labelled);
        assertEquals(skipped.get(), skips);
        assertEquals(TASKS * OVERLAP, labelled);
        assertTrue("some skipped", skips > 0);
    }

    /**
     * One annotator: pull, then submit (mostly), skip (every fourth) or, for two of them, walk away from their
     * fifth task for good; until the project is done. A 404 while others still hold tasks means "wait".
     */
    private void work(Api annotator, int who, long project, Map<Integer, Set<Long>> finished,
                      AtomicInteger submitted, AtomicInteger skipped, List<String> wrong) {
        Set<Long> mine = finished.computeIfAbsent(who, k -> ConcurrentHashMap.newKeySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        int pulled = 0;
        while (System.nanoTime() < deadline) {
            Reply next = annotator.get("projects/" + project + "/next");
            if (next.status() == 404) {
                if (projectDone(project)) {
                    return;
                }
                await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
                continue;
            }
            if (next.status() != 200) {
                wrong.add("next " + next.status() + " " + next.raw());
                return;
            }
            long task = next.body().get("task").get("id").asLong();
            if (mine.contains(task)) {
                wrong.add("annotator " + who + " got task " + task + " again after finishing it");
                return;
            }
            if (!next.body().get("task").get("completions").isEmpty()) {
                wrong.add("the stream showed others' completions: " + next.raw());
            }
            pulled++;
            if (who < 2 && pulled == 5) {
                // walks away holding the task: its lock runs out and somebody else gets it
                return;
            }
            Reply done = pulled % 4 == 0 ? annotator.post("tasks/" + task + "/skip", "")
                    : annotator.post("tasks/" + task + "/completions", "{\"result\":[" + Api.choice("Cat") + "]}");
            if (done.status() != 201) {
                wrong.add("submit of " + task + " by " + who + ": " + done.status() + " " + done.raw());
                return;
            }
            mine.add(task);
            (pulled % 4 == 0 ? skipped : submitted).incrementAndGet();
        }
        wrong.add("annotator " + who + " did not see the project done in time");
    }

    private boolean projectDone(long project) {
        return admin.get("projects/" + project + "/tasks/found").json("completions").asInt() >= TASKS * OVERLAP;
    }
}
