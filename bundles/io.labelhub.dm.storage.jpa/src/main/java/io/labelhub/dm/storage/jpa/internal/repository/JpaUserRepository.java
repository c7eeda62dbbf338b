package io.labelhub.dm.storage.jpa.internal.repository;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.api.storage.UserRepository;
import io.labelhub.dm.storage.jpa.internal.entity.UserEntity;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

@Component(service = UserRepository.class)
public class JpaUserRepository implements UserRepository {

    private final Jpa jpa;

    @Activate
    public JpaUserRepository(@Reference(target = Jpa.UNIT) JpaTemplate jpa,
                             @Reference StorageInfo schemaReady) {
        this.jpa = new Jpa(jpa);
    }

    @Override
    public User insert(String email, String passwordHash, String firstName, String lastName, Role role) {
        return jpa.tx(em -> {
            if (byEmail(em, email).isPresent()) {
                throw new ConflictException("user exists", "a user with e-mail " + email + " exists already");
            }
            UserEntity user = new UserEntity();
            user.email = email;
            user.passwordHash = passwordHash;
            user.firstName = firstName;
            user.lastName = lastName;
            user.role = role.name();
            user.active = true;
            user.createdAt = Jdbc.now();
            em.persist(user);
            em.flush();
            return Mapping.user(user);
        });
    }

    private static Optional<UserEntity> byEmail(EntityManager em, String email) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.email = :email", UserEntity.class)
                .setParameter("email", email).getResultStream().findFirst();
    }

    @Override
    public long count() {
        return jpa.tx(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
    }

    @Override
    public Optional<User> find(long id) {
        return jpa.tx(em -> Optional.ofNullable(em.find(UserEntity.class, id)).map(Mapping::user));
    }

    @Override
    public Optional<Credentials> findByEmail(String email) {
        return jpa.tx(em -> byEmail(em, email).map(u -> new Credentials(Mapping.user(u), u.passwordHash)));
    }

    @Override
    public Optional<User> findByTokenHash(String tokenHash) {
        return jpa.tx(em -> em
                .createQuery("SELECT u FROM UserEntity u WHERE u.tokenHash = :hash", UserEntity.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst().map(Mapping::user));
    }

    @Override
    public boolean setTokenHash(long userId, String tokenHash) {
        return jpa.tx(em -> em.createQuery("UPDATE UserEntity u SET u.tokenHash = :hash WHERE u.id = :id")
                .setParameter("hash", tokenHash).setParameter("id", userId).executeUpdate() > 0);
    }

    @Override
    public Page<User> list(PageRequest page) {
        return jpa.tx(em -> {
            long total = em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult();
            List<User> users = em.createQuery("SELECT u FROM UserEntity u ORDER BY u.id", UserEntity.class)
                    .setFirstResult((int) page.offset()).setMaxResults(page.pageSize()).getResultStream()
                    .map(Mapping::user).toList();
            return new Page<>(total, users);
        });
    }

    @Override
    public Optional<User> setPasswordHash(long userId, String passwordHash) {
        return jpa.tx(em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(user -> {
            user.passwordHash = passwordHash;
            user.tokenHash = null;
            endSessions(em, userId);
            return Mapping.user(user);
        }));
    }

    @Override
    public Optional<User> update(long userId, String firstName, String lastName, Role role, Boolean active,
                                 String passwordHash) {
        return jpa.tx(em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(user -> {
            if (firstName != null) {
                user.firstName = firstName;
            }
            if (lastName != null) {
                user.lastName = lastName;
            }
            if (role != null) {
                user.role = role.name();
            }
            if (active != null) {
                user.active = active;
                if (!active) {
                    user.tokenHash = null;
                    endSessions(em, userId);
                }
            }
            if (passwordHash != null) {
                user.passwordHash = passwordHash;
                user.tokenHash = null;
                endSessions(em, userId);
            }
            return Mapping.user(user);
        }));
    }

    @Override
    public Optional<User> setRole(long userId, Role role) {
        return jpa.tx(em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(user -> {
            user.role = role.name();
            return Mapping.user(user);
        }));
    }

    /** A new password or a deactivation ends the user's browser sessions too, as it revokes their API token. */
    private static void endSessions(EntityManager em, long userId) {
        Jpa.jdbc(em, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM user_session WHERE user_id = ?")) {
                delete.setLong(1, userId);
                delete.executeUpdate();
            }
        });
    }
}
