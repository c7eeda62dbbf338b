package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.TaskRepository;

/** Tasks, completions and predictions, each checked against its project's labeling config before it is stored. */
@Component(service = TaskService.class)
public class DefaultTaskService implements TaskService {

    private final TaskRepository tasks;
    private final ProjectRepository projects;
    private final LabelConfigService labelConfigs;

    @Activate
    public DefaultTaskService(@Reference TaskRepository tasks, @Reference ProjectRepository projects,
                              @Reference LabelConfigService labelConfigs) {
        this.tasks = tasks;
        this.projects = projects;
        this.labelConfigs = labelConfigs;
    }

    private LabelConfig configOfProject(long projectId) {
        Project project = projects.find(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
        return labelConfigs.parse(project.labelConfig());
    }

    private Task existingTask(long taskId) {
        return tasks.find(taskId, false).orElseThrow(() -> new NotFoundException("task", taskId));
    }

    @Override
    public Task create(long projectId, NewTask task, User caller) {
        LabelConfig config = configOfProject(projectId);
        List<String> problems = new ArrayList<>();
        labelConfigs.checkData(config, task.data()).forEach(problems::add);
        for (int i = 0; i < task.completions().size(); i++) {
            checkCompletion(config, "completions[" + i + "].", task.completions().get(i), problems);
        }
        for (int i = 0; i < task.predictions().size(); i++) {
            checkPrediction(config, "predictions[" + i + "].", task.predictions().get(i), problems);
        }
        if (task.completions().stream().filter(NewCompletion::groundTruth).count() > 1) {
            problems.add("at most one completion of a task can be ground truth");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid task", problems);
        }
        return tasks.insert(projectId, task, caller.id());
    }

    private void checkCompletion(LabelConfig config, String where, NewCompletion completion, List<String> problems) {
        labelConfigs.checkResult(config, completion.result()).forEach(p -> problems.add(where + p));
        checkLeadTime(where, completion.leadTime(), problems);
    }

    private static void checkLeadTime(String where, Double leadTime, List<String> problems) {
        if (leadTime != null && (leadTime.isNaN() || leadTime.isInfinite() || leadTime < 0)) {
            problems.add(where + "lead_time must be a number of seconds, 0 or more");
        }
    }

    private void checkPrediction(LabelConfig config, String where, NewPrediction prediction, List<String> problems) {
        labelConfigs.checkResult(config, prediction.result()).forEach(p -> problems.add(where + p));
        Double score = prediction.score();
        if (score != null && (score.isNaN() || score.isInfinite())) {
            problems.add(where + "score must be a finite number");
        }
        if (prediction.modelVersion() != null && prediction.modelVersion().length() > 255) {
            problems.add(where + "model_version must have at most 255 characters");
        }
    }

    @Override
    public Page<Task> list(long projectId, PageRequest page) {
        configOfProject(projectId);
        return tasks.list(projectId, page);
    }

    @Override
    public Task get(long id) {
        return tasks.find(id, true).orElseThrow(() -> new NotFoundException("task", id));
    }

    @Override
    public Task update(long id, Map<String, Object> data, Map<String, Object> meta) {
        Task task = existingTask(id);
        List<String> problems = labelConfigs.checkData(configOfProject(task.projectId()), data);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid task", problems);
        }
        return tasks.update(id, data, meta).orElseThrow(() -> new NotFoundException("task", id));
    }

    @Override
    public void delete(long id) {
        if (!tasks.delete(id)) {
            throw new NotFoundException("task", id);
        }
    }

    @Override
    public Completion addCompletion(long taskId, NewCompletion completion, User caller) {
        Task task = existingTask(taskId);
        List<String> problems = new ArrayList<>();
        checkCompletion(configOfProject(task.projectId()), "", completion, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid completion", problems);
        }
        return tasks.insertCompletion(taskId, completion, caller.id())
                .orElseThrow(() -> new NotFoundException("task", taskId));
    }

    @Override
    public Completion getCompletion(long id) {
        return tasks.findCompletion(id).orElseThrow(() -> new NotFoundException("completion", id));
    }

    @Override
    public Completion updateCompletion(long id, CompletionPatch patch) {
        Completion completion = getCompletion(id);
        List<String> problems = new ArrayList<>();
        if (patch.result() != null) {
            LabelConfig config = configOfProject(existingTask(completion.taskId()).projectId());
            labelConfigs.checkResult(config, patch.result()).forEach(problems::add);
        }
        checkLeadTime("", patch.leadTime(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid completion", problems);
        }
        return tasks.updateCompletion(id, patch).orElseThrow(() -> new NotFoundException("completion", id));
    }

    @Override
    public void deleteCompletion(long id) {
        if (!tasks.deleteCompletion(id)) {
            throw new NotFoundException("completion", id);
        }
    }

    @Override
    public Prediction addPrediction(long taskId, NewPrediction prediction) {
        Task task = existingTask(taskId);
        List<String> problems = new ArrayList<>();
        checkPrediction(configOfProject(task.projectId()), "", prediction, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid prediction", problems);
        }
        return tasks.insertPrediction(taskId, prediction).orElseThrow(() -> new NotFoundException("task", taskId));
    }

    @Override
    public Prediction getPrediction(long id) {
        return tasks.findPrediction(id).orElseThrow(() -> new NotFoundException("prediction", id));
    }

    @Override
    public void deletePrediction(long id) {
        if (!tasks.deletePrediction(id)) {
            throw new NotFoundException("prediction", id);
        }
    }
}
