package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * Ground truth over HTTP on the booted distribution, as a project manager works with it: marking, moving and
 * unmarking a task's ground truth, a skipped completion refused, the GT Manager's sample (the same seed twice gives
 * the same completions, only those the filter matches) and reset, each annotator's figures against values worked out
 * by hand, and who may do it. Reviews are written into the database directly, as the Verify Stream will.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GroundTruthIT {

    private static final Readiness READINESS = new Readiness();
    private static final String PASSWORD = "ground-truth-password-1";

    @Inject
    private BundleContext context;

    private Api admin;
    private static String server;
    private Api manager;
    private Api reviewer;
    private Api annotator;
    private Api outsider;
    private long first;
    private long second;
    private long reviewerId;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void world() {
        int port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
        server = anonymous.serverId();
        String run = Long.toString(System.nanoTime(), 36);
        manager = user(anonymous, "manager", run);
        reviewer = user(anonymous, "reviewer", run);
        annotator = user(anonymous, "annotator", run);
        outsider = user(anonymous, "manager", run + "-out");
        first = annotator.get("current-user").id();
        second = user(anonymous, "annotator", run + "-2").get("current-user").id();
        reviewerId = reviewer.get("current-user").id();
    }

    private Api user(Api anonymous, String role, String run) {
        String email = role + "-" + run + "@gt.test";
        Reply made = admin.post("users", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\""
                + role + "\"}");
        assertEquals(made.raw(), 201, made.status());
        return anonymous.basic(email, PASSWORD);
    }

    private long project(String title) {
        Reply made = manager.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(made.raw(), 201, made.status());
        for (Map.Entry<Long, String> member : Map.of(reviewerId, "reviewer", first, "annotator", second, "annotator")
                .entrySet()) {
            Reply joined = manager.post("projects/" + made.id() + "/members", "{\"user\":" + member.getKey()
                    + ",\"role\":\"" + member.getValue() + "\"}");
            assertEquals(joined.raw(), 201, joined.status());
        }
        return made.id();
    }

    private static String completion(long by, String label, double leadTime, boolean skipped) {
        return "{\"result\":[" + (skipped ? "" : Api.choice(label)) + "]," + Api.author(by, server) + ",\"lead_time\":"
                + leadTime + ",\"was_cancelled\":" + skipped + "}";
    }

    /** Imports tasks, each with the given completions; answers the tasks, each with its completions in order. */
    private List<JsonNode> tasks(long project, List<String> completions) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < completions.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"data\":{\"text\":\"task ").append(i)
                    .append("\"},\"completions\":[").append(completions.get(i)).append("]}");
        }
        Reply imported = manager.post("projects/" + project + "/import", body.append("]").toString());
        assertEquals(imported.raw(), 201, imported.status());
        List<JsonNode> tasks = new ArrayList<>();
        manager.get("projects/" + project + "/tasks?page_size=1000&fields=id").json("tasks")
                .forEach(row -> tasks.add(manager.get("tasks/" + row.get("id").asLong()).body()));
        return tasks;
    }

    private static long completionOf(JsonNode task, int index) {
        return task.get("completions").get(index).get("id").asLong();
    }

    private boolean taskIsGroundTruth(JsonNode task) {
        return manager.get("tasks/" + task.get("id").asLong()).json("ground_truth").asBoolean();
    }

    @Test
    public void aManagerMarksMovesAndUnmarksTheOneGroundTruthOfATaskButNeverASkip() {
        long project = project("Marks");
        List<JsonNode> tasks = tasks(project, List.of(completion(first, "Cat", 2, false) + ","
                + completion(second, "Dog", 3, false) + "," + completion(second, "Dog", 1, true)));
        JsonNode task = tasks.get(0);
        long a = completionOf(task, 0);
        long b = completionOf(task, 1);
        long skipped = completionOf(task, 2);

        Reply marked = manager.post("completions/" + a + "/ground-truth", "");
        assertEquals(marked.raw(), 200, marked.status());
        assertTrue(marked.json("ground_truth").asBoolean());
        assertTrue(taskIsGroundTruth(task));

        Reply moved = manager.post("completions/" + b + "/ground-truth", "");
        assertEquals(moved.raw(), 200, moved.status());
        assertFalse("the mark moved off the first", manager.get("completions/" + a).json("ground_truth").asBoolean());
        assertTrue(manager.get("completions/" + b).json("ground_truth").asBoolean());
        assertTrue(taskIsGroundTruth(task));

        Reply refused = manager.post("completions/" + skipped + "/ground-truth", "");
        assertEquals(refused.raw(), 422, refused.status());
        assertEquals("skipped completion", refused.json("error").asText());
        assertTrue(refused.raw(), refused.json("detail").asText().contains("cannot be ground truth"));
        Reply patched = manager.patch("completions/" + skipped, "{\"ground_truth\":true}");
        assertEquals("PATCH keeps the same rule", 422, patched.status());
        assertTrue("b keeps the mark", manager.get("completions/" + b).json("ground_truth").asBoolean());

        Reply unmarked = manager.delete("completions/" + b + "/ground-truth");
        assertEquals(unmarked.raw(), 200, unmarked.status());
        assertFalse(unmarked.json("ground_truth").asBoolean());
        assertFalse(taskIsGroundTruth(task));
        assertEquals(404, manager.post("completions/999999999/ground-truth", "").status());
    }

    /** The completion ids marked as ground truth in the project, checking one per task on the way. */
    private Set<Long> groundTruth(List<JsonNode> tasks) {
        Set<Long> marked = new TreeSet<>();
        for (JsonNode task : tasks) {
            JsonNode now = manager.get("tasks/" + task.get("id").asLong()).body();
            int count = 0;
            for (JsonNode completion : now.get("completions")) {
                if (completion.get("ground_truth").asBoolean()) {
                    marked.add(completion.get("id").asLong());
                    count++;
                }
            }
            assertTrue("one per task", count <= 1);
            assertEquals("the task's ground_truth", count == 1, now.get("ground_truth").asBoolean());
        }
        return marked;
    }

    @Test
    public void theGtManagerSamplesTheSameCompletionsForTheSameSeedAndResetsThem() {
        long project = project("Sampler");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            made.add(completion(first, i % 3 == 0 ? "Dog" : "Cat", i, false) + ","
                    + completion(second, "Cat", i, i % 4 == 0));
        }
        List<JsonNode> tasks = tasks(project, made);
        Map<Long, JsonNode> byId = new TreeMap<>();
        tasks.forEach(t -> t.get("completions").forEach(c -> byId.put(c.get("id").asLong(), c)));
        String sample = "{\"filters\":{\"conjunction\":\"and\",\"items\":["
                + "{\"filter\":\"completed_by\",\"operator\":\"in\",\"value\":[" + first + "]},"
                + "{\"filter\":\"label\",\"operator\":\"contains\",\"value\":\"Cat\"}]},\"percent\":50,\"seed\":";
        // a dry run tells how many it would mark, and marks none
        Reply preview = manager.post("projects/" + project + "/ground-truth/sample", sample + "123,\"dry_run\":true}");
        assertEquals(preview.raw(), 200, preview.status());
        assertEquals(26, preview.json("matched").asLong());
        assertEquals(13, preview.json("marked").asLong());
        assertEquals(Set.of(), groundTruth(tasks));
        Reply notBoolean = manager.post("projects/" + project + "/ground-truth/sample", sample
                + "123,\"dry_run\":\"yes\"}");
        assertEquals(notBoolean.raw(), 400, notBoolean.status());
        assertTrue(notBoolean.raw(), notBoolean.json("detail").asText().startsWith("dry_run must be true or false"));
        Reply drawn = manager.post("projects/" + project + "/ground-truth/sample", sample + "123}");
        assertEquals(drawn.raw(), 200, drawn.status());
        // the first annotator's Cats: i % 3 != 0 among 0..39, 26 of them; half is 13
        assertEquals(26, drawn.json("matched").asLong());
        assertEquals(13, drawn.json("marked").asLong());
        assertEquals(123, drawn.json("seed").asLong());
        Set<Long> once = groundTruth(tasks);
        assertEquals(13, once.size());
        for (long id : once) {
            JsonNode completion = byId.get(id);
            assertEquals(first, completion.get("completed_by").asLong());
            assertEquals("Cat", completion.at("/result/0/value/choices/0").asText());
        }

        Reply reset = manager.post("projects/" + project + "/ground-truth/reset", "");
        assertEquals(reset.raw(), 200, reset.status());
        assertEquals(13, reset.json("reset").asLong());
        assertEquals(Set.of(), groundTruth(tasks));

        assertEquals(200, manager.post("projects/" + project + "/ground-truth/sample", sample + "123}").status());
        assertEquals("seed 123 again", once, groundTruth(tasks));
        manager.post("projects/" + project + "/ground-truth/reset", "");
        assertEquals(200, manager.post("projects/" + project + "/ground-truth/sample", sample + "124}").status());
        assertNotEquals("another seed", once, groundTruth(tasks));

        // skipped completions never match: the second annotator has 30 completions that were not skipped
        manager.post("projects/" + project + "/ground-truth/reset", "");
        Reply theirs = manager.post("projects/" + project + "/ground-truth/sample", "{\"filters\":{\"items\":["
                + "{\"filter\":\"completed_by\",\"operator\":\"equal\",\"value\":" + second + "}]},\"percent\":10}");
        assertEquals(30, theirs.json("matched").asLong());
        assertEquals(3, theirs.json("marked").asLong());
        assertTrue("a seed is drawn and answered", theirs.json("seed").asLong() != 0);

        Reply bad = manager.post("projects/" + project + "/ground-truth/sample", "{\"filters\":{\"items\":["
                + "{\"filter\":\"label\",\"operator\":\"contains\",\"value\":\"Cat\"},"
                + "{\"filter\":\"review\",\"operator\":\"equal\",\"value\":\"maybe\"}]},\"percent\":10}");
        assertEquals(bad.raw(), 400, bad.status());
        assertTrue(bad.raw(), bad.json("detail").asText().startsWith("items[1] (review): value must be one of"));
        Reply tooMuch = manager.post("projects/" + project + "/ground-truth/sample", "{\"percent\":150}");
        assertEquals(tooMuch.raw(), 400, tooMuch.status());
        assertTrue(tooMuch.raw(), tooMuch.raw().contains("percent"));
    }

    private void review(JsonNode task, int completion, boolean accepted) throws Exception {
        ServiceReference<?>[] sources = context.getServiceReferences(DataSource.class.getName(),
                "(dataSourceName=labelhub)");
        DataSource dataSource = (DataSource) context.getService(sources[0]);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO review (completion_id, "
                     + "reviewer_id, task_id, project_id, accepted, comment, created_at, updated_at) "
                     + "VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")) {
            insert.setLong(1, completionOf(task, completion));
            insert.setLong(2, reviewerId);
            insert.setLong(3, task.get("id").asLong());
            insert.setLong(4, task.get("project").asLong());
            insert.setBoolean(5, accepted);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } finally {
            context.ungetService(sources[0]);
        }
    }

    @Test
    public void eachAnnotatorsFiguresAreWhatTheyComeToByHand() throws Exception {
        long project = project("Accuracy");
        List<JsonNode> tasks = tasks(project, List.of(
                completion(first, "Cat", 2, false) + "," + completion(second, "Cat", 4, false),
                completion(first, "Dog", 6, false) + "," + completion(second, "Cat", 8, false),
                completion(first, "Cat", 10, false) + "," + completion(second, "Dog", 2, false),
                completion(first, "Dog", 4, false) + "," + completion(second, "Dog", 1, true)));
        // ground truth: the first annotator's on tasks 1 and 2, the second's on task 3
        for (long gt : List.of(completionOf(tasks.get(0), 0), completionOf(tasks.get(1), 0),
                completionOf(tasks.get(2), 1))) {
            assertEquals(200, manager.post("completions/" + gt + "/ground-truth", "").status());
        }
        review(tasks.get(0), 0, true);
        review(tasks.get(1), 0, false);
        review(tasks.get(0), 1, true);

        Reply figures = reviewer.get("projects/" + project + "/annotators");
        assertEquals(figures.raw(), 200, figures.status());
        assertEquals("default", figures.json("measure").asText());
        assertTrue(figures.raw(), figures.json("measures").has("default"));
        Map<Long, JsonNode> byUser = new TreeMap<>();
        figures.json("annotators").forEach(a -> byUser.put(a.get("user").asLong(), a));
        assertEquals(Set.of(first, second), byUser.keySet());

        JsonNode one = byUser.get(first);
        assertEquals(4, one.get("completions").asLong());
        assertEquals(0, one.get("skipped").asLong());
        assertEquals((2 + 6 + 10 + 4) / 4.0, one.get("mean_lead_time").asDouble(), 1e-9);
        assertEquals(1, one.get("reviews_up").asLong());
        assertEquals(1, one.get("reviews_down").asLong());
        // compared on task 3 only (their own ground truths are not compared with themselves): Cat vs Dog
        assertEquals(1, one.get("ground_truth_compared").asLong());
        assertEquals(0.0, one.get("agreement").asDouble(), 1e-9);

        JsonNode two = byUser.get(second);
        assertEquals(3, two.get("completions").asLong());
        assertEquals(1, two.get("skipped").asLong());
        assertEquals((4 + 8 + 2) / 3.0, two.get("mean_lead_time").asDouble(), 1e-9);
        assertEquals(1, two.get("reviews_up").asLong());
        assertEquals(0, two.get("reviews_down").asLong());
        // task 1: Cat = Cat, task 2: Cat vs Dog; task 4's skip is not compared
        assertEquals(2, two.get("ground_truth_compared").asLong());
        assertEquals(0.5, two.get("agreement").asDouble(), 1e-9);

        Reply unknown = manager.get("projects/" + project + "/annotators?measure=kappa");
        assertEquals(unknown.raw(), 400, unknown.status());
        assertTrue(unknown.raw(), unknown.raw().contains("kappa"));
    }

    @Test
    public void onlyManagersMarkAndSampleReviewersReadTheFiguresAndOutsidersSeeNothing() {
        long project = project("Roles");
        List<JsonNode> tasks = tasks(project, List.of(completion(first, "Cat", 2, false)));
        long completion = completionOf(tasks.get(0), 0);

        Reply byAnnotator = annotator.post("completions/" + completion + "/ground-truth", "");
        assertEquals(byAnnotator.raw(), 403, byAnnotator.status());
        assertTrue(byAnnotator.raw(), byAnnotator.json("detail").asText().contains("manager role"));
        Reply byReviewer = reviewer.post("projects/" + project + "/ground-truth/sample", "{\"percent\":10}");
        assertEquals(byReviewer.raw(), 403, byReviewer.status());
        assertTrue(byReviewer.raw(), byReviewer.json("detail").asText().contains("manager role"));
        Reply figures = annotator.get("projects/" + project + "/annotators");
        assertEquals(figures.raw(), 403, figures.status());
        assertTrue(figures.raw(), figures.json("detail").asText().contains("reviewer role"));
        assertEquals(200, reviewer.get("projects/" + project + "/annotators").status());

        assertEquals(404, outsider.post("completions/" + completion + "/ground-truth", "").status());
        assertEquals(404, outsider.post("projects/" + project + "/ground-truth/sample", "{\"percent\":10}").status());
        assertEquals(404, outsider.post("projects/" + project + "/ground-truth/reset", "").status());
        assertEquals(404, outsider.get("projects/" + project + "/annotators").status());
        assertFalse("nothing was marked", taskIsGroundTruth(tasks.get(0)));
    }
}
