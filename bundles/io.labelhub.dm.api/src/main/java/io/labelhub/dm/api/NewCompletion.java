package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A completion as submitted.
 *
 * @param completedBy the author when the submitter names one (an import of an export); {@code null}: the caller
 * @param createdAt   when it was made, when the submitter knows (an import of an export); {@code null}: now
 */
public record NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                            boolean groundTruth, Long completedBy, Instant createdAt) {

    public NewCompletion {
        result = result == null ? List.of() : List.copyOf(result);
    }

    /** A completion by the caller, made now. */
    public NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                         boolean groundTruth) {
        this(result, leadTime, wasCancelled, groundTruth, null, null);
    }
}
