package io.labelhub.dm.storage.jpa.internal.counters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

/**
 * What belongs to a task and goes when it goes: its label index rows, completions, their reviews, predictions and
 * locks. No foreign key
 * cascades to completions and predictions (schema step 6: Derby ran that cascade with a lock on the whole
 * completion table), so every path that deletes tasks deletes these first, here.
 */
public final class TaskChildren {

    private TaskChildren() {
    }

    /** Deletes the children of these tasks, one batched statement per table ("task_id = ?" uses the index). */
    public static void delete(Connection connection, long[] taskIds) throws SQLException {
        LabelIndex.removeTasks(connection, taskIds, null);
        Reviews.deleteOfTasks(connection, taskIds, false);
        Jdbc.perId(connection, "DELETE FROM completion WHERE task_id = ?", taskIds);
        Jdbc.perId(connection, "DELETE FROM prediction WHERE task_id = ?", taskIds);
        Jdbc.perId(connection, "DELETE FROM task_lock WHERE task_id = ?", taskIds);
    }

    /** Deletes the children of every task of a project, which is about to go with its tasks. */
    public static void deleteOfProject(Connection connection, long projectId) throws SQLException {
        LabelIndex.removeProject(connection, projectId);
        for (String child : new String[] {"completion", "prediction"}) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + child
                    + " WHERE task_id IN (SELECT t.id FROM task t WHERE t.project_id = ?)")) {
                delete.setLong(1, projectId);
                delete.executeUpdate();
            }
        }
        for (String child : new String[] {"task_lock", "review", "review_handout"}) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + child
                    + " WHERE project_id = ?")) {
                delete.setLong(1, projectId);
                delete.executeUpdate();
            }
        }
    }
}
