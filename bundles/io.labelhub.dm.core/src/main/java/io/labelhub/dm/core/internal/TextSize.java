package io.labelhub.dm.core.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/** How many characters a parsed JSON value holds (keys, strings, numbers), counted without recursion. */
final class TextSize {

    private TextSize() {
    }

    /** Whether {@code value} holds more than {@code limit} characters; stops counting once it does. */
    static boolean exceeds(Object value, long limit) {
        long total = 0;
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    total += String.valueOf(entry.getKey()).length();
                    if (entry.getValue() != null) {
                        pending.push(entry.getValue());
                    }
                }
            } else if (next instanceof Collection<?> list) {
                for (Object element : list) {
                    if (element != null) {
                        pending.push(element);
                    }
                }
            } else {
                total += next instanceof CharSequence text ? text.length() : String.valueOf(next).length();
            }
            if (total > limit) {
                return true;
            }
        }
        return false;
    }
}
