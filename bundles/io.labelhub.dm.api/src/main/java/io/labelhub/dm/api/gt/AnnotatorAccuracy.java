package io.labelhub.dm.api.gt;

/**
 * One annotator's figures in a project.
 *
 * @param user          the author's user id ({@code null}: completions whose author was deleted)
 * @param completions   completions that were not skipped
 * @param skipped       skipped ones
 * @param meanLeadTime  mean lead time in seconds of the completions (not skipped) that have one; null: none has
 * @param reviewsUp     thumbs up on their completions
 * @param reviewsDown   thumbs down on their completions
 * @param compared      their completions (not skipped, not the ground truth itself) on tasks with a ground truth
 * @param agreement     mean agreement of those with the task's ground truth, 0 to 1; null when none was compared
 */
public record AnnotatorAccuracy(Long user, long completions, long skipped, Double meanLeadTime, long reviewsUp,
                                long reviewsDown, long compared, Double agreement) {
}
