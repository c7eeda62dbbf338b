package io.labelhub.dm.api.query;

import java.util.List;
import java.util.Objects;

/** Items joined by {@code and} (every item holds; the default) or {@code or} (at least one holds). No item: all. */
public record TaskFilter(boolean any, List<FilterItem> items) {

    public static final TaskFilter ALL = new TaskFilter(false, List.of());

    public TaskFilter {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
