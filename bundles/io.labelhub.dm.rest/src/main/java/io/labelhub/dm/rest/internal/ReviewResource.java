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

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.ReviewDto;
import io.labelhub.dm.rest.internal.Dtos.ReviewList;

/** The reviews of a completion: a reviewer's thumb up or down, and reading them. */
@Component(service = ReviewResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("completions/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private static final List<String> FIELDS = List.of("accepted", "comment");

    private final ReviewService reviews;
    private final TaskService tasks;
    private final MemberService members;

    @Activate
    public ReviewResource(@Reference ReviewService reviews, @Reference TaskService tasks,
                          @Reference MemberService members) {
        this.reviews = reviews;
        this.tasks = tasks;
        this.members = members;
    }

    /**
     * The caller's vote, {@code {"accepted": true|false, "comment"?: "…"}}: 201 the first time, 200 when it replaces
     * their earlier one.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response review(@Context SecurityContext security, @PathParam("id") long completionId,
                           InputStream body) {
        Completion completion = tasks.getCompletion(completionId);
        Access.Grant grant = Access.within(security, members, tasks.projectOf(completion.taskId()), "completion",
                completionId, Role.REVIEWER);
        JsonNode node = Bodies.object(body, "review", FIELDS);
        JsonNode accepted = node.get("accepted");
        if (accepted == null || !accepted.isBoolean()) {
            throw new ValidationException("invalid review", "accepted is required and must be true (thumb up) or "
                    + "false (thumb down)" + (accepted == null ? "" : ", was " + accepted));
        }
        JsonNode comment = node.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new ValidationException("invalid review", "comment must be a string, was " + comment);
        }
        ReviewService.Outcome outcome = reviews.review(completionId, grant.user(), accepted.booleanValue(),
                comment == null || comment.isNull() ? null : comment.textValue());
        ReviewDto dto = ReviewDto.of(outcome.review());
        return outcome.created()
                ? Response.created(URI.create("completions/" + completionId + "/reviews")).entity(dto).build()
                : Response.ok(dto).build();
    }

    /** The completion's reviews, oldest first: for its author, and for reviewers and managers. */
    @GET
    public ReviewList list(@Context SecurityContext security, @PathParam("id") long completionId) {
        Completion completion = tasks.getCompletion(completionId);
        Access.Grant grant = Access.within(security, members, tasks.projectOf(completion.taskId()), "completion",
                completionId, Role.ANNOTATOR);
        if (completion.completedBy() == null || completion.completedBy() != grant.user().id()) {
            grant.require(Role.REVIEWER, "reading the reviews of another user's completion");
        }
        return new ReviewList(reviews.ofCompletion(completionId).stream().map(ReviewDto::of).toList());
    }
}
