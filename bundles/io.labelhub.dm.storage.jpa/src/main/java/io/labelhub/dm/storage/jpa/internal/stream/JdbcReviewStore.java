package io.labelhub.dm.storage.jpa.internal.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.review.Review;
import io.labelhub.dm.api.storage.ReviewStore;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Transactions;

/**
 * Reviews and the Verify Stream in SQL. A vote is stored in one transaction that first takes its task's row (as a
 * completion's insert or delete does), so the task's counters move by exactly the votes stored, however many
 * reviewers vote at once. The stream's candidates are read without waiting for writers, and re-checked when handed
 * out.
 */
@Component(service = ReviewStore.class)
public class JdbcReviewStore implements ReviewStore {

    /** A completion {@code c} open to a reviewer: ? reviewer, reviewer. */
    private static final String OPEN = "c.was_cancelled = FALSE AND (c.completed_by IS NULL OR c.completed_by <> ?) "
            + "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.completion_id = c.id AND r.reviewer_id = ?)";

    private static final String COLUMNS = "completion_id, task_id, reviewer_id, accepted, comment, created_at, "
            + "updated_at";

    /** SQLState of a unique key violation, in Derby and PostgreSQL. */
    private static final String DUPLICATE = "23505";

    private final DataSource dataSource;

    @Activate
    public JdbcReviewStore(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                           @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    private <T> T read(String what, boolean dirty, Transactions.Work<T> work) {
        // only candidates are read dirty: handOut checks again
        return dirty ? Transactions.dirty(dataSource, what, work) : Transactions.read(dataSource, what, work);
    }

    private <T> T transaction(String what, Transactions.Work<T> work) {
        return Transactions.inTransaction(dataSource, what, work);
    }

    @Override
    public OptionalLong handedOut(long projectId, long reviewerId, Instant now) {
        return read("cannot read the Verify Stream of project " + projectId, false, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT c.id FROM review_handout h "
                    + "JOIN completion c ON c.id = h.completion_id WHERE h.project_id = ? AND h.reviewer_id = ? "
                    + "AND h.expires_at > ? AND " + OPEN)) {
                select.setLong(1, projectId);
                select.setLong(2, reviewerId);
                select.setTimestamp(3, Timestamp.from(now));
                select.setLong(4, reviewerId);
                select.setLong(5, reviewerId);
                return first(select);
            }
        });
    }

    @Override
    public OptionalLong open(long projectId, long reviewerId, double start) {
        return read("cannot read the Verify Stream of project " + projectId, true, connection -> {
            long from = JdbcTaskLockStore.startId(connection, projectId, start);
            OptionalLong found = openFrom(connection, projectId, reviewerId, ">= ", from);
            return found.isPresent() ? found : openFrom(connection, projectId, reviewerId, "< ", from);
        });
    }

    /**
     * The first open completion of the tasks on one side of {@code from}, in task order: the tasks come from the
     * project's index in order, each one's completions from the task's.
     */
    private static OptionalLong openFrom(Connection connection, long projectId, long reviewerId, String side,
                                         long from) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT c.id FROM task t "
                + "JOIN completion c ON c.task_id = t.id WHERE t.project_id = ? AND t.id " + side + "? "
                + "AND t.completion_count > 0 AND " + OPEN + " ORDER BY t.id FETCH FIRST 1 ROWS ONLY")) {
            select.setLong(1, projectId);
            select.setLong(2, from);
            select.setLong(3, reviewerId);
            select.setLong(4, reviewerId);
            return first(select);
        }
    }

    private static OptionalLong first(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    @Override
    public boolean handOut(long projectId, long reviewerId, long completionId, Instant until) {
        return transaction("cannot hand out completion " + completionId, connection -> {
            try (PreparedStatement check = connection.prepareStatement("SELECT c.id FROM completion c "
                    + "JOIN task t ON t.id = c.task_id WHERE c.id = ? AND t.project_id = ? AND " + OPEN)) {
                check.setLong(1, completionId);
                check.setLong(2, projectId);
                check.setLong(3, reviewerId);
                check.setLong(4, reviewerId);
                if (first(check).isEmpty()) {
                    return false;
                }
            }
            if (updateHandout(connection, projectId, reviewerId, completionId, until)) {
                return true;
            }
            // a savepoint: PostgreSQL takes no further statement in a transaction after an error
            Savepoint beforeInsert = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO review_handout "
                    + "(project_id, reviewer_id, completion_id, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, projectId);
                insert.setLong(2, reviewerId);
                insert.setLong(3, completionId);
                insert.setTimestamp(4, Timestamp.from(until));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                // the same reviewer's other request made the row in the meantime: this one is the later
                if (DUPLICATE.equals(e.getSQLState())) {
                    connection.rollback(beforeInsert);
                    return updateHandout(connection, projectId, reviewerId, completionId, until);
                }
                throw e;
            }
        });
    }

    private static boolean updateHandout(Connection connection, long projectId, long reviewerId, long completionId,
                                         Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE review_handout SET completion_id = ?, "
                + "expires_at = ? WHERE project_id = ? AND reviewer_id = ?")) {
            update.setLong(1, completionId);
            update.setTimestamp(2, Timestamp.from(until));
            update.setLong(3, projectId);
            update.setLong(4, reviewerId);
            return update.executeUpdate() > 0;
        }
    }

    @Override
    public Optional<Written> write(long completionId, long reviewerId, boolean accepted, String comment,
                                   Instant now) {
        return transaction("cannot store the review of completion " + completionId, connection -> {
            long taskId;
            long projectId;
            try (PreparedStatement find = connection.prepareStatement("SELECT c.task_id, t.project_id "
                    + "FROM completion c JOIN task t ON t.id = c.task_id WHERE c.id = ?")) {
                find.setLong(1, completionId);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<Written>empty();
                    }
                    taskId = row.getLong(1);
                    projectId = row.getLong(2);
                }
            }
            // the task's row first, as a completion's delete takes it: then the completion stays while we count
            try (PreparedStatement take = connection.prepareStatement(
                    "UPDATE task SET updated_at = updated_at WHERE id = ?")) {
                take.setLong(1, taskId);
                take.executeUpdate();
            }
            try (PreparedStatement still = connection.prepareStatement("SELECT 1 FROM completion WHERE id = ?")) {
                still.setLong(1, completionId);
                if (first(still).isEmpty()) {
                    return Optional.<Written>empty();
                }
            }
            Review before = reviewOf(connection, completionId, reviewerId);
            Review review;
            if (before == null) {
                review = new Review(completionId, taskId, reviewerId, accepted, comment, now, now);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO review (" + COLUMNS
                        + ", project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, completionId);
                    insert.setLong(2, taskId);
                    insert.setLong(3, reviewerId);
                    insert.setBoolean(4, accepted);
                    insert.setString(5, comment);
                    insert.setTimestamp(6, Timestamp.from(now));
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.setLong(8, projectId);
                    insert.executeUpdate();
                }
            } else {
                review = new Review(completionId, taskId, reviewerId, accepted, comment, before.createdAt(), now);
                try (PreparedStatement update = connection.prepareStatement("UPDATE review SET accepted = ?, "
                        + "comment = ?, updated_at = ? WHERE completion_id = ? AND reviewer_id = ?")) {
                    update.setBoolean(1, accepted);
                    update.setString(2, comment);
                    update.setTimestamp(3, Timestamp.from(now));
                    update.setLong(4, completionId);
                    update.setLong(5, reviewerId);
                    update.executeUpdate();
                }
            }
            int up = (accepted ? 1 : 0) - (before != null && before.accepted() ? 1 : 0);
            int down = (accepted ? 0 : 1) - (before != null && !before.accepted() ? 1 : 0);
            if (up != 0 || down != 0) {
                try (PreparedStatement count = connection.prepareStatement("UPDATE task SET "
                        + "reviews_up = reviews_up + ?, reviews_down = reviews_down + ? WHERE id = ?")) {
                    count.setInt(1, up);
                    count.setInt(2, down);
                    count.setLong(3, taskId);
                    count.executeUpdate();
                }
            }
            try (PreparedStatement done = connection.prepareStatement("DELETE FROM review_handout "
                    + "WHERE project_id = ? AND reviewer_id = ? AND completion_id = ?")) {
                done.setLong(1, projectId);
                done.setLong(2, reviewerId);
                done.setLong(3, completionId);
                done.executeUpdate();
            }
            TaskChanges.record(connection, projectId, taskId);
            return Optional.of(new Written(review, before == null ? null : before.accepted()));
        });
    }

    private static Review reviewOf(Connection connection, long completionId, long reviewerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM review WHERE completion_id = ? AND reviewer_id = ?")) {
            select.setLong(1, completionId);
            select.setLong(2, reviewerId);
            List<Review> found = reviews(select);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    @Override
    public List<Review> ofCompletion(long completionId) {
        return read("cannot read the reviews of completion " + completionId, false, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM review WHERE completion_id = ? ORDER BY created_at, reviewer_id")) {
                select.setLong(1, completionId);
                return reviews(select);
            }
        });
    }

    @Override
    public List<Review> ofTask(long taskId) {
        return read("cannot read the reviews of task " + taskId, false, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM review WHERE task_id = ? ORDER BY completion_id, created_at, reviewer_id")) {
                select.setLong(1, taskId);
                return reviews(select);
            }
        });
    }

    private static List<Review> reviews(PreparedStatement select) throws SQLException {
        List<Review> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Review(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getBoolean(4),
                        rows.getString(5), Jdbc.instant(rows, 6), Jdbc.instant(rows, 7)));
            }
        }
        return found;
    }
}
