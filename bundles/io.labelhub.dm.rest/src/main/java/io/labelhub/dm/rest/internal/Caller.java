package io.labelhub.dm.rest.internal;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.ForbiddenException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;

/** The signed-in user of a request, as {@link AuthenticationFilter} put it in the security context. */
record Caller(User user) implements Principal {

    @Override
    public String getName() {
        return user.email();
    }

    static User of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller caller) {
            return caller.user();
        }
        throw new DmException(DmException.Kind.UNAUTHORIZED, "authentication required",
                "send Authorization: Token <key> or HTTP Basic credentials");
    }

    /** The caller, whose own role includes {@code needed}: an admin's everything, a manager's creating projects. */
    static User withRole(SecurityContext context, Role needed, String what) {
        User user = of(context);
        if (!user.role().includes(needed)) {
            throw new ForbiddenException(what + " needs the " + needed.wireName() + " role; you are "
                    + user.role().wireName());
        }
        return user;
    }
}
