package io.labelhub.dm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium (Debian's chromium and chromedriver) against the distribution started as an
 * operator starts it: a person signs in, sees their projects, reloads, signs out. A project title holding a script
 * is shown as text and never runs. Screenshots of each page go to {@code target/screenshots/}.
 */
class ConsoleIT {

    private static final Path SHOTS = Path.of(System.getProperty("labelhub.itest.dir", "target"), "screenshots");
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> Cats";

    private static ServerProcess server;
    private static long projectId;
    private static WebDriver browser;
    private static Path profile;
    private static Path downloads;
    private static Api admin;
    private static String serverId;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.unpack("console");
        server.start("-Xms256m -Xmx512m");
        admin = Api.at(server.port).basic(ServerProcess.EMAIL, ServerProcess.PASSWORD);
        serverId = admin.serverId();
        String config = "<View><Text name=\\\"text\\\" value=\\\"$text\\\"/><Choices name=\\\"label\\\" "
                + "toName=\\\"text\\\"><Choice value=\\\"Cat\\\"/></Choices></View>";
        String title = Api.JSON.writeValueAsString(HOSTILE);
        HttpResponse<String> project = server.client().send(server.request("projects").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":" + title
                + ",\"label_config\":\"" + config + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, project.statusCode(), project.body());
        projectId = Api.JSON.readTree(project.body()).get("id").asLong();
        String tasks = "[{\"data\":{\"text\":\"a plain cat\"}},"
                + "{\"data\":{\"text\":\"<script>window.pwned=3</script>a cat in a script\"},"
                + "\"annotations\":[{\"result\":[" + Api.choice("Cat") + "]}]},"
                + "{\"data\":{\"text\":\"" + "a long text ".repeat(20) + "\"}}]";
        HttpResponse<String> imported = server.client().send(server.request("projects/" + projectId + "/import")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(tasks)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, imported.statusCode(), imported.body());
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,800", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        downloads = Files.createTempDirectory("console-downloads");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        // the machine's own driver: Selenium Manager would try to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** What the browser showed when a test ended, passed or failed: the first thing to look at when one fails. */
    @AfterEach
    void lastLook(TestInfo test) throws IOException {
        screenshot("end-of-" + test.getTestMethod().orElseThrow().getName());
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private static void signIn(String email, String password) {
        WebElement form = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.signin")));
        WebElement emailInput = form.findElement(By.name("email"));
        emailInput.clear();
        emailInput.sendKeys(email);
        WebElement passwordInput = form.findElement(By.name("password"));
        passwordInput.clear();
        passwordInput.sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Signs in afresh as that user, whoever was signed in before. */
    private static void signInAs(String email, String password) {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + server.port + "/");
        signIn(email, password);
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=signed-in-as]"), email));
    }

    private static void open(String path) {
        browser.get("http://127.0.0.1:" + server.port + path);
    }

    private static Object script(String code) {
        return ((ChromeDriver) browser).executeScript(code);
    }

    /** The browser's console holds no error but those named (a part of the message each). */
    private static void assertNoConsoleErrors(String... expected) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the page asks for its session first; without one that is a 401, which Chromium logs
                .filter(m -> !(m.contains("/api/session") && m.contains("401")))
                .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains))
                .toList();
        assertEquals(List.of(), errors, "the console logs no errors");
    }

    private static long created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply.raw());
        return reply.id();
    }

    private static final String PETS = "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"pet\" "
            + "toName=\"text\" choice=\"single\"><Choice value=\"Cat\"/><Choice value=\"Dog\"/></Choices></View>";

    private static long project(String title, String tasks) throws Exception {
        long id = created(admin.post("projects", Map.of("title", title, "label_config", PETS)));
        assertEquals(201, admin.post("projects/" + id + "/import", tasks).status());
        return id;
    }

    private static long member(long projectId, String email, String role) {
        long user = created(admin.post("users", Map.of("email", email, "password", ServerProcess.PASSWORD,
                "role", role)));
        Api.Reply joined = admin.post("projects/" + projectId + "/members", Map.of("user", user, "role", role));
        assertTrue(joined.status() == 201 || joined.status() == 200, joined.raw());
        return user;
    }

    @Test
    void anAnnotatorLabelsInTheStreamAndAReviewerThumbsUpInTheVerifyStream() throws Exception {
        long pets = project("Pets", "[{\"text\":\"a cat on a mat\"},{\"text\":\"a dog in a fog\"},"
                + "{\"text\":\"a cat in a hat\"},{\"text\":\"<script>window.pwned=4</script>a frog\"}]");
        String annotator = "anna-" + System.nanoTime() + "@console.test";
        member(pets, annotator, "annotator");

        // the annotator lands on the project's Label Stream, not on its Data Manager
        signInAs(annotator, ServerProcess.PASSWORD);
        WebElement link = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//tr[@data-testid='project-row']//a[normalize-space()='Pets']")));
        assertTrue(link.getAttribute("href").endsWith("/projects/" + pets + "/label"), link.getAttribute("href"));
        link.click();
        for (int labelled = 1; labelled <= 3; labelled++) {
            String before = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=stream-status]"))).getText();
            WebElement cat = waiting().until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//div[@data-testid='editor']//label[starts-with(normalize-space(), 'Cat')]")));
            if (labelled == 1) {
                screenshot("label-stream");
            }
            cat.click();
            waiting().until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//div[@data-testid='editor']//button[normalize-space()='Submit']"))).click();
            String done = labelled + " labelled on this page";
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=stream-status]"), done));
            assertTrue(!before.equals(browser.findElement(By.cssSelector("[data-testid=stream-status]")).getText()));
        }
        assertNull(script("return window.pwned;"), "the task's script never ran");
        // back to the last one: Dog instead of Cat, updated in place
        WebElement change = clickable(By.xpath("//button[starts-with(normalize-space(), '← Change my completion')]"));
        String changed = change.getText().replaceAll("\\D+", "");
        change.click();
        clickable(By.xpath("//div[@data-testid='editor']//label[starts-with(normalize-space(), 'Dog')]")).click();
        screenshot("label-stream-update");
        clickable(By.xpath("//div[@data-testid='editor']//button[normalize-space()='Update']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=stream-status]"),
                "Task "));
        JsonNode updated = admin.get("tasks/" + changed).body().get("completions").get(0);
        assertEquals("Dog", updated.at("/result/0/value/choices/0").asText(), updated.toString());
        Api.Reply completions = admin.get("projects/" + pets + "/tasks/found");
        assertEquals(3, completions.body().get("completions").asInt(), completions.raw());
        open("/projects/" + pets + "/data");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=dm-forbidden]")));
        screenshot("annotator-no-data-manager");
        assertNoConsoleErrors();

        // a reviewer judges the annotator's completions: thumb up, and the Review column shows it
        String reviewer = "rita-" + System.nanoTime() + "@console.test";
        member(pets, reviewer, "reviewer");
        signInAs(reviewer, ServerProcess.PASSWORD);
        open("/projects/" + pets + "/verify");
        WebElement accept = waiting().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='👍 Accept']")));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[@data-testid='editor']//label[starts-with(normalize-space(), 'Cat')]")));
        assertEquals(Boolean.TRUE, script("return document.querySelector('[data-testid=editor]').inert;"),
                "a completion under review is read-only");
        screenshot("verify-stream");
        browser.findElement(By.name("comment")).sendKeys("right on");
        accept.click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=verify-status]"), "1 judged on this page"));
        open("/projects/" + pets + "/data?ordering=-reviews_up");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=dm-row]"),
                "▲ 1"));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-found]")).getText().contains("▲ 1 ▼ 0"));
        screenshot("review-column");
        assertNoConsoleErrors();
    }

    private static WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static WebElement clickable(By by) {
        return waiting().until(ExpectedConditions.elementToBeClickable(by));
    }

    private static By button(String name) {
        return By.xpath("//button[normalize-space()='" + name + "' or @title='" + name + "']");
    }

    private static By inDialog(String testid, String buttonName) {
        return By.xpath("//dialog[@data-testid='" + testid + "']//button[normalize-space()='" + buttonName + "']");
    }

    private static int rows() {
        return browser.findElements(By.cssSelector("[data-testid=dm-row]")).size();
    }

    private static void waitForRows(int count) {
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=dm-row]"), count));
    }

    private static String filterJson(String... items) {
        return "{\"conjunction\":\"and\",\"items\":[" + String.join(",", items) + "]}";
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void addFilter(int index, String column, String operator, String value) {
        clickable(By.xpath("//button[normalize-space()='+ Add filter']")).click();
        waiting().until(d -> d.findElements(By.cssSelector("[data-testid=filter-item]")).size() > index);
        new Select(browser.findElements(By.cssSelector("[data-testid=filter-item]")).get(index)
                .findElement(By.name("column"))).selectByValue(column);
        WebElement item = browser.findElements(By.cssSelector("[data-testid=filter-item]")).get(index);
        new Select(item.findElement(By.name("operator"))).selectByValue(operator);
        item = browser.findElements(By.cssSelector("[data-testid=filter-item]")).get(index);
        WebElement input = item.findElement(By.name("value"));
        if (input.getTagName().equals("select")) {
            new Select(input).selectByValue(value);
        } else {
            input.sendKeys(value);
        }
    }

    @Test
    void aManagerImportsFiltersWalksTasksMarksGroundTruthExportsAndDeletes() throws Exception {
        long zoo = created(admin.post("projects", Map.of("title", "Zoo", "label_config", Api.labelConfig())));
        long ann = member(zoo, "ann-" + System.nanoTime() + "@console.test", "annotator");
        long bob = member(zoo, "bob-" + System.nanoTime() + "@console.test", "annotator");
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"data\":{\"text\":\"animal ").append(i)
                    .append("\"},\"annotations\":[{").append(Api.author(ann, serverId)).append(",\"result\":[")
                    .append(Api.choice(i % 2 == 0 ? "Cat" : "Dog")).append("]}");
            if (i < 6) {
                tasks.append(",{").append(Api.author(bob, serverId)).append(",\"result\":[").append(Api.choice("Cat"))
                        .append("]}");
            }
            tasks.append("]}");
        }
        assertEquals(201, admin.post("projects/" + zoo + "/import", tasks.append("]").toString()).status());
        signInAs(ServerProcess.EMAIL, ServerProcess.PASSWORD);
        open("/projects/" + zoo + "/data");
        waitForRows(12);

        // "Add more data": a CSV and a ZIP picked at once, a progress bar, what each file brought
        Path csv = Files.writeString(Files.createTempDirectory("import").resolve("more.csv"), "text\nc1\nc2\nc3\n");
        Path zip = csv.resolveSibling("more.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("tasks.json"));
            out.write("[{\"text\":\"z1\"},{\"text\":\"z2\"}]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        clickable(button("Import")).click();
        visible(By.cssSelector("[data-testid=import-drop]"));
        WebElement files = browser.findElement(By.cssSelector("[data-testid=import-dialog] input[type=file]"));
        files.sendKeys(csv + "\n" + zip);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=import-files] li"), 2));
        clickable(inDialog("import-dialog", "Import")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=import-result]"),
                "Imported 5 tasks"));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=import-result]")).getText().contains("more.zip"));
        screenshot("import-dialog");
        // a file the server refuses: its problems listed, nothing imported
        Path bad = Files.writeString(csv.resolveSibling("bad.csv"), "title\nno text here\n");
        browser.findElement(By.cssSelector("[data-testid=import-dialog] input[type=file]")).sendKeys(bad.toString());
        clickable(inDialog("import-dialog", "Import")).click();
        WebElement problems = visible(By.cssSelector("[data-testid=import-problems]"));
        assertTrue(problems.getText().contains("bad.csv"), problems.getText());
        screenshot("import-refused");
        clickable(inDialog("import-dialog", "✕")).click();
        waitForRows(17);
        // a Label Studio file naming an author who is no user here: refused and named, then taken as asked
        Path foreign = Files.writeString(csv.resolveSibling("foreign.json"), "[{\"data\":{\"text\":\"f\"},"
                + "\"annotations\":[{\"completed_by\":{\"email\":\"zed@elsewhere.org\"},\"result\":[]}]}]");
        clickable(button("Import")).click();
        visible(By.cssSelector("[data-testid=import-drop]"));
        browser.findElement(By.cssSelector("[data-testid=import-dialog] input[type=file]")).sendKeys(foreign.toString());
        clickable(inDialog("import-dialog", "Import")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=import-problems]"), "zed@elsewhere.org"));
        clickable(By.cssSelector("[data-testid=import-dialog] details.options summary")).click();
        new Select(browser.findElement(By.name("unknown_authors"))).selectByValue("importer");
        screenshot("import-unknown-author");
        clickable(inDialog("import-dialog", "Import")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=import-result]"),
                "Imported 1 tasks"));
        clickable(inDialog("import-dialog", "✕")).click();
        waitForRows(18);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-counters]")).getText().startsWith("18 tasks"));

        // "Cat" AND annotator: the Found panel says what the API says
        addFilter(0, "completion_results", "contains", "Cat");
        addFilter(1, "annotators", "contains", String.valueOf(ann));
        clickable(button("Apply")).click();
        String filter = filterJson("{\"filter\":\"filter:tasks:completion_results\",\"operator\":\"contains\","
                + "\"type\":\"List\",\"value\":\"Cat\"}", "{\"filter\":\"filter:tasks:annotators\","
                + "\"operator\":\"contains\",\"type\":\"List\",\"value\":" + ann + "}");
        long expected = admin.get("projects/" + zoo + "/tasks/found?filters=" + encode(filter)).body().get("tasks")
                .asLong();
        assertEquals(9, expected, "Ann's six Cats and the three tasks where Bob said Cat and Ann Dog");
        waitForRows(9);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-found]")).getText()
                .startsWith("Found " + expected + " tasks"));
        screenshot("data-manager-cat-and-annotator");

        // the strict form: a completion by Bob holding Cat (Bob said Cat on his six tasks)
        browser.findElements(By.cssSelector("[data-testid=filter-item] button[title^='Remove']")).get(1).click();
        new Select(browser.findElement(By.cssSelector("[data-testid=filter-item] select[name=annotator]")))
                .selectByValue(String.valueOf(bob));
        clickable(button("Apply")).click();
        String strict = filterJson("{\"filter\":\"filter:tasks:completion_results\",\"operator\":\"contains\","
                + "\"type\":\"List\",\"value\":{\"label\":\"Cat\",\"annotator\":" + bob + "}}");
        assertEquals(6, admin.get("projects/" + zoo + "/tasks/found?filters=" + encode(strict)).body().get("tasks")
                .asLong());
        waitForRows(6);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-found]")).getText().startsWith("Found 6 tasks"));
        browser.navigate().refresh();
        waitForRows(6);
        assertEquals(String.valueOf(bob), new Select(browser.findElement(By.cssSelector(
                "[data-testid=filter-item] select[name=annotator]"))).getFirstSelectedOption().getAttribute("value"));

        // Quick view: ↓ and j/k walk the list, each task has its address, ctrl+click opens one in a new tab
        clickable(button("Quick view")).click();
        List<WebElement> items = waiting().until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("[data-testid=dm-list] a"), 6));
        String[] ids = items.stream().map(e -> e.getAttribute("data-task")).toArray(String[]::new);
        items.get(0).click();
        waiting().until(ExpectedConditions.urlContains("task=" + ids[0]));
        visible(By.xpath("//section[@data-testid='dm-task']//h2[normalize-space()='Task " + ids[0] + "']"));
        browser.findElement(By.cssSelector("[data-testid=dm-list] a.active")).sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
        waiting().until(ExpectedConditions.urlContains("task=" + ids[1]));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("j").perform();
        waiting().until(ExpectedConditions.urlContains("task=" + ids[2]));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("k").perform();
        waiting().until(ExpectedConditions.urlContains("task=" + ids[1]));
        visible(By.xpath("//section[@data-testid='dm-task']//h2[normalize-space()='Task " + ids[1] + "']"));
        screenshot("quick-view");
        String here = browser.getWindowHandle();
        new org.openqa.selenium.interactions.Actions(browser).keyDown(org.openqa.selenium.Keys.CONTROL)
                .click(browser.findElements(By.cssSelector("[data-testid=dm-list] a")).get(3))
                .keyUp(org.openqa.selenium.Keys.CONTROL).perform();
        waiting().until(ExpectedConditions.numberOfWindowsToBe(2));
        String tab = browser.getWindowHandles().stream().filter(w -> !w.equals(here)).findFirst().orElseThrow();
        browser.switchTo().window(tab);
        visible(By.xpath("//section[@data-testid='dm-task']//h2[normalize-space()='Task " + ids[3] + "']"));
        assertTrue(browser.getCurrentUrl().contains("task=" + ids[3]), browser.getCurrentUrl());
        browser.close();
        browser.switchTo().window(here);

        // the pencil: the editor with every annotator's completion
        open("/projects/" + zoo + "/data?ordering=id");
        waitForRows(18);
        clickable(By.cssSelector("[data-testid=dm-row] [data-testid=dm-edit]")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=task-completion]"), 2));
        WebElement inEditor = visible(By.xpath("//div[@data-testid='task-editor']//label[starts-with(normalize-space(), 'Cat')]"));
        script("document.querySelector('[data-testid=task-editor]').scrollIntoView()");
        assertTrue(inEditor.isDisplayed());
        screenshot("task-editor");

        // the GT Manager: half of Ann's Cats, the count announced, then marked
        open("/projects/" + zoo + "/data");
        waitForRows(18);
        clickable(button("Ground Truth Manager")).click();
        WebElement gt = visible(By.cssSelector("[data-testid=gt-dialog]"));
        new Select(gt.findElement(By.name("annotators"))).selectByValue(String.valueOf(ann));
        gt.findElement(By.name("label")).sendKeys("Cat");
        WebElement percent = gt.findElement(By.name("percent"));
        percent.clear();
        percent.sendKeys("50");
        clickable(inDialog("gt-dialog", "Preview")).click();
        WebElement preview = visible(By.cssSelector("[data-testid=gt-preview]"));
        assertTrue(preview.getText().contains("6 completions match") && preview.getText().contains("will mark 3"),
                preview.getText());
        screenshot("gt-manager");
        clickable(By.cssSelector("[data-testid=gt-mark]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=gt-marked]"),
                "Marked 3 completions"));
        assertEquals(3, admin.get("projects/" + zoo + "/tasks/found").body().get("ground_truth").asInt());
        clickable(inDialog("gt-dialog", "✕")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=dm-found]"),
                "3 GT"));

        // export: a file that imports again
        clickable(button("Export")).click();
        WebElement export = visible(By.cssSelector("[data-testid=export-dialog]"));
        new Select(export.findElement(By.name("format"))).selectByValue("JSON");
        clickable(inDialog("export-dialog", "Export")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=export-result]"),
                "Downloaded"));
        Path file = waiting().until(d -> {
            try (var listed = Files.list(downloads)) {
                return listed.filter(f -> f.toString().endsWith(".json")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        screenshot("export-dialog");
        clickable(inDialog("export-dialog", "✕")).click();
        long again = created(admin.post("projects", Map.of("title", "Zoo again", "label_config", Api.labelConfig())));
        Api.Reply reimported = admin.postRaw("projects/" + again + "/import", "application/json", Files.readString(file));
        assertEquals(201, reimported.status(), reimported.raw());
        assertEquals(18, reimported.body().get("task_count").asInt());
        assertEquals(19, reimported.body().get("completion_count").asInt());

        // delete one task by its row's button, then two by a bulk action
        String first = browser.findElement(By.cssSelector("[data-testid=dm-row]")).getAttribute("data-task");
        clickable(By.cssSelector("[data-testid=dm-row] [data-testid=dm-delete]")).click();
        clickable(inDialog("confirm", "Delete task")).click();
        waitForRows(17);
        assertEquals(404, admin.get("tasks/" + first).status());
        List<WebElement> boxes = browser.findElements(By.cssSelector("[data-testid=dm-row] input[type=checkbox]"));
        boxes.get(0).click();
        boxes.get(1).click();
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=dm-selected]"), "2 selected"));
        new Select(browser.findElement(By.cssSelector("[data-testid=dm-bulk] select"))).selectByValue("delete_tasks");
        screenshot("bulk-actions");
        clickable(By.xpath("//div[@data-testid='dm-bulk']//button[normalize-space()='Apply']")).click();
        clickable(By.xpath("//dialog[@data-testid='confirm']//button[contains(@class, 'danger')]")).click();
        waitForRows(15);
        assertEquals(15, admin.get("projects/" + zoo).body().get("task_count").asInt());
        assertNoConsoleErrors("/import");
    }

    @Test
    void aManagerSavesAViewReadsTheChartsAndChangesTheProjectsSettings() throws Exception {
        long birds = created(admin.post("projects", Map.of("title", "Birds", "label_config", Api.labelConfig())));
        String email = "cleo-" + System.nanoTime() + "@console.test";
        long cleo = member(birds, email, "annotator");
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"data\":{\"text\":\"bird ").append(i).append("\"}");
            if (i < 5) {
                tasks.append(",\"annotations\":[{").append(Api.author(cleo, serverId)).append(",\"result\":[")
                        .append(Api.choice(i < 3 ? "Cat" : "Dog")).append("]}]");
            }
            tasks.append("}");
        }
        assertEquals(201, admin.post("projects/" + birds + "/import", tasks.append("]").toString()).status());
        signInAs(ServerProcess.EMAIL, ServerProcess.PASSWORD);
        open("/projects/" + birds + "/data");
        waitForRows(8);

        // a view: the filter saved under a name, a tab of its own that a reload keeps
        addFilter(0, "completion_results", "contains", "Cat");
        clickable(button("Apply")).click();
        waitForRows(3);
        clickable(By.xpath("//button[normalize-space()='+ Save as view']")).click();
        WebElement name = visible(By.cssSelector("[data-testid=ask] input[name=text]"));
        name.clear();
        name.sendKeys("Cats only");
        clickable(inDialog("ask", "Save")).click();
        waiting().until(ExpectedConditions.urlContains("view="));
        WebElement tab = visible(By.xpath("//a[@data-testid='dm-tab' and normalize-space()='Cats only']"));
        assertEquals("page", tab.getAttribute("aria-current"));
        Api.Reply views = admin.get("projects/" + birds + "/views");
        assertEquals("Cats only", views.body().get(0).get("title").asText(), views.raw());
        assertEquals("Cat", views.body().get(0).at("/filters/items/0/value").asText(), views.raw());
        browser.navigate().refresh();
        waitForRows(3);
        screenshot("saved-view");
        clickable(By.xpath("//nav[@data-testid='dm-tabs']//a[normalize-space()='All tasks']")).click();
        waitForRows(8);
        clickable(By.xpath("//a[@data-testid='dm-tab' and normalize-space()='Cats only']")).click();
        waitForRows(3);

        // the statistics as charts
        clickable(button("Statistics")).click();
        WebElement summary = visible(By.cssSelector("[data-testid=stats-summary]"));
        assertTrue(summary.getText().startsWith("8 tasks, 5 done, 5 completions"), summary.getText());
        for (String chart : List.of("progress", "labels", "annotators", "agreement", "reviews", "days")) {
            WebElement canvas = visible(By.cssSelector("[data-testid=chart-" + chart + "] canvas"));
            assertTrue(canvas.getSize().getHeight() > 100, chart);
        }
        assertTrue(browser.findElement(By.cssSelector("[data-testid=chart-annotators]")).getAttribute("innerHTML")
                .contains("canvas"));
        screenshot("statistics");
        clickable(inDialog("stats-dialog", "✕")).click();

        // the settings: the config previewed live in the editor, a new title saved, the members listed
        clickable(By.cssSelector("a[title=Settings]")).click();
        visible(By.xpath("//div[@data-testid='config-preview']//label[starts-with(normalize-space(), 'Dog')]"));
        waiting().until(d -> d.findElements(By.cssSelector("[data-testid=member-row] td:first-child")).stream()
                .anyMatch(td -> td.getText().equals(email)));
        WebElement config = browser.findElement(By.name("label_config"));
        config.sendKeys(org.openqa.selenium.Keys.END);
        script("const c = document.querySelector('[name=label_config]'); c.value = c.value.replace("
                + "'<Choice value=\"Dog\"/>', '<Choice value=\"Dog\"/><Choice value=\"Owl\"/>');"
                + "c.dispatchEvent(new Event('input'));");
        visible(By.xpath("//div[@data-testid='config-preview']//label[starts-with(normalize-space(), 'Owl')]"));
        WebElement title = browser.findElement(By.name("title"));
        title.clear();
        title.sendKeys("Birds and bees");
        screenshot("settings");
        clickable(button("Save")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=settings-saved]"), "Saved"));
        Api.Reply project = admin.get("projects/" + birds);
        assertEquals("Birds and bees", project.body().get("title").asText());
        assertTrue(project.body().get("label_config").asText().contains("Owl"));
        assertNoConsoleErrors();
    }

    private static HttpResponse<String> page(String path) throws Exception {
        return server.client().send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleAnswersItsOwnAddressesWithItsPageAndAStrictPolicyAndNothingElse() throws Exception {
        for (String path : List.of("/", "/projects", "/projects/new", "/projects/12/data", "/projects/12/label", "/projects/12/verify",
                "/projects/12/settings")) {
            HttpResponse<String> answer = page(path);
            assertEquals(200, answer.statusCode(), path);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
            assertTrue(answer.body().contains("/static/app.js"), path);
        }
        for (String path : List.of("/nothing", "/projects/12/nothing", "/health", "/static/nothing.js")) {
            assertEquals(404, page(path).statusCode(), path);
        }
        assertEquals(200, page("/static/app.js").statusCode());
    }

    @Test
    void aPersonSignsInSeesTheirProjectsReloadsAndSignsOut() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + server.port + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
        screenshot("signin");

        signIn(ServerProcess.EMAIL, "not-the-password");
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=signin-error]")));
        waiting().until(ExpectedConditions.textToBePresentInElement(error, "Wrong e-mail or password."));
        screenshot("signin-refused");

        signIn(ServerProcess.EMAIL, ServerProcess.PASSWORD);
        WebElement row = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tr[@data-testid='project-row'][.//a[@href='/projects/" + projectId + "/data']]")));
        assertEquals(HOSTILE, row.findElement(By.tagName("a")).getText(), "the title shown as written");
        waiting().until(ExpectedConditions.textToBePresentInElement(
                row.findElement(By.cssSelector("[data-testid=project-progress]")), "1 of 3 done"));
        long projects = admin.get("projects").body().get("total").asLong();
        assertEquals(projects + (projects == 1 ? " project" : " projects"),
                browser.findElement(By.cssSelector("[data-testid=project-total]")).getText());
        assertEquals(ServerProcess.EMAIL, browser.findElement(By.cssSelector("[data-testid=signed-in-as]"))
                .getText());
        assertNull(((ChromeDriver) browser).executeScript("return window.pwned;"), "the title's script never ran");
        assertTrue(((ChromeDriver) browser).executeScript("return document.cookie;").toString().isEmpty(),
                "the session cookie is out of the page's reach (HttpOnly)");
        screenshot("projects");

        // the Data Manager: the project's tasks with their statistics, sorted by a header click
        row.findElement(By.tagName("a")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=dm-row]"), 3));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-counters]")).getText()
                .startsWith("3 tasks · this page: 3 tasks, 1 completions"));
        assertEquals("Page 1 of 1", browser.findElement(By.cssSelector("[data-testid=dm-page]")).getText());
        List<WebElement> texts = browser.findElements(By.xpath("//tr[@data-testid='dm-row']/td[last()-1]"));
        assertTrue(texts.stream().anyMatch(t -> t.getText().equals("<script>window.pwned=3</script>a cat in a script")),
                "task data shown as written");
        assertTrue(texts.stream().anyMatch(t -> t.getText().endsWith("…")), "long text cut short");
        By completionsHeader = By.xpath("//th//button[starts-with(normalize-space(), 'Completions')]");
        waiting().until(ExpectedConditions.elementToBeClickable(completionsHeader)).click();
        waiting().until(ExpectedConditions.urlContains("ordering=completions"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=ascending]")));
        waiting().until(ExpectedConditions.elementToBeClickable(completionsHeader)).click();
        waiting().until(ExpectedConditions.urlContains("ordering=-completions"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=descending]")));
        WebElement first = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=dm-row]")));
        waiting().until(d -> d.findElement(By.cssSelector("[data-testid=dm-row] td:nth-child(3)")).getText()
                .equals("1"));
        assertTrue(first.isDisplayed());
        assertNull(((ChromeDriver) browser).executeScript("return window.pwned;"), "the data's script never ran");
        browser.navigate().refresh();
        waiting().until(d -> d.findElement(By.cssSelector("[data-testid=dm-row] td:nth-child(3)")).getText()
                .equals("1"));
        screenshot("data-manager");
        browser.navigate().back();
        waiting().until(ExpectedConditions.urlContains("ordering=completions"));
        // the page shown again for the address (not the one before it)
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("th[aria-sort=ascending]")));

        // a filter: the table and the Found panel show only what it matches, and the address keeps it
        waiting().until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='+ Add filter']")))
                .click();
        WebElement item = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=filter-item]")));
        new Select(item.findElement(By.name("column"))).selectByValue("data.text");
        item = browser.findElement(By.cssSelector("[data-testid=filter-item]"));
        new Select(item.findElement(By.name("operator"))).selectByValue("contains");
        item.findElement(By.name("value")).sendKeys("SCRIPT");
        browser.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
        waiting().until(ExpectedConditions.urlContains("filters="));
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=dm-row]"), 1));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-found]")).getText()
                .startsWith("Found 1 tasks · 1 completions"));
        screenshot("data-manager-filtered");
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=dm-row]"), 1));

        // a filter the server refuses: its message beside the filters, naming the item
        item = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=filter-item]")));
        new Select(item.findElement(By.name("operator"))).selectByValue("regex");
        item = browser.findElement(By.cssSelector("[data-testid=filter-item]"));
        WebElement valueInput = item.findElement(By.name("value"));
        valueInput.clear();
        valueInput.sendKeys("(unclosed");
        browser.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
        WebElement refused = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=filter-error]")));
        assertTrue(refused.getText().contains("items[0]"), refused.getText());
        screenshot("data-manager-bad-filter");
        browser.get("http://127.0.0.1:" + server.port + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=project-row]")));

        // a new project from a template: the form's config comes from it, and the new project's table opens
        browser.findElement(By.xpath("//a[normalize-space()='New project']")).click();
        WebElement title = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("title")));
        title.sendKeys("Reviews of films");
        new Select(browser.findElement(By.name("template"))).selectByVisibleText("Named entities");
        assertTrue(browser.findElement(By.name("label_config")).getAttribute("value").contains("<Labels"));
        new Select(browser.findElement(By.name("sampling"))).selectByValue("uniform");
        WebElement overlap = browser.findElement(By.name("overlap"));
        overlap.clear();
        overlap.sendKeys("2");
        screenshot("new-project");
        browser.findElement(By.xpath("//button[normalize-space()='Create project']")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Reviews of films"));
        assertTrue(browser.getCurrentUrl().matches(".*/projects/\\d+/data$"), browser.getCurrentUrl());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=dm-found]")));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=dm-found]")).getText().startsWith("Found 0"));
        browser.get("http://127.0.0.1:" + server.port + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=project-row]"),
                (int) projects + 1));

        browser.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=project-row]")));

        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.name("email")));
        screenshot("signed-out");

        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the page asks for its session first; without one that is a 401, which Chromium logs; and the
                // refused filter's 400 is the server's answer the page shows
                .filter(m -> !(m.contains("/api/session") && m.contains("401")))
                .filter(m -> !(m.contains("/tasks") && m.contains("400")))
                .toList();
        assertEquals(List.of(), errors, "the console logs no errors");
    }
}
