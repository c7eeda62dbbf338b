package io.labelhub.dm.storage.jpa.internal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.storage.TaskExportStore.TaskCursor;
import io.labelhub.dm.storage.jpa.internal.StorageThreads;

/**
 * Reads the next pages on a storage thread while the caller writes the current one, two pages ahead at most. The
 * reader is stopped by a flag, never interrupted: Derby closes the connection of a thread interrupted in a
 * statement. A failure of the reader is thrown to the caller once it has written the pages read before it.
 */
final class Prefetch implements TaskCursor {

    private final List<Task> end = new ArrayList<>(0);
    private final BlockingQueue<List<Task>> pages = new ArrayBlockingQueue<>(2);
    private final Future<?> reader;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private List<Task> page = List.of();
    private int position;
    private boolean done;

    Prefetch(StorageThreads threads, String purpose, Pages source) {
        reader = threads.submit(purpose, () -> {
            try {
                for (List<Task> next = source.next(); next != null && !closed; next = source.next()) {
                    if (!next.isEmpty()) {
                        put(next);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                put(end);
            }
        });
    }

    private void put(List<Task> next) {
        try {
            while (!closed && !pages.offer(next, 100, TimeUnit.MILLISECONDS)) {
                // the writer is slower; wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (position >= page.size() && !done) {
            List<Task> next;
            try {
                next = pages.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("export interrupted", e);
            }
            if (next == end) {
                done = true;
                if (failure != null) {
                    throw failure;
                }
            } else {
                page = next;
                position = 0;
            }
        }
        return position < page.size();
    }

    @Override
    public Task next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(position++);
    }

    @Override
    public void close() {
        closed = true;
        pages.clear();
        try {
            reader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the reader keeps its own failures; nothing is left to read
        }
    }
}
