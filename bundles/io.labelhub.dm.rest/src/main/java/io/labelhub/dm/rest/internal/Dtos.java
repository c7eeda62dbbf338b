package io.labelhub.dm.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;

/** What the API shows of the domain; field names become snake_case on the wire. */
final class Dtos {

    private Dtos() {
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    record UserDto(long id, String email, String firstName, String lastName, String role, boolean active,
                   String createdAt) {
        static UserDto of(User u) {
            return new UserDto(u.id(), u.email(), u.firstName(), u.lastName(), u.role().wireName(), u.active(),
                    time(u.createdAt()));
        }
    }

    record ProjectDto(long id, String title, String description, String labelConfig, String sampling, int overlap,
                      Long createdBy, String createdAt, String updatedAt, long taskCount) {
        static ProjectDto of(Project p) {
            return new ProjectDto(p.id(), p.title(), p.description(), p.labelConfig(), p.sampling(), p.overlap(),
                    p.createdBy(), time(p.createdAt()), time(p.updatedAt()), p.taskCount());
        }
    }

    record CompletionDto(long id, long task, List<Map<String, Object>> result, Long completedBy, String createdAt,
                         String updatedAt, Double leadTime, boolean wasCancelled, boolean groundTruth) {
        static CompletionDto of(Completion c) {
            return new CompletionDto(c.id(), c.taskId(), c.result(), c.completedBy(), time(c.createdAt()),
                    time(c.updatedAt()), c.leadTime(), c.wasCancelled(), c.groundTruth());
        }
    }

    record PredictionDto(long id, long task, List<Map<String, Object>> result, Double score, String modelVersion,
                         String createdAt) {
        static PredictionDto of(Prediction p) {
            return new PredictionDto(p.id(), p.taskId(), p.result(), p.score(), p.modelVersion(),
                    time(p.createdAt()));
        }
    }

    /**
     * A task; {@code completions} and {@code predictions} are there when the task is read on its own, and left
     * out of lists.
     */
    record TaskDto(long id, long project, Map<String, Object> data, Map<String, Object> meta, String createdAt,
                   String updatedAt, int totalCompletions, int cancelledCompletions, int totalPredictions,
                   int reviewsUp, int reviewsDown, boolean groundTruth,
                   @JsonInclude(JsonInclude.Include.NON_NULL) List<CompletionDto> completions,
                   @JsonInclude(JsonInclude.Include.NON_NULL) List<PredictionDto> predictions) {
        static TaskDto of(Task t, boolean whole) {
            return new TaskDto(t.id(), t.projectId(), t.data(), t.meta(), time(t.createdAt()), time(t.updatedAt()),
                    t.completionCount(), t.skippedCount(), t.predictionCount(), t.reviewsUp(), t.reviewsDown(),
                    t.groundTruth(),
                    whole ? t.completions().stream().map(CompletionDto::of).toList() : null,
                    whole ? t.predictions().stream().map(PredictionDto::of).toList() : null);
        }
    }


    record ProjectPage(long total, List<ProjectDto> projects) {
    }

    record UserPage(long total, List<UserDto> users) {
    }

    record ErrorDto(String error, Object detail, @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {
    }
}
