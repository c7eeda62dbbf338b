package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.SampleFile;

/** Sample files for the "Add more data" dialog, made from a config's sample data, one per built-in format. */
final class Samples {

    private Samples() {
    }

    /** A JSON list with one task. */
    static SampleFile json(Map<String, Object> sample) {
        return file("json", "application/json", "[\n  {\"data\": " + json((Object) sample) + "}\n]\n");
    }

    /** A header row and one row; values that are not strings as JSON, the way the importer reads them back. */
    static SampleFile delimited(Map<String, Object> sample, char delimiter, String extension, String mediaType) {
        List<String> row = new ArrayList<>();
        sample.values().forEach(value -> row.add(value instanceof String s ? s : json(value)));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
            printer.printRecord(sample.keySet());
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(extension, mediaType, out.toString());
    }

    /** Two lines of text for the config's one data key; none when the config reads more than one key. */
    static Optional<SampleFile> txt(ImportContext context, Map<String, Object> sample) {
        if (sample.size() != 1) {
            return Optional.empty();
        }
        String text = String.valueOf(sample.get(context.textKey()));
        return Optional.of(file("txt", "text/plain", text + "\n" + text.toUpperCase(Locale.ROOT) + "\n"));
    }

    private static String json(Object value) {
        try {
            return JsonImportFormat.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sample data that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SampleFile file(String extension, String mediaType, String content) {
        return new SampleFile(extension, mediaType, content.getBytes(StandardCharsets.UTF_8));
    }
}
