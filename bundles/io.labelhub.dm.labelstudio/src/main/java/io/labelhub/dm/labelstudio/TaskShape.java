package io.labelhub.dm.labelstudio;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.Author;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;

/**
 * Label Studio's task format read from parsed JSON (maps, lists, strings, numbers, booleans): {@code data},
 * {@code completions} or {@code annotations}, {@code predictions}, {@code meta}; an object without {@code data}
 * is the data itself. Problems are added to a list, each prefixed with where it is, so a caller can report them
 * all at once.
 */
public final class TaskShape {

    private TaskShape() {
    }

    /** The task, or {@code null} when {@code problems} got at least one entry. */
    public static NewTask task(Object json, String where, List<String> problems) {
        int before = problems.size();
        if (!(json instanceof Map<?, ?> object)) {
            problems.add(where + "a task must be a JSON object");
            return null;
        }
        if (!object.containsKey("data")) {
            return new NewTask(stringKeys(object), null, List.of(), List.of());
        }
        Object data = object.get("data");
        if (!(data instanceof Map)) {
            problems.add(where + "data must be a JSON object");
        }
        Object meta = object.get("meta");
        if (meta != null && !(meta instanceof Map)) {
            problems.add(where + "meta must be a JSON object");
        }
        if (object.containsKey("completions") && object.containsKey("annotations")) {
            problems.add(where + "give completions or annotations, not both");
        }
        String completionsKey = object.containsKey("annotations") ? "annotations" : "completions";
        List<NewCompletion> completions = new ArrayList<>();
        for (Item item : items(object.get(completionsKey), where + completionsKey, problems)) {
            completions.add(completion(item.value(), item.where(), problems));
        }
        List<NewPrediction> predictions = new ArrayList<>();
        for (Item item : items(object.get("predictions"), where + "predictions", problems)) {
            predictions.add(prediction(item.value(), item.where(), problems));
        }
        if (problems.size() > before) {
            return null;
        }
        Instant created = instant(object, "created_at", where, problems);
        Instant updated = instant(object, "updated_at", where, problems);
        if (problems.size() > before) {
            return null;
        }
        return new NewTask(stringKeys((Map<?, ?>) data), meta == null ? null : stringKeys((Map<?, ?>) meta),
                completions, predictions, created, updated);
    }

    private record Item(Map<?, ?> value, String where) {
    }

    private static List<Item> items(Object list, String name, List<String> problems) {
        List<Item> items = new ArrayList<>();
        if (list == null) {
            return items;
        }
        if (!(list instanceof List<?> values)) {
            problems.add(name + " must be a list");
            return items;
        }
        for (int i = 0; i < values.size(); i++) {
            String where = name + "[" + i + "]";
            if (values.get(i) instanceof Map<?, ?> value) {
                items.add(new Item(value, where + "."));
            } else {
                problems.add(where + " must be an object");
            }
        }
        return items;
    }

    /** The field of a completion naming the server whose user ids it writes (LabelHub's exports write it). */
    public static final String SERVER_FIELD = "labelhub_server";

    /**
     * A completion; {@code completed_by} may be a user id or Label Studio's {@code {"id", "email", "first_name",
     * "last_name"}} object (either key may be missing), read as the file's {@link Author}, not yet as a user here;
     * {@code created_at} and {@code updated_at} ISO-8601 instants.
     */
    public static NewCompletion completion(Map<?, ?> object, String where, List<String> problems) {
        return new NewCompletion(result(object, where, problems), number(object, "lead_time", where, problems),
                bool(object, "was_cancelled", where, problems), bool(object, "ground_truth", where, problems),
                null, instant(object, "created_at", where, problems), instant(object, "updated_at", where, problems),
                author(object, where, problems), null);
    }

    private static Author author(Map<?, ?> object, String where, List<String> problems) {
        Object named = object.get("completed_by");
        if (named == null) {
            return null;
        }
        Object server = object.get(SERVER_FIELD);
        if (server != null && !(server instanceof String)) {
            problems.add(where + SERVER_FIELD + " must be a string");
            return null;
        }
        Object id = named;
        String email = null;
        String first = null;
        String last = null;
        if (named instanceof Map<?, ?> user) {
            id = user.get("id");
            email = text(user, "email", where, problems);
            first = text(user, "first_name", where, problems);
            last = text(user, "last_name", where, problems);
            if (id == null && email == null) {
                problems.add(where + "completed_by needs an id or an email");
                return null;
            }
        }
        Long userId = null;
        if (id instanceof Number number && number.longValue() == number.doubleValue()) {
            userId = number.longValue();
        } else if (id != null) {
            problems.add(where + "completed_by must be a user id or an object with id and email");
            return null;
        }
        return new Author(userId, email == null || email.isBlank() ? null : email.trim(), first, last,
                (String) server);
    }

    private static String text(Map<?, ?> object, String field, String where, List<String> problems) {
        Object value = object.get(field);
        if (value != null && !(value instanceof String)) {
            problems.add(where + "completed_by." + field + " must be a string");
            return null;
        }
        return (String) value;
    }

    public static NewPrediction prediction(Map<?, ?> object, String where, List<String> problems) {
        Object version = object.get("model_version");
        if (version != null && !(version instanceof String || version instanceof Number)) {
            problems.add(where + "model_version must be a string");
            version = null;
        }
        return new NewPrediction(result(object, where, problems), number(object, "score", where, problems),
                version == null ? null : String.valueOf(version));
    }

    public static List<Map<String, Object>> result(Map<?, ?> object, String where, List<String> problems) {
        Object result = object.get("result");
        if (result == null) {
            return List.of();
        }
        if (!(result instanceof List<?> regions)) {
            problems.add(where + "result must be a list");
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(regions.size());
        for (int i = 0; i < regions.size(); i++) {
            if (!(regions.get(i) instanceof Map<?, ?> region)) {
                problems.add(where + "result[" + i + "] must be an object");
                return List.of();
            }
            out.add(stringKeys(region));
        }
        return out;
    }

    public static Double number(Map<?, ?> object, String field, String where, List<String> problems) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            problems.add(where + field + " must be a number");
            return null;
        }
        return number.doubleValue();
    }

    public static boolean bool(Map<?, ?> object, String field, String where, List<String> problems) {
        return Boolean.TRUE.equals(optionalBool(object, field, where, problems));
    }

    /** A flag that may be absent ({@code null}), as in a change to a completion. */
    public static Boolean optionalBool(Map<?, ?> object, String field, String where, List<String> problems) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            problems.add(where + field + " must be true or false");
            return null;
        }
        return flag;
    }

    private static Instant instant(Map<?, ?> object, String field, String where, List<String> problems) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            problems.add(where + field + " must be an ISO-8601 instant such as 2024-05-01T12:00:00Z");
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
