package io.labelhub.dm.api.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

import io.labelhub.dm.api.Task;

/**
 * Writes tasks with their completions and predictions to a stream, one task at a time, so that any number of
 * tasks exports in constant memory. Register as an OSGi service with {@code export.format=<NAME>}
 * ({@link #FORMAT_PROPERTY}), the name callers give as {@code exportType}, upper case, e.g. {@code CSV}; two
 * formats of one name are decided by {@link io.labelhub.dm.api.spi.Extension#PRECEDENCE}.
 */
public interface ExportFormat {

    /** The service property that names an export format. */
    String FORMAT_PROPERTY = "export.format";

    /** The media type of the output, e.g. {@code text/csv}. */
    String mediaType();

    /** The file extension of the download, without the dot. */
    String extension();

    /** A sentence for the format list. */
    String description();

    /**
     * Whether the format writes columns and so needs {@link ExportContext#dataKeys()}: gathering them costs a pass
     * over the tasks, which formats without columns are spared.
     */
    default boolean needsDataKeys() {
        return false;
    }

    /**
     * Writes the tasks. {@code tasks} is read once, in id order; each task carries its completions and
     * predictions. The stream is flushed but not closed.
     */
    void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException;
}
