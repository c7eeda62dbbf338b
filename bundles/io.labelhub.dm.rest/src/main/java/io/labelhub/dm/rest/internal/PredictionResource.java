package io.labelhub.dm.rest.internal;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.PredictionDto;

/** A prediction by its id; new ones are added to their task ({@code POST tasks/{id}/predictions}). */
@Component(service = PredictionResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("predictions")
@Produces(MediaType.APPLICATION_JSON)
public class PredictionResource {

    /** The fields a prediction body may have. */
    static final List<String> FIELDS = List.of("result", "score", "model_version");

    private final TaskService tasks;

    @Activate
    public PredictionResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("{id}")
    public PredictionDto get(@PathParam("id") long id) {
        return PredictionDto.of(tasks.getPrediction(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        tasks.deletePrediction(id);
        return Response.noContent().build();
    }
}
