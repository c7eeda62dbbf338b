package io.labelhub.dm.query.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.service.TaskAction;
import io.labelhub.dm.api.storage.TaskBulkStore;

/** Deletes the predictions of the selected tasks (the tasks stay); answers how many predictions. */
@Component(service = TaskAction.class, property = TaskAction.NAME + "=delete_predictions")
public class DeletePredictionsAction implements TaskAction {

    private final TaskBulkStore store;

    @Activate
    public DeletePredictionsAction(@Reference TaskBulkStore store) {
        this.store = store;
    }

    @Override
    public String title() {
        return "Delete predictions";
    }

    @Override
    public long run(long projectId, TaskSelection selection, User caller) {
        return store.deletePredictions(projectId, selection);
    }
}
