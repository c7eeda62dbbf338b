package io.labelhub.dm.storage.jpa.internal.sql;

import java.util.LinkedHashMap;
import java.util.Map;

import io.labelhub.dm.api.Author;

/**
 * The {@code original_author} column: the author a file named for a completion an import credited to the importer,
 * as Label Studio's {@code completed_by} object ({@code id}, {@code email}, {@code first_name}, {@code last_name})
 * with the {@code server} it named.
 */
public final class Authors {

    private Authors() {
    }

    public static String write(Author author) {
        if (author == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", author.id());
        json.put("email", author.email());
        json.put("first_name", author.firstName());
        json.put("last_name", author.lastName());
        json.put("server", author.server());
        return Json.write(json);
    }

    public static Author read(String json) {
        Map<String, Object> map = Json.readObject(json);
        if (map == null) {
            return null;
        }
        Object id = map.get("id");
        return new Author(id instanceof Number n ? n.longValue() : null, (String) map.get("email"),
                (String) map.get("first_name"), (String) map.get("last_name"), (String) map.get("server"));
    }
}
