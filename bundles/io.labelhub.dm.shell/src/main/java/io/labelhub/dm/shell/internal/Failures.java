package io.labelhub.dm.shell.internal;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;

import io.labelhub.dm.api.DmException;

/** Turns the errors of the Data Manager into messages an admin reads in a terminal. */
final class Failures {

    static final String BUSY = "the database is busy with a long write (an import or a bulk action) and this "
            + "command waited for it in vain; nothing was changed, try again shortly";

    /**
     * The SQLStates of a statement that gave up waiting for another transaction, as the REST error mapper knows
     * them: Derby's lock timeout and deadlock, PostgreSQL's lock_not_available, deadlock_detected and
     * serialization_failure.
     */
    private static final Set<String> BUSY_STATES = Set.of("40XL1", "40XL2", "40001", "55P03", "40P01");

    private Failures() {
    }

    static CommandException toCommand(DmException e) {
        if (e.kind() == DmException.Kind.BUSY) {
            return new CommandException(BUSY);
        }
        return new CommandException(describe(e.error(), e.detail()));
    }

    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && BUSY_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code error: detail} on one line when the detail is a short text; a list (or the importer's
     * {@code {"problems": [...], "total": n}}) one item a line below the error.
     */
    static String describe(String error, Object detail) {
        if (detail == null) {
            return error;
        }
        if (detail instanceof Map<?, ?> map && map.get("problems") instanceof Collection<?> problems) {
            StringBuilder text = new StringBuilder(error).append(':');
            problems.forEach(problem -> text.append("\n  ").append(problem));
            if (map.get("total") instanceof Number total && total.longValue() > problems.size()) {
                text.append("\n  (").append(total).append(" problems in all, the first ").append(problems.size())
                        .append(" shown)");
            }
            return text.toString();
        }
        if (detail instanceof Collection<?> items) {
            StringBuilder text = new StringBuilder(error).append(':');
            items.forEach(item -> text.append("\n  ").append(item));
            return text.toString();
        }
        if (detail instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder(error).append(':');
            map.forEach((key, value) -> text.append("\n  ").append(key).append(": ").append(value));
            return text.toString();
        }
        return error + ": " + detail;
    }
}
