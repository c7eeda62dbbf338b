package io.labelhub.dm.itests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a booted distribution runs on in these tests: its embedded Derby by default; with
 * {@code -Dlabelhub.itest.database=postgresql} a database of its own on the PostgreSQL at
 * {@code -Dlabelhub.itest.postgresql} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code postgres}, trust auth), created before the boot and dropped when the test JVM ends.
 */
final class ItDatabase {

    static final String PROPERTY = "labelhub.itest.database";
    static final String ADMIN_URL = System.getProperty("labelhub.itest.postgresql",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = "postgres";

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(ItDatabase::drop),
                "drop-itest-databases"));
    }

    private ItDatabase() {
    }

    static boolean isPostgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "derby"));
    }

    /** The product {@code /api/health} names for this run's database. */
    static String product() {
        return isPostgresql() ? "PostgreSQL" : "Apache Derby";
    }

    /**
     * The keys of {@code etc/io.labelhub.dm.database.cfg} (or the environment) for a distribution of this run: none
     * for the embedded Derby, a fresh PostgreSQL database otherwise.
     */
    static Map<String, String> settings() {
        return isPostgresql() ? postgresql(create()) : Map.of();
    }

    /** The keys that point a distribution at this PostgreSQL database. */
    static Map<String, String> postgresql(String url) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("DM_DB_URL", url);
        keys.put("DM_DB_USER", USER);
        return keys;
    }

    /** A new, empty PostgreSQL database: its JDBC URL. */
    static String create() {
        String name = "dm_itest_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        CREATED.add(name);
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " on " + ADMIN_URL, e);
        }
        return url(name);
    }

    static String url(String database) {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
    }

    private static void drop(String name) {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop the test database " + name + ": " + e.getMessage());
        }
    }
}
