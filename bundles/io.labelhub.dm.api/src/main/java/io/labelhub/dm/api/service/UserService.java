package io.labelhub.dm.api.service;

import java.util.Optional;

import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.UserPatch;

/** Users, their passwords (kept as slow salted hashes) and their API tokens. */
public interface UserService {

    User create(NewUser user);

    User get(long id);

    Page<User> list(PageRequest page);

    /**
     * The active user with this e-mail and password, if both match. Every answer costs the same slow hash, known
     * e-mail or not. Failed attempts are counted per account and per client: past a few, further attempts (even
     * right ones) are refused with a {@link io.labelhub.dm.api.ThrottledException} for a while that doubles with
     * each failure, so guessing is slow while a person who mistyped waits seconds.
     *
     * @param client where the attempt comes from (the client's address), for the per-client count
     */
    Optional<User> authenticate(String email, String password, String client);

    /** The active user holding this API token. */
    Optional<User> authenticateToken(String token);

    /**
     * Sets a new password (checked like a new user's: 8+ characters); the user's API token is revoked with it, so
     * a password reset locks out whoever held the old credentials.
     */
    User setPassword(long userId, String password);

    /** Gives the user another role. */
    User setRole(long userId, Role role);

    /**
     * Changes a user as {@code caller} may: an admin the names, role and active flag of anybody (and another's
     * password), a user their own names and password, the latter only with their present one. A user deactivated
     * is refused at once, with any password, token or session; nobody deactivates or demotes themselves, so an
     * admin cannot lock the last admin out by mistake.
     *
     * @throws io.labelhub.dm.api.ForbiddenException naming the field the caller may not change
     */
    User update(long userId, UserPatch patch, User caller);

    /** Creates a new API token for the user, replacing any earlier one, and returns it; only its hash is kept. */
    String rotateToken(long userId);
}
