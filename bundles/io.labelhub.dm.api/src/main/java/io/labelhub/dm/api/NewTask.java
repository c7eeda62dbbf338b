package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A task as a caller submits it, in Label Studio's shape. */
public record NewTask(Map<String, Object> data, Map<String, Object> meta, List<NewCompletion> completions,
                      List<NewPrediction> predictions, Instant createdAt, Instant updatedAt) {

    public NewTask {
        completions = completions == null ? List.of() : List.copyOf(completions);
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
    }

    /** A task made now. */
    public NewTask(Map<String, Object> data, Map<String, Object> meta, List<NewCompletion> completions,
                   List<NewPrediction> predictions) {
        this(data, meta, completions, predictions, null, null);
    }

    /** The same task with other data and completions (its times kept). */
    public NewTask with(Map<String, Object> newData, List<NewCompletion> newCompletions) {
        return new NewTask(newData, meta, newCompletions, predictions, createdAt, updatedAt);
    }
}
