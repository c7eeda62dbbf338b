package io.labelhub.dm.core.internal.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.labelhub.dm.api.ForbiddenException;
import io.labelhub.dm.api.NewUser;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.UserPatch;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.UserService;
import io.labelhub.dm.api.storage.UserRepository;

/**
 * Users and sign-in. A slow hash on every request of an HTTP Basic client would cost a core per request, so a
 * successful check is remembered for a while, keyed by a digest of the credentials and the stored hash: a
 * changed password no longer matches, and a wrong password never enters the cache.
 */
@Component(service = UserService.class, configurationPid = DefaultUserService.PID)
@Designate(ocd = DefaultUserService.Config.class)
public class DefaultUserService implements UserService {

    static final String PID = "io.labelhub.dm.users";
    static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MAX_CACHED_LOGINS = 10_000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,253}$");

    @ObjectClassDefinition(name = "LabelHub users", description = "Password hashing and sign-in")
    public @interface Config {
        @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes")
        int password_iterations() default PasswordHasher.DEFAULT_ITERATIONS;

        @AttributeDefinition(description = "Seconds a verified password is remembered, so HTTP Basic clients do "
                + "not pay the slow hash on every request; 0 turns this off")
        int login_cache_seconds() default 300;

        @AttributeDefinition(description = "Hours a browser session lasts after its sign-in")
        int session_hours() default 336;
    }

    private record CachedLogin(String passwordHash, long expiresAtNanos) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final long cacheNanos;
    private final Map<String, CachedLogin> verified = new ConcurrentHashMap<>();
    private final String pepper = Tokens.newToken();
    /** A hash of a random password, checked for unknown e-mails so they take as long as known ones. */
    private final String unknownUserHash;
    /** A person mistypes a few times; a guesser tries many passwords on one account. */
    private final LoginThrottle accounts = new LoginThrottle(5, System::nanoTime);
    /** An office behind one address has many people, each of whom may mistype. */
    private final LoginThrottle clients = new LoginThrottle(30, System::nanoTime);

    @Activate
    public DefaultUserService(@Reference UserRepository users, Config config) {
        this.users = users;
        this.hasher = new PasswordHasher(config.password_iterations());
        this.cacheNanos = Duration.ofSeconds(Math.max(0, config.login_cache_seconds())).toNanos();
        this.unknownUserHash = hasher.hash(Tokens.newToken());
    }

    @Override
    public User create(NewUser user) {
        List<String> problems = new ArrayList<>();
        String email = user.email() == null ? "" : user.email().trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            problems.add("email '" + (user.email() == null ? "" : user.email()) + "' is not an e-mail address");
        }
        checkPassword(user.password(), problems);
        checkLength("first_name", user.firstName(), problems);
        checkLength("last_name", user.lastName(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid user", problems);
        }
        Role role = user.role() == null ? Role.ANNOTATOR : user.role();
        return users.insert(email, hasher.hash(user.password()), nullToEmpty(user.firstName()),
                nullToEmpty(user.lastName()), role);
    }

    private static void checkPassword(String password, List<String> problems) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            problems.add("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        } else if (password.length() > 1024) {
            problems.add("password must have at most 1024 characters");
        }
    }

    @Override
    public User setPassword(long userId, String password) {
        List<String> problems = new ArrayList<>();
        checkPassword(password, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid password", problems);
        }
        // remembered logins are keyed by the stored hash, so the old password stops working with the new hash
        return users.setPasswordHash(userId, hasher.hash(password))
                .orElseThrow(() -> new NotFoundException("user", userId));
    }

    @Override
    public User setRole(long userId, Role role) {
        if (role == null) {
            throw new ValidationException("invalid role", "role must be one of admin, manager, reviewer, annotator");
        }
        return users.setRole(userId, role).orElseThrow(() -> new NotFoundException("user", userId));
    }

    @Override
    public User update(long userId, UserPatch patch, User caller) {
        boolean admin = caller.role() == Role.ADMIN;
        boolean self = caller.id() == userId;
        if (!admin && !self) {
            throw new ForbiddenException("only an admin may change another user");
        }
        if (!admin && (patch.role() != null || patch.active() != null)) {
            throw new ForbiddenException("only an admin may change " + (patch.role() != null ? "role" : "active"));
        }
        if (self && patch.role() != null && patch.role() != caller.role()) {
            throw new ForbiddenException("nobody changes their own role: ask another admin");
        }
        if (self && Boolean.FALSE.equals(patch.active())) {
            throw new ForbiddenException("nobody deactivates themselves: ask another admin");
        }
        List<String> problems = new ArrayList<>();
        checkLength("first_name", patch.firstName(), problems);
        checkLength("last_name", patch.lastName(), problems);
        String passwordHash = null;
        if (patch.password() != null) {
            checkPassword(patch.password(), problems);
            // an admin resets another's password; one's own needs the present one, which a stolen token does not know
            if (self) {
                String stored = users.findByEmail(caller.email()).map(UserRepository.Credentials::passwordHash)
                        .orElseThrow(() -> new NotFoundException("user", userId));
                String account = "account:" + caller.email();
                if (patch.currentPassword() == null) {
                    problems.add("current_password is required to change your password");
                } else {
                    // the same throttle as sign-in, or this would be a way to guess the password without one
                    accounts.check(account);
                    if (!hasher.matches(patch.currentPassword(), stored)) {
                        accounts.failed(account);
                        problems.add("current_password is not your present password");
                    }
                }
            }
            if (problems.isEmpty()) {
                passwordHash = hasher.hash(patch.password());
            }
        } else if (patch.currentPassword() != null) {
            problems.add("current_password goes with a new password");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid user", problems);
        }
        return users.update(userId, trimmed(patch.firstName()), trimmed(patch.lastName()), patch.role(),
                patch.active(), passwordHash).orElseThrow(() -> new NotFoundException("user", userId));
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static void checkLength(String field, String value, List<String> problems) {
        if (value != null && value.length() > 150) {
            problems.add(field + " must have at most 150 characters");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public User get(long id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Override
    public Page<User> list(PageRequest page) {
        return users.list(page);
    }

    @Override
    public Optional<User> authenticate(String email, String password, String client) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        String account = "account:" + normalized;
        String from = "client:" + (client == null ? "?" : client);
        accounts.check(account);
        clients.check(from);
        Optional<UserRepository.Credentials> found = users.findByEmail(normalized);
        String key = Tokens.sha256(pepper + '\0' + normalized + '\0' + password);
        long now = System.nanoTime();
        if (found.isPresent()) {
            CachedLogin cached = verified.get(key);
            if (cached != null && cached.passwordHash().equals(found.get().passwordHash())
                    && now - cached.expiresAtNanos() < 0 && found.get().user().active()) {
                return Optional.of(found.get().user());
            }
        }
        // an unknown e-mail costs the same hash as a known one, so the time of the answer does not tell them apart
        boolean matches = hasher.matches(password, found.map(UserRepository.Credentials::passwordHash)
                .orElse(unknownUserHash));
        if (found.isEmpty() || !matches || !found.get().user().active()) {
            accounts.failed(account);
            clients.failed(from);
            return Optional.empty();
        }
        accounts.succeeded(account);
        UserRepository.Credentials credentials = found.get();
        if (cacheNanos > 0) {
            if (verified.size() >= MAX_CACHED_LOGINS) {
                verified.clear();
            }
            verified.put(key, new CachedLogin(credentials.passwordHash(), now + cacheNanos));
        }
        return Optional.of(credentials.user());
    }

    @Override
    public Optional<User> authenticateToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return users.findByTokenHash(Tokens.sha256(token.trim())).filter(User::active);
    }

    @Override
    public String rotateToken(long userId) {
        String token = Tokens.newToken();
        if (!users.setTokenHash(userId, Tokens.sha256(token))) {
            throw new NotFoundException("user", userId);
        }
        return token;
    }
}
