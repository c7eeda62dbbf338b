package io.labelhub.dm.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.Role;
import io.labelhub.dm.api.io.SampleFile;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.api.service.MemberService;
import io.labelhub.dm.rest.internal.Dtos.SampleFormatList;

/**
 * Sample files to import, made from a project's labeling config by the installed import formats that offer one:
 * a user downloads one, fills it in and uploads it.
 */
@Component(service = SampleFileResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/sample-files")
@Produces(MediaType.APPLICATION_JSON)
public class SampleFileResource {

    private final ImportService imports;
    private final MemberService members;

    @Activate
    public SampleFileResource(@Reference ImportService imports, @Reference MemberService members) {
        this.imports = imports;
        this.members = members;
    }

    /** The formats that offer a sample for this project's config (they come and go with format bundles). */
    @GET
    public SampleFormatList formats(@Context SecurityContext security, @PathParam("id") long projectId) {
        Access.project(security, members, projectId, Role.MANAGER);
        return new SampleFormatList(imports.sampleFormats(projectId));
    }

    @GET
    @Path("{format}")
    @Produces(MediaType.WILDCARD)
    public Response file(@Context SecurityContext security, @PathParam("id") long projectId,
                         @PathParam("format") String format) {
        Access.project(security, members, projectId, Role.MANAGER);
        SampleFile sample = imports.sampleFile(projectId, format);
        return Response.ok(sample.content(), sample.mediaType() + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sample." + sample.extension() + "\"")
                .build();
    }
}
