package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.labelhub.dm.itests.Api.Reply;

/**
 * A server on PostgreSQL whose database is not there, goes away and comes back — through a {@link TcpProxy} the test
 * cuts and restores, as a stopped and restarted database would be. Started before its database, the server logs why
 * in a line, answers 503 from health and comes up by itself once the database does; when the database goes away
 * later every request answers 503 "database unavailable" (never a 500) and stores nothing, and the server serves
 * again by itself when it is back. Wrong credentials are a line in the log and a 503, too.
 */
class DatabaseOutagePostgresqlIT {

    private ServerProcess server;
    private TcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private String log() throws Exception {
        Path log = server.home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private Reply health(Api api) {
        return api.get("health");
    }

    @Test
    void theServerWaitsForItsDatabaseAndRecoversWhenItComesBack() throws Exception {
        String database = ItDatabase.create();
        String name = database.substring(database.lastIndexOf('/') + 1);
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.cut();
        server = ServerProcess.unpack("outage");
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name;
        server.environment.putAll(ItDatabase.postgresql(url));
        server.launch("");
        Api anonymous = Api.at(server.port);
        Api admin = anonymous.basic(ServerProcess.EMAIL, ServerProcess.PASSWORD);

        // before the database: 503 from health, and the reason in one line of the log
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> anonymous.healthStatus() == 503 && log().contains("cannot be used yet"));
        assertEquals("starting", health(anonymous).json("status").asText());
        String line = log().lines().filter(l -> l.contains("cannot be used yet")).findFirst().orElseThrow();
        assertTrue(line.contains("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name)
                && line.contains("refused"), line);

        // the database comes up: the server follows by itself
        proxy.restore();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> anonymous.healthStatus() == 200 && admin.get("current-user").status() == 200);
        assertEquals("PostgreSQL", health(anonymous).json("database").asText());
        long project = admin.post("projects", "{\"title\":\"Outage\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}").id();
        assertEquals(201, admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"before\"}}").status());

        // the database goes away: 503s that say so, nothing stored, no 500
        proxy.cut();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> anonymous.healthStatus() == 503);
        Reply down = health(anonymous);
        assertEquals("unavailable", down.json("status").asText(), down.raw());
        Reply read = admin.get("projects/" + project + "/tasks");
        assertEquals(503, read.status(), read.raw());
        assertEquals("database unavailable", read.json("error").asText(), read.raw());
        assertTrue(read.retryAfter().isPresent(), read.raw());
        Reply write = admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"while down\"}}");
        assertEquals(503, write.status(), write.raw());
        assertEquals("database unavailable", write.json("error").asText(), write.raw());

        // back: served again, with exactly what was committed
        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> anonymous.healthStatus() == 200
                        && admin.get("projects/" + project + "/tasks").status() == 200);
        Reply tasks = admin.get("projects/" + project + "/tasks");
        assertEquals(1, tasks.json("total").asInt(), tasks.raw());
        assertEquals(201, admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"after\"}}").status());
        assertEquals(2, admin.get("projects/" + project + "/tasks").json("total").asInt());
        assertTrue(log().lines().noneMatch(l -> l.contains("Unexpected error")), "no request failed as a bug");
    }

    @Test
    void credentialsTheDatabaseRefusesAreALogLineAndA503() throws Exception {
        String database = ItDatabase.create();
        server = ServerProcess.unpack("refused");
        server.environment.put("DM_DB_URL", database);
        server.environment.put("DM_DB_USER", "nobody_" + ProcessHandle.current().pid());
        server.launch("");
        Api anonymous = Api.at(server.port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> anonymous.healthStatus() == 503 && log().contains("cannot be used yet"));
        String line = log().lines().filter(l -> l.contains("cannot be used yet")).findFirst().orElseThrow();
        assertTrue(line.contains("nobody_") && line.contains("SQLState 28"), line);
        assertEquals("starting", health(anonymous).json("status").asText());
    }
}
