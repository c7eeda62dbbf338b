package io.labelhub.dm.core.internal.dm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.Field;
import io.labelhub.dm.api.query.Order;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.TaskTable;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.TaskQueryStore;
import io.labelhub.dm.core.internal.query.QueryParser;

/** The Data Manager over the query store; actions are {@link TaskAction} services, bound as they come and go. */
@Component(service = DataManagerService.class)
public class DefaultDataManagerService implements DataManagerService {

    private final ProjectRepository projects;
    private final TaskQueryStore store;
    private final Map<String, TaskAction> actions = new ConcurrentHashMap<>();

    @Activate
    public DefaultDataManagerService(@Reference ProjectRepository projects, @Reference TaskQueryStore store) {
        this.projects = projects;
        this.store = store;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAction(TaskAction action, Map<String, Object> properties) {
        if (properties.get(TaskAction.NAME) instanceof String name) {
            actions.put(name, action);
        }
    }

    void removeAction(TaskAction action, Map<String, Object> properties) {
        if (properties.get(TaskAction.NAME) instanceof String name) {
            actions.remove(name, action);
        }
    }

    @Override
    public TaskTable table(long projectId, TaskQuery query) {
        project(projectId);
        return store.page(projectId, query);
    }

    @Override
    public Totals found(long projectId, TaskFilter filter) {
        project(projectId);
        return store.found(projectId, filter);
    }

    @Override
    public ProjectStats stats(long projectId) {
        return store.stats(projectId, project(projectId));
    }

    @Override
    public long act(long projectId, String action, TaskSelection selection, User caller) {
        project(projectId);
        TaskAction installed = actions.get(action);
        if (installed == null) {
            throw new DmException(DmException.Kind.NOT_FOUND, "unknown action", "no action \"" + action
                    + "\" is installed; installed: " + String.join(", ", new TreeMap<>(actions).keySet()));
        }
        return installed.run(projectId, selection, caller);
    }

    @Override
    public Map<String, String> actions() {
        Map<String, String> titles = new TreeMap<>();
        actions.forEach((name, action) -> titles.put(name, action.title()));
        return titles;
    }

    @Override
    public TaskFilter parseFilter(Object json) {
        return QueryParser.filter(json);
    }

    @Override
    public List<Order> parseOrdering(List<String> names) {
        return QueryParser.ordering(names);
    }

    @Override
    public List<Field> parseFields(List<String> names) {
        return QueryParser.fields(names);
    }

    @Override
    public TaskSelection parseSelection(Map<String, Object> json) {
        return QueryParser.selection(json);
    }

    /** The project's overlap; a NotFoundException when there is no such project. */
    private int project(long projectId) {
        return projects.overlap(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    }
}
