package io.labelhub.dm.formats.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonGenerator;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.io.RawJson;

/**
 * Label Studio's JSON: a list of {@code {"id", "data", "completions", "predictions", …}}, the same shape the
 * importer reads, so an export with full task descriptions imports again with nothing lost.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=JSON")
public class JsonExportFormat extends JsonListExportFormat {

    @Override
    public String description() {
        return "Label Studio's JSON: tasks with their completions and predictions; imports again";
    }

    @Override
    void write(JsonGenerator json, ExportContext context, Task task) throws IOException {
        boolean full = context.includeFullTask();
        json.writeStartObject();
        json.writeNumberField("id", task.id());
        writeJson(json, "data", task.data());
        if (full) {
            writeJson(json, "meta", task.meta());
            json.writeNumberField("project", task.projectId());
            json.writeStringField("created_at", String.valueOf(task.createdAt()));
            json.writeStringField("updated_at", String.valueOf(task.updatedAt()));
        }
        json.writeArrayFieldStart("completions");
        for (Completion c : task.completions()) {
            json.writeStartObject();
            json.writeNumberField("id", c.id());
            writeJson(json, "result", c.result());
            writeNumber(json, "completed_by", c.completedBy());
            json.writeBooleanField("was_cancelled", c.wasCancelled());
            json.writeBooleanField("ground_truth", c.groundTruth());
            writeNumber(json, "lead_time", c.leadTime());
            json.writeStringField("created_at", String.valueOf(c.createdAt()));
            if (full) {
                json.writeStringField("updated_at", String.valueOf(c.updatedAt()));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("predictions");
        for (Prediction p : task.predictions()) {
            json.writeStartObject();
            json.writeNumberField("id", p.id());
            writeJson(json, "result", p.result());
            writeNumber(json, "score", p.score());
            json.writeStringField("model_version", p.modelVersion());
            if (full) {
                json.writeStringField("created_at", String.valueOf(p.createdAt()));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Stored JSON goes through as it is; anything else is serialised. */
    private static void writeJson(JsonGenerator json, String field, Object value) throws IOException {
        if (value instanceof RawJson raw) {
            json.writeFieldName(field);
            json.writeRawValue(raw.json());
        } else {
            json.writeObjectField(field, value);
        }
    }

    private static void writeNumber(JsonGenerator json, String field, Number value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Long whole) {
            json.writeNumber(whole);
        } else {
            json.writeNumber(value.doubleValue());
        }
    }
}
