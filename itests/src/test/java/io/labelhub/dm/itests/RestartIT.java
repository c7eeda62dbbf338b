package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.labelhub.dm.itests.Api.Reply;

/**
 * The distribution as an admin runs it — unpacked, started with {@code bin/karaf server} on a machine where it can
 * fetch nothing from a Maven repository — stopped cleanly, killed with SIGKILL, and started again on the same
 * folder: what was committed is still there.
 */
class RestartIT {

    private static final String EMAIL = "admin@restart.local";
    private static final String PASSWORD = "restart-admin-pw";

    private Path home;
    private int port;
    private Process karaf;

    @BeforeEach
    void unpack() throws Exception {
        Path target = Path.of(System.getProperty("labelhub.itest.dir", "target"));
        Path folder = Files.createDirectories(target.resolve("restart-" + System.nanoTime()));
        run(List.of("tar", "xzf", System.getProperty("labelhub.distribution"), "-C", folder.toString()));
        try (var entries = Files.list(folder)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        port = DistributionOptions.freePort();
        Path web = home.resolve("etc/org.ops4j.pax.web.cfg");
        String config = Files.readString(web).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port\\s*=.*$",
                "org.osgi.service.http.port = " + port);
        Files.writeString(web, config);
        // as on a machine without Maven or network: whatever the boot needs must be in the distribution's system/
        Path noRepository = Files.createDirectories(folder.resolve("empty-maven-repository"));
        Files.writeString(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"),
                "\norg.ops4j.pax.url.mvn.localRepository = " + noRepository.toAbsolutePath()
                        + "\norg.ops4j.pax.url.mvn.repositories =\n", StandardOpenOption.APPEND);
    }

    @AfterEach
    void stop() {
        if (karaf != null) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "timed out: " + command);
        assertEquals(0, process.exitValue(), "failed: " + command);
    }

    /** Starts {@code bin/karaf server} without waiting for it. */
    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("DM_ADMIN_EMAIL", EMAIL);
        builder.environment().put("DM_ADMIN_PASSWORD", PASSWORD);
        karaf = builder.start();
    }

    private Api start() throws IOException {
        launch();
        Api api = Api.at(port);
        Api admin = api.basic(EMAIL, PASSWORD);
        try {
            // while the JAX-RS application comes up, a request can get CXF's HTML "No service was found": try again
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> api.healthStatus() == 200 && admin.get("current-user").status() == 200);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the distribution did not start within 120 s; health answers "
                    + api.healthStatus() + KarafLog.problems(home.resolve("data/log/karaf.log")), e);
        }
        return admin;
    }

    /** Stops the JVM that bin/karaf started: SIGTERM lets Karaf shut down, SIGKILL does not. */
    private void stopJvm(boolean kill) {
        ProcessHandle jvm = karaf.descendants().filter(p -> p.info().command().orElse("").contains("java"))
                .findFirst().orElseThrow(() -> new AssertionError("no Karaf JVM under " + karaf.pid()));
        if (kill) {
            jvm.destroyForcibly();
        } else {
            jvm.destroy();
        }
        jvm.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        karaf.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void committedDataSurvivesARestartAndAKill() throws Exception {
        Api admin = start();
        long project = admin.post("projects", "{\"title\":\"Durable\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}").id();
        long first = admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"before restart\"},"
                + "\"completions\":[{\"result\":[" + Api.choice("Cat") + "]}]}").id();

        stopJvm(false);
        admin = start();
        Reply afterRestart = admin.get("tasks/" + first);
        assertEquals(200, afterRestart.status(), afterRestart.raw());
        assertEquals("before restart", afterRestart.json("data").get("text").asText());
        assertEquals(1, afterRestart.json("total_completions").asInt());
        long second = admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"before kill\"}}").id();
        long completion = admin.post("tasks/" + second + "/completions", "{\"result\":[" + Api.choice("Dog")
                + "],\"ground_truth\":true}").id();

        stopJvm(true);
        admin = start();
        Reply tasks = admin.get("projects/" + project + "/tasks");
        assertEquals(2, tasks.json("total").asInt(), tasks.raw());
        Reply afterKill = admin.get("tasks/" + second);
        assertEquals(1, afterKill.json("total_completions").asInt());
        assertTrue(afterKill.json("ground_truth").asBoolean());
        assertEquals(completion, afterKill.json("completions").get(0).get("id").asLong());
        assertEquals(1, admin.get("users").json("total").asInt(), "the first admin is created only once");
        String log = Files.readString(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertEquals(1, log.split("Migrating the database schema to version 1:", -1).length - 1,
                "the schema is created once and kept across restarts");
    }

    @Test
    void aCleanBootLogsNoError() throws Exception {
        Api admin = start();
        assertEquals(200, admin.get("projects").status());
        List<String> errors = Files.readAllLines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("| ERROR |")).toList();
        assertEquals(List.of(), errors, "an admin reading the log after a clean start finds no ERROR");
    }

    @Test
    void aUserCanSignInAtTheFirstHealthyAnswerOfAFreshServer() throws Exception {
        for (int start = 1; start <= 3; start++) {
            if (karaf != null) {
                stopJvm(true);
                deleteTree(home.resolve("data"));
            }
            launch();
            Api api = Api.at(port);
            Api admin = api.basic(EMAIL, PASSWORD);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> api.healthStatus() == 200);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("start " + start + ": health never answered 200"
                        + KarafLog.problems(home.resolve("data/log/karaf.log")), e);
            }
            Reply me = admin.get("current-user");
            assertEquals(200, me.status(), "start " + start + ", right after the first 200 of health: " + me.raw());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
