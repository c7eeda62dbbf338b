package io.labelhub.dm.api;

import java.util.List;
import java.util.Map;

/** A change to a completion; {@code null} fields stay as they are. */
public record CompletionPatch(List<Map<String, Object>> result, Double leadTime, Boolean wasCancelled,
                              Boolean groundTruth) {
}
