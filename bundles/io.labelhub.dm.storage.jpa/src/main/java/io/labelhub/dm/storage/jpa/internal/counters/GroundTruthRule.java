package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.labelhub.dm.api.DmException;

/**
 * The one rule of ground truth, for every path that writes it (a completion added or changed, a mark, the GT
 * Manager's sample): a task has at most one ground-truth completion, so marking one unmarks the others of its task
 * in the same transaction; a skipped completion is never ground truth. The task's {@code ground_truth} counter
 * follows from the completions ({@link TaskCounters}).
 */
public final class GroundTruthRule {

    /** The condition on {@code completion c} of a completion that may be ground truth. */
    public static final String ELIGIBLE = "c.was_cancelled = FALSE";

    private GroundTruthRule() {
    }

    /** Refuses a completion that would be skipped and ground truth at once. */
    public static void check(String completion, boolean cancelled, boolean groundTruth) {
        if (cancelled && groundTruth) {
            throw skipped(completion);
        }
    }

    /** The 422 of a skipped completion asked to be ground truth; {@code completion} says which one. */
    public static DmException skipped(String completion) {
        return new DmException(DmException.Kind.UNPROCESSABLE, "skipped completion", completion
                + " is skipped (was_cancelled), and a skipped completion cannot be ground truth");
    }

    /**
     * Unmarks the task's other ground truth, in the caller's transaction, which holds the task row's lock (so two
     * marks of one task queue up and the second moves the mark). Booleans are parameters: Derby's BOOLEAN takes no
     * 0/1.
     */
    public static void clearOthers(Connection connection, long taskId, long keptId) throws SQLException {
        try (PreparedStatement clear = connection.prepareStatement(
                "UPDATE completion SET ground_truth = ? WHERE task_id = ? AND id <> ? AND ground_truth = ?")) {
            clear.setBoolean(1, false);
            clear.setLong(2, taskId);
            clear.setLong(3, keptId);
            clear.setBoolean(4, true);
            clear.executeUpdate();
        }
    }
}
