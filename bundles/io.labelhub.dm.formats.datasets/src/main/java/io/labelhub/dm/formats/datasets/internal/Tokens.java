package io.labelhub.dm.formats.datasets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a text into CoNLL tokens: whitespace separates, a punctuation mark or symbol is a token of its own, and a
 * run of letters and digits is one token, also across one {@code . , ' ’ - _} between two of them ({@code 3.5},
 * {@code 1,000}, {@code don't}, {@code e-mail}). An entity's first and last character always start and end a token,
 * so that every span is whole tokens: {@code Paris-based} is one token, and three ({@code Paris},
 * {@code -}, {@code based}) where {@code Paris} is an entity.
 */
final class Tokens {

    /** A token and where it is in the text, in UTF-16 units (the offsets of Label Studio's spans). */
    record Token(String text, int start, int end) {
    }

    private static final String JOINERS = ".,'’-_";

    private Tokens() {
    }

    static List<Token> split(String text, Set<Integer> cuts) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            i += Character.charCount(c);
            if (isWord(c)) {
                while (i < n && !cuts.contains(i)) {
                    int next = text.codePointAt(i);
                    if (isWord(next)) {
                        i += Character.charCount(next);
                    } else if (JOINERS.indexOf(next) >= 0 && i + 1 < n && !cuts.contains(i + 1)
                            && isWord(text.codePointAt(i + 1))) {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            tokens.add(new Token(text.substring(start, i), start, i));
        }
        return tokens;
    }

    private static boolean isWord(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
