package io.labelhub.dm.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;
import io.labelhub.dm.api.service.DataManagerService;

/** The Data Manager's requests and answers on the wire: query parameters and bodies in, snake_case maps out. */
final class Table {

    private Table() {
    }

    /** A JSON value given as a query parameter ({@code filters=…}), as plain maps and lists; null when absent. */
    static Object jsonParameter(String name, String raw) {
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

    static Map<String, Object> table(DataManagerService.Table result) {
        TaskTable table = result.table();
        TaskQuery query = result.query();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", table.total());
        answer.put("page", totals(table.page()));
        answer.put("tasks", table.tasks().stream().map(row -> row(row, query)).toList());
        return answer;
    }

    static Map<String, Object> totals(Totals totals) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tasks", totals.tasks());
        answer.put("completions", totals.completions());
        answer.put("skipped", totals.skipped());
        answer.put("predictions", totals.predictions());
        answer.put("reviews_up", totals.reviewsUp());
        answer.put("reviews_down", totals.reviewsDown());
        answer.put("ground_truth", totals.groundTruth());
        return answer;
    }

    /** One row with the columns the query asks for (all of them for the Full view), in table order. */
    static Map<String, Object> row(TaskRow row, TaskQuery query) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", row.id());
        put(answer, query, Column.COMPLETIONS, row.completions());
        put(answer, query, Column.SKIPPED, row.skipped());
        put(answer, query, Column.PREDICTIONS, row.predictions());
        put(answer, query, Column.PREDICTION_SCORE, row.predictionScore());
        put(answer, query, Column.ANNOTATORS, row.annotators());
        put(answer, query, Column.COMPLETION_RESULTS, row.completionResults());
        put(answer, query, Column.PREDICTION_RESULTS, row.predictionResults());
        put(answer, query, Column.REVIEWS_UP, row.reviewsUp());
        put(answer, query, Column.REVIEWS_DOWN, row.reviewsDown());
        put(answer, query, Column.GROUND_TRUTH, row.groundTruth());
        put(answer, query, Column.CREATED_AT, row.createdAt() == null ? null : row.createdAt().toString());
        put(answer, query, Column.UPDATED_AT, row.updatedAt() == null ? null : row.updatedAt().toString());
        put(answer, query, Column.COMPLETED_AT, row.completedAt() == null ? null : row.completedAt().toString());
        put(answer, query, Column.LEAD_TIME, row.leadTime());
        if (query.wants(Column.DATA)) {
            answer.put("data", row.data());
        }
        return answer;
    }

    private static void put(Map<String, Object> answer, TaskQuery query, Column column, Object value) {
        if (query.fields() == null || query.fields().contains(Field.of(column))) {
            answer.put(column.wireName(), value);
        }
    }

    /** The statistics, days as ISO dates ({@code 2026-05-01}). */
    static Map<String, Object> stats(ProjectStats stats) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tasks", stats.tasks());
        answer.put("done", stats.done());
        answer.put("skipped", stats.skipped());
        answer.put("completions", stats.completions());
        answer.put("predictions", stats.predictions());
        answer.put("reviews_up", stats.reviewsUp());
        answer.put("reviews_down", stats.reviewsDown());
        answer.put("ground_truth", stats.groundTruth());
        answer.put("labels", stats.labels().stream().map(l -> {
            Map<String, Object> label = new LinkedHashMap<>();
            label.put("control", l.control());
            label.put("label", l.label());
            label.put("completions", l.completions());
            return label;
        }).toList());
        answer.put("annotators", stats.annotators().stream().map(a -> {
            Map<String, Object> annotator = new LinkedHashMap<>();
            annotator.put("user", a.user());
            annotator.put("completions", a.completions());
            annotator.put("skipped", a.skipped());
            return annotator;
        }).toList());
        answer.put("days", stats.days().stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.put("completions", d.completions());
            return day;
        }).toList());
        return answer;
    }

    static Map<String, Object> view(View view) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", view.id());
        answer.put("project", view.projectId());
        answer.put("title", view.title());
        answer.put("filters", view.filters());
        answer.put("ordering", view.ordering());
        answer.put("columns", view.columns());
        answer.put("mode", view.quick() ? "quick" : "full");
        answer.put("created_by", view.createdBy());
        answer.put("created_at", view.createdAt().toString());
        answer.put("updated_at", view.updatedAt().toString());
        return answer;
    }

    /** {@code {"title", "filters", "ordering", "columns", "mode": "full"|"quick"}}. */
    static ViewDraft viewDraft(JsonNode body) {
        if (!body.isObject()) {
            throw new ValidationException("invalid body", "a view must be a JSON object");
        }
        Bodies.onlyFields(body, "view", List.of("title", "filters", "ordering", "columns", "mode"));
        JsonNode title = body.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            throw new ValidationException("invalid view", "title must be a string");
        }
        String mode = body.hasNonNull("mode") ? body.get("mode").asText() : "full";
        if (!mode.equals("full") && !mode.equals("quick")) {
            throw new ValidationException("invalid view", "mode must be \"full\" or \"quick\", was \"" + mode + "\"");
        }
        Object filters = body.hasNonNull("filters") ? Mappers.JSON.convertValue(body.get("filters"), Object.class)
                : null;
        return new ViewDraft(title == null || title.isNull() ? null : title.asText(), filters,
                names(body.get("ordering"), "ordering"), names(body.get("columns"), "columns"), mode.equals("quick"));
    }
}
