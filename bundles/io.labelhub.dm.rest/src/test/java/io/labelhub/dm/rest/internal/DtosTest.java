package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.query.Column;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskRow;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.rest.internal.Dtos.ActionResultDto;
import io.labelhub.dm.rest.internal.Dtos.ExportFormatDto;
import io.labelhub.dm.rest.internal.Dtos.ExportFormatList;
import io.labelhub.dm.rest.internal.Dtos.HealthDto;
import io.labelhub.dm.rest.internal.Dtos.ImportFormatDto;
import io.labelhub.dm.rest.internal.Dtos.ImportFormatList;
import io.labelhub.dm.rest.internal.Dtos.ImportResultDto;
import io.labelhub.dm.rest.internal.Dtos.StatsDto;
import io.labelhub.dm.rest.internal.Dtos.TableDto;
import io.labelhub.dm.rest.internal.Dtos.TotalsDto;
import io.labelhub.dm.rest.internal.Dtos.ViewDto;

/** The answers on the wire, written by the API's own mapper: names, shapes and what is left out. */
class DtosTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant DONE = Instant.parse("2024-05-02T12:00:30.5Z");

    /** The answer as a client reads it: written as text, then parsed. */
    private static JsonNode json(Object answer) {
        try {
            return tree(Mappers.JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Mappers.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static TaskRow row() {
        return new TaskRow(7, 2, 1, 1, 0.75, List.of(3L, 4L), List.of(5L), List.of("Cat"), List.of("Dog"), 1, 0, true,
                CREATED, DONE, DONE, 4.5, Map.of("text", "a cat"));
    }

    private static TableDto table(Set<Field> fields) {
        TaskQuery query = new TaskQuery(TaskFilter.ALL, List.of(), new PageRequest(1, 10), fields);
        return TableDto.of(new DataManagerService.Table(query,
                new TaskTable(12, new Totals(1, 2, 1, 1, 1, 0, 1), List.of(row()))));
    }

    @Test
    void theFullViewCarriesEveryColumnInTableOrderWithTimesAsIsoText() {
        JsonNode answer = json(table(null));
        assertEquals(List.of("total", "page", "tasks"), keys(answer));
        assertEquals(12, answer.get("total").asLong());
        assertEquals(tree("""
                {"tasks": 1, "completions": 2, "skipped": 1, "predictions": 1, "reviews_up": 1, "reviews_down": 0,
                 "ground_truth": 1}"""), answer.get("page"));
        JsonNode row = answer.get("tasks").get(0);
        assertEquals(List.of("id", "completions", "skipped", "predictions", "prediction_score", "annotators",
                "reviewers", "completion_results", "prediction_results", "reviews_up", "reviews_down", "ground_truth",
                "created_at", "updated_at", "completed_at", "lead_time", "data"), keys(row));
        assertEquals("2024-05-02T12:00:30.500Z", row.get("completed_at").asText());
        assertEquals(tree("[3, 4]"), row.get("annotators"));
        assertEquals(tree("[5]"), row.get("reviewers"));
        assertEquals(tree("{\"text\": \"a cat\"}"), row.get("data"));
    }

    @Test
    void aQuickViewRowHasOnlyTheAskedForColumnsAndTheId() {
        JsonNode row = json(table(Set.of(Field.of(Column.COMPLETIONS),
                Field.data("text")))).get("tasks").get(0);
        assertEquals(List.of("id", "completions", "data"), keys(row));
    }

    @Test
    void aMissingValueIsNullNotLeftOut() {
        TaskRow bare = new TaskRow(8, 0, 0, 0, null, List.of(), List.of(), List.of(), 0, 0, false, CREATED, CREATED,
                null, null, Map.of());
        TaskQuery query = new TaskQuery(TaskFilter.ALL, List.of(), new PageRequest(1, 10), null);
        JsonNode row = json(TableDto.row(bare, query));
        assertTrue(row.has("prediction_score") && row.get("prediction_score").isNull(), row.toString());
        assertTrue(row.has("completed_at") && row.get("completed_at").isNull(), row.toString());
    }

    @Test
    void foundTotalsAndStatisticsUseSnakeCaseAndIsoDays() {
        assertEquals(tree("""
                {"tasks": 5, "completions": 4, "skipped": 3, "predictions": 2, "reviews_up": 1, "reviews_down": 0,
                 "ground_truth": 1}"""), json(TotalsDto.of(new Totals(5, 4, 3, 2, 1, 0, 1))));
        ProjectStats stats = new ProjectStats(10, 4, 1, 6, 2, 1, 0, 1,
                List.of(new ProjectStats.LabelCount("label", "Cat", 3)),
                List.of(new ProjectStats.AnnotatorCount(7L, 5, 1), new ProjectStats.AnnotatorCount(null, 1, 0)),
                List.of(new ProjectStats.DayCount(LocalDate.of(2026, 5, 1), 6)));
        assertEquals(tree("""
                {"tasks": 10, "done": 4, "skipped": 1, "completions": 6, "predictions": 2, "reviews_up": 1,
                 "reviews_down": 0, "ground_truth": 1,
                 "labels": [{"control": "label", "label": "Cat", "completions": 3}],
                 "annotators": [{"user": 7, "completions": 5, "skipped": 1},
                                {"user": null, "completions": 1, "skipped": 0}],
                 "days": [{"day": "2026-05-01", "completions": 6}]}"""), json(StatsDto.of(stats)));
    }

    @Test
    void aViewSaysItsModeAndKeepsItsFilterAsSaved() {
        Map<String, Object> filters = Map.of("conjunction", "and", "items", List.of());
        View view = new View(3, 1, "Cats", filters, List.of("-completions", "id"), List.of("id"), true, 7L, CREATED,
                DONE);
        assertEquals(tree("""
                {"id": 3, "project": 1, "title": "Cats", "filters": {"conjunction": "and", "items": []},
                 "ordering": ["-completions", "id"], "columns": ["id"], "mode": "quick", "created_by": 7,
                 "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-02T12:00:30.500Z"}"""),
                json(ViewDto.of(view)));
        assertEquals("full", json(ViewDto.of(new View(3, 1, null, null, List.of(), List.of(), false, null, CREATED,
                CREATED))).get("mode").asText());
    }

    @Test
    void actionsImportsAndFormatsKeepTheirFieldNames() {
        assertEquals(tree("{\"action\": \"delete_tasks\", \"affected\": 3}"),
                json(new ActionResultDto("delete_tasks", 3)));
        assertEquals(tree("""
                {"task_count": 2, "completion_count": 1, "annotation_count": 1, "prediction_count": 0,
                 "duration": 0.25,
                 "files": [{"name": "a.csv", "format": "csv", "task_count": 2}]}"""),
                json(ImportResultDto.of(new ImportService.Result(2, 1, 0, 0.25,
                        List.of(new ImportService.FileResult("a.csv", "csv", 2))))));
        assertEquals(tree("""
                {"formats": [{"name": "zip", "extensions": ["zip"], "active": ["zip"], "archive": true,
                              "ranking": 0}]}"""),
                json(new ImportFormatList(List.of(ImportFormatDto.of(new ImportService.Format("zip",
                        List.of("zip"), List.of("zip"), true, 0))))));
        assertEquals(tree("""
                {"formats": [{"name": "CSV", "media_type": "text/csv", "extension": "csv",
                              "description": "one row per task"}]}"""),
                json(new ExportFormatList(List.of(ExportFormatDto.of(new ExportService.Format("CSV", "text/csv",
                        "csv", "one row per task"))))));
    }

    @Test
    void healthLeavesOutWhatItDoesNotKnowYet() {
        assertEquals(tree("{\"status\": \"ok\", \"database\": \"Apache Derby\", \"schema_version\": 5}"),
                json(new HealthDto("ok", null, "Apache Derby", 5)));
        assertEquals(tree("{\"status\": \"starting\", \"detail\": \"the database is not ready yet\"}"),
                json(new HealthDto("starting", "the database is not ready yet", null, null)));
    }
}
