package io.labelhub.dm.api.query;

import java.util.Objects;

/** A column of the table: a task column, or {@code data.<key>} (then {@link #dataKey()} is the key). */
public record Field(Column column, String dataKey) {

    public Field {
        Objects.requireNonNull(column, "column");
        if ((column == Column.DATA) != (dataKey != null)) {
            throw new IllegalArgumentException("a data field needs its key, and only a data field has one");
        }
    }

    public static Field of(Column column) {
        return new Field(column, null);
    }

    public static Field data(String key) {
        return new Field(Column.DATA, key);
    }

    public boolean isData() {
        return column == Column.DATA;
    }

    /** As the API names it: {@code completions}, {@code data.text}. */
    public String wireName() {
        return isData() ? "data." + dataKey : column.wireName();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
