package io.labelhub.dm.api.review;

import java.time.Instant;

/** A reviewer's vote on a completion: accepted (thumb up) or not (thumb down), with an optional comment. */
public record Review(long completionId, long taskId, long reviewerId, boolean accepted, String comment,
                     Instant createdAt, Instant updatedAt) {
}
