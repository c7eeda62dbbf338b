package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.itests.Api.Reply;

/**
 * The Data Manager over real HTTP: filters, ordering and paging, the Found totals, saved views, bulk actions,
 * statistics and filtered exports, each checked against a small project whose answers are known by heart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataManagerIT {

    private static final Readiness READINESS = new Readiness();

    /** The texts of the imported tasks; task n of the fixture is {@code TEXTS[n]}. */
    private static final String[] TEXTS = {"a cat on a mat", "two cats", "cat or dog?", "kitten", "puppy", "hound",
        "three opinions", "Foo fighters", "skipped by the admin", "a dog predicted to be a cat", "nobody looked",
        "cat food"};
    private static final List<String> FULL_ROW = List.of("id", "completions", "skipped", "predictions",
            "prediction_score", "annotators", "reviewers", "completion_results", "prediction_results", "reviews_up",
            "reviews_down", "ground_truth", "created_at", "updated_at", "completed_at", "lead_time", "data");

    private Api anonymous;
    private Api admin;
    private static String server;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
        server = anonymous.serverId();
    }

    /** A project of the fixture: the admin's and the annotator's user ids, and the task ids by fixture index. */
    private record Pets(long project, long admin, long annotator, long[] ids) {

        List<Long> tasks(int... indexes) {
            List<Long> tasks = new ArrayList<>();
            for (int index : indexes) {
                tasks.add(ids[index]);
            }
            return tasks;
        }
    }

    /**
     * Twelve tasks with overlap 2, labelled by the admin (A) and a second annotator (B):
     * <pre>
     *  0 A:Cat              4 B:Dog                     8 A:skipped, B:Dog
     *  1 A:Cat, B:Cat       5 A:Dog                     9 B:Dog, predicted Cat (0.8)
     *  2 A:Dog, B:Cat       6 A:Cat, B:Dog, B:Cat      10 nothing, predicted Dog (0.4)
     *  3 B:Cat              7 nothing ("Foo fighters") 11 A:Cat, ground truth ("cat food")
     * </pre>
     * Completions of tasks 0-5 were made on 2024-05-01, the others on 2024-05-02.
     */
    private Pets pets() {
        long me = admin.get("current-user").id();
        Reply user = admin.post("users", "{\"email\":\"dm" + System.nanoTime() + "@itest.local\","
                + "\"password\":\"annotator-pw\",\"role\":\"annotator\"}");
        assertEquals(user.raw(), 201, user.status());
        long other = user.id();
        long project = project("Pets DM", 2);

        String first = "2024-05-01";
        String second = "2024-05-02";
        List<String> tasks = List.of(
                task(0, completion(me, "Cat", first)),
                task(1, completion(me, "Cat", first) + "," + completion(other, "Cat", first)),
                task(2, completion(me, "Dog", first) + "," + completion(other, "Cat", first)),
                task(3, completion(other, "Cat", first)),
                task(4, completion(other, "Dog", first)),
                task(5, completion(me, "Dog", first)),
                task(6, completion(me, "Cat", second) + "," + completion(other, "Dog", second) + ","
                        + completion(other, "Cat", second)),
                task(7, ""),
                task(8, "{\"result\":[],\"was_cancelled\":true," + Api.author(me, server) + "},"
                        + completion(other, "Dog", second)),
                task(9, completion(other, "Dog", second), prediction("Cat", 0.8)),
                task(10, "", prediction("Dog", 0.4)),
                task(11, completion(me, "Cat", second, ",\"ground_truth\":true")));
        Reply imported = admin.post("projects/" + project + "/import", "[" + String.join(",", tasks) + "]");
        assertEquals(imported.raw(), 201, imported.status());
        assertEquals(12, imported.json("task_count").asInt());
        assertEquals(15, imported.json("completion_count").asInt());

        Map<String, Long> byText = new HashMap<>();
        admin.get("projects/" + project + "/tasks?fields=data.text").json("tasks")
                .forEach(row -> byText.put(row.at("/data/text").asText(), row.get("id").asLong()));
        long[] ids = new long[TEXTS.length];
        for (int i = 0; i < TEXTS.length; i++) {
            ids[i] = byText.get(TEXTS[i]);
            assertTrue("tasks keep the order of the imported file", i == 0 || ids[i] > ids[i - 1]);
        }
        return new Pets(project, me, other, ids);
    }

    private long project(String title, int overlap) {
        Reply created = admin.post("projects", "{\"title\":\"" + title + "\",\"overlap\":" + overlap
                + ",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private static String task(int index, String completions, String... predictions) {
        return "{\"data\":{\"text\":\"" + TEXTS[index] + "\"},\"completions\":[" + completions + "],"
                + "\"predictions\":[" + String.join(",", predictions) + "]}";
    }

    private static String completion(long author, String label, String day) {
        return completion(author, label, day, "");
    }

    /** A completion of one choice; {@code more} adds fields ({@code ,"ground_truth":true}). */
    private static String completion(long author, String label, String day, String more) {
        return "{\"result\":[" + Api.choice(label) + "]," + Api.author(author, server) + ",\"created_at\":\"" + day
                + "T12:00:00Z\"" + more + "}";
    }

    private static String prediction(String label, double score) {
        return "{\"result\":[" + Api.choice(label) + "],\"score\":" + score + "}";
    }

    /** One filter item in Label Studio's shape; {@code value} is JSON. */
    private static String item(String column, String operator, String type, String value) {
        return "{\"filter\":\"filter:tasks:" + column + "\",\"operator\":\"" + operator + "\",\"type\":\"" + type
                + "\",\"value\":" + value + "}";
    }

    private static String and(String... items) {
        return "{\"conjunction\":\"and\",\"items\":[" + String.join(",", items) + "]}";
    }

    private static String or(String... items) {
        return "{\"conjunction\":\"or\",\"items\":[" + String.join(",", items) + "]}";
    }

    private static String json(String text) {
        return Api.JSON.valueToTree(text).toString();
    }

    private static String labelIs(String label) {
        return item("completion_results", "contains", "List", json(label));
    }

    private static String annotatorIs(long user) {
        return item("annotators", "contains", "List", String.valueOf(user));
    }

    private static String textContains(String text) {
        return item("data.text", "contains", "String", json(text));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** {@code GET …/tasks?filters=…} plus further parameters ({@code &page=2}). */
    private Reply table(Pets pets, String filter, String parameters) {
        return admin.get("projects/" + pets.project() + "/tasks?filters=" + encode(filter) + parameters);
    }

    private Reply found(Pets pets, String filter) {
        return admin.get("projects/" + pets.project() + "/tasks/found?filters=" + encode(filter));
    }

    private static List<Long> ids(Reply table) {
        assertEquals(table.raw(), 200, table.status());
        List<Long> ids = new ArrayList<>();
        table.json("tasks").forEach(row -> ids.add(row.get("id").asLong()));
        return ids;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode tree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Pax Exam reports only the root cause of a failure: the answer goes in a message without a cause
            throw new AssertionError("not JSON (" + e.getOriginalMessage() + "): " + json);
        }
    }

    /** Totals as the answer spells them: tasks, completions, skipped, predictions, reviews up/down, ground truth. */
    private static void assertTotals(JsonNode totals, long... expected) {
        List<String> names = List.of("tasks", "completions", "skipped", "predictions", "reviews_up", "reviews_down",
                "ground_truth");
        assertEquals(totals.toString(), names, keys(totals));
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i) + " in " + totals, expected[i], totals.get(names.get(i)).asLong());
        }
    }

    /** A 400 with the given error whose detail holds every fragment. */
    private static void assertRefused(Reply reply, String error, String... fragments) {
        assertEquals(reply.raw(), 400, reply.status());
        assertEquals(reply.raw(), error, reply.json("error").asText());
        String detail = reply.json("detail").asText();
        for (String fragment : fragments) {
            assertTrue(detail, detail.contains(fragment));
        }
    }

    @Test
    public void filtersFindExactlyTheTasksTheyDescribe() {
        Pets pets = pets();
        Reply catByAdmin = table(pets, and(labelIs("Cat"), annotatorIs(pets.admin())), "");
        assertEquals(pets.tasks(0, 1, 2, 6, 11), ids(catByAdmin));
        assertEquals(5, catByAdmin.json("total").asInt());

        // task 2: the admin said Dog and the annotator Cat, so no single completion by the admin holds Cat
        String strict = "{\"label\":\"Cat\",\"annotator\":" + pets.admin() + "}";
        assertEquals(pets.tasks(0, 1, 6, 11),
                ids(table(pets, and(item("completion_results", "contains", "List", strict)), "")));
        String byOther = "{\"label\":\"Cat\",\"annotator\":" + pets.annotator() + "}";
        assertEquals(pets.tasks(1, 2, 3, 6),
                ids(table(pets, and(item("completion_results", "contains", "List", byOther)), "")));

        // a skipped completion makes its author an annotator of the task, but adds no label
        assertEquals(pets.tasks(0, 1, 2, 5, 6, 8, 11), ids(table(pets, and(annotatorIs(pets.admin())), "")));
        assertEquals(pets.tasks(2, 4, 5, 6, 7, 8, 9, 11),
                ids(table(pets, or(labelIs("Dog"), textContains("foo")), "")));
        assertEquals(pets.tasks(7, 11), ids(table(pets, and(textContains("foo")), "")));
        assertEquals(pets.tasks(7, 11), ids(table(pets, and(textContains("FOO")), "")));
        assertEquals(pets.tasks(1, 2, 6), ids(table(pets, and(item("completions", "greater", "Number", "1")), "")));
        assertEquals(pets.tasks(9, 10), ids(table(pets, and(item("completions", "less", "Number", "2"),
                item("predictions", "greater_or_equal", "Number", "1")), "")));

        JsonNode six = table(pets, and(item("id", "equal", "Number", String.valueOf(pets.ids()[6]))), "")
                .json("tasks").get(0);
        assertEquals(FULL_ROW, keys(six));
        assertEquals(3, six.get("completions").asInt());
        assertEquals(0, six.get("skipped").asInt());
        assertEquals(tree("[" + pets.admin() + "," + pets.annotator() + "]"), six.get("annotators"));
        assertEquals(tree("[\"Cat\",\"Dog\"]"), six.get("completion_results"));
        assertEquals(tree("{\"text\":\"three opinions\"}"), six.get("data"));
        assertFalse(six.get("ground_truth").asBoolean());
        assertTrue(six.get("completed_at").asText().startsWith("2024-05-02T12:00"));
        JsonNode nine = table(pets, and(item("prediction_results", "contains", "List", json("Cat"))), "")
                .json("tasks").get(0);
        assertEquals(pets.ids()[9], nine.get("id").asLong());
        assertEquals(0.8, nine.get("prediction_score").asDouble(), 1e-9);
        assertEquals(tree("[\"Dog\"]"), nine.get("completion_results"));

        Reply posted = admin.post("projects/" + pets.project() + "/tasks/query", "{\"filters\":"
                + and(labelIs("Cat"), annotatorIs(pets.admin())) + ",\"ordering\":\"-completions\",\"page\":1,"
                + "\"page_size\":2}");
        assertEquals(pets.tasks(6, 1), ids(posted));
        assertEquals(5, posted.json("total").asInt());
        Reply next = admin.post("projects/" + pets.project() + "/tasks/query", "{\"filters\":"
                + and(labelIs("Cat"), annotatorIs(pets.admin())) + ",\"ordering\":[\"-completions\"],\"page\":2,"
                + "\"page_size\":2,\"fields\":[\"completions\"]}");
        assertEquals(pets.tasks(2, 0), ids(next));
        assertEquals(List.of("id", "completions"), keys(next.json("tasks").get(0)));
    }

    @Test
    public void orderingAndPagingWalkTheTableWithExactPageCounters() {
        Pets pets = pets();
        int[][] pages = {{6, 1, 2, 0}, {3, 4, 5, 8}, {9, 11, 7, 10}};
        long[][] counters = {{4, 8, 0, 0, 0, 0, 0}, {4, 4, 1, 0, 0, 0, 0}, {4, 2, 0, 2, 0, 0, 1}};
        long[] sums = new long[7];
        for (int page = 1; page <= pages.length; page++) {
            Reply reply = admin.get("projects/" + pets.project() + "/tasks?ordering=-completions,id&page=" + page
                    + "&page_size=4");
            assertEquals("page " + page, pets.tasks(pages[page - 1]), ids(reply));
            assertEquals(12, reply.json("total").asInt());
            assertTotals(reply.json("page"), counters[page - 1]);
            for (int i = 0; i < sums.length; i++) {
                sums[i] += counters[page - 1][i];
            }
        }
        assertTotals(found(pets, and()).body(), sums);
        Reply beyond = admin.get("projects/" + pets.project() + "/tasks?ordering=-completions,id&page=4&page_size=4");
        assertEquals(List.of(), ids(beyond));
        assertEquals(12, beyond.json("total").asInt());
        assertTotals(beyond.json("page"), 0, 0, 0, 0, 0, 0, 0);

        assertEquals(pets.tasks(11, 10, 9, 8), ids(admin.get("projects/" + pets.project()
                + "/tasks?ordering=-id&page_size=4")));
        // data values order as Java strings do: upper case first
        assertEquals(pets.tasks(7, 0, 9, 11), ids(admin.get("projects/" + pets.project()
                + "/tasks?ordering=data.text&page_size=4")));

        Reply quick = admin.get("projects/" + pets.project() + "/tasks?ordering=id&page_size=3&fields=id,data.text");
        assertEquals(pets.tasks(0, 1, 2), ids(quick));
        for (int i = 0; i < 3; i++) {
            JsonNode row = quick.json("tasks").get(i);
            assertEquals(row.toString(), List.of("id", "data"), keys(row));
            assertEquals(tree("{\"text\":" + json(TEXTS[i]) + "}"), row.get("data"));
        }
        JsonNode counts = admin.get("projects/" + pets.project() + "/tasks?page_size=1&fields=completions,annotators")
                .json("tasks").get(0);
        assertEquals(List.of("id", "completions", "annotators"), keys(counts));
    }

    @Test
    public void foundSumsEveryMatchingTaskNotJustAPage() {
        Pets pets = pets();
        assertTotals(found(pets, and(labelIs("Cat"), annotatorIs(pets.admin()))).body(), 5, 9, 0, 0, 0, 0, 1);
        assertTotals(found(pets, and(textContains("foo"))).body(), 2, 1, 0, 0, 0, 0, 1);
        assertTotals(found(pets, or(labelIs("Dog"), textContains("foo"))).body(), 8, 10, 1, 1, 0, 0, 1);
        assertTotals(admin.get("projects/" + pets.project() + "/tasks/found").body(), 12, 14, 1, 2, 0, 0, 1);
        assertTotals(found(pets, and(labelIs("Horse"))).body(), 0, 0, 0, 0, 0, 0, 0);

        Reply firstPage = table(pets, and(labelIs("Cat")), "&page_size=2");
        assertEquals(6, firstPage.json("total").asInt());
        assertTotals(firstPage.json("page"), 2, 3, 0, 0, 0, 0, 0);
        assertTotals(found(pets, and(labelIs("Cat"))).body(), 6, 10, 0, 0, 0, 0, 1);
    }

    @Test
    public void badQueriesAreA400ThatNamesTheProblemAndValuesNeverBecomeSql() {
        Pets pets = pets();
        assertRefused(table(pets, and(labelIs("Cat"), item("colour", "contains", "String", json("red"))), ""),
                "invalid filter", "items[1] (filter:tasks:colour)", "unknown column \"colour\"");
        assertRefused(table(pets, and(item("completions", "contains", "Number", "1")), ""), "invalid filter",
                "items[0] (filter:tasks:completions)", "operator \"contains\" does not apply to type Number");
        assertRefused(table(pets, and(item("completions", "greater", "Number", json("two"))), ""),
                "invalid filter", "items[0] (filter:tasks:completions)", "value must be a number, was \"two\"");
        assertRefused(table(pets, and(item("completions", "greater", "String", "1")), ""), "invalid filter",
                "type of completions must be Number, was String");
        assertRefused(table(pets, and(item("annotators", "contains", "List", json("bob"))), ""), "invalid filter",
                "items[0] (filter:tasks:annotators)", "user id");
        assertRefused(table(pets, and(item("data.text", "regex", "String", json("([a-z"))), ""), "invalid filter",
                "items[0] (filter:tasks:data.text)", "not a valid regex");
        assertRefused(table(pets, "{\"conjunction\":\"xor\",\"items\":[]}", ""), "invalid filter", "xor");
        assertRefused(table(pets, "{\"items\": [", ""), "invalid filters", "filters");
        assertRefused(found(pets, and(item("colour", "contains", "String", json("red")))), "invalid filter",
                "items[0] (filter:tasks:colour)");

        assertRefused(admin.get("projects/" + pets.project() + "/tasks?ordering=-colour"), "invalid ordering",
                "ordering[0] (-colour)", "colour");
        assertRefused(admin.get("projects/" + pets.project() + "/tasks?ordering=id,annotators"), "invalid ordering",
                "ordering[1] (annotators)", "list");
        assertRefused(admin.get("projects/" + pets.project() + "/tasks?fields=id,colour"), "invalid fields",
                "fields[1] (colour)");
        assertRefused(admin.get("projects/" + pets.project() + "/tasks?page_size=5000"), "invalid page_size",
                "1000");
        assertRefused(admin.get("projects/" + pets.project() + "/tasks?page=0"), "invalid page", "page");
        assertRefused(admin.post("projects/" + pets.project() + "/tasks/query", "{\"order\":\"id\"}"),
                "invalid query", "order");
        assertRefused(admin.post("projects/" + pets.project() + "/tasks/query", "{\"ordering\":[1]}"),
                "invalid ordering", "ordering");
        assertEquals(404, admin.get("projects/999999999/tasks").status());
        assertEquals(404, admin.get("projects/999999999/tasks/found").status());

        for (String value : List.of("x' OR '1'='1", "x\" OR \"1\"=\"1", "'; DROP TABLE task; --")) {
            Reply equal = table(pets, and(item("data.text", "equal", "String", json(value))), "");
            assertEquals(equal.raw(), 200, equal.status());
            assertEquals(0, equal.json("total").asInt());
            Reply label = table(pets, and(labelIs(value)), "");
            assertEquals(label.raw(), 200, label.status());
            assertEquals(0, label.json("total").asInt());
            assertEquals(0, table(pets, or(labelIs(value), textContains(value)), "").json("total").asInt());
        }
        assertEquals(12, admin.get("projects/" + pets.project() + "/tasks").json("total").asInt());
    }

    @Test
    public void viewsAreSavedReadChangedAndDeleted() {
        Pets pets = pets();
        String views = "projects/" + pets.project() + "/views";
        String filter = and(labelIs("Cat"), annotatorIs(pets.admin()));
        Reply created = admin.post(views, "{\"title\":\"Cats by the admin\",\"filters\":" + filter + ","
                + "\"ordering\":[\"-completions\",\"id\"],\"columns\":[\"id\",\"completions\",\"data.text\"],"
                + "\"mode\":\"quick\"}");
        assertEquals(created.raw(), 201, created.status());
        long view = created.id();
        assertTrue(created.location().orElseThrow(),
                created.location().orElseThrow().endsWith("/api/projects/" + pets.project() + "/views/" + view));
        assertEquals(pets.project(), created.json("project").asLong());
        assertEquals("Cats by the admin", created.json("title").asText());
        assertEquals(tree(filter), created.json("filters"));
        assertEquals(tree("[\"-completions\",\"id\"]"), created.json("ordering"));
        assertEquals(tree("[\"id\",\"completions\",\"data.text\"]"), created.json("columns"));
        assertEquals("quick", created.json("mode").asText());
        assertEquals(pets.admin(), created.json("created_by").asLong());
        assertNotNull(created.json("created_at").textValue());
        assertNotNull(created.json("updated_at").textValue());

        Reply read = admin.get(views + "/" + view);
        assertEquals(200, read.status());
        assertEquals(created.body(), read.body());
        Reply listed = admin.get(views);
        assertEquals(1, listed.body().size());
        assertEquals(view, listed.body().get(0).get("id").asLong());

        // opening the tab: the saved filter and ordering give the table they describe
        String ordering = String.join(",", List.of(read.json("ordering").get(0).asText(),
                read.json("ordering").get(1).asText()));
        assertEquals(pets.tasks(6, 1, 2, 0, 11), ids(table(pets, read.json("filters").toString(), "&ordering="
                + ordering)));

        Reply replaced = admin.put(views + "/" + view, "{\"title\":\"Everything\",\"columns\":[\"id\"]}");
        assertEquals(replaced.raw(), 200, replaced.status());
        assertEquals("Everything", replaced.json("title").asText());
        assertTrue(replaced.raw(), replaced.json("filters").isNull());
        assertEquals("full", replaced.json("mode").asText());
        assertEquals(created.json("created_at"), replaced.json("created_at"));
        assertEquals(replaced.body(), admin.get(views + "/" + view).body());

        assertRefused(admin.post(views, "{\"title\":\"Bad\",\"filters\":" + and(labelIs("Cat"),
                item("colour", "contains", "String", json("red"))) + "}"), "invalid filter",
                "items[1] (filter:tasks:colour)");
        assertRefused(admin.put(views + "/" + view, "{\"title\":\"Bad\",\"ordering\":[\"-colour\"]}"),
                "invalid ordering", "colour");
        assertRefused(admin.post(views, "{\"filters\":" + filter + "}"), "invalid view", "title");
        assertRefused(admin.post(views, "{\"title\":\"Grid\",\"mode\":\"grid\"}"), "invalid view", "grid");
        assertEquals("Everything", admin.get(views + "/" + view).json("title").asText());
        assertEquals(1, admin.get(views).body().size());

        Reply missing = admin.get(views + "/999999999");
        assertEquals(404, missing.status());
        assertEquals("view not found", missing.json("error").asText());
        assertEquals(404, admin.put(views + "/999999999", "{\"title\":\"x\"}").status());
        long otherProject = project("Other", 1);
        assertEquals(404, admin.get("projects/" + otherProject + "/views/" + view).status());
        assertEquals(404, admin.delete("projects/" + otherProject + "/views/" + view).status());

        assertEquals(204, admin.delete(views + "/" + view).status());
        assertEquals(404, admin.get(views + "/" + view).status());
        assertEquals(404, admin.delete(views + "/" + view).status());
        assertEquals(0, admin.get(views).body().size());
        assertEquals(404, admin.get("projects/999999999/views").status());
    }

    @Test
    public void bulkActionsChangeExactlyTheSelectedTasks() {
        Pets pets = pets();
        String actions = "projects/" + pets.project() + "/actions";
        List<String> names = new ArrayList<>();
        admin.get(actions).body().forEach(a -> {
            names.add(a.get("name").asText());
            assertFalse(a.toString(), a.get("title").asText().isBlank());
        });
        assertTrue(names.toString(), names.containsAll(List.of("delete_tasks", "delete_completions",
                "delete_predictions")));

        Reply deleted = admin.post(actions + "/delete_tasks", "{\"all\":true,\"filters\":" + and(labelIs("Dog"))
                + ",\"excluded\":[" + pets.ids()[6] + "]}");
        assertEquals(deleted.raw(), 200, deleted.status());
        assertEquals("delete_tasks", deleted.json("action").asText());
        assertEquals(5, deleted.json("affected").asLong());
        for (long gone : pets.tasks(2, 4, 5, 8, 9)) {
            assertEquals("task " + gone, 404, admin.get("tasks/" + gone).status());
        }
        assertEquals(pets.tasks(0, 1, 3, 6, 7, 10, 11), ids(admin.get("projects/" + pets.project() + "/tasks")));
        assertEquals(3, admin.get("tasks/" + pets.ids()[6]).json("total_completions").asInt());
        assertEquals(2, admin.get("tasks/" + pets.ids()[1]).json("total_completions").asInt());
        assertTotals(admin.get("projects/" + pets.project() + "/tasks/found").body(), 7, 8, 0, 1, 0, 0, 1);
        assertEquals(7, admin.get("projects/" + pets.project()).json("task_count").asInt());

        Reply cleared = admin.post(actions + "/delete_completions", "{\"all\":false,\"ids\":[" + pets.ids()[0] + ","
                + pets.ids()[6] + "]}");
        assertEquals(cleared.raw(), 200, cleared.status());
        assertEquals("delete_completions", cleared.json("action").asText());
        assertEquals(4, cleared.json("affected").asLong());
        for (long kept : pets.tasks(0, 6)) {
            Reply task = admin.get("tasks/" + kept);
            assertEquals(200, task.status());
            assertEquals(0, task.json("total_completions").asInt());
            assertEquals(0, task.json("completions").size());
        }
        JsonNode six = table(pets, and(item("id", "equal", "Number", String.valueOf(pets.ids()[6]))), "")
                .json("tasks").get(0);
        assertEquals(0, six.get("completions").asInt());
        assertEquals(0, six.get("annotators").size());
        assertEquals(0, six.get("completion_results").size());
        assertEquals(pets.tasks(1, 3, 11), ids(table(pets, and(labelIs("Cat")), "")));
        assertEquals(2, admin.get("tasks/" + pets.ids()[1]).json("total_completions").asInt());

        Reply unpredicted = admin.post(actions + "/delete_predictions", "{\"all\":true,\"filters\":"
                + and(item("predictions", "greater", "Number", "0")) + "}");
        assertEquals(1, unpredicted.json("affected").asLong());
        assertEquals(0, admin.get("tasks/" + pets.ids()[10]).json("total_predictions").asInt());
        assertTotals(admin.get("projects/" + pets.project() + "/tasks/found").body(), 7, 4, 0, 0, 0, 0, 1);

        Reply unknown = admin.post(actions + "/archive_tasks", "{\"all\":true}");
        assertEquals(404, unknown.status());
        assertEquals("unknown action", unknown.json("error").asText());
        assertTrue(unknown.raw(), unknown.json("detail").asText().contains("delete_tasks"));
        assertRefused(admin.post(actions + "/delete_tasks", "{\"all\":true,\"exclude\":[" + pets.ids()[0] + "]}"),
                "invalid selection", "exclude");
        assertRefused(admin.post(actions + "/delete_tasks", "{\"all\":true,\"filters\":"
                + and(item("colour", "contains", "String", json("red"))) + "}"), "invalid filter", "colour");
        assertRefused(admin.post(actions + "/delete_tasks", "{\"ids\":[" + pets.ids()[0] + "]}"),
                "invalid selection", "all");

        long otherProject = project("Other", 1);
        long stranger = admin.post("projects/" + otherProject + "/tasks", "{\"data\":{\"text\":\"not yours\"}}").id();
        Reply foreign = admin.post(actions + "/delete_tasks", "{\"all\":false,\"ids\":[" + stranger + "]}");
        assertEquals(0, foreign.json("affected").asLong());
        assertEquals(200, admin.get("tasks/" + stranger).status());
        assertEquals(7, admin.get("projects/" + pets.project()).json("task_count").asInt());
    }

    @Test
    public void statsCountTasksLabelsAnnotatorsAndDays() {
        long empty = project("Empty", 1);
        assertEquals(tree("{\"tasks\":0,\"done\":0,\"skipped\":0,\"completions\":0,\"predictions\":0,"
                + "\"reviews_up\":0,\"reviews_down\":0,\"ground_truth\":0,\"labels\":[],\"annotators\":[],"
                + "\"days\":[]}"), admin.get("projects/" + empty + "/stats").body());
        assertEquals(404, admin.get("projects/999999999/stats").status());

        Pets pets = pets();
        // read as text first, so that an answer which is not JSON fails with the answer in the message
        JsonNode stats = tree(admin.text("projects/" + pets.project() + "/stats"));
        assertEquals(List.of("tasks", "done", "skipped", "completions", "predictions", "reviews_up", "reviews_down",
                "ground_truth", "labels", "annotators", "days"), keys(stats));
        assertEquals(12, stats.get("tasks").asLong());
        assertEquals("tasks with at least overlap (2) completions", 3, stats.get("done").asLong());
        assertEquals(1, stats.get("skipped").asLong());
        assertEquals(14, stats.get("completions").asLong());
        assertEquals(2, stats.get("predictions").asLong());
        assertEquals(0, stats.get("reviews_up").asLong());
        assertEquals(0, stats.get("reviews_down").asLong());
        assertEquals(1, stats.get("ground_truth").asLong());
        assertEquals(tree("[{\"control\":\"label\",\"label\":\"Cat\",\"completions\":8},"
                + "{\"control\":\"label\",\"label\":\"Dog\",\"completions\":6}]"), stats.get("labels"));
        assertEquals(tree("[{\"user\":" + pets.admin() + ",\"completions\":6,\"skipped\":1},"
                + "{\"user\":" + pets.annotator() + ",\"completions\":8,\"skipped\":0}]"), stats.get("annotators"));
        assertEquals(tree("[{\"day\":\"2024-05-01\",\"completions\":8},{\"day\":\"2024-05-02\",\"completions\":6}]"),
                stats.get("days"));
    }

    @Test
    public void exportsHoldOnlyTheTasksTheFilterMatches() {
        Pets pets = pets();
        String export = "projects/" + pets.project() + "/export?exportType=JSON";
        assertEquals(pets.tasks(0, 1, 2, 6, 11), exported(admin.text(export + "&download_all_tasks=true&filters="
                + encode(and(labelIs("Cat"), annotatorIs(pets.admin()))))));
        assertEquals(pets.tasks(7, 11), exported(admin.text(export + "&download_all_tasks=true&filters="
                + encode(and(textContains("foo"))))));
        // without download_all_tasks an export holds labelled tasks only: task 7 has no completion
        assertEquals(pets.tasks(11), exported(admin.text(export + "&filters=" + encode(and(textContains("foo"))))));
        assertEquals(List.of(), exported(admin.text(export + "&download_all_tasks=true&filters="
                + encode(and(labelIs("Horse"))))));
        assertEquals(12, exported(admin.text(export + "&download_all_tasks=true")).size());

        String min = admin.text("projects/" + pets.project() + "/export?exportType=JSON_MIN&filters="
                + encode(and(item("completion_results", "contains", "List", "{\"label\":\"Cat\",\"annotator\":"
                        + pets.annotator() + "}"))));
        assertEquals(pets.tasks(1, 2, 3, 6), exported(min));

        assertRefused(admin.get(export + "&filters=" + encode(and(item("colour", "contains", "String",
                json("red"))))), "invalid filter", "items[0] (filter:tasks:colour)");
        assertRefused(admin.get(export + "&ids=" + pets.ids()[0] + "&filters=" + encode(and(labelIs("Cat")))),
                "invalid export", "at most one");
    }

    /** The distinct task ids of an exported JSON list, in export order. */
    private static List<Long> exported(String json) {
        List<Long> ids = new ArrayList<>();
        tree(json).forEach(task -> {
            long id = task.get("id").asLong();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        });
        return ids;
    }
}
