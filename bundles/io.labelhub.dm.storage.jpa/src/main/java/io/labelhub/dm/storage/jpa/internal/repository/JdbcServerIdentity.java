package io.labelhub.dm.storage.jpa.internal.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.storage.ServerIdentity;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.Transactions;

/** The identity schema step 12 wrote, read once: it never changes. */
@Component(service = ServerIdentity.class)
public class JdbcServerIdentity implements ServerIdentity {

    private final String id;

    @Activate
    public JdbcServerIdentity(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                              @Reference StorageInfo schemaReady) {
        this.id = Transactions.read(dataSource, "cannot read this server's identity", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM server_identity");
                 ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("the database holds no server identity (schema step 12)");
                }
                return rows.getString(1);
            }
        });
    }

    @Override
    public String id() {
        return id;
    }
}
