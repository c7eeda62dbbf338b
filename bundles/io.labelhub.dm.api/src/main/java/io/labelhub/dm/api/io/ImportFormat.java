package io.labelhub.dm.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads one file into tasks, record by record, without holding the file in memory. Register an implementation
 * as an OSGi service with the property {@code format=<name>}; a file is given to the format whose
 * {@link #extensions()} hold its extension.
 */
public interface ImportFormat {

    /** The service property that names a format. */
    String FORMAT_PROPERTY = "format";

    /** The format's name, e.g. {@code csv}; the same as its {@code format} service property. */
    String name();

    /** Lower-case file extensions without the dot, e.g. {@code csv}. */
    Set<String> extensions();

    /**
     * Reads the stream to its end and hands each record to {@code sink}. A record that cannot be read is
     * reported with {@link ImportSink#problem(long, String)} and reading goes on where the format can; a file
     * that cannot be read at all throws {@link ImportException}.
     *
     * @param in the file's bytes; not closed by the format
     */
    void read(InputStream in, ImportContext context, ImportSink sink) throws IOException;
}
