package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.TaskValidator;

/** The checks of tasks, completions and predictions against a labeling config, for the API and for imports. */
@Component(service = TaskValidator.class)
public class DefaultTaskValidator implements TaskValidator {

    private final LabelConfigService labelConfigs;

    @Activate
    public DefaultTaskValidator(@Reference LabelConfigService labelConfigs) {
        this.labelConfigs = labelConfigs;
    }

    @Override
    public List<String> task(LabelConfig config, NewTask task) {
        List<String> problems = new ArrayList<>(labelConfigs.checkData(config, task.data()));
        for (int i = 0; i < task.completions().size(); i++) {
            problems.addAll(completion(config, "completions[" + i + "].", task.completions().get(i)));
        }
        for (int i = 0; i < task.predictions().size(); i++) {
            problems.addAll(prediction(config, "predictions[" + i + "].", task.predictions().get(i)));
        }
        if (task.completions().stream().filter(NewCompletion::groundTruth).count() > 1) {
            problems.add("at most one completion of a task can be ground truth");
        }
        return problems;
    }

    @Override
    public List<String> completion(LabelConfig config, String where, NewCompletion completion) {
        List<String> problems = new ArrayList<>();
        labelConfigs.checkResult(config, completion.result()).forEach(p -> problems.add(where + p));
        problems.addAll(leadTime(where, completion.leadTime()));
        return problems;
    }

    @Override
    public List<String> leadTime(String where, Double leadTime) {
        if (leadTime != null && (leadTime.isNaN() || leadTime.isInfinite() || leadTime < 0)) {
            return List.of(where + "lead_time must be a number of seconds, 0 or more");
        }
        return List.of();
    }

    @Override
    public List<String> prediction(LabelConfig config, String where, NewPrediction prediction) {
        List<String> problems = new ArrayList<>();
        labelConfigs.checkResult(config, prediction.result()).forEach(p -> problems.add(where + p));
        Double score = prediction.score();
        if (score != null && (score.isNaN() || score.isInfinite())) {
            problems.add(where + "score must be a finite number");
        }
        if (prediction.modelVersion() != null && prediction.modelVersion().length() > 255) {
            problems.add(where + "model_version must have at most 255 characters");
        }
        return problems;
    }
}
