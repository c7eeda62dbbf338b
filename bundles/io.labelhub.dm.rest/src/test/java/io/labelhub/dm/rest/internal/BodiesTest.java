package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.ValidationException;

class BodiesTest {

    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static NewTask task(String json) {
        return Bodies.task(Bodies.readTree(body(json)));
    }

    private static String problems(Runnable action) {
        ValidationException e = assertThrows(ValidationException.class, action::run);
        return String.valueOf(e.detail());
    }

    @Test
    void readsLabelStudiosTaskShapeWithCompletionsOrAnnotations() {
        NewTask task = task("""
                {"data": {"text": "hi", "n": 3},
                 "meta": {"source": "crawl"},
                 "annotations": [{"result": [{"from_name": "c", "to_name": "t", "type": "choices",
                                              "value": {"choices": ["A"]}}],
                                  "lead_time": 2.5, "ground_truth": true},
                                 {"result": [], "was_cancelled": true}],
                 "predictions": [{"result": [], "score": 0.3, "model_version": 7}]}""");
        assertEquals(Map.of("text", "hi", "n", 3), task.data());
        assertEquals(Map.of("source", "crawl"), task.meta());
        assertEquals(2, task.completions().size());
        assertEquals(2.5, task.completions().get(0).leadTime());
        assertTrue(task.completions().get(0).groundTruth());
        assertTrue(task.completions().get(1).wasCancelled());
        assertEquals("A", ((List<?>) ((Map<?, ?>) task.completions().get(0).result().get(0).get("value"))
                .get("choices")).get(0));
        assertEquals(0.3, task.predictions().get(0).score());
        assertEquals("7", task.predictions().get(0).modelVersion());

        assertEquals(1, task("{\"data\": {\"text\": \"x\"}, \"completions\": [{\"result\": []}]}")
                .completions().size());
    }

    @Test
    void aFlatObjectIsTheDataItself() {
        NewTask task = task("{\"text\": \"just data\", \"image\": \"https://x/y.png\"}");
        assertEquals(Map.of("text", "just data", "image", "https://x/y.png"), task.data());
        assertTrue(task.completions().isEmpty());
        assertNull(task.meta());
    }

    @Test
    void everyProblemOfATaskIsNamedWithItsPlace() {
        String detail = problems(() -> task("""
                {"data": {"text": "x"},
                 "completions": [{"result": {"not": "a list"}}, 5, {"lead_time": "slow", "ground_truth": "yes"}],
                 "predictions": [{"score": "high", "result": [1]}]}"""));
        assertTrue(detail.contains("completions[0].result must be a list"), detail);
        assertTrue(detail.contains("completions[1] must be an object"), detail);
        assertTrue(detail.contains("completions[2].lead_time must be a number"), detail);
        assertTrue(detail.contains("completions[2].ground_truth must be true or false"), detail);
        assertTrue(detail.contains("predictions[0].result[0] must be an object"), detail);
        assertTrue(detail.contains("predictions[0].score must be a number"), detail);

        assertTrue(problems(() -> task("{\"data\": [1, 2]}")).contains("data must be a JSON object"));
        assertTrue(problems(() -> task("{\"data\": {}, \"completions\": [], \"annotations\": []}"))
                .contains("not both"));
        assertTrue(problems(() -> task("[1, 2]")).contains("a task must be a JSON object"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String detail = problems(() -> Bodies.readTree(body("{\n  \"data\": {\"text\": \"x\",}\n}")));
        assertTrue(detail.contains("line 2"), detail);
        assertTrue(problems(() -> Bodies.readTree(body(""))).contains("needs a JSON body"));
        assertTrue(problems(() -> Bodies.readTree(body("{} {}"))).contains("not valid JSON"));
    }

    record Sample(String title, Integer overlap) {
    }

    @Test
    void typedBodiesNameUnknownFieldsAndWrongTypes() {
        String unknown = problems(() -> Bodies.read(body("{\"title\": \"x\", \"colour\": 1}"), Sample.class));
        assertTrue(unknown.contains("unknown field 'colour'"), unknown);
        assertTrue(unknown.contains("known fields: overlap, title"), unknown);
        String wrongType = problems(() -> Bodies.read(body("{\"overlap\": \"three\"}"), Sample.class));
        assertTrue(wrongType.contains("'overlap'"), wrongType);
        assertEquals(new Sample("x", 2), Bodies.read(body("{\"title\": \"x\", \"overlap\": 2}"), Sample.class));
        String numberAsText = problems(() -> Bodies.read(body("{\"title\": 12}"), Sample.class));
        assertTrue(numberAsText.contains("'title'"), numberAsText);
        String textAsNumber = problems(() -> Bodies.read(body("{\"overlap\": \"2\"}"), Sample.class));
        assertTrue(textAsNumber.contains("'overlap'"), textAsNumber);
    }

    @Test
    void tooLargeBodiesAreRefusedWithoutReadingThemWhole() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        DmException e = assertThrows(DmException.class, () -> Bodies.readTree(endless));
        assertEquals(DmException.Kind.TOO_LARGE, e.kind());
        assertFalse(String.valueOf(e.detail()).isEmpty());
    }

    @Test
    void pagingParametersAreCheckedAndNamed() {
        assertEquals(1, Paging.of(null, null).page());
        assertEquals(100, Paging.of(null, "").pageSize());
        assertEquals(250, Paging.of("3", "250").pageSize());
        assertTrue(problems(() -> Paging.of("x", null)).contains("page must be a whole number"));
        assertTrue(problems(() -> Paging.of("1", "1001")).contains("page_size must be between 1 and 1000"));
        assertTrue(problems(() -> Paging.of("0", "10")).contains("page must be 1 or more"));
    }

    @Test
    void overlongUtf8AndOtherMalformedBytesAreRefusedNotDecodedLeniently() {
        // C0 BC is an overlong "<": a lenient decoder stores it as the character it dodges filters with
        byte[] overlong = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xBC, '"', '}'};
        ValidationException refused = assertThrows(ValidationException.class,
                () -> Bodies.readTree(new ByteArrayInputStream(overlong)));
        assertTrue(String.valueOf(refused.detail()).contains("not valid UTF-8"), String.valueOf(refused.detail()));
        byte[] bom = "\uFEFF{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", Bodies.readTree(new ByteArrayInputStream(bom)).get("text").asText());
    }

    @Test
    void aKeyGivenTwiceIsRefusedAsTheImportRefusesIt() {
        ValidationException refused = assertThrows(ValidationException.class, () -> Bodies.readTree(
                new ByteArrayInputStream("{\"data\": {\"text\": \"a\", \"text\": \"b\"}}"
                        .getBytes(StandardCharsets.UTF_8))));
        assertTrue(String.valueOf(refused.detail()).contains("text"), String.valueOf(refused.detail()));
    }
}
