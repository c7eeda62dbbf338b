package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A model's result for a task. */
public record Prediction(long id, long taskId, List<Map<String, Object>> result, Double score, String modelVersion,
                         Instant createdAt) {
}
