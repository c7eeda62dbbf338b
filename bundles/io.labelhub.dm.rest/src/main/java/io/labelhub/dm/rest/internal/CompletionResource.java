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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.CompletionPatch;
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

    @Activate
    public CompletionResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("{id}")
    public CompletionDto get(@PathParam("id") long id) {
        return CompletionDto.of(tasks.getCompletion(id));
    }

    /** Changes only the fields given. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionDto update(@PathParam("id") long id, InputStream body) {
        JsonNode node = Bodies.object(body, "completion", FIELDS);
        List<String> problems = new ArrayList<>();
        Map<?, ?> plain = Bodies.plain(node);
        List<Map<String, Object>> result = node.has("result") ? TaskShape.result(plain, "", problems) : null;
        Double leadTime = TaskShape.number(plain, "lead_time", "", problems);
        Boolean cancelled = TaskShape.optionalBool(plain, "was_cancelled", "", problems);
        Boolean groundTruth = TaskShape.optionalBool(plain, "ground_truth", "", problems);
        Bodies.failOn(problems, "completion");
        return CompletionDto.of(tasks.updateCompletion(id,
                new CompletionPatch(result, leadTime, cancelled, groundTruth)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        tasks.deleteCompletion(id);
        return Response.noContent().build();
    }
}
