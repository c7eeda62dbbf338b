package io.labelhub.dm.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.labelstudio.TaskShape;

/**
 * Reads request bodies. Resources take the raw stream so that every problem of a body — not JSON, wrong type,
 * unknown field, too large — becomes a 4xx whose message names the place, instead of a provider's generic error.
 */
final class Bodies {

    /** Single-object bodies of the core API; bulk import has its own streaming path and limits. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Bodies() {
    }

    static JsonNode readTree(InputStream body) {
        byte[] bytes = readLimited(body);
        if (bytes.length == 0) {
            throw new ValidationException("empty body", "the request needs a JSON body");
        }
        try {
            return Mappers.JSON.readTree(utf8(bytes));
        } catch (JsonProcessingException e) {
            throw new ValidationException("invalid JSON", describe(e));
        } catch (IOException e) {
            throw new ValidationException("invalid JSON", e.getMessage());
        }
    }

    static <T> T read(InputStream body, Class<T> type) {
        JsonNode tree = readTree(body);
        if (!tree.isObject()) {
            throw new ValidationException("invalid body", "the body must be a JSON object");
        }
        try {
            return Mappers.JSON.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ValidationException("invalid body", describe(e));
        }
    }

    /**
     * The body as text, refusing what is not UTF-8 — overlong forms such as {@code C0 BC} for {@code <} included,
     * which a lenient decoder turns into the character they dodge filters with. A leading BOM is dropped.
     */
    static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ValidationException("invalid body", "the body is not valid UTF-8 (malformed bytes at offset "
                    + in.position() + ")");
        }
    }

    private static byte[] readLimited(InputStream body) {
        try (InputStream in = body) {
            if (in == null) {
                return new byte[0];
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new DmException(DmException.Kind.TOO_LARGE, "body too large",
                        "a request body may have at most " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ValidationException("unreadable body", e.getMessage());
        }
    }

    /** A Jackson problem in words a user understands: what, and where (field path or line/column). */
    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'"
                    + (unknown.getPath().size() > 1 ? at(unknown) : "") + "; known fields: "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "wrong value" + at(mapping) + ": " + e.getOriginalMessage().split("\n")[0];
        }
        JsonLocation location = e.getLocation();
        String where = location == null ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "not valid JSON" + where + ": " + e.getOriginalMessage();
    }

    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at '" + path + "'";
    }

    /**
     * A task in Label Studio's shape ({@code data}, {@code completions} or {@code annotations}, {@code predictions},
     * {@code meta}); a flat object without {@code data} is the data itself, as Label Studio reads it.
     */
    static NewTask task(JsonNode node) {
        List<String> problems = new ArrayList<>();
        NewTask task = TaskShape.task(Mappers.JSON.convertValue(node, Object.class), "", problems);
        failOn(problems, "task");
        return task;
    }

    /** The body as plain maps and lists, for {@link TaskShape}. */
    static Map<?, ?> plain(JsonNode node) {
        return Mappers.JSON.convertValue(node, Map.class);
    }

    static Map<String, Object> toMap(JsonNode node, String name) {
        if (!(node instanceof ObjectNode)) {
            throw new ValidationException("invalid body", name + " must be a JSON object");
        }
        return Mappers.JSON.convertValue(node, OBJECT);
    }

    /** A body that must be a JSON object with no fields but {@code allowed}. */
    static JsonNode object(InputStream body, String what, List<String> allowed) {
        JsonNode node = readTree(body);
        if (!node.isObject()) {
            throw new ValidationException("invalid " + what, "the body must be a JSON object");
        }
        onlyFields(node, what, allowed);
        return node;
    }

    /** Ends the request with a 400 listing {@code problems}, if there are any. */
    static void failOn(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid " + what, problems);
        }
    }

    /** Fails when the object has fields other than {@code allowed}, naming them. */
    static void onlyFields(JsonNode node, String what, List<String> allowed) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ValidationException("invalid " + what, "unknown field(s) " + String.join(", ", unknown)
                    + "; known fields: " + String.join(", ", allowed));
        }
    }
}
