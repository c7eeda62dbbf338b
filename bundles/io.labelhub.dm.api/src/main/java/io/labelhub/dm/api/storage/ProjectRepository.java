package io.labelhub.dm.api.storage;

import java.util.Optional;
import java.util.OptionalInt;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.PageRequest;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;

/** Persistence of projects. Callers have checked the values; this only stores them. */
public interface ProjectRepository {

    /** Stores a project, with its creator (when known) as its manager; every field of {@code draft} is set. */
    Project insert(ProjectDraft draft, Long createdBy);

    Optional<Project> find(long id);

    /** The project's overlap, without counting its tasks; empty when there is no such project. */
    OptionalInt overlap(long id);

    /** Projects by id; with {@code memberId} only those the user is a member of, otherwise all. */
    Page<Project> list(PageRequest page, Long memberId);

    /** Changes the non-null fields of {@code patch}; empty when there is no such project. */
    Optional<Project> update(long id, ProjectDraft patch);

    /** Deletes the project with all its tasks, completions and predictions; false when there was none. */
    boolean delete(long id);
}
