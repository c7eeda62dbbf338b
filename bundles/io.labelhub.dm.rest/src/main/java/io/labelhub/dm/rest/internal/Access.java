package io.labelhub.dm.rest.internal;

import javax.ws.rs.core.SecurityContext;

import io.labelhub.dm.api.ForbiddenException;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.MemberService;

/**
 * The first thing every project-scoped request does: who the caller is and which role they have in the project,
 * before the body is read. Someone who is not a member learns nothing, not even that the project (or its task,
 * completion or prediction) exists: they get the same 404 as for one that does not. The table of who may call what
 * is in README.md, and RolesIT walks it.
 */
final class Access {

    /** The caller and their role in the project asked about. */
    record Grant(User user, Role role, long projectId) {

        /** True when the caller's role in the project includes {@code role}. */
        boolean has(Role role) {
            return this.role.includes(role);
        }

        /** Refuses unless the role includes {@code needed}, naming what needs it. */
        void require(Role needed, String what) {
            if (!has(needed)) {
                throw new ForbiddenException(what + " needs the " + needed.wireName() + " role in project "
                        + projectId + "; you are " + role.wireName() + " there");
            }
        }
    }

    private Access() {
    }

    /** The caller's grant in the project, at least {@code needed}; a non-member's 404 names the project. */
    static Grant project(SecurityContext security, MemberService members, long projectId, Role needed) {
        return within(security, members, projectId, "project", projectId, needed);
    }

    /**
     * The caller's grant in the project that holds {@code what} {@code id} (a task, completion or prediction), at
     * least {@code needed}; a non-member's 404 names the thing asked for, as if it did not exist.
     */
    static Grant within(SecurityContext security, MemberService members, long projectId, String what, long id,
                        Role needed) {
        User user = Caller.of(security);
        Role role = members.roleOf(projectId, user).orElseThrow(() -> new NotFoundException(what, id));
        Grant grant = new Grant(user, role, projectId);
        grant.require(needed, "this");
        return grant;
    }
}
