package io.labelhub.dm.api.storage;

import java.util.List;
import java.util.Optional;

import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;

/** Saved views of a project, in the order they were created. */
public interface ViewRepository {

    List<View> list(long projectId);

    Optional<View> find(long projectId, long viewId);

    View insert(long projectId, ViewDraft draft, Long createdBy);

    Optional<View> update(long projectId, long viewId, ViewDraft draft);

    boolean delete(long projectId, long viewId);
}
