package io.labelhub.dm.api;

/**
 * A change of a user: only the non-null fields change.
 *
 * @param currentPassword the user's present password, required when they change their own password
 */
public record UserPatch(String firstName, String lastName, Role role, Boolean active, String password,
                        String currentPassword) {
}
