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
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.NewCompletion;
import io.labelhub.dm.api.NewPrediction;
import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.labelstudio.TaskShape;
import io.labelhub.dm.rest.internal.Dtos.CompletionDto;
import io.labelhub.dm.rest.internal.Dtos.PredictionDto;
import io.labelhub.dm.rest.internal.Dtos.TaskDto;

/** A task with its completions and predictions; completions and predictions by their own ids. */
@Component(service = TaskResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final List<String> COMPLETION_FIELDS = List.of("result", "lead_time", "was_cancelled",
            "ground_truth");
    private static final List<String> PREDICTION_FIELDS = List.of("result", "score", "model_version");

    private final TaskService tasks;

    @Activate
    public TaskResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("tasks/{id}")
    public TaskDto get(@PathParam("id") long id) {
        return TaskDto.of(tasks.get(id), true);
    }

    @PATCH
    @Path("tasks/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskDto update(@PathParam("id") long id, InputStream body) {
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
    @Path("tasks/{id}")
    public Response delete(@PathParam("id") long id) {
        tasks.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("tasks/{id}/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addCompletion(@Context SecurityContext security, @PathParam("id") long taskId,
                                  InputStream body) {
        JsonNode node = object(body, "completion", COMPLETION_FIELDS);
        List<String> problems = new ArrayList<>();
        NewCompletion completion = TaskShape.completion(Bodies.plain(node), "", problems);
        failOn(problems, "completion");
        Completion created = tasks.addCompletion(taskId, completion, Caller.of(security));
        return Response.created(URI.create("completions/" + created.id())).entity(CompletionDto.of(created))
                .build();
    }

    @GET
    @Path("completions/{id}")
    public CompletionDto getCompletion(@PathParam("id") long id) {
        return CompletionDto.of(tasks.getCompletion(id));
    }

    @PATCH
    @Path("completions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionDto updateCompletion(@PathParam("id") long id, InputStream body) {
        JsonNode node = object(body, "completion", COMPLETION_FIELDS);
        List<String> problems = new ArrayList<>();
        Map<?, ?> plain = Bodies.plain(node);
        List<Map<String, Object>> result = node.has("result") ? TaskShape.result(plain, "", problems) : null;
        Double leadTime = TaskShape.number(plain, "lead_time", "", problems);
        Boolean cancelled = TaskShape.optionalBool(plain, "was_cancelled", "", problems);
        Boolean groundTruth = TaskShape.optionalBool(plain, "ground_truth", "", problems);
        failOn(problems, "completion");
        return CompletionDto.of(tasks.updateCompletion(id,
                new CompletionPatch(result, leadTime, cancelled, groundTruth)));
    }

    @DELETE
    @Path("completions/{id}")
    public Response deleteCompletion(@PathParam("id") long id) {
        tasks.deleteCompletion(id);
        return Response.noContent().build();
    }

    @POST
    @Path("tasks/{id}/predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addPrediction(@PathParam("id") long taskId, InputStream body) {
        JsonNode node = object(body, "prediction", PREDICTION_FIELDS);
        List<String> problems = new ArrayList<>();
        NewPrediction prediction = TaskShape.prediction(Bodies.plain(node), "", problems);
        failOn(problems, "prediction");
        Prediction created = tasks.addPrediction(taskId, prediction);
        return Response.created(URI.create("predictions/" + created.id())).entity(PredictionDto.of(created))
                .build();
    }

    @GET
    @Path("predictions/{id}")
    public PredictionDto getPrediction(@PathParam("id") long id) {
        return PredictionDto.of(tasks.getPrediction(id));
    }

    @DELETE
    @Path("predictions/{id}")
    public Response deletePrediction(@PathParam("id") long id) {
        tasks.deletePrediction(id);
        return Response.noContent().build();
    }

    private static JsonNode object(InputStream body, String what, List<String> fields) {
        JsonNode node = Bodies.readTree(body);
        if (!node.isObject()) {
            throw new ValidationException("invalid " + what, "the body must be a JSON object");
        }
        Bodies.onlyFields(node, what, fields);
        return node;
    }

    private static void failOn(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid " + what, problems);
        }
    }
}
