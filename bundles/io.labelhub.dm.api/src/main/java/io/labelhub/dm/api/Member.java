package io.labelhub.dm.api;

import java.time.Instant;

/**
 * A user's place in a project.
 *
 * @param role what they do there: {@link Role#MANAGER}, {@link Role#REVIEWER} or {@link Role#ANNOTATOR}
 */
public record Member(long projectId, User user, Role role, Instant addedAt) {
}
