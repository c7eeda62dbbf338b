package io.labelhub.dm.formats.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/** What each control of the config holds in a completion, as plain values: labels, texts, ratings. */
final class ControlValues {

    private ControlValues() {
    }

    /** Per control name (config order), the values of the given completions, each value once. */
    static Map<String, List<Object>> of(LabelConfig config, List<Completion> completions) {
        Map<String, Set<Object>> values = new LinkedHashMap<>();
        config.controls().forEach(c -> values.put(c.name(), new LinkedHashSet<>()));
        for (Completion completion : completions) {
            if (completion.wasCancelled()) {
                continue;
            }
            for (Map<String, Object> region : completion.result()) {
                Object from = region.get("from_name");
                Set<Object> into = values.get(from);
                if (into != null && region.get("value") instanceof Map<?, ?> value) {
                    ControlTag control = config.control((String) from).orElseThrow();
                    collect(value, control, region.get("type"), into);
                }
            }
        }
        Map<String, List<Object>> result = new LinkedHashMap<>();
        values.forEach((name, set) -> result.put(name, new ArrayList<>(set)));
        return result;
    }

    private static void collect(Map<?, ?> value, ControlTag control, Object type, Set<Object> into) {
        Object chosen = value.get(control.resultType());
        if (chosen == null && type != null) {
            chosen = value.get(type);
        }
        if (chosen == null && value.size() == 1) {
            chosen = value.values().iterator().next();
        }
        if (chosen instanceof List<?> list) {
            list.forEach(v -> into.add(v instanceof List<?> path ? String.join("/", path.stream()
                    .map(String::valueOf).toList()) : v));
        } else if (chosen != null) {
            into.add(chosen);
        }
    }
}
