package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;

/**
 * Hands out ids of tasks, completions and predictions from blocks reserved in {@code id_block}. A reservation is
 * its own short transaction on its own connection, so it never waits for (or holds up) a long import, and
 * several nodes sharing one database never hand out the same id.
 */
@Component(service = IdAllocator.class)
public class IdAllocator {

    /** Ids a node reserves at a time for single inserts. */
    static final int BLOCK = 100;

    private final DataSource dataSource;
    private final Map<String, long[]> cached = new HashMap<>();

    @Activate
    public IdAllocator(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                       @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    /** The next id of a table ({@code task}, {@code completion}, {@code prediction}). */
    public synchronized long next(String table) {
        long[] block = cached.get(table);
        if (block == null || block[0] >= block[1]) {
            long first = reserve(table, BLOCK);
            block = new long[] {first, first + BLOCK};
            cached.put(table, block);
        }
        return block[0]++;
    }

    /** Reserves {@code count} consecutive ids and returns the first. */
    public long reserve(String table, int count) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE id_block SET next_id = next_id + ? WHERE name = ?");
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT next_id FROM id_block WHERE name = ?")) {
                update.setLong(1, count);
                update.setString(2, table);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no id block for " + table);
                }
                select.setString(1, table);
                long next;
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                }
                connection.commit();
                return next - count;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot reserve ids for " + table);
        }
    }
}
