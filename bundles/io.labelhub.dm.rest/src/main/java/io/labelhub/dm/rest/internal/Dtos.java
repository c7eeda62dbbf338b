package io.labelhub.dm.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.review.Review;
import io.labelhub.dm.api.review.VerifyHandout;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.stream.Handout;

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
                      int lockTtl, Long createdBy, String createdAt, String updatedAt, long taskCount) {
        static ProjectDto of(Project p) {
            return new ProjectDto(p.id(), p.title(), p.description(), p.labelConfig(), p.sampling(), p.overlap(),
                    p.lockTtl(), p.createdBy(), time(p.createdAt()), time(p.updatedAt()), p.taskCount());
        }
    }

    /** A completion; {@code reviews} are there when it is read with its task or on its own. */
    record CompletionDto(long id, long task, List<Map<String, Object>> result, Long completedBy, String createdAt,
                         String updatedAt, Double leadTime, boolean wasCancelled, boolean groundTruth,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<ReviewDto> reviews,
                         @JsonInclude(JsonInclude.Include.NON_NULL) AuthorDto originalAuthor,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String flagged) {
        static CompletionDto of(Completion c) {
            return of(c, null);
        }

        static CompletionDto of(Completion c, List<Review> reviews) {
            return new CompletionDto(c.id(), c.taskId(), c.result(), c.completedBy(), time(c.createdAt()),
                    time(c.updatedAt()), c.leadTime(), c.wasCancelled(), c.groundTruth(),
                    reviews == null ? null : reviews.stream().map(ReviewDto::of).toList(),
                    AuthorDto.of(c.originalAuthor()), c.flagged());
        }
    }

    /** Who an imported file said made a completion the import credited to the importer. */
    record AuthorDto(Long id, String email, String firstName, String lastName, String server) {
        static AuthorDto of(Author a) {
            return a == null ? null : new AuthorDto(a.id(), a.email(), a.firstName(), a.lastName(), a.server());
        }
    }

    /** A reviewer's vote on a completion. */
    record ReviewDto(long completion, long reviewer, boolean accepted, String comment, String createdAt,
                     String updatedAt) {
        static ReviewDto of(Review r) {
            return new ReviewDto(r.completionId(), r.reviewerId(), r.accepted(), r.comment(), time(r.createdAt()),
                    time(r.updatedAt()));
        }
    }

    record ReviewList(List<ReviewDto> reviews) {
    }

    /** A completion from the Verify Stream, with its task (without the task's other completions). */
    record VerifyDto(CompletionDto completion, TaskDto task, String heldUntil) {
        static VerifyDto of(VerifyHandout handout) {
            return new VerifyDto(CompletionDto.of(handout.completion()), TaskDto.of(handout.task(), true),
                    time(handout.heldUntil()));
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
            return of(t, whole, null);
        }

        /** The task whole, each completion with its reviews. */
        static TaskDto of(Task t, Map<Long, List<Review>> reviews) {
            return of(t, true, reviews);
        }

        private static TaskDto of(Task t, boolean whole, Map<Long, List<Review>> reviews) {
            return new TaskDto(t.id(), t.projectId(), t.data(), t.meta(), time(t.createdAt()), time(t.updatedAt()),
                    t.completionCount(), t.skippedCount(), t.predictionCount(), t.reviewsUp(), t.reviewsDown(),
                    t.groundTruth(),
                    whole ? t.completions().stream().map(c -> CompletionDto.of(c, reviews == null ? null
                            : reviews.getOrDefault(c.id(), List.of()))).toList() : null,
                    whole ? t.predictions().stream().map(PredictionDto::of).toList() : null);
        }
    }


    /** A browser session: its user, its CSRF token and when it ends (both null when not signed in by a session). */
    record SessionDto(UserDto user, String csrfToken, String expiresAt) {
    }

    record ProjectPage(long total, List<ProjectDto> projects) {
    }

    /** A task from the Label Stream: with its predictions, without completions, and until when it is the caller's. */
    record HandoutDto(TaskDto task, String lockedUntil) {
        static HandoutDto of(Handout handout) {
            return new HandoutDto(TaskDto.of(handout.task(), true), time(handout.lockedUntil()));
        }
    }

    record LockDto(long task, String lockedUntil) {
    }

    record StrategyDto(String name, String description) {
    }

    record StrategyList(List<StrategyDto> strategies) {
    }

    /** A project member: the user and their role in the project. */
    record MemberDto(UserDto user, String role, String addedAt) {
        static MemberDto of(Member m) {
            return new MemberDto(UserDto.of(m.user()), m.role().wireName(), time(m.addedAt()));
        }
    }

    record MemberList(long total, List<MemberDto> members) {
    }

    record UserPage(long total, List<UserDto> users) {
    }

    /** A newly made API token, shown this once. */
    record TokenDto(String token) {
    }

    /**
     * {@code GET /api/health}: {@code status} is {@code ok}, {@code starting} or {@code unavailable}; the database
     * fields are there once storage is, {@code detail} while the server is not ready.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code server_id} only once the server is up: the identity its exports name beside user ids. */
    record HealthDto(String status, String detail, String database, Integer schemaVersion,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String serverId) {

        HealthDto(String status, String detail, String database, Integer schemaVersion) {
            this(status, detail, database, schemaVersion, null);
        }
    }

    /** Sums over a set of tasks: the Found panel, and the counters of one page of the table. */
    record TotalsDto(long tasks, long completions, long skipped, long predictions, long reviewsUp, long reviewsDown,
                     long groundTruth) {
        static TotalsDto of(Totals t) {
            return new TotalsDto(t.tasks(), t.completions(), t.skipped(), t.predictions(), t.reviewsUp(),
                    t.reviewsDown(), t.groundTruth());
        }
    }

    /**
     * One page of the Data Manager table. A row is a map rather than a record: its columns are the ones the caller
     * chose ({@code fields=id,data.text} for a Quick view, all of them for the Full view), and a column that was
     * not asked for must be absent, not null, so the client can tell "not asked" from "no value" (a task without a
     * prediction has a null {@code prediction_score}).
     */
    record TableDto(long total, TotalsDto page, List<Map<String, Object>> tasks) {
        static TableDto of(DataManagerService.Table answer) {
            TaskQuery query = answer.query();
            return new TableDto(answer.table().total(), TotalsDto.of(answer.table().page()),
                    answer.table().tasks().stream().map(row -> row(row, query)).toList());
        }

        /** The row's asked-for columns in table order, {@code id} always first. */
        static Map<String, Object> row(TaskRow row, TaskQuery query) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", row.id());
            put(answer, query, Column.COMPLETIONS, row.completions());
            put(answer, query, Column.SKIPPED, row.skipped());
            put(answer, query, Column.PREDICTIONS, row.predictions());
            put(answer, query, Column.PREDICTION_SCORE, row.predictionScore());
            put(answer, query, Column.ANNOTATORS, row.annotators());
            put(answer, query, Column.REVIEWERS, row.reviewers());
            put(answer, query, Column.COMPLETION_RESULTS, row.completionResults());
            put(answer, query, Column.PREDICTION_RESULTS, row.predictionResults());
            put(answer, query, Column.REVIEWS_UP, row.reviewsUp());
            put(answer, query, Column.REVIEWS_DOWN, row.reviewsDown());
            put(answer, query, Column.GROUND_TRUTH, row.groundTruth());
            put(answer, query, Column.CREATED_AT, time(row.createdAt()));
            put(answer, query, Column.UPDATED_AT, time(row.updatedAt()));
            put(answer, query, Column.COMPLETED_AT, time(row.completedAt()));
            put(answer, query, Column.LEAD_TIME, row.leadTime());
            if (query.wants(Column.DATA)) {
                answer.put("data", row.data());
            }
            return answer;
        }

        private static void put(Map<String, Object> answer, TaskQuery query, Column column, Object value) {
            if (query.fields() == null || query.fields().contains(Field.of(column))) {
                answer.put(column.wireName(), value);
            }
        }
    }

    /** A project's numbers, days as ISO dates ({@code 2026-05-01}). */
    record StatsDto(long tasks, long done, long skipped, long completions, long predictions, long reviewsUp,
                    long reviewsDown, long groundTruth, List<LabelCountDto> labels,
                    List<AnnotatorCountDto> annotators, List<DayCountDto> days) {
        static StatsDto of(ProjectStats s) {
            return new StatsDto(s.tasks(), s.done(), s.skipped(), s.completions(), s.predictions(), s.reviewsUp(),
                    s.reviewsDown(), s.groundTruth(),
                    s.labels().stream().map(l -> new LabelCountDto(l.control(), l.label(), l.completions())).toList(),
                    s.annotators().stream().map(a -> new AnnotatorCountDto(a.user(), a.completions(), a.skipped()))
                            .toList(),
                    s.days().stream().map(d -> new DayCountDto(d.day().toString(), d.completions())).toList());
        }
    }

    record LabelCountDto(String control, String label, long completions) {
    }

    /** {@code user} is null for completions whose author was deleted. */
    record AnnotatorCountDto(Long user, long completions, long skipped) {
    }

    record DayCountDto(String day, long completions) {
    }

    /** A saved tab of the Data Manager; {@code filters} is the filter JSON as it was saved. */
    record ViewDto(long id, long project, String title, Object filters, List<String> ordering, List<String> columns,
                   String mode, Long createdBy, String createdAt, String updatedAt) {
        static ViewDto of(View v) {
            return new ViewDto(v.id(), v.projectId(), v.title(), v.filters(), v.ordering(), v.columns(),
                    v.quick() ? "quick" : "full", v.createdBy(), time(v.createdAt()), time(v.updatedAt()));
        }
    }

    /** An installed bulk action. */
    record ActionDto(String name, String title) {
    }

    /** What a bulk action did: how many rows (tasks, completions, …) it affected. */
    record ActionResultDto(String action, long affected) {
    }

    /**
     * What an import stored; {@code annotation_count} is {@code completion_count} under Label Studio's name;
     * {@code flagged} (a lenient import only) what was kept although it does not fit the labeling config.
     */
    record ImportResultDto(long taskCount, long completionCount, long annotationCount, long predictionCount,
                           double duration, List<ImportedFileDto> files,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> flagged) {
        static ImportResultDto of(ImportService.Result r) {
            return new ImportResultDto(r.taskCount(), r.completionCount(), r.completionCount(), r.predictionCount(),
                    r.duration(),
                    r.files().stream().map(f -> new ImportedFileDto(f.name(), f.format(), f.taskCount())).toList(),
                    r.flagged());
        }
    }

    /** How many tasks one uploaded file gave, and which format read it. */
    record ImportedFileDto(String name, String format, long taskCount) {
    }

    /**
     * An installed import or archive format: the extensions it claims, and of those the ones it serves
     * ({@code active}; a format of a higher ranking serves the others).
     */
    record ImportFormatDto(String name, List<String> extensions, List<String> active, boolean archive, int ranking) {
        static ImportFormatDto of(ImportService.Format f) {
            return new ImportFormatDto(f.name(), f.extensions(), f.active(), f.archive(), f.ranking());
        }
    }

    record ImportFormatList(List<ImportFormatDto> formats) {
    }

    record ExportFormatDto(String name, String mediaType, String extension, String description) {
        static ExportFormatDto of(ExportService.Format f) {
            return new ExportFormatDto(f.name(), f.mediaType(), f.extension(), f.description());
        }
    }

    record ExportFormatList(List<ExportFormatDto> formats) {
    }

    /** The formats in which a project's sample file can be downloaded. */
    record SampleFormatList(List<String> formats) {
    }

    record ErrorDto(String error, Object detail, @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {
    }
}
