package io.labelhub.dm.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.storage.jpa.internal.TestStorage;

/** The rules of projects, tasks, completions and predictions, on real storage over an embedded Derby. */
class ProjectAndTaskRulesTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/>"
            + "</Choices></View>";

    @TempDir
    Path folder;

    private TestStorage storage;
    private DefaultProjectService projects;
    private DefaultTaskService tasks;
    private User caller;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        XmlLabelConfigService labelConfigs = new XmlLabelConfigService();
        DefaultTaskValidator validator = new DefaultTaskValidator(labelConfigs, 10_000);
        projects = new DefaultProjectService(storage.projects, labelConfigs);
        TestStrategies.install(projects, "sequential", "uniform");
        tasks = new DefaultTaskService(storage.tasks, storage.projects, labelConfigs, validator, storage.users);
        caller = storage.users.insert("manager@example.com", "x", "Man", "Ager", Role.MANAGER);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static List<?> problems(ValidationException e) {
        return e.detail() instanceof List<?> list ? list : List.of(e.detail());
    }

    private static Map<String, Object> choice(String value) {
        return Map.of("from_name", "sentiment", "to_name", "text", "type", "choices",
                "value", Map.of("choices", List.of(value)));
    }

    @Test
    void aNewProjectGetsItsDefaultsAndItsCreator() {
        Project project = projects.create(new ProjectDraft("Pets", null, CONFIG, null, null), caller);
        assertEquals("", project.description());
        assertEquals("sequential", project.sampling());
        assertEquals(1, project.overlap());
        assertEquals(caller.id(), project.createdBy());
        assertEquals(project, projects.get(project.id()));
    }

    @Test
    void everyWrongFieldOfAProjectIsNamedAtOnce() {
        ValidationException refused = assertThrows(ValidationException.class, () -> projects.create(
                new ProjectDraft("t".repeat(256), null, null, "No Such!", 0), caller));
        List<?> problems = problems(refused);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.toString().contains("title must have at most 255 characters"));
        assertTrue(problems.toString().contains("label_config is required"));
        assertTrue(problems.toString().contains("sampling 'No Such!'"));
        assertTrue(problems.toString().contains("overlap must be between 1 and 1000, was 0"));
        assertEquals(0, projects.list(new io.labelhub.dm.api.PageRequest(1, 10)).total());
    }

    @Test
    void aProjectNamesOnlyAnInstalledSamplingStrategyAndASaneLockTtl() {
        ValidationException unknown = assertThrows(ValidationException.class, () -> projects.create(
                new ProjectDraft("Pets", null, CONFIG, "longest-text", null), caller));
        assertTrue(unknown.getMessage().contains("'longest-text' is not an installed strategy; installed: "
                + "sequential, uniform"), unknown.getMessage());
        Project project = projects.create(new ProjectDraft("Pets", null, CONFIG, "uniform", null), caller);
        assertEquals(600, project.lockTtl(), "ten minutes unless set");
        assertThrows(ValidationException.class, () -> projects.update(project.id(),
                new ProjectDraft(null, null, null, "longest-text", null)));
        ValidationException ttl = assertThrows(ValidationException.class, () -> projects.update(project.id(),
                new ProjectDraft(null, null, null, null, null, 5)));
        assertTrue(ttl.getMessage().contains("lock_ttl must be between 10 and 86400 seconds, was 5"));
        assertEquals(120, projects.update(project.id(), new ProjectDraft(null, null, null, null, null, 120))
                .lockTtl());
        assertEquals(120, projects.get(project.id()).lockTtl());
        assertEquals("uniform", projects.get(project.id()).sampling());
    }

    @Test
    void aBrokenOrHostileLabelConfigIsRefusedOnCreateAndOnChange() {
        assertThrows(ValidationException.class, () -> projects.create(new ProjectDraft("X", null,
                "<!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><View>&x;</View>", null, null), caller));
        Project project = projects.create(new ProjectDraft("Pets", null, CONFIG, null, 2), caller);
        assertThrows(ValidationException.class, () -> projects.update(project.id(),
                new ProjectDraft(null, null, "<View><Choices name=\"c\" toName=\"nowhere\"/></View>", null, null)));
        Project renamed = projects.update(project.id(), new ProjectDraft("Animals", null, null, null, null));
        assertEquals("Animals", renamed.title());
        assertEquals(CONFIG, renamed.labelConfig(), "fields not given stay as they were");
        assertEquals(2, renamed.overlap());
        assertThrows(NotFoundException.class, () -> projects.update(999_999, new ProjectDraft("x", null, null, null,
                null)));
        assertThrows(NotFoundException.class, () -> projects.delete(999_999));
    }

    @Test
    void aTaskMustFitTheConfigAndHoldsAtMostOneGroundTruth() {
        Project project = projects.create(new ProjectDraft("Pets", null, CONFIG, null, null), caller);
        ValidationException missing = assertThrows(ValidationException.class, () -> tasks.create(project.id(),
                new NewTask(Map.of("title", "no text"), null, List.of(), List.of()), caller));
        assertTrue(problems(missing).toString().contains("text"), problems(missing).toString());

        NewCompletion gt = new NewCompletion(List.of(choice("Positive")), 1.0, false, true);
        ValidationException twoGt = assertThrows(ValidationException.class, () -> tasks.create(project.id(),
                new NewTask(Map.of("text", "a"), null, List.of(gt, gt), List.of()), caller));
        assertTrue(problems(twoGt).contains("at most one completion of a task can be ground truth"));

        ValidationException wrongChoice = assertThrows(ValidationException.class, () -> tasks.create(project.id(),
                new NewTask(Map.of("text", "a"), null, List.of(new NewCompletion(List.of(choice("Purple")), null,
                        false, false)), List.of(new NewPrediction(List.of(), Double.NaN, "v1"))), caller));
        String text = problems(wrongChoice).toString();
        assertTrue(text.contains("completions[0].") && text.contains("Purple"), text);
        assertTrue(text.contains("predictions[0].score must be a finite number"), text);
        assertEquals(0, projects.get(project.id()).taskCount(), "nothing of a refused task is stored");
    }

    @Test
    void completionsAreCheckedAsTheyChangeAndGoneTasksAreNotFound() {
        Project project = projects.create(new ProjectDraft("Pets", null, CONFIG, null, null), caller);
        Task task = tasks.create(project.id(), new NewTask(Map.of("text", "a"), null, List.of(), List.of()), caller);
        var completion = tasks.addCompletion(task.id(), new NewCompletion(List.of(choice("Negative")), 3.0, false,
                false), caller);
        assertEquals(caller.id(), completion.completedBy());
        ValidationException negative = assertThrows(ValidationException.class, () -> tasks.updateCompletion(
                completion.id(), new CompletionPatch(null, -1.0, null, null)));
        assertTrue(problems(negative).toString().contains("lead_time must be a number of seconds"));
        ValidationException badData = assertThrows(ValidationException.class, () -> tasks.update(task.id(),
                Map.of("text", "x".repeat(20_000)), null));
        assertTrue(problems(badData).toString().contains("data holds more than 10000 characters"));
        assertEquals("a", tasks.get(task.id()).data().get("text"), "a refused change leaves the task as it was");

        tasks.delete(task.id());
        assertThrows(NotFoundException.class, () -> tasks.get(task.id()));
        assertThrows(NotFoundException.class, () -> tasks.getCompletion(completion.id()));
        assertThrows(NotFoundException.class, () -> tasks.addCompletion(task.id(), new NewCompletion(List.of(),
                null, false, false), caller));
        assertFalse(storage.tasks.find(task.id(), false).isPresent());
    }
}
