package io.labelhub.dm.api.io;

/**
 * A map or list read from stored JSON that can also hand out that JSON as stored, so an export that writes JSON
 * can pass it through instead of building the value and serialising it again.
 */
public interface RawJson {

    /** The value as JSON text. */
    String json();
}
