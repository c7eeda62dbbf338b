package io.labelhub.dm.api.query;

import java.util.Objects;

/** The {@code {"min", "max"}} of {@code in}/{@code not_in}; both ends included. Values are Double or Instant. */
public record Range(Comparable<?> min, Comparable<?> max) {

    public Range {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }
}
