package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonGenerator;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * Label Studio's JSON_MIN, as its converter writes it: one flat object per completion that was not skipped — the
 * task's id and data fields, each control's full value (a choice as its string, boxes and spans as lists of their
 * values with coordinates, offsets and labels), the annotator (e-mail), the annotation's id and times — and one with
 * the data alone for a task without such a completion.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=JSON_MIN")
public class JsonMinExportFormat extends JsonListExportFormat {

    @Override
    public String description() {
        return "one flat object per completion: data fields and each control's full value (Label Studio's JSON_MIN)";
    }

    @Override
    void write(JsonGenerator json, ExportContext context, Task task) throws IOException {
        List<Completion> made = task.completions().stream().filter(c -> !c.wasCancelled()).toList();
        if (made.isEmpty()) {
            json.writeStartObject();
            writeData(json, task);
            json.writeEndObject();
        }
        for (Completion completion : made) {
            json.writeStartObject();
            writeData(json, task);
            for (Map.Entry<String, Object> control : ControlValues.full(context.config(), completion).entrySet()) {
                json.writeObjectField(control.getKey(), control.getValue());
            }
            json.writeObjectField("annotator", annotator(context, completion));
            json.writeNumberField("annotation_id", completion.id());
            json.writeStringField("created_at", String.valueOf(completion.createdAt()));
            json.writeStringField("updated_at", String.valueOf(completion.updatedAt()));
            json.writeObjectField("lead_time", completion.leadTime());
            json.writeBooleanField("ground_truth", completion.groundTruth());
            json.writeEndObject();
        }
    }

    private static void writeData(JsonGenerator json, Task task) throws IOException {
        json.writeNumberField("id", task.id());
        for (Map.Entry<String, Object> field : task.data().entrySet()) {
            json.writeObjectField(field.getKey(), field.getValue());
        }
    }

    /** Who made it as Label Studio's converter names them: the e-mail (the user id when unknown). */
    static Object annotator(ExportContext context, Completion completion) {
        if (completion.completedBy() == null) {
            return null;
        }
        return context.authors().find(completion.completedBy()).<Object>map(u -> u.email())
                .orElse(completion.completedBy());
    }
}
