package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.stream.Handout;
import io.labelhub.dm.api.stream.LabelStreamService;
import io.labelhub.dm.rest.internal.Dtos.HandoutDto;

/** The Label Stream: the caller's next task, locked to them. */
@Component(service = NextTaskResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/next")
@Produces(MediaType.APPLICATION_JSON)
public class NextTaskResource {

    private final LabelStreamService stream;
    private final MemberService members;

    @Activate
    public NextTaskResource(@Reference LabelStreamService stream, @Reference MemberService members) {
        this.stream = stream;
        this.members = members;
    }

    /**
     * The next task by the project's sampling strategy, among those the Data Manager {@code filters} match (none:
     * all), with its predictions and without anybody's completions; 404 "no more tasks" when the stream is done for
     * the caller.
     */
    @GET
    public HandoutDto next(@Context SecurityContext security, @PathParam("id") long projectId,
                           @QueryParam("filters") String filters) {
        Access.Grant grant = Access.project(security, members, projectId, Role.ANNOTATOR);
        Handout handout = stream.next(projectId, grant.user(), Params.json("filters", filters))
                .orElseThrow(() -> new DmException(DmException.Kind.NOT_FOUND, "no more tasks",
                        "project " + projectId + " has no task left for you to label"));
        return HandoutDto.of(handout);
    }
}
