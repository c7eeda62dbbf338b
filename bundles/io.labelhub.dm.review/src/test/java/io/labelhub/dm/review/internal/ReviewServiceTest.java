package io.labelhub.dm.review.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.review.Review;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.review.VerifyHandout;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.core.internal.DefaultProjectService;
import io.labelhub.dm.core.internal.DefaultTaskService;
import io.labelhub.dm.core.internal.DefaultTaskValidator;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.query.internal.DefaultDataManagerService;
import io.labelhub.dm.storage.jpa.internal.TestStorage;
import io.labelhub.dm.storage.jpa.internal.TestClock;

/** The Verify Stream's rules and the review counters on real storage over an embedded Derby, with a test clock. */
class ReviewServiceTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"label\" toName=\"text\"><Choice value=\"Cat\"/><Choice value=\"Dog\"/></Choices></View>";
    private static final List<Map<String, Object>> CAT = List.of(Map.of("from_name", "label", "to_name", "text",
            "type", "choices", "value", Map.of("choices", List.of("Cat"))));

    @TempDir
    Path folder;

    private TestStorage storage;
    private DefaultTaskService tasks;
    private DefaultDataManagerService dataManager;
    private DefaultReviewService reviews;
    private final TestClock clock = new TestClock();
    private double randomStart;
    private User ann;
    private User bob;
    private User rev;
    private User ray;
    private long project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        XmlLabelConfigService labelConfigs = new XmlLabelConfigService();
        tasks = new DefaultTaskService(storage.tasks, storage.projects, labelConfigs,
                new DefaultTaskValidator(labelConfigs, 100_000), storage.users);
        dataManager = new DefaultDataManagerService(storage.projects, storage.queries, storage.stats);
        reviews = new DefaultReviewService(new DefaultProjectService(storage.projects, labelConfigs), tasks,
                storage.reviews, clock, () -> randomStart);
        ann = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        bob = storage.users.insert("bob@example.com", "x", "Bob", "", Role.ANNOTATOR);
        rev = storage.users.insert("rev@example.com", "x", "Rev", "", Role.REVIEWER);
        ray = storage.users.insert("ray@example.com", "x", "Ray", "", Role.REVIEWER);
        project = storage.projects.insert(new ProjectDraft("Verify", "", CONFIG, "sequential", 2, 600), null).id();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    /** A task with a completion by each author (null: a skip by ann). */
    private Task task(User... authors) {
        Task task = storage.tasks.insert(project, new NewTask(Map.of("text", "a cat"), null, List.of(), List.of()),
                ann.id());
        for (User author : authors) {
            tasks.addCompletion(task.id(), author == null ? new NewCompletion(List.of(), null, true, false)
                    : new NewCompletion(CAT, 2.0, false, false), author == null ? ann : author);
        }
        return tasks.get(task.id());
    }

    private long next(User reviewer) {
        return reviews.next(project, reviewer).orElseThrow().completion().id();
    }

    private Task counters(long taskId) {
        return tasks.get(taskId);
    }

    @Test
    void theStreamHandsOutOthersCompletionsNeitherSkippedNorOwnUntilEachIsReviewed() {
        Task skipped = task((User) null);
        Task byRev = task(rev);
        Task byAnn = task(ann);
        Task byBoth = task(ann, bob);
        Set<Long> expected = new HashSet<>();
        byAnn.completions().forEach(c -> expected.add(c.id()));
        byBoth.completions().forEach(c -> expected.add(c.id()));

        Set<Long> served = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            VerifyHandout handout = reviews.next(project, rev).orElseThrow();
            assertTrue(served.add(handout.completion().id()), "served twice: " + handout.completion().id());
            assertEquals(handout.completion().taskId(), handout.task().id());
            assertEquals(List.of(), handout.task().completions(), "the task's other completions stay out of view");
            reviews.review(handout.completion().id(), rev, true, null);
        }
        assertEquals(expected, served);
        assertEquals(Optional.empty(), reviews.next(project, rev));
        assertFalse(served.contains(skipped.completions().get(0).id()));
        assertFalse(served.contains(byRev.completions().get(0).id()));
        // another reviewer has all four of others' completions still to do, rev's own among them
        Set<Long> forRay = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            long id = next(ray);
            forRay.add(id);
            reviews.review(id, ray, false, "no");
        }
        assertTrue(forRay.containsAll(expected) && forRay.contains(byRev.completions().get(0).id()), forRay.toString());
    }

    @Test
    void askingAgainBeforeVotingGivesTheSameCompletionUntilTheHoldRunsOut() {
        List<Long> tasksInOrder = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasksInOrder.add(task(ann).id());
        }
        randomStart = 0;
        long first = next(rev);
        randomStart = 0.99;
        assertEquals(first, next(rev), "the same one again, wherever the random start falls");
        clock.advance(Duration.ofSeconds(599));
        assertEquals(first, next(rev), "each ask renews the hold");
        clock.advance(Duration.ofSeconds(601));
        long later = next(rev);
        assertNotEquals(first, later, "the hold ran out: a new random pick");
        assertEquals(tasks.get(tasksInOrder.get(3)).completions().get(0).id(), later);
    }

    @Test
    void theOrderIsRandomOverTheProject() {
        List<Long> completions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            completions.add(task(ann).completions().get(0).id());
        }
        randomStart = 0.0;
        assertEquals(completions.get(0), next(rev));
        randomStart = 0.55;
        assertEquals(completions.get(5), next(ray));
    }

    @Test
    void votesAreCountedExactlyAndASecondVoteOfTheSameReviewerReplacesTheFirst() {
        Task task = task(ann, bob);
        long first = task.completions().get(0).id();
        long second = task.completions().get(1).id();

        ReviewService.Outcome up = reviews.review(first, rev, true, "fine");
        assertTrue(up.created());
        assertEquals(1, counters(task.id()).reviewsUp());
        ReviewService.Outcome changed = reviews.review(first, rev, false, "on second thought");
        assertFalse(changed.created());
        assertEquals(up.review().createdAt(), changed.review().createdAt());
        assertEquals(0, counters(task.id()).reviewsUp());
        assertEquals(1, counters(task.id()).reviewsDown());
        reviews.review(first, ray, true, null);
        reviews.review(second, rev, true, "  ");
        assertEquals(2, counters(task.id()).reviewsUp());
        assertEquals(1, counters(task.id()).reviewsDown());

        List<Review> ofFirst = reviews.ofCompletion(first);
        assertEquals(List.of(rev.id(), ray.id()), ofFirst.stream().map(Review::reviewerId).toList());
        assertEquals("on second thought", ofFirst.get(0).comment());
        assertNull(reviews.ofCompletion(second).get(0).comment(), "a blank comment is none");
        assertEquals(Set.of(first, second), reviews.ofTask(task.id()).keySet());
    }

    @Test
    void skippedAndOwnCompletionsCannotBeReviewedAndMissingOnesAre404() {
        Task skipped = task((User) null);
        Task byRev = task(rev);
        ConflictException skip = assertThrows(ConflictException.class,
                () -> reviews.review(skipped.completions().get(0).id(), rev, true, null));
        assertTrue(skip.getMessage().contains("skipped"), skip.getMessage());
        ConflictException own = assertThrows(ConflictException.class,
                () -> reviews.review(byRev.completions().get(0).id(), rev, true, null));
        assertTrue(own.getMessage().contains("yours"), own.getMessage());
        assertThrows(NotFoundException.class, () -> reviews.review(987_654, rev, true, null));
        assertThrows(ValidationException.class,
                () -> reviews.review(byRev.completions().get(0).id(), ray, true, "x".repeat(10_001)));
        assertEquals(0, counters(byRev.id()).reviewsUp() + counters(byRev.id()).reviewsDown());
    }

    @Test
    void deletingCompletionsTakesTheirReviewsAndTheirVotesAlong() {
        Task task = task(ann, bob);
        Completion first = task.completions().get(0);
        Completion second = task.completions().get(1);
        reviews.review(first.id(), rev, true, null);
        reviews.review(first.id(), ray, false, null);
        reviews.review(second.id(), rev, true, null);
        // ray holds the second one in the stream
        assertEquals(second.id(), next(ray));

        tasks.deleteCompletion(first.id());
        assertEquals(1, counters(task.id()).reviewsUp());
        assertEquals(0, counters(task.id()).reviewsDown());
        assertThrows(NotFoundException.class, () -> reviews.ofCompletion(first.id()));

        storage.bulk.deleteCompletions(project, TaskSelection.ofIds(List.of(task.id())));
        assertEquals(0, counters(task.id()).reviewsUp());
        assertEquals(Map.of(), reviews.ofTask(task.id()));
        assertEquals(Optional.empty(), reviews.next(project, ray), "the held one went with its completion");

        Task other = task(ann);
        reviews.review(other.completions().get(0).id(), rev, true, null);
        tasks.delete(other.id());
        try (var c = storage.dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM review")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a deleted task's reviews are gone");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDataManagerShowsAndFiltersTheReviewers() {
        Task byRev = task(ann);
        Task byBoth = task(bob);
        Task none = task(ann);
        reviews.review(byRev.completions().get(0).id(), rev, true, null);
        reviews.review(byBoth.completions().get(0).id(), rev, false, null);
        reviews.review(byBoth.completions().get(0).id(), ray, true, null);

        Map<Long, List<Long>> reviewers = new java.util.HashMap<>();
        for (TaskRow row : table(null).table().tasks()) {
            reviewers.put(row.id(), row.reviewers());
        }
        assertEquals(Map.of(byRev.id(), List.of(rev.id()), byBoth.id(), List.of(rev.id(), ray.id()), none.id(),
                List.of()), reviewers);
        assertEquals(List.of(byBoth.id()), ids(filter("contains", ray.id())));
        assertEquals(List.of(byRev.id(), byBoth.id()), ids(filter("contains", rev.id())));
        assertEquals(List.of(none.id()), ids(filter("not_contains", rev.id())));
        assertEquals(List.of(none.id()), ids(filter("empty", true)));
        assertEquals(List.of(byBoth.id()), ids(Map.of("conjunction", "and", "items", List.of(Map.of("filter",
                "filter:tasks:reviews_down", "operator", "greater_or_equal", "type", "Number", "value", 1)))));
    }

    private Object filter(String operator, Object value) {
        return Map.of("conjunction", "and", "items", List.of(Map.of("filter", "filter:tasks:reviewers",
                "operator", operator, "type", "List", "value", value)));
    }

    private DataManagerService.Table table(Object filters) {
        return dataManager.table(project, new DataManagerService.TableRequest(filters, List.of("id"),
                new PageRequest(1, 100), List.of("id", "reviewers")));
    }

    private List<Long> ids(Object filters) {
        return table(filters).table().tasks().stream().map(TaskRow::id).toList();
    }
}
