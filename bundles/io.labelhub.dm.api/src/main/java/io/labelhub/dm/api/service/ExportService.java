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
     * @param selection       which tasks; {@code null}: the whole project
     * @param legacyShape     Label Studio's 2020 shape ({@code completions}) instead of its 1.x shape
     */
    record Request(String type, boolean allTasks, boolean includeFullTask, boolean onlyGroundTruth,
                   TaskSelection selection, boolean legacyShape) {

        /** In Label Studio's 1.x shape. */
        public Request(String type, boolean allTasks, boolean includeFullTask, boolean onlyGroundTruth,
                       TaskSelection selection) {
            this(type, allTasks, includeFullTask, onlyGroundTruth, selection, false);
        }
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
