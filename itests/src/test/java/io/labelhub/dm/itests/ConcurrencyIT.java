package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

import io.labelhub.dm.itests.Api.Reply;

/**
 * A team at work in one project: 50 clients at once, each creating tasks, labelling them and deleting some, for
 * 20 seconds, over HTTP. No answer is a 5xx (no lock timeout, no deadlock), and afterwards every counter is exact.
 * The latencies (p50, p99, max per request) are written to {@code itests/target/concurrency-figures.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConcurrencyIT {

    private static final Readiness READINESS = new Readiness();
    private static final int CLIENTS = 50;
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Duration FLOOR = Duration.ofSeconds(5);

    private Api admin;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "projects");
    }

    private record Outcome(int status, long nanos, String what) {
    }

    @Test
    public void fiftyClientsCreatingLabellingAndDeletingInOneProjectAllSucceed() throws Exception {
        Reply created = admin.post("projects", "{\"title\":\"Team at work\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        long project = created.id();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Outcome> floor = floor();
        Map<Long, Integer> completions = new ConcurrentHashMap<>();
        AtomicInteger deleted = new AtomicInteger();
        long end = System.nanoTime() + RUN.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int r = 0; System.nanoTime() - end < 0; r++) {
                        int round = r;
                        Reply task = timed(outcomes, "create", () -> admin.post("projects/" + project + "/tasks",
                                "{\"data\":{\"text\":\"client " + client + " round " + round + "\"}}"));
                        if (task.status() != 201) {
                            continue;
                        }
                        long id = task.id();
                        Reply label = timed(outcomes, "label", () -> admin.post("tasks/" + id + "/completions",
                                "{\"result\":[" + Api.choice(round % 2 == 0 ? "Cat" : "Dog") + "],\"lead_time\":1}"));
                        if (label.status() == 201) {
                            completions.merge(id, 1, Integer::sum);
                        }
                        if (round % 3 == 2) {
                            Reply gone = timed(outcomes, "delete", () -> admin.delete("tasks/" + id));
                            if (gone.status() == 204) {
                                completions.remove(id);
                                deleted.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        List<Outcome> failed = outcomes.stream().filter(o -> o.status() >= 500 || o.status() < 200).toList();
        String figures = figures(outcomes, floor);
        writeFigures(figures);
        assertEquals("failed answers: " + failed.stream().limit(10).toList() + "\n" + figures, 0, failed.size());
        assertEquals(figures, 0, outcomes.stream().filter(o -> o.status() >= 300).count());

        Reply table = admin.get("projects/" + project + "/tasks?page_size=1000&page=1");
        assertEquals(completions.size(), table.json("total").asInt());
        assertEquals(completions.size(), admin.get("projects/" + project).json("task_count").asInt());
        long labelled = 0;
        int seen = 0;
        for (int page = 1; seen < completions.size(); page++) {
            Reply rows = admin.get("projects/" + project + "/tasks?page_size=1000&page=" + page);
            assertTrue("page " + page + " is empty after " + seen + " rows", rows.json("tasks").size() > 0);
            for (var row : rows.json("tasks")) {
                Integer expected = completions.get(row.get("id").asLong());
                assertEquals("task " + row.get("id"), expected, Integer.valueOf(row.get("completions").asInt()));
                labelled += expected;
                seen++;
            }
        }
        assertEquals(labelled, admin.get("projects/" + project + "/tasks/found").json("completions").asLong());
        assertTrue("the clients did some work: " + figures, outcomes.size() > CLIENTS * 3 && deleted.get() > 0);
    }

    private interface Call {
        Reply send();
    }

    private static Reply timed(List<Outcome> outcomes, String what, Call call) {
        long started = System.nanoTime();
        Reply reply;
        try {
            reply = call.send();
        } catch (RuntimeException e) {
            outcomes.add(new Outcome(-1, System.nanoTime() - started, what + ": " + e));
            return new Reply(-1, null, java.util.Optional.empty(), java.util.Optional.empty(), String.valueOf(e));
        }
        outcomes.add(new Outcome(reply.status(), System.nanoTime() - started, what));
        return reply;
    }

    /**
     * The floor of this machine at this hour: the same clients, for a few seconds, each asking who they are (HTTP,
     * sign-in, one read of a user row, JSON), so the figures of the writes can be read as a ratio to it.
     */
    private List<Outcome> floor() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + FLOOR.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() - end < 0) {
                        timed(outcomes, "floor", () -> admin.get("current-user"));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(FLOOR.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        return outcomes;
    }

    private static String figures(List<Outcome> outcomes, List<Outcome> floor) {
        StringBuilder text = new StringBuilder(CLIENTS + " clients, " + RUN.toSeconds() + " s, one project; floor: "
                + "the same clients reading GET /current-user for " + FLOOR.toSeconds() + " s\n");
        long[] base = millis(floor, "floor");
        text.append(line("floor", base, null));
        for (String what : List.of("create", "label", "delete")) {
            long[] millis = millis(outcomes, what);
            if (millis.length > 0) {
                text.append(line(what, millis, base));
            }
        }
        return text.toString();
    }

    private static long[] millis(List<Outcome> outcomes, String what) {
        return outcomes.stream().filter(o -> o.what().equals(what)).mapToLong(o -> o.nanos() / 1_000_000).sorted()
                .toArray();
    }

    private static long p99(long[] millis) {
        return millis[(int) Math.min(millis.length - 1, millis.length * 99L / 100)];
    }

    private static String line(String what, long[] millis, long[] floor) {
        String ratio = floor == null || floor.length == 0 ? ""
                : String.format(" (p99 %.1fx the floor's)", (double) p99(millis) / Math.max(1, p99(floor)));
        return String.format("%-6s n=%d p50=%d ms p99=%d ms max=%d ms%s%n", what, millis.length,
                millis[millis.length / 2], p99(millis), millis[millis.length - 1], ratio);
    }

    /** Beside the container's folder, in itests/target, where it outlives the container. */
    private static void writeFigures(String figures) throws IOException {
        Path home = Path.of(System.getProperty("karaf.home"));
        Files.writeString(home.getParent().getParent().resolve("concurrency-figures.txt"), figures);
    }
}
