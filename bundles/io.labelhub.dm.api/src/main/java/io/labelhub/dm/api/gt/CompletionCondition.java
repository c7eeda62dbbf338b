package io.labelhub.dm.api.gt;

import java.util.Objects;

import io.labelhub.dm.api.query.Operator;

/**
 * One condition of a {@link CompletionFilter}. The value's Java type follows field and operator: {@code Long} (a user
 * id: {@code completed_by} equal/not_equal), {@code List<Long>} ({@code completed_by} in/not_in), a
 * {@link io.labelhub.dm.api.query.LabelMatch} without annotator ({@code label} contains/not_contains),
 * {@link ReviewResult} ({@code review}), {@code Double} ({@code lead_time}), {@code Instant} ({@code created_at}),
 * {@link io.labelhub.dm.api.query.Range} of those two ({@code in}/{@code not_in}), {@code Boolean} ({@code empty}).
 */
public record CompletionCondition(CompletionField field, Operator operator, Object value) {

    public CompletionCondition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }
}
