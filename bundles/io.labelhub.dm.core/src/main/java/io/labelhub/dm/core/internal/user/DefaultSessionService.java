package io.labelhub.dm.core.internal.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.service.SessionService;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.api.storage.SessionRepository;

/**
 * Browser sessions over the user service's sign-in (its throttling and timing included): a key of 160 random bits,
 * stored only as its SHA-256, and a CSRF token of its own. Sessions that ran out are swept as new ones open. Its
 * setting ({@code session.hours}) is in the users' configuration.
 */
@Component(service = SessionService.class, configurationPid = DefaultUserService.PID)
public class DefaultSessionService implements SessionService {

    private final UserService users;
    private final SessionRepository sessions;
    private final Duration lifetime;
    private final Clock clock;

    @Activate
    public DefaultSessionService(@Reference UserService users, @Reference SessionRepository sessions,
                                 DefaultUserService.Config config) {
        this(users, sessions, Duration.ofHours(Math.max(1, config.session_hours())), Clock.systemUTC());
    }

    DefaultSessionService(UserService users, SessionRepository sessions, Duration lifetime, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public Optional<Opened> open(String email, String password, String client) {
        return users.authenticate(email, password, client).map(user -> {
            Instant now = clock.instant();
            sessions.deleteExpired(now);
            String key = Tokens.newToken();
            String csrf = Tokens.newToken();
            Instant expires = now.plus(lifetime);
            sessions.insert(Tokens.sha256(key), user.id(), csrf, now, expires);
            return new Opened(key, csrf, user, expires);
        });
    }

    @Override
    public Optional<SignedIn> find(String key) {
        if (key == null || key.isBlank() || key.length() > 128) {
            return Optional.empty();
        }
        return sessions.find(Tokens.sha256(key.trim()), clock.instant())
                .map(found -> new SignedIn(found.user(), found.csrfToken(), found.expiresAt()));
    }

    @Override
    public void close(String key) {
        if (key != null && !key.isBlank() && key.length() <= 128) {
            sessions.delete(Tokens.sha256(key.trim()));
        }
    }
}
