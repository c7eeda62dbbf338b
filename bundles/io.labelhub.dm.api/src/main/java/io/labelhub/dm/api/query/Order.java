package io.labelhub.dm.api.query;

import java.util.Objects;

/** One ordering key; several sort by the first, then the next. The task id always breaks remaining ties. */
public record Order(Field field, boolean descending) {

    public Order {
        Objects.requireNonNull(field, "field");
    }

    public String wireName() {
        return (descending ? "-" : "") + field.wireName();
    }
}
