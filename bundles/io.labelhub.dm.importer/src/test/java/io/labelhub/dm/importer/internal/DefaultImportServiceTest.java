package io.labelhub.dm.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.ImportService.Upload;
import io.labelhub.dm.core.internal.DefaultTaskValidator;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;
import io.labelhub.dm.formats.internal.CsvImportFormat;
import io.labelhub.dm.formats.internal.JsonImportFormat;
import io.labelhub.dm.formats.internal.TxtImportFormat;
import io.labelhub.dm.formats.internal.ZipArchiveFormat;
import io.labelhub.dm.storage.jpa.internal.TestStorage;

/**
 * The import service on real storage (embedded Derby) with the real formats and checks: its limits, how it reports
 * problems, all or nothing, and whose name a completion carries.
 */
class DefaultImportServiceTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/>"
            + "</Choices></View>";

    @TempDir
    Path folder;

    private TestStorage storage;
    private User importer;
    private Project project;

    @BeforeEach
    void open() throws Exception {
        storage = new TestStorage(folder);
        importer = storage.users.insert("importer@example.com", "x", "Im", "Porter", Role.MANAGER);
        project = storage.projects.insert(new ProjectDraft("Import", "", CONFIG, "sequential", 1), importer.id());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private DefaultImportService service(long maxUpload, long maxUnpacked, int maxRatio, int maxEntries,
                                         int maxDepth) {
        XmlLabelConfigService labelConfigs = new XmlLabelConfigService();
        DefaultTaskValidator validator = new DefaultTaskValidator(labelConfigs, 10_000_000);
        DefaultImportService service = new DefaultImportService(storage.projects, storage.bulk, labelConfigs,
                validator, storage.users, storage.server, new DefaultImportService.Limits() {
                    @Override
                    public Class<? extends Annotation> annotationType() {
                        return DefaultImportService.Limits.class;
                    }

                    @Override
                    public long max_upload_bytes() {
                        return maxUpload;
                    }

                    @Override
                    public long max_uncompressed_bytes() {
                        return maxUnpacked;
                    }

                    @Override
                    public int max_compression_ratio() {
                        return maxRatio;
                    }

                    @Override
                    public int max_archive_entries() {
                        return maxEntries;
                    }

                    @Override
                    public int max_archive_depth() {
                        return maxDepth;
                    }
                });
        service.addImportFormat(new JsonImportFormat(), Map.of("format", "json", "service.id", 1L));
        service.addImportFormat(new CsvImportFormat(), Map.of("format", "csv", "service.id", 2L));
        service.addImportFormat(new TxtImportFormat(), Map.of("format", "txt", "service.id", 3L));
        service.addArchiveFormat(new ZipArchiveFormat(), Map.of("format", "zip", "service.id", 4L));
        return service;
    }

    private DefaultImportService roomy() {
        return service(1L << 30, 1L << 30, 200, 1000, 3);
    }

    private static Upload file(String name, String content) {
        return new Upload(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Upload file(String name, byte[] content) {
        return new Upload(name, new ByteArrayInputStream(content));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private long taskCount() {
        return storage.projects.find(project.id()).orElseThrow().taskCount();
    }

    @Test
    void everyFileIsCountedAndItsFormatNamed() throws IOException {
        ImportService.Result result = roomy().importFiles(project.id(), List.of(
                file("a.csv", "text\r\none\r\ntwo\r\n"), file("b.TXT", "three\nfour\nfive\n"),
                file("c.zip", zip(Map.of("inner/d.json", "[{\"text\": \"six\"}]".getBytes(StandardCharsets.UTF_8))))),
                importer);
        assertEquals(6, result.taskCount());
        assertEquals(List.of(new ImportService.FileResult("a.csv", "csv", 2),
                new ImportService.FileResult("b.TXT", "txt", 3),
                new ImportService.FileResult("c.zip/inner/d.json", "json", 1)), result.files());
        assertEquals(6, taskCount());
    }

    @Test
    void problemsNameFileAndRecordTheFirstHundredAreListedAndNothingIsStored() {
        StringBuilder csv = new StringBuilder("title\r\n");
        for (int i = 0; i < 150; i++) {
            csv.append("row ").append(i).append("\r\n");
        }
        ValidationException refused = assertThrows(ValidationException.class, () -> roomy().importFiles(
                project.id(), List.of(file("good.txt", "fine\n"), file("bad.csv", csv.toString())), importer));
        assertEquals("import refused: nothing was imported", refused.error());
        Map<?, ?> detail = (Map<?, ?>) refused.detail();
        List<?> problems = (List<?>) detail.get("problems");
        assertEquals(150L, ((Number) detail.get("total")).longValue());
        assertEquals(DefaultImportService.MAX_REPORTED_PROBLEMS, problems.size());
        assertTrue(String.valueOf(problems.get(0)).startsWith("bad.csv, line 2: "), String.valueOf(problems.get(0)));
        assertTrue(String.valueOf(problems.get(0)).contains("text"), String.valueOf(problems.get(0)));
        assertTrue(String.valueOf(problems.get(99)).startsWith("bad.csv, line 101: "));
        assertEquals(0, taskCount(), "the good file's task went with the bad one");

        ValidationException json = assertThrows(ValidationException.class, () -> roomy().importJson(project.id(),
                new ByteArrayInputStream("[{\"text\": \"ok\"}, {\"title\": \"no text\"}]"
                        .getBytes(StandardCharsets.UTF_8)), importer));
        assertTrue(String.valueOf(((Map<?, ?>) json.detail()).get("problems")).contains("request body, task 2: "),
                String.valueOf(json.detail()));
    }

    @Test
    void theUploadLimitCountsAllFilesTogether() {
        DmException tooLarge = assertThrows(DmException.class, () -> service(100, 1L << 30, 200, 1000, 3)
                .importFiles(project.id(), List.of(file("a.txt", "x".repeat(60) + "\n"),
                        file("b.txt", "y".repeat(60) + "\n")), importer));
        assertEquals(DmException.Kind.TOO_LARGE, tooLarge.kind());
        assertTrue(String.valueOf(tooLarge.detail()).contains("at most 100 bytes"), String.valueOf(tooLarge.detail()));
        assertEquals(0, taskCount());
    }

    @Test
    void archivesAreBoundedInRatioEntriesAndDepth() throws IOException {
        byte[] bomb = zip(Map.of("bomb.txt", ("a".repeat(1000) + "\n").repeat(3000).getBytes(StandardCharsets.UTF_8)));
        DmException ratio = assertThrows(DmException.class, () -> service(1L << 30, 1L << 30, 20, 1000, 3)
                .importFiles(project.id(), List.of(file("bomb.zip", bomb)), importer));
        assertEquals(DmException.Kind.TOO_LARGE, ratio.kind());
        assertTrue(String.valueOf(ratio.detail()).contains("bomb.zip: unpacks to more than 20 times its size"),
                String.valueOf(ratio.detail()));

        byte[] many = zip(Map.of("1.txt", "a\n".getBytes(StandardCharsets.UTF_8), "2.txt",
                "b\n".getBytes(StandardCharsets.UTF_8), "3.txt", "c\n".getBytes(StandardCharsets.UTF_8)));
        DmException entries = assertThrows(DmException.class, () -> service(1L << 30, 1L << 30, 200, 2, 3)
                .importFiles(project.id(), List.of(file("many.zip", many)), importer));
        assertEquals(DmException.Kind.UNPROCESSABLE, entries.kind());
        assertTrue(String.valueOf(entries.detail()).contains("at most 2 entries"), String.valueOf(entries.detail()));

        byte[] nested = zip(Map.of("inner.zip", zip(Map.of("deep.zip", zip(Map.of("x.txt",
                "x\n".getBytes(StandardCharsets.UTF_8)))))));
        DmException depth = assertThrows(DmException.class, () -> service(1L << 30, 1L << 30, 200, 1000, 2)
                .importFiles(project.id(), List.of(file("outer.zip", nested)), importer));
        assertEquals(DmException.Kind.UNPROCESSABLE, depth.kind());
        assertTrue(String.valueOf(depth.detail()).contains("at most 2 deep"), String.valueOf(depth.detail()));
        assertEquals(0, taskCount());
    }

    @Test
    void anUnknownFileTypeIsRefusedNamingWhatCanBeImported() {
        DmException refused = assertThrows(DmException.class, () -> roomy().importFiles(project.id(),
                List.of(file("slides.pdf", "%PDF")), importer));
        assertEquals(DmException.Kind.UNSUPPORTED_MEDIA_TYPE, refused.kind());
        assertEquals("slides.pdf: files of type '.pdf' cannot be imported; installed formats: csv, json, txt, zip",
                refused.detail());
    }

    @Test
    void aLenientImportKeepsResultsThatDoNotFitTheConfigAndFlagsThem() {
        String json = "[{\"data\": {\"text\": \"a\"}, \"annotations\": [{\"result\": [{\"from_name\": \"mood\", "
                + "\"to_name\": \"text\", \"type\": \"choices\", \"value\": {\"choices\": [\"Happy\"]}}]}]},"
                + "{\"data\": {\"text\": \"b\"}}]";
        ValidationException strict = assertThrows(ValidationException.class, () -> importJson(json,
                ImportService.UnknownAuthors.REFUSE));
        assertTrue(String.valueOf(strict.detail()).contains("from_name 'mood' is not a control"), strict.getMessage());
        assertEquals(0, taskCount());

        ImportService.Result lenient = roomy().importJson(project.id(), new ByteArrayInputStream(
                json.getBytes(StandardCharsets.UTF_8)), importer,
                new ImportService.Options(ImportService.UnknownAuthors.REFUSE, false));
        assertEquals(2, lenient.taskCount());
        assertEquals(1, lenient.flagged().size());
        assertTrue(lenient.flagged().get(0).startsWith("request body, task 1: completions[0].result[0]: from_name "
                + "'mood' is not a control"), lenient.flagged().get(0));
        Task kept = storage.tasks.find(storage.tasks.list(project.id(), new PageRequest(1, 10)).items().get(0).id(),
                true).orElseThrow();
        assertEquals("mood", kept.completions().get(0).result().get(0).get("from_name"), "stored as the file says");
        assertTrue(kept.completions().get(0).flagged().startsWith("result[0]: from_name 'mood' is not a control"),
                kept.completions().get(0).flagged());

        // data that does not fit stays a problem in either mode
        assertThrows(ValidationException.class, () -> roomy().importJson(project.id(), new ByteArrayInputStream(
                "[{\"data\": {\"txt\": \"typo\"}}]".getBytes(StandardCharsets.UTF_8)), importer,
                new ImportService.Options(ImportService.UnknownAuthors.REFUSE, false)));
    }

    @Test
    void labelStudiosUndefinedKeyIsTheConfigsOneDataKey() {
        String json = "[{\"data\": {\"$undefined$\": \"unnamed\", \"other\": 1}, "
                + "\"created_at\": \"2023-05-01T08:00:00Z\"}]";
        roomy().importJson(project.id(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), importer);
        Task task = storage.tasks.list(project.id(), new PageRequest(1, 10)).items().get(0);
        assertEquals(Map.of("text", "unnamed", "other", 1), task.data());
        assertEquals("2023-05-01T08:00:00Z", task.createdAt().toString(), "the renamed task keeps its times");
    }

    private List<String> authorsOfTheOneTask() {
        return authorsOfTask(0);
    }

    private List<String> authorsOfTask(int index) {
        Task task = storage.tasks.list(project.id(), new PageRequest(1, 10)).items().get(index);
        return storage.tasks.find(task.id(), true).orElseThrow().completions().stream()
                .map(c -> storage.users.find(c.completedBy()).orElseThrow().email()).sorted().toList();
    }

    private ImportService.Result importJson(String json, ImportService.UnknownAuthors unknown) {
        return roomy().importJson(project.id(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                importer, new ImportService.Options(unknown));
    }

    @Test
    void authorsAreFoundByEmailThenByIdOnlyFromThisServerAndNobodyIsCreditedSilently() {
        User ann = storage.users.insert("ann@example.com", "x", "Ann", "", Role.ANNOTATOR);
        User bob = storage.users.insert("bob@example.com", "x", "Bob", "", Role.ANNOTATOR);
        String here = storage.server.id();
        // by e-mail whatever the id says; by id when the file says it is this server's
        importJson("[{\"data\": {\"text\": \"a\"}, \"annotations\": ["
                + "{\"completed_by\": {\"id\": 99999, \"email\": \"ann@example.com\"}, \"result\": []},"
                + "{\"completed_by\": " + bob.id() + ", \"labelhub_server\": \"" + here + "\", \"result\": []}]}]",
                ImportService.UnknownAuthors.REFUSE);
        assertEquals(List.of("ann@example.com", "bob@example.com"), authorsOfTheOneTask());

        // an id from another server, an unknown e-mail: refused, listed, nothing stored
        DmException refused = assertThrows(DmException.class, () -> importJson("[{\"data\": {\"text\": \"b\"}, "
                + "\"annotations\": [{\"completed_by\": " + ann.id() + ", \"result\": []},"
                + "{\"completed_by\": {\"email\": \"carl@elsewhere.org\"}, \"result\": []}]}]",
                ImportService.UnknownAuthors.REFUSE));
        assertEquals(DmException.Kind.UNPROCESSABLE, refused.kind());
        assertEquals(List.of("user " + ann.id() + " of the server that wrote the file", "carl@elsewhere.org"),
                ((Map<?, ?>) refused.detail()).get("unknown_authors"));
        assertEquals(1, taskCount());
    }

    @Test
    void unknownAuthorsAreTheImportersOrNewInactiveUsersWhenAsked() {
        String json = "[{\"data\": {\"text\": \"a\"}, \"annotations\": [{\"completed_by\": {\"id\": 7, "
                + "\"email\": \"dora@elsewhere.org\", \"first_name\": \"Dora\"}, \"result\": []}]}]";
        importJson(json, ImportService.UnknownAuthors.IMPORTER);
        assertEquals(List.of("importer@example.com"), authorsOfTheOneTask());
        Task credited = storage.tasks.find(storage.tasks.list(project.id(), new PageRequest(1, 10)).items().get(0)
                .id(), true).orElseThrow();
        assertEquals(new io.labelhub.dm.api.Author(7L, "dora@elsewhere.org", "Dora", null, null),
                credited.completions().get(0).originalAuthor(), "the file's author kept beside the importer");
        importJson(json, ImportService.UnknownAuthors.CREATE);
        assertEquals(List.of("dora@elsewhere.org"), authorsOfTask(1));
        User dora = storage.users.findByEmail("dora@elsewhere.org").orElseThrow().user();
        assertEquals("Dora", dora.firstName());
        assertFalse(dora.active(), "made inactive: nobody signs in as them until an admin says so");
        importJson(json, ImportService.UnknownAuthors.CREATE);
        assertEquals(List.of("dora@elsewhere.org"), authorsOfTask(2), "the second import finds the user the first made");
    }
}
