package io.labelhub.dm.query.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;
import io.labelhub.dm.api.service.ViewService;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.ViewRepository;

/** Saved views; a draft's filters, ordering and columns are checked exactly as a query's would be. */
@Component(service = ViewService.class)
public class DefaultViewService implements ViewService {

    /** Views per project: tabs are for people, a few dozen at most. */
    static final int MAX_VIEWS = 100;

    private final ViewRepository views;
    private final ProjectRepository projects;

    @Activate
    public DefaultViewService(@Reference ViewRepository views, @Reference ProjectRepository projects) {
        this.views = views;
        this.projects = projects;
    }

    @Override
    public List<View> list(long projectId) {
        project(projectId);
        return views.list(projectId);
    }

    @Override
    public View get(long projectId, long viewId) {
        project(projectId);
        return views.find(projectId, viewId).orElseThrow(() -> new NotFoundException("view", viewId));
    }

    @Override
    public View create(long projectId, ViewDraft draft, User caller) {
        project(projectId);
        check(draft);
        if (views.list(projectId).size() >= MAX_VIEWS) {
            throw new ValidationException("too many views", "a project holds at most " + MAX_VIEWS + " views");
        }
        return views.insert(projectId, draft, caller.id());
    }

    @Override
    public View replace(long projectId, long viewId, ViewDraft draft) {
        project(projectId);
        check(draft);
        return views.update(projectId, viewId, draft).orElseThrow(() -> new NotFoundException("view", viewId));
    }

    @Override
    public void delete(long projectId, long viewId) {
        project(projectId);
        if (!views.delete(projectId, viewId)) {
            throw new NotFoundException("view", viewId);
        }
    }

    private static void check(ViewDraft draft) {
        if (draft.title() == null || draft.title().isBlank()) {
            throw new ValidationException("invalid view", "title is required");
        }
        if (draft.title().length() > 255) {
            throw new ValidationException("invalid view", "title is longer than 255 characters");
        }
        QueryParser.filter(draft.filters());
        QueryParser.ordering(draft.ordering());
        QueryParser.fields(draft.columns());
    }

    private void project(long projectId) {
        if (projects.overlap(projectId).isEmpty()) {
            throw new NotFoundException("project", projectId);
        }
    }
}
