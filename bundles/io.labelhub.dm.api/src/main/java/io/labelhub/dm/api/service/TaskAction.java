package io.labelhub.dm.api.service;

import io.labelhub.dm.api.User;
import io.labelhub.dm.api.query.TaskSelection;

/**
 * A bulk action of the Data Manager, registered as an OSGi service with the property {@value #NAME} (its name in
 * {@code POST /api/projects/{id}/actions/{name}}). A plugin bundle adds one by registering it.
 */
public interface TaskAction {

    /** The service property that names the action. */
    String NAME = "action";

    /** What the Data Manager shows for it. */
    String title();

    /** Runs on the selected tasks of a project, in one transaction; answers how many rows it affected. */
    long run(long projectId, TaskSelection selection, User caller);
}
