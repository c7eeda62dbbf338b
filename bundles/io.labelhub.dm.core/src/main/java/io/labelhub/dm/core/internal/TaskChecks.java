package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.List;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;

/**
 * The checks a task, completion or prediction passes before it is stored, the same whether it comes through the
 * API one at a time or in an import. Each problem names where it is.
 */
public final class TaskChecks {

    private final LabelConfigService labelConfigs;

    public TaskChecks(LabelConfigService labelConfigs) {
        this.labelConfigs = labelConfigs;
    }

    /** Everything wrong with a task: its data, each completion and prediction, and more than one ground truth. */
    public List<String> task(LabelConfig config, NewTask task) {
        List<String> problems = new ArrayList<>(labelConfigs.checkData(config, task.data()));
        for (int i = 0; i < task.completions().size(); i++) {
            completion(config, "completions[" + i + "].", task.completions().get(i), problems);
        }
        for (int i = 0; i < task.predictions().size(); i++) {
            prediction(config, "predictions[" + i + "].", task.predictions().get(i), problems);
        }
        if (task.completions().stream().filter(NewCompletion::groundTruth).count() > 1) {
            problems.add("at most one completion of a task can be ground truth");
        }
        return problems;
    }

    public void completion(LabelConfig config, String where, NewCompletion completion, List<String> problems) {
        labelConfigs.checkResult(config, completion.result()).forEach(p -> problems.add(where + p));
        leadTime(where, completion.leadTime(), problems);
    }

    public static void leadTime(String where, Double leadTime, List<String> problems) {
        if (leadTime != null && (leadTime.isNaN() || leadTime.isInfinite() || leadTime < 0)) {
            problems.add(where + "lead_time must be a number of seconds, 0 or more");
        }
    }

    public void prediction(LabelConfig config, String where, NewPrediction prediction, List<String> problems) {
        labelConfigs.checkResult(config, prediction.result()).forEach(p -> problems.add(where + p));
        Double score = prediction.score();
        if (score != null && (score.isNaN() || score.isInfinite())) {
            problems.add(where + "score must be a finite number");
        }
        if (prediction.modelVersion() != null && prediction.modelVersion().length() > 255) {
            problems.add(where + "model_version must have at most 255 characters");
        }
    }
}
