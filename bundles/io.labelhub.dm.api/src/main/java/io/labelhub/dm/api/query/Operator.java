package io.labelhub.dm.api.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Filter operators, with the value types each one applies to. */
public enum Operator {
    EQUAL(ValueType.NUMBER, ValueType.DATETIME, ValueType.STRING, ValueType.BOOLEAN),
    NOT_EQUAL(ValueType.NUMBER, ValueType.DATETIME, ValueType.STRING),
    LESS(ValueType.NUMBER, ValueType.DATETIME),
    GREATER(ValueType.NUMBER, ValueType.DATETIME),
    LESS_OR_EQUAL(ValueType.NUMBER, ValueType.DATETIME),
    GREATER_OR_EQUAL(ValueType.NUMBER, ValueType.DATETIME),
    /** Between {@code min} and {@code max}, both included. */
    IN(ValueType.NUMBER, ValueType.DATETIME),
    NOT_IN(ValueType.NUMBER, ValueType.DATETIME),
    /** Value {@code true}: has no value (a list: is empty); {@code false}: has one. */
    EMPTY(ValueType.NUMBER, ValueType.DATETIME, ValueType.STRING, ValueType.LIST),
    CONTAINS(ValueType.STRING, ValueType.LIST),
    NOT_CONTAINS(ValueType.STRING, ValueType.LIST),
    REGEX(ValueType.STRING);

    private final Set<ValueType> types;

    Operator(ValueType first, ValueType... rest) {
        this.types = EnumSet.of(first, rest);
    }

    public boolean appliesTo(ValueType type) {
        return types.contains(type);
    }

    public Set<ValueType> types() {
        return EnumSet.copyOf(types);
    }

    /** True for the operators that match exactly what their positive sibling does not. */
    public boolean negative() {
        return this == NOT_EQUAL || this == NOT_IN || this == NOT_CONTAINS;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
