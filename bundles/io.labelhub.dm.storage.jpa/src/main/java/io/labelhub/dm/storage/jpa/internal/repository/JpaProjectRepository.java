package io.labelhub.dm.storage.jpa.internal.repository;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChanges;
import io.labelhub.dm.storage.jpa.internal.counters.TaskChildren;
import io.labelhub.dm.storage.jpa.internal.entity.MemberEntity;
import io.labelhub.dm.storage.jpa.internal.entity.ProjectEntity;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;

@Component(service = ProjectRepository.class)
public class JpaProjectRepository implements ProjectRepository {

    private final Jpa jpa;

    @Activate
    public JpaProjectRepository(@Reference(target = Jpa.UNIT) JpaTemplate jpa,
                                @Reference StorageInfo schemaReady) {
        this.jpa = new Jpa(jpa);
    }

    @Override
    public Project insert(ProjectDraft draft, Long createdBy) {
        return jpa.tx(em -> {
            ProjectEntity project = new ProjectEntity();
            project.title = draft.title();
            project.description = draft.description();
            project.labelConfig = draft.labelConfig();
            project.sampling = draft.sampling();
            project.overlap = draft.overlap();
            project.lockTtl = draft.lockTtl() == null ? Project.DEFAULT_LOCK_TTL : draft.lockTtl();
            project.createdBy = createdBy;
            project.createdAt = Jdbc.now();
            project.updatedAt = project.createdAt;
            em.persist(project);
            em.flush();
            Jpa.jdbc(em, connection -> TaskChanges.start(connection, project.id));
            if (createdBy != null) {
                MemberEntity manager = new MemberEntity();
                manager.projectId = project.id;
                manager.userId = createdBy;
                manager.role = Role.MANAGER.name();
                manager.addedAt = project.createdAt;
                em.persist(manager);
                em.flush();
            }
            return Mapping.project(project, 0);
        });
    }

    @Override
    public Optional<Project> find(long id) {
        return jpa.tx(em -> Optional.ofNullable(em.find(ProjectEntity.class, id))
                .map(p -> Mapping.project(p, p.taskCount)));
    }

    @Override
    public OptionalInt overlap(long id) {
        return jpa.tx(em -> {
            ProjectEntity project = em.find(ProjectEntity.class, id);
            return project == null ? OptionalInt.empty() : OptionalInt.of(project.overlap);
        });
    }

    @Override
    public Page<Project> list(PageRequest page, Long memberId) {
        return jpa.tx(em -> {
            long total;
            TypedQuery<ProjectEntity> query;
            if (memberId == null) {
                total = em.createQuery("SELECT COUNT(p) FROM ProjectEntity p", Long.class).getSingleResult();
                query = em.createQuery("SELECT p FROM ProjectEntity p ORDER BY p.id", ProjectEntity.class);
            } else {
                total = em.createQuery("SELECT COUNT(m) FROM MemberEntity m WHERE m.userId = :u", Long.class)
                        .setParameter("u", memberId).getSingleResult();
                query = em.createQuery("SELECT p FROM ProjectEntity p, MemberEntity m WHERE m.projectId = p.id "
                        + "AND m.userId = :u ORDER BY p.id", ProjectEntity.class).setParameter("u", memberId);
            }
            List<ProjectEntity> rows = query.setFirstResult((int) page.offset()).setMaxResults(page.pageSize())
                    .getResultList();
            return new Page<>(total, rows.stream().map(p -> Mapping.project(p, p.taskCount)).toList());
        });
    }

    @Override
    public Optional<Project> update(long id, ProjectDraft patch) {
        return jpa.tx(em -> {
            ProjectEntity project = em.find(ProjectEntity.class, id);
            if (project == null) {
                return Optional.<Project>empty();
            }
            if (patch.title() != null) {
                project.title = patch.title();
            }
            if (patch.description() != null) {
                project.description = patch.description();
            }
            if (patch.labelConfig() != null) {
                project.labelConfig = patch.labelConfig();
            }
            if (patch.sampling() != null) {
                project.sampling = patch.sampling();
            }
            if (patch.overlap() != null) {
                project.overlap = patch.overlap();
            }
            if (patch.lockTtl() != null) {
                project.lockTtl = patch.lockTtl();
            }
            project.updatedAt = Jdbc.now();
            em.flush();
            return Optional.of(Mapping.project(project, project.taskCount));
        });
    }

    @Override
    public boolean delete(long id) {
        // the foreign keys cascade to tasks and views; the tasks' completions and predictions and the labels go here
        return jpa.tx(em -> {
            Jpa.jdbc(em, connection -> {
                TaskChildren.deleteOfProject(connection, id);
                TaskChanges.remove(connection, id);
            });
            return em.createQuery("DELETE FROM ProjectEntity p WHERE p.id = :id")
                    .setParameter("id", id).executeUpdate() > 0;
        });
    }
}
