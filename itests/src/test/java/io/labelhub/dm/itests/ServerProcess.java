package io.labelhub.dm.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution, unpacked into a folder of its own and started as an operator would ({@code bin/karaf
 * server}) for a benchmark or a test of several nodes, with its first admin and whatever else {@link #environment}
 * holds (DM_DB_URL, ...); stopped by the process it started.
 */
final class ServerProcess implements AutoCloseable {

    static final String EMAIL = "bench@labelhub.local";
    static final String PASSWORD = "benchmark-pw";

    final Path home;
    final int port;
    /** Environment variables for the server, besides its admin's. */
    final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(
            (EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private Process karaf;
    private long jvmPid;

    private ServerProcess(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Unpacks the distribution ({@code labelhub.distribution}) below {@code labelhub.itest.dir}. */
    static ServerProcess unpack(String name) throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("labelhub.itest.dir", "target"));
        Path folder = Files.createDirectories(target.resolve(name + "-" + System.currentTimeMillis()));
        Process untar = new ProcessBuilder("tar", "xzf", System.getProperty("labelhub.distribution"), "-C",
                folder.toString()).inheritIO().start();
        if (untar.waitFor() != 0) {
            throw new IllegalStateException("cannot unpack the distribution");
        }
        try (var entries = Files.list(folder)) {
            return new ServerProcess(entries.filter(Files::isDirectory).findFirst().orElseThrow(),
                    DistributionOptions.freePort());
        }
    }

    HttpClient client() {
        return client;
    }

    /** A request to {@code /api/<path>} as the admin. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", auth);
    }

    String base() {
        return "http://127.0.0.1:" + port + "/api/";
    }

    long pid() {
        return jvmPid;
    }

    /** Starts the server with these JVM options and waits until the admin is served. */
    void start(String javaOptions) throws Exception {
        launch(javaOptions);
        awaitServing();
    }

    /** Starts the server with these JVM options, without waiting for it. */
    void launch(String javaOptions) throws IOException {
        Path web = home.resolve("etc/org.ops4j.pax.web.cfg");
        Files.writeString(web, Files.readString(web).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port\\s*=.*$",
                "org.osgi.service.http.port = " + port));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        // Karaf 4.4's start script passes JAVA_OPTS to the JVM
        builder.environment().put("JAVA_OPTS", javaOptions);
        builder.environment().put("DM_ADMIN_EMAIL", EMAIL);
        builder.environment().put("DM_ADMIN_PASSWORD", PASSWORD);
        builder.environment().putAll(environment);
        karaf = builder.start();
    }

    /**
     * Waits up to 120 s until the admin's project and user lists answer 200: each resource registers with the JAX-RS
     * whiteboard on its own, so one answering says nothing of the other.
     */
    void awaitServing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (client.send(request("projects").GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200 && client.send(request("users").GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the distribution did not start; see " + home);
            }
            Thread.sleep(200);
        }
        jvmPid = karaf.descendants().filter(p -> p.info().command().orElse("").contains("java")).findFirst()
                .orElseThrow().pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (karaf == null) {
            return;
        }
        karaf.descendants().forEach(ProcessHandle::destroy);
        karaf.destroy();
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }
}
