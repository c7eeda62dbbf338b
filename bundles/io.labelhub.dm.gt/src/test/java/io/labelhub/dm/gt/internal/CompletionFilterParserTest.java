package io.labelhub.dm.gt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.gt.CompletionCondition;
import io.labelhub.dm.api.gt.CompletionField;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.ReviewResult;
import io.labelhub.dm.api.query.LabelMatch;
import io.labelhub.dm.api.query.Operator;
import io.labelhub.dm.api.query.Range;

/** The completion filter as a user writes it, and the 400 that names the item and what is wrong with it. */
class CompletionFilterParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CompletionFilter parse(String json) throws Exception {
        return CompletionFilterParser.parse(JSON.readValue(json, Object.class));
    }

    @Test
    void everyFieldReadsIntoItsCondition() throws Exception {
        CompletionFilter filter = parse("""
                {"conjunction": "and", "items": [
                  {"filter": "completed_by", "operator": "in", "value": [3, 4]},
                  {"filter": "label", "operator": "contains", "value": "Cat"},
                  {"filter": "label", "operator": "not_contains", "value": {"label": "Dog", "control": "animal"}},
                  {"filter": "review", "operator": "equal", "value": "accepted"},
                  {"filter": "lead_time", "operator": "less", "value": 10},
                  {"filter": "created_at", "operator": "in",
                   "value": {"min": "2026-01-01", "max": "2026-01-31T23:59:59Z"}}]}""");
        assertEquals(new CompletionFilter(false, List.of(
                new CompletionCondition(CompletionField.COMPLETED_BY, Operator.IN, List.of(3L, 4L)),
                new CompletionCondition(CompletionField.LABEL, Operator.CONTAINS, LabelMatch.of("Cat")),
                new CompletionCondition(CompletionField.LABEL, Operator.NOT_CONTAINS,
                        new LabelMatch("Dog", "animal", null)),
                new CompletionCondition(CompletionField.REVIEW, Operator.EQUAL, ReviewResult.ACCEPTED),
                new CompletionCondition(CompletionField.LEAD_TIME, Operator.LESS, 10.0),
                new CompletionCondition(CompletionField.CREATED_AT, Operator.IN, new Range(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-31T23:59:59Z"))))), filter);
        assertEquals(CompletionFilter.ALL, CompletionFilterParser.parse(null));
        assertTrue(parse("{\"conjunction\": \"or\", \"items\": []}").any());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"items\": [{\"filter\": \"colour\", \"operator\": \"equal\", \"value\": 1}]}"
                + "| items[0] (colour): filter must be one of completed_by, label, review, lead_time, created_at",
        "{\"items\": [{\"filter\": \"label\", \"operator\": \"less\", \"value\": \"Cat\"}]}"
                + "| items[0] (label): operator of label must be one of empty, contains, not_contains",
        "{\"items\": [{\"filter\": \"completed_by\", \"operator\": \"in\", \"value\": 3}]}"
                + "| items[0] (completed_by): value of in/not_in must be a non-empty list of user ids",
        "{\"items\": [{\"filter\": \"completed_by\", \"operator\": \"equal\", \"value\": -2}]}"
                + "| items[0] (completed_by): value must be a user id",
        "{\"items\": [{\"filter\": \"review\", \"operator\": \"equal\", \"value\": \"good\"}]}"
                + "| items[0] (review): value must be one of accepted, rejected, none, was \"good\"",
        "{\"items\": [{\"filter\": \"lead_time\", \"operator\": \"less\", \"value\": \"fast\"}]}"
                + "| items[0] (lead_time): value must be a finite number",
        "{\"items\": [{\"filter\": \"created_at\", \"operator\": \"greater\", \"value\": \"2026-02-30\"}]}"
                + "| items[0] (created_at): value must be an ISO-8601 date",
        "{\"items\": [{\"filter\": \"lead_time\", \"operator\": \"in\", \"value\": {\"min\": 5, \"max\": 1}}]}"
                + "| items[0] (lead_time): value.min must not be greater than value.max",
        "{\"items\": [{\"filter\": \"label\", \"operator\": \"contains\", \"value\": \"Cat\", \"type\": \"List\"}]}"
                + "| items[0] (label): unknown key \"type\"",
        "{\"items\": [{\"filter\": \"label\", \"operator\": \"contains\"}]}"
                + "| items[0] (label): value is required",
        "{\"items\": [{\"filter\": \"label\", \"operator\": \"contains\", \"value\": {\"label\": \"Cat\", "
                + "\"annotator\": 3}}]}| items[0] (label): unknown key \"annotator\"",
        "{\"conjunction\": \"xor\"}| conjunction must be \"and\" or \"or\"",
        "{\"filters\": []}| unknown key \"filters\"",
        "[1, 2]| a filter must be an object",
    })
    void aBadFilterIsA400NamingTheItemAndTheProblem(String json, String expected) {
        ValidationException refused = assertThrows(ValidationException.class, () -> parse(json));
        assertEquals("invalid filter", refused.error());
        assertTrue(String.valueOf(refused.detail()).startsWith(expected.strip()), refused.detail() + " vs "
                + expected);
    }

    @Test
    void theSecondItemIsNamedByItsPosition() {
        ValidationException refused = assertThrows(ValidationException.class, () -> CompletionFilterParser.parse(
                Map.of("items", List.of(Map.of("filter", "label", "operator", "contains", "value", "Cat"),
                        Map.of("filter", "lead_time", "operator", "empty", "value", "yes")))));
        assertEquals("items[1] (lead_time): value of empty must be true or false, was \"yes\"", refused.detail());
    }
}
