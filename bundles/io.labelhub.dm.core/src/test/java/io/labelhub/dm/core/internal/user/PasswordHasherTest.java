package io.labelhub.dm.core.internal.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hasher.matches("correct horse battery staple", hash));
        assertFalse(hasher.matches("correct horse battery stapler", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void eachHashHasItsOwnSaltAndNamesItsWorkFactor() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");
        assertNotEquals(first, second);
        assertTrue(first.startsWith("pbkdf2_sha256$1000$"), first);
        assertFalse(first.contains("same password"));
    }

    @Test
    void hashesMadeWithAnotherWorkFactorStillVerify() {
        String old = new PasswordHasher(500).hash("pw-from-last-year");
        assertTrue(hasher.matches("pw-from-last-year", old));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertFalse(hasher.matches("x", "plain-text"));
        assertFalse(hasher.matches("x", "pbkdf2_sha256$abc$salt$hash"));
        assertFalse(hasher.matches("x", "md5$1$salt$hash"));
        assertFalse(hasher.matches("x", "pbkdf2_sha256$10$!!!$???"));
    }

    @Test
    void tokensAreRandomAndStoredOnlyAsDigests() {
        String token = Tokens.newToken();
        assertEquals(40, token.length());
        assertNotEquals(token, Tokens.newToken());
        assertEquals(64, Tokens.sha256(token).length());
        assertEquals(Tokens.sha256(token), Tokens.sha256(token));
    }
}
