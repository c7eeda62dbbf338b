package io.labelhub.dm.api.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.GroundTruthSample;

/**
 * Ground truth in bulk: the GT Manager's sample and reset, each one transaction with set-based writes, and the reads
 * that score annotators. Single marks go through {@link TaskRepository#updateCompletion}, which keeps the same rule
 * (one ground truth per task, never a skipped completion).
 */
public interface GroundTruthStore {

    /**
     * Marks {@link GroundTruthSample#target}{@code (matched, percent)} of the project's completions that the filter
     * matches (skipped ones never do): per task without ground truth the matching completion with the lowest
     * pseudo-random key drawn from {@code seed} and its id, then the lowest keys across tasks. One transaction,
     * serialised per project; a task marked meanwhile by somebody else keeps its mark and is not marked again.
     */
    GroundTruthSample sample(long projectId, CompletionFilter filter, double percent, long seed);

    /** The same draw as {@link #sample}, nothing written: {@code marked} is how many it would mark. */
    GroundTruthSample preview(long projectId, CompletionFilter filter, double percent, long seed);

    /** Unmarks every ground truth of the project, in one transaction; answers how many completions changed. */
    long reset(long projectId);

    /** Per author of the project's completions: counts, lead time and the reviews their completions got. */
    List<AuthorFigures> authors(long projectId);

    /**
     * Every pair of a task's ground truth and another completion of it that was not skipped, in the project, one at a
     * time (read as a stream, never all at once).
     */
    void comparisons(long projectId, Consumer<Comparison> visitor);

    /** An author's counts: see {@link io.labelhub.dm.api.gt.AnnotatorAccuracy}. */
    record AuthorFigures(Long user, long completions, long skipped, Double meanLeadTime, long reviewsUp,
                         long reviewsDown) {
    }

    /** A task's ground-truth result and another completion's, with that completion's author. */
    record Comparison(long taskId, List<Map<String, Object>> groundTruth, Long author,
                      List<Map<String, Object>> result) {
    }
}
