package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.gt.CompletionCondition;
import io.labelhub.dm.api.gt.CompletionField;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.GroundTruthSample;
import io.labelhub.dm.api.gt.ReviewResult;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Range;
import io.labelhub.dm.api.storage.GroundTruthStore;

/**
 * The GT Manager's store on a real Derby: the draw is reproducible by seed and one per task, marks exactly the share
 * asked for, every filter matches what an evaluation in memory of the same completions says, reset undoes it all,
 * and the task counters stay what the completions say.
 */
class GroundTruthStoreTest {

    private static final String[] LABELS = {"Cat", "Dog", "Bird"};
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private TestStorage storage;
    private final List<User> annotators = new ArrayList<>();
    private Project project;
    /** Every completion stored, as the test made it. */
    private final Map<Long, Made> made = new HashMap<>();

    /** What a completion was made with, and its reviews' balance (null: none). */
    private record Made(long id, long taskId, long author, String label, boolean skipped, double leadTime,
                        Instant createdAt, Integer balance) {
    }

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        for (int i = 0; i < 4; i++) {
            annotators.add(storage.users.insert("a" + i + "@example.com", "hash", "A", "" + i, Role.ANNOTATOR));
        }
        project = storage.projects.insert(new ProjectDraft("GT", "", "<View/>", "sequential", 1),
                annotators.get(0).id());
        Random random = new Random(7);
        User reviewer = storage.users.insert("r@example.com", "hash", "R", "R", Role.REVIEWER);
        User second = storage.users.insert("r2@example.com", "hash", "R", "2", Role.REVIEWER);
        // 150 tasks, each with two or three completions by different annotators, some skipped
        for (int t = 0; t < 150; t++) {
            List<NewCompletion> completions = new ArrayList<>();
            int count = 2 + random.nextInt(2);
            int first = random.nextInt(annotators.size());
            List<Object[]> specs = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                long author = annotators.get((first + c) % annotators.size()).id();
                boolean skipped = random.nextInt(6) == 0;
                String label = LABELS[random.nextInt(LABELS.length)];
                double lead = 1 + random.nextInt(30);
                Instant at = START.plusSeconds(86_400L * random.nextInt(20));
                completions.add(new NewCompletion(skipped ? List.of() : result(label), lead, skipped, false, author,
                        at));
                specs.add(new Object[] {author, label, skipped, lead, at});
            }
            Task task = storage.tasks.insert(project.id(), new NewTask(Map.of("text", "t" + t), null, completions,
                    List.of()), annotators.get(0).id());
            List<Completion> stored = storage.tasks.find(task.id(), true).orElseThrow().completions();
            for (int c = 0; c < stored.size(); c++) {
                Object[] spec = specs.get(c);
                Integer balance = null;
                int reviews = random.nextInt(4);
                if (reviews > 0) {
                    // one or two reviewers
                    boolean up = random.nextBoolean();
                    review(stored.get(c), reviewer, up);
                    balance = up ? 1 : -1;
                    if (reviews > 1) {
                        boolean again = random.nextBoolean();
                        review(stored.get(c), second, again);
                        balance += again ? 1 : -1;
                    }
                }
                made.put(stored.get(c).id(), new Made(stored.get(c).id(), task.id(), (Long) spec[0],
                        (String) spec[1], (Boolean) spec[2], (Double) spec[3], (Instant) spec[4], balance));
            }
        }
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static List<Map<String, Object>> result(String label) {
        return List.of(Map.of("from_name", "label", "to_name", "text", "type", "choices", "value",
                Map.of("choices", List.of(label))));
    }

    /** A reviewer's vote, as the Verify Stream stores it. */
    private void review(Completion completion, User reviewer, boolean accepted) throws SQLException {
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO review (completion_id, "
                     + "reviewer_id, task_id, project_id, accepted, comment, created_at, updated_at) "
                     + "VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")) {
            insert.setLong(1, completion.id());
            insert.setLong(2, reviewer.id());
            insert.setLong(3, completion.taskId());
            insert.setLong(4, project.id());
            insert.setBoolean(5, accepted);
            insert.setTimestamp(6, Timestamp.from(START));
            insert.setTimestamp(7, Timestamp.from(START));
            insert.executeUpdate();
        }
    }

    /** The ids of the project's ground-truth completions, checking on the way that the task counters agree. */
    private Set<Long> groundTruth() throws SQLException {
        Set<Long> marked = new TreeSet<>();
        Map<Long, Integer> perTask = new HashMap<>();
        try (Connection connection = storage.dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT c.id, c.task_id, c.ground_truth, "
                     + "c.was_cancelled FROM completion c JOIN task t ON t.id = c.task_id WHERE t.project_id = ?")) {
            select.setLong(1, project.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    perTask.merge(rows.getLong(2), rows.getBoolean(3) ? 1 : 0, Integer::sum);
                    if (rows.getBoolean(3)) {
                        assertFalse(rows.getBoolean(4), "a skipped completion is never ground truth");
                        marked.add(rows.getLong(1));
                    }
                }
            }
        }
        for (Map.Entry<Long, Integer> task : perTask.entrySet()) {
            assertTrue(task.getValue() <= 1, "task " + task.getKey() + " has " + task.getValue() + " ground truths");
            assertEquals(task.getValue() == 1, storage.tasks.find(task.getKey(), false).orElseThrow().groundTruth(),
                    "the ground_truth counter of task " + task.getKey());
        }
        return marked;
    }

    private GroundTruthSample sample(CompletionFilter filter, double percent, long seed) {
        return storage.groundTruth.sample(project.id(), filter, percent, seed);
    }

    private long eligible() {
        return made.values().stream().filter(m -> !m.skipped()).count();
    }

    @Test
    void theSameSeedDrawsTheSameCompletionsAndAnotherSeedOthers() throws SQLException {
        GroundTruthSample first = sample(CompletionFilter.ALL, 20, 42);
        assertEquals(eligible(), first.matched(), "skipped completions never match");
        assertEquals(Math.round(eligible() * 0.2), first.target());
        assertEquals(first.target(), first.marked());
        Set<Long> drawn = groundTruth();
        assertEquals(first.marked(), drawn.size());

        assertEquals(drawn.size(), storage.groundTruth.reset(project.id()));
        assertEquals(Set.of(), groundTruth());
        sample(CompletionFilter.ALL, 20, 42);
        assertEquals(drawn, groundTruth(), "seed 42 again");

        storage.groundTruth.reset(project.id());
        sample(CompletionFilter.ALL, 20, 43);
        Set<Long> other = groundTruth();
        assertEquals(drawn.size(), other.size());
        assertNotEquals(drawn, other, "seed 43 draws another sample");
    }

    @Test
    void atMostOneGroundTruthPerTaskAndNeverOnATaskThatHasOne() throws SQLException {
        Made kept = made.values().stream().filter(m -> !m.skipped()).findFirst().orElseThrow();
        storage.tasks.updateCompletion(kept.id(), new CompletionPatch(null, null, null, true));
        GroundTruthSample all = sample(CompletionFilter.ALL, 100, 1);
        long tasksWithEligible = made.values().stream().filter(m -> !m.skipped()).map(Made::taskId).distinct()
                .count();
        assertEquals(eligible(), all.target());
        assertEquals(tasksWithEligible - 1, all.marked(), "one per task, the already marked task left alone");
        Set<Long> marked = groundTruth();
        assertTrue(marked.contains(kept.id()), "the manual mark stays");
        assertEquals(tasksWithEligible, marked.size());
    }

    @Test
    void atLeastOneIsMarkedWhenAnyMatchesAndNoneForZeroPercent() throws SQLException {
        assertEquals(1, sample(CompletionFilter.ALL, 0.01, 5).marked());
        assertEquals(1, groundTruth().size());
        assertEquals(0, sample(CompletionFilter.ALL, 0, 5).marked());
        CompletionFilter nobody = filter(new CompletionCondition(CompletionField.COMPLETED_BY, Operator.EQUAL,
                999_999L));
        GroundTruthSample none = sample(nobody, 50, 5);
        assertEquals(0, none.matched());
        assertEquals(0, none.marked());
    }

    private static CompletionFilter filter(CompletionCondition... items) {
        return new CompletionFilter(false, List.of(items));
    }

    /** The filter matches what the same condition in memory matches, and the draw takes only from those. */
    private void matchesAsInMemory(CompletionFilter filter, Predicate<Made> expected) throws SQLException {
        storage.groundTruth.reset(project.id());
        Set<Long> matching = new TreeSet<>();
        made.values().stream().filter(m -> !m.skipped()).filter(expected).forEach(m -> matching.add(m.id()));
        GroundTruthSample all = sample(filter, 100, 3);
        assertEquals(matching.size(), all.matched(), filter.toString());
        Set<Long> marked = groundTruth();
        assertTrue(matching.containsAll(marked), filter + ": marked only matching completions");
        long tasks = matching.stream().map(id -> made.get(id).taskId()).distinct().count();
        assertEquals(tasks, marked.size(), filter + ": one per task that has a match");
        assertTrue(all.matched() > 0, filter + " matches something in this data");
    }

    @Test
    void filtersByAnnotatorLabelReviewLeadTimeAndDate() throws SQLException {
        long a = annotators.get(1).id();
        long b = annotators.get(2).id();
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.COMPLETED_BY, Operator.IN, List.of(a, b))),
                m -> m.author() == a || m.author() == b);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.COMPLETED_BY, Operator.NOT_EQUAL, a)),
                m -> m.author() != a);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.LABEL, Operator.CONTAINS,
                LabelMatch.of("Cat"))), m -> m.label().equals("Cat"));
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.LABEL, Operator.NOT_CONTAINS,
                new LabelMatch("Cat", "label", null))), m -> !m.label().equals("Cat"));
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.REVIEW, Operator.EQUAL,
                ReviewResult.ACCEPTED)), m -> m.balance() != null && m.balance() > 0);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.REVIEW, Operator.EQUAL,
                ReviewResult.REJECTED)), m -> m.balance() != null && m.balance() <= 0);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.REVIEW, Operator.EQUAL,
                ReviewResult.NONE)), m -> m.balance() == null);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.REVIEW, Operator.NOT_EQUAL,
                ReviewResult.ACCEPTED)), m -> m.balance() == null || m.balance() <= 0);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.LEAD_TIME, Operator.LESS, 10.0)),
                m -> m.leadTime() < 10);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.LEAD_TIME, Operator.IN,
                new Range(5.0, 12.0))), m -> m.leadTime() >= 5 && m.leadTime() <= 12);
        Instant from = START.plusSeconds(86_400L * 3);
        Instant to = START.plusSeconds(86_400L * 9);
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.CREATED_AT, Operator.IN,
                new Range(from, to))), m -> !m.createdAt().isBefore(from) && !m.createdAt().isAfter(to));
        // and: Cat by annotator a, accepted; or: either
        matchesAsInMemory(filter(new CompletionCondition(CompletionField.LABEL, Operator.CONTAINS,
                LabelMatch.of("Cat")), new CompletionCondition(CompletionField.COMPLETED_BY, Operator.EQUAL, a)),
                m -> m.label().equals("Cat") && m.author() == a);
        matchesAsInMemory(new CompletionFilter(true, List.of(new CompletionCondition(CompletionField.LABEL,
                Operator.CONTAINS, LabelMatch.of("Dog")), new CompletionCondition(CompletionField.LEAD_TIME,
                Operator.GREATER, 25.0))), m -> m.label().equals("Dog") || m.leadTime() > 25);
    }

    @Test
    void resetTurnsEveryGroundTruthBackAndCountsThem() throws SQLException {
        sample(CompletionFilter.ALL, 30, 9);
        long marked = groundTruth().size();
        assertTrue(marked > 0);
        assertEquals(marked, storage.groundTruth.reset(project.id()));
        assertEquals(Set.of(), groundTruth());
        assertEquals(0, storage.groundTruth.reset(project.id()));
    }

    @Test
    void aSkippedCompletionCannotBeGroundTruthAndAMarkMovesWithinItsTask() throws SQLException {
        Made skipped = made.values().stream().filter(Made::skipped).findFirst().orElseThrow();
        DmException refused = assertThrows(DmException.class, () -> storage.tasks.updateCompletion(skipped.id(),
                new CompletionPatch(null, null, null, true)));
        assertEquals(DmException.Kind.UNPROCESSABLE, refused.kind());
        assertTrue(refused.getMessage().contains("skipped"), refused.getMessage());
        assertThrows(DmException.class, () -> storage.tasks.insertCompletion(skipped.taskId(),
                new NewCompletion(List.of(), null, true, true), annotators.get(0).id()));

        List<Made> twins = made.values().stream().filter(m -> !m.skipped()).filter(m -> made.values().stream()
                .filter(o -> o.taskId() == m.taskId() && !o.skipped()).count() >= 2).limit(1).toList();
        Made one = twins.get(0);
        Made other = made.values().stream().filter(m -> m.taskId() == one.taskId() && m.id() != one.id()
                && !m.skipped()).findFirst().orElseThrow();
        storage.tasks.updateCompletion(one.id(), new CompletionPatch(null, null, null, true));
        storage.tasks.updateCompletion(other.id(), new CompletionPatch(null, null, null, true));
        assertEquals(Set.of(other.id()), groundTruth(), "the mark moved");
        DmException skipMarked = assertThrows(DmException.class, () -> storage.tasks.updateCompletion(other.id(),
                new CompletionPatch(null, null, true, null)));
        assertEquals(DmException.Kind.UNPROCESSABLE, skipMarked.kind());
    }

    @Test
    void authorsCountCompletionsSkipsLeadTimesAndReviews() {
        List<GroundTruthStore.AuthorFigures> authors = storage.groundTruth.authors(project.id());
        assertEquals(annotators.size(), authors.size());
        for (GroundTruthStore.AuthorFigures figures : authors) {
            List<Made> theirs = made.values().stream().filter(m -> m.author() == figures.user()).toList();
            assertEquals(theirs.stream().filter(m -> !m.skipped()).count(), figures.completions());
            assertEquals(theirs.stream().filter(Made::skipped).count(), figures.skipped());
            assertEquals(theirs.stream().filter(m -> !m.skipped()).mapToDouble(Made::leadTime).average()
                    .orElseThrow(), figures.meanLeadTime(), 1e-9);
        }
        long reviews = authors.stream().mapToLong(f -> f.reviewsUp() + f.reviewsDown()).sum();
        assertTrue(reviews > 0);
    }

    @Test
    void comparisonsPairEachGroundTruthWithTheOtherCompletionsOfItsTask() {
        sample(CompletionFilter.ALL, 100, 11);
        List<GroundTruthStore.Comparison> pairs = new ArrayList<>();
        storage.groundTruth.comparisons(project.id(), pairs::add);
        long expected = 0;
        Set<Long> tasks = new TreeSet<>();
        made.values().stream().filter(m -> !m.skipped()).forEach(m -> tasks.add(m.taskId()));
        for (long task : tasks) {
            expected += made.values().stream().filter(m -> m.taskId() == task && !m.skipped()).count() - 1;
        }
        assertEquals(expected, pairs.size());
        assertTrue(pairs.stream().allMatch(p -> p.groundTruth().size() == 1 && p.result().size() == 1));
    }
}
