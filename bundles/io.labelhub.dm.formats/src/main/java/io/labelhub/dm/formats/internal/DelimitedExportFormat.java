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

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * CSV and TSV as Label Studio's converter writes them: one row per completion that was not skipped (and one with
 * the data alone for a task without such a completion): {@code id}, every data key, one column per control with
 * its full value (a choice as its string, anything structured as JSON in the cell), then the annotator, the
 * annotation's id and times. A cell that a spreadsheet would run as a formula gets a leading apostrophe.
 */
abstract class DelimitedExportFormat implements ExportFormat {

    private static final List<String> COMPLETION_COLUMNS = List.of("annotator", "annotation_id", "created_at",
            "updated_at", "lead_time", "ground_truth");

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
            header.addAll(COMPLETION_COLUMNS);
            printer.printRecord(header.stream().map(h -> neutralise(String.valueOf(h))).toList());
            while (tasks.hasNext()) {
                Task task = tasks.next();
                List<Completion> made = task.completions().stream().filter(c -> !c.wasCancelled()).toList();
                if (made.isEmpty()) {
                    printer.printRecord(dataCells(context, task));
                }
                for (Completion completion : made) {
                    List<String> row = dataCells(context, task);
                    Map<String, Object> values = ControlValues.full(context.config(), completion);
                    for (String control : controls) {
                        row.add(neutralise(cell(values.get(control))));
                    }
                    row.add(neutralise(cell(JsonMinExportFormat.annotator(context, completion))));
                    row.add(String.valueOf(completion.id()));
                    row.add(String.valueOf(completion.createdAt()));
                    row.add(String.valueOf(completion.updatedAt()));
                    row.add(cell(completion.leadTime()));
                    row.add(String.valueOf(completion.groundTruth()));
                    printer.printRecord(row);
                }
            }
        }
        out.flush();
    }

    private static List<String> dataCells(ExportContext context, Task task) {
        List<String> row = new ArrayList<>();
        row.add(String.valueOf(task.id()));
        for (String key : context.dataKeys()) {
            row.add(neutralise(cell(task.data().get(key))));
        }
        return row;
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
