package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
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
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.query.View;
import io.labelhub.dm.api.query.ViewDraft;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.ViewService;
import io.labelhub.dm.rest.internal.Dtos.ViewDto;

/** The saved views (tabs) of a project's Data Manager. */
@Component(service = ViewResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/views")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    private static final List<String> FIELDS = List.of("title", "filters", "ordering", "columns", "mode");

    private final ViewService views;
    private final MemberService members;

    @Activate
    public ViewResource(@Reference ViewService views, @Reference MemberService members) {
        this.views = views;
        this.members = members;
    }

    @GET
    public List<ViewDto> list(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.REVIEWER);
        return views.list(projectId).stream().map(ViewDto::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("id") long projectId, InputStream body) {
        User caller = Access.project(security, members, projectId, Role.MANAGER).user();
        View view = views.create(projectId, draft(Bodies.readTree(body)), caller);
        return Response.created(URI.create("projects/" + projectId + "/views/" + view.id()))
                .entity(ViewDto.of(view)).build();
    }

    @GET
    @Path("{view}")
    public ViewDto get(@Context SecurityContext security, @PathParam("id") long projectId,
                       @PathParam("view") long view) {
        Access.project(security, members, projectId, Role.REVIEWER);
        return ViewDto.of(views.get(projectId, view));
    }

    @PUT
    @Path("{view}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ViewDto replace(@Context SecurityContext security, @PathParam("id") long projectId,
                           @PathParam("view") long view, InputStream body) {
        Access.project(security, members, projectId, Role.MANAGER);
        return ViewDto.of(views.replace(projectId, view, draft(Bodies.readTree(body))));
    }

    @DELETE
    @Path("{view}")
    public Response delete(@Context SecurityContext security, @PathParam("id") long projectId,
                           @PathParam("view") long view) {
        Access.project(security, members, projectId, Role.MANAGER);
        views.delete(projectId, view);
        return Response.noContent().build();
    }

    /**
     * {@code {"title", "filters", "ordering", "columns", "mode": "full"|"quick"}}; the filter stays the parsed JSON
     * tree, which the view service checks like a query's and keeps as sent.
     */
    static ViewDraft draft(JsonNode body) {
        if (!body.isObject()) {
            throw new ValidationException("invalid body", "a view must be a JSON object");
        }
        Bodies.onlyFields(body, "view", FIELDS);
        JsonNode title = body.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            throw new ValidationException("invalid view", "title must be a string");
        }
        String mode = body.hasNonNull("mode") ? body.get("mode").asText() : "full";
        if (!mode.equals("full") && !mode.equals("quick")) {
            throw new ValidationException("invalid view", "mode must be \"full\" or \"quick\", was \"" + mode + "\"");
        }
        Object filters = body.hasNonNull("filters") ? Mappers.JSON.convertValue(body.get("filters"), Object.class)
                : null;
        return new ViewDraft(title == null || title.isNull() ? null : title.asText(), filters,
                Params.names(body.get("ordering"), "ordering"), Params.names(body.get("columns"), "columns"),
                mode.equals("quick"));
    }
}
