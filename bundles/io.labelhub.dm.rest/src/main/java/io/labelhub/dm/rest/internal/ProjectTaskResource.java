package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.DataManagerService.TableRequest;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.TableDto;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;
import io.labelhub.dm.rest.internal.Dtos.TotalsDto;

/**
 * The tasks of a project: adding one, and the Data Manager table (filters, ordering, paging, Quick view columns)
 * with its Found totals. Query text is parsed here, once, and handed to the Data Manager as one request, which
 * reads and checks it.
 */
@Component(service = ProjectTaskResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectTaskResource {

    private static final List<String> QUERY_FIELDS = List.of("filters", "ordering", "page", "page_size", "fields");

    private final TaskService tasks;
    private final DataManagerService dm;
    private final MemberService members;

    @Activate
    public ProjectTaskResource(@Reference TaskService tasks, @Reference DataManagerService dm,
                               @Reference MemberService members) {
        this.tasks = tasks;
        this.dm = dm;
        this.members = members;
    }

    /** One task in Label Studio's shape; a flat object is taken as its {@code data}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("id") long projectId, InputStream body) {
        User caller = Access.project(security, members, projectId, Role.MANAGER).user();
        Task task = tasks.create(projectId, Bodies.task(Bodies.readTree(body)), caller);
        return Response.created(URI.create("tasks/" + task.id())).entity(TaskDto.of(task, true)).build();
    }

    /**
     * The Data Manager table: {@code filters} (JSON), {@code ordering} ({@code -completions,id}), {@code page},
     * {@code page_size} and {@code fields} (a Quick view: {@code id,data.text}).
     */
    @GET
    public TableDto table(@Context SecurityContext security, @PathParam("id") long projectId,
                          @QueryParam("filters") String filters, @QueryParam("ordering") String ordering,
                          @QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                          @QueryParam("fields") String fields) {
        Access.project(security, members, projectId, Role.REVIEWER);
        return TableDto.of(dm.table(projectId, new TableRequest(Params.json("filters", filters),
                Params.names(ordering), Paging.of(page, pageSize), Params.names(fields))));
    }

    /** The table with its parameters in a JSON body, for filters too long for a URL. */
    @POST
    @Path("query")
    @Consumes(MediaType.APPLICATION_JSON)
    public TableDto query(@Context SecurityContext security, @PathParam("id") long projectId, InputStream body) {
        Access.project(security, members, projectId, Role.REVIEWER);
        JsonNode tree = Bodies.readTree(body);
        if (!tree.isObject()) {
            throw new ValidationException("invalid body", "the body must be a JSON object");
        }
        Bodies.onlyFields(tree, "query", QUERY_FIELDS);
        return TableDto.of(dm.table(projectId, new TableRequest(
                Mappers.JSON.convertValue(tree.get("filters"), Object.class),
                Params.names(tree.get("ordering"), "ordering"),
                Paging.of(Params.text(tree.get("page")), Params.text(tree.get("page_size"))),
                Params.names(tree.get("fields"), "fields"))));
    }

    /** The totals of every task the filter matches, for the Found panel. */
    @GET
    @Path("found")
    public TotalsDto found(@Context SecurityContext security, @PathParam("id") long projectId,
                           @QueryParam("filters") String filters) {
        Access.project(security, members, projectId, Role.REVIEWER);
        return TotalsDto.of(dm.found(projectId, Params.json("filters", filters)));
    }
}
