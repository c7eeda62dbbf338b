package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;

/**
 * CSV and TSV: the header row names the data keys; RFC 4180 quoting (quoted delimiters and newlines), UTF-8 with
 * or without BOM, LF or CRLF. Each record becomes a task whose {@code data} maps header to cell.
 */
abstract class DelimitedImportFormat implements ImportFormat {

    private final CSVFormat format;

    DelimitedImportFormat(char delimiter) {
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(false).setIgnoreEmptyLines(true).get();
    }

    @Override
    public void read(InputStream in, ImportContext context, ImportSink sink) throws IOException {
        Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(new NonClosingInputStream(in))
                .get(), StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT));
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw new ImportException("the header row is not usable: " + e.getMessage());
        } catch (UncheckedIOException | java.nio.charset.CharacterCodingException e) {
            throw new ImportException("the header row is not UTF-8 text");
        }
        try (parser) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new ImportException("the file has no header row");
            }
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (name.isBlank() || !seen.add(name)) {
                    throw new ImportException("the header row has an empty or repeated column name '" + name + "'");
                }
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() > header.size()) {
                    sink.problem(line, "the row has " + record.size() + " cells but the header has "
                            + header.size());
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    data.put(header.get(i), record.get(i));
                }
                sink.task(line, new NewTask(data, null, List.of(), List.of()));
            }
        } catch (UncheckedIOException e) {
            throw new ImportException(describe(e.getCause()));
        } catch (IOException e) {
            throw new ImportException(describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        return "cannot be read as " + "delimited text: " + e.getMessage();
    }
}
