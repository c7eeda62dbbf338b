package io.labelhub.dm.core.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.storage.MemberRepository;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.UserRepository;

/** Project memberships, checked before they are stored. */
@Component(service = MemberService.class)
public class DefaultMemberService implements MemberService {

    private final MemberRepository members;
    private final ProjectRepository projects;
    private final UserRepository users;

    @Activate
    public DefaultMemberService(@Reference MemberRepository members, @Reference ProjectRepository projects,
                                @Reference UserRepository users) {
        this.members = members;
        this.projects = projects;
        this.users = users;
    }

    @Override
    public List<Member> list(long projectId) {
        existingProject(projectId);
        return members.list(projectId);
    }

    @Override
    public MemberChange put(long projectId, long userId, Role role) {
        existingProject(projectId);
        User user = users.find(userId).orElseThrow(() -> new ValidationException("invalid member",
                "user " + userId + " does not exist"));
        Role given = role != null ? role : user.role() == Role.ADMIN ? Role.MANAGER : user.role();
        if (given == Role.ADMIN) {
            throw new ValidationException("invalid member",
                    "role in a project must be one of manager, reviewer, annotator (admins manage every project)");
        }
        return members.put(projectId, userId, given);
    }

    @Override
    public void remove(long projectId, long userId) {
        existingProject(projectId);
        if (!members.remove(projectId, userId)) {
            throw new NotFoundException("member", userId);
        }
    }

    private void existingProject(long projectId) {
        if (projects.overlap(projectId).isEmpty()) {
            throw new NotFoundException("project", projectId);
        }
    }

    @Override
    public Optional<Role> roleOf(long projectId, User user) {
        if (user.role() == Role.ADMIN) {
            // no look at the project row, which every task write holds until it commits: the call itself finds
            // out whether the project exists
            return Optional.of(Role.MANAGER);
        }
        return members.role(projectId, user.id());
    }

}
