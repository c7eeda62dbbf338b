package io.labelhub.dm.api.gt;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.Completion;

/**
 * Ground truth: at most one completion of a task is its ground truth, and a skipped completion never is. Marking a
 * completion moves the mark from the task's other completion, if any, in the same transaction. Callers check roles.
 */
public interface GroundTruthService {

    /** Marks the completion as its task's ground truth; 422 when it was skipped. */
    Completion mark(long completionId);

    /** Makes the completion a regular one again. */
    Completion unmark(long completionId);

    /** Reads a completion filter from parsed JSON ({@code null}: every completion), naming the entry at fault. */
    CompletionFilter parseFilter(Object json);

    /**
     * Marks {@link GroundTruthSample#target} of the project's completions that {@code filters} match as ground truth,
     * drawn at random (reproducibly with a {@code seed}; without one a seed is drawn and answered), at most one per
     * task and only on tasks that have none yet. All of it or nothing.
     */
    GroundTruthSample sample(long projectId, Object filters, double percent, Long seed);

    /**
     * What {@link #sample} would do with the same arguments, without marking anything: its {@code marked} is how many
     * completions the sample would mark now (the GT Manager shows it before the manager confirms).
     */
    GroundTruthSample preview(long projectId, Object filters, double percent, Long seed);

    /** Turns every ground truth of the project back into a regular completion; answers how many. */
    long reset(long projectId);

    /** The installed agreement measures: name and description. */
    Map<String, String> measures();

    /** Per annotator of the project: counts, lead time, reviews and agreement with ground truth by the measure. */
    Accuracy annotators(long projectId, String measure);

    /** The figures of {@link #annotators} and the measure they were computed with. */
    record Accuracy(String measure, List<AnnotatorAccuracy> annotators) {
    }
}
