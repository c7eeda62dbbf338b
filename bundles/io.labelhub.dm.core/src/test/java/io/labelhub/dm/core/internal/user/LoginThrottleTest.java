package io.labelhub.dm.core.internal.user;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.ThrottledException;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(5, now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aFewMistakesCostNothingThenTheWaitDoublesWithEachFailure() {
        for (int i = 0; i < 5; i++) {
            assertDoesNotThrow(() -> throttle.check("ann"));
            throttle.failed("ann");
        }
        assertDoesNotThrow(() -> throttle.check("ann"), "five failures are within the allowance");
        throttle.failed("ann");
        ThrottledException first = assertThrows(ThrottledException.class, () -> throttle.check("ann"));
        assertEquals(429, first.kind().status());
        assertEquals(2, first.retryAfterSeconds(), "one second, rounded up");
        advance(Duration.ofMillis(1100));
        assertDoesNotThrow(() -> throttle.check("ann"));
        throttle.failed("ann");
        advance(Duration.ofMillis(1100));
        assertThrows(ThrottledException.class, () -> throttle.check("ann"), "the second lock lasts two seconds");
        advance(Duration.ofSeconds(1));
        assertDoesNotThrow(() -> throttle.check("ann"));
        assertDoesNotThrow(() -> throttle.check("bob"), "other keys are not affected");
    }

    @Test
    void theWaitIsCappedAndForgottenAfterAQuietWhileOrASuccess() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("ann");
        }
        ThrottledException capped = assertThrows(ThrottledException.class, () -> throttle.check("ann"));
        assertEquals(LoginThrottle.MAX_LOCK.toSeconds() + 1, capped.retryAfterSeconds());
        advance(LoginThrottle.MAX_LOCK.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1));
        throttle.failed("ann");
        assertDoesNotThrow(() -> throttle.check("ann"), "a failure after a quiet while counts from one again");

        for (int i = 0; i < 6; i++) {
            throttle.failed("bob");
        }
        assertThrows(ThrottledException.class, () -> throttle.check("bob"));
        throttle.succeeded("bob");
        assertDoesNotThrow(() -> throttle.check("bob"));
    }
}
