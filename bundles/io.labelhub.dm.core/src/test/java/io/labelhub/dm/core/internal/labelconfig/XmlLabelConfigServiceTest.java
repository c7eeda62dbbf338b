package io.labelhub.dm.core.internal.labelconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

class XmlLabelConfigServiceTest {

    private static final String TEXT_CHOICES = """
            <View>
              <Header value="$title"/>
              <Text name="text" value="$text"/>
              <Choices name="sentiment" toName="text" choice="single">
                <Choice value="Positive"/>
                <Choice value="Negative" alias="neg"/>
              </Choices>
            </View>""";

    private static final String IMAGE_BOXES = """
            <View>
              <Image name="img" value="$image"/>
              <RectangleLabels name="box" toName="img">
                <Label value="Cat"/><Label value="Dog"/>
              </RectangleLabels>
              <TextArea name="note" toName="img"/>
            </View>""";

    private final XmlLabelConfigService service = new XmlLabelConfigService();

    private static Map<String, Object> region(String from, String to, String type, Object value) {
        return Map.of("from_name", from, "to_name", to, "type", type, "value", value);
    }

    private static String detail(ValidationException e) {
        return String.valueOf(e.detail());
    }

    @Test
    void readsObjectsControlsDataKeysAndLabels() {
        LabelConfig config = service.parse(TEXT_CHOICES);
        assertEquals(List.of(new ObjectTag("text", "Text", "text", false)), config.objects());
        ControlTag sentiment = config.control("sentiment").orElseThrow();
        assertEquals(List.of("text"), sentiment.toNames());
        assertEquals(List.of("Positive", "Negative", "neg"), sentiment.labels());
        assertEquals("choices", sentiment.resultType());
        assertEquals(List.of("text"), List.copyOf(config.dataKeys().keySet()));

        LabelConfig image = service.parse(IMAGE_BOXES);
        assertTrue(image.objects().get(0).blob());
        assertFalse(image.control("note").orElseThrow().hasFixedLabels());
    }

    @Test
    void tagNamesAreCaseInsensitiveLikeTheEditor() {
        LabelConfig config = service.parse("<view><text name=\"t\" value=\"$t\"/>"
                + "<choices name=\"c\" toName=\"t\"><choice value=\"A\"/></choices></view>");
        assertEquals("Text", config.objects().get(0).type());
        assertEquals(List.of("A"), config.control("c").orElseThrow().labels());
    }

    @Test
    void refusesDoctypesSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<View><Text name=\"t\" value=\"&x;\"/></View>";
        ValidationException e = assertThrows(ValidationException.class, () -> service.parse(xxe));
        assertTrue(detail(e).contains("DOCTYPE"), detail(e));

        String billionLaughs = "<!DOCTYPE v [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<View><Text name=\"t\" value=\"&b;\"/></View>";
        assertThrows(ValidationException.class, () -> service.parse(billionLaughs));
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> service.parse("<View>\n  <Text name=\"t\" value=\"$t\">\n</View>"));
        assertTrue(detail(e).contains("line 3"), detail(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<Page><Text name=\"t\" value=\"$t\"/></Page>",
        "<View><Choices name=\"c\" toName=\"t\"><Choice value=\"A\"/></Choices></View>",
        "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"missing\"/></View>",
        "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\"/></View>",
        "<View><Text name=\"t\" value=\"$t\"/><Image name=\"t\" value=\"$i\"/></View>",
        "<View><Text value=\"$t\"/></View>",
    })
    void refusesConfigsThatCannotWork(String xml) {
        assertThrows(ValidationException.class, () -> service.parse(xml));
    }

    @Test
    void aControlPointingAtAMissingObjectIsNamed() {
        ValidationException e = assertThrows(ValidationException.class, () -> service.parse(
                "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"txt\"/></View>"));
        assertTrue(detail(e).contains("'txt'"), detail(e));
    }

    @Test
    void dataMustHaveEveryKeyAndBlobTagsNeedUrls() {
        LabelConfig text = service.parse(TEXT_CHOICES);
        assertEquals(List.of(), service.checkData(text, Map.of("text", "hello", "title", "T")));
        List<String> missing = service.checkData(text, Map.of("txt", "typo"));
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).startsWith("data.text is missing"), missing.get(0));

        LabelConfig image = service.parse(IMAGE_BOXES);
        assertEquals(List.of(), service.checkData(image, Map.of("image", "https://example.com/a.jpg")));
        assertEquals(List.of(), service.checkData(image, Map.of("image", "s3://bucket/a.jpg")));
        List<String> notUrl = service.checkData(image, Map.of("image", "/etc/passwd"));
        assertTrue(notUrl.get(0).contains("must be an http://, https:// or s3:// URL"), notUrl.get(0));
        assertEquals(1, service.checkData(image, Map.of("image", 42)).size());
    }

    @Test
    void aNullValueIsAValueUnlessTheTagMustShowIt() {
        Map<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("text", null);
        nulls.put("items", null);
        LabelConfig text = service.parse("<View><Text name=\"t\" value=\"$text\"/><Table name=\"tb\" "
                + "value=\"$items\"/><Choices name=\"c\" toName=\"t\"><Choice value=\"A\"/></Choices></View>");
        assertEquals(List.of("data.text is null, but <Text name=\"t\"> reads $text and needs text"),
                service.checkData(text, nulls));
        nulls.put("text", "shown");
        assertEquals(List.of(), service.checkData(text, nulls), "a null the config shows as a table is kept");
        Map<String, Object> noImage = new java.util.HashMap<>();
        noImage.put("image", null);
        assertTrue(service.checkData(service.parse(IMAGE_BOXES), noImage).get(0).contains("URL"));
    }

    @Test
    void pairwiseAndRankerResultsNameThemselves() {
        LabelConfig pairwise = service.parse("<View><Text name=\"text1\" value=\"$a\"/><Text name=\"text2\" "
                + "value=\"$b\"/><Pairwise name=\"pw\" toName=\"text1,text2\"/></View>");
        assertEquals(List.of(), service.checkResult(pairwise,
                List.of(region("pw", "pw", "pairwise", Map.of("selected", "left")))));
        assertEquals(List.of(), service.checkResult(pairwise,
                List.of(region("pw", "text1", "pairwise", Map.of("selected", "right")))));
        assertTrue(service.checkResult(pairwise, List.of(region("pw", "text3", "pairwise", Map.of())))
                .get(0).contains("to_name 'text3'"));
        LabelConfig ranker = service.parse("<View><Ranker name=\"rank\" value=\"$items\"/></View>");
        assertEquals(List.of(), service.checkResult(ranker,
                List.of(region("rank", "rank", "ranker", Map.of("weights", Map.of("a", 1))))));
        assertTrue(service.checkResult(ranker, List.of(region("ranked", "ranked", "ranker", Map.of())))
                .get(0).contains("is not a control"));
    }

    @Test
    void resultsMustUseTheConfigsControlsObjectsAndValues() {
        LabelConfig config = service.parse(TEXT_CHOICES);
        assertEquals(List.of(), service.checkResult(config,
                List.of(region("sentiment", "text", "choices", Map.of("choices", List.of("Positive"))))));
        assertEquals(List.of(), service.checkResult(config,
                List.of(region("sentiment", "text", "choices", Map.of("choices", List.of("neg"))))));

        List<String> wrongValue = service.checkResult(config,
                List.of(region("sentiment", "text", "choices", Map.of("choices", List.of("Meh")))));
        assertEquals(List.of("result[0]: 'Meh' is not a value of 'sentiment' (values: Positive, Negative, neg)"),
                wrongValue);

        List<String> wrongControl = service.checkResult(config,
                List.of(region("mood", "text", "choices", Map.of("choices", List.of("Positive")))));
        assertTrue(wrongControl.get(0).contains("from_name 'mood' is not a control"), wrongControl.get(0));

        List<String> wrongObject = service.checkResult(config,
                List.of(region("sentiment", "image", "choices", Map.of("choices", List.of("Positive")))));
        assertTrue(wrongObject.get(0).contains("to_name 'image'"), wrongObject.get(0));

        assertEquals(List.of("result[0] needs string from_name and to_name"),
                service.checkResult(config, List.of(Map.of("value", Map.of()))));
    }

    @Test
    void freeFormControlsAndRelationsAreNotCheckedForValues() {
        LabelConfig config = service.parse(IMAGE_BOXES);
        assertEquals(List.of(), service.checkResult(config, List.of(
                region("note", "img", "textarea", Map.of("text", List.of("anything"))),
                region("box", "img", "rectanglelabels", Map.of("x", 1, "y", 2, "rectanglelabels", List.of("Cat"))),
                Map.of("type", "relation", "from_id", "a", "to_id", "b"))));
        assertEquals(1, service.checkResult(config, List.of(
                region("box", "img", "rectanglelabels", Map.of("rectanglelabels", List.of("Horse"))))).size());
    }

    @Test
    void sampleDataFitsTheConfig() {
        for (String xml : List.of(TEXT_CHOICES, IMAGE_BOXES,
                "<View><Audio name=\"a\" value=\"$audio\"/><Video name=\"v\" value=\"$video\"/>"
                        + "<HyperText name=\"h\" value=\"$html\"/><TimeSeries name=\"ts\" value=\"$csv\"/></View>")) {
            LabelConfig config = service.parse(xml);
            Map<String, Object> sample = service.sampleData(config);
            assertEquals(config.dataKeys().keySet(), sample.keySet());
            assertEquals(List.of(), service.checkData(config, sample), xml);
        }
    }

    @Test
    void refusesHugeConfigs() {
        String huge = "<View><Text name=\"t\" value=\"$t\"/>" + "<!-- x -->".repeat(30_000) + "</View>";
        assertThrows(ValidationException.class, () -> service.parse(huge));
    }

    @Test
    void deeplyNestedConfigsAreRefusedWithTheLimitNotAStackOverflow() {
        String inner = "<Text name=\"text\" value=\"$text\"/>";
        String deep = "<View>".repeat(3000) + inner + "</View>".repeat(3000);
        ValidationException refused = assertThrows(ValidationException.class, () -> service.parse(deep));
        assertTrue(refused.detail().toString().contains("deeper than " + XmlLabelConfigService.MAX_DEPTH),
                refused.detail().toString());
        String fine = "<View>".repeat(50) + inner + "</View>".repeat(50);
        assertEquals("text", service.parse(fine).objects().get(0).name());
    }
}
