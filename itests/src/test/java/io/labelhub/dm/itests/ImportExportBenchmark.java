package io.labelhub.dm.itests;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports and exports a generated project through the booted distribution running with a 512 MB heap, and
 * prints tasks/s, MB/s and the server's peak heap for each step. Run with
 * {@code mvn -B -pl itests -Pbenchmark verify} (after {@code mvn -B install -DskipTests});
 * {@code -Dbenchmark.tasks=N} changes the number of tasks (default 1,000,000); {@code -Dbenchmark.databases=derby}
 * (default {@code derby,postgresql}: each in turn, a fresh PostgreSQL database, printed side by side at the end);
 * {@code -Dbenchmark.labeled=false}
 * generates tasks with data only (what a team brings before labeling), without the completion and prediction.
 */
public final class ImportExportBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String EMAIL = "bench@labelhub.local";
    private static final String PASSWORD = "benchmark-pw";

    /** {@code [2026-11-29T09:28:00.066+0000] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5.1ms} */
    private static final Pattern GC_LINE = Pattern.compile("^\\[([^\\]]+)\\].* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ServerProcess server;
    private final Path gcLog;

    private ImportExportBenchmark(ServerProcess server) {
        this.server = server;
        this.gcLog = server.home.resolve("gc.log");
    }

    /** Step, then database, then the figure as printed. */
    private static final java.util.Map<String, java.util.Map<String, String>> FIGURES = new java.util.LinkedHashMap<>();
    private static String database;

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 1_000_000);
        List<String> databases = List.of(System.getProperty("benchmark.databases", "derby,postgresql").split(","));
        for (String name : databases) {
            database = name.strip();
            OUT.println("== " + database);
            try (ServerProcess server = ServerProcess.unpack("benchmark")) {
                if (database.equals("postgresql")) {
                    server.environment.putAll(ItDatabase.postgresql(ItDatabase.create()));
                }
                new ImportExportBenchmark(server).run(tasks, server.home.getParent());
            }
        }
        OUT.printf(Locale.ROOT, "%n%,d tasks over HTTP, server heap -Xmx512m%n", tasks);
        FIGURES.forEach((step, byDatabase) -> {
            OUT.printf(Locale.ROOT, "%-12s", step);
            databases.forEach(d -> OUT.printf(Locale.ROOT, " | %-10s %s", d.strip(),
                    byDatabase.getOrDefault(d.strip(), "-")));
            OUT.println();
        });
    }

    private void run(int tasks, Path folder) throws Exception {
        Path file = folder.resolve("tasks.json");
        long generateStart = System.nanoTime();
        boolean labeled = Boolean.parseBoolean(System.getProperty("benchmark.labeled", "true"));
        generate(file, tasks, labeled);
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        long bytes = Files.size(file);
        OUT.printf(Locale.ROOT, "generated %,d tasks (%s): %.1f MB in %.1f s%n", tasks,
                labeled ? "one completion, one prediction each" : "data only", bytes / 1e6, generateSeconds);

        long started = System.nanoTime();
        server.start(("-Xms512m -Xmx512m -Xlog:gc:file=" + gcLog + ":time "
                + System.getProperty("benchmark.jvmOptions", "")).trim());
        OUT.printf(Locale.ROOT, "distribution up in %.1f s (heap -Xmx512m, pid %d)%n",
                (System.nanoTime() - started) / 1e9, server.pid());
        long project = createProject();

        Step importStep = measure(() -> {
            HttpResponse<String> response = server.client().send(server.request("projects/" + project + "/import")
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofHours(1))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("import answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            return bytes;
        });
        report("import JSON", tasks, importStep);

        for (String type : List.of("JSON", "CSV")) {
            Step export = measure(() -> {
                HttpResponse<InputStream> response = server.client().send(server.request("projects/" + project
                        + "/export?exportType=" + type + "&download_all_tasks=true").timeout(Duration.ofHours(1))
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("export answered " + response.statusCode());
                }
                try (InputStream in = response.body()) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            });
            report("export " + type, tasks, export);
        }
    }

    private static void generate(Path file, int tasks, boolean labeled) throws IOException {
        String[] labels = {"Cat", "Dog"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int i = 0; i < tasks; i++) {
                String label = labels[i % 2];
                out.write("{\"data\":{\"text\":\"Task number " + i + ": a short sentence about a " + label
                        + " to label.\"}");
                if (labeled) {
                    out.write(",\"completions\":[{\"result\":[" + Api.choice(label) + "],\"lead_time\":"
                            + (i % 97) / 7.0 + "}],\"predictions\":[{\"result\":[" + Api.choice(labels[(i + 1) % 2])
                            + "],\"score\":" + (i % 1000) / 1000.0 + ",\"model_version\":\"bench\"}]");
                }
                out.write("}");
                out.write(i + 1 < tasks ? ",\n" : "\n");
            }
            out.write("]\n");
        }
    }

    private long createProject() throws Exception {
        String config = "<View><Text name=\\\"text\\\" value=\\\"$text\\\"/><Choices name=\\\"label\\\" "
                + "toName=\\\"text\\\"><Choice value=\\\"Cat\\\"/><Choice value=\\\"Dog\\\"/></Choices></View>";
        HttpResponse<String> response = server.client().send(server.request("projects").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Benchmark\",\"label_config\":\"" + config
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return Long.parseLong(body.substring(body.indexOf("\"id\":") + 5, body.indexOf(',')));
    }

    private interface Action {
        long run() throws Exception;
    }

    /** Bytes: the most in use (before a collection), the most still in use after one; of this many collections. */
    private record Heap(long peak, long live, int collections) {
    }

    private record Step(double seconds, long bytes, Heap heap) {
    }

    /** Runs an action and reads the server's peak heap during it from the server's GC log. */
    private Step measure(Action action) throws Exception {
        Instant started = Instant.now();
        long start = System.nanoTime();
        long bytes = action.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Instant ended = Instant.now();
        return new Step(seconds, bytes, heap(started, ended));
    }

    /**
     * The heap during [from, to]: the largest occupancy before a collection in that interval (the heap only grows
     * between collections, so its highs are the moments a collection starts; G1 lets it fill what -Xmx allows), and
     * the largest occupancy after one (what the server really kept). Read from the server's own GC log so
     * measuring costs the server nothing (sampling with {@code jstat} started a JVM every 200 ms and
     * took a third of this 2-core machine's CPU from the server).
     */
    private Heap heap(Instant from, Instant to) throws IOException {
        long peak = 0;
        long live = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                Instant at = OffsetDateTime.parse(m.group(1), GC_TIME).toInstant();
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    peak = Math.max(peak, bytes(m.group(2), m.group(3)));
                    live = Math.max(live, bytes(m.group(4), m.group(5)));
                    collections++;
                }
            }
        }
        return new Heap(peak, live, collections);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "G" -> value << 30;
            case "M" -> value << 20;
            case "K" -> value << 10;
            default -> value;
        };
    }

    private static void report(String step, int tasks, Step s) {
        String heap = s.heap().collections() == 0 ? "no collection of the server's heap during this step"
                : String.format(Locale.ROOT, "peak server heap %5.0f MB (after GC at most %5.0f MB)",
                        s.heap().peak() / 1e6, s.heap().live() / 1e6);
        OUT.printf(Locale.ROOT, "%-12s %,10d tasks in %7.1f s: %,9.0f tasks/s, %6.1f MB/s, %s%n", step, tasks,
                s.seconds(), tasks / s.seconds(), s.bytes() / 1e6 / s.seconds(), heap);
        FIGURES.computeIfAbsent(step, k -> new java.util.LinkedHashMap<>()).put(database, String.format(Locale.ROOT,
                "%6.1f s, heap peak %4.0f MB", s.seconds(), s.heap().peak() / 1e6));
    }
}
