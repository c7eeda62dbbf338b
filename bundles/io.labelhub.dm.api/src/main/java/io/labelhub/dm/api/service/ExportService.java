package io.labelhub.dm.api.service;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import io.labelhub.dm.api.query.TaskSelection;

/** Streams a project's tasks out in a registered export format, in constant memory. */
public interface ExportService {

    /**
     * @param type            the export format's name, e.g. {@code JSON}
     * @param allTasks        all tasks, or (false) only those with at least one completion
     * @param includeFullTask everything needed to import again
     * @param ids             a selection; empty: no selection
     */
    record Request(String type, boolean allTasks, boolean includeFullTask, boolean onlyGroundTruth,
                   TaskSelection selection) {
    }

    /** An export checked and ready to stream; nothing is written until {@link #writeTo(OutputStream)}. */
    interface Prepared {
        String mediaType();

        String fileName();

        void writeTo(OutputStream out) throws IOException;
    }

    /** A format as {@code GET /api/export-formats} lists it. */
    record Format(String name, String mediaType, String extension, String description) {
    }

    /**
     * Checks the request (project, format) before anything is streamed, so a bad request is still a clean 4xx.
     */
    Prepared prepare(long projectId, Request request);

    List<Format> formats();
}
