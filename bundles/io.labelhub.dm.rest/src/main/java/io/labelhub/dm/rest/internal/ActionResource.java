package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.User;
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.rest.internal.Dtos.ActionDto;
import io.labelhub.dm.rest.internal.Dtos.ActionResultDto;

/** Bulk actions on a selection of a project's tasks; plugins add actions. */
@Component(service = ActionResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    private final ProjectService projects;
    private final DataManagerService dm;
    private final MemberService members;

    @Activate
    public ActionResource(@Reference ProjectService projects, @Reference DataManagerService dm,
                          @Reference MemberService members) {
        this.projects = projects;
        this.dm = dm;
        this.members = members;
    }

    /** The installed actions, by name; the same for every project (which must exist), run by its managers. */
    @GET
    public List<ActionDto> list(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.MANAGER);
        projects.get(projectId);
        return dm.actions().entrySet().stream().map(e -> new ActionDto(e.getKey(), e.getValue())).toList();
    }

    /** Runs an action on the selection in the body; answers how many rows it affected. */
    @POST
    @Path("{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResultDto act(@Context SecurityContext security, @PathParam("id") long projectId,
                               @PathParam("action") String action, InputStream body) {
        User caller = Access.project(security, members, projectId, Role.MANAGER).user();
        long affected = dm.act(projectId, action, Bodies.toMap(Bodies.readTree(body), "the selection"), caller);
        return new ActionResultDto(action, affected);
    }
}
