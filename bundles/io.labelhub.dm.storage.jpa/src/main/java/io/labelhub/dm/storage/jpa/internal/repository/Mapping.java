package io.labelhub.dm.storage.jpa.internal.repository;

import java.util.List;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.storage.jpa.internal.entity.CompletionEntity;
import io.labelhub.dm.storage.jpa.internal.entity.PredictionEntity;
import io.labelhub.dm.storage.jpa.internal.entity.ProjectEntity;
import io.labelhub.dm.storage.jpa.internal.entity.TaskEntity;
import io.labelhub.dm.storage.jpa.internal.entity.UserEntity;
import io.labelhub.dm.storage.jpa.internal.sql.Authors;
import io.labelhub.dm.storage.jpa.internal.sql.Json;

/** Entities to domain records; entities never leave the storage bundle. */
final class Mapping {

    private Mapping() {
    }

    static User user(UserEntity e) {
        return new User(e.id, e.email, e.firstName, e.lastName, Role.valueOf(e.role), e.active, e.createdAt);
    }

    static Project project(ProjectEntity e, long taskCount) {
        return new Project(e.id, e.title, e.description, e.labelConfig, e.sampling, e.overlap, e.createdBy,
                e.createdAt, e.updatedAt, taskCount, e.lockTtl);
    }

    static Task task(TaskEntity e, List<Completion> completions, List<Prediction> predictions) {
        return new Task(e.id, e.projectId, Json.readObject(e.data), Json.readObject(e.meta), e.createdAt,
                e.updatedAt, e.completionCount, e.skippedCount, e.predictionCount, e.reviewsUp, e.reviewsDown,
                e.groundTruth, completions, predictions);
    }

    static Completion completion(CompletionEntity e) {
        return new Completion(e.id, e.taskId, Json.readList(e.result), e.completedBy, e.createdAt, e.updatedAt,
                e.leadTime, e.wasCancelled, e.groundTruth, Authors.read(e.originalAuthor), e.flagged);
    }

    static Prediction prediction(PredictionEntity e) {
        return new Prediction(e.id, e.taskId, Json.readList(e.result), e.score, e.modelVersion, e.createdAt);
    }
}
