package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.labelstudio.TaskShape;
import io.labelhub.dm.rest.internal.Dtos.CompletionDto;

/** A completion by its id; new ones are added to their task ({@code POST tasks/{id}/completions}). */
@Component(service = CompletionResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("completions")
@Produces(MediaType.APPLICATION_JSON)
public class CompletionResource {

    /** The fields a completion body may have, on create and on change. */
    static final List<String> FIELDS = List.of("result", "lead_time", "was_cancelled", "ground_truth");

    private final TaskService tasks;
    private final MemberService members;
    private final ReviewService reviews;

    @Activate
    public CompletionResource(@Reference TaskService tasks, @Reference MemberService members,
                              @Reference ReviewService reviews) {
        this.tasks = tasks;
        this.members = members;
        this.reviews = reviews;
    }

    /**
     * The completion with the caller's grant, if they may touch it: their own as any member, another's with
     * {@code others} (a reviewer reads them, a manager changes them).
     */
    private Access.Grant grant(SecurityContext security, Completion completion, Role others, String doing) {
        Access.Grant grant = Access.within(security, members, tasks.projectOf(completion.taskId()), "completion",
                completion.id(), Role.ANNOTATOR);
        if (completion.completedBy() == null || completion.completedBy() != grant.user().id()) {
            grant.require(others, doing + " another user's completion");
        }
        return grant;
    }

    /** A member's own completion; another's for a reviewer or manager; with its reviews. */
    @GET
    @Path("{id}")
    public CompletionDto get(@Context SecurityContext security, @PathParam("id") long id) {
        Completion completion = tasks.getCompletion(id);
        grant(security, completion, Role.REVIEWER, "reading");
        return CompletionDto.of(completion, reviews.ofCompletion(id));
    }

    /** Changes only the fields given: one's own, or as a manager anybody's; ground truth only a manager. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionDto update(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        Completion completion = tasks.getCompletion(id);
        Access.Grant grant = grant(security, completion, Role.MANAGER, "changing");
        JsonNode node = Bodies.object(body, "completion", FIELDS);
        List<String> problems = new ArrayList<>();
        Map<?, ?> plain = Bodies.plain(node);
        List<Map<String, Object>> result = node.has("result") ? TaskShape.result(plain, "", problems) : null;
        Double leadTime = TaskShape.number(plain, "lead_time", "", problems);
        Boolean cancelled = TaskShape.optionalBool(plain, "was_cancelled", "", problems);
        Boolean groundTruth = TaskShape.optionalBool(plain, "ground_truth", "", problems);
        Bodies.failOn(problems, "completion");
        if (groundTruth != null && groundTruth != completion.groundTruth()) {
            grant.require(Role.MANAGER, "ground_truth");
        }
        return CompletionDto.of(tasks.updateCompletion(id,
                new CompletionPatch(result, leadTime, cancelled, groundTruth)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") long id) {
        grant(security, tasks.getCompletion(id), Role.MANAGER, "deleting");
        tasks.deleteCompletion(id);
        return Response.noContent().build();
    }
}
