package io.labelhub.dm.gt.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.gt.AgreementMeasure;

/**
 * The built-in measure: the share of the ground truth's units that the result matches. A unit is one ground-truth
 * result item: a choice set (matched by the result's item of the same control choosing exactly the same set), a text
 * area (exactly the same texts), or a region. A region is matched by one region of the result (each used once) of
 * the same control with the same labels whose overlap is at least {@value #MIN_IOU} intersection over union: a span
 * by its {@code start}/{@code end} offsets (text, or seconds of audio), a rectangle by {@code x}/{@code y}/
 * {@code width}/{@code height}. Any other item is matched by an item of the same control with an equal value. Regions
 * the result has beyond the ground truth's cost nothing; an empty ground truth is matched by an empty result only.
 */
@Component(property = AgreementMeasure.PROPERTY + "=" + AgreementMeasure.DEFAULT)
public class DefaultAgreementMeasure implements AgreementMeasure {

    static final double MIN_IOU = 0.5;

    @Override
    public String description() {
        return "share of the ground truth's choice sets and texts matched exactly and of its regions matched by label "
                + "with an overlap of at least 0.5 IoU";
    }

    @Override
    public double agreement(List<Map<String, Object>> groundTruth, List<Map<String, Object>> result) {
        if (groundTruth.isEmpty()) {
            return result.isEmpty() ? 1 : 0;
        }
        List<Map<String, Object>> unused = new ArrayList<>(result);
        int matched = 0;
        for (Map<String, Object> unit : groundTruth) {
            Map<String, Object> match = best(unit, unused);
            if (match != null) {
                // a region (or an item) of the result counts for one unit of the ground truth only
                unused.remove(match);
                matched++;
            }
        }
        return (double) matched / groundTruth.size();
    }

    /** The result's item that matches the unit, the region with the largest overlap among those; null if none. */
    private static Map<String, Object> best(Map<String, Object> unit, List<Map<String, Object>> candidates) {
        Map<String, Object> value = value(unit);
        Map<String, Object> best = null;
        double bestOverlap = -1;
        for (Map<String, Object> candidate : candidates) {
            if (!Objects.equals(unit.get("from_name"), candidate.get("from_name"))) {
                continue;
            }
            Map<String, Object> other = value(candidate);
            double overlap = score(value, other);
            if (overlap > bestOverlap && overlap >= 0) {
                best = candidate;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    /** How far two values of one control match: 1 exact, an IoU of at least MIN_IOU for regions, -1 no match. */
    static double score(Map<String, Object> truth, Map<String, Object> other) {
        if (truth.containsKey("choices")) {
            return set(truth.get("choices")).equals(set(other.get("choices"))) ? 1 : -1;
        }
        if (truth.containsKey("text") && !isRegion(truth)) {
            return texts(truth.get("text")).equals(texts(other.get("text"))) ? 1 : -1;
        }
        if (isRegion(truth)) {
            if (!labels(truth).equals(labels(other))) {
                return -1;
            }
            double iou = spans(truth) ? spanIou(truth, other) : rectangleIou(truth, other);
            return iou >= MIN_IOU ? iou : -1;
        }
        return truth.equals(other) ? 1 : -1;
    }

    private static boolean isRegion(Map<String, Object> value) {
        return spans(value) || rectangle(value);
    }

    private static boolean spans(Map<String, Object> value) {
        return value.get("start") instanceof Number && value.get("end") instanceof Number;
    }

    private static boolean rectangle(Map<String, Object> value) {
        return value.get("x") instanceof Number && value.get("y") instanceof Number
                && value.get("width") instanceof Number && value.get("height") instanceof Number;
    }

    static double spanIou(Map<String, Object> a, Map<String, Object> b) {
        if (!spans(b)) {
            return 0;
        }
        double start = Math.max(number(a, "start"), number(b, "start"));
        double end = Math.min(number(a, "end"), number(b, "end"));
        double union = Math.max(number(a, "end"), number(b, "end")) - Math.min(number(a, "start"), number(b, "start"));
        return union <= 0 ? (number(a, "start") == number(b, "start") ? 1 : 0) : Math.max(0, end - start) / union;
    }

    static double rectangleIou(Map<String, Object> a, Map<String, Object> b) {
        if (!rectangle(b)) {
            return 0;
        }
        double left = Math.max(number(a, "x"), number(b, "x"));
        double top = Math.max(number(a, "y"), number(b, "y"));
        double right = Math.min(number(a, "x") + number(a, "width"), number(b, "x") + number(b, "width"));
        double bottom = Math.min(number(a, "y") + number(a, "height"), number(b, "y") + number(b, "height"));
        double intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
        double union = number(a, "width") * number(a, "height") + number(b, "width") * number(b, "height")
                - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    private static double number(Map<String, Object> value, String key) {
        return ((Number) value.get(key)).doubleValue();
    }

    /** The labels of a region: every string under a key ending in {@code labels}, as the label index reads them. */
    private static Set<String> labels(Map<String, Object> value) {
        Set<String> labels = new TreeSet<>();
        for (Map.Entry<String, Object> entry : value.entrySet()) {
            if (entry.getKey().endsWith("labels")) {
                labels.addAll(set(entry.getValue()));
            }
        }
        return labels;
    }

    private static Set<String> set(Object values) {
        Set<String> set = new TreeSet<>();
        if (values instanceof Collection<?> list) {
            for (Object item : list) {
                set.add(String.valueOf(item));
            }
        } else if (values != null) {
            set.add(String.valueOf(values));
        }
        return set;
    }

    private static List<String> texts(Object values) {
        List<String> texts = new ArrayList<>();
        if (values instanceof Collection<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (values != null) {
            texts.add(String.valueOf(values));
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Map<String, Object> item) {
        return item.get("value") instanceof Map<?, ?> value ? (Map<String, Object>) value : new HashMap<>();
    }
}
