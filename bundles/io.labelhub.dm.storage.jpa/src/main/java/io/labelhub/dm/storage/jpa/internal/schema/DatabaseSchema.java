package io.labelhub.dm.storage.jpa.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.storage.StorageInfo;

/**
 * Migrates the schema when the DataSource appears and only then offers {@link StorageInfo}; every repository and
 * store of the bundle depends on it (directly or through the {@code IdAllocator}), so none of them serves a
 * request against an old schema.
 */
@Component(service = StorageInfo.class)
public class DatabaseSchema implements StorageInfo {

    /** The name under which {@code DataSourcePublisher} offers the pooled DataSource, once the database answers. */
    public static final String DATA_SOURCE_NAME = "labelhub";
    public static final String DATA_SOURCE = "(dataSourceName=" + DATA_SOURCE_NAME + ")";

    private final DataSource dataSource;
    private final String product;
    private final int version;

    @Activate
    public DatabaseSchema(@Reference(target = DATA_SOURCE) DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.version = SchemaMigrations.migrate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            this.product = connection.getMetaData().getDatabaseProductName();
        }
    }

    @Override
    public String databaseProduct() {
        return product;
    }

    @Override
    public int schemaVersion() {
        return version;
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
