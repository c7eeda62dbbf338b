package io.labelhub.dm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A completion as submitted.
 *
 * @param completedBy the author when the submitter names one (an import of an export); {@code null}: the caller
 * @param createdAt   when it was made, when the submitter knows (an import of an export); {@code null}: now
 * @param updatedAt   when it was last changed, when the submitter knows; {@code null}: when it was made
 * @param flagged     why a lenient import kept it although its result does not fit the labeling config
 * @param author      who a file says made it, before the import knows which user here that is ({@code
 *                    completedBy} then names that user and this is {@code null})
 */
public record NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                            boolean groundTruth, Long completedBy, Instant createdAt, Instant updatedAt,
                            Author author, String flagged) {

    public NewCompletion {
        result = result == null ? List.of() : List.copyOf(result);
    }

    /** A completion whose author is a user here ({@code completedBy}) or the caller ({@code null}). */
    public NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                         boolean groundTruth, Long completedBy, Instant createdAt) {
        this(result, leadTime, wasCancelled, groundTruth, completedBy, createdAt, null, null, null);
    }

    /**
     * The same completion credited to whoever imports it, the file's {@link #author} kept as its original author
     * (an import's author who is no user here, with {@code unknown_authors=importer}).
     */
    public NewCompletion creditedToImporter() {
        return new NewCompletion(result, leadTime, wasCancelled, groundTruth, null, createdAt, updatedAt, author,
                flagged);
    }

    /** The same completion by that user of this server (an import's author, once known). */
    public NewCompletion by(Long userId) {
        return new NewCompletion(result, leadTime, wasCancelled, groundTruth, userId, createdAt, updatedAt, null,
                flagged);
    }

    /** The same completion, kept by a lenient import although its result does not fit the config, and why. */
    public NewCompletion flagged(String why) {
        return new NewCompletion(result, leadTime, wasCancelled, groundTruth, completedBy, createdAt, updatedAt,
                author, why);
    }

    /** A completion by the caller, made now. */
    public NewCompletion(List<Map<String, Object>> result, Double leadTime, boolean wasCancelled,
                         boolean groundTruth) {
        this(result, leadTime, wasCancelled, groundTruth, null, null);
    }
}
