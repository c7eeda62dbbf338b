package io.labelhub.dm.streams.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.stream.Handout;
import io.labelhub.dm.api.stream.SamplingStrategy;
import io.labelhub.dm.core.internal.DefaultProjectService;
import io.labelhub.dm.core.internal.DefaultTaskService;
import io.labelhub.dm.core.internal.DefaultTaskValidator;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.query.internal.DefaultDataManagerService;
import io.labelhub.dm.storage.jpa.internal.TestStorage;
import io.labelhub.dm.storage.jpa.internal.TestClock;

/** The Label Stream's rules on real storage over an embedded Derby, with a clock the test moves. */
class LabelStreamTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"label\" toName=\"text\"><Choice value=\"Cat\"/><Choice value=\"Dog\"/></Choices></View>";

    @TempDir
    Path folder;

    private TestStorage storage;
    private DefaultTaskService tasks;
    private DefaultLabelStreamService stream;
    private final TestClock clock = new TestClock();
    private double randomStart;
    private User ann;
    private User bob;
    private User cid;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        XmlLabelConfigService labelConfigs = new XmlLabelConfigService();
        tasks = new DefaultTaskService(storage.tasks, storage.projects, labelConfigs,
                new DefaultTaskValidator(labelConfigs, 100_000), storage.users);
        stream = new DefaultLabelStreamService(new DefaultProjectService(storage.projects, labelConfigs), tasks,
                new DefaultDataManagerService(storage.projects, storage.queries, storage.stats), storage.locks,
                clock, () -> randomStart);
        stream.addStrategy(new SequentialStrategy(), Map.of(SamplingStrategy.PROPERTY, "sequential"));
        stream.addStrategy(new UniformStrategy(), Map.of(SamplingStrategy.PROPERTY, "uniform"));
        stream.addStrategy(new UncertaintyStrategy(), Map.of(SamplingStrategy.PROPERTY, "uncertainty"));
        ann = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        bob = storage.users.insert("bob@example.com", "x", "Bob", "", Role.ANNOTATOR);
        cid = storage.users.insert("cid@example.com", "x", "Cid", "", Role.ANNOTATOR);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private long project(String sampling, int overlap) {
        return storage.projects.insert(new ProjectDraft("Stream", "", CONFIG, sampling, overlap, 600), null).id();
    }

    private List<Long> tasks(long project, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(storage.tasks.insert(project, new NewTask(Map.of("text", "task " + i), null, List.of(),
                    List.of()), ann.id()).id());
        }
        return ids;
    }

    private long next(long project, User who) {
        return stream.next(project, who, null).orElseThrow().task().id();
    }

    private void submit(long task, User who) {
        stream.checkSubmission(task, who);
        tasks.addCompletion(task, new NewCompletion(List.of(Map.of("from_name", "label", "to_name", "text",
                "type", "choices", "value", Map.of("choices", List.of("Cat")))), 2.0, false, false), who);
    }

    @Test
    void sequentialHandsOutByIdAndTheSameTaskAgainUntilItIsSubmitted() {
        long project = project("sequential", 1);
        List<Long> ids = tasks(project, 3);
        Handout first = stream.next(project, ann, null).orElseThrow();
        assertEquals(ids.get(0), first.task().id());
        assertEquals(clock.instant().plusSeconds(600), first.lockedUntil());
        assertEquals(ids.get(0), next(project, ann), "asked again before submitting: the same task");
        submit(ids.get(0), ann);
        assertEquals(ids.get(1), next(project, ann));
        assertEquals(ids.get(2), next(project, bob), "bob does not get the task ann holds");
    }

    @Test
    void aTaskComesWithItsPredictionsButWithoutAnybodysCompletions() {
        long project = project("sequential", 3);
        long task = storage.tasks.insert(project, new NewTask(Map.of("text", "x"), null,
                List.of(new NewCompletion(List.of(), 1.0, false, false)),
                List.of(new NewPrediction(List.of(), 0.4, "v1"))), bob.id()).id();
        Task handed = stream.next(project, ann, null).orElseThrow().task();
        assertEquals(task, handed.id());
        assertTrue(handed.completions().isEmpty());
        assertEquals(1, handed.predictions().size());
        assertEquals(1, handed.completionCount(), "the counters still say how far the task is");
    }

    @Test
    void nobodyGetsATaskTheyCompletedOrSkippedAndSkipsDoNotFillTheOverlap() {
        long project = project("sequential", 1);
        List<Long> ids = tasks(project, 2);
        assertEquals(ids.get(0), next(project, ann));
        stream.skip(ids.get(0), ann);
        assertEquals(ids.get(1), next(project, ann), "a skipped task does not come back");
        assertEquals(ids.get(0), next(project, bob), "a skip does not count as a completion");
        submit(ids.get(0), bob);
        submit(ids.get(1), ann);
        assertEquals(Optional.empty(), stream.next(project, ann, null));
        assertEquals(Optional.empty(), stream.next(project, cid, null), "both tasks have their one completion");
    }

    @Test
    void theOverlapCountsTheTasksOthersHold() {
        long project = project("sequential", 2);
        List<Long> ids = tasks(project, 2);
        assertEquals(ids.get(0), next(project, ann));
        assertEquals(ids.get(0), next(project, bob), "overlap 2: a second annotator on the same task");
        assertEquals(ids.get(1), next(project, cid), "two hold the first: it is full");
        submit(ids.get(0), ann);
        submit(ids.get(0), bob);
        assertEquals(2, tasks.get(ids.get(0)).completionCount());
        ConflictException twice = assertThrows(ConflictException.class, () -> stream.checkSubmission(ids.get(0), ann));
        assertTrue(twice.getMessage().contains("completed or skipped task " + ids.get(0)), twice.getMessage());
    }

    @Test
    void aLockRunsOutAfterItsTtlUnlessRenewedAndThenTheTaskGoesToAnother() {
        long project = project("sequential", 1);
        List<Long> ids = tasks(project, 2);
        assertEquals(ids.get(0), next(project, ann));
        clock.advance(Duration.ofSeconds(500));
        assertEquals(clock.instant().plusSeconds(600), stream.lock(ids.get(0), ann), "renewed for a full TTL");
        clock.advance(Duration.ofSeconds(500));
        assertEquals(ids.get(1), next(project, bob), "ann still holds the first after 1000 s, being renewed");

        clock.advance(Duration.ofSeconds(601));
        assertEquals(ids.get(0), next(project, cid), "ann's hold ran out: the task is open again");
        ConflictException late = assertThrows(ConflictException.class, () -> stream.checkSubmission(ids.get(0), ann));
        assertTrue(late.getMessage().contains("you do not hold task " + ids.get(0)), late.getMessage());
        assertThrows(ConflictException.class, () -> stream.lock(ids.get(0), ann), "cid has it now");
    }

    @Test
    void anAnnotatorSubmitsOnlyATaskTheyHold() {
        long project = project("sequential", 1);
        List<Long> ids = tasks(project, 2);
        ConflictException notHeld = assertThrows(ConflictException.class,
                () -> stream.checkSubmission(ids.get(1), ann));
        assertTrue(notHeld.getMessage().contains("GET /api/projects/{id}/next"), notHeld.getMessage());
        next(project, ann);
        assertThrows(ConflictException.class, () -> stream.checkSubmission(ids.get(1), ann),
                "holding one task does not open another");
        stream.checkSubmission(ids.get(0), ann);
    }

    @Test
    void uncertaintyServesTheLowestBestPredictionScoreFirstAndUnscoredTasksLast() {
        long project = project("uncertainty", 1);
        long unscored = storage.tasks.insert(project, new NewTask(Map.of("text", "none"), null, List.of(), List.of()),
                ann.id()).id();
        long sure = scored(project, 0.9);
        long unsure = scored(project, 0.2);
        long middling = scored(project, 0.5);
        List<Long> order = new ArrayList<>();
        for (User who : List.of(ann, bob, cid)) {
            order.add(next(project, who));
        }
        assertEquals(List.of(unsure, middling, sure), order);
        User dan = storage.users.insert("dan@example.com", "x", "Dan", "", Role.ANNOTATOR);
        assertEquals(unscored, next(project, dan));
    }

    private long scored(long project, double score) {
        return storage.tasks.insert(project, new NewTask(Map.of("text", "scored " + score), null, List.of(),
                List.of(new NewPrediction(List.of(), score, "v1"), new NewPrediction(List.of(), score / 2, "v0"))),
                ann.id()).id();
    }

    @Test
    void aRandomOrderStartsWhereItIsToldAndWrapsAround() {
        long project = project("uniform", 1);
        List<Long> ids = tasks(project, 10);
        assertEquals(List.of(ids.get(9), ids.get(0), ids.get(1), ids.get(2)), storage.locks.open(project, ann.id(), 1,
                clock.instant(), SamplingStrategy.Order.RANDOM, 0.95, 4, false).stream().map(c -> c.taskId()).toList());
        assertEquals(ids.subList(5, 9), storage.locks.open(project, ann.id(), 1, clock.instant(),
                SamplingStrategy.Order.RANDOM, 0.5, 4, false).stream().map(c -> c.taskId()).toList());
    }

    @Test
    void uniformHandsEachOfManyAnnotatorsTheirOwnTask() {
        long project = project("uniform", 1);
        List<Long> ids = tasks(project, 10);
        java.util.Set<Long> handed = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            randomStart = (i * 0.37) % 1;
            User who = storage.users.insert("u" + i + "@example.com", "x", "U", "", Role.ANNOTATOR);
            handed.add(next(project, who));
        }
        assertEquals(new java.util.HashSet<>(ids), handed, "ten annotators, ten different tasks, none twice");
        User late = storage.users.insert("late@example.com", "x", "L", "", Role.ANNOTATOR);
        assertEquals(Optional.empty(), stream.next(project, late, null), "every task is held");
    }

    @Test
    void aFilteredStreamServesOnlyTheTasksTheFilterMatches() {
        long project = project("sequential", 1);
        tasks(project, 3);
        long unsure = scored(project, 0.3);
        tasks(project, 2);
        long lessSure = scored(project, 0.4);
        Object onlyUnsure = Map.of("conjunction", "and", "items", List.of(Map.of("filter",
                "filter:tasks:prediction_score", "operator", "less", "type", "Number", "value", 0.5)));
        assertEquals(unsure, stream.next(project, ann, onlyUnsure).orElseThrow().task().id());
        assertEquals(lessSure, stream.next(project, bob, onlyUnsure).orElseThrow().task().id());
        assertEquals(Optional.empty(), stream.next(project, cid, onlyUnsure), "the two matching are held");
    }

    @Test
    void aProjectWhoseStrategyIsNotInstalledIsAConflictNotAFallback() {
        long project = project("longest-text", 1);
        tasks(project, 1);
        ConflictException missing = assertThrows(ConflictException.class, () -> stream.next(project, ann, null));
        assertTrue(missing.getMessage().contains("'longest-text', which is not installed"), missing.getMessage());
        assertTrue(missing.getMessage().contains("sequential"), missing.getMessage());
        assertEquals(List.of("sequential", "uncertainty", "uniform"), List.copyOf(new java.util.TreeSet<>(
                stream.strategies().keySet())));
        assertFalse(stream.strategies().get("uncertainty").isBlank());
    }
}
