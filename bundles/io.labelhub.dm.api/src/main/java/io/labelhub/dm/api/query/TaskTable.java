package io.labelhub.dm.api.query;

import java.util.List;

/** One page of the table: how many tasks match in all, the counters of this page, and its rows. */
public record TaskTable(long total, Totals page, List<TaskRow> tasks) {
}
