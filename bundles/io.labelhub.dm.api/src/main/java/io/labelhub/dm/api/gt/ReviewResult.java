package io.labelhub.dm.api.gt;

import java.util.Locale;

/**
 * A completion's review result, from its reviewers' thumbs: every completion has exactly one. A disputed completion
 * (as many thumbs down as up) counts as rejected: it is not one to trust as ground truth.
 */
public enum ReviewResult {
    /** At least one review, and more thumbs up than down. */
    ACCEPTED,
    /** At least one review, and at least as many thumbs down as up. */
    REJECTED,
    /** No review. */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
