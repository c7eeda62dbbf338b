package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.labelhub.dm.itests.Api.Reply;

/**
 * Other users while a large import writes: on embedded Derby the import's transaction ends up locking the task
 * tables, so a request that needs them waits; when it waits longer than the lock timeout it gets a 503 "busy"
 * with Retry-After (never a 500), and once the import committed everything answers again. On PostgreSQL readers
 * never wait for the import (MVCC): every read answers 200 with the committed rows while it writes. The project list does
 * not wait at all: the import does not lock its project's row. An export is written whole before it is sent, so
 * it is a complete 200 or a 503, never a 200 cut short.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BusyIT {

    private static final Readiness READINESS = new Readiness();

    /** Large enough to write for several seconds (5 rows per task) and to pass Derby's lock escalation. */
    private static final int TASKS = 100_000;

    private Api admin;

    /** A short lock timeout, so a request gives up well within the import. */
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(DistributionOptions.options(), editConfigurationFilePut(
                "etc/custom.system.properties", "derby.locks.waitTimeout", "2"), editConfigurationFilePut(
                "etc/io.labelhub.dm.database.cfg", "DM_DB_LOCK_TIMEOUT", "2"));
    }

    @Before
    public void awaitHealthy() {
        Api anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "projects");
    }

    private long project(String title) {
        Reply created = admin.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private static Path labeledTasks(int count) throws IOException {
        Path file = Files.createTempFile("busy-import", ".json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[");
            for (int i = 0; i < count; i++) {
                String label = i % 2 == 0 ? "Cat" : "Dog";
                out.write((i == 0 ? "" : ",\n") + "{\"data\":{\"text\":\"task " + i + "\"},\"completions\":[{\"result\":["
                        + Api.choice(label) + "]}],\"predictions\":[{\"result\":[" + Api.choice(label)
                        + "],\"score\":0.5}]}");
            }
            out.write("]");
        }
        return file;
    }

    @Test
    public void requestsThatWaitTooLongForALargeImportAreBusyNotErrors() throws Exception {
        long importing = project("Importing");
        long other = project("Other");
        Reply task = admin.post("projects/" + other + "/tasks", "{\"data\":{\"text\":\"meanwhile\"}}");
        assertEquals(task.raw(), 201, task.status());
        Path file = labeledTasks(TASKS);
        try {
            CompletableFuture<Reply> imported = CompletableFuture.supplyAsync(() ->
                    admin.postFile("projects/" + importing + "/import", file, Duration.ofMinutes(10)));

            String export = "projects/" + other + "/export?exportType=JSON&download_all_tasks=true";
            List<String> paths = List.of("projects/" + other + "/tasks?page=1&page_size=10", "tasks/" + task.id(),
                    export);
            List<Reply> meanwhile = new ArrayList<>();
            List<Reply> projectLists = new ArrayList<>();
            while (!imported.isDone()) {
                for (String path : paths) {
                    Reply reply = admin.get(path);
                    meanwhile.add(reply);
                    if (path.equals(export) && reply.status() == 200) {
                        // an export is whole or not at all: never a 200 cut short
                        assertEquals(reply.raw(), 1, reply.body().size());
                        assertEquals("meanwhile", reply.body().get(0).get("data").get("text").asText());
                    }
                }
                projectLists.add(admin.get("projects"));
                Thread.sleep(200);
            }

            Reply done = imported.get();
            assertEquals(done.raw(), 201, done.status());
            assertEquals(TASKS, done.json("task_count").asInt());
            int busy = 0;
            for (Reply reply : meanwhile) {
                if (reply.status() == 503) {
                    busy++;
                    assertEquals(reply.raw(), "busy", reply.json("error").asText());
                    assertEquals(reply.raw(), "5", reply.retryAfter().orElse(null));
                } else {
                    assertEquals(reply.raw(), 200, reply.status());
                }
            }
            assertTrue("requests were made during the import", meanwhile.size() >= paths.size());
            if (ItDatabase.isPostgresql()) {
                assertEquals("readers wait for no import on PostgreSQL: " + meanwhile.size() + " requests", 0, busy);
            } else {
                assertTrue("no request waited in vain during the import: " + meanwhile.size() + " requests",
                        busy > 0);
            }
            // the import does not hold its project's row: the project list never waits for it
            for (Reply reply : projectLists) {
                assertEquals(reply.raw(), 200, reply.status());
            }

            Reply after = admin.get("projects/" + other + "/tasks?page=1&page_size=10");
            assertEquals(after.raw(), 200, after.status());
            assertEquals(1, after.json("total").asInt());
            assertEquals(TASKS, admin.get("projects/" + importing).json("task_count").asInt());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
