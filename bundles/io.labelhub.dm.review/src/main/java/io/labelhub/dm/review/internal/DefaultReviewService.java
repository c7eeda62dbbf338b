package io.labelhub.dm.review.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.review.Review;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.review.VerifyHandout;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.storage.ReviewStore;

/**
 * The Verify Stream over the review store: the completion the reviewer holds first, else one open to them from a
 * random place in the project. A reviewer's hold lasts the project's lock TTL and is renewed each time they ask; it
 * keeps nobody else out (every reviewer may review every completion once).
 */
@Component(service = ReviewService.class)
public class DefaultReviewService implements ReviewService {

    /** The longest comment kept with a vote. */
    static final int MAX_COMMENT = 10_000;
    /** Picks tried before a stream whose completions keep vanishing (deleted meanwhile) answers "none left". */
    static final int TRIES = 8;

    private final ProjectService projects;
    private final TaskService tasks;
    private final ReviewStore store;
    private final Clock clock;
    private final DoubleSupplier random;

    @Activate
    public DefaultReviewService(@Reference ProjectService projects, @Reference TaskService tasks,
                                @Reference ReviewStore store) {
        this(projects, tasks, store, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a clock and a source of random starts of one's own, for tests. */
    DefaultReviewService(ProjectService projects, TaskService tasks, ReviewStore store, Clock clock,
                         DoubleSupplier random) {
        this.projects = projects;
        this.tasks = tasks;
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Optional<VerifyHandout> next(long projectId, User reviewer) {
        Project project = projects.get(projectId);
        Instant now = clock.instant();
        Instant until = now.plusSeconds(project.lockTtl());
        OptionalLong held = store.handedOut(projectId, reviewer.id(), now);
        if (held.isPresent() && store.handOut(projectId, reviewer.id(), held.getAsLong(), until)) {
            return handout(held.getAsLong(), until);
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
            OptionalLong open = store.open(projectId, reviewer.id(), random.getAsDouble());
            if (open.isEmpty()) {
                return Optional.empty();
            }
            if (store.handOut(projectId, reviewer.id(), open.getAsLong(), until)) {
                return handout(open.getAsLong(), until);
            }
        }
        return Optional.empty();
    }

    private Optional<VerifyHandout> handout(long completionId, Instant until) {
        Completion completion;
        Task task;
        try {
            completion = tasks.getCompletion(completionId);
            task = tasks.get(completion.taskId());
        } catch (NotFoundException deletedMeanwhile) {
            return Optional.empty();
        }
        // the reviewer judges this completion: the task's others stay out of view
        return Optional.of(new VerifyHandout(completion, task.withCompletions(List.of()), until));
    }

    @Override
    public Outcome review(long completionId, User reviewer, boolean accepted, String comment) {
        Completion completion = tasks.getCompletion(completionId);
        if (completion.wasCancelled()) {
            throw new ConflictException("completion skipped", "completion " + completionId
                    + " was skipped: it has no result to review");
        }
        if (completion.completedBy() != null && completion.completedBy() == reviewer.id()) {
            throw new ConflictException("own completion", "completion " + completionId
                    + " is yours: a reviewer reviews other annotators' completions");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new ValidationException("invalid review", "comment has " + comment.length()
                    + " characters; at most " + MAX_COMMENT + " are kept");
        }
        ReviewStore.Written written = store.write(completionId, reviewer.id(), accepted,
                comment == null || comment.isBlank() ? null : comment, clock.instant())
                .orElseThrow(() -> new NotFoundException("completion", completionId));
        return new Outcome(written.review(), written.before() == null);
    }

    @Override
    public List<Review> ofCompletion(long completionId) {
        tasks.getCompletion(completionId);
        return store.ofCompletion(completionId);
    }

    @Override
    public Map<Long, List<Review>> ofTask(long taskId) {
        tasks.projectOf(taskId);
        return store.ofTask(taskId).stream().collect(Collectors.groupingBy(Review::completionId,
                LinkedHashMap::new, Collectors.toList()));
    }
}
