package io.labelhub.dm.api.review;

import java.time.Instant;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;

/**
 * A completion handed to a reviewer, with its task (data and predictions, without the other completions); asking
 * again before voting gives the same one until {@code heldUntil}.
 */
public record VerifyHandout(Completion completion, Task task, Instant heldUntil) {
}
