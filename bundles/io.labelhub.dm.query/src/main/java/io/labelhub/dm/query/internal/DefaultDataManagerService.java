package io.labelhub.dm.query.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.NotFoundException;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.ProjectStats;
import io.labelhub.dm.api.query.TaskFilter;
import io.labelhub.dm.api.query.TaskQuery;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.Totals;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.spi.Extension;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.ProjectRepository;
import io.labelhub.dm.api.storage.StatsStore;
import io.labelhub.dm.api.storage.TaskQueryStore;

/**
 * The Data Manager over the query and statistics stores; actions are {@link TaskAction} services, bound as they
 * come and go.
 */
@Component(service = DataManagerService.class)
public class DefaultDataManagerService implements DataManagerService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDataManagerService.class);

    private final ProjectRepository projects;
    private final TaskQueryStore store;
    private final StatsStore stats;
    private final Extensions<TaskAction> actions = new Extensions<>(TaskAction.NAME);

    @Activate
    public DefaultDataManagerService(@Reference ProjectRepository projects, @Reference TaskQueryStore store,
                                     @Reference StatsStore stats) {
        this.projects = projects;
        this.store = store;
        this.stats = stats;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAction(TaskAction action, Map<String, Object> properties) {
        Extension<TaskAction> added = actions.add(action, properties);
        if (added == null) {
            LOG.warn("A TaskAction without an '{}' property is not used: {}", TaskAction.NAME, action);
        } else if (actions.named(added.name()).orElse(null) != action) {
            LOG.warn("Two actions are named '{}'; the one of higher service.ranking (then registered first) runs",
                    added.name());
        }
    }

    void removeAction(TaskAction action) {
        actions.remove(action);
    }

    @Override
    public Table table(long projectId, TableRequest request) {
        TaskQuery query = new TaskQuery(QueryParser.filter(request.filters()),
                QueryParser.ordering(request.ordering()), request.page(),
                request.fields() == null ? null : Set.copyOf(QueryParser.fields(request.fields())));
        project(projectId);
        return new Table(query, store.page(projectId, query));
    }

    @Override
    public Totals found(long projectId, Object filters) {
        TaskFilter filter = QueryParser.filter(filters);
        project(projectId);
        return store.found(projectId, filter);
    }

    @Override
    public ProjectStats stats(long projectId) {
        return stats.stats(projectId, project(projectId));
    }

    @Override
    public long act(long projectId, String action, Map<String, Object> selection, User caller) {
        TaskSelection read = QueryParser.selection(selection);
        project(projectId);
        TaskAction installed = actions.named(action).orElseThrow(() -> new DmException(DmException.Kind.NOT_FOUND,
                "unknown action", "no action \"" + action + "\" is installed; installed: "
                        + String.join(", ", actions.names())));
        return installed.run(projectId, read, caller);
    }

    @Override
    public Map<String, String> actions() {
        Map<String, String> titles = new TreeMap<>();
        for (Extension<TaskAction> action : actions.all()) {
            titles.putIfAbsent(action.name(), action.service().title());
        }
        return titles;
    }

    @Override
    public TaskFilter parseFilter(Object json) {
        return QueryParser.filter(json);
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
