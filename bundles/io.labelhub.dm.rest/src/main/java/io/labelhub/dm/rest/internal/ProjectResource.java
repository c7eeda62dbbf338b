package io.labelhub.dm.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.Page;
import io.labelhub.dm.api.Project;
import io.labelhub.dm.api.ProjectDraft;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.io.SampleFile;
import io.labelhub.dm.api.query.TaskSelection;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.ExportService;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.service.ViewService;
import io.labelhub.dm.rest.internal.Dtos.ProjectDto;
import io.labelhub.dm.rest.internal.Dtos.ProjectPage;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;

/**
 * Projects, and what belongs to one: its tasks (the Data Manager table, saved views, bulk actions, statistics),
 * imports, exports and sample data.
 */
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
    private final DataManagerService dm;
    private final ViewService views;

    @Activate
    public ProjectResource(@Reference ProjectService projects, @Reference TaskService tasks,
                           @Reference ImportService imports, @Reference ExportService exports,
                           @Reference DataManagerService dm, @Reference ViewService views) {
        this.projects = projects;
        this.tasks = tasks;
        this.imports = imports;
        this.exports = exports;
        this.dm = dm;
        this.views = views;
        SpooledDownload.deleteLeftovers();
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

    /**
     * The Data Manager table: {@code filters} (JSON), {@code ordering} ({@code -completions,id}), {@code page},
     * {@code page_size} and {@code fields} (a Quick view: {@code id,data.text}).
     */
    @GET
    @Path("{id}/tasks")
    public Map<String, Object> listTasks(@PathParam("id") long id, @QueryParam("filters") String filters,
                                         @QueryParam("ordering") String ordering, @QueryParam("page") String page,
                                         @QueryParam("page_size") String pageSize,
                                         @QueryParam("fields") String fields) {
        return Table.table(dm.table(id, new DataManagerService.TableRequest(Table.jsonParameter("filters", filters),
                Table.names(ordering), Paging.of(page, pageSize), Table.names(fields))));
    }

    /** {@code GET …/tasks} with its parameters in a JSON body, for filters too long for a URL. */
    @POST
    @Path("{id}/tasks/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> queryTasks(@PathParam("id") long id, InputStream body) {
        JsonNode tree = Bodies.readTree(body);
        if (!tree.isObject()) {
            throw new ValidationException("invalid body", "the body must be a JSON object");
        }
        Bodies.onlyFields(tree, "query", List.of("filters", "ordering", "page", "page_size", "fields"));
        return Table.table(dm.table(id, new DataManagerService.TableRequest(
                Mappers.JSON.convertValue(tree.get("filters"), Object.class),
                Table.names(tree.get("ordering"), "ordering"),
                Paging.of(text(tree.get("page")), text(tree.get("page_size"))),
                Table.names(tree.get("fields"), "fields"))));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The totals of every task the filter matches, for the Found panel. */
    @GET
    @Path("{id}/tasks/found")
    public Map<String, Object> found(@PathParam("id") long id, @QueryParam("filters") String filters) {
        return Table.totals(dm.found(id, Table.jsonParameter("filters", filters)));
    }

    @GET
    @Path("{id}/stats")
    public Map<String, Object> stats(@PathParam("id") long id) {
        return Table.stats(dm.stats(id));
    }

    @GET
    @Path("{id}/actions")
    public List<Map<String, String>> actions(@PathParam("id") long id) {
        projects.get(id);
        return dm.actions().entrySet().stream().map(e -> Map.of("name", e.getKey(), "title", e.getValue())).toList();
    }

    /** Runs a bulk action on a selection; answers how many rows it affected. */
    @POST
    @Path("{id}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> act(@Context SecurityContext security, @PathParam("id") long id,
                                   @PathParam("action") String action, InputStream body) {
        long affected = dm.act(id, action, Bodies.toMap(Bodies.readTree(body), "the selection"),
                Caller.of(security));
        return Map.of("action", action, "affected", affected);
    }

    @GET
    @Path("{id}/views")
    public List<Map<String, Object>> listViews(@PathParam("id") long id) {
        return views.list(id).stream().map(Table::view).toList();
    }

    @POST
    @Path("{id}/views")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createView(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        View view = views.create(id, Table.viewDraft(Bodies.readTree(body)), Caller.of(security));
        return Response.created(URI.create("projects/" + id + "/views/" + view.id())).entity(Table.view(view))
                .build();
    }

    @GET
    @Path("{id}/views/{view}")
    public Map<String, Object> getView(@PathParam("id") long id, @PathParam("view") long view) {
        return Table.view(views.get(id, view));
    }

    @PUT
    @Path("{id}/views/{view}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replaceView(@PathParam("id") long id, @PathParam("view") long view,
                                           InputStream body) {
        return Table.view(views.replace(id, view, Table.viewDraft(Bodies.readTree(body))));
    }

    @DELETE
    @Path("{id}/views/{view}")
    public Response deleteView(@PathParam("id") long id, @PathParam("view") long view) {
        views.delete(id, view);
        return Response.noContent().build();
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
    @Produces(MediaType.WILDCARD)
    public Response sampleFile(@PathParam("id") long projectId, @PathParam("format") String format) {
        SampleFile sample = imports.sampleFile(projectId, format);
        return Response.ok(sample.content(), sample.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sample." + sample.extension() + "\"").build();
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
                           @QueryParam("ids") String ids, @QueryParam("filters") String filters,
                           @QueryParam("selection") String selection) {
        ExportService.Prepared prepared = exports.prepare(projectId, new ExportService.Request(type,
                flag("download_all_tasks", all), flag("include_full_task", full),
                flag("only_ground_truth", onlyGroundTruth), exportSelection(ids, filters, selection)));
        SpooledDownload.Spooled download = SpooledDownload.of(prepared::writeTo);
        return Response.ok(download.body(), prepared.mediaType() + ("application/json".equals(prepared.mediaType())
                        ? "" : "; charset=utf-8"))
                .header(HttpHeaders.CONTENT_LENGTH, download.length())
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

    /**
     * What an export reads: {@code ids=1,2}, the Data Manager's current {@code filters}, or a {@code selection} as
     * bulk actions take it (at most one of them); null: the whole project.
     */
    private TaskSelection exportSelection(String ids, String filters, String selection) {
        int given = (ids == null || ids.isBlank() ? 0 : 1) + (filters == null || filters.isBlank() ? 0 : 1)
                + (selection == null || selection.isBlank() ? 0 : 1);
        if (given > 1) {
            throw new ValidationException("invalid export", "give at most one of ids, filters and selection");
        }
        if (ids != null && !ids.isBlank()) {
            return TaskSelection.ofIds(ids(ids));
        }
        if (filters != null && !filters.isBlank()) {
            return TaskSelection.matching(dm.parseFilter(Table.jsonParameter("filters", filters)));
        }
        if (selection != null && !selection.isBlank()) {
            if (!(Table.jsonParameter("selection", selection) instanceof Map<?, ?> map)) {
                throw new ValidationException("invalid selection", "selection must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) map;
            return dm.parseSelection(tree);
        }
        return null;
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
