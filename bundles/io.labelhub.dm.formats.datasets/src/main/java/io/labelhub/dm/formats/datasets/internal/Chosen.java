package io.labelhub.dm.formats.datasets.internal;

import java.util.Optional;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;

/**
 * The one completion a dataset file is written from. A training file holds one answer per image or sentence: the
 * boxes of two annotators in one YOLO label file would be two objects where there is one. So: the task's ground
 * truth when it has one, else its first completion that was not skipped (completions come in id order, so the
 * oldest). A task with neither is left out.
 */
final class Chosen {

    private Chosen() {
    }

    static Optional<Completion> completion(Task task) {
        Completion first = null;
        for (Completion completion : task.completions()) {
            if (completion.wasCancelled()) {
                continue;
            }
            if (completion.groundTruth()) {
                return Optional.of(completion);
            }
            if (first == null) {
                first = completion;
            }
        }
        return Optional.ofNullable(first);
    }
}
