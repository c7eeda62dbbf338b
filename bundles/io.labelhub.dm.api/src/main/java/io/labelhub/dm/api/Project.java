package io.labelhub.dm.api;

import java.time.Instant;

/**
 * A labeling job.
 *
 * @param sampling the name of the sampling strategy the Label Stream uses ({@code sequential}, {@code uniform},
 *                 {@code uncertainty} or one a plugin adds)
 * @param overlap  how many completions a task needs, at least 1
 * @param lockTtl  seconds a task handed out by the Label Stream stays locked to its annotator without renewal
 */
public record Project(long id, String title, String description, String labelConfig, String sampling, int overlap,
                      Long createdBy, Instant createdAt, Instant updatedAt, long taskCount, int lockTtl) {

    /** The lock TTL a project gets when none is set: ten minutes. */
    public static final int DEFAULT_LOCK_TTL = 600;

    public Project(long id, String title, String description, String labelConfig, String sampling, int overlap,
                   Long createdBy, Instant createdAt, Instant updatedAt, long taskCount) {
        this(id, title, description, labelConfig, sampling, overlap, createdBy, createdAt, updatedAt, taskCount,
                DEFAULT_LOCK_TTL);
    }
}
