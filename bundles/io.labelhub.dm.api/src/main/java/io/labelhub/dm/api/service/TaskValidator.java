package io.labelhub.dm.api.service;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/**
 * The checks a task, completion or prediction passes before it is stored, the same whether it comes through the
 * API one at a time or in an import. Each problem names where it is.
 */
public interface TaskValidator {

    /** Problems of a task's data (its size, and what the config reads) and meta (its size); meta may be null. */
    List<String> data(LabelConfig config, Map<String, Object> data, Map<String, Object> meta);

    /** Everything wrong with a task: its data, each completion and prediction, and more than one ground truth. */
    List<String> task(LabelConfig config, NewTask task);

    /**
     * A task's check split in two: what is wrong with it whatever the mode ({@code problems}: data, sizes, lead
     * times, ground truth), and where its results do not fit the labeling config ({@code mismatches}: names,
     * objects, labels), which a lenient import keeps as Label Studio does.
     */
    record Checked(List<String> problems, List<Mismatch> mismatches) {
        public Checked {
            problems = List.copyOf(problems);
            mismatches = List.copyOf(mismatches);
        }
    }

    /**
     * Where a result does not fit the labeling config: {@code where} it is ({@code completions[0].}), the {@code
     * reason} ({@code result[1]: 'Meh' is not a value of 'sentiment' …}), and the index of the completion it is in
     * ({@code null}: a prediction's).
     */
    record Mismatch(String where, String reason, Integer completion) {

        /** As {@link #task} words it. */
        public String message() {
            return where + reason;
        }
    }

    /** {@link #task} with the mismatches to the labeling config apart. */
    Checked check(LabelConfig config, NewTask task);

    /** Problems of one completion, each prefixed with {@code where} (e.g. {@code completions[0].}). */
    List<String> completion(LabelConfig config, String where, NewCompletion completion);

    /** Problems of one prediction, each prefixed with {@code where}. */
    List<String> prediction(LabelConfig config, String where, NewPrediction prediction);

    /** The problem of a lead time, if any: it must be a finite number of seconds, 0 or more. */
    List<String> leadTime(String where, Double leadTime);
}
