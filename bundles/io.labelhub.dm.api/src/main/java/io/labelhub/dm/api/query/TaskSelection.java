package io.labelhub.dm.api.query;

import java.util.List;
import java.util.Objects;

/**
 * Tasks a bulk action or an export works on: the listed {@code ids} ({@code all} false), or every task that
 * matches {@code filter} but the {@code excluded} ones ({@code all} true).
 */
public record TaskSelection(boolean all, List<Long> ids, TaskFilter filter, List<Long> excluded) {

    public TaskSelection {
        ids = List.copyOf(Objects.requireNonNullElse(ids, List.of()));
        filter = Objects.requireNonNullElse(filter, TaskFilter.ALL);
        excluded = List.copyOf(Objects.requireNonNullElse(excluded, List.of()));
    }

    public static TaskSelection ofIds(List<Long> ids) {
        return new TaskSelection(false, ids, null, null);
    }

    public static TaskSelection matching(TaskFilter filter) {
        return new TaskSelection(true, null, filter, null);
    }
}
