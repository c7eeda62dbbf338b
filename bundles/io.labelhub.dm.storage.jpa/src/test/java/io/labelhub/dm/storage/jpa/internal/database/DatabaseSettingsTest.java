package io.labelhub.dm.storage.jpa.internal.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static DatabaseSettings of(Map<String, String> environment, Map<String, ?> file) {
        return DatabaseSettings.from(environment::get, file, "/opt/dm/data");
    }

    @Test
    void nothingSetIsTheEmbeddedDerbyInTheDataFolderWithoutAPoolLimit() {
        DatabaseSettings settings = of(Map.of(), Map.of("DM_DB_URL", " ", "DM_DB_USER", ""));
        assertEquals("jdbc:derby:/opt/dm/data/labelhub/derby;create=true", settings.url());
        assertEquals(DatabaseSettings.DERBY_DRIVER, settings.driverName());
        assertEquals(-1, settings.poolSize());
        assertEquals("jdbc:derby:/opt/dm/data/labelhub/derby", settings.shownUrl());
        assertFalse(settings.properties().containsKey("user"));
    }

    @Test
    void theEnvironmentWinsOverTheFileKeyByKey() {
        DatabaseSettings settings = of(Map.of("DM_DB_URL", "jdbc:postgresql://db:5432/labelhub"),
                Map.of("DM_DB_URL", "jdbc:postgresql://other:5432/x", "DM_DB_USER", "dm", "DM_DB_PASSWORD", "s3cret",
                        "DM_DB_POOL_SIZE", "12"));
        assertEquals("jdbc:postgresql://db:5432/labelhub", settings.url());
        assertEquals(DatabaseSettings.POSTGRESQL_DRIVER, settings.driverName());
        assertEquals("dm", settings.user());
        assertEquals(12, settings.poolSize());
        Properties properties = settings.properties();
        assertEquals("s3cret", properties.getProperty("password"));
        assertEquals("-c lock_timeout=20s", properties.getProperty("options"));
        assertEquals("12", properties.getProperty("pool.maxTotal"));
        assertEquals("true", properties.getProperty("pool.testOnBorrow"));
    }

    @Test
    void postgresqlHasAPoolOf32AndItsLockTimeoutFromTheSettings() {
        DatabaseSettings settings = of(Map.of("DM_DB_URL", "jdbc:postgresql://db/labelhub?password=hidden",
                "DM_DB_LOCK_TIMEOUT", "5"), Map.of());
        assertTrue(settings.isPostgresql());
        assertEquals(32, settings.poolSize());
        assertEquals("-c lock_timeout=5s", settings.properties().getProperty("options"));
        assertEquals("jdbc:postgresql://db/labelhub", settings.shownUrl(), "what the log shows holds no password");
    }

    @Test
    void anotherDatabaseOrABadNumberIsRefusedNamingTheSetting() {
        IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("DM_DB_URL", "jdbc:mysql://db/x?password=p"), Map.of()));
        assertTrue(mysql.getMessage().contains("DM_DB_URL jdbc:mysql://db/x is neither"), mysql.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("DM_DB_POOL_SIZE", "many"), Map.of()));
        assertEquals("DM_DB_POOL_SIZE must be a whole number, not \"many\"", pool.getMessage());
    }

    @Test
    void aFailureIsDescribedByTheDriversMessageAndState() {
        SQLException driver = new SQLException("Connection to 127.0.0.1:5433 refused.", "08001",
                new java.net.ConnectException("Connection refused"));
        SQLException pool = new SQLException("Cannot get a connection, general error", driver);
        assertEquals("Connection to 127.0.0.1:5433 refused. (SQLState 08001)", DataSourcePublisher.describe(pool));
        assertEquals("boom", DataSourcePublisher.describe(new IllegalStateException("boom")));
    }
}
