package io.labelhub.dm.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.ValidationException;

/**
 * Query parameters and body fields as the resources read them. They arrive as text so that a bad one is a 400
 * naming it, not the 404 JAX-RS gives for a parameter it cannot convert.
 */
final class Params {

    private Params() {
    }

    /** A JSON value given as a query parameter ({@code filters=…}), as plain maps and lists; null when absent. */
    static Object json(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Mappers.JSON.readValue(raw, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException("invalid " + name, name + " is " + Bodies.describe(e));
        }
    }

    /** {@code -completions,id} as a list of names; null stays null. */
    static List<String> names(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Arrays.stream(raw.split(",")).map(String::strip).toList();
    }

    /** A body field that may be a list of names or one comma-separated string. */
    static List<String> names(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return names(node.asText());
        }
        if (!node.isArray()) {
            throw new ValidationException("invalid " + name, name + " must be a list of names or a string");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new ValidationException("invalid " + name, name + " must hold names (strings), found "
                        + element);
            }
            names.add(element.asText());
        }
        return names;
    }

    /** A body field read as query text would be ({@code "page": 2} and {@code "page": "2"} alike); null if absent. */
    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** {@code true}/{@code 1}/{@code yes} or {@code false}/{@code 0}/{@code no}; absent is false. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ValidationException("invalid " + name, name + " must be true or false, was '"
                    + value + "'");
        };
    }

    /** {@code 1,2,3} as task ids. */
    static List<Long> ids(String name, String value) {
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        for (String part : value.split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new ValidationException("invalid " + name, name + " must be task ids separated by commas, "
                        + "found '" + part.trim() + "'");
            }
        }
        return ids;
    }
}
