package io.labelhub.dm.storage.jpa.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage bundle's threads: an import's writer and an export's page reader run here, beside the request thread
 * that feeds or drains them. Each such task lives as long as its import or export, so the pool grows as needed
 * (a bounded pool could leave an import waiting for a writer that never starts); idle threads go after a minute.
 * Threads are daemons named {@code labelhub-storage-N}, and say what they do while they do it.
 */
@Component(service = StorageThreads.class)
public class StorageThreads {

    /** How long deactivation waits for running imports and exports before it interrupts them. */
    static final long SHUTDOWN_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StorageThreads.class);

    private final ExecutorService executor;

    @Activate
    public StorageThreads() {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "labelhub-storage-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs work on a storage thread, named {@code labelhub-storage-N (purpose)} meanwhile.
     *
     * @throws java.util.concurrent.RejectedExecutionException once the bundle is stopping
     */
    public Future<?> submit(String purpose, Runnable work) {
        return executor.submit(() -> {
            Thread thread = Thread.currentThread();
            String name = thread.getName();
            thread.setName(name + " (" + purpose + ")");
            try {
                work.run();
            } finally {
                thread.setName(name);
            }
        });
    }

    /**
     * Lets running imports and exports finish for a while; then interrupts them, which makes them fail (Derby closes
     * the connection of a thread interrupted in a statement), and their transactions roll back.
     */
    @Deactivate
    public void deactivate() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Storage threads still busy after {} s; interrupting them", SHUTDOWN_SECONDS);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
