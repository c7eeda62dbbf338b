package io.labelhub.dm.api.gt;

import java.util.List;
import java.util.Objects;

/**
 * Which of a project's completions a ground-truth sample is drawn from: conditions joined by {@code and} (the
 * default) or {@code or} ({@code any}); no condition: every completion. Skipped completions never match.
 */
public record CompletionFilter(boolean any, List<CompletionCondition> items) {

    public static final CompletionFilter ALL = new CompletionFilter(false, List.of());

    public CompletionFilter {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}
