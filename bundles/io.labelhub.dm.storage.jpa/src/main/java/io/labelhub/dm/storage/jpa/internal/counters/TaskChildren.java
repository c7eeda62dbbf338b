package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * What belongs to a task and goes when it goes: its label index rows, completions, their reviews, predictions and
 * locks. No foreign key cascades to completions and predictions (schema step 6: Derby ran that cascade with a lock
 * on the whole completion table), and since step 17 none refers to the task at all, so every path that deletes
 * tasks deletes these first, here.
 */
public final class TaskChildren {

    private TaskChildren() {
    }

    /**
     * Deletes the children of these tasks of the project, one batched statement per table ("task_id = ?" uses the
     * index). Reviews and Label Stream locks are looked for first, once for the project, so that deleting many tasks
     * of a project that has none runs no empty statement per task for them; the locks are looked for last, right
     * before the tasks go, as a per-task delete would reach them.
     */
    public static void delete(Connection connection, long projectId, long[] taskIds) throws SQLException {
        LabelIndex.removeTasks(connection, taskIds, null);
        if (any(connection, "review", projectId) || any(connection, "review_handout", projectId)) {
            Reviews.deleteOfTasks(connection, taskIds, false);
        }
        Jdbc.perId(connection, "DELETE FROM completion WHERE task_id = ?", taskIds);
        Jdbc.perId(connection, "DELETE FROM prediction WHERE task_id = ?", taskIds);
        if (any(connection, "task_lock", projectId)) {
            Jdbc.perId(connection, "DELETE FROM task_lock WHERE task_id = ?", taskIds);
        }
    }

    /** Whether the table has a row of the project (each of these tables has an index that starts with it). */
    private static boolean any(Connection connection, String table, long projectId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + table
                + " WHERE project_id = ? FETCH FIRST 1 ROWS ONLY")) {
            statement.setLong(1, projectId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes the children of every task of a project, which is about to go with its tasks. */
    public static void deleteOfProject(Connection connection, long projectId) throws SQLException {
        LabelIndex.removeProject(connection, projectId);
        for (String child : new String[] {"completion", "prediction"}) {
            Jdbc.update(connection, "DELETE FROM " + child
                    + " WHERE task_id IN (SELECT t.id FROM task t WHERE t.project_id = ?)", projectId);
        }
        for (String child : new String[] {"task_lock", "review", "review_handout"}) {
            Jdbc.update(connection, "DELETE FROM " + child + " WHERE project_id = ?", projectId);
        }
    }
}
