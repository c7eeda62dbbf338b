package io.labelhub.dm.api.service;

import java.util.List;
import java.util.Optional;

import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;

/**
 * Who belongs to which project in which role. Admins are managers of every project without being members; everybody
 * else sees only the projects they are members of. What a role may do is {@link Role#includes}.
 */
public interface MemberService {

    /** The project's members, in the order they were added. */
    List<Member> list(long projectId);

    /**
     * Adds the user to the project or gives them another role there.
     *
     * @param role manager, reviewer or annotator; null: the user's own role (an admin's: manager)
     * @throws io.labelhub.dm.api.ConflictException when this would leave the project without a manager
     */
    MemberChange put(long projectId, long userId, Role role);

    /** @throws io.labelhub.dm.api.ConflictException when the user is the project's last manager */
    void remove(long projectId, long userId);

    /**
     * The user's role in the project; empty when they are not a member or there is no such project: the two look
     * the same to a caller, so a project's existence is not revealed. An admin is {@link Role#MANAGER} of every
     * project id without a look at the project: what they then ask of a project that does not exist answers that
     * it does not.
     */
    Optional<Role> roleOf(long projectId, User user);
}
