package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.StreamingOutput;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ImportService;
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
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.ProjectDto;
import io.labelhub.dm.rest.internal.Dtos.ProjectPage;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;
import io.labelhub.dm.rest.internal.Dtos.TaskPage;

/** Projects, and what belongs to one: its tasks, imports, exports and sample data. */
@Component(service = ProjectResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    /** The body of project create and update. */
    record ProjectBody(String title, String description, String labelConfig, String sampling, Integer overlap) {
        ProjectDraft draft() {
            return new ProjectDraft(title, description, labelConfig, sampling, overlap);
        }
    }

    private final ProjectService projects;
    private final TaskService tasks;
    private final ImportService imports;
    private final ExportService exports;

    @Activate
    public ProjectResource(@Reference ProjectService projects, @Reference TaskService tasks,
                           @Reference ImportService imports, @Reference ExportService exports) {
        this.projects = projects;
        this.tasks = tasks;
        this.imports = imports;
        this.exports = exports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        Project project = projects.create(Bodies.read(body, ProjectBody.class).draft(), Caller.of(security));
        return Response.created(URI.create("projects/" + project.id())).entity(ProjectDto.of(project)).build();
    }

    @GET
    public ProjectPage list(@QueryParam("page") String page,
                            @QueryParam("page_size") String pageSize) {
        Page<Project> found = projects.list(Paging.of(page, pageSize));
        return new ProjectPage(found.total(), found.items().stream().map(ProjectDto::of).toList());
    }

    @GET
    @Path("{id}")
    public ProjectDto get(@PathParam("id") long id) {
        return ProjectDto.of(projects.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProjectDto update(@PathParam("id") long id, InputStream body) {
        return ProjectDto.of(projects.update(id, Bodies.read(body, ProjectBody.class).draft()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        projects.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/sample-task")
    public Map<String, Object> sampleTask(@PathParam("id") long id) {
        return projects.sampleTask(id);
    }

    @POST
    @Path("{id}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTask(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        Task task = tasks.create(id, Bodies.task(Bodies.readTree(body)), Caller.of(security));
        return Response.created(URI.create("tasks/" + task.id())).entity(TaskDto.of(task, true)).build();
    }

    @GET
    @Path("{id}/tasks")
    public TaskPage listTasks(@PathParam("id") long id, @QueryParam("page") String page,
                              @QueryParam("page_size") String pageSize) {
        Page<Task> found = tasks.list(id, Paging.of(page, pageSize));
        return new TaskPage(found.total(), found.items().stream().map(t -> TaskDto.of(t, false)).toList());
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importJson(@Context SecurityContext security, @PathParam("id") long projectId,
                               InputStream body) {
        return created(projectId, imports.importJson(projectId, body, Caller.of(security)));
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFiles(@Context SecurityContext security, @PathParam("id") long projectId,
                                MultipartBody body) throws IOException {
        List<ImportService.Upload> uploads = new ArrayList<>();
        for (Attachment attachment : body.getAllAttachments()) {
            String name = attachment.getContentDisposition() == null ? null
                    : attachment.getContentDisposition().getFilename();
            if (name == null || name.isBlank()) {
                throw new ValidationException("invalid upload",
                        "every part must be a file with a filename (form field '" + fieldName(attachment) + "')");
            }
            uploads.add(new ImportService.Upload(name, attachment.getDataHandler().getInputStream()));
        }
        return created(projectId, imports.importFiles(projectId, uploads, Caller.of(security)));
    }

    private static String fieldName(Attachment attachment) {
        return attachment.getContentDisposition() == null ? "?"
                : String.valueOf(attachment.getContentDisposition().getParameter("name"));
    }

    private static Response created(long projectId, ImportService.Result result) {
        return Response.created(URI.create("projects/" + projectId + "/tasks")).entity(result).build();
    }

    @GET
    @Path("{id}/sample-files/{format}")
    @Produces({"application/json", "text/csv", "text/tab-separated-values", "text/plain"})
    public Response sampleFile(@PathParam("id") long projectId, @PathParam("format") String format) {
        byte[] content = imports.sampleFile(projectId, format);
        String type = switch (format) {
            case "json" -> "application/json";
            case "csv" -> "text/csv";
            case "tsv" -> "text/tab-separated-values";
            default -> "text/plain";
        };
        return Response.ok(content, type + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sample." + format + "\"").build();
    }

    @POST
    @Path("{id}/sample-task")
    public Response addSampleTask(@Context SecurityContext security, @PathParam("id") long projectId) {
        Task task = tasks.create(projectId, Bodies.task(Mappers.JSON.valueToTree(projects.sampleTask(projectId))),
                Caller.of(security));
        return Response.created(URI.create("tasks/" + task.id())).entity(TaskDto.of(task, true)).build();
    }
    @GET
    @Path("{id}/export")
    @Produces(MediaType.WILDCARD)
    public Response export(@PathParam("id") long projectId, @QueryParam("exportType") String type,
                           @QueryParam("download_all_tasks") String all,
                           @QueryParam("include_full_task") String full,
                           @QueryParam("only_ground_truth") String onlyGroundTruth,
                           @QueryParam("ids") String ids) {
        ExportService.Prepared prepared = exports.prepare(projectId, new ExportService.Request(type,
                flag("download_all_tasks", all), flag("include_full_task", full),
                flag("only_ground_truth", onlyGroundTruth), ids(ids)));
        StreamingOutput body = prepared::writeTo;
        return Response.ok(body, prepared.mediaType() + ("application/json".equals(prepared.mediaType()) ? ""
                        : "; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"").build();
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ValidationException("invalid " + name, name + " must be true or false, was '"
                    + value + "'");
        };
    }

    private static List<Long> ids(String value) {
        List<Long> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        for (String part : value.split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new ValidationException("invalid ids", "ids must be task ids separated by commas, found '"
                        + part.trim() + "'");
            }
        }
        return ids;
    }
}
