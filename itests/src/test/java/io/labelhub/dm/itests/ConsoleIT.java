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

    private static BenchmarkServer server;
    private static long projectId;
    private static WebDriver browser;
    private static Path profile;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        server = BenchmarkServer.unpack("console");
        server.start("-Xms256m -Xmx512m");
        admin = Api.at(server.port).basic(BenchmarkServer.EMAIL, BenchmarkServer.PASSWORD);
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
        long user = created(admin.post("users", Map.of("email", email, "password", BenchmarkServer.PASSWORD,
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
        signInAs(annotator, BenchmarkServer.PASSWORD);
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
        Api.Reply completions = admin.get("projects/" + pets + "/tasks/found");
        assertEquals(3, completions.body().get("completions").asInt(), completions.raw());
        open("/projects/" + pets + "/data");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=dm-forbidden]")));
        screenshot("annotator-no-data-manager");
        assertNoConsoleErrors("/tasks");

        // a reviewer judges the annotator's completions: thumb up, and the Review column shows it
        String reviewer = "rita-" + System.nanoTime() + "@console.test";
        member(pets, reviewer, "reviewer");
        signInAs(reviewer, BenchmarkServer.PASSWORD);
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

        signIn(BenchmarkServer.EMAIL, "not-the-password");
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=signin-error]")));
        waiting().until(ExpectedConditions.textToBePresentInElement(error, "Wrong e-mail or password."));
        screenshot("signin-refused");

        signIn(BenchmarkServer.EMAIL, BenchmarkServer.PASSWORD);
        WebElement row = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=project-row]")));
        assertEquals(HOSTILE, row.findElement(By.tagName("a")).getText(), "the title shown as written");
        assertEquals("1 project", browser.findElement(By.cssSelector("[data-testid=project-total]")).getText());
        assertEquals(BenchmarkServer.EMAIL, browser.findElement(By.cssSelector("[data-testid=signed-in-as]"))
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
        List<WebElement> texts = browser.findElements(By.xpath("//tr[@data-testid='dm-row']/td[last()]"));
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
        waiting().until(d -> d.findElement(By.cssSelector("[data-testid=dm-row] td:nth-child(2)")).getText()
                .equals("1"));
        assertTrue(first.isDisplayed());
        assertNull(((ChromeDriver) browser).executeScript("return window.pwned;"), "the data's script never ran");
        browser.navigate().refresh();
        waiting().until(d -> d.findElement(By.cssSelector("[data-testid=dm-row] td:nth-child(2)")).getText()
                .equals("1"));
        screenshot("data-manager");
        browser.navigate().back();
        waiting().until(ExpectedConditions.urlContains("ordering=completions"));

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
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=project-row]"), 2));

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
