package io.labelhub.dm.formats.datasets.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What an export left out and why, one line per task or region ({@code task 7: …}), written into the export
 * itself (COCO's {@code skipped}, the archives' {@code skipped.txt}) where the user who reads the file sees it.
 */
final class Skips {

    private final List<String> lines = new ArrayList<>();

    void add(long taskId, String reason) {
        lines.add("task " + taskId + ": " + reason);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Why COCO and VOC leave out a task: pixels need the image's size, and only the results can say it. */
    static final String NO_SIZE = "left out: its results do not say the image's size (original_width, "
            + "original_height), which pixels need";
}
