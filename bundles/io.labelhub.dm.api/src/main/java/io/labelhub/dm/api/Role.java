package io.labelhub.dm.api;

import java.util.Locale;

/** What a user may do in the product. Enforcement per endpoint comes with the streams and review work. */
public enum Role {
    ADMIN, MANAGER, REVIEWER, ANNOTATOR;

    /** The lower-case wire name: {@code admin}, {@code manager} … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new ValidationException("unknown role '" + name + "'", "role must be one of admin, manager, reviewer, annotator");
    }
}
