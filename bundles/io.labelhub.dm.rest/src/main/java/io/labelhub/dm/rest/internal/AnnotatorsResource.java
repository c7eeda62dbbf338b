package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.gt.GroundTruthService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.GroundTruthDtos.AnnotatorList;

/** Per annotator of a project: counts, lead time, reviews, and agreement with ground truth; for reviewers up. */
@Component(service = AnnotatorsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/annotators")
@Produces(MediaType.APPLICATION_JSON)
public class AnnotatorsResource {

    private final GroundTruthService groundTruth;
    private final MemberService members;

    @Activate
    public AnnotatorsResource(@Reference GroundTruthService groundTruth, @Reference MemberService members) {
        this.groundTruth = groundTruth;
        this.members = members;
    }

    /** By the agreement measure {@code measure} (an installed one; default {@code default}). */
    @GET
    public AnnotatorList annotators(@Context SecurityContext security, @PathParam("id") long projectId,
                                    @QueryParam("measure") String measure) {
        Access.project(security, members, projectId, Role.REVIEWER);
        return AnnotatorList.of(groundTruth.annotators(projectId, measure), groundTruth.measures());
    }
}
