package io.labelhub.dm.storage.jpa.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.storage.TaskBulkStore;
import io.labelhub.dm.api.storage.TaskQueryStore;

/**
 * Imports as JDBC batches in one transaction on one connection; exports as keyset pages of tasks with their
 * completions and predictions fetched per page by task id range.
 */
@Component(service = TaskBulkStore.class)
public class JdbcTaskBulkStore implements TaskBulkStore {

    /** Derby's SQLState for a lock it waited for in vain (derby.locks.waitTimeout). */
    static final String LOCK_TIMEOUT = "40XL1";

    /** Rows per JDBC batch and tasks per export page. */
    static final int BATCH = 1000;

    private static final String TASK_COLUMNS = "id, project_id, data, meta, created_at, updated_at, "
            + "completion_count, skipped_count, prediction_count, reviews_up, reviews_down, ground_truth, "
            + "prediction_score, completed_at, lead_time";
    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;
    private final IdAllocator ids;
    private final TaskQueryStore queries;

    @Activate
    public JdbcTaskBulkStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                             @Reference IdAllocator ids, @Reference TaskQueryStore queries) {
        this.dataSource = dataSource;
        this.ids = ids;
        this.queries = queries;
    }

    @Override
    public BulkWrite begin(long projectId) {
        try {
            return new Import(dataSource.getConnection(), projectId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start an import", e);
        }
    }

    /**
     * Reserves ids in growing blocks (64, 128 … up to 8,192): a small import leaves small gaps, and an import of a
     * million tasks asks the database about 130 times, not a million.
     */
    private final class IdRange {
        private final String table;
        private int block = 64;
        private long next;
        private long end;

        IdRange(String table) {
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

    /** A task turned into column values on the caller's thread, ready for the writer thread to bind. */
    private record Prepared(long id, String data, String meta, int completed, int skipped, int predictionCount,
                            boolean groundTruth, Double predictionScore, Timestamp completedAt, Double leadTime,
                            List<CompletionRow> completions, List<PredictionRow> predictions,
                            List<LabelIndex.Row> labels) {
    }

    private record CompletionRow(long id, long taskId, String result, long author, Timestamp createdAt,
                                 Double leadTime, boolean cancelled, boolean groundTruth) {
    }

    private record PredictionRow(long id, long taskId, String result, Double score, String modelVersion) {
    }

    /** Tells the writer thread that nothing more comes; compared by identity. */
    private static final List<Prepared> END = new ArrayList<>(0);

    /**
     * One import as a two-stage pipeline: the caller's thread parses, checks and serialises tasks (the import
     * service and {@link #add}), a writer thread binds and executes the JDBC batches; a small bounded queue between
     * them keeps memory flat. The connection and its transaction belong to the writer once it started.
     */
    private final class Import implements BulkWrite {
        private final Connection connection;
        private final MultiRowInsert<Prepared> tasks;
        private final MultiRowInsert<CompletionRow> completions;
        private final MultiRowInsert<PredictionRow> predictions;
        private final MultiRowInsert<LabelIndex.Row> labels;
        private final long projectId;
        private final IdRange taskIds = new IdRange("task");
        private final IdRange completionIds = new IdRange("completion");
        private final IdRange predictionIds = new IdRange("prediction");
        private final Timestamp now = Timestamp.from(Mapping.now());
        private final BlockingQueue<List<Prepared>> queue = new ArrayBlockingQueue<>(4);
        private final Thread writer;
        private volatile Throwable failure;
        private volatile boolean cancelled;
        private List<Prepared> pending = new ArrayList<>(BATCH);
        private long taskCount;
        private long completionCount;
        private long predictionCount;
        private boolean committed;

        Import(Connection connection, long projectId) throws SQLException {
            this.connection = connection;
            this.projectId = projectId;
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
                    if (LOCK_TIMEOUT.equals(e.getSQLState())) {
                        throw new ConflictException("import in progress", "another import into project "
                                + projectId + " is still running; try again when it has finished");
                    }
                    throw e;
                }
                tasks = new MultiRowInsert<>(connection, "INSERT INTO task (" + TASK_COLUMNS + ") VALUES ",
                        "(?, " + projectId + ", ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)", this::bindTask);
                completions = new MultiRowInsert<>(connection, "INSERT INTO completion (id, task_id, result, "
                        + "completed_by, created_at, updated_at, lead_time, was_cancelled, ground_truth) VALUES ",
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?)", JdbcTaskBulkStore::bindCompletion);
                predictions = new MultiRowInsert<>(connection, "INSERT INTO prediction (id, task_id, result, "
                        + "score, model_version, created_at) VALUES ", "(?, ?, ?, ?, ?, ?)", this::bindPrediction);
                labels = new MultiRowInsert<>(connection, LabelIndex.INSERT, LabelIndex.ROW, LabelIndex::bind);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                connection.close();
                throw e;
            }
            writer = new Thread(this::write, "labelhub-import-writer-" + projectId);
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        public void add(NewTask task, long defaultAuthor) {
            failIfWriterFailed();
            long taskId = taskIds.next();
            int completed = 0;
            int skipped = 0;
            boolean groundTruth = false;
            Timestamp completedAt = null;
            double leadTimes = 0;
            int withLeadTime = 0;
            List<LabelIndex.Row> labelRows = new ArrayList<>();
            List<CompletionRow> completionRows = new ArrayList<>(task.completions().size());
            for (NewCompletion c : task.completions()) {
                Timestamp created = c.createdAt() == null ? now : Timestamp.from(c.createdAt());
                long author = c.completedBy() == null ? defaultAuthor : c.completedBy();
                long completionId = completionIds.next();
                completionRows.add(new CompletionRow(completionId, taskId, Json.write(c.result()), author, created,
                        c.leadTime(), c.wasCancelled(), c.groundTruth()));
                if (c.wasCancelled()) {
                    skipped++;
                } else {
                    completed++;
                    completedAt = completedAt == null || created.after(completedAt) ? created : completedAt;
                    labelRows.addAll(LabelIndex.rows(projectId, taskId, LabelIndex.COMPLETION, completionId, author,
                            LabelIndex.of(c.result())));
                }
                if (c.leadTime() != null) {
                    leadTimes += c.leadTime();
                    withLeadTime++;
                }
                groundTruth |= c.groundTruth();
            }
            Double predictionScore = null;
            List<PredictionRow> predictionRows = new ArrayList<>(task.predictions().size());
            for (NewPrediction p : task.predictions()) {
                long predictionId = predictionIds.next();
                predictionRows.add(new PredictionRow(predictionId, taskId, Json.write(p.result()), p.score(),
                        p.modelVersion()));
                if (p.score() != null && (predictionScore == null || p.score() > predictionScore)) {
                    predictionScore = p.score();
                }
                labelRows.addAll(LabelIndex.rows(projectId, taskId, LabelIndex.PREDICTION, predictionId, null,
                        LabelIndex.of(p.result())));
            }
            pending.add(new Prepared(taskId, Json.write(task.data()),
                    task.meta() == null ? null : Json.write(task.meta()), completed, skipped,
                    task.predictions().size(), groundTruth, predictionScore, completedAt,
                    withLeadTime == 0 ? null : leadTimes / withLeadTime, completionRows, predictionRows, labelRows));
            taskCount++;
            completionCount += completionRows.size();
            predictionCount += predictionRows.size();
            if (pending.size() >= BATCH) {
                hand(pending);
                pending = new ArrayList<>(BATCH);
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
                throw new IllegalStateException("import failed writing to the database", failure);
            }
        }

        /** The writer thread: binds and executes each batch, tasks first (completions and predictions refer to them). */
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
            statement.setTimestamp(offset + 4, now);
            statement.setTimestamp(offset + 5, now);
            statement.setInt(offset + 6, task.completed());
            statement.setInt(offset + 7, task.skipped());
            statement.setInt(offset + 8, task.predictionCount());
            statement.setBoolean(offset + 9, task.groundTruth());
            setDouble(statement, offset + 10, task.predictionScore());
            statement.setTimestamp(offset + 11, task.completedAt());
            setDouble(statement, offset + 12, task.leadTime());
        }

        private void bindPrediction(PreparedStatement statement, int offset, PredictionRow p) throws SQLException {
            statement.setLong(offset + 1, p.id());
            statement.setLong(offset + 2, p.taskId());
            statement.setString(offset + 3, p.result());
            setDouble(statement, offset + 4, p.score());
            statement.setString(offset + 5, p.modelVersion());
            statement.setTimestamp(offset + 6, now);
        }

        /** Waits for the writer to finish what it was handed. */
        private void finishWriter() {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
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
                connection.commit();
                committed = true;
            } catch (SQLException e) {
                throw new IllegalStateException("import could not be committed", e);
            }
        }

        @Override
        public void close() {
            if (writer.isAlive()) {
                // no interrupt: Derby closes a connection whose thread is interrupted in the middle of a statement
                cancelled = true;
                queue.clear();
                try {
                    while (!queue.offer(END, 100, TimeUnit.MILLISECONDS) && writer.isAlive()) {
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
                throw new IllegalStateException("import could not be closed", e);
            }
        }
    }

    private static void bindCompletion(PreparedStatement statement, int offset, CompletionRow c) throws SQLException {
        statement.setLong(offset + 1, c.id());
        statement.setLong(offset + 2, c.taskId());
        statement.setString(offset + 3, c.result());
        statement.setLong(offset + 4, c.author());
        statement.setTimestamp(offset + 5, c.createdAt());
        statement.setTimestamp(offset + 6, c.createdAt());
        setDouble(statement, offset + 7, c.leadTime());
        statement.setBoolean(offset + 8, c.cancelled());
        statement.setBoolean(offset + 9, c.groundTruth());
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static String where(Selection selection) {
        StringBuilder where = new StringBuilder(" WHERE project_id = ?");
        if (selection.onlyCompleted()) {
            where.append(" AND completion_count > 0");
        }
        if (selection.onlyGroundTruth()) {
            where.append(" AND ground_truth = ?");
        }
        return where.toString();
    }

    private static int bind(PreparedStatement statement, long projectId, Selection selection) throws SQLException {
        int index = 1;
        statement.setLong(index++, projectId);
        if (selection.onlyGroundTruth()) {
            statement.setBoolean(index++, true);
        }
        return index;
    }

    @Override
    public List<String> dataKeys(long projectId, Selection selection) {
        Set<String> keys = new LinkedHashSet<>();
        long[] ids = selection.tasks() == null ? null : queries.ids(projectId, selection.tasks());
        try (Connection connection = dataSource.getConnection()) {
            for (int start = 0; ids == null ? start == 0 : start < ids.length; start += BATCH) {
                int count = ids == null ? 0 : Math.min(BATCH, ids.length - start);
                String sql = "SELECT data FROM task" + where(selection) + idFilter(count) + " ORDER BY id";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int index = bind(statement, projectId, selection);
                    for (int i = 0; i < count; i++) {
                        statement.setLong(index++, ids[start + i]);
                    }
                    statement.setFetchSize(BATCH);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            topLevelKeys(rs.getString(1), keys);
                        }
                    }
                }
                if (ids == null) {
                    break;
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the data keys of project " + projectId, e);
        }
        return List.copyOf(keys);
    }

    private static String idFilter(int count) {
        return count == 0 ? "" : " AND id IN (" + "?, ".repeat(count - 1) + "?)";
    }

    /** Collects the top-level field names of a JSON object without building it. */
    private static void topLevelKeys(String json, Set<String> keys) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        }
    }

    @Override
    public TaskCursor tasks(long projectId, Selection selection) {
        return new Prefetch(new Pages(projectId, selection));
    }

    /**
     * Reads the next pages on a thread of its own while the caller writes the current one, two pages ahead at
     * most. The reader is stopped by a flag, never interrupted: Derby closes the connection of a thread
     * interrupted in a statement.
     */
    private static final class Prefetch implements TaskCursor {
        private final List<Task> end = new ArrayList<>(0);
        private final BlockingQueue<List<Task>> pages = new ArrayBlockingQueue<>(2);
        private final Thread reader;
        private volatile boolean closed;
        private volatile RuntimeException failure;
        private List<Task> page = List.of();
        private int position;
        private boolean done;

        Prefetch(Pages source) {
            reader = new Thread(() -> {
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
            }, "labelhub-export-reader");
            reader.setDaemon(true);
            reader.start();
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
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads a page of tasks at a time (by id after the last one, or by the next chunk of asked ids). */
    private final class Pages {
        private final long projectId;
        private final Selection selection;
        /** The selected ids in order; null: all of the project's, read by keyset pages. */
        private final long[] sortedIds;
        private int idOffset;
        private long lastId;
        private boolean exhausted;

        Pages(long projectId, Selection selection) {
            this.projectId = projectId;
            this.selection = selection;
            this.sortedIds = selection.tasks() == null ? null : queries.ids(projectId, selection.tasks());
        }

        /** The next page, possibly empty; {@code null} once there is none. */
        List<Task> next() {
            return exhausted ? null : fetch();
        }

        private List<Task> fetch() {
            int chunkStart = idOffset;
            StringBuilder sql = new StringBuilder("SELECT " + TASK_COLUMNS + " FROM task" + where(selection));
            if (sortedIds == null) {
                sql.append(" AND id > ? ORDER BY id FETCH FIRST ").append(BATCH).append(" ROWS ONLY");
            } else {
                idOffset = Math.min(sortedIds.length, idOffset + BATCH);
                if (idOffset == chunkStart) {
                    exhausted = true;
                    return List.of();
                }
                sql.append(idFilter(idOffset - chunkStart)).append(" ORDER BY id");
            }
            try (Connection connection = dataSource.getConnection()) {
                Map<Long, Row> rows = new LinkedHashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                    int index = bind(statement, projectId, selection);
                    if (sortedIds == null) {
                        statement.setLong(index, lastId);
                    } else {
                        for (int i = chunkStart; i < idOffset; i++) {
                            statement.setLong(index++, sortedIds[i]);
                        }
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            Row row = new Row(rs);
                            rows.put(row.id, row);
                        }
                    }
                }
                if (sortedIds == null) {
                    exhausted = rows.size() < BATCH;
                } else {
                    exhausted = idOffset >= sortedIds.length;
                }
                if (rows.isEmpty()) {
                    return List.of();
                }
                long first = rows.keySet().iterator().next();
                long last = first;
                for (long id : rows.keySet()) {
                    last = id;
                }
                lastId = last;
                loadChildren(connection, rows, first, last);
                List<Task> tasks = new ArrayList<>(rows.size());
                rows.values().forEach(r -> tasks.add(r.task()));
                return tasks;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the tasks of project " + projectId, e);
            }
        }

        private void loadChildren(Connection connection, Map<Long, Row> rows, long first, long last)
                throws SQLException {
            String gt = selection.onlyGroundTruth() ? " AND ground_truth = ?" : "";
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, task_id, result, "
                    + "completed_by, created_at, updated_at, lead_time, was_cancelled, ground_truth FROM completion "
                    + "WHERE task_id BETWEEN ? AND ?" + gt + " ORDER BY task_id, id")) {
                statement.setLong(1, first);
                statement.setLong(2, last);
                if (!gt.isEmpty()) {
                    statement.setBoolean(3, true);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Row row = rows.get(rs.getLong(2));
                        if (row != null) {
                            long author = rs.getLong(4);
                            row.completions.add(new Completion(rs.getLong(1), row.id, LazyJson.list(rs.getString(3)),
                                    rs.wasNull() ? null : author, instant(rs, 5), instant(rs, 6), doubleOrNull(rs, 7),
                                    rs.getBoolean(8), rs.getBoolean(9)));
                        }
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, task_id, result, score, "
                    + "model_version, created_at FROM prediction WHERE task_id BETWEEN ? AND ? ORDER BY task_id, id")) {
                statement.setLong(1, first);
                statement.setLong(2, last);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Row row = rows.get(rs.getLong(2));
                        if (row != null) {
                            row.predictions.add(new Prediction(rs.getLong(1), row.id, LazyJson.list(rs.getString(3)),
                                    doubleOrNull(rs, 4), rs.getString(5), instant(rs, 6)));
                        }
                    }
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** A task row while its page's completions and predictions are gathered. */
    private static final class Row {
        final long id;
        final long projectId;
        final String data;
        final String meta;
        final Instant createdAt;
        final Instant updatedAt;
        final int completionCount;
        final int skippedCount;
        final int predictionCount;
        final int reviewsUp;
        final int reviewsDown;
        final boolean groundTruth;
        final List<Completion> completions = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            projectId = rs.getLong(2);
            data = rs.getString(3);
            meta = rs.getString(4);
            createdAt = instant(rs, 5);
            updatedAt = instant(rs, 6);
            completionCount = rs.getInt(7);
            skippedCount = rs.getInt(8);
            predictionCount = rs.getInt(9);
            reviewsUp = rs.getInt(10);
            reviewsDown = rs.getInt(11);
            groundTruth = rs.getBoolean(12);
        }

        Task task() {
            return new Task(id, projectId, LazyJson.object(data), LazyJson.object(meta), createdAt, updatedAt,
                    completionCount, skippedCount, predictionCount, reviewsUp, reviewsDown, groundTruth, completions,
                    predictions);
        }
    }
}
