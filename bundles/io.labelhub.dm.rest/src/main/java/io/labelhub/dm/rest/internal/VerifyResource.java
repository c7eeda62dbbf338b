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

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.Dtos.VerifyDto;

/** The Verify Stream: the caller's next completion to review. */
@Component(service = VerifyResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/verify/next")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    private final ReviewService reviews;
    private final MemberService members;

    @Activate
    public VerifyResource(@Reference ReviewService reviews, @Reference MemberService members) {
        this.reviews = reviews;
        this.members = members;
    }

    /**
     * A completion of the project at random that the caller has not reviewed (not skipped, not theirs), with its
     * task; the same one again until they vote on it; 404 "no more completions" when none is left.
     */
    @GET
    public VerifyDto next(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.Grant grant = Access.project(security, members, projectId, Role.REVIEWER);
        return VerifyDto.of(reviews.next(projectId, grant.user())
                .orElseThrow(() -> new DmException(DmException.Kind.NOT_FOUND, "no more completions",
                        "project " + projectId + " has no completion left for you to review")));
    }
}
