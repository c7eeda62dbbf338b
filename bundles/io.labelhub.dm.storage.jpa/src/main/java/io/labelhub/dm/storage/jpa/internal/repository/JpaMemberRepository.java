package io.labelhub.dm.storage.jpa.internal.repository;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.ConflictException;
import io.labelhub.dm.api.Member;
import io.labelhub.dm.api.MemberChange;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.storage.MemberRepository;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.entity.MemberEntity;
import io.labelhub.dm.storage.jpa.internal.entity.ProjectEntity;
import io.labelhub.dm.storage.jpa.internal.entity.UserEntity;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

@Component(service = MemberRepository.class)
public class JpaMemberRepository implements MemberRepository {

    private final Jpa jpa;

    @Activate
    public JpaMemberRepository(@Reference(target = Jpa.UNIT) JpaTemplate jpa, @Reference StorageInfo schemaReady) {
        this.jpa = new Jpa(jpa);
    }

    @Override
    public List<Member> list(long projectId) {
        return jpa.tx(em -> em.createQuery("SELECT m, u FROM MemberEntity m, UserEntity u WHERE u.id = m.userId "
                        + "AND m.projectId = :p ORDER BY m.addedAt, m.userId", Object[].class)
                .setParameter("p", projectId).getResultStream()
                .map(row -> member((MemberEntity) row[0], (UserEntity) row[1])).toList());
    }

    private static Member member(MemberEntity member, UserEntity user) {
        return new Member(member.projectId, Mapping.user(user), Role.valueOf(member.role), member.addedAt);
    }

    @Override
    public Optional<Role> role(long projectId, long userId) {
        return jpa.tx(em -> em.createQuery("SELECT m.role FROM MemberEntity m WHERE m.projectId = :p "
                        + "AND m.userId = :u", String.class)
                .setParameter("p", projectId).setParameter("u", userId).getResultStream().findFirst()
                .map(Role::valueOf));
    }

    @Override
    public MemberChange put(long projectId, long userId, Role role) {
        return jpa.tx(em -> {
            // the project row is the lock that orders changes of its members, so two managers demoting each other
            // at once cannot both succeed and leave nobody in charge
            ProjectEntity project = em.find(ProjectEntity.class, projectId, LockModeType.PESSIMISTIC_WRITE);
            UserEntity user = em.find(UserEntity.class, userId);
            if (project == null) {
                throw new NotFoundException("project", projectId);
            }
            if (user == null) {
                throw new NotFoundException("user", userId);
            }
            MemberEntity member = em.find(MemberEntity.class, new MemberEntity.Key(projectId, userId));
            boolean added = member == null;
            if (added) {
                member = new MemberEntity();
                member.projectId = projectId;
                member.userId = userId;
                member.addedAt = Jdbc.now();
                member.role = role.name();
                em.persist(member);
            } else {
                boolean wasManager = Role.MANAGER.name().equals(member.role);
                member.role = role.name();
                if (wasManager && role != Role.MANAGER) {
                    em.flush();
                    keepsAManager(em, projectId, userId);
                }
            }
            em.flush();
            return new MemberChange(member(member, user), added);
        });
    }

    @Override
    public boolean remove(long projectId, long userId) {
        return jpa.tx(em -> {
            if (em.find(ProjectEntity.class, projectId, LockModeType.PESSIMISTIC_WRITE) == null) {
                return false;
            }
            MemberEntity member = em.find(MemberEntity.class, new MemberEntity.Key(projectId, userId));
            if (member == null) {
                return false;
            }
            em.remove(member);
            if (Role.MANAGER.name().equals(member.role)) {
                em.flush();
                keepsAManager(em, projectId, userId);
            }
            return true;
        });
    }

    /** Rolls back a change that took the project's last manager away. */
    private static void keepsAManager(EntityManager em, long projectId, long userId) {
        long managers = em.createQuery("SELECT COUNT(m) FROM MemberEntity m WHERE m.projectId = :p AND m.role = :r",
                        Long.class)
                .setParameter("p", projectId).setParameter("r", Role.MANAGER.name()).getSingleResult();
        if (managers == 0) {
            throw new ConflictException("last manager", "user " + userId + " is the only manager of project "
                    + projectId + ": make another member manager first");
        }
    }
}
