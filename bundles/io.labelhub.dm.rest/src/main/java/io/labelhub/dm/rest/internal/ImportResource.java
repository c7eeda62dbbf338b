package io.labelhub.dm.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.PathParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.service.ImportService;
import io.labelhub.dm.rest.internal.Dtos.ImportResultDto;

/**
 * Imports into a project, all or nothing: a JSON body (one task or a list), or uploaded files of any installed
 * format. Bodies are handed to the import service as streams; it reads and limits them.
 */
@Component(service = ImportResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(DmApplication.SELECT)
@Path("projects/{id}/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;

    @Activate
    public ImportResource(@Reference ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importJson(@Context SecurityContext security, @PathParam("id") long projectId,
                               InputStream body) {
        return created(projectId, imports.importJson(projectId, body, Caller.of(security)));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFiles(@Context SecurityContext security, @PathParam("id") long projectId,
                                MultipartBody body) throws IOException {
        List<ImportService.Upload> uploads = new ArrayList<>();
        for (Attachment attachment : body.getAllAttachments()) {
            String name = attachment.getContentDisposition() == null ? null
                    : attachment.getContentDisposition().getFilename();
            if (name == null || name.isBlank()) {
                throw new ValidationException("invalid upload",
                        "every part must be a file with a filename (form field '" + fieldName(attachment) + "')");
            }
            uploads.add(new ImportService.Upload(name, attachment.getDataHandler().getInputStream()));
        }
        return created(projectId, imports.importFiles(projectId, uploads, Caller.of(security)));
    }

    private static String fieldName(Attachment attachment) {
        return attachment.getContentDisposition() == null ? "?"
                : String.valueOf(attachment.getContentDisposition().getParameter("name"));
    }

    private static Response created(long projectId, ImportService.Result result) {
        return Response.created(URI.create("projects/" + projectId + "/tasks")).entity(ImportResultDto.of(result))
                .build();
    }
}
