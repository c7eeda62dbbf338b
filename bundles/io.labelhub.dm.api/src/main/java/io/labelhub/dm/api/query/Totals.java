package io.labelhub.dm.api.query;

/** Sums over a set of tasks: the Found panel, and the counters of one page. */
public record Totals(long tasks, long completions, long skipped, long predictions, long reviewsUp, long reviewsDown,
                     long groundTruth) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0);

    public Totals plus(TaskRow row) {
        return new Totals(tasks + 1, completions + row.completions(), skipped + row.skipped(),
                predictions + row.predictions(), reviewsUp + row.reviewsUp(), reviewsDown + row.reviewsDown(),
                groundTruth + (row.groundTruth() ? 1 : 0));
    }
}
