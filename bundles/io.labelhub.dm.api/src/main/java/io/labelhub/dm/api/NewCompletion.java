package io.labelhub.dm.api;

import java.util.List;
import java.util.Map;

/** A completion as submitted; the author is the caller. */
public record NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                            boolean groundTruth) {

    public NewCompletion {
        result = result == null ? List.of() : List.copyOf(result);
    }
}
