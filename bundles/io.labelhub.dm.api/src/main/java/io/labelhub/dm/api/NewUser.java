package io.labelhub.dm.api;

/** What it takes to create a user; the password is plain text here and never stored as such. */
public record NewUser(String email, String password, String firstName, String lastName, Role role) {
}
