package io.labelhub.dm.api.query;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.labelhub.dm.api.PageRequest;

/**
 * One page of the table: which tasks ({@code filter}), in which order, which page, and which fields ({@code null}:
 * all of them, the Full view; otherwise only these, the Quick view — {@code id} always comes along).
 */
public record TaskQuery(TaskFilter filter, List<Order> ordering, PageRequest page, Set<Field> fields) {

    public TaskQuery {
        Objects.requireNonNull(filter, "filter");
        ordering = List.copyOf(Objects.requireNonNull(ordering, "ordering"));
        Objects.requireNonNull(page, "page");
        fields = fields == null ? null : Set.copyOf(fields);
    }

    public boolean wants(Column column) {
        return fields == null || column == Column.ID || fields.stream().anyMatch(f -> f.column() == column);
    }
}
