package io.labelhub.dm.api.storage;

import java.util.Optional;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;

/** Persistence of users with their password and token hashes. */
public interface UserRepository {

    /** A user as stored, with the hash of the password. */
    record Credentials(User user, String passwordHash) {
    }

    /**
     * Stores a user.
     *
     * @throws io.labelhub.dm.api.ConflictException when the e-mail is taken
     */
    User insert(String email, String passwordHash, String firstName, String lastName, Role role);

    long count();

    Optional<User> find(long id);

    Optional<Credentials> findByEmail(String email);

    Optional<User> findByTokenHash(String tokenHash);

    /** False when there is no such user. */
    boolean setTokenHash(long userId, String tokenHash);

    Page<User> list(PageRequest page);

    /** Replaces the password hash and clears the token hash; empty when there is no such user. */
    Optional<User> setPasswordHash(long userId, String passwordHash);

    /** Empty when there is no such user. */
    Optional<User> setRole(long userId, Role role);

    /**
     * Changes the non-null fields in one transaction (a new password hash clears the token hash, a deactivation
     * too); empty when there is no such user.
     */
    Optional<User> update(long userId, String firstName, String lastName, Role role, Boolean active,
                          String passwordHash);
}
