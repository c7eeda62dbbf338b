package io.labelhub.dm.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the table. Lists and data are empty when the query did not ask for them (Quick view); {@code data}
 * then holds only the asked-for keys.
 */
public record TaskRow(long id, int completions, int skipped, int predictions, Double predictionScore,
                      List<Long> annotators, List<Long> reviewers, List<String> completionResults, List<String> predictionResults,
                      int reviewsUp, int reviewsDown, boolean groundTruth, Instant createdAt, Instant updatedAt,
                      Instant completedAt, Double leadTime, Map<String, Object> data) {

    public TaskRow {
        reviewers = reviewers == null ? List.of() : reviewers;
    }

    /** A row without its reviewers (as before they were a column). */
    public TaskRow(long id, int completions, int skipped, int predictions, Double predictionScore,
                   List<Long> annotators, List<String> completionResults, List<String> predictionResults,
                   int reviewsUp, int reviewsDown, boolean groundTruth, Instant createdAt, Instant updatedAt,
                   Instant completedAt, Double leadTime, Map<String, Object> data) {
        this(id, completions, skipped, predictions, predictionScore, annotators, List.of(), completionResults,
                predictionResults, reviewsUp, reviewsDown, groundTruth, createdAt, updatedAt, completedAt, leadTime,
                data);
    }
}
