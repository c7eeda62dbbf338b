package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.TaskValidator;

/**
 * The checks of tasks, completions and predictions against a labeling config, for the API and for imports. Besides
 * the config, one size limit holds for every way in: what is stored can always be read, exported and imported
 * again (the JSON reader refuses strings of 20,000,000 characters and more).
 */
@Component(service = TaskValidator.class, configurationPid = DefaultTaskValidator.PID)
@Designate(ocd = DefaultTaskValidator.Limits.class)
public class DefaultTaskValidator implements TaskValidator {

    static final String PID = "io.labelhub.dm.tasks";

    @ObjectClassDefinition(name = "LabelHub task limits", description = "Bounds on what one task may hold")
    public @interface Limits {
        @AttributeDefinition(description = "Characters one task's data may hold (its keys and text values "
                + "together); the same bound holds for its meta and for each completion's or prediction's result")
        int max_data_chars() default 10_000_000;
    }

    private final LabelConfigService labelConfigs;
    private volatile int maxChars;

    @Activate
    public DefaultTaskValidator(@Reference LabelConfigService labelConfigs, Limits limits) {
        this(labelConfigs, limits.max_data_chars());
    }

    /** With the limit given directly, as the services' tests build it. */
    public DefaultTaskValidator(LabelConfigService labelConfigs, int maxDataChars) {
        this.labelConfigs = labelConfigs;
        this.maxChars = Math.max(1, maxDataChars);
    }

    @Modified
    void modified(Limits limits) {
        this.maxChars = Math.max(1, limits.max_data_chars());
    }

    @Override
    public List<String> data(LabelConfig config, Map<String, Object> data, Map<String, Object> meta) {
        List<String> problems = new ArrayList<>();
        size("", "data", data, problems);
        size("", "meta", meta, problems);
        if (problems.isEmpty()) {
            problems.addAll(labelConfigs.checkData(config, data));
        }
        return problems;
    }

    /** A problem when {@code value} holds more than the limit's characters; counting stops at the limit. */
    private void size(String where, String field, Object value, List<String> problems) {
        if (value != null && TextSize.exceeds(value, maxChars)) {
            problems.add(where + field + " holds more than " + maxChars + " characters (the limit of one task, "
                    + "max.data.chars in etc/" + PID + ".cfg)");
        }
    }

    @Override
    public List<String> task(LabelConfig config, NewTask task) {
        Messages all = new Messages();
        check(config, task, all);
        return all.messages;
    }

    @Override
    public Checked check(LabelConfig config, NewTask task) {
        List<String> problems = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        check(config, task, new Found() {
            @Override
            public void problem(String problem) {
                problems.add(problem);
            }

            @Override
            public void mismatch(Mismatch mismatch) {
                mismatches.add(mismatch);
            }
        });
        return new Checked(problems, mismatches);
    }

    /** What a check finds, in order: problems, and results that do not fit the labeling config. */
    private interface Found {
        void problem(String problem);

        void mismatch(Mismatch mismatch);
    }

    /** What a check finds as one list of messages, a mismatch worded as any other problem. */
    private static final class Messages implements Found {
        private final List<String> messages = new ArrayList<>();

        @Override
        public void problem(String problem) {
            messages.add(problem);
        }

        @Override
        public void mismatch(Mismatch mismatch) {
            messages.add(mismatch.message());
        }
    }

    private void check(LabelConfig config, NewTask task, Found found) {
        data(config, task.data(), task.meta()).forEach(found::problem);
        for (int i = 0; i < task.completions().size(); i++) {
            NewCompletion completion = task.completions().get(i);
            result(config, "completions[" + i + "].", i, completion.result(), found);
            leadTime("completions[" + i + "].", completion.leadTime()).forEach(found::problem);
            // the rule storage keeps for single changes (422 there); an import reports it among its problems
            if (completion.wasCancelled() && completion.groundTruth()) {
                found.problem("completions[" + i + "]: a skipped completion (was_cancelled) cannot be ground truth");
            }
        }
        for (int i = 0; i < task.predictions().size(); i++) {
            String where = "predictions[" + i + "].";
            NewPrediction prediction = task.predictions().get(i);
            result(config, where, null, prediction.result(), found);
            predictionFields(where, prediction).forEach(found::problem);
        }
        if (task.completions().stream().filter(NewCompletion::groundTruth).count() > 1) {
            found.problem("at most one completion of a task can be ground truth");
        }
    }

    /**
     * A result's size (a problem) and its fit to the config (mismatches of completion {@code completion}, or of a
     * prediction when null), the latter only when it is not too big.
     */
    private void result(LabelConfig config, String where, Integer completion, List<Map<String, Object>> result,
                        Found found) {
        List<String> sized = new ArrayList<>();
        size(where, "result", result, sized);
        sized.forEach(found::problem);
        if (sized.isEmpty()) {
            labelConfigs.checkResult(config, result).forEach(p -> found.mismatch(new Mismatch(where, p, completion)));
        }
    }

    /** A result's problems of either kind, as one list. */
    private List<String> result(LabelConfig config, String where, List<Map<String, Object>> result) {
        Messages problems = new Messages();
        result(config, where, null, result, problems);
        return problems.messages;
    }

    @Override
    public List<String> completion(LabelConfig config, String where, NewCompletion completion) {
        List<String> problems = result(config, where, completion.result());
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
        List<String> problems = result(config, where, prediction.result());
        problems.addAll(predictionFields(where, prediction));
        return problems;
    }

    private static List<String> predictionFields(String where, NewPrediction prediction) {
        List<String> problems = new ArrayList<>();
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
