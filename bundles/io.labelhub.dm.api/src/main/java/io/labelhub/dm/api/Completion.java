package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One annotator's labeling result for a task.
 *
 * @param result       the result regions, Label Studio's shape ({@code from_name}, {@code to_name}, {@code type},
 *                     {@code value})
 * @param leadTime     seconds the annotator spent, if known
 * @param wasCancelled the annotator skipped the task
 */
public record Completion(long id, long taskId, List<Map<String, Object>> result, Long completedBy, Instant createdAt,
                         Instant updatedAt, Double leadTime, boolean wasCancelled, boolean groundTruth,
                         Author originalAuthor, String flagged) {

    /** A completion made here, or imported with its author known here. */
    public Completion(long id, long taskId, List<Map<String, Object>> result, Long completedBy, Instant createdAt,
                      Instant updatedAt, Double leadTime, boolean wasCancelled, boolean groundTruth) {
        this(id, taskId, result, completedBy, createdAt, updatedAt, leadTime, wasCancelled, groundTruth, null,
                null);
    }
}
