package io.labelhub.dm.formats.datasets.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

/**
 * The image of a project that COCO, YOLO and VOC write regions of: the first {@code <Image>} of the labeling config
 * that a {@code <RectangleLabels>}, {@code <PolygonLabels>} or {@code <Labels>} labels, with those controls and
 * their labels. Results on other images or of other controls (key points, brushes, ellipses, choices) are not
 * written.
 */
final class ImageTarget {

    private static final Set<String> REGION_CONTROLS = Set.of("rectanglelabels", "polygonlabels", "labels");
    private static final List<String> LABEL_KEYS = List.of("rectanglelabels", "polygonlabels", "labels");

    private final String objectName;
    private final String dataKey;
    private final Set<String> controls;
    private final List<String> labels;

    private ImageTarget(String objectName, String dataKey, Set<String> controls, List<String> labels) {
        this.objectName = objectName;
        this.dataKey = dataKey;
        this.controls = controls;
        this.labels = labels;
    }

    /**
     * @throws DmException 422 when no control of the config draws labeled regions on an image: the format has
     *                     nothing to write for such a project
     */
    static ImageTarget of(LabelConfig config, String format) {
        for (ObjectTag object : config.objects()) {
            if (!"image".equals(object.type().toLowerCase(Locale.ROOT)) || object.dataKey() == null) {
                continue;
            }
            Set<String> controls = new LinkedHashSet<>();
            Set<String> labels = new TreeSet<>();
            for (ControlTag control : config.controls()) {
                if (REGION_CONTROLS.contains(control.resultType()) && control.toNames().contains(object.name())) {
                    controls.add(control.name());
                    labels.addAll(control.labels());
                }
            }
            if (!controls.isEmpty()) {
                return new ImageTarget(object.name(), object.dataKey(), controls, List.copyOf(labels));
            }
        }
        throw new DmException(DmException.Kind.UNPROCESSABLE, "the export format does not fit the project",
                format + " writes labeled boxes and polygons on an image, and no <RectangleLabels>, "
                        + "<PolygonLabels> or <Labels> of this project's labeling config labels an <Image>");
    }

    /** The key of {@code data} that holds the image's URL. */
    String dataKey() {
        return dataKey;
    }

    /** The labels of the region controls, sorted by name: class 0 is the first, as Label Studio numbers them. */
    List<String> labels() {
        return labels;
    }

    /**
     * The labeled boxes and polygons of a completion on this image, in result order. A region without a label, or
     * without coordinates that are numbers, is not one.
     */
    List<Region> regions(Completion completion) {
        List<Region> regions = new ArrayList<>();
        for (Map<String, Object> result : completion.result()) {
            if (!controls.contains(result.get("from_name")) || !objectName.equals(result.get("to_name"))
                    || !(result.get("value") instanceof Map<?, ?> value)) {
                continue;
            }
            String label = label(value);
            if (label == null) {
                continue;
            }
            Region.Size size = size(result);
            if (value.get("points") instanceof List<?> points) {
                double[] flat = points(points);
                if (flat != null) {
                    regions.add(Region.polygon(label, flat, size));
                }
            } else {
                Double x = number(value.get("x"));
                Double y = number(value.get("y"));
                Double width = number(value.get("width"));
                Double height = number(value.get("height"));
                Double rotation = value.containsKey("rotation") ? number(value.get("rotation")) : Double.valueOf(0);
                if (x != null && y != null && width != null && height != null && rotation != null) {
                    regions.add(Region.box(label, x, y, width, height, rotation, size));
                }
            }
        }
        return regions;
    }

    /** The image's size as the first region that says it gives it, or null. */
    static Region.Size size(List<Region> regions) {
        return regions.stream().map(Region::size).filter(s -> s != null).findFirst().orElse(null);
    }

    /** A region's first label (COCO and VOC give an object one class). */
    private static String label(Map<?, ?> value) {
        for (String key : LABEL_KEYS) {
            if (value.get(key) instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String label
                    && !label.isBlank()) {
                return label;
            }
        }
        return null;
    }

    private static Region.Size size(Map<String, Object> result) {
        Double width = number(result.get("original_width"));
        Double height = number(result.get("original_height"));
        return width != null && height != null && width > 0 && height > 0 ? new Region.Size(width, height) : null;
    }

    /** A polygon's points [[x, y], …] flattened, or null unless there are three or more pairs of numbers. */
    private static double[] points(List<?> points) {
        if (points.size() < 3) {
            return null;
        }
        double[] flat = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            if (!(points.get(i) instanceof List<?> point) || point.size() < 2) {
                return null;
            }
            Double x = number(point.get(0));
            Double y = number(point.get(1));
            if (x == null || y == null) {
                return null;
            }
            flat[2 * i] = x;
            flat[2 * i + 1] = y;
        }
        return flat;
    }

    private static Double number(Object value) {
        return value instanceof Number number && Double.isFinite(number.doubleValue()) ? number.doubleValue() : null;
    }
}
