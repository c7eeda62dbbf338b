package io.labelhub.dm.shell.internal;

import org.apache.karaf.shell.support.CommandException;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;

/** How the user commands name users and read roles. */
final class Users {

    /** The role names as the REST API and the completion spell them. */
    static final String ROLES = "admin|manager|reviewer|annotator";

    private Users() {
    }

    static String name(User user) {
        return (nullToEmpty(user.firstName()) + " " + nullToEmpty(user.lastName())).trim();
    }

    /** {@code ann@example.com (user 7)}. */
    static String label(User user) {
        return user.email() + " (user " + user.id() + ")";
    }

    static Role role(String name) throws CommandException {
        try {
            return Role.fromWireName(name.trim());
        } catch (ValidationException e) {
            throw new CommandException("unknown role '" + name + "': use one of " + ROLES.replace('|', ' '));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
