package io.labelhub.dm.streams.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.spi.Extension;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.TaskLockStore;
import io.labelhub.dm.api.stream.Candidate;
import io.labelhub.dm.api.stream.Handout;
import io.labelhub.dm.api.stream.LabelStreamService;
import io.labelhub.dm.api.stream.SamplingStrategy;

/**
 * The Label Stream over the lock store: the held task first, else a window of open tasks in the strategy's order,
 * ranked by the strategy, the first of them that can still be locked. Another annotator may lock a candidate between
 * the read and the lock; then the next one is tried, and a window all taken is read again.
 */
@Component(service = LabelStreamService.class)
public class DefaultLabelStreamService implements LabelStreamService {

    /** Open tasks read per try: enough for the annotators at work to take some at once and leave the rest. */
    static final int WINDOW = 32;
    /** Windows read before a busy stream answers "no more" for now. */
    static final int TRIES = 8;
    /** Task ids of a filtered stream read per page of the Data Manager. */
    static final int FILTER_PAGE = 500;
    /** Pages of a filtered stream looked through per request. */
    static final int FILTER_PAGES = 20;

    private final ProjectService projects;
    private final TaskService tasks;
    private final DataManagerService dataManager;
    private final TaskLockStore locks;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Extensions<SamplingStrategy> strategies = new Extensions<>(SamplingStrategy.PROPERTY);
    /**
     * The tasks a request of this node is locking right now. The database serialises two locks of one task (each
     * takes its row), so a second request would wait for the first's commit only to find the task taken; with
     * every annotator ranking the same window alike, they would queue up task after task. A request passes over
     * what another is locking and takes the next candidate instead; the database still decides.
     */
    private final Set<Long> locking = ConcurrentHashMap.newKeySet();

    @Activate
    public DefaultLabelStreamService(@Reference ProjectService projects, @Reference TaskService tasks,
                                     @Reference DataManagerService dataManager, @Reference TaskLockStore locks) {
        this(projects, tasks, dataManager, locks, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a clock and a source of random starts of one's own, for tests. */
    DefaultLabelStreamService(ProjectService projects, TaskService tasks, DataManagerService dataManager,
                              TaskLockStore locks, Clock clock, DoubleSupplier random) {
        this.projects = projects;
        this.tasks = tasks;
        this.dataManager = dataManager;
        this.locks = locks;
        this.clock = clock;
        this.random = random;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStrategy(SamplingStrategy strategy, Map<String, Object> properties) {
        strategies.add(strategy, properties);
    }

    void removeStrategy(SamplingStrategy strategy) {
        strategies.remove(strategy);
    }

    @Override
    public Map<String, String> strategies() {
        Map<String, String> installed = new LinkedHashMap<>();
        for (Extension<SamplingStrategy> extension : strategies.all()) {
            installed.putIfAbsent(extension.name(), extension.service().description());
        }
        return installed;
    }

    private SamplingStrategy strategyOf(Project project) {
        return strategies.named(project.sampling()).orElseThrow(() -> new ConflictException(
                "sampling strategy not installed", "project " + project.id() + " uses the sampling strategy '"
                + project.sampling() + "', which is not installed; installed: "
                + String.join(", ", strategies.names()) + ". Install its bundle or change the project's sampling"));
    }

    @Override
    public Optional<Handout> next(long projectId, User annotator, Object filters) {
        Project project = projects.get(projectId);
        SamplingStrategy strategy = strategyOf(project);
        // a filter that does not parse is refused before anything is locked
        dataManager.parseFilter(filters);
        Instant now = clock.instant();
        Instant until = now.plusSeconds(project.lockTtl());
        OptionalLong held = locks.held(projectId, annotator.id(), now);
        if (held.isPresent() && locks.lock(held.getAsLong(), annotator.id(), project.overlap(), now, until)) {
            return Optional.of(handout(held.getAsLong(), until));
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
            List<Candidate> window = filters == null
                    ? locks.open(projectId, annotator.id(), project.overlap(), now, strategy.order(),
                            random.getAsDouble(), WINDOW, strategy.readsData())
                    : filtered(project, annotator, filters, strategy, now);
            if (window.isEmpty()) {
                return Optional.empty();
            }
            List<Candidate> ranked = strategy.rank(window).stream().filter(window::contains).toList();
            List<Candidate> contended = new ArrayList<>();
            for (Candidate candidate : ranked) {
                if (!locking.add(candidate.taskId())) {
                    contended.add(candidate);
                    continue;
                }
                try {
                    if (locks.lockIfFree(candidate.taskId(), annotator.id(), project.overlap(), now, until)) {
                        return Optional.of(handout(candidate.taskId(), until));
                    }
                } finally {
                    locking.remove(candidate.taskId());
                }
            }
            // every candidate left is being locked by another request of this node: read the window again (their
            // locks show by then), and at the last try wait for the database's answer rather than say "none"
            if (attempt == TRIES - 1) {
                for (Candidate candidate : contended) {
                    if (locks.lockIfFree(candidate.taskId(), annotator.id(), project.overlap(), now, until)) {
                        return Optional.of(handout(candidate.taskId(), until));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The open tasks among those the filter matches, in the strategy's order as the Data Manager sorts them (from a
     * random page on for a random order): the first window found within a few pages.
     */
    private List<Candidate> filtered(Project project, User annotator, Object filters, SamplingStrategy strategy,
                                     Instant now) {
        List<String> ordering = strategy.order() == SamplingStrategy.Order.LOWEST_PREDICTION_SCORE
                ? List.of("prediction_score", "id") : List.of("id");
        DataManagerService.Table first = page(project, filters, ordering, 1);
        int pages = (int) Math.max(1, (first.table().total() + FILTER_PAGE - 1) / FILTER_PAGE);
        int start = strategy.order() == SamplingStrategy.Order.RANDOM
                ? (int) Math.min(pages - 1, Math.floor(random.getAsDouble() * pages)) : 0;
        for (int read = 0; read < Math.min(pages, FILTER_PAGES); read++) {
            int page = (start + read) % pages + 1;
            List<Long> ids = (page == 1 ? first : page(project, filters, ordering, page)).table().tasks().stream()
                    .map(TaskRow::id).toList();
            List<Candidate> open = locks.openAmong(project.id(), annotator.id(), project.overlap(), now, ids,
                    strategy.readsData());
            if (!open.isEmpty()) {
                return open.subList(0, Math.min(WINDOW, open.size()));
            }
        }
        return List.of();
    }

    private DataManagerService.Table page(Project project, Object filters, List<String> ordering, int page) {
        return dataManager.table(project.id(), new DataManagerService.TableRequest(filters, ordering,
                new PageRequest(page, FILTER_PAGE), List.of("id")));
    }

    private Handout handout(long taskId, Instant until) {
        Task task = tasks.get(taskId);
        // the annotator labels on their own: nobody's completions come with the task
        return new Handout(task.withCompletions(List.of()), until);
    }

    @Override
    public Instant lock(long taskId, User annotator) {
        Project project = projects.get(tasks.projectOf(taskId));
        Instant now = clock.instant();
        Instant until = now.plusSeconds(project.lockTtl());
        if (!locks.lock(taskId, annotator.id(), project.overlap(), now, until)) {
            throw notOpen(taskId, annotator);
        }
        return until;
    }

    private ConflictException notOpen(long taskId, User annotator) {
        if (locks.completedBy(taskId, annotator.id())) {
            return new ConflictException("task done", "you have completed or skipped task " + taskId
                    + " already; change your completion with PATCH /api/completions/{id}");
        }
        return new ConflictException("task taken", "task " + taskId + " is held by others or has all the "
                + "completions it needs; ask the stream for the next one (GET /api/projects/{id}/next)");
    }

    @Override
    public Completion skip(long taskId, User annotator) {
        checkSubmission(taskId, annotator);
        // the skip is a cancelled completion; storing it ends the hold in the same transaction
        return tasks.addCompletion(taskId, new NewCompletion(List.of(), null, true, false), annotator);
    }

    @Override
    public void checkSubmission(long taskId, User annotator) {
        tasks.projectOf(taskId);
        if (!locks.holds(taskId, annotator.id(), clock.instant())) {
            ConflictException why = notOpen(taskId, annotator);
            if (why.error().equals("task taken")) {
                throw new ConflictException("task not held", "you do not hold task " + taskId + " (or your hold ran "
                        + "out): take it from the stream (GET /api/projects/{id}/next) or renew it (POST "
                        + "/api/tasks/" + taskId + "/lock) before you submit");
            }
            throw why;
        }
    }
}
