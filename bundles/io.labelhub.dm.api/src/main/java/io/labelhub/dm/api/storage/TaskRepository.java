package io.labelhub.dm.api.storage;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;

/**
 * Persistence of tasks, completions and predictions. Every change to a completion or prediction recomputes the
 * counters of its task in the same transaction, with the task row locked, so they stay exact under concurrency.
 */
public interface TaskRepository {

    /** Stores a task with its completions and predictions in one transaction. */
    Task insert(long projectId, NewTask task, long authorId);

    Page<Task> list(long projectId, PageRequest page);

    /** The project of the task; empty when there is no such task. */
    OptionalLong projectOf(long taskId);

    /** The task; with {@code whole} also its completions and predictions. */
    Optional<Task> find(long id, boolean whole);

    Optional<Task> update(long id, Map<String, Object> data, Map<String, Object> meta);

    boolean delete(long id);

    /** Empty when there is no such task. */
    Optional<Completion> insertCompletion(long taskId, NewCompletion completion, long authorId);

    Optional<Completion> findCompletion(long id);

    Optional<Completion> updateCompletion(long id, CompletionPatch patch);

    boolean deleteCompletion(long id);

    /** Empty when there is no such task. */
    Optional<Prediction> insertPrediction(long taskId, NewPrediction prediction);

    Optional<Prediction> findPrediction(long id);

    boolean deletePrediction(long id);
}
