package io.labelhub.dm.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.ValueType;

/** Regex filters on task data: found anywhere, and never a pattern that keeps a core busy for minutes. */
class RegexFilterTest {

    @TempDir
    Path folder;

    private TestStorage storage;
    private Project project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        User author = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        project = storage.projects.insert(new ProjectDraft("Regex", "", "<View/>", "sequential", 1), author.id());
        for (String text : List.of("a".repeat(30) + "!", "a cat sat", "cattle")) {
            storage.tasks.insert(project.id(), new NewTask(Map.of("text", text), null, List.of(), List.of()),
                    author.id());
        }
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private List<Object> matching(String regex) {
        TaskFilter filter = new TaskFilter(false, List.of(new FilterItem(Field.data("text"), Operator.REGEX,
                ValueType.STRING, regex)));
        return storage.queries.page(project.id(), new TaskQuery(filter, List.of(), new PageRequest(1, 100), null))
                .tasks().stream().map(TaskRow::data).map(d -> d.get("text")).toList();
    }

    @Test
    void aPatternIsFoundAnywhereInTheText() {
        assertEquals(List.of("a cat sat", "cattle"), matching("cat"));
        assertEquals(List.of("a cat sat"), matching("\\bcat\\b"));
        assertEquals(List.of("cattle"), matching("^c.*e$"));
    }

    @Test
    void aPatternThatBacktracksExponentiallyElsewhereAnswersAtOnce() {
        // java.util.regex needs minutes for this on 30 a's and a "!"; a linear-time matcher needs microseconds
        assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> matching("((a+)+)+$")));
    }
}
