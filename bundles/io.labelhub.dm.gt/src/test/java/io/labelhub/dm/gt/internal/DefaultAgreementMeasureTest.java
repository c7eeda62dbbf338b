package io.labelhub.dm.gt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The built-in agreement measure on hand-made results, as an annotator's score would be checked by hand. */
class DefaultAgreementMeasureTest {

    private final DefaultAgreementMeasure measure = new DefaultAgreementMeasure();

    private static Map<String, Object> item(String control, String type, Map<String, Object> value) {
        return Map.of("from_name", control, "to_name", "text", "type", type, "value", value);
    }

    private static Map<String, Object> choices(String... chosen) {
        return item("sentiment", "choices", Map.of("choices", List.of(chosen)));
    }

    private static Map<String, Object> span(int start, int end, String label) {
        return item("ner", "labels", Map.of("start", start, "end", end, "labels", List.of(label)));
    }

    private static Map<String, Object> box(double x, double y, double w, double h, String label) {
        return Map.of("from_name", "box", "to_name", "image", "type", "rectanglelabels", "value",
                Map.of("x", x, "y", y, "width", w, "height", h, "rotation", 0, "rectanglelabels", List.of(label)));
    }

    private static Map<String, Object> text(String... texts) {
        return item("summary", "textarea", Map.of("text", List.of(texts)));
    }

    @Test
    void choicesAgreeOnlyOnExactlyTheSameSet() {
        assertEquals(1, measure.agreement(List.of(choices("Cat", "Dog")), List.of(choices("Dog", "Cat"))));
        assertEquals(0, measure.agreement(List.of(choices("Cat", "Dog")), List.of(choices("Cat"))));
        assertEquals(0, measure.agreement(List.of(choices("Cat")), List.of(choices("Cat", "Dog"))));
        assertEquals(0, measure.agreement(List.of(choices("Cat")), List.of()));
        // another control's choice does not stand in for it
        assertEquals(0, measure.agreement(List.of(choices("Cat")), List.of(item("other", "choices",
                Map.of("choices", List.of("Cat"))))));
    }

    @Test
    void spansAreMatchedByLabelAndAnOverlapOfHalfTheirUnion() {
        // [0,10) and [2,10): IoU 0.8; [0,10) and [5,15): 5/15 = 0.33
        assertEquals(1, measure.agreement(List.of(span(0, 10, "PER")), List.of(span(2, 10, "PER"))));
        assertEquals(0, measure.agreement(List.of(span(0, 10, "PER")), List.of(span(5, 15, "PER"))));
        assertEquals(0, measure.agreement(List.of(span(0, 10, "PER")), List.of(span(0, 10, "ORG"))));
        // exactly half: [0,10) and [0,5)
        assertEquals(1, measure.agreement(List.of(span(0, 10, "PER")), List.of(span(0, 5, "PER"))));
        // two ground-truth spans, one found: half; an extra span of the annotator costs nothing
        assertEquals(0.5, measure.agreement(List.of(span(0, 10, "PER"), span(20, 30, "ORG")),
                List.of(span(1, 10, "PER"), span(40, 50, "LOC"))));
        // one annotator span cannot match two ground-truth spans
        assertEquals(0.5, measure.agreement(List.of(span(0, 10, "PER"), span(0, 9, "PER")),
                List.of(span(0, 10, "PER"))));
    }

    @Test
    void rectanglesAreMatchedByLabelAndIou() {
        // 10x10 at (0,0) and 10x10 at (2,0): intersection 80, union 120, IoU 0.67
        assertEquals(1, measure.agreement(List.of(box(0, 0, 10, 10, "Car")), List.of(box(2, 0, 10, 10, "Car"))));
        // at (5,5): intersection 25, union 175, IoU 0.14
        assertEquals(0, measure.agreement(List.of(box(0, 0, 10, 10, "Car")), List.of(box(5, 5, 10, 10, "Car"))));
        assertEquals(0, measure.agreement(List.of(box(0, 0, 10, 10, "Car")), List.of(box(0, 0, 10, 10, "Bus"))));
        assertEquals(2.0 / 3, measure.agreement(List.of(box(0, 0, 10, 10, "Car"), box(50, 50, 10, 10, "Car"),
                box(80, 0, 10, 10, "Bus")), List.of(box(51, 50, 10, 10, "Car"), box(0, 1, 10, 10, "Car"))), 1e-9);
    }

    @Test
    void textAreasAgreeOnExactlyTheSameText() {
        assertEquals(1, measure.agreement(List.of(text("a cat on a mat")), List.of(text("a cat on a mat"))));
        assertEquals(0, measure.agreement(List.of(text("a cat on a mat")), List.of(text("a cat on a mat."))));
        assertEquals(0, measure.agreement(List.of(text("a cat on a mat")), List.of(text("A cat on a mat"))));
    }

    @Test
    void mixedResultsScoreTheShareOfGroundTruthUnitsMatched() {
        List<Map<String, Object>> truth = List.of(choices("Positive"), span(0, 4, "PER"), text("short"));
        assertEquals(1, measure.agreement(truth, List.of(text("short"), span(0, 4, "PER"), choices("Positive"))));
        assertEquals(2.0 / 3, measure.agreement(truth, List.of(choices("Positive"), span(0, 4, "PER"),
                text("longer"))), 1e-9);
        assertEquals(1, measure.agreement(List.of(), List.of()), "nothing to label, nothing labeled");
        assertEquals(0, measure.agreement(List.of(), List.of(choices("Cat"))));
    }
}
