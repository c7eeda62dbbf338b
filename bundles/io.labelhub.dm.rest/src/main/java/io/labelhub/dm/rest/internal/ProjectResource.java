package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.ProjectDto;
import io.labelhub.dm.rest.internal.Dtos.ProjectPage;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;

/**
 * Projects themselves and their sample task. What lives inside a project (tasks, views, actions, statistics,
 * import, export, sample files) has a resource of its own under {@code projects/{id}/…}.
 */
@Component(service = ProjectResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    /** The body of project create and update. */
    record ProjectBody(String title, String description, String labelConfig, String sampling, Integer overlap,
                       Integer lockTtl) {
        ProjectDraft draft() {
            return new ProjectDraft(title, description, labelConfig, sampling, overlap, lockTtl);
        }
    }

    private final ProjectService projects;
    private final TaskService tasks;
    private final MemberService members;

    @Activate
    public ProjectResource(@Reference ProjectService projects, @Reference TaskService tasks,
                           @Reference MemberService members) {
        this.projects = projects;
        this.tasks = tasks;
        this.members = members;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        User creator = Caller.withRole(security, Role.MANAGER, "creating a project");
        Project project = projects.create(Bodies.read(body, ProjectBody.class).draft(), creator);
        return Response.created(URI.create("projects/" + project.id())).entity(ProjectDto.of(project)).build();
    }

    /** The projects the caller is a member of; an admin's: all. */
    @GET
    public ProjectPage list(@Context SecurityContext security, @QueryParam("page") String page,
                            @QueryParam("page_size") String pageSize) {
        Page<Project> found = projects.list(Paging.of(page, pageSize), Caller.of(security));
        return new ProjectPage(found.total(), found.items().stream().map(ProjectDto::of).toList());
    }

    @GET
    @Path("{id}")
    public ProjectDto get(@Context SecurityContext security, @PathParam("id") long id) {
        Access.project(security, members, id, Role.ANNOTATOR);
        return ProjectDto.of(projects.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProjectDto update(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        Access.project(security, members, id, Role.MANAGER);
        return ProjectDto.of(projects.update(id, Bodies.read(body, ProjectBody.class).draft()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") long id) {
        Access.project(security, members, id, Role.MANAGER);
        projects.delete(id);
        return Response.noContent().build();
    }

    /**
     * A task in Label Studio's shape made up from the labeling config. A map, not a record: its {@code data} keys
     * are the ones the project's config reads.
     */
    @GET
    @Path("{id}/sample-task")
    public Map<String, Object> sampleTask(@Context SecurityContext security, @PathParam("id") long id) {
        Access.project(security, members, id, Role.MANAGER);
        return projects.sampleTask(id);
    }

    @POST
    @Path("{id}/sample-task")
    public Response addSampleTask(@Context SecurityContext security, @PathParam("id") long id) {
        User caller = Access.project(security, members, id, Role.MANAGER).user();
        Task task = tasks.create(id, Bodies.task(Mappers.JSON.valueToTree(projects.sampleTask(id))), caller);
        return Response.created(URI.create("tasks/" + task.id())).entity(TaskDto.of(task, true)).build();
    }
}
