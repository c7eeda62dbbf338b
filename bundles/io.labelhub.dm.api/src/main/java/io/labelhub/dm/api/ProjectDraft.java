package io.labelhub.dm.api;

/**
 * The fields of a project a caller sets. On create every {@code null} takes its default; on update a
 * {@code null} leaves the field as it is.
 */
public record ProjectDraft(String title, String description, String labelConfig, String sampling, Integer overlap,
                           Integer lockTtl) {

    public ProjectDraft(String title, String description, String labelConfig, String sampling, Integer overlap) {
        this(title, description, labelConfig, sampling, overlap, null);
    }
}
