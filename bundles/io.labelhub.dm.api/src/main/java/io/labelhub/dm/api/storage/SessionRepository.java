package io.labelhub.dm.api.storage;

import java.time.Instant;
import java.util.Optional;

import io.labelhub.dm.api.User;

/** Browser sessions by the hash of their key. */
public interface SessionRepository {

    /** An open session: its active user and CSRF token. */
    record Found(User user, String csrfToken, Instant expiresAt) {
    }

    void insert(String keyHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt);

    /** The session, if it has not run out at {@code now} and its user is active. */
    Optional<Found> find(String keyHash, Instant now);

    void delete(String keyHash);

    /** Deletes the sessions that ran out before {@code now}; answers how many. */
    int deleteExpired(Instant now);
}
