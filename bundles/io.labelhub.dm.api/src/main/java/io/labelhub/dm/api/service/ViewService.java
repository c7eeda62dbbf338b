package io.labelhub.dm.api.service;

import java.util.List;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;

/** Saved views (tabs) of a project's Data Manager; drafts are checked like queries (filters, ordering, columns). */
public interface ViewService {

    List<View> list(long projectId);

    View get(long projectId, long viewId);

    View create(long projectId, ViewDraft draft, User caller);

    View replace(long projectId, long viewId, ViewDraft draft);

    void delete(long projectId, long viewId);
}
