package io.labelhub.dm.api.query;

import java.util.Objects;

/**
 * One condition of a filter. The value's Java type follows operator and type: {@code Double} (Number),
 * {@code Instant} (Datetime), {@code String} (String; for {@code regex} a valid pattern), {@code Boolean}
 * (Boolean, and every {@code empty}), {@link Range} ({@code in}/{@code not_in}), {@code Long} (a user id, for
 * {@code annotators}) or {@link LabelMatch} (for the result lists).
 */
public record FilterItem(Field field, Operator operator, ValueType type, Object value) {

    public FilterItem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
