package io.labelhub.dm.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

class ImportFormatsTest {

    static final LabelConfig CONFIG = new LabelConfig("<View/>",
            List.of(new ObjectTag("text", "Text", "text", false)),
            List.of(new ControlTag("label", "Choices", List.of("text"), List.of("Cat", "Dog"))));

    /** What a format read: tasks by record, and problems as "record: reason". */
    static final class Collected implements ImportSink {
        final Map<Long, NewTask> tasks = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void task(long record, NewTask task) {
            tasks.put(record, task);
        }

        @Override
        public void problem(long record, String reason) {
            problems.add(record + ": " + reason);
        }

        List<Map<String, Object>> data() {
            return tasks.values().stream().map(NewTask::data).toList();
        }
    }

    static Collected read(ImportFormat format, byte[] bytes) throws IOException {
        Collected sink = new Collected();
        InputStream in = new ByteArrayInputStream(bytes);
        format.read(in, new ImportContext("file", CONFIG), sink);
        return sink;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String refusal(ImportFormat format, byte[] bytes) {
        return assertThrows(ImportException.class, () -> read(format, bytes)).reason();
    }

    @Test
    void jsonReadsAListOfFlatAndFullTasksOrOneTask() throws IOException {
        Collected read = read(new JsonImportFormat(), utf8("""
                [{"text": "flat"},
                 {"data": {"text": "full"}, "meta": {"k": 1},
                  "annotations": [{"result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                               "value": {"choices": ["Cat"]}}],
                                   "completed_by": {"id": 7}, "created_at": "2024-01-02T03:04:05Z"}],
                  "predictions": [{"result": [], "score": 0.9, "model_version": "m"}]}]"""));
        assertEquals(List.of(Map.of("text", "flat"), Map.of("text", "full")), read.data());
        NewTask full = read.tasks.get(2L);
        // the file's author, not yet a user here (the import service finds who that is)
        assertEquals(new Author(7L, null, null, null, null), full.completions().get(0).author());
        assertEquals(null, full.completions().get(0).completedBy());
        assertEquals("2024-01-02T03:04:05Z", full.completions().get(0).createdAt().toString());
        assertEquals(0.9, full.predictions().get(0).score());
        assertEquals(Map.of("k", 1), full.meta());

        assertEquals(List.of(Map.of("text", "one")), read(new JsonImportFormat(), utf8("{\"text\": \"one\"}")).data());
    }

    @Test
    void jsonNamesBadRecordsAndBadFiles() throws IOException {
        Collected read = read(new JsonImportFormat(), utf8("[{\"text\": \"ok\"}, 42, {\"data\": \"x\"}]"));
        assertEquals(1, read.tasks.size());
        assertEquals(List.of("2: a task must be a JSON object", "3: data must be a JSON object"), read.problems);

        assertTrue(refusal(new JsonImportFormat(), utf8("[{\"text\": \"a\"},\n {\"text\": }]"))
                .startsWith("not valid JSON at line 2"));
        assertTrue(refusal(new JsonImportFormat(), utf8("\"just a string\"")).contains("not a JSON list"));
        assertTrue(refusal(new JsonImportFormat(), utf8("")).contains("empty"));
        assertTrue(refusal(new JsonImportFormat(), utf8("[] []")).contains("after the JSON value"));
        assertTrue(refusal(new JsonImportFormat(), utf8("[{\"text\": 1, \"text\": 2}]")).contains("text"));
        // an overlong '<' (C0 BC), which Jackson's own decoder would read as '<'
        byte[] overlong = utf8("[{\"text\": \"ok\"},\n {\"text\": \"__script>\"}]");
        int at = utf8("[{\"text\": \"ok\"},\n {\"text\": \"").length;
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xBC;
        String malformed = refusal(new JsonImportFormat(), overlong);
        assertTrue(malformed.contains("not UTF-8"), malformed);
        assertEquals(List.of(Map.of("text", "with a BOM")),
                read(new JsonImportFormat(), utf8("\uFEFF[{\"text\": \"with a BOM\"}]")).data());
    }

    @Test
    void csvHandlesBomCrlfQuotingNewlinesAndUnicode() throws IOException {
        byte[] csv = utf8("\uFEFFtext,lang\r\n\"Hello, \"\"world\"\"\",en\r\n\"two\r\nlines\",de\r\nçà ✓ 日本,ja\r\n");
        Collected read = read(new CsvImportFormat(), csv);
        assertEquals(List.of(
                Map.of("text", "Hello, \"world\"", "lang", "en"),
                Map.of("text", "two\r\nlines", "lang", "de"),
                Map.of("text", "çà ✓ 日本", "lang", "ja")), read.data());
        assertEquals(List.of(2L, 3L, 4L), List.copyOf(read.tasks.keySet()));
    }

    @Test
    void csvRefusesRowsWiderThanTheHeaderAndBadHeaders() throws IOException {
        Collected read = read(new CsvImportFormat(), utf8("text\na\nb,c\n"));
        assertEquals(List.of("3: the row has 2 cells but the header has 1"), read.problems);
        assertTrue(refusal(new CsvImportFormat(), utf8("text,text\na,b\n")).contains("repeated"));
        assertTrue(refusal(new CsvImportFormat(), utf8("")).contains("no header"));
        assertTrue(refusal(new CsvImportFormat(), new byte[] {'t', '\n', (byte) 0xC3, (byte) 0x28, '\n'})
                .contains("UTF-8"));
    }

    @Test
    void tsvSplitsOnTabs() throws IOException {
        Collected read = read(new TsvImportFormat(), utf8("text\tnote\na, b\t\"quoted\ttab\"\n"));
        assertEquals(List.of(Map.of("text", "a, b", "note", "quoted\ttab")), read.data());
    }

    @Test
    void txtMakesATaskOfEveryNonEmptyLine() throws IOException {
        Collected read = read(new TxtImportFormat(), utf8("\uFEFFfirst\r\n\r\n  \nsecond\n"));
        assertEquals(List.of(Map.of("text", "first"), Map.of("text", "second")), read.data());
        assertEquals(List.of(1L, 4L), List.copyOf(read.tasks.keySet()));
        assertTrue(refusal(new TxtImportFormat(), new byte[] {'o', 'k', '\n', (byte) 0xFF, '\n'})
                .contains("not UTF-8"));
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry("dir/"));
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("dir\\Inner.CSV"));
            zip.write(utf8("text\nzipped\n"));
            zip.closeArchiveEntry();
            ZipArchiveEntry link = new ZipArchiveEntry("link-to-etc");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write(utf8("/etc/passwd"));
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("../escape.txt"));
            zip.write(utf8("a name, not a path\n"));
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void zipYieldsFileEntriesByNameAndPassesOverDirectoriesAndLinks() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        new ZipArchiveFormat().entries(new ByteArrayInputStream(zip()),
                (name, content) -> entries.put(name, new String(content.readAllBytes(), StandardCharsets.UTF_8)));
        // a stream has no central directory, so a link is only an entry whose content is its target's name:
        // read as text, never followed (and without an importable extension, never imported)
        assertEquals(Map.of("dir/Inner.CSV", "text\nzipped\n", "link-to-etc", "/etc/passwd",
                "../escape.txt", "a name, not a path\n"), entries);
    }

    @Test
    void zipRefusesEncryptedEntriesAndNonZips() throws IOException {
        byte[] encryptedZip = zip();
        // Commons Compress writes no encrypted entries: set the "encrypted" flag of the first local header by hand
        encryptedZip[6] |= 1;
        ImportException encrypted = assertThrows(ImportException.class, () -> new ZipArchiveFormat()
                .entries(new ByteArrayInputStream(encryptedZip), (name, content) -> content.readAllBytes()));
        assertTrue(encrypted.reason().contains("encrypted"), encrypted.reason());
        ImportException notZip = assertThrows(ImportException.class, () -> new ZipArchiveFormat()
                .entries(new ByteArrayInputStream(utf8("text\nnot a zip\n")), (name, content) -> {
                }));
        assertTrue(notZip.reason().contains("ZIP"), notZip.reason());
    }
}
