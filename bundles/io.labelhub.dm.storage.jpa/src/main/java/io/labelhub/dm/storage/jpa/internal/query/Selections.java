package io.labelhub.dm.storage.jpa.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.storage.jpa.internal.query.Candidates.Candidate;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.SqlConditions;

/**
 * Which tasks a selection means: the asked ids that are the project's, or those a filter matches but the excluded.
 * Shared by the Data Manager, bulk actions (inside their own transaction) and exports.
 */
public final class Selections {

    private Selections() {
    }

    /** The selected task ids of the project in ascending order, read on the caller's connection. */
    public static long[] ids(Connection connection, long projectId, TaskSelection selection) throws SQLException {
        Set<Long> selected = new TreeSet<>();
        if (!selection.all()) {
            long[] asked = selection.ids().stream().mapToLong(Long::longValue).distinct().sorted().toArray();
            for (int start = 0; start < asked.length; start += Jdbc.CHUNK) {
                int count = Math.min(Jdbc.CHUNK, asked.length - start);
                try (PreparedStatement statement = connection.prepareStatement("SELECT t.id FROM task t "
                        + "WHERE t.project_id = ? AND t.id IN (" + Jdbc.marks(count) + ")")) {
                    statement.setLong(1, projectId);
                    for (int i = 0; i < count; i++) {
                        statement.setLong(2 + i, asked[start + i]);
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            selected.add(rs.getLong(1));
                        }
                    }
                }
            }
            return selected.stream().mapToLong(Long::longValue).toArray();
        }
        FilterSql filter = new FilterSql(selection.filter());
        long[] matching;
        // from the database's indexes, not the task index: a bulk action acts on what is committed when it runs
        List<Candidate> driven = Candidates.driven(connection, projectId, selection.filter(), filter, List.of(), false,
                null);
        if (driven != null) {
            matching = driven.stream().mapToLong(Candidate::id).toArray();
        } else if (!filter.needsData()) {
            FilterSql.Where where = filter.where();
            List<Long> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT t.id FROM task t "
                    + "WHERE t.project_id = ?" + where.and() + " ORDER BY t.id")) {
                statement.setLong(1, projectId);
                SqlConditions.bind(statement, 2, where.parameters());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            matching = found.stream().mapToLong(Long::longValue).toArray();
        } else {
            matching = Candidates.scan(connection, projectId, filter, List.of(), false).stream()
                    .mapToLong(Candidate::id).toArray();
        }
        Set<Long> excluded = new HashSet<>(selection.excluded());
        return Arrays.stream(matching).filter(id -> !excluded.contains(id)).toArray();
    }
}
