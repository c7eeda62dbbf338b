package io.labelhub.dm.formats.internal;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Keeps a parser's close from closing the caller's stream (an archive entry, an upload). */
final class NonClosingInputStream extends FilterInputStream {

    NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
