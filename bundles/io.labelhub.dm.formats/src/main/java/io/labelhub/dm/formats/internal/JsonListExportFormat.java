package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/** A JSON list written task by task with a streaming generator; subclasses say what a task becomes. */
abstract class JsonListExportFormat implements ExportFormat {

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonImportFormat.MAPPER.getFactory()
                .createGenerator(new NonClosingOutputStream(out), JsonEncoding.UTF8)) {
            json.writeStartArray();
            while (tasks.hasNext()) {
                write(json, context, tasks.next());
            }
            json.writeEndArray();
        }
        out.flush();
    }

    /** Writes the list items one task gives. */
    abstract void write(JsonGenerator json, ExportContext context, Task task) throws IOException;
}
