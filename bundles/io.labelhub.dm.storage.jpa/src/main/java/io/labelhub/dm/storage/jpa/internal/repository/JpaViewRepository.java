package io.labelhub.dm.storage.jpa.internal.repository;

import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.type.TypeReference;

import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;
import io.labelhub.dm.api.storage.StorageInfo;
import io.labelhub.dm.api.storage.ViewRepository;
import io.labelhub.dm.storage.jpa.internal.entity.ViewEntity;
import io.labelhub.dm.storage.jpa.internal.sql.Jdbc;
import io.labelhub.dm.storage.jpa.internal.sql.Json;

@Component(service = ViewRepository.class)
public class JpaViewRepository implements ViewRepository {

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<Object> TREE = new TypeReference<>() {
    };

    private final Jpa jpa;

    @Activate
    public JpaViewRepository(@Reference(target = Jpa.UNIT) JpaTemplate jpa, @Reference StorageInfo schemaReady) {
        this.jpa = new Jpa(jpa);
    }

    @Override
    public List<View> list(long projectId) {
        return jpa.tx(em -> em.createQuery("SELECT v FROM ViewEntity v WHERE v.projectId = :p ORDER BY v.id",
                ViewEntity.class).setParameter("p", projectId).getResultStream().map(JpaViewRepository::view).toList());
    }

    @Override
    public Optional<View> find(long projectId, long viewId) {
        return jpa.tx(em -> Optional.ofNullable(em.find(ViewEntity.class, viewId))
                .filter(v -> v.projectId == projectId).map(JpaViewRepository::view));
    }

    @Override
    public View insert(long projectId, ViewDraft draft, Long createdBy) {
        return jpa.tx(em -> {
            ViewEntity row = new ViewEntity();
            row.projectId = projectId;
            row.createdBy = createdBy;
            row.createdAt = Jdbc.now();
            fill(row, draft);
            em.persist(row);
            em.flush();
            return view(row);
        });
    }

    @Override
    public Optional<View> update(long projectId, long viewId, ViewDraft draft) {
        return jpa.tx(em -> {
            ViewEntity row = em.find(ViewEntity.class, viewId);
            if (row == null || row.projectId != projectId) {
                return Optional.<View>empty();
            }
            fill(row, draft);
            em.flush();
            return Optional.of(view(row));
        });
    }

    @Override
    public boolean delete(long projectId, long viewId) {
        return jpa.tx(em -> em.createQuery("DELETE FROM ViewEntity v WHERE v.id = :id AND v.projectId = :p")
                .setParameter("id", viewId).setParameter("p", projectId).executeUpdate() > 0);
    }

    private static void fill(ViewEntity row, ViewDraft draft) {
        row.title = draft.title();
        row.filters = draft.filters() == null ? null : Json.write(draft.filters());
        row.ordering = Json.write(draft.ordering());
        row.columns = Json.write(draft.columns());
        row.quick = draft.quick();
        row.updatedAt = Jdbc.now();
    }

    private static View view(ViewEntity row) {
        return new View(row.id, row.projectId, row.title,
                row.filters == null ? null : Json.read(row.filters, TREE), Json.read(row.ordering, NAMES),
                Json.read(row.columns, NAMES), row.quick, row.createdBy, row.createdAt, row.updatedAt);
    }
}
