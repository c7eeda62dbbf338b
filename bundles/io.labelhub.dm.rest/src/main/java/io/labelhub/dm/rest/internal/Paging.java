package io.labelhub.dm.rest.internal;

import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.ValidationException;

/**
 * {@code page} and {@code page_size} query parameters. They arrive as text so that {@code page=x} is a 400 that
 * names the parameter, not the 404 JAX-RS gives for a parameter it cannot convert.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 100;

    private Paging() {
    }

    static PageRequest of(String page, String pageSize) {
        return new PageRequest(number("page", page, 1), number("page_size", pageSize, DEFAULT_PAGE_SIZE));
    }

    private static int number(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("invalid " + name, name + " must be a whole number, was '" + raw + "'");
        }
    }
}
