package io.labelhub.dm.storage.jpa.internal.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.DmException;

/**
 * Which database errors mean "busy": a statement that gave up waiting for another transaction and was rolled back,
 * so that the same request later will likely succeed. The only place that knows SQLStates; every storage entry point
 * hands what it caught to {@link #translate}, so callers see {@link DmException.Kind#BUSY} instead of a driver's
 * exception.
 */
public final class DatabaseErrors {

    /**
     * Derby's lock timeout (40XL1, and 40XL2 with the lock table in the message) and deadlock (40001); PostgreSQL's
     * lock_not_available (55P03), deadlock_detected (40P01) and serialization_failure (40001).
     */
    static final Set<String> BUSY_STATES = Set.of("40XL1", "40XL2", "40001", "55P03", "40P01");

    /** Waited for a lock in vain, as opposed to a deadlock: Derby's 40XL1, PostgreSQL's 55P03. */
    static final Set<String> LOCK_TIMEOUT_STATES = Set.of("40XL1", "55P03");

    /**
     * The database cannot be reached or will not have us: SQLState classes 08 (connection exception) and 28 (invalid
     * authorization), PostgreSQL's 3D000 (no such database) and 57P01–57P03 (shutting down, cannot connect now), Derby's
     * XJ040 (the database failed to boot).
     */
    static boolean isUnavailable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                || state.startsWith("57P0") || state.equals("XJ040"));
    }

    public static final String UNAVAILABLE = "database unavailable";
    public static final String UNAVAILABLE_DETAIL = "the database does not answer (down, restarting or refusing this "
            + "server's credentials); nothing of this request was stored, the server reconnects by itself once the "
            + "database is back: try again shortly";
    public static final String POOL_FULL_DETAIL = "every connection to the database was in use for 10 s (raise "
            + "DM_DB_POOL_SIZE if this is the everyday load); nothing of this request was stored: try again shortly";

    /** The error and detail of a busy answer, as the REST edge has always sent them. */
    public static final String BUSY = "busy";
    public static final String BUSY_DETAIL = "the database is busy with a long write, such as an import or a bulk "
            + "action, and this request waited for it in vain and was rolled back; try again shortly";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);

    private DatabaseErrors() {
    }

    /**
     * What a JDBC path throws for a failure: a {@link DmException} as it is, BUSY when the database gave up waiting,
     * otherwise an IllegalStateException saying what could not be done (a bug or a broken database: a 500).
     */
    public static RuntimeException translate(Throwable failure, String what) {
        if (failure instanceof DmException dm) {
            return dm;
        }
        DmException busy = busy(failure);
        return busy != null ? busy : new IllegalStateException(what, failure);
    }

    /**
     * What a JPA path throws for a failure: BUSY when the database gave up waiting (EclipseLink wraps the driver's
     * exception in its own), otherwise the failure itself.
     */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DmException) {
            return failure;
        }
        DmException busy = busy(failure);
        return busy != null ? busy : failure;
    }

    /** Whether the statement waited for a lock in vain (rather than, say, losing a deadlock). */
    public static boolean isLockTimeout(SQLException e) {
        return e.getSQLState() != null && LOCK_TIMEOUT_STATES.contains(e.getSQLState());
    }

    /**
     * BUSY with the failure as its cause when some SQLException in it has a busy state, when the database is
     * unavailable, or when the pool had no connection to give; null otherwise.
     */
    private static DmException busy(Throwable failure) {
        List<Throwable> causes = causes(failure);
        SQLException waited = waitedInVain(causes);
        if (waited != null) {
            LOG.debug("Busy database: {} (SQLState {})", waited.getMessage(), waited.getSQLState());
            return busy(failure, BUSY, BUSY_DETAIL);
        }
        for (Throwable t : causes) {
            if (t instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
                LOG.warn("The database is unavailable: {} (SQLState {})", sql.getMessage(), sql.getSQLState());
                return busy(failure, UNAVAILABLE, UNAVAILABLE_DETAIL);
            }
        }
        for (Throwable t : causes) {
            // DBCP2 wraps Commons Pool's NoSuchElementException ("Timeout waiting for idle object")
            if (t instanceof java.util.NoSuchElementException && t.getMessage() != null
                    && t.getMessage().contains("Timeout waiting")) {
                LOG.warn("No database connection was free for 10 s: {}", failure.toString());
                return busy(failure, BUSY, POOL_FULL_DETAIL);
            }
        }
        return null;
    }

    private static DmException busy(Throwable failure, String error, String detail) {
        DmException busy = new DmException(DmException.Kind.BUSY, error, detail);
        busy.initCause(failure);
        return busy;
    }

    /** The failure and its causes, each once (a cause chain may loop). */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }

    /**
     * The first SQLException with a busy state among the causes, and among each SQLException's chained next
     * exceptions (where a failed JDBC batch keeps the failure of its statement).
     */
    private static SQLException waitedInVain(List<Throwable> causes) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(causes);
        for (Throwable t : causes) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null && (s == sql || seen.add(s)); s = s.getNextException()) {
                    // an exception of the pool or a wrapper has no state (and Set.of refuses to look up null)
                    if (s.getSQLState() != null && BUSY_STATES.contains(s.getSQLState())) {
                        return s;
                    }
                }
            }
        }
        return null;
    }
}
