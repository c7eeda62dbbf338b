package io.labelhub.dm.storage.jpa.internal.sql;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * {@link MultiRowInsert}'s way on PostgreSQL: the rows go through {@code COPY … FROM STDIN} in CSV, PostgreSQL's
 * fastest way in (one stream instead of statements to parse, plan and execute). The rows are bound by the same
 * {@link MultiRowInsert.Binder} as the INSERT's, into a stand-in statement that only records the values, so the
 * column order is written once; the constants of the INSERT's {@code VALUES (…)} template are written as they are.
 * Loaded only on PostgreSQL: its driver is an optional import of the bundle.
 */
final class PostgresCopy {

    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\w+) \\(([^)]*)\\) VALUES\\s*",
            Pattern.CASE_INSENSITIVE);
    /** A constant of a VALUES template: a number, TRUE, FALSE or NULL. */
    private static final Pattern CONSTANT = Pattern.compile("-?\\d+(\\.\\d+)?|TRUE|FALSE|NULL",
            Pattern.CASE_INSENSITIVE);
    /** Bytes gathered before they are handed to the server. */
    private static final int PIECE = 1 << 16;

    private final CopyManager copy;
    private final String sql;
    /** For each column: the index of its parameter (0-based), or -1 for the constant in {@link #constants}. */
    private final int[] parameterOf;
    private final String[] constants;
    private final int parameters;

    private PostgresCopy(CopyManager copy, String insert, String values) {
        this.copy = copy;
        Matcher matcher = INSERT.matcher(insert);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an INSERT INTO table (columns) VALUES: " + insert);
        }
        String[] items = values.strip().replaceAll("^\\(|\\)$", "").split(",");
        String[] columns = matcher.group(2).split(",");
        if (items.length != columns.length) {
            throw new IllegalArgumentException(columns.length + " columns but " + items.length + " values: " + values);
        }
        this.parameterOf = new int[items.length];
        this.constants = new String[items.length];
        int next = 0;
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.equals("?")) {
                parameterOf[i] = next++;
            } else if (CONSTANT.matcher(item).matches()) {
                parameterOf[i] = -1;
                constants[i] = item.equalsIgnoreCase("NULL") ? "" : item;
            } else {
                throw new IllegalArgumentException("a COPY takes numbers, TRUE, FALSE and NULL as constants, not "
                        + item);
            }
        }
        this.parameters = next;
        this.sql = "COPY " + matcher.group(1) + " (" + matcher.group(2) + ") FROM STDIN WITH (FORMAT csv)";
    }

    /** The COPY for this INSERT on this connection, or null when it is not PostgreSQL's. */
    static PostgresCopy of(Connection connection, String insert, String values) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return null;
        }
        return new PostgresCopy(connection.unwrap(PGConnection.class).getCopyAPI(), insert, values);
    }

    /** Writes the rows in one COPY. */
    <R> void write(List<R> rows, MultiRowInsert.Binder<R> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Object[] captured = new Object[parameters];
        PreparedStatement recorder = recorder(captured);
        CopyIn in = copy.copyIn(sql);
        try {
            ByteArrayOutputStream piece = new ByteArrayOutputStream(PIECE + 1024);
            StringBuilder line = new StringBuilder(256);
            for (R row : rows) {
                Arrays.fill(captured, null);
                binder.bind(recorder, 0, row);
                line.setLength(0);
                for (int column = 0; column < parameterOf.length; column++) {
                    if (column > 0) {
                        line.append(',');
                    }
                    int parameter = parameterOf[column];
                    if (parameter < 0) {
                        line.append(constants[column]);
                    } else {
                        field(line, captured[parameter]);
                    }
                }
                line.append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                piece.write(bytes, 0, bytes.length);
                if (piece.size() >= PIECE) {
                    in.writeToCopy(piece.toByteArray(), 0, piece.size());
                    piece.reset();
                }
            }
            if (piece.size() > 0) {
                in.writeToCopy(piece.toByteArray(), 0, piece.size());
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One CSV field: NULL unquoted and empty, text always quoted (so an empty string is not NULL). */
    private static void field(StringBuilder line, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        } else if (value instanceof Boolean b) {
            line.append(b ? "true" : "false");
        } else if (value instanceof Timestamp t) {
            // as the driver sends a Timestamp for a TIMESTAMP column: the JVM's local date and time
            line.append(t);
        } else {
            line.append(value);
        }
    }

    /** A statement that only records what a Binder sets: long, int, double, boolean, String, Timestamp, NULL. */
    private static PreparedStatement recorder(Object[] captured) {
        InvocationHandler handler = (proxy, method, args) -> record(captured, method, args);
        return (PreparedStatement) Proxy.newProxyInstance(PostgresCopy.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    /** The setters a {@link MultiRowInsert.Binder} calls, besides setNull. */
    private static final Set<String> SETTERS = Set.of("setLong", "setInt", "setDouble", "setBoolean", "setString",
            "setTimestamp");

    private static Object record(Object[] captured, Method method, Object[] args) {
        String name = method.getName();
        if (SETTERS.contains(name) && args.length == 2) {
            captured[(Integer) args[0] - 1] = args[1];
            return null;
        }
        if (name.equals("setNull")) {
            captured[(Integer) args[0] - 1] = null;
            return null;
        }
        throw new UnsupportedOperationException("a COPY row takes " + SETTERS + " and setNull, not " + name);
    }
}
