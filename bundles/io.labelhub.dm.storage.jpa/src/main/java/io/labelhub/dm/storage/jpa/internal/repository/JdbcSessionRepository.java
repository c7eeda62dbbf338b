package io.labelhub.dm.storage.jpa.internal.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.storage.SessionRepository;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.schema.DatabaseSchema;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Transactions;

/** Browser sessions in {@code user_session}; a session is read with its user, who must be active. */
@Component(service = SessionRepository.class)
public class JdbcSessionRepository implements SessionRepository {

    private final DataSource dataSource;

    @Activate
    public JdbcSessionRepository(@Reference(target = DatabaseSchema.DATA_SOURCE) DataSource dataSource,
                                 @Reference StorageInfo schemaReady) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(String keyHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {
        Transactions.inTransaction(dataSource, "cannot open a session", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO user_session "
                    + "(key_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, keyHash);
                insert.setLong(2, userId);
                insert.setString(3, csrfToken);
                insert.setTimestamp(4, Timestamp.from(createdAt));
                insert.setTimestamp(5, Timestamp.from(expiresAt));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Found> find(String keyHash, Instant now) {
        return Transactions.read(dataSource, "cannot read a session", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT u.id, u.email, u.first_name, "
                    + "u.last_name, u.role, u.active, u.created_at, s.csrf_token, s.expires_at FROM user_session s "
                    + "JOIN app_user u ON u.id = s.user_id WHERE s.key_hash = ? AND s.expires_at > ? "
                    + "AND u.active = TRUE")) {
                select.setString(1, keyHash);
                select.setTimestamp(2, Timestamp.from(now));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<Found>empty();
                    }
                    User user = new User(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            Role.valueOf(row.getString(5)), row.getBoolean(6), Jdbc.instant(row, 7));
                    return Optional.of(new Found(user, row.getString(8), Jdbc.instant(row, 9)));
                }
            }
        });
    }

    @Override
    public void delete(String keyHash) {
        Transactions.inTransaction(dataSource, "cannot close a session", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM user_session WHERE key_hash = ?")) {
                delete.setString(1, keyHash);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpired(Instant now) {
        return Transactions.inTransaction(dataSource, "cannot sweep the sessions that ran out", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM user_session WHERE expires_at <= ?")) {
                delete.setTimestamp(1, Timestamp.from(now));
                return delete.executeUpdate();
            }
        });
    }
}
