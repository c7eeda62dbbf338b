package io.labelhub.dm.formats.datasets.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class ids of one export, from 0: the config's labels sorted by name (Label Studio's numbering, so a model
 * trained on its export reads ours the same), then any label a result holds that the config no longer has, in
 * the order met. COCO's category ids and YOLO's class indexes are these.
 */
final class Classes {

    private final Map<String, Integer> ids = new LinkedHashMap<>();

    Classes(List<String> labels) {
        labels.forEach(this::id);
    }

    int id(String label) {
        Integer id = ids.get(label);
        if (id == null) {
            id = ids.size();
            ids.put(label, id);
        }
        return id;
    }

    /** The labels by id. */
    List<String> names() {
        return List.copyOf(ids.keySet());
    }
}
