package io.labelhub.dm.api;

import java.time.Instant;

/**
 * A labeling job.
 *
 * @param sampling the name of the sampling strategy the Label Stream uses ({@code sequential}, {@code uniform},
 *                 {@code uncertainty} or one a plugin adds)
 * @param overlap  how many completions a task needs, at least 1
 */
public record Project(long id, String title, String description, String labelConfig, String sampling, int overlap,
                      Long createdBy, Instant createdAt, Instant updatedAt, long taskCount) {
}
