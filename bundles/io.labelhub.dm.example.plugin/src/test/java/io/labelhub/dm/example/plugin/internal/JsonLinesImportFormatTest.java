package io.labelhub.dm.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.io.SampleFile;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

class JsonLinesImportFormatTest {

    private static final LabelConfig CONFIG = new LabelConfig("<View/>",
            List.of(new ObjectTag("text", "Text", "text", false)),
            List.of(new ControlTag("label", "Choices", List.of("text"), List.of("Cat", "Dog"))));

    /** What the format read: tasks by line, and problems as "line: reason". */
    private static final class Collected implements ImportSink {
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
    }

    private static Collected read(InputStream in) throws IOException {
        Collected sink = new Collected();
        new JsonLinesImportFormat().read(in, new ImportContext("file.jsonl", CONFIG), sink);
        return sink;
    }

    private static Collected read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTaskObjectsAndFlatObjectsOnePerNonEmptyLine() throws IOException {
        Collected read = read("\uFEFF{\"text\": \"flat\"}\r\n"
                + "\n"
                + "   \n"
                + "{\"data\": {\"text\": \"full\"}, \"meta\": {\"batch\": 7}, \"annotations\": [{\"result\": "
                + "[{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"choices\", \"value\": {\"choices\": "
                + "[\"Cat\"]}}], \"was_cancelled\": false}], \"predictions\": [{\"result\": [], \"score\": 0.25}]}\n"
                + "{\"data\": {\"text\": \"no newline at the end\"}}");
        assertEquals(List.of(), read.problems);
        assertEquals(List.of(1L, 4L, 5L), List.copyOf(read.tasks.keySet()));
        assertEquals(Map.of("text", "flat"), read.tasks.get(1L).data());
        NewTask full = read.tasks.get(4L);
        assertEquals(Map.of("text", "full"), full.data());
        assertEquals(Map.of("batch", 7), full.meta());
        assertEquals("Cat", ((List<?>) ((Map<?, ?>) full.completions().get(0).result().get(0).get("value"))
                .get("choices")).get(0));
        assertEquals(0.25, full.predictions().get(0).score());
        assertEquals(Map.of("text", "no newline at the end"), read.tasks.get(5L).data());
    }

    @Test
    void namesEachBadLineWithItsReasonAndReadsOn() throws IOException {
        Collected read = read("{\"text\": \"ok\"}\n"
                + "{\"text\": \n"
                + "42\n"
                + "{\"data\": \"x\"}\n"
                + "{\"text\": \"a\"} {\"text\": \"b\"}\n"
                + "{\"text\": 1, \"text\": 2}\n"
                + "{\"text\": \"also ok\"}\n");
        assertEquals(List.of(1L, 7L), List.copyOf(read.tasks.keySet()));
        assertEquals(5, read.problems.size(), read.problems.toString());
        assertTrue(read.problems.get(0).startsWith("2: not valid JSON at column "), read.problems.get(0));
        assertEquals("3: a task must be a JSON object", read.problems.get(1));
        assertEquals("4: data must be a JSON object", read.problems.get(2));
        assertEquals("5: more than one JSON value on the line (column 15); put each task on a line of its own",
                read.problems.get(3));
        assertTrue(read.problems.get(4).startsWith("6: not valid JSON") && read.problems.get(4).contains("text"),
                read.problems.get(4));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAsAWhole() {
        byte[] latin1 = "{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        ImportException refused = assertThrows(ImportException.class, () -> read(new ByteArrayInputStream(latin1)));
        assertTrue(refused.reason().startsWith("the file is not UTF-8 text"), refused.reason());
    }

    /** Lines made as they are read, counting what the format has taken from the stream. */
    private static final class Generated extends InputStream {
        static final int LINE_BYTES = line(0).length;
        private final int lines;
        private int next;
        private byte[] current = new byte[0];
        private int position;
        long handedOut;

        Generated(int lines) {
            this.lines = lines;
        }

        /** Every line has the same length, so where line n ends is known. */
        static byte[] line(int i) {
            return String.format("{\"text\": \"line %07d\"}\n", i).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (next == lines) {
                    return -1;
                }
                current = line(next++);
                position = 0;
            }
            handedOut++;
            return current[position++] & 0xFF;
        }
    }

    /**
     * Each task reaches the sink before the format has read much past its line, so a file of any size is read in
     * constant memory; a format that read the whole file first would fail at the first task.
     */
    @Test
    void handsOnEachLineBeforeReadingFar() throws IOException {
        int lines = 100_000;
        Generated stream = new Generated(lines);
        long[] count = {0};
        new JsonLinesImportFormat().read(stream, new ImportContext("big.jsonl", CONFIG), new ImportSink() {
            @Override
            public void task(long record, NewTask task) {
                assertEquals(String.format("line %07d", record - 1), task.data().get("text"));
                long ahead = stream.handedOut - record * Generated.LINE_BYTES;
                assertTrue(ahead < 64 * 1024, "read " + ahead + " bytes past line " + record);
                count[0]++;
            }

            @Override
            public void problem(long record, String reason) {
                throw new AssertionError(record + ": " + reason);
            }
        });
        assertEquals(lines, count[0]);
    }

    @Test
    void theSampleFileHoldsBothShapesAndReadsBack() throws IOException {
        SampleFile sample = new JsonLinesImportFormat().sample(new ImportContext("sample", CONFIG),
                Map.of("text", "To be or not to be")).orElseThrow();
        assertEquals("jsonl", sample.extension());
        assertEquals("application/x-ndjson", sample.mediaType());
        Collected read = read(new ByteArrayInputStream(sample.content()));
        assertEquals(List.of(), read.problems);
        assertEquals(List.of(Map.of("text", "To be or not to be"), Map.of("text", "To be or not to be")),
                read.tasks.values().stream().map(NewTask::data).toList());
    }
}
