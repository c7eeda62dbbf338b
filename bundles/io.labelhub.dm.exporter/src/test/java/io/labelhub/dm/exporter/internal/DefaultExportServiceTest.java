package io.labelhub.dm.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.FilterItem;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.ValueType;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.formats.internal.CsvExportFormat;
import io.labelhub.dm.formats.internal.JsonExportFormat;
import io.labelhub.dm.storage.jpa.internal.TestStorage;

/** The export service on real storage (embedded Derby) with the real formats: which tasks go out, and how. */
class DefaultExportServiceTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/>"
            + "</Choices></View>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private TestStorage storage;
    private DefaultExportService service;
    private Project project;
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        User author = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        project = storage.projects.insert(new ProjectDraft("Export", "", CONFIG, "sequential", 1), author.id());
        service = new DefaultExportService(storage.projects, storage.exports, new XmlLabelConfigService(),
                storage.users, storage.server);
        service.addExportFormat(new JsonExportFormat(), Map.of("export.format", "JSON", "service.id", 1L));
        service.addExportFormat(new CsvExportFormat(), Map.of("export.format", "CSV", "service.id", 2L));
        // a cat without a completion, a labelled cat, a labelled dog marked ground truth
        ids.add(storage.tasks.insert(project.id(), task("a cat", false, false), author.id()).id());
        ids.add(storage.tasks.insert(project.id(), task("another cat", true, false), author.id()).id());
        ids.add(storage.tasks.insert(project.id(), task("a dog", true, true), author.id()).id());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static NewTask task(String text, boolean labelled, boolean groundTruth) {
        List<NewCompletion> completions = labelled ? List.of(new NewCompletion(List.of(Map.of("from_name",
                "sentiment", "to_name", "text", "type", "choices", "value", Map.of("choices", List.of("Positive")))),
                2.0, false, groundTruth)) : List.of();
        return new NewTask(Map.of("text", text), null, completions, List.of());
    }

    private List<String> texts(ExportService.Request request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service.prepare(project.id(), request).writeTo(out);
        List<String> texts = new ArrayList<>();
        for (JsonNode task : JSON.readTree(out.toByteArray())) {
            texts.add(task.get("data").get("text").asText());
        }
        return texts;
    }

    @Test
    void byDefaultOnlyLabelledTasksGoOutAndTheFlagsNarrowOrWidenThat() throws IOException {
        assertEquals(List.of("another cat", "a dog"), texts(new ExportService.Request("JSON", false, false, false,
                null)));
        assertEquals(List.of("a cat", "another cat", "a dog"), texts(new ExportService.Request("JSON", true, false,
                false, null)));
        assertEquals(List.of("a dog"), texts(new ExportService.Request("JSON", true, false, true, null)));
    }

    @Test
    void aSelectionByIdsOrByFilterIsWhatGoesOut() throws IOException {
        assertEquals(List.of("a cat", "a dog"), texts(new ExportService.Request("JSON", true, false, false,
                TaskSelection.ofIds(List.of(ids.get(2), ids.get(0))))));
        TaskFilter cats = new TaskFilter(false, List.of(new FilterItem(Field.data("text"), Operator.CONTAINS,
                ValueType.STRING, "cat")));
        assertEquals(List.of("a cat", "another cat"), texts(new ExportService.Request("JSON", true, false, false,
                TaskSelection.matching(cats))));
        assertEquals(List.of("another cat"), texts(new ExportService.Request("JSON", true, false, false,
                new TaskSelection(true, null, cats, List.of(ids.get(0))))));
    }

    @Test
    void theFormatGivesTypeAndFileNameAndColumnsComeFromTheData() throws IOException {
        ExportService.Prepared csv = service.prepare(project.id(), new ExportService.Request("csv", true, false,
                false, null));
        assertEquals("text/csv", csv.mediaType());
        assertTrue(csv.fileName().matches("project-" + project.id() + "-at-\\d{4}(-\\d{2}){5}\\.csv"), csv.fileName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id,text,"), text);
        assertEquals(4, text.strip().split("\r?\n").length, text);
    }

    @Test
    void anUnknownFormatOrProjectIsRefusedBeforeAnythingIsWritten() {
        ValidationException unknown = assertThrows(ValidationException.class, () -> service.prepare(project.id(),
                new ExportService.Request("XML", true, false, false, null)));
        assertEquals("exportType 'XML' is not installed; available: CSV, JSON", unknown.detail());
        assertThrows(NotFoundException.class, () -> service.prepare(999_999, new ExportService.Request("JSON", true,
                false, false, null)));
        assertEquals(List.of("CSV", "JSON"), service.formats().stream().map(ExportService.Format::name).toList());
    }
}
