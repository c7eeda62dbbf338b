package io.labelhub.dm.rest.internal;

import java.util.List;
import java.util.Map;

import io.labelhub.dm.api.gt.AnnotatorAccuracy;
import io.labelhub.dm.api.gt.GroundTruthSample;
import io.labelhub.dm.api.gt.GroundTruthService;

/** What the ground-truth endpoints answer (snake_case on the wire, as every DTO). */
final class GroundTruthDtos {

    private GroundTruthDtos() {
    }

    record SampleDto(long matched, long target, long marked, long seed) {
        static SampleDto of(GroundTruthSample s) {
            return new SampleDto(s.matched(), s.target(), s.marked(), s.seed());
        }
    }

    record ResetDto(long reset) {
    }

    record AnnotatorDto(Long user, long completions, long skipped, Double meanLeadTime, long reviewsUp,
                        long reviewsDown, long groundTruthCompared, Double agreement) {
        static AnnotatorDto of(AnnotatorAccuracy a) {
            return new AnnotatorDto(a.user(), a.completions(), a.skipped(), a.meanLeadTime(), a.reviewsUp(),
                    a.reviewsDown(), a.compared(), a.agreement());
        }
    }

    record AnnotatorList(String measure, Map<String, String> measures, List<AnnotatorDto> annotators) {
        static AnnotatorList of(GroundTruthService.Accuracy accuracy, Map<String, String> measures) {
            return new AnnotatorList(accuracy.measure(), measures,
                    accuracy.annotators().stream().map(AnnotatorDto::of).toList());
        }
    }
}
