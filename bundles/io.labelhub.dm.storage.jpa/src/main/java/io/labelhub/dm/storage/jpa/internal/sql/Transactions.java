package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * JDBC work on a connection of its own: in one transaction, as plain reads, or as reads that do not wait for writers.
 * A failure reaches the caller as {@link DatabaseErrors#translate} makes it: BUSY when the database gave up waiting.
 */
public final class Transactions {

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /** The work in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                // the connection may go back to a pool
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, what);
        }
    }

    /** Reads, each statement on its own (read committed). */
    public static <T> T read(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, what);
        }
    }

    /**
     * Reads that do not wait for writers (read uncommitted): only for candidates that a transaction checks again
     * under its locks. Read committed, Derby makes a read wait for each row another transaction is writing, so many
     * users at once would queue behind each other; uncommitted, a lock being taken is seen at once. (PostgreSQL
     * reads never wait.)
     */
    public static <T> T dirty(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try {
                return work.run(connection);
            } finally {
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, what);
        }
    }
}
