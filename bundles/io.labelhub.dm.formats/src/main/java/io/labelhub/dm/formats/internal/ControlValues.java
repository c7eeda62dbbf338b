package io.labelhub.dm.formats.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/** What each control of the config holds in a completion, as Label Studio's converter writes it. */
final class ControlValues {

    /** The fields of a result item besides its value that Label Studio's converter keeps with it. */
    private static final List<String> ITEM_FIELDS = List.of("original_width", "original_height", "image_rotation");

    private ControlValues() {
    }

    /**
     * One completion's full value per control (config order; controls without a value left out), as Label
     * Studio's converter writes it: a single choice or a single text as the string itself, anything else (boxes,
     * spans, ratings, several choices) as the list of its items' values, each with the item's image size.
     */
    static Map<String, Object> full(LabelConfig config, Completion completion) {
        Map<String, List<Map<String, Object>>> items = new LinkedHashMap<>();
        config.controls().forEach(c -> items.put(c.name(), new ArrayList<>()));
        for (Map<String, Object> region : completion.result()) {
            if (region.get("from_name") instanceof String from && items.containsKey(from)
                    && region.get("value") instanceof Map<?, ?> value) {
                Map<String, Object> item = new LinkedHashMap<>();
                value.forEach((k, v) -> item.put(String.valueOf(k), v));
                for (String field : ITEM_FIELDS) {
                    if (region.get(field) != null) {
                        item.put(field, region.get(field));
                    }
                }
                items.get(from).add(item);
            }
        }
        Map<String, Object> full = new LinkedHashMap<>();
        items.forEach((name, list) -> {
            if (list.size() == 1 && single(list.get(0), "choices") != null) {
                full.put(name, single(list.get(0), "choices"));
            } else if (list.size() == 1 && single(list.get(0), "text") != null) {
                full.put(name, single(list.get(0), "text"));
            } else if (!list.isEmpty()) {
                full.put(name, list);
            }
        });
        return full;
    }

    /** The one string of an item that holds only {@code key} with a list of one string (a choice, a text). */
    private static Object single(Map<String, Object> item, String key) {
        return item.size() == 1 && item.get(key) instanceof List<?> list && list.size() == 1
                && list.get(0) instanceof String one ? one : null;
    }
}
