package io.labelhub.dm.storage.jpa.internal.gt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.GroundTruthSample;
import io.labelhub.dm.api.storage.GroundTruthStore;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.counters.GroundTruthRule;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;
import io.labelhub.dm.storage.jpa.internal.sql.Transactions;

/**
 * The GT Manager in SQL, each call one transaction on one connection that first takes the project's {@code gt_run}
 * key (so samples and resets of one project queue up, and other projects are not touched).
 * <p>
 * A sample reads the matching completions once, as a stream of ids (the filter in SQL, through the task's project
 * index and the completions' task index), draws in memory (a {@link Picker}: per task the lowest key, then the
 * lowest keys; three longs per candidate task), and writes the picks by primary key in JDBC batches: their tasks
 * first (which takes their row locks, as a single mark does first, so a mark running meanwhile has committed or
 * waits), then their completions, guarded so that a task that got a ground truth meanwhile is not marked twice.
 */
@Component(service = GroundTruthStore.class)
public class JdbcGroundTruthStore implements GroundTruthStore {

    /** Rows read from the database per round trip of the sample's stream. */
    private static final int FETCH = 1000;

    private final DataSource dataSource;

    @Activate
    public JdbcGroundTruthStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                                @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    private <T> T inTransaction(String what, Transactions.Work<T> work) {
        return Transactions.inTransaction(dataSource, what, work);
    }

    /**
     * Waits for the project's other sample or reset, if any, and holds off the next until this transaction ends: the
     * row is deleted again before the commit, so it is never seen committed.
     */
    private static void begin(Connection connection, long projectId) throws SQLException {
        Jdbc.update(connection, "INSERT INTO gt_run (project_id, started_at) VALUES (?, CURRENT_TIMESTAMP)",
                projectId);
    }

    private static void end(Connection connection, long projectId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM gt_run WHERE project_id = ?", projectId);
    }

    @Override
    public GroundTruthSample sample(long projectId, CompletionFilter filter, double percent, long seed) {
        return inTransaction("cannot sample the ground truth of project " + projectId, connection -> {
            begin(connection, projectId);
            Draw draw = draw(connection, projectId, filter, percent, seed);
            long marked = mark(connection, draw.picks);
            end(connection, projectId);
            if (draw.picks.tasks().length > 0) {
                TaskChanges.record(connection, projectId, draw.picks.tasks());
            }
            return new GroundTruthSample(draw.matched, draw.target, marked, seed);
        });
    }

    @Override
    public GroundTruthSample preview(long projectId, CompletionFilter filter, double percent, long seed) {
        return Transactions.read(dataSource, "cannot preview a ground truth sample of project " + projectId, connection -> {
            Draw draw = draw(connection, projectId, filter, percent, seed);
            return new GroundTruthSample(draw.matched, draw.target, draw.picks.completions().length, seed);
        });
    }

    private record Draw(long matched, long target, Picker.Picks picks) {
    }

    /** The sampler's one read of the matching completions, and its draw among them. */
    private static Draw draw(Connection connection, long projectId, CompletionFilter filter, double percent, long seed)
            throws SQLException {
        CompletionFilterSql where = new CompletionFilterSql(filter);
        Picker picker = new Picker(seed);
        long matched = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT c.id, c.task_id, t.ground_truth "
                + "FROM task t JOIN completion c ON c.task_id = t.id WHERE t.project_id = ? AND "
                + GroundTruthRule.ELIGIBLE + " AND " + where.sql)) {
            select.setLong(1, projectId);
            where.bind(select, 2);
            select.setFetchSize(FETCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    matched++;
                    if (!rows.getBoolean(3)) {
                        picker.offer(rows.getLong(2), rows.getLong(1));
                    }
                }
            }
        }
        long target = GroundTruthSample.target(matched, percent);
        return new Draw(matched, target, picker.lowest(target));
    }

    /**
     * Writes the picks as ground truth; answers how many completions were marked. By primary key, a JDBC batch of
     * {@value Jdbc#CHUNK} at a time: Derby runs an UPDATE whose WHERE is {@code id IN (SELECT … FROM gt_pick)} by
     * reading every row of the target table (a million completions to mark a tenth of them): with a scratch table
     * of the picks that way, a sample of 10% of 1,000,000 completions took 12.4 s, with these batches 6.6 s.
     */
    private static long mark(Connection connection, Picker.Picks picks) throws SQLException {
        Timestamp now = Timestamp.from(Jdbc.now());
        long marked = 0;
        List<Long> missed = new ArrayList<>();
        try (PreparedStatement tasks = connection.prepareStatement(
                "UPDATE task SET ground_truth = ?, updated_at = ? WHERE id = ?");
             PreparedStatement completions = connection.prepareStatement("UPDATE completion SET ground_truth = ?, "
                     + "updated_at = ? WHERE id = ? AND was_cancelled = ? AND NOT EXISTS (SELECT 1 FROM completion o "
                     + "WHERE o.task_id = ? AND o.ground_truth = ?)")) {
            int count = picks.completions().length;
            for (int start = 0; start < count; start += Jdbc.CHUNK) {
                int end = Math.min(count, start + Jdbc.CHUNK);
                // the tasks first, as every single change takes its task's row first: no deadlock with one, and a
                // mark that ran meanwhile has committed before this goes on (or waits for our commit). A task ends
                // up with a ground truth either way (ours, or that mark's), so its counter is set here; the rare
                // miss is put right below
                for (int i = start; i < end; i++) {
                    tasks.setBoolean(1, true);
                    tasks.setTimestamp(2, now);
                    tasks.setLong(3, picks.tasks()[i]);
                    tasks.addBatch();
                }
                tasks.executeBatch();
                for (int i = start; i < end; i++) {
                    completions.setBoolean(1, true);
                    completions.setTimestamp(2, now);
                    completions.setLong(3, picks.completions()[i]);
                    completions.setBoolean(4, false);
                    completions.setLong(5, picks.tasks()[i]);
                    completions.setBoolean(6, true);
                    completions.addBatch();
                }
                int[] counts = completions.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        marked += counts[i];
                    } else {
                        missed.add(picks.tasks()[start + i]);
                    }
                }
            }
        }
        if (!missed.isEmpty()) {
            // a picked completion was deleted or skipped meanwhile: its task keeps the flag only if it has a mark
            try (PreparedStatement fix = connection.prepareStatement("UPDATE task SET ground_truth = ? WHERE id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM completion c WHERE c.task_id = ? AND c.ground_truth = ?)")) {
                for (long taskId : missed) {
                    fix.setBoolean(1, false);
                    fix.setLong(2, taskId);
                    fix.setLong(3, taskId);
                    fix.setBoolean(4, true);
                    fix.addBatch();
                }
                fix.executeBatch();
            }
        }
        return marked;
    }

    @Override
    public long reset(long projectId) {
        return inTransaction("cannot reset the ground truth of project " + projectId, connection -> {
            begin(connection, projectId);
            List<Long> marked = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM task WHERE project_id = ? AND ground_truth = ?")) {
                select.setLong(1, projectId);
                select.setBoolean(2, true);
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        marked.add(rows.getLong(1));
                    }
                }
            }
            long changed = 0;
            try (PreparedStatement tasks = connection.prepareStatement(
                    "UPDATE task SET ground_truth = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?");
                 PreparedStatement completions = connection.prepareStatement("UPDATE completion SET "
                         + "ground_truth = ?, updated_at = CURRENT_TIMESTAMP WHERE task_id = ? AND ground_truth = ?")) {
                for (int start = 0; start < marked.size(); start += Jdbc.CHUNK) {
                    List<Long> chunk = marked.subList(start, Math.min(marked.size(), start + Jdbc.CHUNK));
                    // tasks first, as a single change locks them: see mark
                    for (long taskId : chunk) {
                        tasks.setBoolean(1, false);
                        tasks.setLong(2, taskId);
                        tasks.addBatch();
                    }
                    tasks.executeBatch();
                    for (long taskId : chunk) {
                        completions.setBoolean(1, false);
                        completions.setLong(2, taskId);
                        completions.setBoolean(3, true);
                        completions.addBatch();
                    }
                    for (int count : completions.executeBatch()) {
                        changed += Math.max(count, 0);
                    }
                }
            }
            end(connection, projectId);
            if (!marked.isEmpty()) {
                TaskChanges.record(connection, projectId, marked.stream().mapToLong(Long::longValue).toArray());
            }
            return changed;
        });
    }

    @Override
    public List<AuthorFigures> authors(long projectId) {
        return inTransaction("cannot read the annotators of project " + projectId, connection -> {
            Map<Long, long[]> reviews = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.completed_by, "
                    + "SUM(CASE WHEN r.accepted = TRUE THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN r.accepted = TRUE THEN 0 ELSE 1 END) "
                    + "FROM review r JOIN completion c ON c.id = r.completion_id WHERE r.project_id = ? "
                    + "GROUP BY c.completed_by")) {
                select.setLong(1, projectId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reviews.put(author(rows), new long[] {rows.getLong(2), rows.getLong(3)});
                    }
                }
            }
            List<AuthorFigures> authors = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.completed_by, "
                    + "SUM(CASE WHEN c.was_cancelled = TRUE THEN 0 ELSE 1 END), "
                    + "SUM(CASE WHEN c.was_cancelled = TRUE THEN 1 ELSE 0 END), "
                    + "AVG(CASE WHEN c.was_cancelled = TRUE THEN CAST(NULL AS DOUBLE PRECISION) ELSE c.lead_time END) "
                    + "FROM task t JOIN completion c ON c.task_id = t.id WHERE t.project_id = ? "
                    + "GROUP BY c.completed_by")) {
                select.setLong(1, projectId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Long user = author(rows);
                        long[] thumbs = reviews.getOrDefault(user, new long[2]);
                        authors.add(new AuthorFigures(user, rows.getLong(2), rows.getLong(3),
                                Jdbc.doubleOrNull(rows, 4), thumbs[0], thumbs[1]));
                    }
                }
            }
            authors.sort(Comparator.comparing(AuthorFigures::user, Comparator.nullsLast(Comparator.naturalOrder())));
            return authors;
        });
    }

    private static Long author(ResultSet rows) throws SQLException {
        long user = rows.getLong(1);
        return rows.wasNull() ? null : user;
    }

    @Override
    public void comparisons(long projectId, Consumer<Comparison> visitor) {
        inTransaction("cannot read the ground truth of project " + projectId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT g.task_id, g.result, c.completed_by, "
                    + "c.result FROM task t JOIN completion g ON g.task_id = t.id JOIN completion c "
                    + "ON c.task_id = t.id WHERE t.project_id = ? AND t.ground_truth = ? AND g.ground_truth = ? "
                    + "AND c.id <> g.id AND c.was_cancelled = ?")) {
                select.setLong(1, projectId);
                select.setBoolean(2, true);
                select.setBoolean(3, true);
                select.setBoolean(4, false);
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long author = rows.getLong(3);
                        Long by = rows.wasNull() ? null : author;
                        visitor.accept(new Comparison(rows.getLong(1), Json.readList(rows.getString(2)), by,
                                Json.readList(rows.getString(4))));
                    }
                }
            }
            return null;
        });
    }
}
