package io.labelhub.dm.shell.internal;

import java.util.Collection;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;

import io.labelhub.dm.api.DmException;

/** Turns the errors of the Data Manager into messages an admin reads in a terminal. */
final class Failures {

    static final String BUSY = "the database is busy with a long write (an import or a bulk action) and this "
            + "command waited for it in vain; nothing was changed, try again shortly";

    private Failures() {
    }

    static CommandException toCommand(DmException e) {
        if (e.kind() == DmException.Kind.BUSY) {
            return new CommandException(BUSY);
        }
        return new CommandException(describe(e.error(), e.detail()));
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
