package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.io.ImportFormat;

/** One flat object per completion: the task's data fields, then each control's value (a list when several). */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=JSON_MIN")
public class JsonMinExportFormat implements ExportFormat {

    @Override
    public String name() {
        return "JSON_MIN";
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String description() {
        return "one flat object per completion: data fields and each control's value";
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonImportFormat.MAPPER.getFactory()
                .createGenerator(new NonClosingOutputStream(out), JsonEncoding.UTF8)) {
            json.writeStartArray();
            while (tasks.hasNext()) {
                Task task = tasks.next();
                for (Completion completion : task.completions()) {
                    json.writeStartObject();
                    json.writeNumberField("id", task.id());
                    for (Map.Entry<String, Object> field : task.data().entrySet()) {
                        json.writeObjectField(field.getKey(), field.getValue());
                    }
                    ControlValues.of(context.config(), List.of(completion)).forEach((control, values) -> {
                        try {
                            if (!values.isEmpty()) {
                                json.writeObjectField(control, values.size() == 1 ? values.get(0) : values);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    json.writeNumberField("completion_id", completion.id());
                    json.writeObjectField("annotator", completion.completedBy());
                    json.writeObjectField("lead_time", completion.leadTime());
                    json.writeBooleanField("ground_truth", completion.groundTruth());
                    json.writeStringField("created_at", String.valueOf(completion.createdAt()));
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        }
        out.flush();
    }
}
