package io.labelhub.dm.shell.internal;

import java.security.SecureRandom;

/** Passwords generated for an admin to hand on. */
final class Passwords {

    /** Letters and digits without the look-alikes 0/O, 1/l/I, so the password survives being read out or copied by hand. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** 20 of 57 symbols: about 116 bits, beyond guessing even at the hash's worst. */
    static final int LENGTH = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
