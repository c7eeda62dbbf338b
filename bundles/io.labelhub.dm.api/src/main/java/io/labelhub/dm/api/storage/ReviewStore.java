package io.labelhub.dm.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.labelhub.dm.api.review.Review;

/**
 * Reviews and the Verify Stream's handouts, kept in the database so the rules hold across nodes. A completion is
 * <em>open</em> to a reviewer when it was not skipped, is not theirs, and they have not reviewed it.
 */
public interface ReviewStore {

    /** What a vote did to the stored review: {@code before} is the reviewer's earlier vote, if any. */
    record Written(Review review, Boolean before) {
    }

    /** The completion the reviewer was handed in the project, if the hold has not run out and it is still open. */
    OptionalLong handedOut(long projectId, long reviewerId, Instant now);

    /**
     * A completion open to the reviewer, the first from {@code start} (0 to 1) of the project's range of task ids
     * on, wrapping around; empty when none is.
     */
    OptionalLong open(long projectId, long reviewerId, double start);

    /** Records that the reviewer holds the completion until then; false when it is no longer open to them. */
    boolean handOut(long projectId, long reviewerId, long completionId, Instant until);

    /**
     * Stores the vote (a second one of the same reviewer replaces the first) and counts it in the task's
     * {@code reviews_up} / {@code reviews_down}, in one transaction holding the task row; ends the reviewer's
     * handout of it. Empty when the completion does not exist.
     */
    Optional<Written> write(long completionId, long reviewerId, boolean accepted, String comment, Instant now);

    /** The reviews of a completion, oldest first. */
    List<Review> ofCompletion(long completionId);

    /** The reviews of a task's completions, in completion order, each completion's oldest first. */
    List<Review> ofTask(long taskId);
}
