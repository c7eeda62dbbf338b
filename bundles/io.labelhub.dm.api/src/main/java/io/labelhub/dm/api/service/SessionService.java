package io.labelhub.dm.api.service;

import java.time.Instant;
import java.util.Optional;

import io.labelhub.dm.api.User;

/**
 * Browser sessions: a sign-in with e-mail and password opens one, kept in the database (so every node knows it) by a
 * hash of its key; the browser holds the key in an HttpOnly cookie, and its writes carry the session's CSRF token.
 * A session ends when it is closed, when it runs out, when its user's password changes, and it answers for nobody
 * while its user is inactive.
 */
public interface SessionService {

    /** A session as opened: its {@code key} (the cookie's value) is never stored nor shown again. */
    record Opened(String key, String csrfToken, User user, Instant expiresAt) {
    }

    /** An open session's user and CSRF token. */
    record SignedIn(User user, String csrfToken, Instant expiresAt) {
    }

    /**
     * Opens a session for the user with these credentials, counted against guessing like every sign-in; empty when
     * they are wrong (or the user is inactive).
     *
     * @throws io.labelhub.dm.api.ThrottledException when too many sign-ins failed lately
     */
    Optional<Opened> open(String email, String password, String client);

    /** The session's user, if the key is of an open session of an active user. */
    Optional<SignedIn> find(String key);

    /** Ends the session; nothing when there is none. */
    void close(String key);
}
