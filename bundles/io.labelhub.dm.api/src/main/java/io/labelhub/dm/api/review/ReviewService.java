package io.labelhub.dm.api.review;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.labelhub.dm.api.User;

/**
 * The Verify Stream and the reviews of completions. Votes are counted in the task's row in the transaction that
 * stores them, so the counters stay exact whatever number of reviewers vote at once on whatever number of nodes.
 */
public interface ReviewService {

    /** What {@link #review} did: the review as stored, and whether it is new (not a change of the reviewer's). */
    record Outcome(Review review, boolean created) {
    }

    /**
     * The next completion for the reviewer to vote on, at random among the project's completions that were not
     * skipped, are not theirs and that they have not reviewed; the one they were handed last while they have not
     * voted on it; empty when none is left.
     */
    Optional<VerifyHandout> next(long projectId, User reviewer);

    /**
     * The reviewer's vote on a completion; a second vote of theirs replaces the first.
     *
     * @throws io.labelhub.dm.api.ConflictException when the completion was skipped or is the reviewer's own
     * @throws io.labelhub.dm.api.NotFoundException when the completion does not exist
     */
    Outcome review(long completionId, User reviewer, boolean accepted, String comment);

    /** The reviews of a completion, oldest first. */
    List<Review> ofCompletion(long completionId);

    /** The reviews of a task's completions, by completion id, each list oldest first. */
    Map<Long, List<Review>> ofTask(long taskId);
}
