package io.labelhub.dm.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one file into tasks, record by record, without holding the file in memory. Register an implementation
 * as an OSGi service with the property {@code format=<name>}: that property is the format's only name. A file is
 * given to the format whose {@link #extensions()} hold its extension; when two formats claim one extension, the
 * higher {@code service.ranking} serves it, then the lower {@code service.id} ({@link io.labelhub.dm.api.spi.Extension#PRECEDENCE}).
 */
public interface ImportFormat {

    /** The service property that names a format (import and archive formats), e.g. {@code format=csv}. */
    String FORMAT_PROPERTY = "format";

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

    /** What a record of this format is called in problem reports: {@code line} (the default) or {@code task}. */
    default String recordName() {
        return "line";
    }

    /**
     * A sample file of this format holding {@code sample} (a task's {@code data} made from the labeling config),
     * for the "Add more data" dialog; empty when the format offers none, or none for this config (TXT holds one
     * data key only).
     */
    default Optional<SampleFile> sample(ImportContext context, Map<String, Object> sample) {
        return Optional.empty();
    }
}
