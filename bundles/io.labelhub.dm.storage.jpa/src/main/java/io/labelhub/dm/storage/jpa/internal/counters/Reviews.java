package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * The reviews of completions that go: their votes leave the task's {@code reviews_up} / {@code reviews_down} (the
 * counts an import brought stay), then the reviews and the Verify Stream's handouts of them are deleted. Callers hold
 * the task rows.
 */
public final class Reviews {

    /** Derby's optimizer override: read {@code review} through its index by task (a comment elsewhere). */
    public static final String BY_TASK = "--DERBY-PROPERTIES index=ix_review_task\n";

    private static final String UNCOUNT = "UPDATE task SET "
            + "reviews_up = reviews_up - (SELECT COUNT(*) FROM review r WHERE r.%1$s = ? AND r.accepted = TRUE), "
            + "reviews_down = reviews_down - (SELECT COUNT(*) FROM review r WHERE r.%1$s = ? AND r.accepted = FALSE) "
            + "WHERE id = ?";

    private Reviews() {
    }

    /** Before a completion of the task is deleted. */
    public static void deleteOfCompletion(Connection connection, long taskId, long completionId) throws SQLException {
        try (PreparedStatement uncount = connection.prepareStatement(String.format(UNCOUNT, "completion_id"))) {
            uncount.setLong(1, completionId);
            uncount.setLong(2, completionId);
            uncount.setLong(3, taskId);
            uncount.executeUpdate();
        }
        long[] id = {completionId};
        Jdbc.perId(connection, "DELETE FROM review_handout WHERE completion_id = ?", id);
        Jdbc.perId(connection, "DELETE FROM review WHERE completion_id = ?", id);
    }

    /**
     * Before all completions of these tasks are deleted; {@code uncount}: the tasks stay, so their counters are
     * brought down too.
     */
    public static void deleteOfTasks(Connection connection, long[] taskIds, boolean uncount) throws SQLException {
        if (uncount) {
            try (PreparedStatement statement = connection.prepareStatement(String.format(UNCOUNT, "task_id"))) {
                for (long id : taskIds) {
                    statement.setLong(1, id);
                    statement.setLong(2, id);
                    statement.setLong(3, id);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        Jdbc.perId(connection, "DELETE FROM review_handout WHERE completion_id IN "
                + "(SELECT c.id FROM completion c WHERE c.task_id = ?)", taskIds);
        Jdbc.perId(connection, "DELETE FROM review WHERE task_id = ?", taskIds);
    }
}
