package io.labelhub.dm.api.query;

import java.util.Locale;

/** The type a filter item declares; it decides which operators apply and what the value must be. */
public enum ValueType {
    NUMBER, STRING, BOOLEAN, DATETIME, LIST;

    /** As the JSON spells it: {@code Number}, {@code String}, {@code Boolean}, {@code Datetime}, {@code List}. */
    public String wireName() {
        String name = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
