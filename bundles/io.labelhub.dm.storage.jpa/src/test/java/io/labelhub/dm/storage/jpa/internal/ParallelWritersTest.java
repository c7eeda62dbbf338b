package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;

/**
 * Many small writers in one project at once — creating tasks, deleting tasks, adding completions — as a team at
 * work does: every write succeeds (no lock timeout, no deadlock) and the project's and tasks' counters are exact.
 */
class ParallelWritersTest {

    private static final int WRITERS = 50;

    @TempDir
    Path folder;

    private TestStorage storage;
    private User author;
    private Project project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        author = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        project = storage.projects.insert(new ProjectDraft("Busy", "", "<View/>", "sequential", 1), author.id());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Task newTask(String text) {
        return storage.tasks.insert(project.id(), new NewTask(Map.of("text", text), null,
                List.of(new NewCompletion(List.of(), 1.0, false, false)), List.of()), author.id());
    }

    @Test
    void fiftyWritersInOneProjectAllSucceedAndTheCountersAreExact() throws Exception {
        List<Task> doomed = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            doomed.add(newTask("doomed " + i));
        }
        List<Long> kept = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                writes.add(pool.submit(() -> {
                    for (int round = 0; round < 4; round++) {
                        if (n % 2 == 0) {
                            Task created = newTask("new " + n + "." + round);
                            storage.tasks.insertCompletion(created.id(), new NewCompletion(List.of(), 2.0, true,
                                    false), author.id());
                            kept.add(created.id());
                        } else if (round == 0) {
                            storage.tasks.delete(doomed.get(n).id());
                        } else {
                            storage.tasks.insertCompletion(doomed.get(n - 1).id(), new NewCompletion(List.of(), 3.0,
                                    false, false), author.id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long remaining = WRITERS + kept.size() - WRITERS / 2;
        assertEquals(remaining, storage.projects.find(project.id()).orElseThrow().taskCount());
        for (long id : kept) {
            Task task = storage.tasks.find(id, true).orElseThrow();
            assertEquals(1, task.completionCount());
            assertEquals(1, task.skippedCount());
        }
        for (int i = 0; i < WRITERS; i += 2) {
            Task survivor = storage.tasks.find(doomed.get(i).id(), true).orElseThrow();
            assertEquals(4, survivor.completionCount(), "its own and three added by its neighbour");
        }
    }
}
