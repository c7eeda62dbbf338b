package io.labelhub.dm.formats.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a stream as they are, once the JDK's strict UTF-8 decoder has accepted them. A parser that decodes
 * bytes itself (Jackson's takes overlong forms such as {@code C0 BC} for {@code <}) then never sees a malformed
 * sequence and keeps its fast byte path, which is twice as fast as parsing decoded characters. The decoded
 * characters are thrown away; the end of a sequence a read cut off is checked with the next read, and a sequence
 * still unfinished at the end of the stream is malformed too.
 */
final class StrictUtf8InputStream extends FilterInputStream {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer discarded = CharBuffer.allocate(8192);
    /** The start of a sequence the last read cut off: at most three bytes. */
    private final byte[] carry = new byte[4];
    private int carried;
    private ByteBuffer window = ByteBuffer.allocate(8192 + 4);

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = super.read(buffer, from, length);
        if (n < 0 && carried > 0) {
            throw new MalformedInputException(carried);
        }
        if (n > 0) {
            check(buffer, from, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are read and checked like the others
        byte[] skipped = new byte[(int) Math.min(8192, Math.max(0, n))];
        int read = read(skipped, 0, skipped.length);
        return Math.max(0, read);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(byte[] buffer, int from, int n) throws IOException {
        if (window.capacity() < carried + n) {
            window = ByteBuffer.allocate(carried + n);
        }
        window.clear();
        window.put(carry, 0, carried).put(buffer, from, n).flip();
        CoderResult result;
        do {
            discarded.clear();
            result = decoder.decode(window, discarded, false);
            if (result.isError()) {
                throw new MalformedInputException(result.length());
            }
        } while (result.isOverflow());
        carried = window.remaining();
        window.get(carry, 0, carried);
    }
}
