package io.labelhub.dm.rest.internal;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.gt.GroundTruthService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.GroundTruthDtos.ResetDto;
import io.labelhub.dm.rest.internal.GroundTruthDtos.SampleDto;

/** The GT Manager of a project: a random sample of the completions a filter matches as ground truth, and reset. */
@Component(service = GroundTruthResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/ground-truth")
@Produces(MediaType.APPLICATION_JSON)
public class GroundTruthResource {

    static final List<String> SAMPLE_FIELDS = List.of("filters", "percent", "seed", "dry_run");

    private final GroundTruthService groundTruth;
    private final MemberService members;

    @Activate
    public GroundTruthResource(@Reference GroundTruthService groundTruth, @Reference MemberService members) {
        this.groundTruth = groundTruth;
        this.members = members;
    }

    /**
     * {@code {"filters": <completion filter>, "percent": 0-100, "seed"?: <integer>}}: marks that share of the matching
     * completions; answers {@code matched}, {@code target}, {@code marked} and the {@code seed} drawn with. With
     * {@code "dry_run": true} nothing is marked and {@code marked} is how many would be.
     */
    @POST
    @Path("sample")
    @Consumes(MediaType.APPLICATION_JSON)
    public SampleDto sample(@Context SecurityContext security, @PathParam("id") long projectId, InputStream body) {
        Access.project(security, members, projectId, Role.MANAGER);
        JsonNode node = Bodies.object(body, "sample", SAMPLE_FIELDS);
        JsonNode percent = node.get("percent");
        if (percent == null || !percent.isNumber()) {
            throw new ValidationException("invalid sample", "percent must be a number from 0 to 100, was "
                    + (percent == null ? "missing" : percent.toString()));
        }
        JsonNode seed = node.get("seed");
        if (seed != null && !seed.isNull() && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
            throw new ValidationException("invalid sample", "seed must be an integer, was " + seed);
        }
        JsonNode dryRun = node.get("dry_run");
        if (dryRun != null && !dryRun.isBoolean()) {
            throw new ValidationException("invalid sample", "dry_run must be true or false, was " + dryRun);
        }
        Object filters = node.has("filters") && !node.get("filters").isNull()
                ? Mappers.JSON.convertValue(node.get("filters"), Object.class) : null;
        Long seedValue = seed == null || seed.isNull() ? null : seed.asLong();
        return SampleDto.of(dryRun != null && dryRun.booleanValue()
                ? groundTruth.preview(projectId, filters, percent.asDouble(), seedValue)
                : groundTruth.sample(projectId, filters, percent.asDouble(), seedValue));
    }

    /** Turns every ground truth of the project into a regular completion; answers how many. */
    @POST
    @Path("reset")
    public ResetDto reset(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.MANAGER);
        return new ResetDto(groundTruth.reset(projectId));
    }
}
