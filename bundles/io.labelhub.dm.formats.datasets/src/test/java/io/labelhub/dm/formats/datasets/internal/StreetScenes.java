package io.labelhub.dm.formats.datasets.internal;

import static io.labelhub.dm.formats.datasets.internal.Fixtures.box;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.choice;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.completion;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.polygon;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.skipped;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.task;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.Task;

/**
 * The image project the COCO, YOLO and VOC tests export, with the numbers worked out by hand in each test.
 *
 * <ol>
 *   <li>task 1, 800 × 600 pixels: an annotator's Car box, a skip, then the ground truth, which is the one exported:
 *       an upright Car box, a Road triangle, a Dog box rotated by 90°, a Car box sticking out of the bottom right
 *       corner, a Bus box (a label the config does not have) and a choice (not a region);</li>
 *   <li>task 2, an image of the same file name in another folder, whose results do not say its size: a Dog box and
 *       a Car box rotated by 30°;</li>
 *   <li>task 3: only skipped, so left out;</li>
 *   <li>task 4: labeled with no regions at all, no size.</li>
 * </ol>
 */
final class StreetScenes {

    static final int[] SIZE = {800, 600};

    static final Task ONE = task(1, Map.of("image", "https://example.com/photos/street%201.jpg?sig=abc"),
            completion(11, false, List.of(box("Car", 1, 1, 1, 1, 0, SIZE))),
            skipped(12),
            completion(13, true, List.of(
                    box("Car", 10, 20, 25, 50, 0, SIZE),
                    polygon("Road", new double[][] {{0, 50}, {50, 100}, {100, 50}}, SIZE),
                    box("Dog", 50, 10, 10, 20, 90, SIZE),
                    box("Car", 90, 90, 20, 20, 0, SIZE),
                    box("Bus", 0, 0, 10, 10, 0, SIZE),
                    choice("Sunny"))));
    static final Task TWO = task(2, Map.of("image", "https://cdn.example.com/other/street 1.jpg"),
            completion(21, false, List.of(box("Dog", 0, 0, 50, 50, 0, null), box("Car", 10, 10, 20, 10, 30, null))));
    static final Task THREE = task(3, Map.of("image", "https://example.com/three.jpg"), skipped(31));
    static final Task FOUR = task(4, Map.of("image", "https://example.com/empty.png"),
            completion(41, false, List.of()));

    static final Task[] ALL = {ONE, TWO, THREE, FOUR};

    private StreetScenes() {
    }
}
