package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
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
import io.labelhub.dm.api.service.DataManagerService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.Dtos.StatsDto;

/** A project's numbers: tasks done and skipped, counters, labels per control, per annotator, per day. */
@Component(service = StatsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final DataManagerService dm;
    private final MemberService members;

    @Activate
    public StatsResource(@Reference DataManagerService dm, @Reference MemberService members) {
        this.dm = dm;
        this.members = members;
    }

    @GET
    public StatsDto stats(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.MANAGER);
        return StatsDto.of(dm.stats(projectId));
    }
}
