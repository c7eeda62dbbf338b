package io.labelhub.dm.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads an archive (ZIP, RAR …) as a stream of entries. Entry names are names, never paths: nothing is written
 * to disk and links are never followed. Register as an OSGi service with {@code format=<name>} ({@link ImportFormat#FORMAT_PROPERTY}); two archive formats
 * claiming one extension are decided as import formats are.
 */
public interface ArchiveFormat {

    /** Lower-case file extensions without the dot, e.g. {@code zip}. */
    Set<String> extensions();

    /**
     * Hands each regular file entry of the archive to {@code visitor}, in archive order.
     *
     * @param in the archive's bytes; not closed
     * @throws ImportException for an archive that cannot be read: encrypted, corrupt, of an unsupported version
     */
    void entries(InputStream in, EntryVisitor visitor) throws IOException;

    /** Receives the entries of an archive. */
    interface EntryVisitor {

        /**
         * @param name    the entry's name inside the archive, with {@code /} as separator
         * @param content the entry's bytes, valid only during this call
         */
        void entry(String name, InputStream content) throws IOException;
    }
}
