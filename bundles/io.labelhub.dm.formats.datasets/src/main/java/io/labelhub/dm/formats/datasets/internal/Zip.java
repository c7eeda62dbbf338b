package io.labelhub.dm.formats.datasets.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The archive of YOLO and VOC, written entry by entry as the tasks come. The JDK's {@link ZipOutputStream} is all
 * that takes: deflated entries, UTF-8 names (flagged as such), ZIP64 past 4 GB or 65,535 entries. It keeps one
 * small record per entry for the central directory, so memory grows with the number of files, not their sizes.
 */
final class Zip implements AutoCloseable {

    private final ZipOutputStream zip;

    Zip(OutputStream out) {
        this.zip = new ZipOutputStream(new NonClosingOutputStream(out), StandardCharsets.UTF_8);
    }

    /** Starts an entry: write its bytes to the stream returned (never close it) before the next entry. */
    OutputStream entry(String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        return zip;
    }

    void text(String name, String content) throws IOException {
        entry(name).write(content.getBytes(StandardCharsets.UTF_8));
    }

    /** What an export left out, as {@code skipped.txt}, when it left out anything. */
    void skips(Skips skips) throws IOException {
        if (!skips.isEmpty()) {
            text("skipped.txt", String.join("\n", skips.lines()) + "\n");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
