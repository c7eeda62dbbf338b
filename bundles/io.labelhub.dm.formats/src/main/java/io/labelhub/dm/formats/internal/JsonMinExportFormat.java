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

/** One flat object per completion: the task's data fields, then each control's value (a list when several). */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=JSON_MIN")
public class JsonMinExportFormat extends JsonListExportFormat {

    @Override
    public String description() {
        return "one flat object per completion: data fields and each control's value";
    }

    @Override
    void write(JsonGenerator json, ExportContext context, Task task) throws IOException {
        for (Completion completion : task.completions()) {
            json.writeStartObject();
            json.writeNumberField("id", task.id());
            for (Map.Entry<String, Object> field : task.data().entrySet()) {
                json.writeObjectField(field.getKey(), field.getValue());
            }
            for (Map.Entry<String, List<Object>> control : ControlValues.of(context.config(), List.of(completion))
                    .entrySet()) {
                List<Object> values = control.getValue();
                if (!values.isEmpty()) {
                    json.writeObjectField(control.getKey(), values.size() == 1 ? values.get(0) : values);
                }
            }
            json.writeNumberField("completion_id", completion.id());
            json.writeObjectField("annotator", completion.completedBy());
            json.writeObjectField("lead_time", completion.leadTime());
            json.writeBooleanField("ground_truth", completion.groundTruth());
            json.writeStringField("created_at", String.valueOf(completion.createdAt()));
            json.writeEndObject();
        }
    }
}
