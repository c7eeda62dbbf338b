package io.labelhub.dm.api.stream;

import java.util.Map;

/**
 * A task the Label Stream could hand out.
 *
 * @param data            the task's data when the strategy {@link SamplingStrategy#readsData() reads it}, else empty
 * @param predictionScore the best score of its predictions, null without one
 * @param completionCount its completions that were not skipped
 */
public record Candidate(long taskId, Map<String, Object> data, Double predictionScore, int completionCount) {

    public Candidate {
        data = data == null ? Map.of() : data;
    }
}
