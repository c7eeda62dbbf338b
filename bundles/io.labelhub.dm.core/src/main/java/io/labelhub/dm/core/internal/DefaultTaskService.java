package io.labelhub.dm.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.LabelConfigService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.service.TaskValidator;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.TaskRepository;
import io.labelhub.dm.api.storage.UserRepository;

/** Tasks, completions and predictions, each checked against its project's labeling config before it is stored. */
@Component(service = TaskService.class)
public class DefaultTaskService implements TaskService {

    private final TaskRepository tasks;
    private final ProjectRepository projects;
    private final LabelConfigService labelConfigs;
    private final TaskValidator checks;
    private final UserRepository users;

    @Activate
    public DefaultTaskService(@Reference TaskRepository tasks, @Reference ProjectRepository projects,
                              @Reference LabelConfigService labelConfigs, @Reference TaskValidator checks,
                              @Reference UserRepository users) {
        this.tasks = tasks;
        this.projects = projects;
        this.labelConfigs = labelConfigs;
        this.checks = checks;
        this.users = users;
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
        List<String> problems = checks.task(configOfProject(projectId), task);
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid task", problems);
        }
        // a task sent to this server's API names this server's users: by e-mail, or by id
        List<NewCompletion> completions = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (NewCompletion completion : task.completions()) {
            Author author = completion.author();
            if (author == null) {
                completions.add(completion);
                continue;
            }
            Optional<Long> user = author.email() != null ? users.findByEmail(author.email()).map(c -> c.user().id())
                    : users.find(author.id()).map(User::id);
            user.ifPresentOrElse(id -> completions.add(completion.by(id)),
                    () -> unknown.add(author.email() != null ? author.email() : "user " + author.id()));
        }
        if (!unknown.isEmpty()) {
            throw new DmException(DmException.Kind.UNPROCESSABLE, "unknown authors",
                    Map.of("unknown_authors", List.copyOf(unknown)));
        }
        return tasks.insert(projectId, task.with(task.data(), completions), caller.id());
    }

    @Override
    public long projectOf(long taskId) {
        return tasks.projectOf(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
    }

    @Override
    public Task get(long id) {
        return tasks.find(id, true).orElseThrow(() -> new NotFoundException("task", id));
    }

    @Override
    public Task update(long id, Map<String, Object> data, Map<String, Object> meta) {
        Task task = existingTask(id);
        List<String> problems = checks.data(configOfProject(task.projectId()), data, meta);
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
        List<String> problems = checks.completion(configOfProject(task.projectId()), "", completion);
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
        problems.addAll(checks.leadTime("", patch.leadTime()));
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
        List<String> problems = checks.prediction(configOfProject(task.projectId()), "", prediction);
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
