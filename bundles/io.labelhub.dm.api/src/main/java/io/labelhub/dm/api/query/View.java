package io.labelhub.dm.api.query;

import java.time.Instant;
import java.util.List;

/**
 * A saved tab of the Data Manager: its filter as the API's JSON tree (kept as sent, checked when saved), ordering,
 * visible columns (empty: all) and whether it shows the Full or the Quick view.
 */
public record View(long id, long projectId, String title, Object filters, List<String> ordering,
                   List<String> columns, boolean quick, Long createdBy, Instant createdAt, Instant updatedAt) {
}
