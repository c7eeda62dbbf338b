package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * The Verify Stream over HTTP on the booted distribution: ten reviewers at once work through a project's completions
 * until none is left to each; every completion then has exactly one review by each reviewer who was not its
 * author, and every task's counters equal its votes. Then what a reviewer sees of one completion, its votes, and
 * what deleting it does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReviewIT {

    private static final Readiness READINESS = new Readiness();
    private static final int REVIEWERS = 10;
    private static final int ANNOTATORS = 3;
    private static final int TASKS = 24;
    private static final String PASSWORD = "review-password-1";

    private Api admin;
    private static String server;
    private int port;
    private final String run = Long.toString(System.nanoTime(), 36);

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "sampling-strategies");
        server = anonymous.serverId();
    }

    private static long created(Reply reply) {
        assertTrue(reply.raw(), reply.status() == 201);
        return reply.id();
    }

    private long project(String title) {
        return created(admin.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}"));
    }

    /** A user in the project with that role; answers their id. */
    private long member(long project, String name, String role) {
        String email = name + "-" + run + "@review.test";
        long id = created(admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"}"));
        assertEquals(201, admin.post("projects/" + project + "/members", "{\"user\":" + id + ",\"role\":\"" + role
                + "\"}").status());
        return id;
    }

    private Api as(String name) {
        return Api.at(port).basic(name + "-" + run + "@review.test", PASSWORD);
    }

    @Test
    public void tenReviewersReviewEveryCompletionOnceEachAndTheCountersStayExact() throws Exception {
        long project = project("Verify");
        List<Long> annotators = new ArrayList<>();
        for (int a = 0; a < ANNOTATORS; a++) {
            annotators.add(member(project, "annotator" + a, "annotator"));
        }
        List<Long> reviewers = new ArrayList<>();
        for (int r = 0; r < REVIEWERS; r++) {
            reviewers.add(member(project, "reviewer" + r, "reviewer"));
        }
        // two completions per task by two annotators, every fifth task also a skip by the third (never served);
        // reviewer 0 is also the author of the second completion of every sixth task (never served to them)
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < TASKS; i++) {
            long first = annotators.get(i % ANNOTATORS);
            long second = i % 6 == 0 ? reviewers.get(0) : annotators.get((i + 1) % ANNOTATORS);
            tasks.append(i == 0 ? "" : ",").append("{\"data\":{\"text\":\"task ").append(i)
                    .append("\"},\"annotations\":[").append(completion(first, false)).append(',')
                    .append(completion(second, false));
            if (i % 5 == 0) {
                tasks.append(',').append(completion(annotators.get((i + 2) % ANNOTATORS), true));
            }
            tasks.append("]}");
        }
        assertEquals(201, admin.post("projects/" + project + "/import", tasks.append("]").toString()).status());
        Map<Long, Long> authors = new HashMap<>();
        Set<Long> skips = new HashSet<>();
        for (JsonNode row : admin.get("projects/" + project + "/tasks?fields=id&page_size=100").body().get("tasks")) {
            for (JsonNode c : admin.get("tasks/" + row.get("id").asLong()).body().get("completions")) {
                authors.put(c.get("id").asLong(), c.get("completed_by").asLong());
                if (c.get("was_cancelled").asBoolean()) {
                    skips.add(c.get("id").asLong());
                }
            }
        }
        assertEquals(TASKS * 2 + (TASKS + 4) / 5, authors.size());

        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Set<Long>> reviewed = new ConcurrentHashMap<>();
        Map<Long, Boolean> votes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(REVIEWERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < REVIEWERS; r++) {
                int who = r;
                running.add(pool.submit(() -> review(as("reviewer" + who), reviewers.get(who), project, reviewed,
                        votes, wrong)));
            }
            for (Future<?> reviewer : running) {
                reviewer.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.size() + " wrong answers: " + wrong.stream().limit(10).toList(), wrong.isEmpty());

        // each reviewer reviewed every completion that was neither skipped nor theirs, once
        for (int r = 0; r < REVIEWERS; r++) {
            long reviewer = reviewers.get(r);
            Set<Long> expected = new HashSet<>();
            authors.forEach((completion, author) -> {
                if (!skips.contains(completion) && author != reviewer) {
                    expected.add(completion);
                }
            });
            assertEquals("reviewer " + r, expected, reviewed.get(reviewer));
        }
        // the counters are the votes; every completion lists one review per reviewer
        int up = 0;
        int down = 0;
        for (JsonNode row : admin.get("projects/" + project + "/tasks?fields=id&page_size=100").body().get("tasks")) {
            JsonNode task = admin.get("tasks/" + row.get("id").asLong()).body();
            int taskUp = 0;
            int taskDown = 0;
            for (JsonNode c : task.get("completions")) {
                Set<Long> by = new HashSet<>();
                for (JsonNode review : c.get("reviews")) {
                    assertTrue("one review per reviewer: " + c, by.add(review.get("reviewer").asLong()));
                    boolean accepted = review.get("accepted").asBoolean();
                    assertEquals(votes.get(key(c.get("id").asLong(), review.get("reviewer").asLong())), accepted);
                    taskUp += accepted ? 1 : 0;
                    taskDown += accepted ? 0 : 1;
                }
                long author = c.get("completed_by").asLong();
                int expected = c.get("was_cancelled").asBoolean() ? 0
                        : REVIEWERS - (reviewers.contains(author) ? 1 : 0);
                assertEquals("reviews of " + c.get("id"), expected, by.size());
            }
            assertEquals("reviews_up of " + task.get("id"), taskUp, task.get("reviews_up").asInt());
            assertEquals("reviews_down of " + task.get("id"), taskDown, task.get("reviews_down").asInt());
            up += taskUp;
            down += taskDown;
        }
        JsonNode found = admin.get("projects/" + project + "/tasks/found").body();
        assertEquals(up, found.get("reviews_up").asInt());
        assertEquals(down, found.get("reviews_down").asInt());
        assertEquals(votes.size(), up + down);
    }

    private static String completion(long author, boolean skipped) {
        return "{" + Api.author(author, server) + ",\"was_cancelled\":" + skipped + ",\"result\":["
                + (skipped ? "" : Api.choice("Cat")) + "]}";
    }

    private static Long key(long completion, long reviewer) {
        return completion * 1_000_000 + reviewer;
    }

    /**
     * One reviewer: pull, ask again (must be the same), vote (up on even completion ids, down on odd), until the
     * stream has nothing more for them.
     */
    private void review(Api reviewer, long reviewerId, long project, Map<Long, Set<Long>> reviewed,
                        Map<Long, Boolean> votes, List<String> wrong) {
        Set<Long> mine = reviewed.computeIfAbsent(reviewerId, k -> ConcurrentHashMap.newKeySet());
        for (int pulled = 0; pulled < 200; pulled++) {
            Reply next = reviewer.get("projects/" + project + "/verify/next");
            if (next.status() == 404) {
                if (!next.raw().contains("no more completions")) {
                    wrong.add("404 without its reason: " + next.raw());
                }
                return;
            }
            if (next.status() != 200) {
                wrong.add("next " + next.status() + " " + next.raw());
                return;
            }
            long completion = next.body().get("completion").get("id").asLong();
            if (!mine.add(completion)) {
                wrong.add("reviewer " + reviewerId + " got completion " + completion + " again after voting");
                return;
            }
            if (!next.body().get("task").get("completions").isEmpty()) {
                wrong.add("the stream showed the task's other completions: " + next.raw());
            }
            Reply again = reviewer.get("projects/" + project + "/verify/next");
            if (again.status() != 200 || again.body().get("completion").get("id").asLong() != completion) {
                wrong.add("asking again gave " + again.raw() + " instead of completion " + completion);
            }
            boolean accepted = completion % 2 == 0;
            Reply vote = reviewer.post("completions/" + completion + "/reviews", "{\"accepted\":" + accepted + "}");
            if (vote.status() != 201) {
                wrong.add("vote on " + completion + " by " + reviewerId + ": " + vote.status() + " " + vote.raw());
                return;
            }
            votes.put(key(completion, reviewerId), accepted);
        }
        wrong.add("reviewer " + reviewerId + " never ran out of completions");
    }

    @Test
    public void aReviewerVotesOnceChangesTheVoteAndDeletingTheCompletionTakesItsReviews() {
        long project = project("One completion");
        member(project, "ann", "annotator");
        member(project, "rev", "reviewer");
        member(project, "ray", "reviewer");
        long task = created(admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"a cat\"}}"));
        // the annotator's completion comes through the Label Stream
        assertEquals(task, as("ann").get("projects/" + project + "/next").body().get("task").get("id").asLong());
        long completion = created(as("ann").post("tasks/" + task + "/completions", "{\"result\":["
                + Api.choice("Cat") + "]}"));

        Reply handed = as("rev").get("projects/" + project + "/verify/next");
        assertEquals(handed.raw(), completion, handed.body().get("completion").get("id").asLong());
        assertEquals(task, handed.body().get("task").get("id").asLong());
        assertEquals("a cat", handed.body().get("task").get("data").get("text").asText());
        assertTrue(handed.raw(), handed.body().hasNonNull("held_until"));

        Reply bad = as("rev").post("completions/" + completion + "/reviews", "{\"accepted\":\"yes\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.raw(), bad.raw().contains("accepted"));
        Reply unknown = as("rev").post("completions/" + completion + "/reviews", "{\"accepted\":true,\"stars\":5}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.raw(), unknown.raw().contains("stars"));
        Reply byAnnotator = as("ann").post("completions/" + completion + "/reviews", "{\"accepted\":true}");
        assertEquals(403, byAnnotator.status());
        assertTrue(byAnnotator.raw(), byAnnotator.raw().contains("reviewer role"));

        Reply first = as("rev").post("completions/" + completion + "/reviews",
                "{\"accepted\":true,\"comment\":\"clearly a cat\"}");
        assertEquals(first.raw(), 201, first.status());
        assertEquals(404, as("rev").get("projects/" + project + "/verify/next").status());
        Reply changed = as("rev").post("completions/" + completion + "/reviews", "{\"accepted\":false}");
        assertEquals(changed.raw(), 200, changed.status());
        assertFalse(changed.body().get("accepted").asBoolean());
        assertEquals(201, as("ray").post("completions/" + completion + "/reviews", "{\"accepted\":true}").status());

        JsonNode read = admin.get("tasks/" + task).body();
        assertEquals(1, read.get("reviews_up").asInt());
        assertEquals(1, read.get("reviews_down").asInt());
        JsonNode reviews = read.get("completions").get(0).get("reviews");
        assertEquals(reviews.toString(), 2, reviews.size());
        // the author reads the reviews of their own completion
        Reply own = as("ann").get("completions/" + completion + "/reviews");
        assertEquals(own.raw(), 200, own.status());
        assertEquals(2, own.body().get("reviews").size());
        JsonNode reviewers = admin.get("projects/" + project + "/tasks?fields=id,reviewers").body().get("tasks")
                .get(0).get("reviewers");
        assertEquals(reviewers.toString(), 2, reviewers.size());
        String byRev = "{\"conjunction\":\"and\",\"items\":[{\"filter\":\"filter:tasks:reviews_down\","
                + "\"operator\":\"greater\",\"type\":\"Number\",\"value\":0}]}";
        assertEquals(1, admin.post("projects/" + project + "/tasks/query", "{\"filters\":" + byRev + "}").body()
                .get("total").asInt());

        assertEquals(204, admin.delete("completions/" + completion).status());
        JsonNode after = admin.get("tasks/" + task).body();
        assertEquals(0, after.get("reviews_up").asInt());
        assertEquals(0, after.get("reviews_down").asInt());
        assertEquals(404, as("ray").get("completions/" + completion + "/reviews").status());
        assertEquals(404, as("ray").get("projects/" + project + "/verify/next").status());
    }

    @Test
    public void ownAndSkippedCompletionsAreNotReviewedAndOutsidersSeeNothing() {
        long project = project("Rules");
        // room for the annotator after the reviewer's completion
        assertEquals(200, admin.patch("projects/" + project, "{\"overlap\":2}").status());
        member(project, "rita", "reviewer");
        member(project, "anna", "annotator");
        long task = created(admin.post("projects/" + project + "/tasks", "{\"data\":{\"text\":\"x\"}}"));
        long own = created(as("rita").post("tasks/" + task + "/completions", "{\"result\":[" + Api.choice("Dog")
                + "]}"));
        assertEquals(task, as("anna").get("projects/" + project + "/next").body().get("task").get("id").asLong());
        long skip = created(as("anna").post("tasks/" + task + "/skip", ""));

        assertEquals(404, as("rita").get("projects/" + project + "/verify/next").status());
        Reply mine = as("rita").post("completions/" + own + "/reviews", "{\"accepted\":true}");
        assertEquals(409, mine.status());
        assertTrue(mine.raw(), mine.raw().contains("yours"));
        Reply skipped = admin.post("completions/" + skip + "/reviews", "{\"accepted\":true}");
        assertEquals(409, skipped.status());
        assertTrue(skipped.raw(), skipped.raw().contains("skipped"));

        long other = project("Elsewhere");
        member(other, "otto", "reviewer");
        Reply outsider = as("otto").post("completions/" + own + "/reviews", "{\"accepted\":true}");
        assertEquals(404, outsider.status());
        assertTrue(outsider.raw(), outsider.raw().contains("completion " + own + " does not exist"));
        assertEquals(404, as("otto").get("projects/" + project + "/verify/next").status());
    }
}
