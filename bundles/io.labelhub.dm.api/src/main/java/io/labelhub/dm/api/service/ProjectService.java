package io.labelhub.dm.api.service;

import java.util.Map;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.User;

/** Projects: create, read, change and delete them, with their configs checked. */
public interface ProjectService {

    /** Sampling order of a new project when the caller names none. */
    String DEFAULT_SAMPLING = "sequential";

    /** Creates a project; its creator (when given) becomes its manager. */
    Project create(ProjectDraft draft, User creator);

    Project get(long id);

    /** Every project, as the operator of the server (the shell) sees them. */
    Page<Project> list(PageRequest page);

    /** The projects the viewer sees: an admin all of them, anybody else those they are a member of. */
    Page<Project> list(PageRequest page, User viewer);

    Project update(long id, ProjectDraft patch);

    void delete(long id);

    /** A sample task ({@code {"data": {...}}}) generated from the project's labeling config. */
    Map<String, Object> sampleTask(long id);
}
