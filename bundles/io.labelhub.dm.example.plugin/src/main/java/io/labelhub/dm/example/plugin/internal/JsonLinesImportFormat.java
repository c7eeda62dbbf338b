package io.labelhub.dm.example.plugin.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.io.SampleFile;
import io.labelhub.dm.labelstudio.TaskShape;

/**
 * JSON Lines (also called NDJSON): one Label Studio task per non-empty line, a task object ({@code data},
 * {@code completions} or {@code annotations}, {@code predictions}, {@code meta}) or a flat object that is the data.
 * Records are lines, so a bad line is reported by its number and the lines after it are still read.
 */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=jsonl")
public class JsonLinesImportFormat implements ImportFormat {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final char BOM = '\uFEFF';

    @Override
    public Set<String> extensions() {
        return Set.of("jsonl", "ndjson");
    }

    @Override
    public void read(InputStream in, ImportContext context, ImportSink sink) throws IOException {
        // not closed: the stream belongs to the importer (an upload, or an entry of an archive)
        BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        long line = 0;
        try {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (line == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    one(text, line, sink);
                }
            }
        } catch (CharacterCodingException e) {
            // the decoder reads ahead, so the line is where it noticed, not always where the bad byte is
            throw new ImportException("the file is not UTF-8 text (noticed after line " + line + ")");
        }
    }

    private static void one(String text, long line, ImportSink sink) throws IOException {
        Object value;
        try (JsonParser parser = MAPPER.createParser(text)) {
            value = MAPPER.readValue(parser, Object.class);
            if (parser.nextToken() != null) {
                sink.problem(line, "more than one JSON value on the line (column "
                        + parser.currentTokenLocation().getColumnNr() + "); put each task on a line of its own");
                return;
            }
        } catch (JsonProcessingException e) {
            sink.problem(line, "not valid JSON" + column(e.getLocation()) + ": " + e.getOriginalMessage());
            return;
        }
        List<String> problems = new ArrayList<>();
        NewTask task = TaskShape.task(value, "", problems);
        if (task == null) {
            problems.forEach(problem -> sink.problem(line, problem));
        } else {
            sink.task(line, task);
        }
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
    }

    @Override
    public Optional<SampleFile> sample(ImportContext context, Map<String, Object> sample) {
        try {
            String data = MAPPER.writeValueAsString(sample);
            // both shapes a line may take: a task object, and a flat object that is the data
            String lines = "{\"data\": " + data + "}\n" + data + "\n";
            return Optional.of(new SampleFile("jsonl", "application/x-ndjson",
                    lines.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sample data that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
