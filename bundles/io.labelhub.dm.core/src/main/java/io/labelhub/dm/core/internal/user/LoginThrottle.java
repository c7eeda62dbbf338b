package io.labelhub.dm.core.internal.user;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.labelhub.dm.api.ThrottledException;

/**
 * Counts failed sign-ins per key (an account, a client address) and refuses further attempts for a while once a
 * key has failed more than its allowance: one second after the first failure beyond it, doubling with each further
 * failure, at most {@link #MAX_LOCK}. A person who mistypes a few times never notices; a guesser gets a handful of
 * tries per minute. A key's count is forgotten {@link #FORGET_AFTER} after its last failure, or (for accounts) on
 * a successful sign-in. The counts live in this node's memory: behind a load balancer each node counts on its own.
 */
final class LoginThrottle {

    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /** Keys tracked at most; beyond it the forgotten ones are dropped, and if that is not enough, all. */
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, long lastNanos, long lockedUntilNanos) {
    }

    private final int allowance;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** @param allowance failures a key may have before attempts are refused for a while */
    LoginThrottle(int allowance, LongSupplier clock) {
        this.allowance = allowance;
        this.clock = clock;
    }

    /** Refuses the attempt while the key is locked. */
    void check(String key) {
        Failures found = failures.get(key);
        long now = clock.getAsLong();
        if (found != null && found.lockedUntilNanos() - now > 0) {
            long seconds = Math.max(1, Duration.ofNanos(found.lockedUntilNanos() - now).toSeconds() + 1);
            throw new ThrottledException("too many failed sign-ins", "too many wrong passwords were tried; try "
                    + "again in " + seconds + " s", seconds);
        }
    }

    void failed(String key) {
        long now = clock.getAsLong();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> forgotten(f, now));
            if (failures.size() >= MAX_KEYS) {
                failures.clear();
            }
        }
        failures.compute(key, (k, before) -> {
            int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
            long lock = 0;
            if (count > allowance) {
                int doublings = Math.min(count - allowance - 1, 20);
                lock = Math.min(Duration.ofSeconds(1L << doublings).toNanos(), MAX_LOCK.toNanos());
            }
            return new Failures(count, now, now + lock);
        });
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    private static boolean forgotten(Failures failures, long now) {
        return now - failures.lastNanos() > FORGET_AFTER.toNanos() && now - failures.lockedUntilNanos() > 0;
    }
}
