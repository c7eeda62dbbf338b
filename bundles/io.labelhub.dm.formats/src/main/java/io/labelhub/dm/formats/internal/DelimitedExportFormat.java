package io.labelhub.dm.formats.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * CSV and TSV: one row per task: {@code id}, every data key, one column per control (its values across the task's
 * completions, joined with {@code |}), and the counts. A cell that a spreadsheet would run as a formula gets a
 * leading apostrophe.
 */
abstract class DelimitedExportFormat implements ExportFormat {

    private final CSVFormat format;

    DelimitedExportFormat(char delimiter) {
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\r\n").get();
    }

    @Override
    public boolean needsDataKeys() {
        return true;
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out),
                StandardCharsets.UTF_8));
        try (CSVPrinter printer = new CSVPrinter(writer, format)) {
            List<String> controls = context.config().controls().stream().map(c -> c.name()).toList();
            List<Object> header = new ArrayList<>();
            header.add("id");
            header.addAll(context.dataKeys());
            header.addAll(controls);
            header.add("completions");
            header.add("predictions");
            header.add("ground_truth");
            printer.printRecord(header.stream().map(h -> neutralise(String.valueOf(h))).toList());
            while (tasks.hasNext()) {
                Task task = tasks.next();
                List<String> row = new ArrayList<>(header.size());
                row.add(String.valueOf(task.id()));
                for (String key : context.dataKeys()) {
                    row.add(neutralise(cell(task.data().get(key))));
                }
                Map<String, List<Object>> values = ControlValues.of(context.config(), task.completions());
                for (String control : controls) {
                    row.add(neutralise(values.get(control).stream().map(DelimitedExportFormat::cell)
                            .collect(Collectors.joining("|"))));
                }
                row.add(String.valueOf(task.completionCount()));
                row.add(String.valueOf(task.predictionCount()));
                row.add(String.valueOf(task.groundTruth()));
                printer.printRecord(row);
            }
        }
        out.flush();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return JsonImportFormat.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** OWASP's advice for CSV injection: a cell starting with = + - @ (or tab, CR) is prefixed with '. */
    static String neutralise(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
