package io.labelhub.dm.api;

import java.util.List;
import java.util.Map;

/** A prediction as submitted. */
public record NewPrediction(List<Map<String, Object>> result, Double score, String modelVersion) {

    public NewPrediction {
        result = result == null ? List.of() : List.copyOf(result);
    }
}
