package io.labelhub.dm.storage.jpa.internal.repository;

import java.sql.Connection;
import java.sql.SQLException;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;

import io.labelhub.dm.storage.jpa.internal.sql.DatabaseErrors;

/**
 * The repositories' way into the database: Aries JPA's template, whose every call turns a lock given up on into
 * {@code DmException} BUSY, and the transaction's own JDBC connection for what the counters and the label index
 * write there.
 */
final class Jpa {

    /** The persistence unit of {@code META-INF/persistence.xml}, as Aries JPA registers its JpaTemplate. */
    static final String UNIT = "(osgi.unit.name=labelhub)";

    /** Work on the transaction's connection. */
    @FunctionalInterface
    interface JdbcWork {
        void run(Connection connection) throws SQLException;
    }

    private final JpaTemplate template;

    Jpa(JpaTemplate template) {
        this.template = template;
    }

    /** Runs {@code work} in a transaction of its own (or the caller's), committed unless it throws. */
    <R> R tx(EmFunction<R> work) {
        try {
            return template.txExpr(work);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e);
        }
    }

    /**
     * Runs JDBC work on the connection of the entity manager's transaction, after the entity manager has written
     * what it holds, so both see the same rows. Entities it holds do not see what the work changes: refresh them.
     */
    static void jdbc(EntityManager em, JdbcWork work) {
        em.flush();
        Connection connection = em.unwrap(Connection.class);
        if (connection == null) {
            throw new IllegalStateException("the entity manager has no JDBC connection: called outside a transaction");
        }
        try {
            work.run(connection);
        } catch (SQLException e) {
            throw DatabaseErrors.translate(e, "cannot write the task counters or label index");
        }
    }
}
