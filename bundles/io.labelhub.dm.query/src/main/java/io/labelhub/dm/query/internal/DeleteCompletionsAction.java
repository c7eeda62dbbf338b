package io.labelhub.dm.query.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.storage.TaskBulkStore;

/** Deletes the completions of the selected tasks (the tasks stay); answers how many completions. */
@Component(service = TaskAction.class, property = TaskAction.NAME + "=delete_completions")
public class DeleteCompletionsAction implements TaskAction {

    private final TaskBulkStore store;

    @Activate
    public DeleteCompletionsAction(@Reference TaskBulkStore store) {
        this.store = store;
    }

    @Override
    public String title() {
        return "Delete completions";
    }

    @Override
    public long run(long projectId, TaskSelection selection, User caller) {
        return store.deleteCompletions(projectId, selection);
    }
}
