package io.labelhub.dm.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A project's numbers: {@code done} counts tasks with at least {@code overlap} completions that were not skipped;
 * {@code labels} counts, per control, how many completions hold each label.
 */
public record ProjectStats(long tasks, long done, long skipped, long completions, long predictions, long reviewsUp,
                           long reviewsDown, long groundTruth, List<LabelCount> labels,
                           List<AnnotatorCount> annotators, List<DayCount> days) {

    public record LabelCount(String control, String label, long completions) {
    }

    /** {@code user} is null for completions whose author was deleted. */
    public record AnnotatorCount(Long user, long completions, long skipped) {
    }

    public record DayCount(LocalDate day, long completions) {
    }
}
