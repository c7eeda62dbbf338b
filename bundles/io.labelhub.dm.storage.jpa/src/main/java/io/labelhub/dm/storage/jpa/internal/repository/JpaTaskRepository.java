package io.labelhub.dm.storage.jpa.internal.repository;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
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
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.storage.TaskRepository;
import io.labelhub.dm.storage.jpa.internal.counters.GroundTruthRule;
import io.labelhub.dm.storage.jpa.internal.counters.LabelIndex;
import io.labelhub.dm.storage.jpa.internal.counters.Reviews;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChildren;
import io.labelhub.dm.storage.jpa.internal.counters.TaskCounters;
import io.labelhub.dm.storage.jpa.internal.entity.CompletionEntity;
import io.labelhub.dm.storage.jpa.internal.entity.PredictionEntity;
import io.labelhub.dm.storage.jpa.internal.entity.ProjectEntity;
import io.labelhub.dm.storage.jpa.internal.entity.TaskEntity;
import io.labelhub.dm.storage.jpa.internal.sql.IdAllocator;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;

/**
 * Tasks with their completions and predictions. A change to a completion or prediction first locks the task row
 * (an UPDATE of its {@code updated_at}), then writes the label index and recounts the task from the child tables
 * ({@link LabelIndex}, {@link TaskCounters}): concurrent changes to one task queue up and the counters are always
 * exactly what the child rows say, on Derby and PostgreSQL alike.
 */
@Component(service = TaskRepository.class)
public class JpaTaskRepository implements TaskRepository {

    private final Jpa jpa;
    private final IdAllocator ids;

    @Activate
    public JpaTaskRepository(@Reference(target = Jpa.UNIT) JpaTemplate jpa, @Reference IdAllocator ids) {
        this.jpa = new Jpa(jpa);
        this.ids = ids;
    }

    @Override
    public Task insert(long projectId, NewTask task, long authorId) {
        return jpa.tx(em -> {
            if (em.find(ProjectEntity.class, projectId) == null) {
                throw new NotFoundException("project", projectId);
            }
            Instant now = Jdbc.now();
            TaskEntity row = new TaskEntity();
            row.id = ids.next("task");
            row.projectId = projectId;
            row.data = Json.write(task.data());
            row.meta = task.meta() == null ? null : Json.write(task.meta());
            row.createdAt = now;
            row.updatedAt = now;
            em.persist(row);
            em.flush();
            List<LabelIndex.Row> labels = new ArrayList<>();
            List<Completion> completions = new ArrayList<>();
            for (NewCompletion completion : task.completions()) {
                CompletionEntity stored = persistCompletion(em, row.id, completion, authorId, now);
                labels.addAll(labels(projectId, stored, completion.result()));
                completions.add(Mapping.completion(stored));
            }
            List<Prediction> predictions = new ArrayList<>();
            for (NewPrediction prediction : task.predictions()) {
                PredictionEntity stored = persistPrediction(em, row.id, prediction, now);
                labels.addAll(LabelIndex.prediction(projectId, row.id, stored.id, prediction.result()));
                predictions.add(Mapping.prediction(stored));
            }
            Jpa.jdbc(em, connection -> {
                LabelIndex.insert(connection, labels);
                TaskCounters.recount(connection, row.id);
            });
            // every writer of the project takes its row: last, it is held only until the commit
            em.createNativeQuery("UPDATE project SET task_count = task_count + 1 WHERE id = ?")
                    .setParameter(1, projectId).executeUpdate();
            Jpa.jdbc(em, connection -> TaskChanges.record(connection, projectId, row.id));
            em.refresh(row);
            return Mapping.task(row, completions, predictions);
        });
    }

    private CompletionEntity persistCompletion(EntityManager em, long taskId, NewCompletion completion,
                                               long authorId, Instant now) {
        CompletionEntity row = new CompletionEntity();
        row.id = ids.next("completion");
        row.taskId = taskId;
        row.result = Json.write(completion.result());
        row.completedBy = completion.completedBy() != null ? completion.completedBy() : authorId;
        row.createdAt = completion.createdAt() != null ? completion.createdAt() : now;
        row.updatedAt = completion.updatedAt() != null ? completion.updatedAt() : row.createdAt;
        row.leadTime = completion.leadTime();
        row.wasCancelled = completion.wasCancelled();
        row.groundTruth = completion.groundTruth();
        em.persist(row);
        em.flush();
        return row;
    }

    private PredictionEntity persistPrediction(EntityManager em, long taskId, NewPrediction prediction,
                                               Instant now) {
        PredictionEntity row = new PredictionEntity();
        row.id = ids.next("prediction");
        row.taskId = taskId;
        row.result = Json.write(prediction.result());
        row.score = prediction.score();
        row.modelVersion = prediction.modelVersion();
        row.createdAt = now;
        em.persist(row);
        em.flush();
        return row;
    }

    @Override
    public Page<Task> list(long projectId, PageRequest page) {
        return jpa.tx(em -> {
            long total = em.createQuery("SELECT COUNT(t) FROM TaskEntity t WHERE t.projectId = :p", Long.class)
                    .setParameter("p", projectId).getSingleResult();
            List<Task> tasks = em
                    .createQuery("SELECT t FROM TaskEntity t WHERE t.projectId = :p ORDER BY t.id", TaskEntity.class)
                    .setParameter("p", projectId).setFirstResult((int) page.offset())
                    .setMaxResults(page.pageSize()).getResultStream()
                    .map(t -> Mapping.task(t, null, null)).toList();
            return new Page<>(total, tasks);
        });
    }

    @Override
    public OptionalLong projectOf(long taskId) {
        return jpa.tx(em -> em.createQuery("SELECT t.projectId FROM TaskEntity t WHERE t.id = :id", Long.class)
                .setParameter("id", taskId).getResultStream().findFirst()
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    @Override
    public Optional<Task> find(long id, boolean whole) {
        return jpa.tx(em -> {
            TaskEntity task = em.find(TaskEntity.class, id);
            if (task == null) {
                return Optional.<Task>empty();
            }
            if (!whole) {
                return Optional.of(Mapping.task(task, null, null));
            }
            List<Completion> completions = em
                    .createQuery("SELECT c FROM CompletionEntity c WHERE c.taskId = :t ORDER BY c.id",
                            CompletionEntity.class)
                    .setParameter("t", id).getResultStream().map(Mapping::completion).toList();
            List<Prediction> predictions = em
                    .createQuery("SELECT p FROM PredictionEntity p WHERE p.taskId = :t ORDER BY p.id",
                            PredictionEntity.class)
                    .setParameter("t", id).getResultStream().map(Mapping::prediction).toList();
            return Optional.of(Mapping.task(task, completions, predictions));
        });
    }

    @Override
    public Optional<Task> update(long id, Map<String, Object> data, Map<String, Object> meta) {
        return jpa.tx(em -> {
            TaskEntity task = em.find(TaskEntity.class, id);
            if (task == null) {
                return Optional.<Task>empty();
            }
            task.data = Json.write(data);
            if (meta != null) {
                task.meta = Json.write(meta);
            }
            task.updatedAt = Jdbc.now();
            em.flush();
            return Optional.of(Mapping.task(task, null, null));
        });
    }

    @Override
    public boolean delete(long id) {
        // its labels, completions and predictions first (no cascade: see TaskChildren)
        return jpa.tx(em -> {
            TaskEntity task = em.find(TaskEntity.class, id);
            if (task == null) {
                return false;
            }
            Jpa.jdbc(em, connection -> TaskChildren.delete(connection, task.projectId, new long[] {id}));
            if (em.createQuery("DELETE FROM TaskEntity t WHERE t.id = :id").setParameter("id", id)
                    .executeUpdate() == 0) {
                return false;
            }
            em.createNativeQuery("UPDATE project SET task_count = task_count - 1 WHERE id = ?")
                    .setParameter(1, task.projectId).executeUpdate();
            Jpa.jdbc(em, connection -> TaskChanges.record(connection, task.projectId, id));
            return true;
        });
    }

    @Override
    public Optional<Completion> insertCompletion(long taskId, NewCompletion completion, long authorId) {
        return jpa.tx(em -> {
            GroundTruthRule.check("the completion", completion.wasCancelled(), completion.groundTruth());
            Instant now = Jdbc.now();
            if (!lockTask(em, taskId, now)) {
                return Optional.<Completion>empty();
            }
            CompletionEntity row = persistCompletion(em, taskId, completion, authorId, now);
            long projectId = em.find(TaskEntity.class, taskId).projectId;
            List<LabelIndex.Row> labels = labels(projectId, row, completion.result());
            Jpa.jdbc(em, connection -> {
                if (row.groundTruth) {
                    GroundTruthRule.clearOthers(connection, taskId, row.id);
                }
                LabelIndex.insert(connection, labels);
                TaskCounters.recount(connection, taskId);
                // a completion (or a skip) ends its author's hold of the task in the Label Stream
                try (PreparedStatement release = connection.prepareStatement(
                        "DELETE FROM task_lock WHERE task_id = ? AND user_id = ?")) {
                    release.setLong(1, taskId);
                    release.setLong(2, authorId);
                    release.executeUpdate();
                }
                TaskChanges.record(connection, projectId, taskId);
            });
            return Optional.of(Mapping.completion(row));
        });
    }

    @Override
    public Optional<Completion> findCompletion(long id) {
        return jpa.tx(em -> Optional.ofNullable(em.find(CompletionEntity.class, id)).map(Mapping::completion));
    }

    @Override
    public Optional<Completion> updateCompletion(long id, CompletionPatch patch) {
        return jpa.tx(em -> {
            CompletionEntity row = em.find(CompletionEntity.class, id);
            Instant now = Jdbc.now();
            if (row == null || !lockTask(em, row.taskId, now)) {
                return Optional.<Completion>empty();
            }
            em.refresh(row);
            if (patch.result() != null) {
                row.result = Json.write(patch.result());
            }
            if (patch.leadTime() != null) {
                row.leadTime = patch.leadTime();
            }
            if (patch.wasCancelled() != null) {
                row.wasCancelled = patch.wasCancelled();
            }
            if (patch.groundTruth() != null) {
                row.groundTruth = patch.groundTruth();
            }
            // checked on the row as it is now, under the task's lock: a skip and a mark sent at once cannot both win
            GroundTruthRule.check("completion " + id, row.wasCancelled, row.groundTruth);
            row.updatedAt = now;
            em.flush();
            boolean relabel = patch.result() != null || patch.wasCancelled() != null;
            long projectId = em.find(TaskEntity.class, row.taskId).projectId;
            List<LabelIndex.Row> labels = relabel ? labels(projectId, row, Json.readList(row.result)) : List.of();
            Jpa.jdbc(em, connection -> {
                if (row.groundTruth) {
                    GroundTruthRule.clearOthers(connection, row.taskId, row.id);
                }
                if (relabel) {
                    LabelIndex.remove(connection, row.taskId, LabelIndex.COMPLETION, row.id);
                    LabelIndex.insert(connection, labels);
                }
                TaskCounters.recount(connection, row.taskId);
                TaskChanges.record(connection, projectId, row.taskId);
            });
            return Optional.of(Mapping.completion(row));
        });
    }

    @Override
    public boolean deleteCompletion(long id) {
        return jpa.tx(em -> {
            CompletionEntity row = em.find(CompletionEntity.class, id);
            if (row == null || !lockTask(em, row.taskId, Jdbc.now())) {
                return false;
            }
            Jpa.jdbc(em, connection -> Reviews.deleteOfCompletion(connection, row.taskId, id));
            int deleted = em.createQuery("DELETE FROM CompletionEntity c WHERE c.id = :id")
                    .setParameter("id", id).executeUpdate();
            long projectId = em.find(TaskEntity.class, row.taskId).projectId;
            Jpa.jdbc(em, connection -> {
                LabelIndex.remove(connection, row.taskId, LabelIndex.COMPLETION, id);
                TaskCounters.recount(connection, row.taskId);
                TaskChanges.record(connection, projectId, row.taskId);
            });
            return deleted > 0;
        });
    }

    @Override
    public Optional<Prediction> insertPrediction(long taskId, NewPrediction prediction) {
        return jpa.tx(em -> {
            Instant now = Jdbc.now();
            if (!lockTask(em, taskId, now)) {
                return Optional.<Prediction>empty();
            }
            PredictionEntity row = persistPrediction(em, taskId, prediction, now);
            long projectId = em.find(TaskEntity.class, taskId).projectId;
            List<LabelIndex.Row> labels = LabelIndex.prediction(projectId, taskId, row.id, prediction.result());
            Jpa.jdbc(em, connection -> {
                LabelIndex.insert(connection, labels);
                TaskCounters.recount(connection, taskId);
                TaskChanges.record(connection, projectId, taskId);
            });
            return Optional.of(Mapping.prediction(row));
        });
    }

    @Override
    public Optional<Prediction> findPrediction(long id) {
        return jpa.tx(em -> Optional.ofNullable(em.find(PredictionEntity.class, id)).map(Mapping::prediction));
    }

    @Override
    public boolean deletePrediction(long id) {
        return jpa.tx(em -> {
            PredictionEntity row = em.find(PredictionEntity.class, id);
            if (row == null || !lockTask(em, row.taskId, Jdbc.now())) {
                return false;
            }
            int deleted = em.createQuery("DELETE FROM PredictionEntity p WHERE p.id = :id")
                    .setParameter("id", id).executeUpdate();
            long projectId = em.find(TaskEntity.class, row.taskId).projectId;
            Jpa.jdbc(em, connection -> {
                LabelIndex.remove(connection, row.taskId, LabelIndex.PREDICTION, id);
                TaskCounters.recount(connection, row.taskId);
                TaskChanges.record(connection, projectId, row.taskId);
            });
            return deleted > 0;
        });
    }

    private static List<LabelIndex.Row> labels(long projectId, CompletionEntity row,
                                               List<Map<String, Object>> result) {
        return LabelIndex.completion(projectId, row.taskId, row.id, row.completedBy, row.wasCancelled, result);
    }

    /** Takes the task row's write lock for the rest of the transaction; false when there is no such task. */
    private static boolean lockTask(EntityManager em, long taskId, Instant now) {
        return em.createQuery("UPDATE TaskEntity t SET t.updatedAt = :now WHERE t.id = :id")
                .setParameter("now", now).setParameter("id", taskId).executeUpdate() > 0;
    }
}
