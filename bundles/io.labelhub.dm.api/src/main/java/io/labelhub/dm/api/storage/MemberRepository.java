package io.labelhub.dm.api.storage;

import java.util.List;
import java.util.Optional;

import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.Role;

/** Persistence of project memberships. */
public interface MemberRepository {

    List<Member> list(long projectId);

    Optional<Role> role(long projectId, long userId);

    /**
     * Stores the membership, added or with its role changed, in one transaction that fails with a
     * {@link io.labelhub.dm.api.ConflictException} when the project would be left without a manager.
     */
    MemberChange put(long projectId, long userId, Role role);

    /**
     * Removes the membership; false when there was none. Fails with a {@link io.labelhub.dm.api.ConflictException}
     * when the user is the project's last manager.
     */
    boolean remove(long projectId, long userId);
}
