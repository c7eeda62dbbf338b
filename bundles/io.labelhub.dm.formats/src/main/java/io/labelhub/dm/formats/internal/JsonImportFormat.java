package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

/** A JSON list of tasks (or one task), read one task at a time with Jackson's streaming parser. */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=json")
public class JsonImportFormat implements ImportFormat {

    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String NOT_UTF8 = "the file is not UTF-8 text (it has malformed byte sequences)";

    @Override
    public Set<String> extensions() {
        return Set.of("json");
    }

    /**
     * Reads the file as strict UTF-8, JSON's one encoding: Jackson's own decoder takes overlong forms such as
     * {@code C0 BC} for {@code <}, which dodge filters.
     */
    @Override
    public void read(InputStream in, ImportContext context, ImportSink sink) throws IOException {
        try (JsonParser parser = MAPPER.createParser(new StrictUtf8InputStream(new NonClosingInputStream(in)))) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                one(parser, 1, sink);
            } else if (first == JsonToken.START_ARRAY) {
                long record = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == null) {
                        throw new ImportException("the JSON list is not closed");
                    }
                    one(parser, ++record, sink);
                }
            } else {
                throw new ImportException(first == null ? "the file is empty"
                        : "not a JSON list of tasks or a task object");
            }
            if (parser.nextToken() != null) {
                throw new ImportException("unexpected content after the JSON value at " + where(parser.currentLocation()));
            }
        } catch (CharacterCodingException e) {
            // the parser reads ahead by its buffer, so its place would not be where the bytes are
            throw new ImportException(NOT_UTF8);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new ImportException(NOT_UTF8);
            }
            throw new ImportException("not valid JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
        }
    }

    private static void one(JsonParser parser, long record, ImportSink sink) throws IOException {
        Object value = MAPPER.readValue(parser, Object.class);
        List<String> problems = new ArrayList<>();
        NewTask task = TaskShape.task(value, "", problems);
        if (task == null) {
            problems.forEach(p -> sink.problem(record, p));
        } else {
            sink.task(record, task);
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown place"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public String recordName() {
        return "task";
    }

    @Override
    public Optional<SampleFile> sample(ImportContext context, Map<String, Object> sample) {
        return Optional.of(Samples.json(sample));
    }
}
