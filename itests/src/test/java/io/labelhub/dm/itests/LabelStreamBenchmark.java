package io.labelhub.dm.itests;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fifty annotators at once over HTTP on a project of 100,000 tasks (each with a scored prediction), on the booted
 * distribution: each pulls its next task and submits a completion, again and again, for 30 s. Prints the rate of
 * next+submit and the p50/p99 of each, beside a floor measured in the same run by the same clients: an
 * authenticated {@code GET /api/current-user}. Run with {@code mvn -B -pl itests -Pbenchmark verify
 * -Dbenchmark.main=io.labelhub.dm.itests.LabelStreamBenchmark} (after {@code mvn -B install -DskipTests});
 * {@code -Dbenchmark.tasks=N}, {@code -Dbenchmark.annotators=N}, {@code -Dbenchmark.seconds=N} and
 * {@code -Dbenchmark.sampling=sequential|uniform|uncertainty} change the defaults.
 */
public final class LabelStreamBenchmark {

    private static final PrintStream OUT = System.out;
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final String PASSWORD = "annotator-pw-1";

    private final ServerProcess server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LabelStreamBenchmark(ServerProcess server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 100_000);
        int annotators = Integer.getInteger("benchmark.annotators", 50);
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        String sampling = System.getProperty("benchmark.sampling", "uncertainty");
        try (ServerProcess server = ServerProcess.unpack("stream-benchmark")) {
            // -Dbenchmark.jvm adds options of the server JVM, e.g. -XX:StartFlightRecording=... to profile it
            server.start("-Xms512m -Xmx512m " + System.getProperty("benchmark.jvm", ""));
            new LabelStreamBenchmark(server).run(tasks, annotators, seconds, sampling);
        }
    }

    private void run(int tasks, int annotators, int seconds, String sampling) throws Exception {
        String config = "<View><Text name=\\\"text\\\" value=\\\"$text\\\"/><Choices name=\\\"label\\\" "
                + "toName=\\\"text\\\"><Choice value=\\\"Cat\\\"/><Choice value=\\\"Dog\\\"/></Choices></View>";
        long project = id(send(server.request("projects"), "POST", "{\"title\":\"Stream benchmark\",\"sampling\":\""
                + sampling + "\",\"label_config\":\"" + config + "\"}", 201));
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < tasks; i++) {
            body.append(i == 0 ? "" : ",").append("{\"data\":{\"text\":\"Task ").append(i)
                    .append(": a short sentence to label.\"},\"predictions\":[{\"result\":[")
                    .append(Api.choice(i % 2 == 0 ? "Cat" : "Dog")).append("],\"score\":")
                    .append((i * 7919L % 1000) / 1000.0).append("}]}");
        }
        long imported = System.nanoTime();
        send(server.request("projects/" + project + "/import").timeout(Duration.ofMinutes(30)), "POST",
                body.append("]").toString(), 201);
        OUT.printf(Locale.ROOT, "project of %,d tasks (sampling %s) imported in %.1f s%n", tasks, sampling,
                (System.nanoTime() - imported) / 1e9);

        List<String> auths = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int a = 0; a < annotators; a++) {
            String email = "annotator" + a + "-" + run + "@bench.local";
            long user = id(send(server.request("users"), "POST", "{\"email\":\"" + email + "\",\"password\":\""
                    + PASSWORD + "\",\"role\":\"annotator\"}", 201));
            send(server.request("projects/" + project + "/members"), "POST", "{\"user\":" + user + "}", 201);
            auths.add("Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }

        List<Long> floor = Collections.synchronizedList(new ArrayList<>());
        List<Long> next = Collections.synchronizedList(new ArrayList<>());
        List<Long> submit = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        // every client signs in once first, so the floor and the run both meet remembered sign-ins
        clients(auths, 5, auth -> timed(floor, auth, "current-user", "GET", null, 200, failures));
        floor.clear();
        clients(auths, 10, auth -> timed(floor, auth, "current-user", "GET", null, 200, failures));
        // one annotator alone first: what a request costs when nobody waits for anybody
        List<Long> aloneNext = Collections.synchronizedList(new ArrayList<>());
        List<Long> aloneSubmit = Collections.synchronizedList(new ArrayList<>());
        clients(auths.subList(0, 1), 5, auth -> {
            String handed = timed(aloneNext, auth, "projects/" + project + "/next", "GET", null, 200, failures);
            Matcher task = handed == null ? null : ID.matcher(handed);
            if (task != null && task.find()) {
                timed(aloneSubmit, auth, "tasks/" + task.group(1) + "/completions", "POST", "{\"result\":["
                        + Api.choice("Cat") + "],\"lead_time\":1.5}", 201, failures);
            }
        });
        print("next, one annotator alone", aloneNext, 0);
        print("submit, one alone", aloneSubmit, 0);
        long started = System.nanoTime();
        clients(auths, seconds, auth -> {
            String handed = timed(next, auth, "projects/" + project + "/next", "GET", null, 200, failures);
            if (handed != null) {
                Matcher task = ID.matcher(handed);
                if (task.find()) {
                    timed(submit, auth, "tasks/" + task.group(1) + "/completions", "POST", "{\"result\":["
                            + Api.choice("Cat") + "],\"lead_time\":1.5}", 201, failures);
                }
            }
        });
        double elapsed = (System.nanoTime() - started) / 1e9;
        OUT.printf(Locale.ROOT, "%d annotators, %d s: %,d next + submit, %.0f submits/s, %d failed requests%n",
                annotators, seconds, submit.size(), submit.size() / elapsed, failures.get());
        long floorP99 = print("floor (GET /current-user)", floor, 0);
        print("next", next, floorP99);
        print("submit", submit, floorP99);
    }

    private interface Client {
        void act(String auth) throws Exception;
    }

    /** Each client in its own thread, acting again and again for the given seconds. */
    private static void clients(List<String> auths, int seconds, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(auths.size());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String auth : auths) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() - end < 0) {
                        client.act(auth);
                    }
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get(seconds + 300L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String timed(List<Long> into, String auth, String path, String method, String body, int expected,
                         AtomicInteger failures) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        into.add(System.nanoTime() - start);
        if (response.statusCode() != expected) {
            failures.incrementAndGet();
            return null;
        }
        return response.body();
    }

    private String send(HttpRequest.Builder request, String method, String body, int expected) throws Exception {
        HttpResponse<String> response = client.send(request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    private static long id(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return Long.parseLong(id.group(1));
    }

    /** Prints p50/p99 (with the ratio of p99 to the floor's) and answers the p99 in microseconds. */
    private static long print(String what, List<Long> nanos, long floorP99) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            OUT.printf(Locale.ROOT, "%-26s no requests%n", what);
            return 0;
        }
        long p50 = sorted.get(sorted.size() / 2) / 1000;
        long p99 = sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 99L / 100)) / 1000;
        OUT.printf(Locale.ROOT, "%-26s n=%,7d p50 %7.1f ms p99 %7.1f ms%s%n", what, sorted.size(), p50 / 1000.0,
                p99 / 1000.0, floorP99 == 0 ? "" : String.format(Locale.ROOT, "  (p99 %.1fx the floor's)",
                        (double) p99 / Math.max(1, floorP99)));
        return p99;
    }
}
