package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.review.ReviewService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.stream.LabelStreamService;
import io.labelhub.dm.labelstudio.TaskShape;
import io.labelhub.dm.rest.internal.Dtos.CompletionDto;
import io.labelhub.dm.rest.internal.Dtos.LockDto;
import io.labelhub.dm.rest.internal.Dtos.PredictionDto;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;

/**
 * A task with its completions and predictions, and adding those to it. Completions and predictions are read and
 * changed by their own ids ({@link CompletionResource}, {@link PredictionResource}).
 */
@Component(service = TaskResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService tasks;
    private final MemberService members;
    private final LabelStreamService stream;
    private final ReviewService reviews;

    @Activate
    public TaskResource(@Reference TaskService tasks, @Reference MemberService members,
                        @Reference LabelStreamService stream, @Reference ReviewService reviews) {
        this.tasks = tasks;
        this.members = members;
        this.stream = stream;
        this.reviews = reviews;
    }

    private Access.Grant grant(SecurityContext security, long taskId, Role needed) {
        return Access.within(security, members, tasks.projectOf(taskId), "task", taskId, needed);
    }

    /** The task whole, each completion with its reviews; an annotator sees only their own completions of it. */
    @GET
    @Path("{id}")
    public TaskDto get(@Context SecurityContext security, @PathParam("id") long id) {
        Access.Grant grant = grant(security, id, Role.ANNOTATOR);
        Task task = tasks.get(id);
        if (!grant.has(Role.REVIEWER)) {
            task = task.withCompletions(task.completions().stream()
                    .filter(c -> c.completedBy() != null && c.completedBy() == grant.user().id()).toList());
        }
        return TaskDto.of(task, reviews.ofTask(id));
    }

    /** Replaces the task's {@code data} (and its {@code meta}, when given). */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskDto update(@Context SecurityContext security, @PathParam("id") long id, InputStream body) {
        grant(security, id, Role.MANAGER);
        JsonNode node = Bodies.readTree(body);
        Bodies.onlyFields(node, "task", List.of("data", "meta"));
        if (!node.has("data")) {
            throw new ValidationException("invalid task", "data is required");
        }
        Map<String, Object> meta = node.hasNonNull("meta") ? Bodies.toMap(node.get("meta"), "meta") : null;
        tasks.update(id, Bodies.toMap(node.get("data"), "data"), meta);
        return TaskDto.of(tasks.get(id), true);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") long id) {
        grant(security, id, Role.MANAGER);
        tasks.delete(id);
        return Response.noContent().build();
    }

    /**
     * A completion by the caller, in Label Studio's shape; only a manager marks it ground truth. An annotator submits
     * only a task they hold from the Label Stream (and so only once); the completion ends the hold.
     */
    @POST
    @Path("{id}/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addCompletion(@Context SecurityContext security, @PathParam("id") long taskId,
                                  InputStream body) {
        Access.Grant grant = grant(security, taskId, Role.ANNOTATOR);
        JsonNode node = Bodies.object(body, "completion", CompletionResource.FIELDS);
        List<String> problems = new ArrayList<>();
        NewCompletion completion = TaskShape.completion(Bodies.plain(node), "", problems);
        Bodies.failOn(problems, "completion");
        if (completion.groundTruth()) {
            grant.require(Role.MANAGER, "ground_truth");
        }
        if (!grant.has(Role.REVIEWER)) {
            stream.checkSubmission(taskId, grant.user());
        }
        Completion created = tasks.addCompletion(taskId, completion, grant.user());
        return Response.created(URI.create("completions/" + created.id())).entity(CompletionDto.of(created))
                .build();
    }

    /** Renews the caller's hold of a task from the Label Stream (or takes it again, if still open to them). */
    @POST
    @Path("{id}/lock")
    public LockDto lock(@Context SecurityContext security, @PathParam("id") long taskId) {
        Access.Grant grant = grant(security, taskId, Role.ANNOTATOR);
        return new LockDto(taskId, Dtos.time(stream.lock(taskId, grant.user())));
    }

    /** Skips a task the caller holds: a cancelled completion, which ends the hold; the stream moves on. */
    @POST
    @Path("{id}/skip")
    public Response skip(@Context SecurityContext security, @PathParam("id") long taskId) {
        Access.Grant grant = grant(security, taskId, Role.ANNOTATOR);
        Completion skipped = stream.skip(taskId, grant.user());
        return Response.created(URI.create("completions/" + skipped.id())).entity(CompletionDto.of(skipped))
                .build();
    }

    @POST
    @Path("{id}/predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addPrediction(@Context SecurityContext security, @PathParam("id") long taskId,
                                  InputStream body) {
        grant(security, taskId, Role.MANAGER);
        JsonNode node = Bodies.object(body, "prediction", PredictionResource.FIELDS);
        List<String> problems = new ArrayList<>();
        NewPrediction prediction = TaskShape.prediction(Bodies.plain(node), "", problems);
        Bodies.failOn(problems, "prediction");
        Prediction created = tasks.addPrediction(taskId, prediction);
        return Response.created(URI.create("predictions/" + created.id())).entity(PredictionDto.of(created))
                .build();
    }
}
