package io.labelhub.dm.rest.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import javax.ws.rs.core.StreamingOutput;

import io.labelhub.dm.api.DmException;

/**
 * A download written to a temporary file before the first byte goes out, then sent with its length. A failure
 * while it is being written (the database busy with a long import, say) is then an ordinary error response; a
 * failure in the middle of a streamed 200 could only end the body early, and a CSV cut short looks complete. Costs
 * the export's size in temporary disk space for as long as the download takes; memory stays flat.
 */
final class SpooledDownload {

    private static final String PREFIX = "labelhub-download-";

    /** The file's bytes, sent once, after which the file is gone. */
    record Spooled(StreamingOutput body, long length) {
    }

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream output) throws IOException;
    }

    private SpooledDownload() {
    }

    static Spooled of(Writer writer) {
        Path file = null;
        try {
            file = Files.createTempFile(PREFIX, ".tmp");
            try (OutputStream output = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                writer.writeTo(output);
            }
            Path written = file;
            return new Spooled(output -> {
                try {
                    Files.copy(written, output);
                } finally {
                    Files.deleteIfExists(written);
                }
            }, Files.size(file));
        } catch (IOException e) {
            deleteQuietly(file);
            throw new DmException(DmException.Kind.INSUFFICIENT_STORAGE, "cannot prepare the download",
                    "the server could not write the download to its temporary folder: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * Deletes what downloads left in the temporary folder when the server stopped in the middle of one: files older
     * than this JVM (a download of this JVM may be in flight while the resource is activated again).
     */
    static void deleteLeftovers() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        FileTime started = FileTime.fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).compareTo(started) < 0) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            // nothing to clean, or not allowed to: the next start tries again
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for deleteLeftovers
        }
    }
}
