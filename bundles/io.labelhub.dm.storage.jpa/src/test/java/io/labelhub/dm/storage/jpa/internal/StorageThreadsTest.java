package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The storage bundle's executor: what DS activates and deactivates, as the tests' TestStorage does. */
class StorageThreadsTest {

    @Test
    void workRunsOnNamedDaemonThreadsUntilDeactivated() throws Exception {
        StorageThreads threads = new StorageThreads();
        AtomicReference<String> name = new AtomicReference<>();
        AtomicBoolean daemon = new AtomicBoolean();
        threads.submit("export reader of project 7", () -> {
            name.set(Thread.currentThread().getName());
            daemon.set(Thread.currentThread().isDaemon());
        }).get();

        assertTrue(name.get().matches("labelhub-storage-\\d+ \\(export reader of project 7\\)"), name.get());
        assertTrue(daemon.get());

        threads.deactivate();
        assertThrows(RejectedExecutionException.class, () -> threads.submit("too late", () -> { }));
    }

    @Test
    void deactivationWaitsForRunningWork() throws Exception {
        StorageThreads threads = new StorageThreads();
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        threads.submit("import writer of project 1", () -> {
            started.countDown();
            // busy for a moment, without sleeping: deactivation must not return meanwhile
            long deadline = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        started.await();

        threads.deactivate();
        assertTrue(finished.get(), "deactivation returned before the running work ended");
    }
}
