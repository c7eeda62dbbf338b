package io.labelhub.dm.api;

import java.time.Instant;

/** A person (or a script acting for one) who signs in to the Data Manager. */
public record User(long id, String email, String firstName, String lastName, Role role, boolean active, Instant createdAt) {
}
