package io.labelhub.dm.api;

import java.util.Locale;

/**
 * What a user may do, from most to least. A user has one role of their own (an admin's reaches every project; a
 * manager's lets them create projects and see the users) and one in each project they are a member of, which
 * decides what they may do there: each role may do everything the roles after it may.
 */
public enum Role {
    ADMIN, MANAGER, REVIEWER, ANNOTATOR;

    /** The lower-case wire name: {@code admin}, {@code manager} … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return ordinal() <= needed.ordinal();
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
