package io.labelhub.dm.importer.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read through it and reports them to meters, which stop the read by throwing. */
final class LimitedInputStream extends FilterInputStream {

    /** A number of bytes that several streams of one import draw from. */
    static final class Budget implements LongConsumer {
        private final long limit;
        private final Runnable onExceeded;
        private long used;

        Budget(long limit, Runnable onExceeded) {
            this.limit = limit;
            this.onExceeded = onExceeded;
        }

        @Override
        public void accept(long bytes) {
            used += bytes;
            if (used > limit) {
                onExceeded.run();
            }
        }
    }

    private final LongConsumer[] meters;
    private long count;

    LimitedInputStream(InputStream in, LongConsumer... meters) {
        super(in);
        this.meters = meters;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            used(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            used(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        used(skipped);
        return skipped;
    }

    private void used(long n) {
        count += n;
        for (LongConsumer meter : meters) {
            meter.accept(n);
        }
    }

    @Override
    public void close() {
        // the owner of the underlying stream closes it
    }
}
