package io.labelhub.dm.api.labelconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Data Manager needs to know of a project's labeling config. */
public record LabelConfig(String xml, List<ObjectTag> objects, List<ControlTag> controls) {

    public LabelConfig {
        objects = List.copyOf(objects);
        controls = List.copyOf(controls);
    }

    /** The keys of task {@code data} the config reads, each with the first object tag that reads it. */
    public Map<String, ObjectTag> dataKeys() {
        Map<String, ObjectTag> keys = new LinkedHashMap<>();
        for (ObjectTag object : objects) {
            if (object.dataKey() != null) {
                keys.putIfAbsent(object.dataKey(), object);
            }
        }
        return keys;
    }

    public Optional<ControlTag> control(String name) {
        return controls.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
