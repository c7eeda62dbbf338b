package io.labelhub.dm.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the table. Lists and data are empty when the query did not ask for them (Quick view); {@code data}
 * then holds only the asked-for keys.
 */
public record TaskRow(long id, int completions, int skipped, int predictions, Double predictionScore,
                      List<Long> annotators, List<String> completionResults, List<String> predictionResults,
                      int reviewsUp, int reviewsDown, boolean groundTruth, Instant createdAt, Instant updatedAt,
                      Instant completedAt, Double leadTime, Map<String, Object> data) {
}
