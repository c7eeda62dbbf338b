package io.labelhub.dm.storage.jpa.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real database a storage test runs on: the embedded Derby in the test's folder, or, with
 * {@code -Dlabelhub.test.database=postgresql}, a database of its own on the PostgreSQL at
 * {@code -Dlabelhub.test.postgresql} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code postgres}), created for the folder and dropped when the test JVM ends. The same folder gives the same
 * database, so a test can close its storage and open it again as a restart would.
 */
public abstract sealed class TestDatabase {

    public static final String PROPERTY = "labelhub.test.database";

    /** Whether this run's storage tests are on PostgreSQL. */
    public static boolean isPostgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "derby"));
    }

    /** The database of the folder, created when it is not there yet. */
    public static TestDatabase at(Path folder) throws SQLException {
        return isPostgresql() ? Postgresql.of(folder) : new Derby(folder);
    }

    public abstract DataSource dataSource();

    /** The product as {@code DatabaseMetaData} names it. */
    public abstract String product();

    /** Releases the database; its data stay for the next {@link #at} of the same folder. */
    abstract void close();

    static final class Derby extends TestDatabase {

        private final EmbeddedDataSource dataSource = new EmbeddedDataSource();

        Derby(Path folder) {
            dataSource.setDatabaseName(folder.resolve("db").toString());
            dataSource.setCreateDatabase("create");
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public String product() {
            return "Apache Derby";
        }

        @Override
        void close() {
            EmbeddedDataSource shutdown = new EmbeddedDataSource();
            shutdown.setDatabaseName(dataSource.getDatabaseName());
            shutdown.setShutdownDatabase("shutdown");
            try {
                shutdown.getConnection().close();
            } catch (SQLException expected) {
                // Derby reports a successful shutdown as SQLState 08006
                if (!"08006".equals(expected.getSQLState())) {
                    throw new IllegalStateException(expected);
                }
            }
        }
    }

    static final class Postgresql extends TestDatabase {

        private static final String ADMIN_URL = System.getProperty("labelhub.test.postgresql",
                "jdbc:postgresql://127.0.0.1:5432/postgres");
        private static final String USER = System.getProperty("labelhub.test.postgresql.user", "postgres");
        /** Every database this JVM made, dropped when it ends. */
        private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

        static {
            // -Dlabelhub.test.keep=true keeps them for a look afterwards (psql -h 127.0.0.1 -U postgres dm_test_…)
            if (!Boolean.getBoolean("labelhub.test.keep")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(Postgresql::drop),
                        "drop-test-databases"));
            }
        }

        /** Pooled as the distribution's connections are (DBCP2): a new PostgreSQL connection costs milliseconds. */
        private final BasicDataSource dataSource = new BasicDataSource();

        private Postgresql(String name) {
            dataSource.setDriverClassName(org.postgresql.Driver.class.getName());
            dataSource.setUrl(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name);
            dataSource.setUsername(USER);
            // as Derby's derby.locks.waitTimeout of the tests: a lock waited for in vain ends in 2 s, not never
            dataSource.setConnectionProperties("options=-c lock_timeout=2s");
            dataSource.setMaxTotal(60);
            dataSource.setMaxIdle(16);
        }

        static Postgresql of(Path folder) throws SQLException {
            String name = ("dm_test_" + ProcessHandle.current().pid() + "_"
                    + Integer.toUnsignedString(folder.toAbsolutePath().toString().hashCode(), 36))
                    .toLowerCase(Locale.ROOT);
            if (CREATED.add(name)) {
                try (Connection admin = admin(); Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + name);
                }
            }
            return new Postgresql(name);
        }

        private static Connection admin() throws SQLException {
            PGSimpleDataSource admin = new PGSimpleDataSource();
            admin.setUrl(ADMIN_URL);
            admin.setUser(USER);
            return admin.getConnection();
        }

        private static void drop(String name) {
            try (Connection admin = admin(); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop the test database " + name + ": " + e.getMessage());
            }
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public String product() {
            return "PostgreSQL";
        }

        @Override
        void close() {
            // the database itself stays until the JVM ends, for a test that opens the same folder again
            try {
                dataSource.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
