package io.labelhub.dm.query.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.storage.TaskBulkStore;

/** Deletes the selected tasks with their completions, predictions and reviews; answers how many tasks. */
@Component(service = TaskAction.class, property = TaskAction.NAME + "=delete_tasks")
public class DeleteTasksAction implements TaskAction {

    private final TaskBulkStore store;

    @Activate
    public DeleteTasksAction(@Reference TaskBulkStore store) {
        this.store = store;
    }

    @Override
    public String title() {
        return "Delete tasks";
    }

    @Override
    public long run(long projectId, TaskSelection selection, User caller) {
        return store.deleteTasks(projectId, selection);
    }
}
