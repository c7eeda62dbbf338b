package io.labelhub.dm.api.gt;

/**
 * What a ground-truth sample did.
 *
 * @param matched the completions the filter matched (never skipped ones)
 * @param target  how many it was to mark: {@link #target}
 * @param marked  how many it marked; fewer than {@code target} when fewer tasks without ground truth were left
 * @param seed    the seed it drew with: the same seed on the same completions draws the same sample
 */
public record GroundTruthSample(long matched, long target, long marked, long seed) {

    /**
     * The sampler's rule: {@code percent} (0 to 100) of the matching completions, rounded half up, and at least one
     * when any match and the percentage is above 0.
     */
    public static long target(long matched, double percent) {
        if (matched == 0 || percent <= 0) {
            return 0;
        }
        return Math.max(1, Math.min(matched, Math.round(matched * percent / 100)));
    }
}
