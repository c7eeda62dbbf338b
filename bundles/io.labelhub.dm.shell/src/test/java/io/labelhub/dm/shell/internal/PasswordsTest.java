package io.labelhub.dm.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void generatedPasswordsAreLongLettersAndDigitsWithoutLookAlikesAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = Passwords.generate();
            assertEquals(Passwords.LENGTH, password.length());
            assertTrue(password.matches("[A-Za-z2-9]+"), password);
            assertTrue(password.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), password);
            assertTrue(seen.add(password), password);
        }
    }
}
