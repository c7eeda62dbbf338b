package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One item to label, with the counters kept in its row.
 *
 * @param completionCount completions that were not skipped
 * @param skippedCount    completions that were skipped (cancelled)
 * @param completions     the task's completions when it was read whole, otherwise empty
 * @param predictions     the task's predictions when it was read whole, otherwise empty
 */
public record Task(long id, long projectId, Map<String, Object> data, Map<String, Object> meta, Instant createdAt,
                   Instant updatedAt, int completionCount, int skippedCount, int predictionCount, int reviewsUp,
                   int reviewsDown, boolean groundTruth, List<Completion> completions, List<Prediction> predictions) {

    public Task {
        completions = completions == null ? List.of() : List.copyOf(completions);
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
    }

    /** The same task with only these completions (the streams hide others' from whoever labels or reviews). */
    public Task withCompletions(List<Completion> shown) {
        return new Task(id, projectId, data, meta, createdAt, updatedAt, completionCount, skippedCount,
                predictionCount, reviewsUp, reviewsDown, groundTruth, shown, predictions);
    }
}
