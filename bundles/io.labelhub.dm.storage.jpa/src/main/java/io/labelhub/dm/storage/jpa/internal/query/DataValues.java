package io.labelhub.dm.storage.jpa.internal.query;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

import io.labelhub.dm.storage.jpa.internal.sql.Json;

/**
 * How the Data Manager reads {@code data.<key>}: the top-level value of that key. As a String, a JSON string is
 * itself and any other value its JSON text; missing and JSON null have no value. As a Number, a JSON number or a
 * string that reads as a finite number; anything else has no value. In an ordering, numbers come first (by
 * value), then other values (by text), then tasks without a value.
 */
final class DataValues {

    /** Sorts data values as described above; nulls last. */
    static final Comparator<Object> ORDER = DataValues::compare;

    private DataValues() {
    }

    static String text(Map<String, Object> data, String key) {
        Object value = data == null ? null : data.get(key);
        if (value == null) {
            return null;
        }
        return value instanceof String s ? s : Json.write(value);
    }

    static Double number(Map<String, Object> data, String key) {
        Object value = data == null ? null : data.get(key);
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof String s) {
            try {
                // BigDecimal reads plain decimal numbers only: no "7d", "0x1p3", "NaN" or "Infinity"
                double d = new java.math.BigDecimal(s.strip()).doubleValue();
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The sort key of a data value: a Double, a String, or null. */
    static Object sortKey(Map<String, Object> data, String key) {
        Double number = number(data, key);
        return number != null ? number : text(data, key);
    }

    static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Double) {
            return -1;
        }
        if (b instanceof Double) {
            return 1;
        }
        return ((String) a).compareTo((String) b);
    }
}
