package io.labelhub.dm.api.service;

import java.util.Map;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;

/**
 * Tasks with their completions and predictions. Everything submitted is checked against the project's labeling
 * config, and the counters in the task row stay exact through every change.
 */
public interface TaskService {

    /** Adds a task with its completions (authored by {@code caller}) and predictions, all or nothing. */
    Task create(long projectId, NewTask task, User caller);

    /** The project the task belongs to. */
    long projectOf(long taskId);

    /** The task with all its completions and predictions. */
    Task get(long id);

    /** Replaces the task's {@code data} (checked against the config) and, when given, its {@code meta}. */
    Task update(long id, Map<String, Object> data, Map<String, Object> meta);

    /** Deletes the task with its completions and predictions. */
    void delete(long id);

    Completion addCompletion(long taskId, NewCompletion completion, User caller);

    Completion getCompletion(long id);

    Completion updateCompletion(long id, CompletionPatch patch);

    void deleteCompletion(long id);

    Prediction addPrediction(long taskId, NewPrediction prediction);

    Prediction getPrediction(long id);

    void deletePrediction(long id);
}
