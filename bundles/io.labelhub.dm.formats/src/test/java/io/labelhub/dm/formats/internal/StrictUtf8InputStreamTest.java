package io.labelhub.dm.formats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictUtf8InputStreamTest {

    /** A stream that hands out at most {@code chunk} bytes per read, so sequences are cut between reads. */
    private static InputStream chunked(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int from, int length) throws IOException {
                return super.read(buffer, from, Math.min(chunk, length));
            }
        };
    }

    private static byte[] through(byte[] bytes, int chunk) throws IOException {
        try (InputStream in = new StrictUtf8InputStream(chunked(bytes, chunk))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8192})
    void wellFormedTextPassesUnchangedHoweverItIsCut(int chunk) throws IOException {
        byte[] text = "\uFEFF{\"text\": \"çà ✓ 日本 \uD83D\uDE00 end\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, through(text, chunk));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8192})
    void malformedSequencesAreRefused(int chunk) {
        byte[][] malformed = {
            {'a', (byte) 0xC0, (byte) 0xBC, 'b'},               // overlong '<'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xBC},            // overlong, three bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},            // a lone surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {'a', (byte) 0x80},                                 // a continuation without a start
            {'a', (byte) 0xE6, (byte) 0x97},                    // cut off at the end
        };
        for (byte[] bytes : malformed) {
            assertThrows(CharacterCodingException.class, () -> through(bytes, chunk));
        }
    }
}
