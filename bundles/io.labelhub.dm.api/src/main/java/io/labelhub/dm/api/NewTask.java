package io.labelhub.dm.api;

import java.util.List;
import java.util.Map;

/** A task as a caller submits it, in Label Studio's shape. */
public record NewTask(Map<String, Object> data, Map<String, Object> meta, List<NewCompletion> completions,
                      List<NewPrediction> predictions) {

    public NewTask {
        completions = completions == null ? List.of() : List.copyOf(completions);
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
    }
}
