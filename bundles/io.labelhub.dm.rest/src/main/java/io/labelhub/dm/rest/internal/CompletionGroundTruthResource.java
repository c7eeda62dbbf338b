package io.labelhub.dm.rest.internal;

import javax.ws.rs.DELETE;
import javax.ws.rs.POST;
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

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.gt.GroundTruthService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.rest.internal.Dtos.CompletionDto;

/**
 * Marks a completion as its task's ground truth (moving the mark from another completion of the task) or unmarks it:
 * a project manager's. The same rule as {@code PATCH /completions/{id}} with {@code ground_truth}.
 */
@Component(service = CompletionGroundTruthResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("completions/{id}/ground-truth")
@Produces(MediaType.APPLICATION_JSON)
public class CompletionGroundTruthResource {

    private final GroundTruthService groundTruth;
    private final TaskService tasks;
    private final MemberService members;

    @Activate
    public CompletionGroundTruthResource(@Reference GroundTruthService groundTruth, @Reference TaskService tasks,
                                         @Reference MemberService members) {
        this.groundTruth = groundTruth;
        this.tasks = tasks;
        this.members = members;
    }

    private void requireManager(SecurityContext security, long id) {
        Completion completion = tasks.getCompletion(id);
        Access.within(security, members, tasks.projectOf(completion.taskId()), "completion", id, Role.MANAGER);
    }

    /** The completion, marked; 422 when it is skipped. */
    @POST
    public CompletionDto mark(@Context SecurityContext security, @PathParam("id") long id) {
        requireManager(security, id);
        return CompletionDto.of(groundTruth.mark(id));
    }

    /** The completion, a regular one again (also when it was not marked). */
    @DELETE
    public CompletionDto unmark(@Context SecurityContext security, @PathParam("id") long id) {
        requireManager(security, id);
        return CompletionDto.of(groundTruth.unmark(id));
    }
}
