package io.labelhub.dm.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.core.internal.labelconfig.XmlLabelConfigService;

class DefaultTaskValidatorTest {

    private static final String CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/>"
            + "</Choices></View>";

    private final XmlLabelConfigService labelConfigs = new XmlLabelConfigService();
    private final LabelConfig config = labelConfigs.parse(CONFIG);
    private final DefaultTaskValidator validator = new DefaultTaskValidator(labelConfigs, 100);


    private static NewTask task(Map<String, Object> data, Map<String, Object> meta) {
        return new NewTask(data, meta, List.of(), List.of());
    }

    @Test
    void dataUpToTheLimitPassesAndOneCharacterMoreIsRefusedNamingTheField() {
        // "text" is 4 characters, the value 96: 100 in all
        assertEquals(List.of(), validator.task(config, task(Map.of("text", "a".repeat(96)), null)));
        List<String> problems = validator.task(config, task(Map.of("text", "a".repeat(97)), null));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("data holds more than 100 characters"), problems.get(0));
        assertTrue(problems.get(0).contains("max.data.chars"), problems.get(0));
    }

    @Test
    void nestedValuesCountAndMetaAndResultsHaveTheSameBound() {
        Map<String, Object> nested = Map.of("text", "ok", "extra", List.of(Map.of("deep", "b".repeat(200))));
        assertTrue(validator.task(config, task(nested, null)).get(0).startsWith("data holds more than"));
        List<String> meta = validator.task(config, task(Map.of("text", "ok"), Map.of("note", "c".repeat(200))));
        assertTrue(meta.get(0).startsWith("meta holds more than"), meta.toString());

        Map<String, Object> region = Map.of("from_name", "sentiment", "to_name", "text", "type", "choices",
                "value", Map.of("choices", List.of("Positive")), "comment", "d".repeat(200));
        NewTask labelled = new NewTask(Map.of("text", "ok"), null,
                List.of(new NewCompletion(List.of(region), null, false, false, null, null)),
                List.of(new NewPrediction(List.of(region), 0.5, "v1")));
        List<String> problems = validator.task(config, labelled);
        assertEquals(List.of("completions[0].result holds more than 100 characters (the limit of one task, "
                + "max.data.chars in etc/io.labelhub.dm.tasks.cfg)", "predictions[0].result holds more than 100 "
                + "characters (the limit of one task, max.data.chars in etc/io.labelhub.dm.tasks.cfg)"), problems);
    }

    @Test
    void theConfigsChecksStillApplyWithinTheLimit() {
        List<String> problems = validator.task(config, task(Map.of("title", "no text key"), null));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("text"), problems.get(0));
        DefaultTaskValidator roomy = new DefaultTaskValidator(labelConfigs, 10_000_000);
        assertEquals(List.of(), roomy.data(config, Map.of("text", "x".repeat(1_000_000)), null));
    }
}
