package io.labelhub.dm.api.gt;

import java.util.List;
import java.util.Map;

/**
 * How far a completion's result agrees with the task's ground truth, registered as an OSGi service with the property
 * {@code measure=<name>} ({@code GET /api/projects/{id}/annotators?measure=<name>}; the built-in one is
 * {@value #DEFAULT}). One instance serves every request, concurrently: keep no state of a comparison in fields.
 */
public interface AgreementMeasure {

    /** The service property naming a measure. */
    String PROPERTY = "measure";

    /** The measure used when a request names none. */
    String DEFAULT = "default";

    /** What this measure does, in a sentence. */
    String description();

    /**
     * The agreement of {@code result} with {@code groundTruth}, from 0 (none) to 1 (full). Both are result lists in
     * Label Studio's shape ({@code from_name}, {@code to_name}, {@code type}, {@code value}), as stored; they may be
     * empty, and may hold anything a labeling config allows.
     */
    double agreement(List<Map<String, Object>> groundTruth, List<Map<String, Object>> result);
}
