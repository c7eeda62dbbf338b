package io.labelhub.dm.rest.internal;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

import io.labelhub.dm.api.Prediction;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.service.MemberService;
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
    private final MemberService members;

    @Activate
    public PredictionResource(@Reference TaskService tasks, @Reference MemberService members) {
        this.tasks = tasks;
        this.members = members;
    }

    private Prediction granted(SecurityContext security, long id, Role needed) {
        Prediction prediction = tasks.getPrediction(id);
        Access.within(security, members, tasks.projectOf(prediction.taskId()), "prediction", id, needed);
        return prediction;
    }

    /** Predictions are what the editor pre-fills, so every member reads them. */
    @GET
    @Path("{id}")
    public PredictionDto get(@Context SecurityContext security, @PathParam("id") long id) {
        return PredictionDto.of(granted(security, id, Role.ANNOTATOR));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") long id) {
        granted(security, id, Role.MANAGER);
        tasks.deletePrediction(id);
        return Response.noContent().build();
    }
}
