package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Inserts rows into one table {@value #ROWS} at a time with one {@code INSERT … VALUES (…), (…), …}, as JDBC
 * batches. Derby executes every element of a batch as a statement of its own and opens the table, each index and
 * each foreign-key check again for it; with many rows per statement it does so once per {@value #ROWS} rows, which
 * makes a bulk import markedly faster. The rows that do not fill a whole statement go through a one-row statement.
 * On PostgreSQL the rows go through one {@code COPY} per flush instead ({@link PostgresCopy}).
 *
 * @param <R> one row's values
 */
public final class MultiRowInsert<R> implements AutoCloseable {

    /** Rows per statement: large enough to spread the per-statement cost, small enough to compile quickly. */
    public static final int ROWS = 32;

    /** Binds one row's values, starting at parameter {@code offset + 1}. */
    @FunctionalInterface
    public interface Binder<R> {
        void bind(PreparedStatement statement, int offset, R row) throws SQLException;
    }

    private final PreparedStatement many;
    private final PreparedStatement one;
    /** Non-null on PostgreSQL, where the statements are not prepared. */
    private final PostgresCopy copy;
    private final int parameters;
    private final Binder<R> binder;
    private final List<R> rows = new ArrayList<>();

    /**
     * @param insert     {@code INSERT INTO table (columns) VALUES }
     * @param values     one row's {@code (?, ?, …)}; it may hold constants besides parameters
     * @param binder     binds one row
     */
    public MultiRowInsert(Connection connection, String insert, String values, Binder<R> binder) throws SQLException {
        this.parameters = (int) values.chars().filter(c -> c == '?').count();
        this.binder = binder;
        // the product first: PostgresCopy needs the PostgreSQL driver, an optional import of the bundle
        this.copy = Jdbc.isPostgresql(connection)
                ? PostgresCopy.of(connection, insert, values) : null;
        if (copy != null) {
            this.one = null;
            this.many = null;
            return;
        }
        this.one = connection.prepareStatement(insert + values);
        try {
            this.many = connection.prepareStatement(insert + String.join(", ", Collections.nCopies(ROWS, values)));
        } catch (SQLException e) {
            one.close();
            throw e;
        }
    }

    public void add(R row) {
        rows.add(row);
    }

    /** Writes every row added since the last flush. */
    public void flush() throws SQLException {
        if (copy != null) {
            copy.write(rows, binder);
            rows.clear();
            return;
        }
        int whole = rows.size() - rows.size() % ROWS;
        for (int start = 0; start < whole; start += ROWS) {
            for (int i = 0; i < ROWS; i++) {
                binder.bind(many, i * parameters, rows.get(start + i));
            }
            many.addBatch();
        }
        for (int i = whole; i < rows.size(); i++) {
            binder.bind(one, 0, rows.get(i));
            one.addBatch();
        }
        if (whole > 0) {
            many.executeBatch();
        }
        if (whole < rows.size()) {
            one.executeBatch();
        }
        rows.clear();
    }

    @Override
    public void close() throws SQLException {
        if (copy != null) {
            rows.clear();
            return;
        }
        try (one; many) {
            rows.clear();
        }
    }
}
