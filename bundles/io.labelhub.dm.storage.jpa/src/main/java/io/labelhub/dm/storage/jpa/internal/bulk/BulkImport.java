package io.labelhub.dm.storage.jpa.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.storage.TaskBulkStore.BulkWrite;
import io.labelhub.dm.storage.jpa.internal.StorageThreads;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;
import io.labelhub.dm.storage.jpa.internal.sql.Authors;
import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;
import io.labelhub.dm.storage.jpa.internal.sql.IdAllocator;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;
import io.labelhub.dm.storage.jpa.internal.sql.MultiRowInsert;

/**
 * One import as a two-stage pipeline: the caller's thread parses, checks and serialises tasks (the import service
 * and {@link #add}), tallying each task's counters as it goes; a writer on a storage thread binds and executes the
 * JDBC batches, each task's completions, predictions and label rows right after it. A small bounded queue between
 * the two keeps memory flat. The connection and its transaction belong to the writer once it started. While it
 * runs the import holds its project's row in {@code project_import} (schema V5), not the project row, which it
 * changes only in the moment of the commit.
 */
final class BulkImport implements BulkWrite {

    private static final String TASK_COLUMNS = "id, project_id, data, meta, created_at, updated_at, reviews_up, "
            + "reviews_down, " + TaskCounters.COLUMNS;

    /** A task turned into column values on the caller's thread, ready for the writer to bind. */
    private record Prepared(long id, String data, String meta, Timestamp createdAt, Timestamp updatedAt,
                            TaskCounters.Tally counters,
                            List<CompletionRow> completions, List<PredictionRow> predictions,
                            List<LabelIndex.Row> labels) {
    }

    private record CompletionRow(long id, long taskId, String result, long author, Timestamp createdAt,
                                 Timestamp updatedAt, Double leadTime, boolean cancelled, boolean groundTruth,
                                 String originalAuthor, String flagged) {
    }

    private record PredictionRow(long id, long taskId, String result, Double score, String modelVersion) {
    }

    /** Tells the writer that nothing more comes; compared by identity. */
    private static final List<Prepared> END = new ArrayList<>(0);

    private final Connection connection;
    private final MultiRowInsert<Prepared> tasks;
    private final MultiRowInsert<CompletionRow> completions;
    private final MultiRowInsert<PredictionRow> predictions;
    private final MultiRowInsert<LabelIndex.Row> labels;
    private final long projectId;
    private final IdRange taskIds;
    private final IdRange completionIds;
    private final IdRange predictionIds;
    private final Timestamp now = Timestamp.from(Jdbc.now());
    private final BlockingQueue<List<Prepared>> queue = new ArrayBlockingQueue<>(4);
    private final Future<?> writer;
    private volatile Throwable failure;
    private volatile boolean cancelled;
    private List<Prepared> pending = new ArrayList<>(Jdbc.CHUNK);
    private long taskCount;
    /** The new tasks' ids while there are few enough to log each ({@link TaskChanges}). */
    private long[] logged = new long[TaskChanges.MAX_LOGGED];
    private long completionCount;
    private long predictionCount;
    private boolean committed;

    /**
     * Checks the project, takes its import lock and starts the writer; on any failure the connection is rolled back
     * and closed.
     *
     * @throws NotFoundException when there is no such project
     * @throws ConflictException when another import into it holds the lock
     */
    BulkImport(Connection connection, long projectId, IdAllocator ids, StorageThreads threads) throws SQLException {
        this.connection = connection;
        this.projectId = projectId;
        this.taskIds = new IdRange(ids, "task");
        this.completionIds = new IdRange(ids, "completion");
        this.predictionIds = new IdRange(ids, "prediction");
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM project WHERE id = ?")) {
                exists.setLong(1, projectId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("project", projectId);
                    }
                }
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "INSERT INTO project_import (project_id, started_at) VALUES (?, ?)")) {
                lock.setLong(1, projectId);
                lock.setTimestamp(2, now);
                lock.executeUpdate();
            } catch (SQLException e) {
                if (DatabaseErrors.isLockTimeout(e)) {
                    throw new ConflictException("import in progress", "another import into project "
                            + projectId + " is still running; try again when it has finished");
                }
                throw e;
            }
            tasks = new MultiRowInsert<>(connection, "INSERT INTO task (" + TASK_COLUMNS + ") VALUES ",
                    "(?, " + projectId + ", ?, ?, ?, ?, 0, 0, " + TaskCounters.MARKS + ")", this::bindTask);
            completions = new MultiRowInsert<>(connection, "INSERT INTO completion (id, task_id, result, "
                    + "completed_by, created_at, updated_at, lead_time, was_cancelled, ground_truth, original_author, "
                    + "flagged) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", BulkImport::bindCompletion);
            predictions = new MultiRowInsert<>(connection, "INSERT INTO prediction (id, task_id, result, "
                    + "score, model_version, created_at) VALUES ", "(?, ?, ?, ?, ?, ?)", this::bindPrediction);
            labels = LabelIndex.writer(connection);
            writer = threads.submit("import writer of project " + projectId, this::write);
        } catch (SQLException | RuntimeException e) {
            try (connection) {
                connection.rollback();
            }
            throw e;
        }
    }

    @Override
    public void add(NewTask task, long defaultAuthor) {
        failIfWriterFailed();
        long taskId = taskIds.next();
        TaskCounters.Tally counters = new TaskCounters.Tally();
        List<LabelIndex.Row> labelRows = new ArrayList<>();
        List<CompletionRow> completionRows = new ArrayList<>(task.completions().size());
        for (NewCompletion c : task.completions()) {
            Timestamp created = c.createdAt() == null ? now : Timestamp.from(c.createdAt());
            Timestamp updated = c.updatedAt() == null ? created : Timestamp.from(c.updatedAt());
            long author = c.completedBy() == null ? defaultAuthor : c.completedBy();
            long completionId = completionIds.next();
            completionRows.add(new CompletionRow(completionId, taskId, Json.write(c.result()), author, created,
                    updated, c.leadTime(), c.wasCancelled(), c.groundTruth(),
                    c.completedBy() == null ? Authors.write(c.author()) : null, c.flagged()));
            counters.completion(c.wasCancelled(), c.groundTruth(), created, c.leadTime());
            labelRows.addAll(LabelIndex.completion(projectId, taskId, completionId, author, c.wasCancelled(),
                    c.result()));
        }
        List<PredictionRow> predictionRows = new ArrayList<>(task.predictions().size());
        for (NewPrediction p : task.predictions()) {
            long predictionId = predictionIds.next();
            predictionRows.add(new PredictionRow(predictionId, taskId, Json.write(p.result()), p.score(),
                    p.modelVersion()));
            counters.prediction(p.score());
            labelRows.addAll(LabelIndex.prediction(projectId, taskId, predictionId, p.result()));
        }
        Timestamp taskCreated = task.createdAt() == null ? now : Timestamp.from(task.createdAt());
        Timestamp taskUpdated = task.updatedAt() == null ? taskCreated : Timestamp.from(task.updatedAt());
        pending.add(new Prepared(taskId, Json.write(task.data()), task.meta() == null ? null : Json.write(task.meta()),
                taskCreated, taskUpdated, counters, completionRows, predictionRows, labelRows));
        if (taskCount < logged.length) {
            logged[(int) taskCount] = taskId;
        }
        taskCount++;
        completionCount += completionRows.size();
        predictionCount += predictionRows.size();
        if (pending.size() >= Jdbc.CHUNK) {
            hand(pending);
            pending = new ArrayList<>(Jdbc.CHUNK);
        }
    }

    private void hand(List<Prepared> batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }

    private void failIfWriterFailed() {
        if (failure != null) {
            throw DatabaseErrors.translate(failure, "import failed writing to the database");
        }
    }

    /** The writer: binds and executes each batch, tasks first (completions and predictions refer to them). */
    private void write() {
        try {
            for (List<Prepared> batch = queue.take(); batch != END && !cancelled; batch = queue.take()) {
                for (Prepared task : batch) {
                    tasks.add(task);
                    task.completions().forEach(completions::add);
                    task.predictions().forEach(predictions::add);
                    task.labels().forEach(labels::add);
                }
                tasks.flush();
                completions.flush();
                predictions.flush();
                labels.flush();
            }
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            queue.clear();
        }
    }

    private void bindTask(PreparedStatement statement, int offset, Prepared task) throws SQLException {
        statement.setLong(offset + 1, task.id());
        statement.setString(offset + 2, task.data());
        if (task.meta() == null) {
            statement.setNull(offset + 3, Types.CLOB);
        } else {
            statement.setString(offset + 3, task.meta());
        }
        statement.setTimestamp(offset + 4, task.createdAt());
        statement.setTimestamp(offset + 5, task.updatedAt());
        task.counters().bind(statement, offset + 5);
    }

    private static void bindCompletion(PreparedStatement statement, int offset, CompletionRow c) throws SQLException {
        statement.setLong(offset + 1, c.id());
        statement.setLong(offset + 2, c.taskId());
        statement.setString(offset + 3, c.result());
        statement.setLong(offset + 4, c.author());
        statement.setTimestamp(offset + 5, c.createdAt());
        statement.setTimestamp(offset + 6, c.updatedAt());
        Jdbc.setDouble(statement, offset + 7, c.leadTime());
        statement.setBoolean(offset + 8, c.cancelled());
        statement.setBoolean(offset + 9, c.groundTruth());
        statement.setString(offset + 10, c.originalAuthor());
        statement.setString(offset + 11, c.flagged());
    }

    private void bindPrediction(PreparedStatement statement, int offset, PredictionRow p) throws SQLException {
        statement.setLong(offset + 1, p.id());
        statement.setLong(offset + 2, p.taskId());
        statement.setString(offset + 3, p.result());
        Jdbc.setDouble(statement, offset + 4, p.score());
        statement.setString(offset + 5, p.modelVersion());
        statement.setTimestamp(offset + 6, now);
    }

    /** Waits for the writer to finish what it was handed. */
    private void finishWriter() {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (CancellationException e) {
            failure = e;
        }
    }

    @Override
    public long taskCount() {
        return taskCount;
    }

    @Override
    public long completionCount() {
        return completionCount;
    }

    @Override
    public long predictionCount() {
        return predictionCount;
    }

    @Override
    public void commit() {
        if (!pending.isEmpty()) {
            hand(pending);
            pending = new ArrayList<>();
        }
        hand(END);
        finishWriter();
        failIfWriterFailed();
        try {
            try (PreparedStatement unlock = connection.prepareStatement(
                    "DELETE FROM project_import WHERE project_id = ?")) {
                unlock.setLong(1, projectId);
                unlock.executeUpdate();
            }
            // the project row is locked only now, for the moment of the commit
            try (PreparedStatement count = connection.prepareStatement(
                    "UPDATE project SET task_count = task_count + ?, updated_at = ? WHERE id = ?")) {
                count.setLong(1, taskCount);
                count.setTimestamp(2, now);
                count.setLong(3, projectId);
                if (count.executeUpdate() == 0) {
                    throw new NotFoundException("project", projectId);
                }
            }
            if (taskCount > 0) {
                TaskChanges.record(connection, projectId, taskCount <= logged.length
                        ? Arrays.copyOf(logged, (int) taskCount) : new long[0]);
            }
            connection.commit();
            committed = true;
            Jdbc.vacuumAfterBulk(connection, taskCount);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "import could not be committed");
        }
    }

    @Override
    public void close() {
        if (!writer.isDone()) {
            // no interrupt: Derby closes a connection whose thread is interrupted in the middle of a statement
            cancelled = true;
            queue.clear();
            try {
                while (!queue.offer(END, 100, TimeUnit.MILLISECONDS) && !writer.isDone()) {
                    queue.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finishWriter();
        }
        try (connection) {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "import could not be closed");
        }
    }

    /**
     * Reserves ids in growing blocks (64, 128 … up to 8,192): a small import leaves small gaps, and an import of a
     * million tasks asks the database about 130 times, not a million.
     */
    private static final class IdRange {
        private final IdAllocator ids;
        private final String table;
        private int block = 64;
        private long next;
        private long end;

        IdRange(IdAllocator ids, String table) {
            this.ids = ids;
            this.table = table;
        }

        long next() {
            if (next >= end) {
                next = ids.reserve(table, block);
                end = next + block;
                block = Math.min(block * 2, 8192);
            }
            return next++;
        }
    }
}
