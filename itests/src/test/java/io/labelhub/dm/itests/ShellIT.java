package io.labelhub.dm.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ShellUtil;
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
 * The admin's {@code dm:} commands, typed into a session of the booted distribution's Karaf shell, and their effects
 * checked over HTTP as a user would see them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {

    private static final Readiness READINESS = new Readiness();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern PASSWORD = Pattern.compile("Password \\(shown only this once\\): (\\S+)");

    @Inject
    private SessionFactory sessionFactory;

    private Api anonymous;
    private Api admin;

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitReady() {
        anonymous = Api.at(Integer.getInteger(DistributionOptions.PORT_PROPERTY));
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
        // Karaf registers a bundle's commands once it has started it, on its own thread
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> sessionFactory.getRegistry().getCommand("dm", "export") != null);
    }

    /** What a command printed, or, when it failed, the exception and what the console shows for it. */
    private record Outcome(String output, Exception error) {
    }

    /** The command as the local console runs it: with the roles of {@code karaf.local.roles}, admin among them. */
    private Outcome execute(String line) {
        return executeAs("admin", line);
    }

    /** The command run as an operator signed in with {@code role} (Karaf's roles: viewer, manager, admin). */
    private Outcome executeAs(String role, String line) {
        Subject operator = new Subject();
        operator.getPrincipals().add(new UserPrincipal("operator"));
        operator.getPrincipals().add(new RolePrincipal(role));
        return execute(line, operator);
    }

    private Outcome execute(String line, Subject operator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), console, console);
        // a thread of its own, so that a command that hangs fails the test after a while instead of the whole run
        ExecutorService shell = Executors.newSingleThreadExecutor();
        Exception error;
        try {
            Future<Exception> run = shell.submit(() -> {
                try {
                    Subject.doAs(operator, (PrivilegedExceptionAction<Object>) () -> session.execute(line));
                    return null;
                } catch (PrivilegedActionException e) {
                    ShellUtil.logException(session, e.getException());
                    return e.getException();
                } catch (Exception e) {
                    // what an admin at the console sees for this failure
                    ShellUtil.logException(session, e);
                    return e;
                }
            });
            error = run.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(line + ": did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } finally {
            shell.shutdownNow();
            session.close();
        }
        console.flush();
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), error);
    }

    /** Text as a reader sees it: without the console's colours, wrapped lines joined. */
    private static String plain(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*m", "").replaceAll("\\s+", " ");
    }

    /** Runs a command that must succeed, and answers what it printed. */
    private String dm(String line) {
        Outcome outcome = execute(line);
        if (outcome.error() != null) {
            throw new AssertionError(line + " failed: " + outcome.output());
        }
        return outcome.output();
    }

    /** Runs a command that must fail as a user's mistake does, and answers what the console showed. */
    private String failing(String line) {
        Outcome outcome = execute(line);
        assertNotNull(line + " should have failed, printed: " + outcome.output(), outcome.error());
        assertTrue(line + ": a user's mistake is a CommandException (a message, no stack trace), was "
                + outcome.error(), outcome.error() instanceof CommandException);
        assertFalse(line + " printed a stack trace: " + outcome.output(), outcome.output().contains("\tat "));
        return outcome.output();
    }

    /** The cells of the table row whose first cell is {@code key}, or null. */
    private static List<String> row(String table, String key) {
        for (String line : table.split("\\R")) {
            List<String> cells = Arrays.stream(line.split("[│|]")).map(String::trim).toList();
            if (!cells.isEmpty() && cells.get(0).equals(key)) {
                return cells;
            }
        }
        return null;
    }

    private static String password(String output) {
        Matcher matcher = PASSWORD.matcher(output);
        assertTrue("no password printed: " + output, matcher.find());
        return matcher.group(1);
    }

    private static String email(String who) {
        return who + System.nanoTime() + "@itest.local";
    }

    private long project(String title) {
        Reply created = admin.post("projects", "{\"title\":\"" + title + "\",\"label_config\":"
                + Api.JSON.valueToTree(Api.labelConfig()) + "}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private int taskCount(long project) {
        return admin.get("projects/" + project + "/tasks?page=1&page_size=100").json("total").asInt();
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("shell-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path folder, String name, String content) {
        try {
            return Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void aViewerReadsTheStorageButNeitherSeesUsersNorMovesData() {
        Outcome info = executeAs("viewer", "dm:info");
        assertEquals(info.output(), null, info.error());
        assertTrue(info.output(), plain(info.output()).contains("Schema"));
        for (String line : List.of("dm:users", "dm:user-add someone@example.com", "dm:export 1 /tmp/x.json",
                "dm:user-role " + DistributionOptions.ADMIN_EMAIL + " annotator")) {
            Outcome refused = executeAs("viewer", line);
            assertTrue(line + " ran for a viewer: " + refused.output(), refused.error() != null);
            // Karaf hides a command from a session whose roles may not run it
            assertTrue(line + ": " + refused.error(), refused.error().toString().contains("Command not found"));
        }
        Outcome users = executeAs("admin", "dm:users");
        assertEquals(users.output(), null, users.error());
        assertTrue(users.output(), plain(users.output()).contains(DistributionOptions.ADMIN_EMAIL));
    }

    @Test
    public void infoNamesTheDatabaseAndItsSchemaVersion() {
        String info = dm("dm:info");
        assertEquals(info, ItDatabase.product(), row(info, "Database").get(1));
        String schema = anonymous.get("health").json("schema_version").asText();
        assertEquals(info, schema, row(info, "Schema version").get(1));
        assertEquals(info, "yes", row(info, "Reachable").get(1));
    }

    @Test
    public void aUserAddedInTheShellSignsInOverHttp() {
        String email = email("reviewer");
        String added = dm("dm:user-add --role reviewer --first-name Rita --last-name Marsh " + email);
        String password = password(added);
        assertTrue(added, password.length() >= 16);

        Reply me = anonymous.basic(email, password).get("current-user");
        assertEquals(me.raw(), 200, me.status());
        assertEquals("reviewer", me.json("role").asText());
        assertEquals("Rita", me.json("first_name").asText());
        assertEquals(401, anonymous.basic(email, password + "x").get("current-user").status());

        List<String> listed = row(dm("dm:users"), String.valueOf(me.id()));
        assertNotNull(listed);
        assertEquals(email, listed.get(1));
        assertEquals("Rita Marsh", listed.get(2));
        assertEquals("reviewer", listed.get(3));

        String chosen = email("annotator");
        String quiet = dm("dm:user-add --password chosen-password-1 " + chosen);
        assertFalse("a chosen password is not printed: " + quiet, quiet.contains("chosen-password-1"));
        Reply annotator = anonymous.basic(chosen, "chosen-password-1").get("current-user");
        assertEquals(annotator.raw(), 200, annotator.status());
        assertEquals("annotator", annotator.json("role").asText());

        assertTrue(failing("dm:user-add --password another-password " + chosen).contains("already"));
        assertTrue(failing("dm:user-add --password another-password not-an-address").contains("not-an-address"));
    }

    @Test
    public void userRoleChangesTheRoleSeenOverHttp() {
        String email = email("promoted");
        dm("dm:user-add --password promoted-pw-1 " + email);
        Api user = anonymous.basic(email, "promoted-pw-1");
        assertEquals("annotator", user.get("current-user").json("role").asText());

        assertTrue(dm("dm:user-role " + email.toUpperCase() + " manager").contains("is now manager"));
        assertEquals("manager", user.get("current-user").json("role").asText());

        long id = user.get("current-user").id();
        dm("dm:user-role " + id + " admin");
        assertEquals("admin", user.get("current-user").json("role").asText());

        String refused = failing("dm:user-role " + email + " boss");
        assertTrue(refused, refused.contains("unknown role 'boss'"));
        assertEquals("admin", user.get("current-user").json("role").asText());
        String nobody = failing("dm:user-role nobody@itest.local manager");
        assertTrue(nobody, nobody.contains("there is no user 'nobody@itest.local'"));
    }

    @Test
    public void userPasswordReplacesTheOldPassword() {
        String email = email("forgetful");
        dm("dm:user-add --password old-password-1 " + email);
        assertEquals(200, anonymous.basic(email, "old-password-1").get("current-user").status());

        String reset = password(dm("dm:user-password " + email));
        assertNotEquals("old-password-1", reset);
        assertEquals(401, anonymous.basic(email, "old-password-1").get("current-user").status());
        assertEquals(200, anonymous.basic(email, reset).get("current-user").status());

        long id = anonymous.basic(email, reset).get("current-user").id();
        String quiet = dm("dm:user-password --password chosen-password-2 " + id);
        assertFalse(quiet, quiet.contains("chosen-password-2"));
        assertEquals(401, anonymous.basic(email, reset).get("current-user").status());
        assertEquals(200, anonymous.basic(email, "chosen-password-2").get("current-user").status());

        String tooShort = failing("dm:user-password --password short " + email);
        assertTrue(tooShort, tooShort.contains("at least 8 characters"));
    }

    @Test
    public void importAddsTheTasksOfAFile() {
        long project = project("Shell import");
        Path csv = write(folder(), "tasks.csv", "text\nfirst\nsecond\nthird\n");

        String imported = dm("dm:import " + project + " " + csv);
        assertTrue(imported, imported.contains("Imported 3 tasks"));
        assertTrue(imported, imported.contains("as " + DistributionOptions.ADMIN_EMAIL));
        assertEquals(imported, List.of("tasks.csv", "csv", "3"), row(imported, "tasks.csv"));
        assertEquals(3, taskCount(project));
        JsonNode tasks = admin.get("projects/" + project + "/tasks?page=1&page_size=10&ordering=id").json("tasks");
        assertEquals("first", tasks.get(0).at("/data/text").asText());
        assertEquals("third", tasks.get(2).at("/data/text").asText());
    }

    @Test
    public void importAsAUserMakesThemTheAuthor() {
        long project = project("Shell import as");
        String email = email("author");
        dm("dm:user-add --password author-pw-1 " + email);
        long author = anonymous.basic(email, "author-pw-1").get("current-user").id();
        Path json = write(folder(), "labeled.json", "[{\"data\":{\"text\":\"a cat\"},\"completions\":[{\"result\":["
                + Api.choice("Cat") + "]}]}]");

        String imported = dm("dm:import --as " + email + " " + project + " " + json);
        assertTrue(imported, imported.contains("Imported 1 task, 1 completion and 0 predictions"));
        long task = admin.get("projects/" + project + "/tasks?page=1&page_size=10").json("tasks").get(0).get("id")
                .asLong();
        assertEquals(author, admin.get("tasks/" + task).json("completions").get(0).get("completed_by").asLong());
    }

    @Test
    public void aBadFileImportsNothingAndTheOutputNamesTheProblem() {
        long project = project("Shell bad import");
        Path folder = folder();
        Path good = write(folder, "good.csv", "text\none\ntwo\n");
        Path bad = write(folder, "bad.json", "[{\"data\":{\"text\":\"fine\"}},{\"data\":{\"other\":\"no text\"}}]");

        String refused = failing("dm:import " + project + " " + good + " " + bad);
        assertTrue(refused, refused.contains("import refused: nothing was imported"));
        assertTrue(refused, refused.contains("bad.json, task 2: data.text is missing"));
        assertEquals(0, taskCount(project));

        String missing = failing("dm:import " + project + " " + folder.resolve("absent.csv"));
        assertTrue(missing, missing.contains("no such file: " + folder.resolve("absent.csv")));
        String unsupported = failing("dm:import " + project + " " + write(folder, "notes.docx", "x"));
        assertTrue(unsupported, unsupported.contains("notes.docx: files of type '.docx' cannot be imported"));
        assertEquals(0, taskCount(project));
    }

    @Test
    public void exportWritesTheImportedTasksIntoAFile() throws IOException {
        long project = project("Shell export");
        Path folder = folder();
        dm("dm:import " + project + " " + write(folder, "in.csv", "text\nalpha\nbeta\n"));

        Path json = folder.resolve("out.json");
        String exported = dm("dm:export --all " + project + " " + json);
        JsonNode tasks = Api.JSON.readTree(json.toFile());
        assertEquals(2, tasks.size());
        assertEquals("alpha", tasks.get(0).at("/data/text").asText());
        assertEquals("beta", tasks.get(1).at("/data/text").asText());
        assertTrue(exported, exported.contains(String.format(java.util.Locale.ROOT, "%,d bytes", Files.size(json))));

        long written = Files.size(json);
        String kept = failing("dm:export --all --type CSV " + project + " " + json);
        assertTrue(kept, kept.contains(json + " exists; give --force to replace it"));
        assertEquals(written, Files.size(json));
        dm("dm:export --all --type CSV --force " + project + " " + json);
        String csv = Files.readString(json);
        assertTrue(csv, csv.lines().anyMatch(line -> line.contains("alpha")));
        assertTrue(csv, csv.lines().anyMatch(line -> line.contains("beta")));

        Path onlyCompleted = folder.resolve("completed.json");
        dm("dm:export " + project + " " + onlyCompleted);
        assertEquals("only tasks with completions by default", 0, Api.JSON.readTree(onlyCompleted.toFile()).size());

        String unknown = failing("dm:export --type XML " + project + " " + folder.resolve("x.xml"));
        assertTrue(unknown, unknown.contains("exportType 'XML' is not installed"));
        try (var left = Files.list(folder)) {
            assertEquals("no partial files left behind", List.of("completed.json", "in.csv", "out.json"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    public void projectsListsAProjectWithItsCounts() {
        long project = project("Shell counted");
        dm("dm:import " + project + " " + write(folder(), "two.csv", "text\nx\ny\n"));

        List<String> listed = row(dm("dm:projects"), String.valueOf(project));
        assertNotNull(listed);
        assertEquals("Shell counted", listed.get(1));
        assertEquals("tasks", "2", listed.get(2));
        assertEquals("completions", "0", listed.get(4));
    }

    @Test
    public void formatsListsTheImportAndExportFormats() {
        String formats = dm("dm:formats");
        int exports = formats.indexOf("Export formats");
        assertTrue(formats, formats.startsWith("Import formats") && exports > 0);
        String in = formats.substring(0, exports);
        String out = formats.substring(exports);
        assertEquals(in, "csv", row(in, "csv").get(2));
        assertEquals(in, "json", row(in, "json").get(2));
        assertEquals(in, "archive", row(in, "zip").get(1));
        assertEquals(in, "zip", row(in, "zip").get(3));
        assertNotNull(out, row(out, "JSON"));
        assertNotNull(out, row(out, "CSV"));
        assertEquals(out, "csv", row(out, "CSV").get(1));
    }

    @Test
    public void actionsListsTheBulkActions() {
        String actions = dm("dm:actions");
        assertNotNull(actions, row(actions, "delete_tasks"));
        assertNotNull(actions, row(actions, "delete_completions"));
    }

    @Test
    public void helpPrintsTheDescriptionArgumentsAndOptions() {
        String help = plain(dm("dm:import --help"));
        assertTrue(help, help.contains("Imports tasks from files into a project, all or nothing"));
        assertTrue(help, help.contains("as the oldest active admin"));
        assertTrue(help, help.contains("--as"));
        assertTrue(help, help.contains("files"));
        String export = plain(dm("dm:export --help"));
        assertTrue(export, export.contains("--force"));
        assertTrue(export, export.contains("--ground-truth"));
        String add = plain(dm("dm:user-add --help"));
        assertTrue(add, add.contains("Creates a user who can sign in"));
    }

    @Test
    public void anUnknownProjectIsOneClearLine() {
        Path csv = write(folder(), "orphan.csv", "text\nx\n");
        String unknown = failing("dm:import 987654 " + csv);
        assertTrue(unknown, unknown.contains("there is no project 987654"));
        assertEquals(unknown, 1, unknown.strip().lines().count());
        String byTitle = failing("dm:export 'No such project' " + csv.getParent().resolve("x.json"));
        assertTrue(byTitle, byTitle.contains("there is no project 'No such project'"));
    }

    @Test
    public void tabCompletionOffersProjectsUsersAndRoles() throws Exception {
        long project = project("Shell completion");
        String email = email("completed");
        dm("dm:user-add --password completed-pw-1 " + email);

        assertTrue(complete("dm:import ", "").contains(String.valueOf(project)));
        assertTrue(complete("dm:user-password ", email.substring(0, 9)).contains(email));
        assertEquals(List.of("manager"), complete("dm:user-role " + email + " ", "ma"));
        assertTrue(complete("dm:export --type ", "").containsAll(List.of("JSON", "CSV")));
    }

    /** What pressing Tab after {@code typed} offers, as the console's completion asks the command. */
    private List<String> complete(String before, String typed) throws Exception {
        PrintStream discarded = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), discarded, discarded);
        try {
            String buffer = before + typed;
            List<String> words = new ArrayList<>(Arrays.asList(before.trim().split(" +")));
            words.add(typed);
            String[] arguments = words.toArray(String[]::new);
            String[] name = arguments[0].split(":");
            CommandLine line = new CommandLine() {
                @Override
                public int getCursorArgumentIndex() {
                    return arguments.length - 1;
                }

                @Override
                public String getCursorArgument() {
                    return typed;
                }

                @Override
                public int getArgumentPosition() {
                    return typed.length();
                }

                @Override
                public String[] getArguments() {
                    return arguments;
                }

                @Override
                public int getBufferPosition() {
                    return buffer.length();
                }

                @Override
                public String getBuffer() {
                    return buffer;
                }
            };
            List<String> candidates = new ArrayList<>();
            sessionFactory.getRegistry().getCommand(name[0], name[1]).getCompleter(false)
                    .complete(session, line, candidates);
            return candidates.stream().map(String::trim).toList();
        } finally {
            session.close();
        }
    }

    @Test
    public void importAsAnUnknownUserIsRefused() {
        long project = project("Shell import unknown user");
        Path csv = write(folder(), "one.csv", "text\nx\n");
        String refused = failing("dm:import --as ghost@itest.local " + project + " " + csv);
        assertTrue(refused, refused.contains("there is no user 'ghost@itest.local'"));
        assertEquals(0, taskCount(project));
    }
}
