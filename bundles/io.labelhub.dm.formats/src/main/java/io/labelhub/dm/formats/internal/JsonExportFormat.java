package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonGenerator;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.io.RawJson;
import io.labelhub.dm.labelstudio.TaskShape;

/**
 * Label Studio's JSON, in the shape Label Studio 1.x imports: a list of {@code {"id", "data", "meta"?,
 * "annotations", "predictions", "created_at", "updated_at"}}, each annotation's {@code completed_by} as Label Studio
 * writes it ({@code {"id", "email", "first_name", "last_name"}}) with this server's identity beside it, so the file
 * imports again here and into Label Studio with nothing lost. The 2020 shape ({@code completions}, bare user ids)
 * is there for older tools.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=JSON")
public class JsonExportFormat extends JsonListExportFormat {

    @Override
    public String description() {
        return "Label Studio's JSON: tasks with their annotations and predictions; imports again, here and there";
    }

    @Override
    void write(JsonGenerator json, ExportContext context, Task task) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", task.id());
        writeJson(json, "data", task.data());
        if (task.meta() != null) {
            // Label Studio refuses a null meta: it is written only when there is one
            writeJson(json, "meta", task.meta());
        }
        if (context.includeFullTask()) {
            json.writeNumberField("project", task.projectId());
        }
        json.writeStringField("created_at", String.valueOf(task.createdAt()));
        json.writeStringField("updated_at", String.valueOf(task.updatedAt()));
        json.writeArrayFieldStart(context.legacyShape() ? "completions" : "annotations");
        for (Completion c : task.completions()) {
            json.writeStartObject();
            json.writeNumberField("id", c.id());
            json.writeNumberField("task", task.id());
            writeJson(json, "result", c.result());
            writeAuthor(json, context, c.completedBy());
            if (context.serverId() != null && c.completedBy() != null) {
                json.writeStringField(TaskShape.SERVER_FIELD, context.serverId());
            }
            if (c.originalAuthor() != null) {
                // who the imported file said made it (the importer was credited): kept, not lost
                Author original = c.originalAuthor();
                writePerson(json, "original_author", original.id(), original.email(), original.firstName(),
                        original.lastName());
            }
            if (c.flagged() != null) {
                // why a lenient import kept it although it does not fit the labeling config
                json.writeStringField("flagged", c.flagged());
            }
            json.writeBooleanField("was_cancelled", c.wasCancelled());
            json.writeBooleanField("ground_truth", c.groundTruth());
            writeNumber(json, "lead_time", c.leadTime());
            json.writeStringField("created_at", String.valueOf(c.createdAt()));
            json.writeStringField("updated_at", String.valueOf(c.updatedAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("predictions");
        for (Prediction p : task.predictions()) {
            json.writeStartObject();
            json.writeNumberField("id", p.id());
            json.writeNumberField("task", task.id());
            writeJson(json, "result", p.result());
            writeNumber(json, "score", p.score());
            json.writeStringField("model_version", p.modelVersion());
            json.writeStringField("created_at", String.valueOf(p.createdAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Label Studio 1.x's author object (the 2020 shape: the bare id). */
    private static void writeAuthor(JsonGenerator json, ExportContext context, Long userId) throws IOException {
        Optional<User> user = userId == null || context.legacyShape() ? Optional.empty()
                : context.authors().find(userId);
        if (user.isEmpty()) {
            writeNumber(json, "completed_by", userId);
            return;
        }
        writePerson(json, "completed_by", userId, user.get().email(), user.get().firstName(), user.get().lastName());
    }

    /** A person as Label Studio writes {@code completed_by}: {@code {"id", "email", "first_name", "last_name"}}. */
    private static void writePerson(JsonGenerator json, String field, Long id, String email, String firstName,
                                    String lastName) throws IOException {
        json.writeObjectFieldStart(field);
        writeNumber(json, "id", id);
        json.writeStringField("email", email);
        json.writeStringField("first_name", firstName);
        json.writeStringField("last_name", lastName);
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
