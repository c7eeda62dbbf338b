package io.labelhub.dm.storage.jpa.internal.database;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Which database the server uses and how it connects, from {@code DM_DB_URL}, {@code DM_DB_USER},
 * {@code DM_DB_PASSWORD}, {@code DM_DB_POOL_SIZE} and {@code DM_DB_LOCK_TIMEOUT} — each from the environment or,
 * failing that, the same key in {@code etc/io.labelhub.dm.database.cfg}. Without a URL: the embedded Derby in the
 * data folder. Only Derby and PostgreSQL URLs are taken; anything else is refused at start with the URL named.
 *
 * @param url            the JDBC URL
 * @param user           empty for none
 * @param password       empty for none
 * @param driverName     the {@code osgi.jdbc.driver.name} of the DataSourceFactory that serves the URL
 * @param poolSize       the most connections open at once; -1 for no limit
 * @param lockTimeoutSec how long a statement waits for a lock before it gives up (PostgreSQL's lock_timeout;
 *                       Derby's is the system property {@code derby.locks.waitTimeout})
 */
public record DatabaseSettings(String url, String user, String password, String driverName, int poolSize,
        int lockTimeoutSec) {

    public static final String DERBY_DRIVER = "derby";
    public static final String POSTGRESQL_DRIVER = "PostgreSQL JDBC Driver";

    /** PostgreSQL's default max_connections is 100: two or three nodes of 32 fit beside psql and the admin. */
    static final int POSTGRESQL_POOL_SIZE = 32;
    static final int LOCK_TIMEOUT_SEC = 20;

    /**
     * @param environment what {@code System.getenv} gives (a blank value counts as unset)
     * @param file        the keys of the etc file (a blank value counts as unset)
     * @param dataFolder  Karaf's data folder, where the embedded Derby lives
     */
    public static DatabaseSettings from(UnaryOperator<String> environment, Map<String, ?> file, String dataFolder) {
        UnaryOperator<String> setting = key -> {
            String value = environment.apply(key);
            if (value == null || value.isBlank()) {
                Object configured = file.get(key);
                value = configured == null ? null : configured.toString();
            }
            return value == null || value.isBlank() ? null : value.strip();
        };
        String url = setting.apply("DM_DB_URL");
        if (url == null) {
            url = "jdbc:derby:" + dataFolder + "/labelhub/derby;create=true";
        }
        String driver;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:derby:")) {
            driver = DERBY_DRIVER;
        } else if (lower.startsWith("jdbc:postgresql:")) {
            driver = POSTGRESQL_DRIVER;
        } else {
            throw new IllegalArgumentException("DM_DB_URL " + redacted(url) + " is neither jdbc:derby: nor "
                    + "jdbc:postgresql: — the Data Manager runs on Apache Derby or PostgreSQL");
        }
        int pool = number(setting, "DM_DB_POOL_SIZE", driver.equals(DERBY_DRIVER) ? -1 : POSTGRESQL_POOL_SIZE);
        int lockTimeout = number(setting, "DM_DB_LOCK_TIMEOUT", LOCK_TIMEOUT_SEC);
        return new DatabaseSettings(url, orEmpty(setting.apply("DM_DB_USER")),
                orEmpty(setting.apply("DM_DB_PASSWORD")), driver, pool, lockTimeout);
    }

    public boolean isPostgresql() {
        return POSTGRESQL_DRIVER.equals(driverName);
    }

    /** The URL as the log may show it: without its query or Derby attributes, where a password could be. */
    public String shownUrl() {
        return redacted(url);
    }

    /**
     * What pax-jdbc's pooled DataSourceFactory takes: {@code pool.*} for Commons Pool, {@code factory.*} for
     * DBCP2's connection factory, the rest for the driver's DataSource.
     */
    Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("url", url);
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        if (isPostgresql()) {
            // a statement that waits for a row lock gives up instead of waiting forever; reported as BUSY (503)
            properties.setProperty("options", "-c lock_timeout=" + lockTimeoutSec + "s");
            properties.setProperty("ApplicationName", "LabelHub Data Manager");
            properties.setProperty("connectTimeout", "5");
        }
        properties.setProperty("pool.maxTotal", String.valueOf(poolSize));
        properties.setProperty("pool.maxIdle", String.valueOf(poolSize < 0 ? 32 : Math.min(poolSize, 32)));
        properties.setProperty("pool.minIdle", "0");
        // a connection the database dropped (a restart, a failover) is found out before a request gets it
        properties.setProperty("pool.testOnBorrow", "true");
        // a full pool makes a request wait this long for a connection, then answer BUSY, never forever
        properties.setProperty("pool.maxWaitMillis", "10000");
        properties.setProperty("factory.validationQueryTimeout", "2");
        return properties;
    }

    private static String redacted(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    private static int number(UnaryOperator<String> setting, String key, int otherwise) {
        String value = setting.apply(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + value + "\"");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
