package io.labelhub.dm.api.query;

import java.util.List;

/** What creating or replacing a view takes; {@code filters} is the filter as a JSON tree (maps, lists), or null. */
public record ViewDraft(String title, Object filters, List<String> ordering, List<String> columns, boolean quick) {

    public ViewDraft {
        ordering = List.copyOf(ordering == null ? List.of() : ordering);
        columns = List.copyOf(columns == null ? List.of() : columns);
    }
}
